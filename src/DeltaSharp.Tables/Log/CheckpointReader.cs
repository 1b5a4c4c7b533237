using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.Parquet;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Log;

/// <summary>
/// Reads the actions of a Parquet checkpoint, checkpoint part or sidecar (PROTOCOL.md "Checkpoint Schema": one
/// struct column per action kind, one action per row). Only the columns of the requested kinds are decoded, and only
/// in row groups whose statistics show such actions (our checkpoints keep each kind in row groups of its own);
/// `add.stats` (JSON text) is used and `stats_parsed` / `partitionValues_parsed` are ignored. Stateless.
/// </summary>
internal static class CheckpointReader
{
    // Small batches keep each decoded vector (paths, stats) under the large-object threshold: large-object
    // allocations trigger full collections, which dominate a 100,000-add checkpoint read otherwise.
    private const int BatchRows = 256;

    // Key: a field every action of the kind has (required by the protocol), so a row group in which it is null in
    // every row (null count = value count in the footer's statistics) holds no such action and is skipped.
    private static readonly (ActionKinds Kind, string Column, string Key)[] Columns =
    [
        (ActionKinds.Protocol, "protocol", "minReaderVersion"),
        (ActionKinds.Metadata, "metaData", "id"),
        (ActionKinds.Txn, "txn", "appId"),
        (ActionKinds.DomainMetadata, "domainMetadata", "domain"),
        (ActionKinds.CheckpointMetadata, "checkpointMetadata", "version"),
        (ActionKinds.Sidecar, "sidecar", "path"),
        (ActionKinds.Add, "add", "path"),
        (ActionKinds.Remove, "remove", "path"),
    ];

    /// <summary>Calls <paramref name="visit"/> for every action of the requested kinds in the file. Raises
    /// DeltaException DELTA_INVALID_CHECKPOINT naming the file when it is not a readable checkpoint.</summary>
    public static void Read(IFileStore store, string path, ActionKinds kinds, Action<DeltaAction> visit) =>
        Read(store, path, kinds, visit, new Utf8Interner());

    /// <summary>As <see cref="Read(IFileStore, string, ActionKinds, Action{DeltaAction})"/>, sharing partition values
    /// and map keys through <paramref name="interner"/> (one per replay).</summary>
    public static void Read(IFileStore store, string path, ActionKinds kinds, Action<DeltaAction> visit, Utf8Interner interner)
    {
        ParquetFileReader reader;
        try
        {
            reader = ParquetFileReader.Open(store.LocalPath(path));
        }
        catch (FileNotFoundException e)
        {
            throw new DeltaException("DELTA_CHECKPOINT_FILE_NOT_FOUND",
                $"Checkpoint file {path} is missing. The log references a checkpoint or sidecar that was deleted; restore it or remove the checkpoint that refers to it.", e);
        }
        catch (ParquetFormatException e)
        {
            throw Invalid(path, e.Message, e);
        }
        using (reader)
        {
            var wanted = new List<string>();
            var kindsRead = new List<ActionKinds>();
            Expression? filter = null;
            var filterUsable = true;
            foreach (var (kind, column, key) in Columns)
            {
                if ((kinds & kind) == 0) continue;
                var index = IndexOfExact(reader.Schema, column);
                if (index < 0) continue;
                if (reader.Schema[index].Type is not StructType type)
                    throw Invalid(path, $"column '{column}' is {reader.Schema[index].Type.SimpleString}, not a struct");
                wanted.Add(reader.Schema[index].Name);
                kindsRead.Add(kind);
                var keyIndex = IndexOfExact(type, key);
                if (keyIndex < 0 || !type[keyIndex].Type.IsPrimitive) filterUsable = false;
                var present = new IsNotNull(new ColumnRef([column, key]));
                filter = filter is null ? present : new Or(filter, present);
            }
            if (wanted.Count == 0) return;

            ActionBuilder[]? builders = null;
            try
            {
                var options = new ParquetReadOptions { Columns = wanted, BatchSize = BatchRows, Filter = filterUsable ? filter : null };
                foreach (var batch in reader.ReadBatches(options))
                {
                    builders ??= CreateBuilders(batch, kindsRead, path, interner);
                    for (var c = 0; c < builders.Length; c++)
                    {
                        var vector = (StructVector)batch.Columns[c];
                        var builder = builders[c];
                        for (var row = 0; row < batch.RowCount; row++)
                        {
                            if (vector.IsNull(row)) continue;
                            var action = builder.Build(vector, row);
                            if (action is not null) visit(action);
                        }
                    }
                }
            }
            catch (ParquetFormatException e)
            {
                throw Invalid(path, e.Message, e);
            }
        }
    }

