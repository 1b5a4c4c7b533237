using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Scanning;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// INSERT OVERWRITE (Spark's WRITE with mode Overwrite): in one commit removes every active file, or with a static
/// partition spec only the files of the partitions it selects, and adds the new files. The whole-table form records
/// numFiles / numOutputRows / numOutputBytes; the partial form records the predicate parameter and Delta's
/// replaceWhere metrics, and refuses rows outside the selected partitions (DELTA_REPLACE_WHERE_MISMATCH).
/// Nothing to remove and nothing to write: no commit. Stateless.
/// </summary>
public static class Overwrite
{
    /// <param name="partitionPredicate">Static partition spec as a predicate over partition columns only (logical
    /// names), e.g. <c>region = 'EU'</c>; null overwrites the whole table.</param>
    /// <param name="predicateText">The predicate as history shows it (operationParameters.predicate); defaults to
    /// none for the whole-table form.</param>
    public static OperationResult Run(
        Snapshot snapshot,
        IEnumerable<ColumnBatch> batches,
        Expression? partitionPredicate = null,
        string? predicateText = null,
        OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(batches);
        options ??= OperationOptions.Default;
        var txn = snapshot.StartTransaction(OperationNames.Write);
        options.Configure?.Invoke(txn);

        IReadOnlyList<AddFile> removed;
        PartitionPredicateEvaluator? evaluator = null;
        if (partitionPredicate is null)
        {
            txn.ReadWholeTable();
            removed = snapshot.ActiveFiles;
        }
        else
        {
            EnsurePartitionOnly(snapshot, partitionPredicate);
            removed = [.. snapshot.Scan().Where(partitionPredicate).Build().Files.Select(f => f.Add)];
            txn.ReadPredicate(partitionPredicate).ReadFiles(removed);
            evaluator = new PartitionPredicateEvaluator(snapshot.Schema, snapshot.PartitionColumns,
                PhysicalSchema.IsMapped(snapshot.Properties.ColumnMappingMode));
        }
        foreach (var f in removed) txn.Remove(f);

        var added = txn.WriteData(batches);
        if (evaluator is not null)
            foreach (var a in added)
                if (!evaluator.MayMatch(partitionPredicate!, a.PartitionValues))
                    throw new DeltaException("DELTA_REPLACE_WHERE_MISMATCH",
                        $"Written data does not conform to partial table overwrite condition or constraint '{predicateText ?? partitionPredicate!.ToString()}': a row falls into partition " +
                        $"{string.Join(", ", a.PartitionValues.Select(kv => $"{kv.Key}={kv.Value ?? "null"}"))}. Write only rows of the overwritten partitions.");

        var parameters = OperationParameters.Write("Overwrite", options.PartitionBy,
            partitionPredicate is null ? predicateText : predicateText ?? partitionPredicate.ToString());
        var metrics = partitionPredicate is null ? OperationMetrics.Write([.. added]) : OperationMetrics.WriteReplaceWhere([.. added], [.. removed]);
        var files = new FileChangeMetrics
        {
            NumAddedFiles = added.Count,
            NumAddedBytes = added.Sum(a => a.Size),
            NumRemovedFiles = removed.Count,
            NumRemovedBytes = removed.Sum(r => r.Size),
            NumDeletionVectorsRemoved = removed.Count(r => r.DeletionVector is not null),
            NumRemovedRows = OperationMetrics.LiveRows(removed),
            NumTouchedFiles = removed.Count,
        };
        if (added.Count == 0 && removed.Count == 0) return new OperationResult(OperationNames.Write, parameters, metrics, null) { Files = files };
        OperationParameters.ApplyTo(txn, parameters);
        OperationMetrics.ApplyTo(txn, metrics);
        txn.WithUserMetadata(options.UserMetadata);
        return new OperationResult(OperationNames.Write, parameters, metrics, txn.Commit()) { Files = files };
    }

    private static void EnsurePartitionOnly(Snapshot snapshot, Expression predicate)
    {
        foreach (var column in Columns(predicate))
        {
            var name = column.Path.Count == 1 ? column.Path[0] : string.Join(".", column.Path);
            if (column.Path.Count != 1 || !snapshot.PartitionColumns.Contains(name, StringComparer.OrdinalIgnoreCase))
                throw new DeltaException("DELTA_NON_PARTITION_COLUMN_REFERENCE",
                    $"Predicate references non-partition column '{name}'. Only the partition columns may be referenced: [{string.Join(", ", snapshot.PartitionColumns)}].");
        }
    }

    private static IEnumerable<ColumnRef> Columns(Expression e) => e switch
    {
        ColumnRef c => [c],
        And a => Columns(a.Left).Concat(Columns(a.Right)),
        Or o => Columns(o.Left).Concat(Columns(o.Right)),
        Not n => Columns(n.Operand),
        Comparison c => Columns(c.Left).Concat(Columns(c.Right)),
        IsNull n => Columns(n.Operand),
        IsNotNull n => Columns(n.Operand),
        InList i => Columns(i.Value).Concat(i.List.SelectMany(Columns)),
        _ => [],
    };
}
