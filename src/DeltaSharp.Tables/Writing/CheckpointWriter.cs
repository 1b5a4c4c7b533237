using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.Writing;

/// <summary>The state a checkpoint records (PROTOCOL.md "Checkpoints"): protocol, metadata, app transactions,
/// live domains, active files and unexpired tombstones. Sequences are enumerated once, while writing.</summary>
internal sealed record CheckpointContent(
    long Version,
    Protocol Protocol,
    Metadata Metadata,
    IEnumerable<SetTransaction> Transactions,
    IEnumerable<DomainMetadata> Domains,
    IEnumerable<AddFile> Files,
    IEnumerable<RemoveFile> Tombstones,
    bool WriteStatsAsJson = true);

/// <summary>What <c>_last_checkpoint</c> records (PROTOCOL.md "Last Checkpoint File Schema").</summary>
internal sealed record LastCheckpointInfo(long Version, long Size, long SizeInBytes, long NumOfAddFiles);

/// <summary>
/// Writes a classic V1 checkpoint <c>&lt;version&gt;.checkpoint.parquet</c> in Spark's layout (one action per row,
/// <c>dataChange</c> false, removes without stats/tags, add.stats left out when delta.checkpoint.writeStatsAsJson is
/// false), filling column batches of a bounded size and handing each
/// to the Parquet writer, then publishes the file atomically with put-if-absent (a checkpoint that already exists is
/// left alone) and updates <c>_last_checkpoint</c> (with the MD5 checksum) unless it already names a newer one.
/// Stateless; thread-safe.
/// </summary>
internal static class CheckpointWriter
{
    public const int DefaultBatchRows = 8192;

    public static string CheckpointPath(IFileStore store, string logDir, long version) =>
        store.Combine(logDir, $"{version:D20}.checkpoint.parquet");

    /// <summary>Writes the checkpoint; null when one for this version already existed.</summary>
    public static LastCheckpointInfo? Write(IFileStore store, string logDir, CheckpointContent content,
        CompressionCodec codec = CompressionCodec.Zstd, int batchRows = DefaultBatchRows)
    {
        var path = CheckpointPath(store, logDir, content.Version);
        if (store.TryGetEntry(path) is not null) return null;
        using var buffer = new MemoryStream();
        long size = 0, adds = 0;
        using (var writer = new ParquetFileWriter(buffer, CheckpointSchema.Schema, new ParquetWriteOptions { Compression = codec }, leaveOpen: true))
        {
            var rows = new CheckpointRows(Math.Max(1, batchRows), content.WriteStatsAsJson);
            void Flush()
            {
                if (rows.Batch.RowCount == 0) return;
                writer.Write(rows.Batch);
                rows.Reset();
            }
            void Append(DeltaAction action)
            {
                rows.Append(action);
                size++;
                if (rows.Batch.RowCount >= batchRows) Flush();
            }
            Append(content.Protocol);
            Append(content.Metadata);
            foreach (var t in content.Transactions) Append(t);
            foreach (var d in content.Domains) if (!d.Removed) Append(d);
            foreach (var a in content.Files)
            {
                Append(a);
                adds++;
            }
            foreach (var r in content.Tombstones) Append(r);
            Flush();
            writer.Close();
        }
        if (!store.PutIfAbsent(path, buffer.GetBuffer().AsSpan(0, (int)buffer.Length))) return null;
        return new LastCheckpointInfo(content.Version, size, buffer.Length, adds);
    }

    /// <summary>Overwrites <c>_last_checkpoint</c> unless it names a version ≥ <paramref name="info"/>'s.</summary>
    public static void WriteLastCheckpoint(IFileStore store, string logDir, LastCheckpointInfo info, string? checkpointSchemaJson = null)
    {
        var path = store.Combine(logDir, "_last_checkpoint");
        if (CurrentLastCheckpointVersion(store, path) is { } existing && existing >= info.Version) return;
        store.Overwrite(path, SerializeLastCheckpoint(info, checkpointSchemaJson));
    }