    private static DeltaException Invalid(string path, string problem, Exception? inner = null) =>
        new("DELTA_INVALID_CHECKPOINT", $"Checkpoint file {path} cannot be read: {problem}.", inner);

    private static int IndexOfExact(StructType schema, string name)
    {
        for (var i = 0; i < schema.Count; i++)
            if (schema[i].Name == name) return i;
        return -1;
    }

    private static ActionBuilder[] CreateBuilders(ColumnBatch batch, List<ActionKinds> kinds, string path, Utf8Interner interner)
    {
        var builders = new ActionBuilder[kinds.Count];
        for (var i = 0; i < kinds.Count; i++)
        {
            var type = (StructType)batch.Schema[i].Type;
            builders[i] = kinds[i] switch
            {
                ActionKinds.Add => new AddBuilder(type, path, interner),
                ActionKinds.Remove => new RemoveBuilder(type, path, interner),
                ActionKinds.Metadata => new MetadataBuilder(type, path),
                ActionKinds.Protocol => new ProtocolBuilder(type, path),
                ActionKinds.Txn => new TxnBuilder(type, path),
                ActionKinds.DomainMetadata => new DomainMetadataBuilder(type, path),
                ActionKinds.CheckpointMetadata => new CheckpointMetadataBuilder(type, path),
                ActionKinds.Sidecar => new SidecarBuilder(type, path),
                _ => throw new InvalidOperationException($"no checkpoint column for {kinds[i]}"),
            };
        }
        return builders;
    }

    /// <summary>Builds one action from a row of its struct column; child positions are resolved once per file.</summary>
    private abstract class ActionBuilder(StructType type, string path)
    {
        protected string FilePath { get; } = path;

        protected int Child(string name) => IndexOfExact(type, name);

        public abstract DeltaAction? Build(StructVector vector, int row);

        protected DeltaException Missing(string action, string field) =>
            Invalid(FilePath, $"a '{action}' row has no '{field}'");

        protected static ColumnVector? At(StructVector v, int child) => child < 0 ? null : v.Children[child];

        protected static string? Str(StructVector v, int child, int row) => Str(At(v, child), row);

        protected static string? Str(ColumnVector? v, int row) =>
            v is BinaryVector b && !b.IsNull(row) ? b.GetString(row) : null;

        protected static long? Long(StructVector v, int child, int row)
        {
            var vector = At(v, child);
            if (vector is null || vector.IsNull(row)) return null;
            return vector switch
            {
                PrimitiveVector<long> l => l[row],
                PrimitiveVector<int> i => i[row],
                PrimitiveVector<short> s => s[row],
                PrimitiveVector<sbyte> b => b[row],
                _ => null,
            };
        }

        protected static int? Int(StructVector v, int child, int row) =>
            Long(v, child, row) is { } l && l is >= int.MinValue and <= int.MaxValue ? (int)l : null;

        protected static bool? Bool(StructVector v, int child, int row) =>
            At(v, child) is PrimitiveVector<bool> b && !b.IsNull(row) ? b[row] : null;

