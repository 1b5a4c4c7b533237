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
/// false). Streaming: column batches of a bounded size go to the Parquet writer, which writes them to a hidden temp
/// file in _delta_log (row groups of bounded size), so the checkpoint is never held in memory whole; the flushed file
/// is then published atomically with put-if-absent (a checkpoint that already exists is left alone).
/// Row groups: the non-file actions (protocol, metaData, txn, domainMetadata) first in their own row group, then the
/// adds, then the removes, each kind in row groups of its own, so a reader that wants one kind skips the other row
/// groups by their null-count statistics. <c>_last_checkpoint</c> is updated (with the MD5 checksum) unless it already
/// names a newer checkpoint. Stateless; thread-safe.
/// </summary>
internal static class CheckpointWriter
{
    public const int DefaultBatchRows = 8192;

    /// <summary>Row groups are closed at about this many buffered (compressed) bytes: what the writer holds in memory.</summary>
    private const long RowGroupBytes = 32L * 1024 * 1024;

    public static string CheckpointPath(IFileStore store, string logDir, long version) =>
        store.Combine(logDir, $"{version:D20}.checkpoint.parquet");

    /// <summary>Writes the checkpoint; null when one for this version already existed.</summary>
    public static LastCheckpointInfo? Write(IFileStore store, string logDir, CheckpointContent content,
        CompressionCodec codec = CompressionCodec.Zstd, int batchRows = DefaultBatchRows)
    {
        var path = CheckpointPath(store, logDir, content.Version);
        if (store.TryGetEntry(path) is not null) return null;
        batchRows = Math.Max(1, batchRows);
        var temp = store.Combine(logDir, $".{content.Version:D20}.checkpoint.parquet.{Guid.NewGuid():N}.tmp");
        long size = 0, adds = 0, bytes;
        try
        {
            using (var stream = store.Create(temp)) // flushed to disk when disposed, before it is published
            {
                var options = new ParquetWriteOptions { Compression = codec, MaxRowGroupBytes = RowGroupBytes };
                using var writer = new ParquetFileWriter(stream, CheckpointSchema.Schema, options, leaveOpen: true);
                var rows = new CheckpointRows(batchRows, content.WriteStatsAsJson);
                void Flush()
                {
                    if (rows.Batch.RowCount == 0) return;
                    rows.PadColumns();
                    writer.Write(rows.Batch);
                    rows.Reset();
                }
                void Append(DeltaAction action)
                {
                    rows.Append(action);
                    size++;
                    if (rows.Batch.RowCount >= batchRows) Flush();
                }
                void EndRowGroup()
                {
                    Flush();
                    writer.FlushRowGroup();
                }
                Append(content.Protocol);
                Append(content.Metadata);
                foreach (var t in content.Transactions) Append(t);
                foreach (var d in content.Domains) if (!d.Removed) Append(d);
                EndRowGroup();
                foreach (var a in content.Files)
                {
                    Append(a);
                    adds++;
                }
                EndRowGroup();
                foreach (var r in content.Tombstones) Append(r);
                Flush();
                bytes = writer.Close().FileSize;
            }
            if (!store.PublishIfAbsent(temp, path)) return null;
        }
        catch
        {
            try { store.Delete(temp); }
            catch (IOException) { /* a leftover temp file; log cleanup removes it after the retention period */ }
            throw;
        }
        return new LastCheckpointInfo(content.Version, size, bytes, adds);
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

        /// <summary>Fills every column up to the batch's row count with nulls (each row holds one action, so the
        /// columns of the other kinds are null there); done in bulk, once per batch.</summary>
        public void PadColumns()
        {
            foreach (var c in Batch.Columns)
                if (c.Length < Batch.RowCount) AppendNulls(c, Batch.RowCount - c.Length);
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
            var s = Col(target);
            if (s.Length < Batch.RowCount) AppendNulls(s, Batch.RowCount - s.Length);
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
            // The batch is created with room for all its rows; only a struct inside a list or map could grow.
            if (s.Length + 1 > s.Capacity) s.EnsureCapacity(Math.Max(s.Length + 1, s.Capacity * 2));
            if (s.Validity is { } validity) validity.SetValid(s.Length);
            s.Length++;
        }

        private byte[] _utf8 = new byte[1024];

        private void Str(ColumnVector v, string? value)
        {
            var b = (BinaryVector)v;
            if (value is null)
            {
                b.AppendNull();
                return;
            }
            // Encode into a reused buffer: no byte[] per string (paths and stats of 100,000 files).
            var max = System.Text.Encoding.UTF8.GetMaxByteCount(value.Length);
            if (max > _utf8.Length) _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
            var n = System.Text.Encoding.UTF8.GetBytes(value, _utf8);
            b.Append(_utf8.AsSpan(0, n));
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

        private void Map<TValue>(ColumnVector v, IReadOnlyDictionary<string, TValue>? map) where TValue : class?
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

        private void List(ColumnVector v, IReadOnlyList<string>? items)
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

        private void Dv(ColumnVector v, DeletionVectorDescriptor? dv)
        {
            var s = (StructVector)v;
            if (dv is null)
            {
                AppendNulls(s, 1);
                return;
            }
            var ch = s.Children;
            Str(ch[0], dv.StorageType); Str(ch[1], dv.PathOrInlineDv); Int(ch[2], dv.Offset); Int(ch[3], dv.SizeInBytes);
            Long(ch[4], dv.Cardinality); Long(ch[5], null);
            EndStruct(s);
        }

        /// <summary>Appends <paramref name="count"/> null slots, keeping every child vector aligned with its parent.</summary>
        private static void AppendNulls(ColumnVector v, int count)
        {
            var index = v.Length;
            var end = index + count;
            switch (v)
            {
                case StructVector s:
                    foreach (var c in s.Children) AppendNulls(c, count);
                    if (end > s.Capacity) s.EnsureCapacity(Math.Max(end, s.Capacity * 2));
                    break;
                case ListVector l:
                    if (end > l.Capacity) l.EnsureCapacity(Math.Max(end, l.Capacity * 2));
                    l.Offsets.AsSpan(index + 1, count).Fill(l.Offsets[index]);
                    break;
                case MapVector m:
                    if (end > m.Capacity) m.EnsureCapacity(Math.Max(end, m.Capacity * 2));
                    m.Offsets.AsSpan(index + 1, count).Fill(m.Offsets[index]);
                    break;
                case BinaryVector b:
                    if (end > b.Capacity) b.EnsureCapacity(Math.Max(end, b.Capacity * 2));
                    b.Offsets.AsSpan(index + 1, count).Fill(b.Offsets[index]);
                    break;
                case PrimitiveVector<long> p: Grow(p, end); break;
                case PrimitiveVector<int> p: Grow(p, end); break;
                case PrimitiveVector<bool> p: Grow(p, end); break;
                default: throw new InvalidOperationException($"Unexpected checkpoint vector {v.GetType().Name}.");
            }
            v.EnsureValidity(end).SetRange(index, count, false);
            v.Length = end;
        }

        private static void Grow<T>(PrimitiveVector<T> p, int end) where T : unmanaged
        {
            if (end > p.Capacity) p.EnsureCapacity(Math.Max(end, p.Capacity * 2));
        }
    }
}
