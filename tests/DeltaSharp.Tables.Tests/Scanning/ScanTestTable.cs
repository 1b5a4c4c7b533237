using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Scanning;

/// <summary>A hand-made table in a temp folder: Parquet files written with our writer and a snapshot built directly
/// from actions (no log), so scan behaviour is tested apart from log replay.</summary>
internal sealed class ScanTestTable : IDisposable
{
    public ScanTestTable() => Root = Directory.CreateTempSubdirectory("ds-scan-").FullName;

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>Writes rows (boxed values; object?[] for structs) with <paramref name="schema"/> (the file's own names)
    /// to <paramref name="relativePath"/> (not URL-encoded) and returns the row count.</summary>
    public long WriteParquet(string relativePath, StructType schema, IReadOnlyList<object?[]> rows, int maxRowGroupRows = 1_048_576)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { MaxRowGroupRows = maxRowGroupRows });
        writer.Write(BatchOf(schema, rows));
        return writer.Close().RowCount;
    }

    public static ColumnBatch BatchOf(StructType schema, IReadOnlyList<object?[]> rows)
    {
        var batch = ColumnBatch.Create(schema, rows.Count);
        for (var c = 0; c < schema.Count; c++)
            foreach (var row in rows) Append(batch.Columns[c], row[c]);
        batch.RowCount = rows.Count;
        return batch;
    }

    private static void Append(ColumnVector v, object? value)
    {
        switch (v)
        {
            case StructVector s:
                if (value is null)
                {
                    foreach (var child in s.Children) Append(child, null);
                    s.SetNull(s.Length);
                }
                else
                {
                    var values = (object?[])value;
                    for (var i = 0; i < s.Children.Length; i++) Append(s.Children[i], values[i]);
                }
                s.EnsureCapacity(s.Length + 1);
                s.Length++;
                break;
            case BinaryVector b:
                if (value is null) b.AppendNull(); else if (value is byte[] bytes) b.Append(bytes); else b.Append((string)value);
                break;
            case PrimitiveVector<int> i32:
                if (value is null) i32.AppendNull(); else i32.Append(value is DateOnly d ? d.DayNumber - 719162 : (int)value);
                break;
            case PrimitiveVector<long> i64:
                if (value is null) i64.AppendNull(); else i64.Append((long)value);
                break;
            case PrimitiveVector<double> f64:
                if (value is null) f64.AppendNull(); else f64.Append((double)value);
                break;
            case PrimitiveVector<bool> b1:
                if (value is null) b1.AppendNull(); else b1.Append((bool)value);
                break;
            default:
                throw new NotSupportedException(v.Type.SimpleString);
        }
    }

    public static AddFile Add(string path, long size = 1, IReadOnlyDictionary<string, string?>? partitionValues = null,
        string? stats = null, DeletionVectorDescriptor? dv = null) =>
        new(path, partitionValues ?? new Dictionary<string, string?>(), size, 0, true, stats, DeletionVector: dv);

    public Snapshot Snapshot(StructType schema, IReadOnlyList<AddFile> files, IReadOnlyList<string>? partitionColumns = null,
        IReadOnlyDictionary<string, string>? configuration = null, Protocol? protocol = null) =>
        new(Root, 1, protocol ?? new Protocol(3, 7, ["deletionVectors", "columnMapping"], ["deletionVectors", "columnMapping"]),
            new Metadata("id", SchemaJson.Serialize(schema), partitionColumns ?? [], configuration ?? new Dictionary<string, string>(), new FileFormat()),
            files, new Dictionary<string, SetTransaction>(), new Dictionary<string, DomainMetadata>(), 0, DeltaTableOptions.Default);

    /// <summary>Field metadata for column mapping: id and physical name as raw JSON values.</summary>
    public static Dictionary<string, string> Mapping(int id, string physical) => new()
    {
        ["delta.columnMapping.id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["delta.columnMapping.physicalName"] = "\"" + physical + "\"",
    };
}