        protected static IReadOnlyDictionary<string, string?>? Map(StructVector v, int child, int row)
        {
            if (At(v, child) is not MapVector m || m.IsNull(row)) return null;
            int start = m.Offsets[row], end = m.Offsets[row + 1];
            if (start == end) return EmptyMap;
            var keys = new List<string>(end - start);
            var values = new List<string?>(end - start);
            for (var i = start; i < end; i++)
            {
                if (Str(m.Keys, i) is not { } key) continue;
                keys.Add(key);
                values.Add(Str(m.Values, i));
            }
            return SmallStringMap.Create(keys, values);
        }

        /// <summary>partitionValues: keys and values interned and the whole map shared with identical ones (the
        /// signature is the entries' length-prefixed bytes).</summary>
        protected static IReadOnlyDictionary<string, string?>? PartitionMap(StructVector v, int child, int row, Utf8Interner interner, ref byte[] scratch)
        {
            if (At(v, child) is not MapVector m || m.IsNull(row)) return null;
            int start = m.Offsets[row], end = m.Offsets[row + 1];
            if (start == end) return EmptyMap;
            if (m.Keys is not BinaryVector keys || m.Values is not BinaryVector values) return Map(v, child, row);
            var length = 0;
            for (var i = start; i < end; i++)
            {
                var key = keys.GetBytes(i);
                var value = values.IsNull(i) ? default : values.GetBytes(i);
                var need = length + 8 + key.Length + value.Length;
                if (need > scratch.Length) Array.Resize(ref scratch, Math.Max(need, scratch.Length * 2));
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(scratch.AsSpan(length), key.Length);
                key.CopyTo(scratch.AsSpan(length + 4));
                length += 4 + key.Length;
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(scratch.AsSpan(length), values.IsNull(i) ? -1 : value.Length);
                value.CopyTo(scratch.AsSpan(length + 4));
                length += 4 + value.Length;
            }
            var signature = scratch.AsSpan(0, length);
            if (interner.TryGetMap(signature, out var cached)) return cached;
            var k = new List<string>(end - start);
            var vals = new List<string?>(end - start);
            for (var i = start; i < end; i++)
            {
                k.Add(interner.String(keys.GetBytes(i)));
                vals.Add(values.IsNull(i) ? null : interner.String(values.GetBytes(i)));
            }
            var map = SmallStringMap.Create(k, vals);
            interner.AddMap(signature, map);
            return map;
        }

        protected static IReadOnlyList<string>? StrList(StructVector v, int child, int row)
        {
            if (At(v, child) is not ListVector l || l.IsNull(row)) return null;
            int start = l.Offsets[row], end = l.Offsets[row + 1];
            var list = new List<string>(end - start);
            for (var i = start; i < end; i++)
                if (Str(l.Elements, i) is { } s) list.Add(s);
            return list;
        }

        protected sealed class DvReader
        {
            private readonly int _dv, _storageType, _path, _offset, _size, _cardinality;

            public DvReader(StructType parent, int dvChild)
            {
                _dv = dvChild;
                if (dvChild < 0 || parent[dvChild].Type is not StructType dv) { _dv = -1; return; }
                _storageType = IndexOfExact(dv, "storageType");
                _path = IndexOfExact(dv, "pathOrInlineDv");
                _offset = IndexOfExact(dv, "offset");
                _size = IndexOfExact(dv, "sizeInBytes");
                _cardinality = IndexOfExact(dv, "cardinality");
            }

            public DeletionVectorDescriptor? Read(StructVector parent, int row, Func<string, DeltaException> missing)
            {
                if (_dv < 0 || parent.Children[_dv] is not StructVector dv || dv.IsNull(row)) return null;
                return new DeletionVectorDescriptor(
                    Str(dv, _storageType, row) ?? throw missing("deletionVector.storageType"),
                    Str(dv, _path, row) ?? throw missing("deletionVector.pathOrInlineDv"),
                    Int(dv, _offset, row),
                    Int(dv, _size, row) ?? throw missing("deletionVector.sizeInBytes"),
                    Long(dv, _cardinality, row) ?? throw missing("deletionVector.cardinality"));
            }
        }
    }

