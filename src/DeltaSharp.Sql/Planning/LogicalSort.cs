using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>Orders the rows by <see cref="Keys"/> (stable: ties keep input order).</summary>
public sealed record LogicalSort(LogicalPlan Input, NodeList<SortOrder> Keys) : LogicalPlan
{
    public override StructType Schema => Input.Schema;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override IReadOnlyList<BoundExpression> Expressions => Keys.Select(k => k.Expression).ToArray();

    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) =>
        this with { Keys = new NodeList<SortOrder>(Keys.Select((k, i) => k with { Expression = expressions[i] })) };

    public override string Describe() => $"Sort [{string.Join(", ", Keys)}]";
}
