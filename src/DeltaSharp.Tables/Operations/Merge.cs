namespace DeltaSharp.Tables.Operations;

/// <summary>
/// Commits a MERGE prepared as a <see cref="RowLevelChange"/> (started with <see cref="OperationNames.Merge"/>: old
/// positions of updated and deleted target rows deleted, updated and inserted rows written): operationParameters
/// predicate and clause lists, Delta's MERGE metrics (row counts from <see cref="MergeRowCounts"/>, copied rows,
/// files, bytes, deletion vectors and times from the change). A change that touches nothing commits nothing. Stateless.
/// </summary>
public static class Merge
{
    public static OperationResult Commit(
        RowLevelChange change,
        string onCondition,
        IReadOnlyList<MergeClause> matched,
        IReadOnlyList<MergeClause> notMatched,
        IReadOnlyList<MergeClause> notMatchedBySource,
        MergeRowCounts rows,
        string? userMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(rows);
        RowLevelCommit.EnsureOperation(change, OperationNames.Merge);
        var files = change.Applied();
        var parameters = OperationParameters.Merge(onCondition, matched, notMatched, notMatchedBySource);
        var metrics = OperationMetrics.Merge(files, rows, change.ElapsedMs);
        return RowLevelCommit.Run(change, files, parameters, metrics, userMetadata);
    }
}
