using System.Buffers;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Reading;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;
using Microsoft.Win32.SafeHandles;

namespace DeltaSharp.Parquet;

/// <summary>
/// Reads one Parquet file: opens it, parses the footer, and decodes projected columns of the row groups
/// that may match a filter into <see cref="ColumnBatch"/>es, reading only the byte ranges it needs (one
/// column chunk at a time). Use from one thread at a time.
/// </summary>
public sealed class ParquetFileReader : IDisposable
{
    private readonly SafeFileHandle _handle;
    private readonly long _fileLength;
    private readonly StructType _schema;
    private readonly Dictionary<SchemaNode, ColumnDescriptor> _leafByNode;

    private ParquetFileReader(string path, SafeFileHandle handle, long length, FileMetaData metadata)
    {
        Path = path;
        _handle = handle;
        _fileLength = length;
        Metadata = metadata;
        ParquetSchema = new ParquetSchema(metadata.Schema);
        _schema = ParquetSchema.ToSparkSchema();
        _leafByNode = [];
        foreach (var leaf in ParquetSchema.Columns) _leafByNode[leaf.Node] = leaf;
        foreach (var rg in metadata.RowGroups)
        {
            if (rg.NumRows < 0) throw new ParquetFormatException(path, $"row group declares {rg.NumRows} rows");
            if (rg.Columns.Count != ParquetSchema.Columns.Count)
                throw new ParquetFormatException(path, $"row group has {rg.Columns.Count} column chunks but the schema has {ParquetSchema.Columns.Count} leaf columns");
        }
    }

