using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DeltaSharp.Tables.Actions;

/// <summary>
/// Serialises actions as Spark writes them into a commit file (PROTOCOL.md "Delta Log Entries"): one JSON object per
/// line, <c>{"add":{...}}</c>, fields in Spark's order, absent optional fields omitted, partition values with JSON
/// null, <c>stats</c> as an escaped JSON string, each line ended by '\n'. Stateless and thread-safe.
/// </summary>
public static class ActionJsonWriter
{
    // Jackson (Spark) escapes only quotes, backslashes and control characters; keep non-ASCII text readable.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    /// <summary>The bytes of a commit file: every action on its own line, each line ended by '\n'.</summary>
    public static byte[] SerializeCommit(IEnumerable<DeltaAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, Options);
        foreach (var action in actions)
        {
            Write(writer, action);
            writer.Flush();
            writer.Reset(buffer);
            buffer.Write("\n"u8);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>One action as a single-line JSON object (no trailing newline).</summary>
    public static string ToJson(DeltaAction action)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options)) Write(writer, action);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <c>{"&lt;actionName&gt;":{...}}</c> for <paramref name="action"/>.</summary>
    public static void Write(Utf8JsonWriter writer, DeltaAction action)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(action);
        writer.WriteStartObject();
        switch (action)
        {
            case CommitInfo c: writer.WritePropertyName("commitInfo"); WriteCommitInfo(writer, c); break;
            case Protocol p: writer.WritePropertyName("protocol"); WriteProtocol(writer, p); break;
            case Metadata m: writer.WritePropertyName("metaData"); WriteMetadata(writer, m); break;
            case AddFile a: writer.WritePropertyName("add"); WriteAdd(writer, a); break;
            case RemoveFile r: writer.WritePropertyName("remove"); WriteRemove(writer, r); break;
            case AddCdcFile cdc: writer.WritePropertyName("cdc"); WriteCdc(writer, cdc); break;
            case SetTransaction t: writer.WritePropertyName("txn"); WriteTxn(writer, t); break;
            case DomainMetadata d: writer.WritePropertyName("domainMetadata"); WriteDomain(writer, d); break;
            case CheckpointMetadata cm: writer.WritePropertyName("checkpointMetadata"); WriteCheckpointMetadata(writer, cm); break;
            case Sidecar s: writer.WritePropertyName("sidecar"); WriteSidecar(writer, s); break;
            default: throw new ArgumentException($"Unknown action type {action.GetType().Name}.", nameof(action));
        }
        writer.WriteEndObject();
    }

    private static void WriteProtocol(Utf8JsonWriter w, Protocol p)
    {
        w.WriteStartObject();
        w.WriteNumber("minReaderVersion", p.MinReaderVersion);
        w.WriteNumber("minWriterVersion", p.MinWriterVersion);
        if (p.ReaderFeatures is { } rf) WriteStringArray(w, "readerFeatures", rf);
        if (p.WriterFeatures is { } wf) WriteStringArray(w, "writerFeatures", wf);
        w.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter w, Metadata m)
    {
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        if (m.Name is { } name) w.WriteString("name", name);
        if (m.Description is { } description) w.WriteString("description", description);
        w.WritePropertyName("format");
        w.WriteStartObject();
        w.WriteString("provider", m.Format.Provider);
        WriteStringMap(w, "options", m.Format.Options ?? EmptyMap);
        w.WriteEndObject();
        w.WriteString("schemaString", m.SchemaString);
        WriteStringArray(w, "partitionColumns", m.PartitionColumns);
        WriteStringMap(w, "configuration", m.Configuration);
        if (m.CreatedTime is { } created) w.WriteNumber("createdTime", created);
        w.WriteEndObject();
    }

    private static void WriteAdd(Utf8JsonWriter w, AddFile a)
    {
        w.WriteStartObject();
        w.WriteString("path", a.Path);
        WriteNullableMap(w, "partitionValues", a.PartitionValues);
        w.WriteNumber("size", a.Size);
        w.WriteNumber("modificationTime", a.ModificationTime);
        w.WriteBoolean("dataChange", a.DataChange);
        if (a.Stats is { } stats) w.WriteString("stats", stats);
        if (a.Tags is { } tags) WriteNullableMap(w, "tags", tags);
        if (a.DeletionVector is { } dv) WriteDeletionVector(w, dv);
        if (a.BaseRowId is { } baseRowId) w.WriteNumber("baseRowId", baseRowId);
        if (a.DefaultRowCommitVersion is { } drcv) w.WriteNumber("defaultRowCommitVersion", drcv);
        if (a.ClusteringProvider is { } cp) w.WriteString("clusteringProvider", cp);
        w.WriteEndObject();
    }

    private static void WriteRemove(Utf8JsonWriter w, RemoveFile r)
    {
        w.WriteStartObject();
        w.WriteString("path", r.Path);
        if (r.DeletionTimestamp is { } ts) w.WriteNumber("deletionTimestamp", ts);
        w.WriteBoolean("dataChange", r.DataChange);
        if (r.ExtendedFileMetadata is { } ext) w.WriteBoolean("extendedFileMetadata", ext);
        if (r.PartitionValues is { } pv) WriteNullableMap(w, "partitionValues", pv);
        if (r.Size is { } size) w.WriteNumber("size", size);
        if (r.Tags is { } tags) WriteNullableMap(w, "tags", tags);
        if (r.DeletionVector is { } dv) WriteDeletionVector(w, dv);
        if (r.BaseRowId is { } baseRowId) w.WriteNumber("baseRowId", baseRowId);
        if (r.DefaultRowCommitVersion is { } drcv) w.WriteNumber("defaultRowCommitVersion", drcv);
        if (r.Stats is { } stats) w.WriteString("stats", stats);
        w.WriteEndObject();
    }

    private static void WriteCdc(Utf8JsonWriter w, AddCdcFile c)
    {
        w.WriteStartObject();
        w.WriteString("path", c.Path);
        WriteNullableMap(w, "partitionValues", c.PartitionValues);
        w.WriteNumber("size", c.Size);
        w.WriteBoolean("dataChange", c.DataChange);
        if (c.Tags is { } tags) WriteNullableMap(w, "tags", tags);
        w.WriteEndObject();
    }

    private static void WriteTxn(Utf8JsonWriter w, SetTransaction t)
    {
        w.WriteStartObject();
        w.WriteString("appId", t.AppId);
        w.WriteNumber("version", t.Version);
        if (t.LastUpdated is { } lu) w.WriteNumber("lastUpdated", lu);
        w.WriteEndObject();
    }

    private static void WriteDomain(Utf8JsonWriter w, DomainMetadata d)
    {
        w.WriteStartObject();
        w.WriteString("domain", d.Domain);
        w.WriteString("configuration", d.Configuration);
        w.WriteBoolean("removed", d.Removed);
        w.WriteEndObject();
    }

    private static void WriteCheckpointMetadata(Utf8JsonWriter w, CheckpointMetadata c)
    {
        w.WriteStartObject();
        w.WriteNumber("version", c.Version);
        if (c.Tags is { } tags) WriteNullableMap(w, "tags", tags);
        w.WriteEndObject();
    }

    private static void WriteSidecar(Utf8JsonWriter w, Sidecar s)
    {
        w.WriteStartObject();
        w.WriteString("path", s.Path);
        w.WriteNumber("sizeInBytes", s.SizeInBytes);
        w.WriteNumber("modificationTime", s.ModificationTime);
        if (s.Tags is { } tags) WriteNullableMap(w, "tags", tags);
        w.WriteEndObject();
    }

    private static void WriteDeletionVector(Utf8JsonWriter w, DeletionVectorDescriptor dv)
    {
        w.WritePropertyName("deletionVector");
        w.WriteStartObject();
        w.WriteString("storageType", dv.StorageType);
        w.WriteString("pathOrInlineDv", dv.PathOrInlineDv);
        if (dv.Offset is { } offset) w.WriteNumber("offset", offset);
        w.WriteNumber("sizeInBytes", dv.SizeInBytes);
        w.WriteNumber("cardinality", dv.Cardinality);
        w.WriteEndObject();
    }

    // Spark's CommitInfo field order: inCommitTimestamp, timestamp, userId, userName, operation, operationParameters,
    // clusterId, readVersion, isolationLevel, isBlindAppend, operationMetrics, userMetadata, engineInfo, txnId.
    private static void WriteCommitInfo(Utf8JsonWriter w, CommitInfo c)
    {
        w.WriteStartObject();
        if (c.InCommitTimestamp is { } ict) w.WriteNumber("inCommitTimestamp", ict);
        if (c.Timestamp is { } ts) w.WriteNumber("timestamp", ts);
        if (c.UserId is { } userId) w.WriteString("userId", userId);
        if (c.UserName is { } userName) w.WriteString("userName", userName);
        if (c.Operation is { } op) w.WriteString("operation", op);
        // Values are plain strings, as ActionJsonReader returns them (Spark's partitionBy is a string holding JSON).
        if (c.OperationParameters is { } parameters) WriteOperationParameters(w, c.Operation, parameters);
        if (c.ClusterId is { } clusterId) w.WriteString("clusterId", clusterId);
        if (c.ReadVersion is { } rv) w.WriteNumber("readVersion", rv);
        if (c.IsolationLevel is { } iso) w.WriteString("isolationLevel", iso);
        if (c.IsBlindAppend is { } blind) w.WriteBoolean("isBlindAppend", blind);
        if (c.OperationMetrics is { } metrics) WriteStringMap(w, "operationMetrics", metrics);
        if (c.UserMetadata is { } um) w.WriteString("userMetadata", um);
        if (c.EngineInfo is { } engine) w.WriteString("engineInfo", engine);
        if (c.TxnId is { } txnId) w.WriteString("txnId", txnId);
        w.WriteEndObject();
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMap = new Dictionary<string, string>();

    private static void WriteStringArray(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void WriteStringMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string> map)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        foreach (var (key, value) in map) w.WriteString(key, value);
        w.WriteEndObject();
    }

    // Delta writes each parameter with its Scala value's JSON type (DeltaOperations + JsonMapSerializer): booleans
    // and numbers bare, strings quoted, absent Options as null. Text that does not parse as the expected type
    // (a value read from another writer's log) stays a string.
    private static void WriteOperationParameters(Utf8JsonWriter w, string? operation, IReadOnlyDictionary<string, string> map)
    {
        w.WritePropertyName("operationParameters");
        w.WriteStartObject();
        foreach (var (key, value) in map)
        {
            string? text = value;
            if (text is null) { w.WriteNull(key); continue; }
            switch (Operations.OperationParameters.JsonTypeOf(operation, key))
            {
                case JsonValueKind.True when text is "true" or "false":
                    w.WriteBoolean(key, text == "true");
                    break;
                case JsonValueKind.Number when long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n):
                    w.WriteNumber(key, n);
                    break;
                default:
                    w.WriteString(key, text);
                    break;
            }
        }
        w.WriteEndObject();
    }

    private static void WriteNullableMap(Utf8JsonWriter w, string name, IReadOnlyDictionary<string, string?> map)
    {
        w.WritePropertyName(name);
        w.WriteStartObject();
        foreach (var (key, value) in map)
        {
            if (value is null) w.WriteNull(key);
            else w.WriteString(key, value);
        }
        w.WriteEndObject();
    }
}
