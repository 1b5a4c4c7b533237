namespace DeltaSharp.Tables.Operations;

/// <summary>
/// Commits an UPDATE prepared as a <see cref="RowLevelChange"/> (started with <see cref="OperationNames.Update"/>:
/// the updated rows' old positions deleted, their new values written): operationParameters predicate, Delta's
/// UPDATE metrics. A change that touches nothing commits nothing. Stateless.
/// </summary>
public static class Update
{
    /// <param name="predicate">The WHERE condition's text (null without WHERE).</param>
    /// <param name="numUpdatedRows">Rows updated; by default the rows the change removed (each updated row's old
    /// version).</param>
    public static OperationResult Commit(RowLevelChange change, string? predicate, long? numUpdatedRows = null, string? userMetadata = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        RowLevelCommit.EnsureOperation(change, OperationNames.Update);
        var files = change.Applied();
        var parameters = OperationParameters.Update(predicate);
        var metrics = OperationMetrics.Update(files, numUpdatedRows ?? files.NumRemovedRows ?? files.NumWrittenRows, change.ElapsedMs);
        return RowLevelCommit.Run(change, files, parameters, metrics, userMetadata);
    }
}