    /// <summary>Opens <paramref name="path"/> and reads its footer. Bad input raises <see cref="ParquetFormatException"/>.</summary>
    public static ParquetFileReader Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.RandomAccess);
        try
        {
            var length = RandomAccess.GetLength(handle);
            var metadata = ParquetFooter.Read(handle, length, path);
            return new ParquetFileReader(path, handle, length, metadata);
        }
        catch (ParquetFormatException e) when (e.FilePath is null)
        {
            handle.Dispose();
            throw new ParquetFormatException(path, e.Message, e);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            handle.Dispose();
            throw new ParquetFormatException(path, $"corrupt footer: {e.Message}", e);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public string Path { get; }

    /// <summary>The parsed footer.</summary>
    public FileMetaData Metadata { get; }

    /// <summary>The Parquet schema tree and its leaf columns.</summary>
    public ParquetSchema ParquetSchema { get; }

    /// <summary>The file's top-level columns as Spark types.</summary>
    public StructType Schema => _schema;

    public long RowCount => Metadata.NumRows;

    public int RowGroupCount => Metadata.RowGroups.Count;

    /// <summary>Indices of the row groups that may hold rows matching <paramref name="options"/>' filter.</summary>
    public IReadOnlyList<int> SelectRowGroups(ParquetReadOptions? options = null)
    {
        var filter = options?.Filter;
        var result = new List<int>(RowGroupCount);
        for (var i = 0; i < RowGroupCount; i++)
        {
            if (filter is null || StatisticsPruner.MayMatch(filter, this, i)) result.Add(i);
        }
        return result;
    }

    /// <summary>The schema of the batches <see cref="ReadBatches"/> returns for <paramref name="options"/>.</summary>
    public StructType ProjectedSchema(ParquetReadOptions? options = null)
    {
        var fields = ProjectedFields(options);
        var result = new StructField[fields.Length];
        for (var i = 0; i < fields.Length; i++) result[i] = _schema[fields[i]];
        return new StructType(result);
    }

    /// <summary>Decodes the file in batches of at most <see cref="ParquetReadOptions.BatchSize"/> rows.
    /// Each batch is freshly allocated; its schema is the projected schema.</summary>
    public IEnumerable<ColumnBatch> ReadBatches(ParquetReadOptions? options = null)
    {
        options ??= ParquetReadOptions.Default;
        if (options.BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(options), "BatchSize must be at least 1.");
        var fields = ProjectedFields(options);
        var schema = ProjectedSchema(options);
        var rowGroups = SelectRowGroups(options);
        return ReadBatchesCore(options.BatchSize, fields, schema, rowGroups);
    }

    /// <summary>Reads every selected row into one list of batches (convenience for tools and tests).</summary>
    public List<ColumnBatch> ReadAll(ParquetReadOptions? options = null) => [.. ReadBatches(options)];

    private IEnumerable<ColumnBatch> ReadBatchesCore(int batchSize, int[] fields, StructType schema, IReadOnlyList<int> rowGroups)
    {
        foreach (var rg in rowGroups)
        {
            var rows = Metadata.RowGroups[rg].NumRows;
            FieldReader[]? readers = null;
            try
            {
                readers = Guard(() => OpenRowGroup(rg, fields), rg);
                for (long done = 0; done < rows;)
                {
                    var n = (int)Math.Min(batchSize, rows - done);
                    var batch = Guard(() => ReadBatch(readers, schema, n), rg);
                    done += n;
                    yield return batch;
                }
            }
            finally
            {
                if (readers is not null)
                    foreach (var r in readers) r?.Dispose();
            }
        }
    }

    private static ColumnBatch ReadBatch(FieldReader[] readers, StructType schema, int rows)
    {
        var batch = ColumnBatch.Create(schema, rows);
        for (var i = 0; i < readers.Length; i++) readers[i].Read(rows, batch.Columns[i]);
        batch.RowCount = rows;
        return batch;
    }

    private T Guard<T>(Func<T> action, int rowGroup)
    {
        try
        {
            return action();
        }
        catch (ParquetFormatException e) when (e.FilePath is null)
        {
            throw new ParquetFormatException(Path, $"row group {rowGroup}: {e.Message}", e);
        }
        catch (Exception e) when (IsDecodeFailure(e))
        {
            throw new ParquetFormatException(Path, $"row group {rowGroup}: corrupt data ({e.GetType().Name}: {e.Message})", e);
        }
    }

    /// <summary>Exceptions that corrupt input can provoke inside decoders; reported as format errors.</summary>
    private static bool IsDecodeFailure(Exception e) =>
        e is IndexOutOfRangeException or ArgumentException or OverflowException or InvalidCastException
            or NullReferenceException or InvalidOperationException or FormatException or EndOfStreamException
            or System.IO.InvalidDataException;

    private int[] ProjectedFields(ParquetReadOptions? options)
    {
        var columns = options?.Columns;
        if (columns is null)
        {
            var all = new int[_schema.Count];
            for (var i = 0; i < all.Length; i++) all[i] = i;
            return all;
        }
        var result = new int[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var idx = _schema.IndexOf(columns[i]);
            if (idx < 0)
                throw new ArgumentException($"Column '{columns[i]}' is not in {Path}; the file has: {string.Join(", ", _schema.Fields.Select(f => f.Name))}.", nameof(options));
            result[i] = idx;
        }
        return result;
    }

    private FieldReader[] OpenRowGroup(int rowGroup, int[] fields)
    {
        var readers = new FieldReader[fields.Length];
        try
        {
            for (var i = 0; i < fields.Length; i++)
            {
                var node = ParquetSchema.Root.Children[fields[i]];
                var type = _schema[fields[i]].Type;
                if (node.IsLeaf && node.Repetition != FieldRepetitionType.Repeated)
                {
                    readers[i] = new FlatFieldReader(OpenChunk(rowGroup, _leafByNode[node], type));
                }
                else
                {
                    var leaves = new List<SchemaNode>();
                    var plan = FieldPlan.Build(type, node, leaves);
                    var chunks = new ColumnChunkReader[leaves.Count];
                    var leafPlans = plan.Primitives();
                    for (var l = 0; l < leaves.Count; l++) chunks[l] = OpenChunk(rowGroup, _leafByNode[leaves[l]], leafPlans[l].Type);
                    readers[i] = new NestedFieldReader(plan, chunks);
                }
            }
            return readers;
        }
        catch
        {
            foreach (var r in readers) r?.Dispose();
            throw;
        }
    }

    private ColumnChunkReader OpenChunk(int rowGroup, ColumnDescriptor column, DataType type)
    {
        var chunk = Metadata.RowGroups[rowGroup].Columns[column.Index];
        var meta = chunk.MetaData ?? throw new ParquetFormatException($"column chunk '{column.DottedPath}' has no metadata");
        if (chunk.FilePath is not null) throw new ParquetFormatException($"column chunk '{column.DottedPath}' is in another file ({chunk.FilePath}), which is not supported");
        var start = meta.DataPageOffset;
        if (meta.DictionaryPageOffset is { } dict && dict > 0 && dict < start) start = dict;
        var length = meta.TotalCompressedSize;
        if (start < 4 || length < 0 || start > _fileLength - 8 || length > _fileLength - 8 - start) // no overflow on corrupt offsets
            throw new ParquetFormatException($"column chunk '{column.DottedPath}' spans bytes {start}..{start + length}, outside the file's data ({_fileLength} bytes)");
        if (length > Array.MaxLength) throw new ParquetFormatException($"column chunk '{column.DottedPath}' is larger than 2 GB");
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(length, 1));
        try
        {
            var read = 0;
            while (read < length)
            {
                var n = RandomAccess.Read(_handle, buffer.AsSpan(read, (int)length - read), start + read);
                if (n == 0) throw new ParquetFormatException($"file ended inside column chunk '{column.DottedPath}'");
                read += n;
            }
            var decoder = LeafDecoders.Create(column, type);
            return new ColumnChunkReader(column, meta.Codec, buffer, (int)length, meta.NumValues, meta.TotalUncompressedSize, decoder, returnChunkToPool: true);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose() => _handle.Dispose();
}
