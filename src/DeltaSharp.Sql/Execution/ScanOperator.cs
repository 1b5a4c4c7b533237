using DeltaSharp.Columnar;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>Reads a table source: the projected columns, with the pushed-down predicate as a pruning hint.</summary>
internal sealed class ScanOperator(ITableSource source, IReadOnlyList<string> columns, StructType schema, DeltaSharp.Expressions.Expression? predicate) : PhysicalOperator
{
    public ITableSource Source { get; } = source;
    public IReadOnlyList<string> Columns { get; } = columns;
    public DeltaSharp.Expressions.Expression? Predicate { get; } = predicate;

    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        foreach (var batch in Source.Scan(Columns, Predicate))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            if (batch.LiveRowCount == 0) continue;
            // The source names its own columns; the plan may have renamed nothing, but keep our schema object.
            yield return ReferenceEquals(batch.Schema, Schema) ? batch : new ColumnBatch(Schema, batch.Columns, batch.RowCount, batch.Selection);
        }
    }

    public override string Describe()
    {
        var detail = Source.Explain(Columns, Predicate);
        return $"Scan {Source.DisplayName}{(Source.Version is { } v ? $" @v{v}" : "")} [{string.Join(", ", Columns)}]"
            + (Predicate is null ? "" : $" PushedFilters: [{Predicate}]")
            + (string.IsNullOrEmpty(detail) ? "" : $" ({detail.Replace("\n", "; ", StringComparison.Ordinal)})");
    }
}
