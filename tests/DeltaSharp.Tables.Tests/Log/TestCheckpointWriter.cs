using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Log;

/// <summary>Writes a classic Parquet checkpoint (PROTOCOL.md "Checkpoint Schema", the column shapes Spark writes)
/// with our Parquet writer, for tests that need checkpoints the corpus does not have (large ones, odd protocols).</summary>
internal static class TestCheckpointWriter
{
    private static readonly MapType StringMap = new(DataType.String, DataType.String);

    public static readonly StructType Schema = new(
        new StructField("txn", new StructType(
            new StructField("appId", DataType.String), new StructField("version", DataType.Long), new StructField("lastUpdated", DataType.Long))),
        new StructField("add", new StructType(
            new StructField("path", DataType.String),
            new StructField("partitionValues", StringMap),
            new StructField("size", DataType.Long),
            new StructField("modificationTime", DataType.Long),
            new StructField("dataChange", DataType.Boolean),
            new StructField("tags", StringMap),
            new StructField("deletionVector", new StructType(
                new StructField("storageType", DataType.String),
                new StructField("pathOrInlineDv", DataType.String),
                new StructField("offset", DataType.Integer),
                new StructField("sizeInBytes", DataType.Integer),
                new StructField("cardinality", DataType.Long),
                new StructField("maxRowIndex", DataType.Long))),
            new StructField("stats", DataType.String))),
        new StructField("remove", new StructType(
            new StructField("path", DataType.String), new StructField("deletionTimestamp", DataType.Long), new StructField("dataChange", DataType.Boolean))),
        new StructField("metaData", new StructType(
            new StructField("id", DataType.String),
            new StructField("name", DataType.String),
            new StructField("description", DataType.String),
            new StructField("format", new StructType(new StructField("provider", DataType.String), new StructField("options", StringMap))),
            new StructField("schemaString", DataType.String),
            new StructField("partitionColumns", new ArrayType(DataType.String)),
            new StructField("configuration", StringMap),
            new StructField("createdTime", DataType.Long))),
        new StructField("protocol", new StructType(
            new StructField("minReaderVersion", DataType.Integer),
            new StructField("minWriterVersion", DataType.Integer),
            new StructField("readerFeatures", new ArrayType(DataType.String)),
            new StructField("writerFeatures", new ArrayType(DataType.String)))));

    public static void Write(string path, IEnumerable<DeltaAction> actions, int batchSize = 8192)
    {
        using var stream = File.Create(path);
        using var writer = new ParquetFileWriter(stream, Schema);
        var batch = ColumnBatch.Create(Schema, batchSize);
        foreach (var action in actions)
        {
            var row = new object?[5];
            switch (action)
            {
                case SetTransaction t: row[0] = new object?[] { t.AppId, t.Version, t.LastUpdated }; break;
                case AddFile a:
                    row[1] = new object?[]
                    {
                        a.Path, a.PartitionValues, a.Size, a.ModificationTime, a.DataChange, a.Tags,
                        a.DeletionVector is { } dv ? new object?[] { dv.StorageType, dv.PathOrInlineDv, dv.Offset, dv.SizeInBytes, dv.Cardinality, null } : null,
                        a.Stats,
                    };
                    break;
                case RemoveFile r: row[2] = new object?[] { r.Path, r.DeletionTimestamp, r.DataChange }; break;
                case Metadata m:
                    row[3] = new object?[]
                    {
                        m.Id, m.Name, m.Description, new object?[] { m.Format.Provider, m.Format.Options?.ToDictionary(p => p.Key, p => (string?)p.Value) ?? [] },
                        m.SchemaString, m.PartitionColumns, m.Configuration.ToDictionary(p => p.Key, p => (string?)p.Value), m.CreatedTime,
                    };
                    break;
                case Protocol p: row[4] = new object?[] { p.MinReaderVersion, p.MinWriterVersion, p.ReaderFeatures, p.WriterFeatures }; break;
                default: throw new ArgumentException($"not a checkpoint action: {action}");
            }
            for (var c = 0; c < 5; c++) Append(batch.Columns[c], row[c]);
            if (++batch.RowCount == batchSize)
            {
                writer.Write(batch);
                batch = ColumnBatch.Create(Schema, batchSize);
            }
        }
        if (batch.RowCount > 0) writer.Write(batch);
        writer.Close();
    }

    private static void Append(ColumnVector vector, object? value)
    {
        switch (vector)
        {
            case StructVector s:
                s.EnsureCapacity(s.Length + 1);
                var fields = (object?[]?)value;
                for (var i = 0; i < s.Children.Length; i++) Append(s.Children[i], fields?[i]);
                if (fields is null) s.SetNull(s.Length);
                s.Length++;
                break;
            case MapVector m:
                m.EnsureCapacity(m.Length + 1);
                var start = m.Offsets[m.Length];
                var count = 0;
                if (value is IReadOnlyDictionary<string, string?> map)
                {
                    foreach (var (k, v) in map)
                    {
                        Append(m.Keys, k);
                        Append(m.Values, v);
                        count++;
                    }
                }
                else m.SetNull(m.Length);
                m.Offsets[m.Length + 1] = start + count;
                m.Length++;
                break;
            case ListVector l:
                l.EnsureCapacity(l.Length + 1);
                var first = l.Offsets[l.Length];
                var n = 0;
                if (value is IEnumerable<string> items)
                {
                    foreach (var item in items)
                    {
                        Append(l.Elements, item);
                        n++;
                    }
                }
                else l.SetNull(l.Length);
                l.Offsets[l.Length + 1] = first + n;
                l.Length++;
                break;
            case BinaryVector b:
                if (value is string str) b.Append(str);
                else b.AppendNull();
                break;
            case PrimitiveVector<long> pl:
                if (value is null) pl.AppendNull();
                else pl.Append(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case PrimitiveVector<int> pi:
                if (value is null) pi.AppendNull();
                else pi.Append(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case PrimitiveVector<bool> pb:
                if (value is null) pb.AppendNull();
                else pb.Append((bool)value);
                break;
            default:
                throw new NotSupportedException(vector.GetType().Name);
        }
    }
}
