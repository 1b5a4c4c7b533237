using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Reading;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Parquet.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet;

/// <summary>
/// Writes one Parquet file from column batches, in the layout Spark writes (data page v1 by default, dictionary
/// encoding with fallback to PLAIN, RLE levels, min/max/null-count statistics), ZSTD-compressed by default.
/// Call <see cref="Close"/> to write the footer and get the statistics of what was written. Not thread-safe.
/// </summary>
public sealed class ParquetFileWriter : IDisposable
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private static readonly string CreatedBy = $"DeltaSharp version {typeof(ParquetFileWriter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"} (build 0)";

    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly StructType _schema;
    private readonly ParquetWriteOptions _options;
    private readonly List<SchemaElement> _elements;
    private readonly ParquetSchema _parquetSchema;
    private readonly FieldWriter[] _fields;
    private readonly ColumnChunkWriter[] _leafWriters;
    private readonly List<RowGroup> _rowGroups = [];
    private long _position;
    private long _rowGroupRows;
    private long _totalRows;
    private int[] _rowScratch = new int[1024];
    private int[] _defScratch = new int[1024];
    private int[] _valueScratch = new int[1024];
    private ParquetWriteResult? _result;
    private bool _failed;

    public ParquetFileWriter(Stream output, StructType schema, ParquetWriteOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(schema);
        _options = options ?? ParquetWriteOptions.Default;
        if (_options.DataPageVersion is not (1 or 2)) throw new ArgumentException("DataPageVersion must be 1 or 2.", nameof(options));
        if (!Compression.ParquetCompression.IsSupported(_options.Compression))
            throw new ArgumentException($"Compression codec {_options.Compression} cannot be written.", nameof(options));
        _output = output;
        _leaveOpen = leaveOpen;
        _schema = schema;
        _elements = ParquetSchema.FromSparkSchema(schema);
        _parquetSchema = new ParquetSchema(_elements);
        var leafByNode = new Dictionary<SchemaNode, ColumnDescriptor>();
        foreach (var leaf in _parquetSchema.Columns) leafByNode[leaf.Node] = leaf;
        _leafWriters = new ColumnChunkWriter[_parquetSchema.Columns.Count];
        _fields = new FieldWriter[schema.Count];
        for (var f = 0; f < schema.Count; f++)
        {
            var node = _parquetSchema.Root.Children[f];
            var leaves = new List<SchemaNode>();
            var plan = FieldPlan.Build(schema[f].Type, node, leaves);
            var primitives = plan.Primitives();
            var writers = new ColumnChunkWriter[leaves.Count];
            for (var l = 0; l < leaves.Count; l++)
            {
                var desc = leafByNode[leaves[l]];
                writers[l] = CreateLeafWriter(desc, primitives[l].Type, EncodingFor(schema[f].Name, desc));
                _leafWriters[desc.Index] = writers[l];
            }
            var flat = node.IsLeaf && node.Repetition != FieldRepetitionType.Repeated;
            _fields[f] = new FieldWriter(schema[f].Name, writers, flat ? null : new Shredder(plan, leaves.Count, schema[f].Name), schema[f].Nullable);
        }
        Write(Magic);
    }

    public static ParquetFileWriter Create(string path, StructType schema, ParquetWriteOptions? options = null) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), schema, options);

    private sealed record FieldWriter(string Name, ColumnChunkWriter[] Leaves, Shredder? Shredder, bool Nullable);

    private Format.Encoding? EncodingFor(string field, ColumnDescriptor leaf)
    {
        var map = _options.ColumnEncodings;
        if (map is null) return null;
        if (map.TryGetValue(leaf.DottedPath, out var e)) return e;
        if (map.TryGetValue(field, out e)) return e;
        return null;
    }

    private ColumnChunkWriter CreateLeafWriter(ColumnDescriptor leaf, DataType type, Format.Encoding? encoding) => leaf.PhysicalType switch
    {
        PhysicalType.Boolean => new FixedColumnWriter<bool>(leaf, type, _options, encoding),
        PhysicalType.Int32 => new FixedColumnWriter<int>(leaf, type, _options, encoding),
        PhysicalType.Int64 => new FixedColumnWriter<long>(leaf, type, _options, encoding),
        PhysicalType.Float => new FixedColumnWriter<float>(leaf, type, _options, encoding),
        PhysicalType.Double => new FixedColumnWriter<double>(leaf, type, _options, encoding),
        PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => new ByteArrayColumnWriter(leaf, type, _options, encoding),
        _ => throw new NotSupportedException($"Cannot write physical type {leaf.PhysicalType}."),
    };

    public StructType Schema => _schema;

    /// <summary>Appends the live rows of <paramref name="batch"/> (its schema must equal the writer's).</summary>
    public void Write(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_result is not null) throw new InvalidOperationException("The writer is closed.");
        if (!batch.Schema.Equals(_schema))
            throw new ArgumentException($"Batch schema {batch.Schema.SimpleString} does not match the writer's {_schema.SimpleString}.", nameof(batch));
        var live = batch.LiveRowCount;
        var done = 0;
        try
        {
            while (done < live)
            {
                var room = (int)Math.Min(int.MaxValue, _options.MaxRowGroupRows - _rowGroupRows);
                var n = Math.Min(live - done, Math.Max(1, room));
                WriteRows(batch, done, n);
                done += n;
                _rowGroupRows += n;
                _totalRows += n;
                if (_rowGroupRows >= _options.MaxRowGroupRows || BufferedBytes() >= _options.MaxRowGroupBytes) FlushRowGroupCore();
            }
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    private long BufferedBytes()
    {
        long total = 0;
        foreach (var w in _leafWriters) total += w.BufferedBytes;
        return total;
    }

    private void WriteRows(ColumnBatch batch, int firstLive, int count)
    {
        if (_rowScratch.Length < count) _rowScratch = new int[count];
        var rows = _rowScratch.AsSpan(0, count);
        if (batch.Selection is { } sel) sel.Indices.AsSpan(firstLive, count).CopyTo(rows);
        else for (var i = 0; i < count; i++) rows[i] = firstLive + i;

        for (var f = 0; f < _fields.Length; f++)
        {
            var field = _fields[f];
            var column = batch.Columns[f];
            if (field.Shredder is null)
            {
                WriteFlat(field, column, rows);
            }
            else if (field.Nullable && AllNull(column, rows))
            {
                WriteAllNull(field, rows.Length);
            }
            else
            {
                field.Shredder.Shred(column, rows);
                var leaves = field.Shredder.Leaves;
                for (var l = 0; l < leaves.Count; l++)
                {
                    var b = leaves[l];
                    var w = field.Leaves[l];
                    w.Write(w.MaxDef > 0 ? b.Defs.AsSpan(0, b.Entries) : default, w.MaxRep > 0 ? b.Reps.AsSpan(0, b.Entries) : default,
                        b.Vector!, b.Values.AsSpan(0, b.ValueCount));
                }
            }
        }
    }

    private static bool AllNull(ColumnVector column, ReadOnlySpan<int> rows)
    {
        if (column.Validity is not { } validity) return false;
        foreach (var r in rows)
            if (validity.IsValid(r)) return false;
        return true;
    }

    /// <summary>Rows where a nullable nested column is null: definition (and repetition) level 0 in every leaf, without
    /// walking the rows one by one (a checkpoint row holds one action, so most of its struct columns are null).</summary>
    private void WriteAllNull(FieldWriter field, int count)
    {
        if (_defScratch.Length < count) _defScratch = new int[count];
        var zeros = _defScratch.AsSpan(0, count);
        zeros.Clear();
        foreach (var w in field.Leaves)
            w.Write(w.MaxDef > 0 ? zeros : default, w.MaxRep > 0 ? zeros : default, NoValues, default);
    }

    private static readonly ColumnVector NoValues = new PrimitiveVector<int>(DataType.Integer, 0);

    private void WriteFlat(FieldWriter field, ColumnVector column, ReadOnlySpan<int> rows)
    {
        var writer = field.Leaves[0];
        if (!column.HasNulls)
        {
            if (writer.MaxDef > 0)
            {
                if (_defScratch.Length < rows.Length) _defScratch = new int[rows.Length];
                var defs = _defScratch.AsSpan(0, rows.Length);
                defs.Fill(writer.MaxDef);
                writer.Write(defs, default, column, rows);
            }
            else
            {
                writer.Write(default, default, column, rows);
            }
            return;
        }
        if (writer.MaxDef == 0)
        {
            foreach (var r in rows)
                if (column.IsNull(r)) throw new ArgumentException($"Column '{field.Name}' is not nullable but holds a null.");
            writer.Write(default, default, column, rows);
            return;
        }
        if (_defScratch.Length < rows.Length) _defScratch = new int[rows.Length];
        if (_valueScratch.Length < rows.Length) _valueScratch = new int[rows.Length];
        var d = _defScratch.AsSpan(0, rows.Length);
        var values = _valueScratch;
        var k = 0;
        var validity = column.Validity!;
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            if (validity.IsValid(r))
            {
                d[i] = 1;
                values[k++] = r;
            }
            else
            {
                d[i] = 0;
            }
        }
        writer.Write(d, default, column, values.AsSpan(0, k));
    }

    /// <summary>Ends the current row group (writing its column chunks to the stream) so that the next rows start a new
    /// one; nothing happens when it holds no rows. Lets a writer keep rows that readers select together (e.g. by
    /// row-group statistics) in their own row groups.</summary>
    public void FlushRowGroup()
    {
        if (_result is not null) throw new InvalidOperationException("The writer is closed.");
        if (_failed) throw new InvalidOperationException("A write failed; the file is incomplete and must be discarded.");
        try
        {
            FlushRowGroupCore();
        }
        catch
        {
            _failed = true;
            throw;
        }
    }

    private void FlushRowGroupCore()
    {
        if (_rowGroupRows == 0) return;
        var start = _position;
        var chunks = new List<ColumnChunk>(_leafWriters.Length);
        long totalUncompressed = 0;
        foreach (var w in _leafWriters)
        {
            var chunk = w.FinishChunk(_output, _position);
            _position += chunk.MetaData!.TotalCompressedSize;
            totalUncompressed += chunk.MetaData.TotalUncompressedSize;
            chunks.Add(chunk);
        }
        _rowGroups.Add(new RowGroup
        {
            Columns = chunks,
            TotalByteSize = totalUncompressed,
            NumRows = _rowGroupRows,
            FileOffset = start,
            TotalCompressedSize = _position - start,
            Ordinal = (short)Math.Min(short.MaxValue, _rowGroups.Count),
        });
        _rowGroupRows = 0;
    }

    /// <summary>Flushes the last row group, writes the footer and returns what was written.</summary>
    public ParquetWriteResult Close()
    {
        if (_result is not null) return _result;
        if (_failed) throw new InvalidOperationException("A write failed; the file is incomplete and must be discarded.");
        FlushRowGroupCore();
        var metadata = new FileMetaData
        {
            Version = 1,
            Schema = _elements,
            NumRows = _totalRows,
            RowGroups = _rowGroups,
            CreatedBy = CreatedBy,
            KeyValueMetadata = _options.KeyValueMetadata?.Select(kv => new KeyValue { Key = kv.Key, Value = kv.Value }).ToList(),
            ColumnOrders = _leafWriters.Select(_ => new ColumnOrder(ColumnOrderKind.TypeDefinedOrder)).ToList(),
        };
        var footer = ParquetFooter.Serialize(metadata);
        Write(footer);
        Span<byte> len = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(len, footer.Length);
        Write(len);
        Write(Magic);
        _output.Flush();
        var stats = new List<ColumnStatistics>(_leafWriters.Length);
        foreach (var w in _leafWriters)
        {
            var (min, max) = w.FileMinMax();
            stats.Add(new ColumnStatistics(w.Column.Path, w.Type, w.FileNullCount, w.FileValueCount, min, max));
        }
        _result = new ParquetWriteResult(_totalRows, _position, stats);
        if (!_leaveOpen) _output.Dispose();
        return _result;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _position += bytes.Length;
    }

    public void Dispose()
    {
        if (_result is null && !_leaveOpen) _output.Dispose();
    }
}

/// <summary>What a finished file holds: row count, size and statistics per leaf column, so Delta can write
/// <c>stats</c> without re-reading the file.</summary>
public sealed record ParquetWriteResult(long RowCount, long FileSize, IReadOnlyList<ColumnStatistics> Columns);

/// <summary>Statistics of one leaf column over the whole file. Min/Max use the boxing of
/// <see cref="DeltaSharp.Values.ValueConverter"/> (int, long, string, DecimalValue, DateOnly, DateTime, byte[] …); null when
/// the column has only nulls. <see cref="ValueCount"/> counts level entries (rows for top-level columns), nulls included.</summary>
public sealed record ColumnStatistics(IReadOnlyList<string> Path, DataType Type, long NullCount, long ValueCount, object? Min, object? Max);
