namespace DeltaSharp.Tables.Operations;

/// <summary>The commit step shared by <see cref="Delete"/>, <see cref="Update"/> and <see cref="Merge"/>. Stateless.</summary>
internal static class RowLevelCommit
{
    public static void EnsureOperation(RowLevelChange change, string expected)
    {
        if (!string.Equals(change.Transaction.Operation, expected, StringComparison.Ordinal))
            throw new ArgumentException(
                $"The change was started for operation '{change.Transaction.Operation}', not '{expected}'; start it with RowLevelChange.Start(snapshot, OperationNames.…) for this statement.",
                nameof(change));
    }

    public static OperationResult Run(
        RowLevelChange change,
        FileChangeMetrics files,
        IReadOnlyDictionary<string, string?> parameters,
        IReadOnlyDictionary<string, string> metrics,
        string? userMetadata)
    {
        using (change)
        {
            var operation = change.Transaction.Operation;
            if (!files.HasChanges) return new OperationResult(operation, parameters, metrics, null) { Files = files };
            var txn = change.Transaction;
            OperationParameters.ApplyTo(txn, parameters);
            OperationMetrics.ApplyTo(txn, metrics);
            txn.WithUserMetadata(userMetadata);
            return new OperationResult(operation, parameters, metrics, txn.Commit()) { Files = files };
        }
    }
}
