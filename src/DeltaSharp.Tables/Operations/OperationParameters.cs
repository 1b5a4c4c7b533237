using System.Buffers;
using System.Text.Json;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// commitInfo.operationParameters per operation, as Spark on Databricks writes them (the history rows of
/// ../shared/spec/demo-notebook-time-travel-and-clones.md and the Databricks commits of the conformance corpus;
/// keys and encodings from Delta's DeltaOperations): values are carried as text, lists and maps are JSON text
/// (<c>partitionBy = "[\"a\"]"</c>), an absent description is JSON null, and WRITE / CREATE / MERGE carry
/// <c>statsOnLoad = false</c>. In the log each value keeps the JSON type of its Scala value in DeltaOperations
/// (<see cref="JsonTypeOf"/>: RESTORE <c>"version":1</c>, <c>"statsOnLoad":false</c>, UNSET's
/// <c>"ifExists":true</c>), as Delta's JsonMapSerializer writes them. Maps keep Spark's key order. Stateless.
/// </summary>
public static class OperationParameters
{
    private const string StatsOnLoad = "false";

    /// <summary>WRITE: mode ("Append", "Overwrite", "ErrorIfExists"), statsOnLoad, partitionBy, and the
    /// replaceWhere / static-partition predicate of a partial overwrite.</summary>
    public static IReadOnlyDictionary<string, string?> Write(string mode, IReadOnlyList<string>? partitionBy = null, string? predicate = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mode);
        var map = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["mode"] = mode,
            ["statsOnLoad"] = StatsOnLoad,
            ["partitionBy"] = CommitInfoBuilder.JsonArray(partitionBy ?? []),
        };
        if (predicate is not null) map["predicate"] = predicate;
        return map;
    }

    /// <summary>DELETE: predicate = JSON array of the condition's text (<c>[]</c> for DELETE without WHERE).</summary>
    public static IReadOnlyDictionary<string, string?> Delete(IReadOnlyList<string> predicates)
    {
        ArgumentNullException.ThrowIfNull(predicates);
        return new Dictionary<string, string?>(StringComparer.Ordinal) { ["predicate"] = CommitInfoBuilder.JsonArray(predicates) };
    }

    /// <summary>DELETE with at most one condition.</summary>
    public static IReadOnlyDictionary<string, string?> Delete(string? predicate) => Delete(predicate is null ? [] : [predicate]);

    /// <summary>UPDATE: predicate = JSON array holding the WHERE condition's text, or <c>[]</c> without WHERE.</summary>
    public static IReadOnlyDictionary<string, string?> Update(string? predicate) =>
        new Dictionary<string, string?>(StringComparer.Ordinal) { ["predicate"] = CommitInfoBuilder.JsonArray(predicate is null ? [] : [predicate]) };

    /// <summary>TRUNCATE: no parameters.</summary>
    public static IReadOnlyDictionary<string, string?> Truncate() => new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>MERGE: predicate (JSON array of the ON condition), clusterBy, matchedPredicates, statsOnLoad,
    /// notMatchedBySourcePredicates, notMatchedPredicates (each a JSON array of
    /// <c>{"predicate":…,"actionType":…}</c>, predicate omitted for a clause without condition).</summary>
    public static IReadOnlyDictionary<string, string?> Merge(
        string onCondition,
        IReadOnlyList<MergeClause> matched,
        IReadOnlyList<MergeClause> notMatched,
        IReadOnlyList<MergeClause> notMatchedBySource)
    {
        ArgumentNullException.ThrowIfNull(onCondition);
        ArgumentNullException.ThrowIfNull(matched);
        ArgumentNullException.ThrowIfNull(notMatched);
        ArgumentNullException.ThrowIfNull(notMatchedBySource);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["predicate"] = CommitInfoBuilder.JsonArray([onCondition]),
            ["clusterBy"] = "[]",
            ["matchedPredicates"] = Clauses(matched),
            ["statsOnLoad"] = StatsOnLoad,
            ["notMatchedBySourcePredicates"] = Clauses(notMatchedBySource),
            ["notMatchedPredicates"] = Clauses(notMatched),
        };
    }

    /// <summary>CREATE TABLE [AS SELECT], [CREATE OR] REPLACE TABLE [AS SELECT]: partitionBy, clusterBy,
    /// description (null without COMMENT), isManaged, properties (the table's configuration as committed),
    /// statsOnLoad.</summary>
    public static IReadOnlyDictionary<string, string?> CreateOrReplace(Metadata metadata, bool isManaged)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["partitionBy"] = CommitInfoBuilder.JsonArray(metadata.PartitionColumns),
            ["clusterBy"] = "[]",
            ["description"] = metadata.Description,
            ["isManaged"] = isManaged ? "true" : "false",
            ["properties"] = CommitInfoBuilder.JsonObject(metadata.Configuration),
            ["statsOnLoad"] = StatsOnLoad,
        };
    }

    private static string Clauses(IReadOnlyList<MergeClause> clauses)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var c in clauses)
            {
                w.WriteStartObject();
                if (c.Condition is { } condition) w.WriteString("predicate", condition);
                w.WriteString("actionType", c.ActionType);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The JSON type Delta gives parameter <paramref name="key"/> of <paramref name="operation"/> in the log:
    /// the Scala type of its value in DeltaOperations (Boolean / Long / Option[Long] are written as JSON booleans and
    /// numbers; everything else, including DROP CONSTRAINT's <c>existed</c> and CREATE's <c>isManaged</c>, which
    /// Delta turns into strings, as a JSON string).</summary>
    public static JsonValueKind JsonTypeOf(string? operation, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return (operation, key) switch
        {
            (_, "statsOnLoad") => JsonValueKind.True,
            ("RESTORE", "version") => JsonValueKind.Number,
            ("UNSET TBLPROPERTIES", "ifExists") => JsonValueKind.True,
            ("DROP FEATURE", "truncateHistory") => JsonValueKind.True,
            ("OPTIMIZE", "auto") => JsonValueKind.True,
            ("REORG", "applyPurge") => JsonValueKind.True,
            ("CLONE", "sourceVersion") => JsonValueKind.Number,
            ("VACUUM START", "retentionCheckEnabled") => JsonValueKind.True,
            ("VACUUM START", "defaultRetentionMillis" or "specifiedRetentionMillis") => JsonValueKind.Number,
            ("CONVERT", "numFiles") => JsonValueKind.Number,
            ("CONVERT", "collectStats") => JsonValueKind.True,
            _ => JsonValueKind.String,
        };
    }

    /// <summary>Sets every entry on <paramref name="transaction"/>.</summary>
    internal static void ApplyTo(Transaction transaction, IReadOnlyDictionary<string, string?> parameters)
    {
        foreach (var (key, value) in parameters) transaction.SetOperationParameter(key, value);
    }
}
