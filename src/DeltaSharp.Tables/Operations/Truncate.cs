namespace DeltaSharp.Tables.Operations;

/// <summary>
/// TRUNCATE TABLE: removes every active file in one commit (operationParameters empty; metrics numRemovedFiles and
/// executionTimeMs). An empty table is left as it is (no commit). Stateless.
/// </summary>
public static class Truncate
{
    public static OperationResult Run(Snapshot snapshot, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        options ??= OperationOptions.Default;
        var clock = new OperationClock(snapshot.Options.Time);
        var txn = snapshot.StartTransaction(OperationNames.Truncate);
        options.Configure?.Invoke(txn);
        txn.ReadWholeTable();
        var files = snapshot.ActiveFiles;
        foreach (var f in files) txn.Remove(f);
        var parameters = OperationParameters.Truncate();
        var metrics = OperationMetrics.Truncate(files.Count, clock.ElapsedMs());
        var fileMetrics = FileChangeMetrics.Replaced(files, []);
        if (files.Count == 0) return new OperationResult(OperationNames.Truncate, parameters, metrics, null) { Files = fileMetrics };
        OperationMetrics.ApplyTo(txn, metrics);
        txn.WithUserMetadata(options.UserMetadata);
        return new OperationResult(OperationNames.Truncate, parameters, metrics, txn.Commit()) { Files = fileMetrics };
    }
}
