using DeltaSharp.Sql;
using DeltaSharp.Tables;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Statements;

/// <summary>DESCRIBE HISTORY t [LIMIT n]: one row per version, newest first, with the columns of Spark's history
/// (version, timestamp, userId, userName, operation, operationParameters, job, notebook, clusterId, readVersion,
/// isolationLevel, isBlindAppend, operationMetrics, userMetadata, engineInfo).</summary>
internal static class HistoryCommand
{
    private static readonly MapType StringMap = new(DataType.String, DataType.String, true);

    public static readonly StructType Schema = ResultRows.Columns(
        ("version", DataType.Long),
        ("timestamp", DataType.Timestamp),
        ("userId", DataType.String),
        ("userName", DataType.String),
        ("operation", DataType.String),
        ("operationParameters", StringMap),
        ("job", new StructType(
            new StructField("jobId", DataType.String), new StructField("jobName", DataType.String),
            new StructField("jobRunId", DataType.String), new StructField("runId", DataType.String),
            new StructField("jobOwnerId", DataType.String), new StructField("triggerType", DataType.String))),
        ("notebook", new StructType(new StructField("notebookId", DataType.String))),
        ("clusterId", DataType.String),
        ("readVersion", DataType.Long),
        ("isolationLevel", DataType.String),
        ("isBlindAppend", DataType.Boolean),
        ("operationMetrics", StringMap),
        ("userMetadata", DataType.String),
        ("engineInfo", DataType.String));

    public static QueryResult Run(string location, DeltaTableOptions options, long? limit)
    {
        if (limit < 0)
            throw new SqlAnalysisException("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", $"The limit of DESCRIBE HISTORY must be ≥ 0, not {limit}.");
        var entries = DeltaTable.ForPath(location, options).History(limit is null ? null : (int)Math.Min(limit.Value, int.MaxValue));
        var rows = new List<object?[]>(entries.Count);
        foreach (var e in entries)
        {
            var ci = e.CommitInfo;
            rows.Add([
                e.Version, e.Timestamp, ci.UserId, ci.UserName, ci.Operation, Parameters(ci.OperationParameters), null, null, ci.ClusterId,
                ci.ReadVersion, ci.IsolationLevel, ci.IsBlindAppend, Map(ci.OperationMetrics), ci.UserMetadata, ci.EngineInfo,
            ]);
        }
        return ResultRows.From(Schema, rows);
    }

    /// <summary>operationParameters with Delta's absent values as nulls: a parameter written as JSON null (RESTORE's
    /// timestamp, CREATE's description) or JSON-encoded None ("null") shows as null, as Spark's history shows it.</summary>
    private static List<KeyValuePair<object?, object?>>? Parameters(IReadOnlyDictionary<string, string>? map) =>
        map?.Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value == "null" ? null : kv.Value)).ToList();

    private static List<KeyValuePair<object?, object?>>? Map(IReadOnlyDictionary<string, string>? map) =>
        map?.Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value)).ToList();
}
