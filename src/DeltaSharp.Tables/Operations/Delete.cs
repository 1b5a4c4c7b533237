namespace DeltaSharp.Tables.Operations;

/// <summary>
/// Commits a DELETE prepared as a <see cref="RowLevelChange"/> (started with <see cref="OperationNames.Delete"/>):
/// operationParameters predicate, Delta's DELETE metrics (numDeletedRows = rows the change removed). A change that
/// touches nothing commits nothing (Delta's commitIfNeeded). Stateless.
/// </summary>
public static class Delete
{
    /// <param name="predicates">The WHERE condition's text (empty for DELETE without WHERE).</param>
    public static OperationResult Commit(RowLevelChange change, IReadOnlyList<string> predicates, string? userMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(predicates);
        RowLevelCommit.EnsureOperation(change, OperationNames.Delete);
        var files = change.Applied();
        var parameters = OperationParameters.Delete(predicates);
        var metrics = OperationMetrics.Delete(files, files.NumRemovedRows, change.ElapsedMs);
        return RowLevelCommit.Run(change, files, parameters, metrics, userMetadata);
    }
}
