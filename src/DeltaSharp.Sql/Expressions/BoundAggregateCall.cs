using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Execution.Aggregates;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// An aggregate call (<c>sum(x)</c>, <c>count(DISTINCT x)</c>, <c>count(*) FILTER (WHERE c)</c>). It only appears in a
/// <see cref="Planning.LogicalAggregate"/> (or inside a window call); elsewhere the binder replaces it by a reference
/// to the aggregate's output column. Arguments have the function's parameter types.
/// </summary>
public sealed record BoundAggregateCall(AggregateFunction Function, NodeList<BoundExpression> Arguments, bool Distinct = false, BoundExpression? Filter = null) : BoundExpression
{
    public override DataType Type => Function.ReturnType;
    public override bool Nullable => Function.NullOnEmpty;
    public override IReadOnlyList<BoundExpression> Children => Filter is null ? Arguments : [.. Arguments, Filter];

    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this with
    {
        Arguments = new NodeList<BoundExpression>(children.Take(Arguments.Count)),
        Filter = Filter is null ? null : children[Arguments.Count],
    };

    public override string ToString() =>
        $"{Function.Name}({(Distinct ? "DISTINCT " : "")}{(Arguments.Count == 0 && Function.Name == "count" ? "*" : string.Join(", ", Arguments))})"
        + (Filter is null ? "" : $" FILTER (WHERE {Filter})");
}