    private sealed class AddBuilder : ActionBuilder
    {
        private readonly int _path, _pv, _size, _mtime, _dataChange, _stats, _tags, _baseRowId, _drcv, _clustering;
        private readonly DvReader _dv;
        private readonly Utf8Interner _interner;
        private byte[] _scratch = new byte[256];

        public AddBuilder(StructType type, string path, Utf8Interner interner) : base(type, path)
        {
            _interner = interner;
            _path = Child("path");
            _pv = Child("partitionValues");
            _size = Child("size");
            _mtime = Child("modificationTime");
            _dataChange = Child("dataChange");
            _stats = Child("stats");
            _tags = Child("tags");
            _baseRowId = Child("baseRowId");
            _drcv = Child("defaultRowCommitVersion");
            _clustering = Child("clusteringProvider");
            _dv = new DvReader(type, Child("deletionVector"));
        }

        public override DeltaAction Build(StructVector v, int row) => new AddFile(
            Str(v, _path, row) ?? throw Missing("add", "path"),
            PartitionMap(v, _pv, row, _interner, ref _scratch) ?? EmptyMap,
            Long(v, _size, row) ?? 0,
            Long(v, _mtime, row) ?? 0,
            Bool(v, _dataChange, row) ?? false,
            Str(v, _stats, row),
            Map(v, _tags, row),
            _dv.Read(v, row, f => Missing("add", f)),
            Long(v, _baseRowId, row),
            Long(v, _drcv, row),
            Str(v, _clustering, row));
    }

    private sealed class RemoveBuilder : ActionBuilder
    {
        private readonly int _path, _deletionTimestamp, _dataChange, _extended, _pv, _size, _stats, _tags, _baseRowId, _drcv;
        private readonly DvReader _dv;
        private readonly Utf8Interner _interner;
        private byte[] _scratch = new byte[256];

        public RemoveBuilder(StructType type, string path, Utf8Interner interner) : base(type, path)
        {
            _interner = interner;
            _path = Child("path");
            _deletionTimestamp = Child("deletionTimestamp");
            _dataChange = Child("dataChange");
            _extended = Child("extendedFileMetadata");
            _pv = Child("partitionValues");
            _size = Child("size");
            _stats = Child("stats");
            _tags = Child("tags");
            _baseRowId = Child("baseRowId");
            _drcv = Child("defaultRowCommitVersion");
            _dv = new DvReader(type, Child("deletionVector"));
        }

        public override DeltaAction Build(StructVector v, int row) => new RemoveFile(
            Str(v, _path, row) ?? throw Missing("remove", "path"),
            Long(v, _deletionTimestamp, row),
            Bool(v, _dataChange, row) ?? false,
            Bool(v, _extended, row),
            PartitionMap(v, _pv, row, _interner, ref _scratch),
            Long(v, _size, row),
            Str(v, _stats, row),
            Map(v, _tags, row),
            _dv.Read(v, row, f => Missing("remove", f)),
            Long(v, _baseRowId, row),
            Long(v, _drcv, row));
    }

    private sealed class MetadataBuilder : ActionBuilder
    {
        private readonly int _id, _name, _description, _format, _provider = -1, _options = -1, _schema, _partitionColumns, _configuration, _createdTime;

        public MetadataBuilder(StructType type, string path) : base(type, path)
        {
            _id = Child("id");
            _name = Child("name");
            _description = Child("description");
            _format = Child("format");
            if (_format >= 0 && type[_format].Type is StructType format)
            {
                _provider = IndexOfExact(format, "provider");
                _options = IndexOfExact(format, "options");
            }
            else _format = -1;
            _schema = Child("schemaString");
            _partitionColumns = Child("partitionColumns");
            _configuration = Child("configuration");
            _createdTime = Child("createdTime");
        }

