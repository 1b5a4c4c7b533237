using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>
/// Reads a table: the <see cref="Columns"/> (ordinals into the source schema, in output order) and a predicate
/// pushed down for pruning (a hint; the Filter above stays).
/// </summary>
public sealed record LogicalScan(
    ITableSource Source,
    IReadOnlyList<int> Columns,
    DeltaSharp.Expressions.Expression? PushedPredicate = null) : LogicalPlan
{
    public override StructType Schema => new(Columns.Select(c => Source.Schema[c]));
    public override IReadOnlyList<LogicalPlan> Children => [];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;
    public override IReadOnlyList<BoundExpression> Expressions => [];
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => this;

    /// <summary>Names of the columns read.</summary>
    public IReadOnlyList<string> ColumnNames => Columns.Select(c => Source.Schema[c].Name).ToArray();

    public override string Describe() =>
        $"Scan {Source.DisplayName}{(Source.Version is { } v ? $" @v{v}" : "")} {Fields(Schema)}"
        + (PushedPredicate is null ? "" : $" PushedFilters: [{PushedPredicate}]");
}
