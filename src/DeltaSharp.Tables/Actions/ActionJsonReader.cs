using System.Text;
using System.Text.Json;

namespace DeltaSharp.Tables.Actions;

/// <summary>
/// Reads log actions from newline-delimited JSON: commit files, v2 JSON checkpoints, compaction files
/// (PROTOCOL.md "Delta Log Entries": every action is a single-line JSON document). Built on
/// <see cref="Utf8JsonReader"/>, no reflection. Unknown fields and unknown action kinds are ignored
/// (PROTOCOL.md "Actions"); kinds the caller does not ask for are skipped without being parsed.
/// Malformed input raises <see cref="DeltaException"/> DELTA_INVALID_LOG_ENTRY naming the source and line.
/// Stateless and thread-safe.
/// </summary>
public static class ActionJsonReader
{
    /// <summary>The error class of a malformed log line.</summary>
    public const string InvalidEntryErrorClass = "DELTA_INVALID_LOG_ENTRY";

    /// <summary>Every action of <paramref name="utf8"/> (of the requested kinds), in file order.</summary>
    public static List<DeltaAction> ReadAll(ReadOnlySpan<byte> utf8, ActionKinds kinds = ActionKinds.All, string? source = null)
    {
        var result = new List<DeltaAction>();
        Read(utf8, kinds, result.Add, source);
        return result;
    }

    /// <summary>Calls <paramref name="visit"/> for each action of the requested kinds, in file order.</summary>
    public static void Read(ReadOnlySpan<byte> utf8, ActionKinds kinds, Action<DeltaAction> visit, string? source = null) =>
        Read(utf8, kinds, visit, source, null);

    /// <summary><see cref="Read(ReadOnlySpan{byte}, ActionKinds, Action{DeltaAction}, string?)"/> sharing strings and
    /// partition-value maps through <paramref name="interner"/> (one per replay, across its files).</summary>
    internal static void Read(ReadOnlySpan<byte> utf8, ActionKinds kinds, Action<DeltaAction> visit, string? source, Utf8Interner? interner)
    {
        ArgumentNullException.ThrowIfNull(visit);
        var context = new ParseContext(source, interner);
        var lineNumber = 0;
        while (!utf8.IsEmpty)
        {
            lineNumber++;
            var end = utf8.IndexOf((byte)'\n');
            var line = end < 0 ? utf8 : utf8[..end];
            utf8 = end < 0 ? [] : utf8[(end + 1)..];
            if (kinds == ActionKinds.None) continue;
            ReadLine(line, kinds, visit, context, lineNumber);
        }
    }

    /// <summary>The action on one line, or null for a blank line or an action kind this reader does not know.</summary>
    public static DeltaAction? ReadLine(ReadOnlySpan<byte> line, string? source = null)
    {
        DeltaAction? found = null;
        ReadLine(line, ActionKinds.All, a => found ??= a, new ParseContext(source, null), 1);
        return found;
    }

    /// <summary>The first commitInfo of a commit file, or null when it has none. Stops at the first commitInfo, so
    /// in-commit timestamps (which must be on the first line, PROTOCOL.md "In-Commit Timestamps") cost one line.</summary>
    public static CommitInfo? ReadCommitInfo(ReadOnlySpan<byte> utf8, string? source = null)
    {
        var context = new ParseContext(source, null);
        var lineNumber = 0;
        CommitInfo? found = null;
        while (!utf8.IsEmpty && found is null)
        {
            lineNumber++;
            var end = utf8.IndexOf((byte)'\n');
            var line = end < 0 ? utf8 : utf8[..end];
            utf8 = end < 0 ? [] : utf8[(end + 1)..];
            ReadLine(line, ActionKinds.CommitInfo, a => found ??= (CommitInfo)a, context, lineNumber);
        }
        return found;
    }

