using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Scanning;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;

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
        var files = FilesReplaced(removed, added);
        if (added.Count == 0 && removed.Count == 0) return new OperationResult(OperationNames.Write, parameters, metrics, null) { Files = files };
        OperationParameters.ApplyTo(txn, parameters);
        OperationMetrics.ApplyTo(txn, metrics);
        txn.WithUserMetadata(options.UserMetadata);
        return new OperationResult(OperationNames.Write, parameters, metrics, txn.Commit()) { Files = files };
    }

    /// <summary>
    /// Dynamic partition overwrite (Spark's partitionOverwriteMode = dynamic, Delta's WriteIntoDelta with
    /// DYNAMIC): writes the rows, then removes every active file of the partitions the new rows fall into; other
    /// partitions stay. History: WRITE, mode Overwrite, no predicate, WRITE metrics. On an unpartitioned table it is
    /// the whole-table overwrite. The partitions replaced are recorded as read (their files and a predicate over
    /// their values) for the conflict checker.
    /// </summary>
    public static OperationResult RunDynamic(Snapshot snapshot, IEnumerable<ColumnBatch> batches, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(batches);
        if (snapshot.PartitionColumns.Count == 0) return Run(snapshot, batches, options: options);
        options ??= OperationOptions.Default;
        var txn = snapshot.StartTransaction(OperationNames.Write);
        options.Configure?.Invoke(txn);
        var mapped = PhysicalSchema.IsMapped(snapshot.Properties.ColumnMappingMode);
        var columns = snapshot.PartitionColumns
            .Select(name => snapshot.Schema[snapshot.Schema.IndexOf(name)])
            .Select(f => (Field: f, Key: PhysicalSchema.NameOf(f, mapped)))
            .ToList();

        var added = txn.WriteData(batches);
        var written = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var a in added)
        {
            var (key, values) = PartitionKey(a.PartitionValues, columns);
            written.TryAdd(key, values);
        }
        var removed = snapshot.ActiveFiles.Where(f => written.ContainsKey(PartitionKey(f.PartitionValues, columns).Key)).ToList();

        // What this overwrite read: the replaced partitions (Delta's txn.filterFiles over their values).
        Expression? read = null;
        foreach (var values in written.Values)
        {
            Expression partition = columns.Select((c, i) => values[i] is null
                    ? (Expression)new IsNull(new ColumnRef(c.Field.Name))
                    : new Comparison(ComparisonOperator.Equal, new ColumnRef(c.Field.Name), new Literal(values[i], c.Field.Type)))
                .Aggregate((x, y) => new And(x, y));
            read = read is null ? partition : new Or(read, partition);
        }
        if (read is not null) txn.ReadPredicate(read);
        txn.ReadFiles(removed);
        foreach (var f in removed) txn.Remove(f);

        var parameters = OperationParameters.Write("Overwrite", options.PartitionBy);
        var metrics = OperationMetrics.Write([.. added]);
        var files = FilesReplaced(removed, added);
        if (added.Count == 0) return new OperationResult(OperationNames.Write, parameters, metrics, null) { Files = files };
        OperationParameters.ApplyTo(txn, parameters);
        OperationMetrics.ApplyTo(txn, metrics);
        txn.WithUserMetadata(options.UserMetadata);
        return new OperationResult(OperationNames.Write, parameters, metrics, txn.Commit()) { Files = files };
    }

    /// <summary>
    /// Commits an arbitrary replaceWhere (Delta's INSERT … REPLACE WHERE / replaceWhere on data columns) prepared
    /// as a <see cref="RowLevelChange"/> started with <see cref="OperationNames.Write"/>: the rows matching the
    /// predicate deleted (whole files, deletion vectors or rewrites) and the new rows written, in one commit.
    /// History: WRITE, mode Overwrite, predicate = <paramref name="predicateText"/>, Delta's replaceWhere metrics
    /// (numFiles / numOutputRows / numOutputBytes of the new rows, removed files and bytes, deleted and copied rows).
    /// </summary>
    public static OperationResult CommitReplaceWhere(RowLevelChange change, string predicateText, OperationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(predicateText);
        options ??= OperationOptions.Default;
        RowLevelCommit.EnsureOperation(change, OperationNames.Write);
        var files = change.Applied();
        var parameters = OperationParameters.Write("Overwrite", options.PartitionBy, predicateText);
        var metrics = OperationMetrics.WriteReplaceWhere(files.NumAddedFiles, files.NumWrittenRows, files.NumAddedBytes,
            files.NumRemovedFiles, files.NumRemovedBytes, files.NumRemovedRows, files.NumCopiedRows);
        return RowLevelCommit.Run(change, files, parameters, metrics, options.UserMetadata);
    }

    /// <summary>What replacing <paramref name="removed"/> by <paramref name="added"/> did to the files: every removed
    /// file touched, its bytes, deletion vectors and live rows gone; the added files' bytes and rows written. Shared
    /// by the overwrite forms and CREATE OR REPLACE.</summary>
    internal static FileChangeMetrics FilesReplaced(IReadOnlyCollection<AddFile> removed, IReadOnlyCollection<AddFile> added) => new()
    {
        NumAddedFiles = added.Count,
        NumAddedBytes = added.Sum(a => a.Size),
        NumRemovedFiles = removed.Count,
        NumRemovedBytes = removed.Sum(r => r.Size),
        NumDeletionVectorsRemoved = removed.Count(r => r.DeletionVector is not null),
        NumRemovedRows = OperationMetrics.LiveRows(removed),
        NumWrittenRows = OperationMetrics.Rows(added),
        NumTouchedFiles = removed.Count,
    };

    /// <summary>A canonical key of a file's partition values (typed, so that differently formatted raw values of
    /// one partition agree) and the typed values.</summary>
    private static (string Key, object?[] Values) PartitionKey(IReadOnlyDictionary<string, string?>? raw, List<(StructField Field, string Key)> columns)
    {
        var values = new object?[columns.Count];
        var key = new System.Text.StringBuilder();
        for (var i = 0; i < columns.Count; i++)
        {
            var text = raw is not null && raw.TryGetValue(columns[i].Key, out var r) ? r : null;
            object? value = null;
            if (!string.IsNullOrEmpty(text) && !PartitionValues.TryParse(text, columns[i].Field.Type, out value)) value = text;
            values[i] = value;
            key.Append(value switch
            {
                null => "\\N",
                byte[] bytes => Convert.ToHexString(bytes),
                DateTime t => t.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            }).Append('\u0001');
        }
        return (key.ToString(), values);
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