    public static byte[] SerializeLastCheckpoint(LastCheckpointInfo info, string? checkpointSchemaJson)
    {
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        byte[] Body(string? checksum)
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var w = new Utf8JsonWriter(buffer, options))
            {
                w.WriteStartObject();
                w.WriteNumber("version", info.Version);
                w.WriteNumber("size", info.Size);
                w.WriteNumber("sizeInBytes", info.SizeInBytes);
                w.WriteNumber("numOfAddFiles", info.NumOfAddFiles);
                if (checkpointSchemaJson is not null)
                {
                    w.WritePropertyName("checkpointSchema");
                    w.WriteRawValue(checkpointSchemaJson);
                }
                if (checksum is not null) w.WriteString("checksum", checksum);
                w.WriteEndObject();
            }
            return buffer.WrittenSpan.ToArray();
        }
        return Body(JsonChecksum.Compute(Body(null)));
    }

    private static long? CurrentLastCheckpointVersion(IFileStore store, string path)
    {
        try
        {
            if (store.TryGetEntry(path) is null) return null;
            using var doc = JsonDocument.Parse(store.ReadAll(path));
            return doc.RootElement.TryGetProperty("version", out var v) && v.TryGetInt64(out var version) ? version : null;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null; // unreadable hint: replace it
        }
    }

    /// <summary>A reusable batch in the checkpoint schema, filled one action per row.</summary>
    private sealed class CheckpointRows
    {
        private readonly bool _writeStats;

        public CheckpointRows(int capacity, bool writeStats)
        {
            Batch = ColumnBatch.Create(CheckpointSchema.Schema, capacity);
            _writeStats = writeStats;
        }

        public ColumnBatch Batch { get; }

        public void Reset()
        {
            foreach (var c in Batch.Columns) c.Reset();
            Batch.RowCount = 0;
        }

        private StructVector Col(int i) => (StructVector)Batch.Columns[i];

        public void Append(DeltaAction action)
        {
            var target = action switch
            {
                SetTransaction => CheckpointSchema.Txn,
                AddFile => CheckpointSchema.Add,
                RemoveFile => CheckpointSchema.Remove,
                Metadata => CheckpointSchema.MetaData,
                Protocol => CheckpointSchema.Protocol,
                DomainMetadata => CheckpointSchema.DomainMetadata,
                _ => throw new ArgumentException($"{action.GetType().Name} does not belong in a V1 checkpoint.", nameof(action)),
            };
            for (var c = 0; c < Batch.Columns.Length; c++)
                if (c != target) AppendNull(Batch.Columns[c]);
            var s = Col(target);
            var ch = s.Children;
            switch (action)
            {
                case SetTransaction t:
                    Str(ch[0], t.AppId); Long(ch[1], t.Version); Long(ch[2], t.LastUpdated);
                    break;
                case AddFile a:
                    Str(ch[0], a.Path); Map(ch[1], a.PartitionValues); Long(ch[2], a.Size); Long(ch[3], a.ModificationTime);
                    Bool(ch[4], false); Map(ch[5], a.Tags); Dv(ch[6], a.DeletionVector); Long(ch[7], a.BaseRowId);
                    Long(ch[8], a.DefaultRowCommitVersion); Str(ch[9], _writeStats ? a.Stats : null); Str(ch[10], a.ClusteringProvider);
                    break;
                case RemoveFile r:
                    Str(ch[0], r.Path); Long(ch[1], r.DeletionTimestamp); Bool(ch[2], false); Bool(ch[3], r.ExtendedFileMetadata);
                    Map(ch[4], r.PartitionValues); Long(ch[5], r.Size); Dv(ch[6], r.DeletionVector); Long(ch[7], r.BaseRowId);
                    Long(ch[8], r.DefaultRowCommitVersion);
                    break;
                case Metadata m:
                    Str(ch[0], m.Id); Str(ch[1], m.Name); Str(ch[2], m.Description);
                    var format = (StructVector)ch[3];
                    Str(format.Children[0], m.Format.Provider);
                    Map(format.Children[1], m.Format.Options ?? new Dictionary<string, string>());
                    EndStruct(format);
                    Str(ch[4], m.SchemaString); List(ch[5], m.PartitionColumns); Map(ch[6], m.Configuration); Long(ch[7], m.CreatedTime);
                    break;
                case Protocol p:
                    Int(ch[0], p.MinReaderVersion); Int(ch[1], p.MinWriterVersion);
                    // PROTOCOL.md "Checkpoint Schema": feature lists are non-null from reader 3 / writer 7, null below.
                    List(ch[2], p.SupportsReaderFeatures ? p.ReaderFeatures ?? [] : null);
                    List(ch[3], p.SupportsWriterFeatures ? p.WriterFeatures ?? [] : null);
                    break;
                case DomainMetadata d:
                    Str(ch[0], d.Domain); Str(ch[1], d.Configuration); Bool(ch[2], d.Removed);
                    break;
            }
            EndStruct(s);
            Batch.RowCount++;
        }

        private static void EndStruct(StructVector s)
        {
            s.EnsureCapacity(s.Length + 1);
            s.Length++;
        }

        private static void Str(ColumnVector v, string? value)
        {
            var b = (BinaryVector)v;
            if (value is null) b.AppendNull();
            else b.Append(value);
        }

        private static void Long(ColumnVector v, long? value)
        {
            var p = (PrimitiveVector<long>)v;
            if (value is { } x) p.Append(x);
            else p.AppendNull();
        }

        private static void Int(ColumnVector v, int? value)
        {
            var p = (PrimitiveVector<int>)v;
            if (value is { } x) p.Append(x);
            else p.AppendNull();
        }

        private static void Bool(ColumnVector v, bool? value)
        {
            var p = (PrimitiveVector<bool>)v;
            if (value is { } x) p.Append(x);
            else p.AppendNull();
        }

        private static void Map<TValue>(ColumnVector v, IReadOnlyDictionary<string, TValue>? map) where TValue : class?
        {
            var m = (MapVector)v;
            var index = m.Length;
            m.EnsureCapacity(index + 1);
            if (map is null)
            {
                m.Offsets[index + 1] = m.Offsets[index];
                m.SetNull(index);
            }
            else
            {
                foreach (var (key, value) in map)
                {
                    Str(m.Keys, key);
                    Str(m.Values, value as string);
                }
                m.Offsets[index + 1] = m.Keys.Length;
            }
            m.Length = index + 1;
        }

        private static void List(ColumnVector v, IReadOnlyList<string>? items)
        {
            var l = (ListVector)v;
            var index = l.Length;
            l.EnsureCapacity(index + 1);
            if (items is null)
            {
                l.Offsets[index + 1] = l.Offsets[index];
                l.SetNull(index);
            }
            else
            {
                foreach (var item in items) Str(l.Elements, item);
                l.Offsets[index + 1] = l.Elements.Length;
            }
            l.Length = index + 1;
        }

        private static void Dv(ColumnVector v, DeletionVectorDescriptor? dv)
        {
            var s = (StructVector)v;
            if (dv is null)
            {
                AppendNull(s);
                return;
            }
            var ch = s.Children;
            Str(ch[0], dv.StorageType); Str(ch[1], dv.PathOrInlineDv); Int(ch[2], dv.Offset); Int(ch[3], dv.SizeInBytes);
            Long(ch[4], dv.Cardinality); Long(ch[5], null);
            EndStruct(s);
        }

        /// <summary>Appends a null slot, keeping every child vector aligned with its parent.</summary>
        private static void AppendNull(ColumnVector v)
        {
            var index = v.Length;
            switch (v)
            {
                case StructVector s:
                    foreach (var c in s.Children) AppendNull(c);
                    s.EnsureCapacity(index + 1);
                    s.SetNull(index);
                    s.Length = index + 1;
                    break;
                case ListVector l:
                    l.EnsureCapacity(index + 1);
                    l.Offsets[index + 1] = l.Offsets[index];
                    l.SetNull(index);
                    l.Length = index + 1;
                    break;
                case MapVector m:
                    m.EnsureCapacity(index + 1);
                    m.Offsets[index + 1] = m.Offsets[index];
                    m.SetNull(index);
                    m.Length = index + 1;
                    break;
                case BinaryVector b: b.AppendNull(); break;
                case PrimitiveVector<long> p: p.AppendNull(); break;
                case PrimitiveVector<int> p: p.AppendNull(); break;
                case PrimitiveVector<bool> p: p.AppendNull(); break;
                default: throw new InvalidOperationException($"Unexpected checkpoint vector {v.GetType().Name}.");
            }
        }
    }
}
