using System.Globalization;
using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The commitInfo of a commit with every DESCRIBE HISTORY field (PROTOCOL.md "Commit Provenance Information"):
/// timestamp, inCommitTimestamp (when in-commit timestamps are on), userId, userName, operation,
/// operationParameters, readVersion (absent for version 0), isolationLevel, isBlindAppend, operationMetrics
/// (string values), userMetadata, engineInfo, txnId. Stateless.
/// </summary>
internal static class CommitInfoBuilder
{
    public static CommitInfo Build(
        DeltaTableOptions options,
        string operation,
        IReadOnlyDictionary<string, string> parameters,
        IReadOnlyDictionary<string, string> metrics,
        string? userMetadata,
        long? readVersion,
        IsolationLevel isolation,
        bool isBlindAppend,
        long nowMillis,
        long? inCommitTimestamp,
        string txnId)
    {
        var userName = options.UserName ?? Environment.UserName;
        return new CommitInfo
        {
            InCommitTimestamp = inCommitTimestamp,
            // With in-commit timestamps, Spark writes the same value as the commit's timestamp.
            Timestamp = inCommitTimestamp ?? nowMillis,
            UserId = options.UserId ?? userName,
            UserName = userName,
            Operation = operation,
            OperationParameters = parameters,
            ReadVersion = readVersion,
            IsolationLevel = isolation.ToString(),
            IsBlindAppend = isBlindAppend,
            OperationMetrics = metrics,
            UserMetadata = userMetadata,
            EngineInfo = options.EngineInfo,
            TxnId = txnId,
        };
    }

    /// <summary>Spark's metrics for a commit whose caller gave none: WRITE-style for pure appends
    /// (numFiles, numOutputRows, numOutputBytes), add/remove counts and bytes otherwise.</summary>
    public static Dictionary<string, string> DefaultMetrics(IReadOnlyList<AddFile> adds, IReadOnlyList<RemoveFile> removes)
    {
        static string S(long v) => v.ToString(CultureInfo.InvariantCulture);
        var addedBytes = adds.Sum(a => a.Size);
        if (removes.Count == 0)
        {
            if (adds.Count == 0) return [];
            return new Dictionary<string, string>
            {
                ["numFiles"] = S(adds.Count),
                ["numOutputRows"] = S(adds.Sum(a => NumRecords(a.Stats) ?? 0)),
                ["numOutputBytes"] = S(addedBytes),
            };
        }
        return new Dictionary<string, string>
        {
            ["numRemovedFiles"] = S(removes.Count),
            ["numRemovedBytes"] = S(removes.Sum(r => r.Size ?? 0)),
            ["numAddedFiles"] = S(adds.Count),
            ["numAddedBytes"] = S(addedBytes),
        };
    }

    /// <summary>The operationParameters map as <see cref="CommitInfo.OperationParameters"/> carries it. Null values
    /// stay null (the JSON writer emits them as JSON null, as Spark writes <c>"description":null</c>); a commit read
    /// back from the log shows them as the text "null".</summary>
    public static IReadOnlyDictionary<string, string> WithNullValues(IReadOnlyDictionary<string, string?> parameters)
    {
        var copy = new Dictionary<string, string>(parameters.Count, StringComparer.Ordinal);
        foreach (var (key, value) in parameters) copy[key] = value!;
        return copy;
    }

    /// <summary>A JSON array of strings as text (Spark's partitionBy parameter: <c>["a","b"]</c>).</summary>
    public static string JsonArray(IEnumerable<string> items)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartArray();
            foreach (var i in items) w.WriteStringValue(i);
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A JSON object of strings as text (Spark's properties parameter).</summary>
    public static string JsonObject(IEnumerable<KeyValuePair<string, string>> entries)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, JsonOptions))
        {
            w.WriteStartObject();
            foreach (var (k, v) in entries) w.WriteString(k, v);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static readonly System.Text.Json.JsonWriterOptions JsonOptions =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>stats.numRecords, or null when the stats are absent or unreadable.</summary>
    public static long? NumRecords(string? stats)
    {
        if (stats is null) return null;
        var reader = new System.Text.Json.Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(stats));
        try
        {
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
            {
                var isNumRecords = reader.ValueTextEquals("numRecords"u8);
                reader.Read();
                if (isNumRecords) return reader.TryGetInt64(out var n) ? n : null;
                reader.Skip();
            }
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return null;
    }
}
