using DeltaSharp.Columnar;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// INSERT INTO (Spark's WRITE with mode Append): writes the batches as new data files and commits them as one blind
/// append (isBlindAppend true unless <see cref="OperationOptions.Configure"/> records reads) with metrics numFiles,
/// numOutputRows, numOutputBytes. No rows, no commit (Delta's commitIfNeeded). Stateless.
/// </summary>
public static class Append
{
    /// <param name="batches">Rows in the table's logical schema (partition columns included), read lazily.</param>
    public static OperationResult Run(Snapshot snapshot, IEnumerable<ColumnBatch> batches, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(batches);
        options ??= OperationOptions.Default;
        var txn = snapshot.StartTransaction(OperationNames.Write);
        options.Configure?.Invoke(txn);
        var added = txn.WriteData(batches);
        var parameters = OperationParameters.Write("Append", options.PartitionBy);
        var metrics = OperationMetrics.Write([.. added]);
        if (added.Count == 0) return new OperationResult(OperationNames.Write, parameters, metrics, null);
        OperationParameters.ApplyTo(txn, parameters);
        OperationMetrics.ApplyTo(txn, metrics);
        txn.WithUserMetadata(options.UserMetadata);
        return new OperationResult(OperationNames.Write, parameters, metrics, txn.Commit()) { Files = FileChangeMetrics.Written(added) };
    }
}