        public override DeltaAction Build(StructVector v, int row)
        {
            FileFormat format = new();
            if (_format >= 0 && v.Children[_format] is StructVector f && !f.IsNull(row))
            {
                var options = Map(f, _options, row);
                Dictionary<string, string>? nonNull = null;
                if (options is not null)
                {
                    nonNull = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var (k, val) in options)
                        if (val is not null) nonNull[k] = val;
                }
                format = new FileFormat(Str(f, _provider, row) ?? "parquet", nonNull);
            }
            var configuration = new Dictionary<string, string>(StringComparer.Ordinal);
            if (Map(v, _configuration, row) is { } raw)
                foreach (var (k, val) in raw)
                    if (val is not null) configuration[k] = val;
            return new Metadata(
                Str(v, _id, row) ?? throw Missing("metaData", "id"),
                Str(v, _schema, row) ?? throw Missing("metaData", "schemaString"),
                StrList(v, _partitionColumns, row) ?? [],
                configuration,
                format,
                Str(v, _name, row),
                Str(v, _description, row),
                Long(v, _createdTime, row));
        }
    }

    private sealed class ProtocolBuilder : ActionBuilder
    {
        private readonly int _reader, _writer, _readerFeatures, _writerFeatures;

        public ProtocolBuilder(StructType type, string path) : base(type, path)
        {
            _reader = Child("minReaderVersion");
            _writer = Child("minWriterVersion");
            _readerFeatures = Child("readerFeatures");
            _writerFeatures = Child("writerFeatures");
        }

        public override DeltaAction Build(StructVector v, int row) => new Protocol(
            Int(v, _reader, row) ?? throw Missing("protocol", "minReaderVersion"),
            Int(v, _writer, row) ?? throw Missing("protocol", "minWriterVersion"),
            StrList(v, _readerFeatures, row),
            StrList(v, _writerFeatures, row));
    }

    private sealed class TxnBuilder : ActionBuilder
    {
        private readonly int _appId, _version, _lastUpdated;

        public TxnBuilder(StructType type, string path) : base(type, path)
        {
            _appId = Child("appId");
            _version = Child("version");
            _lastUpdated = Child("lastUpdated");
        }

        public override DeltaAction Build(StructVector v, int row) => new SetTransaction(
            Str(v, _appId, row) ?? throw Missing("txn", "appId"),
            Long(v, _version, row) ?? throw Missing("txn", "version"),
            Long(v, _lastUpdated, row));
    }

    private sealed class DomainMetadataBuilder : ActionBuilder
    {
        private readonly int _domain, _configuration, _removed;

        public DomainMetadataBuilder(StructType type, string path) : base(type, path)
        {
            _domain = Child("domain");
            _configuration = Child("configuration");
            _removed = Child("removed");
        }

        public override DeltaAction Build(StructVector v, int row) => new DomainMetadata(
            Str(v, _domain, row) ?? throw Missing("domainMetadata", "domain"),
            Str(v, _configuration, row) ?? "",
            Bool(v, _removed, row) ?? false);
    }

    private sealed class CheckpointMetadataBuilder : ActionBuilder
    {
        private readonly int _version, _tags;

        public CheckpointMetadataBuilder(StructType type, string path) : base(type, path)
        {
            _version = Child("version");
            _tags = Child("tags");
        }

        public override DeltaAction Build(StructVector v, int row) => new CheckpointMetadata(
            Long(v, _version, row) ?? throw Missing("checkpointMetadata", "version"),
            Map(v, _tags, row));
    }

    private sealed class SidecarBuilder : ActionBuilder
    {
        private readonly int _path, _size, _mtime, _tags;

        public SidecarBuilder(StructType type, string path) : base(type, path)
        {
            _path = Child("path");
            _size = Child("sizeInBytes");
            _mtime = Child("modificationTime");
            _tags = Child("tags");
        }

        public override DeltaAction Build(StructVector v, int row) => new Sidecar(
            Str(v, _path, row) ?? throw Missing("sidecar", "path"),
            Long(v, _size, row) ?? 0,
            Long(v, _mtime, row) ?? 0,
            Map(v, _tags, row));
    }

    private static readonly IReadOnlyDictionary<string, string?> EmptyMap = SmallStringMap.Empty;
}