    private static void ReadLine(ReadOnlySpan<byte> line, ActionKinds kinds, Action<DeltaAction> visit, ParseContext context, int lineNumber)
    {
        if (line.IsEmpty || line.IndexOfAnyExcept(" \t\r"u8) < 0) return;
        context.Line = lineNumber;
        var reader = new Utf8JsonReader(line);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw context.Error("a line must hold one JSON object");
            var first = true;
            while (true)
            {
                Read(ref reader, context);
                if (reader.TokenType == JsonTokenType.EndObject) break;
                var kind = KindOf(ref reader);
                Read(ref reader, context);
                if ((kinds & kind) == 0)
                {
                    // One action per line (PROTOCOL.md "Delta Log Entries"): an unwanted first action means an
                    // unwanted line, skipped without tokenising the rest.
                    if (first) return;
                    reader.Skip();
                    continue;
                }
                first = false;
                if (reader.TokenType == JsonTokenType.Null) continue;
                if (reader.TokenType != JsonTokenType.StartObject) throw context.Error($"action '{kind}' must be a JSON object");
                visit(kind switch
                {
                    ActionKinds.Add => ReadAdd(ref reader, context, line),
                    ActionKinds.Remove => ReadRemove(ref reader, context, line),
                    ActionKinds.Metadata => ReadMetadata(ref reader, context),
                    ActionKinds.Protocol => ReadProtocol(ref reader, context),
                    ActionKinds.CommitInfo => ReadCommitInfo(ref reader, context, line),
                    ActionKinds.Txn => ReadTxn(ref reader, context),
                    ActionKinds.DomainMetadata => ReadDomainMetadata(ref reader, context),
                    ActionKinds.Cdc => ReadCdc(ref reader, context, line),
                    ActionKinds.CheckpointMetadata => ReadCheckpointMetadata(ref reader, context),
                    ActionKinds.Sidecar => ReadSidecar(ref reader, context),
                    _ => throw new InvalidOperationException($"unhandled action kind {kind}"),
                });
            }
            if (reader.Read()) throw context.Error("unexpected content after the action object");
        }
        catch (JsonException e)
        {
            throw context.Error($"invalid JSON ({e.Message})", e);
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            throw context.Error("a string is not valid UTF-8", e);
        }
    }

    private static ActionKinds KindOf(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("add"u8)) return ActionKinds.Add;
        if (reader.ValueTextEquals("remove"u8)) return ActionKinds.Remove;
        if (reader.ValueTextEquals("commitInfo"u8)) return ActionKinds.CommitInfo;
        if (reader.ValueTextEquals("metaData"u8)) return ActionKinds.Metadata;
        if (reader.ValueTextEquals("protocol"u8)) return ActionKinds.Protocol;
        if (reader.ValueTextEquals("txn"u8)) return ActionKinds.Txn;
        if (reader.ValueTextEquals("cdc"u8)) return ActionKinds.Cdc;
        if (reader.ValueTextEquals("domainMetadata"u8)) return ActionKinds.DomainMetadata;
        if (reader.ValueTextEquals("checkpointMetadata"u8)) return ActionKinds.CheckpointMetadata;
        if (reader.ValueTextEquals("sidecar"u8)) return ActionKinds.Sidecar;
        return ActionKinds.None; // unknown kind: never requested, so it is skipped
    }

    // ---- actions ----

    private static AddFile ReadAdd(ref Utf8JsonReader reader, ParseContext context, ReadOnlySpan<byte> line)
    {
        string? path = null, stats = null, clusteringProvider = null;
        IReadOnlyDictionary<string, string?>? partitionValues = null, tags = null;
        long size = 0, modificationTime = 0;
        long? baseRowId = null, defaultRowCommitVersion = null;
        var dataChange = false;
        DeletionVectorDescriptor? dv = null;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("path"u8)) { Read(ref reader, context); path = String(ref reader, context, "add.path"); }
            else if (reader.ValueTextEquals("partitionValues"u8)) { Read(ref reader, context); partitionValues = PartitionValues(ref reader, context, line, "add.partitionValues"); }
            else if (reader.ValueTextEquals("size"u8)) { Read(ref reader, context); size = Long(ref reader, context, "add.size"); }
            else if (reader.ValueTextEquals("modificationTime"u8)) { Read(ref reader, context); modificationTime = Long(ref reader, context, "add.modificationTime"); }
            else if (reader.ValueTextEquals("dataChange"u8)) { Read(ref reader, context); dataChange = Bool(ref reader, context, "add.dataChange"); }
            else if (reader.ValueTextEquals("stats"u8)) { Read(ref reader, context); stats = String(ref reader, context, "add.stats"); }
            else if (reader.ValueTextEquals("tags"u8)) { Read(ref reader, context); tags = StringMap(ref reader, context, "add.tags", intern: false); }
            else if (reader.ValueTextEquals("deletionVector"u8)) { Read(ref reader, context); dv = DeletionVector(ref reader, context); }
            else if (reader.ValueTextEquals("baseRowId"u8)) { Read(ref reader, context); baseRowId = NullableLong(ref reader, context, "add.baseRowId"); }
            else if (reader.ValueTextEquals("defaultRowCommitVersion"u8)) { Read(ref reader, context); defaultRowCommitVersion = NullableLong(ref reader, context, "add.defaultRowCommitVersion"); }
            else if (reader.ValueTextEquals("clusteringProvider"u8)) { Read(ref reader, context); clusteringProvider = String(ref reader, context, "add.clusteringProvider"); }
            else SkipValue(ref reader, context);
        }
        return new AddFile(
            path ?? throw context.Error("add has no 'path'"),
            partitionValues ?? EmptyMap,
            size,
            modificationTime,
            dataChange,
            stats,
            tags,
            dv,
            baseRowId,
            defaultRowCommitVersion,
            clusteringProvider);
    }

    private static RemoveFile ReadRemove(ref Utf8JsonReader reader, ParseContext context, ReadOnlySpan<byte> line)
    {
        string? path = null, stats = null;
        IReadOnlyDictionary<string, string?>? partitionValues = null, tags = null;
        long? deletionTimestamp = null, size = null, baseRowId = null, defaultRowCommitVersion = null;
        bool? extended = null;
        var dataChange = false;
        DeletionVectorDescriptor? dv = null;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("path"u8)) { Read(ref reader, context); path = String(ref reader, context, "remove.path"); }
            else if (reader.ValueTextEquals("deletionTimestamp"u8)) { Read(ref reader, context); deletionTimestamp = NullableLong(ref reader, context, "remove.deletionTimestamp"); }
            else if (reader.ValueTextEquals("dataChange"u8)) { Read(ref reader, context); dataChange = Bool(ref reader, context, "remove.dataChange"); }
            else if (reader.ValueTextEquals("extendedFileMetadata"u8)) { Read(ref reader, context); extended = NullableBool(ref reader, context, "remove.extendedFileMetadata"); }
            else if (reader.ValueTextEquals("partitionValues"u8)) { Read(ref reader, context); partitionValues = PartitionValues(ref reader, context, line, "remove.partitionValues"); }
            else if (reader.ValueTextEquals("size"u8)) { Read(ref reader, context); size = NullableLong(ref reader, context, "remove.size"); }
            else if (reader.ValueTextEquals("stats"u8)) { Read(ref reader, context); stats = String(ref reader, context, "remove.stats"); }
            else if (reader.ValueTextEquals("tags"u8)) { Read(ref reader, context); tags = StringMap(ref reader, context, "remove.tags", intern: false); }
            else if (reader.ValueTextEquals("deletionVector"u8)) { Read(ref reader, context); dv = DeletionVector(ref reader, context); }
            else if (reader.ValueTextEquals("baseRowId"u8)) { Read(ref reader, context); baseRowId = NullableLong(ref reader, context, "remove.baseRowId"); }
            else if (reader.ValueTextEquals("defaultRowCommitVersion"u8)) { Read(ref reader, context); defaultRowCommitVersion = NullableLong(ref reader, context, "remove.defaultRowCommitVersion"); }
            else SkipValue(ref reader, context);
        }
        return new RemoveFile(
            path ?? throw context.Error("remove has no 'path'"),
            deletionTimestamp,
            dataChange,
            extended,
            partitionValues,
            size,
            stats,
            tags,
            dv,
            baseRowId,
            defaultRowCommitVersion);
    }

    private static AddCdcFile ReadCdc(ref Utf8JsonReader reader, ParseContext context, ReadOnlySpan<byte> line)
    {
        string? path = null;
        IReadOnlyDictionary<string, string?>? partitionValues = null, tags = null;
        long size = 0;
        var dataChange = false;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("path"u8)) { Read(ref reader, context); path = String(ref reader, context, "cdc.path"); }
            else if (reader.ValueTextEquals("partitionValues"u8)) { Read(ref reader, context); partitionValues = PartitionValues(ref reader, context, line, "cdc.partitionValues"); }
            else if (reader.ValueTextEquals("size"u8)) { Read(ref reader, context); size = Long(ref reader, context, "cdc.size"); }
            else if (reader.ValueTextEquals("dataChange"u8)) { Read(ref reader, context); dataChange = Bool(ref reader, context, "cdc.dataChange"); }
            else if (reader.ValueTextEquals("tags"u8)) { Read(ref reader, context); tags = StringMap(ref reader, context, "cdc.tags", intern: false); }
            else SkipValue(ref reader, context);
        }
        return new AddCdcFile(path ?? throw context.Error("cdc has no 'path'"), partitionValues ?? EmptyMap, size, dataChange, tags);
    }

    private static Metadata ReadMetadata(ref Utf8JsonReader reader, ParseContext context)
    {
        string? id = null, schema = null, name = null, description = null;
        List<string>? partitionColumns = null;
        Dictionary<string, string>? configuration = null;
        FileFormat? format = null;
        long? createdTime = null;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("id"u8)) { Read(ref reader, context); id = String(ref reader, context, "metaData.id"); }
            else if (reader.ValueTextEquals("schemaString"u8)) { Read(ref reader, context); schema = String(ref reader, context, "metaData.schemaString"); }
            else if (reader.ValueTextEquals("partitionColumns"u8)) { Read(ref reader, context); partitionColumns = StringList(ref reader, context, "metaData.partitionColumns"); }
            else if (reader.ValueTextEquals("configuration"u8)) { Read(ref reader, context); configuration = NonNullStringMap(ref reader, context, "metaData.configuration"); }
            else if (reader.ValueTextEquals("format"u8)) { Read(ref reader, context); format = Format(ref reader, context); }
            else if (reader.ValueTextEquals("name"u8)) { Read(ref reader, context); name = String(ref reader, context, "metaData.name"); }
            else if (reader.ValueTextEquals("description"u8)) { Read(ref reader, context); description = String(ref reader, context, "metaData.description"); }
            else if (reader.ValueTextEquals("createdTime"u8)) { Read(ref reader, context); createdTime = NullableLong(ref reader, context, "metaData.createdTime"); }
            else SkipValue(ref reader, context);
        }
        return new Metadata(
            id ?? throw context.Error("metaData has no 'id'"),
            schema ?? throw context.Error("metaData has no 'schemaString'"),
            (IReadOnlyList<string>?)partitionColumns ?? [],
            (IReadOnlyDictionary<string, string>?)configuration ?? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty,
            format ?? new FileFormat(),
            name,
            description,
            createdTime);
    }

    private static FileFormat? Format(ref Utf8JsonReader reader, ParseContext context)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject, context, "metaData.format");
        string provider = "parquet";
        Dictionary<string, string>? options = null;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("provider"u8)) { Read(ref reader, context); provider = String(ref reader, context, "metaData.format.provider") ?? "parquet"; }
            else if (reader.ValueTextEquals("options"u8)) { Read(ref reader, context); options = NonNullStringMap(ref reader, context, "metaData.format.options"); }
            else SkipValue(ref reader, context);
        }
        return new FileFormat(provider, options);
    }

    private static Protocol ReadProtocol(ref Utf8JsonReader reader, ParseContext context)
    {
        int? minReader = null, minWriter = null;
        List<string>? readerFeatures = null, writerFeatures = null;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("minReaderVersion"u8)) { Read(ref reader, context); minReader = Int(ref reader, context, "protocol.minReaderVersion"); }
            else if (reader.ValueTextEquals("minWriterVersion"u8)) { Read(ref reader, context); minWriter = Int(ref reader, context, "protocol.minWriterVersion"); }
            else if (reader.ValueTextEquals("readerFeatures"u8)) { Read(ref reader, context); readerFeatures = StringList(ref reader, context, "protocol.readerFeatures"); }
            else if (reader.ValueTextEquals("writerFeatures"u8)) { Read(ref reader, context); writerFeatures = StringList(ref reader, context, "protocol.writerFeatures"); }
            else SkipValue(ref reader, context);
        }
        return new Protocol(
            minReader ?? throw context.Error("protocol has no 'minReaderVersion'"),
            minWriter ?? throw context.Error("protocol has no 'minWriterVersion'"),
            readerFeatures,
            writerFeatures);
    }

    private static SetTransaction ReadTxn(ref Utf8JsonReader reader, ParseContext context)
    {
        string? appId = null;
        long? version = null, lastUpdated = null;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("appId"u8)) { Read(ref reader, context); appId = String(ref reader, context, "txn.appId"); }
            else if (reader.ValueTextEquals("version"u8)) { Read(ref reader, context); version = Long(ref reader, context, "txn.version"); }
            else if (reader.ValueTextEquals("lastUpdated"u8)) { Read(ref reader, context); lastUpdated = NullableLong(ref reader, context, "txn.lastUpdated"); }
            else SkipValue(ref reader, context);
        }
        return new SetTransaction(
            appId ?? throw context.Error("txn has no 'appId'"),
            version ?? throw context.Error("txn has no 'version'"),
            lastUpdated);
    }

    private static DomainMetadata ReadDomainMetadata(ref Utf8JsonReader reader, ParseContext context)
    {
        string? domain = null, configuration = null;
        var removed = false;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("domain"u8)) { Read(ref reader, context); domain = String(ref reader, context, "domainMetadata.domain"); }
            else if (reader.ValueTextEquals("configuration"u8)) { Read(ref reader, context); configuration = String(ref reader, context, "domainMetadata.configuration"); }
            else if (reader.ValueTextEquals("removed"u8)) { Read(ref reader, context); removed = Bool(ref reader, context, "domainMetadata.removed"); }
            else SkipValue(ref reader, context);
        }
        return new DomainMetadata(domain ?? throw context.Error("domainMetadata has no 'domain'"), configuration ?? "", removed);
    }

    private static CheckpointMetadata ReadCheckpointMetadata(ref Utf8JsonReader reader, ParseContext context)
    {
        long? version = null;
        IReadOnlyDictionary<string, string?>? tags = null;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("version"u8)) { Read(ref reader, context); version = Long(ref reader, context, "checkpointMetadata.version"); }
            else if (reader.ValueTextEquals("tags"u8)) { Read(ref reader, context); tags = StringMap(ref reader, context, "checkpointMetadata.tags", intern: false); }
            else SkipValue(ref reader, context);
        }
        return new CheckpointMetadata(version ?? throw context.Error("checkpointMetadata has no 'version'"), tags);
    }

    private static Sidecar ReadSidecar(ref Utf8JsonReader reader, ParseContext context)
    {
        string? path = null;
        long size = 0, modificationTime = 0;
        IReadOnlyDictionary<string, string?>? tags = null;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("path"u8)) { Read(ref reader, context); path = String(ref reader, context, "sidecar.path"); }
            else if (reader.ValueTextEquals("sizeInBytes"u8)) { Read(ref reader, context); size = Long(ref reader, context, "sidecar.sizeInBytes"); }
            else if (reader.ValueTextEquals("modificationTime"u8)) { Read(ref reader, context); modificationTime = Long(ref reader, context, "sidecar.modificationTime"); }
            else if (reader.ValueTextEquals("tags"u8)) { Read(ref reader, context); tags = StringMap(ref reader, context, "sidecar.tags", intern: false); }
            else SkipValue(ref reader, context);
        }
        return new Sidecar(path ?? throw context.Error("sidecar has no 'path'"), size, modificationTime, tags);
    }

    private static CommitInfo ReadCommitInfo(ref Utf8JsonReader reader, ParseContext context, ReadOnlySpan<byte> line)
    {
        var start = (int)reader.TokenStartIndex;
        long? timestamp = null, ict = null, readVersion = null;
        string? userId = null, userName = null, operation = null, isolationLevel = null, userMetadata = null,
            engineInfo = null, txnId = null, clusterId = null;
        bool? blindAppend = null;
        Dictionary<string, string>? parameters = null, metrics = null;
        while (NextProperty(ref reader, context))
        {
            // commitInfo is free-form: a known field of an unexpected JSON type is left to RawJson, not an error.
            if (reader.ValueTextEquals("timestamp"u8)) { Read(ref reader, context); timestamp = LooseLong(ref reader); }
            else if (reader.ValueTextEquals("inCommitTimestamp"u8)) { Read(ref reader, context); ict = LooseLong(ref reader); }
            else if (reader.ValueTextEquals("operation"u8)) { Read(ref reader, context); operation = LooseString(ref reader); }
            else if (reader.ValueTextEquals("operationParameters"u8)) { Read(ref reader, context); parameters = RawValueMap(ref reader, context, line); }
            else if (reader.ValueTextEquals("operationMetrics"u8)) { Read(ref reader, context); metrics = RawValueMap(ref reader, context, line); }
            else if (reader.ValueTextEquals("readVersion"u8)) { Read(ref reader, context); readVersion = LooseLong(ref reader); }
            else if (reader.ValueTextEquals("isolationLevel"u8)) { Read(ref reader, context); isolationLevel = LooseString(ref reader); }
            else if (reader.ValueTextEquals("isBlindAppend"u8)) { Read(ref reader, context); blindAppend = reader.TokenType switch { JsonTokenType.True => true, JsonTokenType.False => false, _ => Skipped<bool?>(ref reader) }; }
            else if (reader.ValueTextEquals("userId"u8)) { Read(ref reader, context); userId = LooseString(ref reader); }
            else if (reader.ValueTextEquals("userName"u8)) { Read(ref reader, context); userName = LooseString(ref reader); }
            else if (reader.ValueTextEquals("userMetadata"u8)) { Read(ref reader, context); userMetadata = LooseString(ref reader); }
            else if (reader.ValueTextEquals("engineInfo"u8)) { Read(ref reader, context); engineInfo = LooseString(ref reader); }
            else if (reader.ValueTextEquals("txnId"u8)) { Read(ref reader, context); txnId = LooseString(ref reader); }
            else if (reader.ValueTextEquals("clusterId"u8)) { Read(ref reader, context); clusterId = LooseString(ref reader); }
            else SkipValue(ref reader, context);
        }
        var end = (int)reader.BytesConsumed;
        return new CommitInfo
        {
            Timestamp = timestamp,
            InCommitTimestamp = ict,
            UserId = userId,
            UserName = userName,
            Operation = operation,
            OperationParameters = parameters,
            ReadVersion = readVersion,
            IsolationLevel = isolationLevel,
            IsBlindAppend = blindAppend,
            OperationMetrics = metrics,
            UserMetadata = userMetadata,
            EngineInfo = engineInfo,
            TxnId = txnId,
            ClusterId = clusterId,
            RawJson = Encoding.UTF8.GetString(line[start..end]),
        };
    }

    private static DeletionVectorDescriptor? DeletionVector(ref Utf8JsonReader reader, ParseContext context)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject, context, "deletionVector");
        string? storageType = null, pathOrInline = null;
        int? offset = null, sizeInBytes = null;
        long? cardinality = null;
        while (NextProperty(ref reader, context))
        {
            if (reader.ValueTextEquals("storageType"u8)) { Read(ref reader, context); storageType = String(ref reader, context, "deletionVector.storageType"); }
            else if (reader.ValueTextEquals("pathOrInlineDv"u8)) { Read(ref reader, context); pathOrInline = String(ref reader, context, "deletionVector.pathOrInlineDv"); }
            else if (reader.ValueTextEquals("offset"u8)) { Read(ref reader, context); offset = reader.TokenType == JsonTokenType.Null ? null : Int(ref reader, context, "deletionVector.offset"); }
            else if (reader.ValueTextEquals("sizeInBytes"u8)) { Read(ref reader, context); sizeInBytes = Int(ref reader, context, "deletionVector.sizeInBytes"); }
            else if (reader.ValueTextEquals("cardinality"u8)) { Read(ref reader, context); cardinality = Long(ref reader, context, "deletionVector.cardinality"); }
            else SkipValue(ref reader, context);
        }
        return new DeletionVectorDescriptor(
            storageType ?? throw context.Error("deletionVector has no 'storageType'"),
            pathOrInline ?? throw context.Error("deletionVector has no 'pathOrInlineDv'"),
            offset,
            sizeInBytes ?? throw context.Error("deletionVector has no 'sizeInBytes'"),
            cardinality ?? throw context.Error("deletionVector has no 'cardinality'"));
    }

    // ---- values ----

    private static readonly IReadOnlyDictionary<string, string?> EmptyMap = SmallStringMap.Empty;

    /// <summary>partitionValues: the same partition's map is shared (looked up by its JSON text) across adds.</summary>
    private static IReadOnlyDictionary<string, string?>? PartitionValues(ref Utf8JsonReader reader, ParseContext context, ReadOnlySpan<byte> line, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return StringMap(ref reader, context, what, intern: true);
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        var text = line[start..(int)reader.BytesConsumed];
        if (context.Interner.TryGetMap(text, out var cached)) return cached;
        var inner = new Utf8JsonReader(text);
        inner.Read();
        var map = StringMap(ref inner, context, what, intern: true)!;
        context.Interner.AddMap(text, map);
        return map;
    }

    /// <summary>A string→string-or-null object (partitionValues, tags). Keys (and, when <paramref name="intern"/>,
    /// short values) repeat across lines, so they are shared.</summary>
    private static IReadOnlyDictionary<string, string?>? StringMap(ref Utf8JsonReader reader, ParseContext context, string what, bool intern)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject, context, what);
        List<string>? keys = null;
        List<string?>? values = null;
        while (NextProperty(ref reader, context))
        {
            var key = context.Intern(ref reader);
            Read(ref reader, context);
            keys ??= new List<string>(4);
            values ??= new List<string?>(4);
            keys.Add(key);
            values.Add(reader.TokenType == JsonTokenType.String && intern ? context.Intern(ref reader) : String(ref reader, context, what));
        }
        return keys is null ? EmptyMap : SmallStringMap.Create(keys, values!);
    }

    /// <summary>A map whose null values are dropped (configuration, format options: Map[String, String]).</summary>
    private static Dictionary<string, string>? NonNullStringMap(ref Utf8JsonReader reader, ParseContext context, string what)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartObject, context, what);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader, context))
        {
            var key = reader.GetString()!;
            Read(ref reader, context);
            if (String(ref reader, context, what) is { } value) map[key] = value;
        }
        return map;
    }

    /// <summary>commitInfo maps: string values as strings, any other JSON value as its raw text (some writers put
    /// booleans or numbers into operationParameters).</summary>
    private static Dictionary<string, string>? RawValueMap(ref Utf8JsonReader reader, ParseContext context, ReadOnlySpan<byte> line)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref reader, context))
        {
            var key = reader.GetString()!;
            Read(ref reader, context);
            map[key] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : RawText(ref reader, line);
        }
        return map;
    }

    private static string RawText(ref Utf8JsonReader reader, ReadOnlySpan<byte> line)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return Encoding.UTF8.GetString(line[start..(int)reader.BytesConsumed]);
    }

    private static List<string>? StringList(ref Utf8JsonReader reader, ParseContext context, string what)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        Expect(ref reader, JsonTokenType.StartArray, context, what);
        var list = new List<string>();
        while (true)
        {
            Read(ref reader, context);
            if (reader.TokenType == JsonTokenType.EndArray) return list;
            list.Add(String(ref reader, context, what) ?? throw context.Error($"'{what}' holds a null"));
        }
    }

    private static string? String(ref Utf8JsonReader reader, ParseContext context, string what) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw context.Error($"'{what}' must be a string, found {reader.TokenType}"),
    };

    private static long Long(ref Utf8JsonReader reader, ParseContext context, string what) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v)
            ? v
            : throw context.Error($"'{what}' must be a 64-bit integer, found {Describe(ref reader)}");

    private static long? NullableLong(ref Utf8JsonReader reader, ParseContext context, string what) =>
        reader.TokenType == JsonTokenType.Null ? null : Long(ref reader, context, what);

    private static int Int(ref Utf8JsonReader reader, ParseContext context, string what) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v)
            ? v
            : throw context.Error($"'{what}' must be a 32-bit integer, found {Describe(ref reader)}");

    private static bool Bool(ref Utf8JsonReader reader, ParseContext context, string what) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => false,
        _ => throw context.Error($"'{what}' must be true or false, found {reader.TokenType}"),
    };

    private static bool? NullableBool(ref Utf8JsonReader reader, ParseContext context, string what) =>
        reader.TokenType == JsonTokenType.Null ? null : Bool(ref reader, context, what);

    private static long? LooseLong(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v) ? v : Skipped<long?>(ref reader);

    private static string? LooseString(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.String ? reader.GetString() : Skipped<string?>(ref reader);

    private static T? Skipped<T>(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return default;
    }

    private static string Describe(ref Utf8JsonReader reader) =>
        reader.TokenType is JsonTokenType.Number or JsonTokenType.String
            ? $"{reader.TokenType} {Encoding.UTF8.GetString(reader.ValueSpan)}"
            : reader.TokenType.ToString();

    // ---- reader plumbing ----

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader, ParseContext context)
    {
        Read(ref reader, context);
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    private static void SkipValue(ref Utf8JsonReader reader, ParseContext context)
    {
        Read(ref reader, context);
        reader.Skip();
    }

    private static void Read(ref Utf8JsonReader reader, ParseContext context)
    {
        if (!reader.Read()) throw context.Error("the line ends inside an action");
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, ParseContext context, string what)
    {
        if (reader.TokenType != type) throw context.Error($"'{what}' must be a JSON {(type == JsonTokenType.StartObject ? "object" : "array")}, found {reader.TokenType}");
    }

    /// <summary>Per-file parse state: where we are (for errors) and the shared strings/maps.</summary>
    private sealed class ParseContext(string? source, Utf8Interner? interner)
    {
        public int Line { get; set; }

        public Utf8Interner Interner { get; } = interner ?? new Utf8Interner();

        /// <summary>The current string token (property name or value), shared when seen before.</summary>
        public string Intern(ref Utf8JsonReader reader) =>
            reader.ValueIsEscaped || reader.HasValueSequence ? reader.GetString()! : Interner.String(reader.ValueSpan);

        public DeltaException Error(string problem, Exception? inner = null) =>
            new(InvalidEntryErrorClass,
                $"{source ?? "log entry"} line {Line}: {problem}. The log file is corrupt or was written by an incompatible writer.",
                inner);
    }
}
