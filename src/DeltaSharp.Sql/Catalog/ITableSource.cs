using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Catalog;

/// <summary>
/// One readable version of a table. <see cref="Scan"/> may be called several times (a table read twice in a
/// query, a subquery run once per statement) and must return the same rows each time.
/// </summary>
public interface ITableSource
{
    /// <summary>The name to show in EXPLAIN and messages (<c>spark_catalog.default.t</c>, <c>delta.`/p`</c>).</summary>
    string DisplayName { get; }

    /// <summary>The columns of the table in order (partition columns included, as Spark shows them).</summary>
    StructType Schema { get; }

    /// <summary>Names of the partition columns (empty when unpartitioned).</summary>
    IReadOnlyList<string> PartitionColumns { get; }

    /// <summary>The version read (Delta table version), or null for sources without versions.</summary>
    long? Version => null;

    /// <summary>A row-count estimate for planning (e.g. which join side to build), or null when unknown.</summary>
    long? EstimatedRowCount => null;

    /// <summary>
    /// Reads the rows. Each batch has exactly the requested <paramref name="columns"/> (names of <see cref="Schema"/>
    /// in the requested order; an empty list asks for row counts only) and may carry a selection vector (deleted
    /// rows left out). <paramref name="pushedPredicate"/> is a hint for partition pruning, file skipping and
    /// row-group skipping: the source may return rows that do not satisfy it (the engine filters again) but must
    /// never leave out a row that does. A batch stays valid after the next one is requested.
    /// </summary>
    IEnumerable<ColumnBatch> Scan(IReadOnlyList<string> columns, DeltaSharp.Expressions.Expression? pushedPredicate);

    /// <summary>
    /// The same scan split into parts that may be read concurrently (files, row groups), in scan order: the parts'
    /// batches, concatenated in order, are the rows of <see cref="Scan"/>. Each part is a function that starts
    /// reading when called. The default is one part.
    /// </summary>
    IReadOnlyList<Func<IEnumerable<ColumnBatch>>> ScanParts(IReadOnlyList<string> columns, DeltaSharp.Expressions.Expression? pushedPredicate) =>
        [() => Scan(columns, pushedPredicate)];

    /// <summary>What a scan with these arguments would read, for EXPLAIN (files kept of total, partitions, …);
    /// one line or several.</summary>
    string Explain(IReadOnlyList<string> columns, DeltaSharp.Expressions.Expression? pushedPredicate) => "";
}
