using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Writes column batches (in the table's logical schema, partition columns included) as Parquet data files into a
/// table folder and returns their <see cref="AddFile"/> actions. Files are named
/// <c>part-NNNNN-&lt;uuid&gt;-c000.zstd.parquet</c>, placed in Hive-style partition folders for partitioned tables;
/// partition columns are not stored in the files; under column mapping files use physical names and field ids.
/// At most <see cref="DataWriteSettings.MaxOpenFiles"/> partition files are open at once.
/// Each add carries size, modificationTime, raw partition values and Spark-style stats. Nothing becomes part of the
/// table until a <see cref="Transaction"/> commits the adds; <see cref="Dispose"/> without <see cref="Complete"/>
/// deletes the unfinished files. Durability: files are written without a flush each and flushed together (concurrently,
/// with their folders) by <see cref="Complete"/>, or, for a writer from <see cref="Transaction.CreateDataFileWriter"/>,
/// by that transaction's commit together with the commit file, so an append waits for one round of fsyncs, not one per
/// file. Not thread-safe.
/// </summary>
public sealed class DataFileWriter : IDisposable
{
    private readonly string _root;
    private readonly DataWriteSettings _settings;
    private readonly DeltaTableOptions _options;
    private readonly bool _dataChange;
    private readonly int[] _partitionOrdinals;
    private readonly string[] _partitionKeys;
    private readonly int[] _dataOrdinals;
    private readonly StructType _fileSchema;
    private readonly StatsJsonWriter _stats;
    private readonly FactTracker[] _trackers;
    private readonly ParquetWriteOptions _parquetOptions;
    private readonly Dictionary<string, OpenFile> _open = new(StringComparer.Ordinal);
    private readonly List<AddFile> _completed = [];
    private readonly List<string> _written = [];     // full paths of the files written (to flush)
    private readonly List<string>? _flushedByCommit; // the transaction's list, when its commit flushes the files
    private readonly Constraints.WriteConstraints _constraints;
    private readonly StringBuilder _keyBuilder = new();
    private int _fileCounter;
    private bool _finished;

    /// <summary>A writer for the table of <paramref name="snapshot"/> (its schema, partitioning and properties).</summary>
    public DataFileWriter(Snapshot snapshot, bool dataChange = true)
        : this(snapshot.TableRoot, DataWriteSettings.From(snapshot), snapshot.Options, dataChange, null,
            Constraints.WriteConstraints.For(snapshot.Schema, snapshot.Metadata, snapshot.Protocol, snapshot.Options, snapshot.TableRoot))
    {
    }

    /// <param name="flushedByCommit">When set, the files are not flushed by <see cref="Complete"/>: their paths are added
    /// to this list, which the transaction flushes before it publishes its commit.</param>
    /// <param name="constraints">What every batch is checked against before it is written; the schema's NOT NULL
    /// fields when null.</param>
    internal DataFileWriter(string tableRoot, DataWriteSettings settings, DeltaTableOptions options, bool dataChange = true,
        List<string>? flushedByCommit = null, Constraints.WriteConstraints? constraints = null)
    {
        _flushedByCommit = flushedByCommit;
        _constraints = constraints ?? Constraints.WriteConstraints.NotNullOnly(settings.Schema);
        _root = tableRoot;
        _settings = settings;
        _options = options;
        _dataChange = dataChange;
        var schema = settings.Schema;
        _partitionOrdinals = new int[settings.PartitionColumns.Count];
        _partitionKeys = new string[settings.PartitionColumns.Count];
        for (var p = 0; p < _partitionOrdinals.Length; p++)
        {
            var ordinal = schema.IndexOf(settings.PartitionColumns[p]);
            if (ordinal < 0)
                throw new DeltaException("DELTA_PARTITION_COLUMN_NOT_FOUND",
                    $"Partition column '{settings.PartitionColumns[p]}' is not in the table schema {schema.SimpleString}.");
            if (!PartitionValueFormatter.IsSupported(schema[ordinal].Type))
                throw new DeltaException("DELTA_INVALID_PARTITION_COLUMN_TYPE",
                    $"Partition column '{schema[ordinal].Name}' has type {schema[ordinal].Type.SimpleString}; partition columns must be primitive.");
            _partitionOrdinals[p] = ordinal;
            _partitionKeys[p] = PhysicalSchema.NameOf(schema[ordinal], settings.ColumnMapping);
        }
        var data = new List<int>();
        var fileFields = new List<StructField>();
        for (var i = 0; i < schema.Count; i++)
        {
            if (Array.IndexOf(_partitionOrdinals, i) >= 0) continue;
            data.Add(i);
            fileFields.Add(PhysicalSchema.ConvertField(schema[i], settings.ColumnMapping));
        }
        if (data.Count == 0)
            throw new DeltaException("DELTA_CANNOT_WRITE_ONLY_PARTITION_COLUMNS",
                "Every column of the table is a partition column, so data files would have no columns; keep at least one non-partition column.");
        _dataOrdinals = [.. data];
        _fileSchema = new StructType(fileFields);
        _stats = new StatsJsonWriter(settings);
        _trackers = FactTracker.For(_stats.Roots);
        _parquetOptions = new ParquetWriteOptions { Compression = settings.Compression };
    }

    /// <summary>The logical schema batches must have.</summary>
    public StructType Schema => _settings.Schema;

    /// <summary>Appends the live rows of <paramref name="batch"/>.</summary>
    public void Write(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_finished) throw new InvalidOperationException("The writer is complete or disposed.");
        CheckSchema(batch.Schema);
        _constraints.Check(batch);
        if (batch.LiveRowCount == 0) return;
        if (_partitionOrdinals.Length == 0)
        {
            WriteRows(FileFor("", EmptyPartitionValues), batch, batch.Selection is { } s ? s.Span.ToArray() : null);
            return;
        }
        foreach (var (key, group) in GroupByPartition(batch))
            WriteRows(FileFor(key, group.Values), batch, [.. group.Rows]);
    }

    /// <summary>Closes every file and returns one add action per file written.</summary>
    public IReadOnlyList<AddFile> Complete()
    {
        if (_finished) throw new InvalidOperationException("The writer is complete or disposed.");
        foreach (var file in _open.Values) _completed.Add(Close(file));
        _open.Clear();
        _finished = true;
        // Every data file must be on disk before a commit that references it is published.
        if (_flushedByCommit is not null) _flushedByCommit.AddRange(_written);
        else if (_written.Count > 0) _options.FileStore.FlushToDisk(_written);
        return _completed;
    }

    /// <summary>Abandons unfinished files (deleting them); completed adds are not affected.</summary>
    public void Dispose()
    {
        if (_finished) return;
        _finished = true;
        foreach (var file in _open.Values)
        {
            file.Writer.Dispose();
            file.Stream.Dispose();
            try { _options.FileStore.Delete(file.FullPath); }
            catch (IOException) { /* an orphan for VACUUM */ }
        }
        _open.Clear();
    }

    private static readonly IReadOnlyDictionary<string, string?> EmptyPartitionValues = new Dictionary<string, string?>();

    private void CheckSchema(StructType actual)
    {
        var expected = _settings.Schema;
        var ok = actual.Count == expected.Count;
        for (var i = 0; ok && i < expected.Count; i++)
            ok = string.Equals(actual[i].Name, expected[i].Name, StringComparison.OrdinalIgnoreCase) && SameType(actual[i].Type, expected[i].Type);
        if (!ok)
            throw new DeltaException("DELTA_METADATA_MISMATCH",
                $"A schema mismatch detected when writing to the Delta table. Table schema: {expected.SimpleString}; data schema: {actual.SimpleString}. Write batches with the table's columns in order.");
    }

    // Structural type equality ignoring nullability flags and field-name case inside structs.
    private static bool SameType(DataType a, DataType b) => (a, b) switch
    {
        (StructType sa, StructType sb) => sa.Count == sb.Count && Enumerable.Range(0, sa.Count).All(i =>
            string.Equals(sa[i].Name, sb[i].Name, StringComparison.OrdinalIgnoreCase) && SameType(sa[i].Type, sb[i].Type)),
        (ArrayType aa, ArrayType ab) => SameType(aa.ElementType, ab.ElementType),
        (MapType ma, MapType mb) => SameType(ma.KeyType, mb.KeyType) && SameType(ma.ValueType, mb.ValueType),
        _ => a.Equals(b),
    };

    private sealed class RowGroup(IReadOnlyDictionary<string, string?> values)
    {
        public IReadOnlyDictionary<string, string?> Values { get; } = values;
        public List<int> Rows { get; } = [];
    }

    private List<(string Key, RowGroup Group)> GroupByPartition(ColumnBatch batch)
    {
        var groups = new Dictionary<string, RowGroup>(StringComparer.Ordinal);
        var order = new List<(string, RowGroup)>();
        var values = new string?[_partitionOrdinals.Length];
        for (var i = 0; i < batch.LiveRowCount; i++)
        {
            var row = batch.RowIndex(i);
            _keyBuilder.Clear();
            for (var p = 0; p < values.Length; p++)
            {
                values[p] = PartitionValueFormatter.Format(batch.Columns[_partitionOrdinals[p]], row);
                _keyBuilder.Append(values[p] is null ? '\u0000' : '\u0001').Append(values[p]).Append('\u0002');
            }
            var key = _keyBuilder.ToString();
            if (!groups.TryGetValue(key, out var group))
            {
                var map = new Dictionary<string, string?>(values.Length, StringComparer.Ordinal);
                for (var p = 0; p < values.Length; p++) map[_partitionKeys[p]] = values[p];
                group = new RowGroup(map);
                groups[key] = group;
                order.Add((key, group));
            }
            group.Rows.Add(row);
        }
        return order;
    }

    private OpenFile FileFor(string key, IReadOnlyDictionary<string, string?> partitionValues)
    {
        if (_open.TryGetValue(key, out var file)) return file;
        if (_open.Count >= Math.Max(1, _settings.MaxOpenFiles))
        {
            // Many partitions: finish the file opened first rather than holding a writer per partition.
            var oldest = _open.Values.MinBy(f => f.Sequence)!;
            _completed.Add(Close(oldest));
            _open.Remove(oldest.Key);
        }
        var folder = _partitionOrdinals.Length == 0 ? "" : PartitionPath.Folder(_partitionKeys, partitionValues);
        var name = $"part-{_fileCounter++:D5}-{Guid.NewGuid()}-c000{_settings.CodecExtension}.parquet";
        var relative = folder.Length == 0 ? name : folder + "/" + name;
        var fullPath = _options.FileStore.Combine(_root, relative);
        var stream = _options.FileStore.CreateUnflushed(fullPath);
        _written.Add(fullPath);
        ParquetFileWriter writer;
        try
        {
            writer = new ParquetFileWriter(stream, _fileSchema, _parquetOptions);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
        file = new OpenFile(key, relative, fullPath, partitionValues, stream, writer, new StatsJsonWriter.FileColumnFacts()) { Sequence = _fileCounter };
        _open[key] = file;
        return file;
    }

    /// <summary>Writes <paramref name="rows"/> (physical row indices, ascending; null = all rows) to the file, rolling
    /// to a new file at <see cref="DataWriteSettings.MaxRowsPerFile"/>.</summary>
    private void WriteRows(OpenFile file, ColumnBatch batch, int[]? rows)
    {
        var total = rows?.Length ?? batch.RowCount;
        var done = 0;
        while (done < total)
        {
            var room = _settings.MaxRowsPerFile is { } max ? (int)Math.Min(int.MaxValue, Math.Max(1, max - file.Rows)) : int.MaxValue;
            var n = Math.Min(total - done, room);
            SelectionVector? selection = null;
            if (rows is not null || done > 0 || n < total)
            {
                selection = new SelectionVector(n) { Count = n };
                for (var i = 0; i < n; i++) selection.Indices[i] = rows is null ? done + i : rows[done + i];
            }
            var columns = new ColumnVector[_dataOrdinals.Length];
            for (var c = 0; c < columns.Length; c++) columns[c] = batch.Columns[_dataOrdinals[c]];
            var view = new ColumnBatch(_fileSchema, columns, batch.RowCount, selection);
            try
            {
                file.Writer.Write(view);
            }
            catch (ArgumentException e)
            {
                throw new DeltaException("DELTA_NOT_NULL_CONSTRAINT_VIOLATED", $"{e.Message} Remove the nulls or make the field nullable.", e);
            }
            foreach (var t in _trackers) t.Observe(batch, view, file.Facts);
            file.Rows += n;
            done += n;
            if (_settings.MaxRowsPerFile is { } cap && file.Rows >= cap)
            {
                _completed.Add(Close(file));
                _open.Remove(file.Key);
                if (done < total) file = FileFor(file.Key, file.PartitionValues);
            }
        }
    }

    private AddFile Close(OpenFile file)
    {
        var result = file.Writer.Close(); // writes the footer and closes the stream (flushed to disk in Complete or by the commit)
        var stats = _stats.Build(result, file.Facts);
        return new AddFile(
            PartitionPath.ToUriPath(file.RelativePath),
            file.PartitionValues,
            result.FileSize,
            _options.Time.GetUtcNow().ToUnixTimeMilliseconds(),
            _dataChange,
            stats);
    }

    private sealed class OpenFile(string key, string relativePath, string fullPath, IReadOnlyDictionary<string, string?> partitionValues,
        Stream stream, ParquetFileWriter writer, StatsJsonWriter.FileColumnFacts facts)
    {
        public string Key { get; } = key;
        public string RelativePath { get; } = relativePath;
        public string FullPath { get; } = fullPath;
        public IReadOnlyDictionary<string, string?> PartitionValues { get; } = partitionValues;
        public Stream Stream { get; } = stream;
        public ParquetFileWriter Writer { get; } = writer;
        public StatsJsonWriter.FileColumnFacts Facts { get; } = facts;
        public long Rows { get; set; }

        /// <summary>Opening order (the oldest open file is finished first when too many are open).</summary>
        public int Sequence { get; init; }
    }

    /// <summary>Watches one indexed leaf that Parquet statistics do not fully describe: the null count of an
    /// array/map column, or whether a float/double column holds NaN.</summary>
    private sealed class FactTracker(string key, int[] ordinals, bool countNulls)
    {
        public static FactTracker[] For(IReadOnlyList<StatsJsonWriter.StatsNode> roots)
        {
            var list = new List<FactTracker>();
            Collect(roots, list);
            return [.. list];
        }

        private static void Collect(IReadOnlyList<StatsJsonWriter.StatsNode> nodes, List<FactTracker> list)
        {
            foreach (var n in nodes)
            {
                if (n.IsStruct) Collect(n.Children!, list);
                else if (!n.Type.IsPrimitive) list.Add(new FactTracker(n.Key, [.. n.Ordinals], countNulls: true));
                else if (n.Type is FloatType or DoubleType) list.Add(new FactTracker(n.Key, [.. n.Ordinals], countNulls: false));
            }
        }

        public void Observe(ColumnBatch batch, ColumnBatch view, StatsJsonWriter.FileColumnFacts facts)
        {
            long nulls = 0;
            var live = view.LiveRowCount;
            for (var i = 0; i < live; i++)
            {
                var row = view.RowIndex(i);
                ColumnVector v = batch.Columns[ordinals[0]];
                var isNull = v.IsNull(row);
                for (var d = 1; !isNull && d < ordinals.Length; d++)
                {
                    v = ((StructVector)v).Children[ordinals[d]];
                    isNull = v.IsNull(row);
                }
                if (countNulls)
                {
                    if (isNull) nulls++;
                }
                else if (!isNull && IsNaN(v, row))
                {
                    facts.LeavesWithNaN.Add(key);
                    return;
                }
            }
            if (countNulls) facts.NestedNullCounts[key] = facts.NestedNullCounts.GetValueOrDefault(key) + nulls;
        }

        private static bool IsNaN(ColumnVector v, int row) => v switch
        {
            PrimitiveVector<double> d => double.IsNaN(d[row]),
            PrimitiveVector<float> f => float.IsNaN(f[row]),
            _ => false,
        };
    }
}
