using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Scanning;
using DeltaSharp.Types;

namespace DeltaSharp.Engine;

/// <summary>
/// One version of a Delta table as the SQL engine reads it: a <see cref="Snapshot"/> scan with the requested columns
/// and the pushed predicate (partition pruning, stats skipping, row-group skipping; rows are filtered again by the
/// engine). Immutable; each <see cref="Scan"/> reads the same snapshot.
/// </summary>
internal sealed class DeltaTableSource(Snapshot snapshot, string displayName) : ITableSource
{
    public Snapshot Snapshot { get; } = snapshot;

    public string DisplayName { get; } = displayName;

    public StructType Schema => Snapshot.Schema;

    public IReadOnlyList<string> PartitionColumns => Snapshot.PartitionColumns;

    public long? Version => Snapshot.Version;

    public long? EstimatedRowCount
    {
        get
        {
            long rows = 0;
            foreach (var f in Snapshot.ActiveFiles)
            {
                // The stats JSON parser of the scan, not a text search (which misses "numRecords": 5 with a space).
                if (StatsParser.ReadNumRecords(f.Stats) is not { } n) return null;
                rows += n;
            }
            return rows;
        }
    }

    public IEnumerable<ColumnBatch> Scan(IReadOnlyList<string> columns, Expression? pushedPredicate)
    {
        foreach (var part in ScanParts(columns, pushedPredicate))
            foreach (var batch in part())
                yield return batch;
    }

    /// <summary>One part per data file kept (in snapshot order), so the engine's exchange reads files concurrently.
    /// Row counts only (no columns) with no predicate come from metadata (numRecords minus the deletion vector's
    /// cardinality) without reading the file.</summary>
    public IReadOnlyList<Func<IEnumerable<ColumnBatch>>> ScanParts(IReadOnlyList<string> columns, Expression? pushedPredicate)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var countOnly = columns.Count == 0;
        var scan = Build(countOnly ? FirstColumn : columns, pushedPredicate);
        var parts = new List<Func<IEnumerable<ColumnBatch>>>(scan.Files.Count);
        foreach (var file in scan.Files)
        {
            if (!countOnly) parts.Add(() => scan.ReadFile(file));
            else if (pushedPredicate is null) parts.Add(() => CountOnly.Rows(scan.CountRows(file)));
            else parts.Add(() => CountOnly.Rows(scan.ReadFile(file)));
        }
        return parts;
    }

    private IReadOnlyList<string> FirstColumn => Schema.Count > 0 ? [Schema[0].Name] : [];

    public string Explain(IReadOnlyList<string> columns, Expression? pushedPredicate)
    {
        var scan = Build(columns.Count == 0 ? FirstColumn : columns, pushedPredicate);
        return $"delta {DisplayName} version {Snapshot.Version}: files kept {scan.Files.Count} of {Snapshot.ActiveFiles.Count}"
            + (pushedPredicate is null ? "" : $", pushed filter {pushedPredicate}");
    }

    private Tables.Scanning.Scan Build(IReadOnlyList<string> columns, Expression? pushedPredicate)
    {
        var builder = Snapshot.Scan().Select(columns);
        if (pushedPredicate is not null) builder.Where(pushedPredicate);
        return builder.Build();
    }
}
