using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>Keeps the rows for which <see cref="Condition"/> is true (not false, not null).</summary>
public sealed record LogicalFilter(LogicalPlan Input, BoundExpression Condition) : LogicalPlan
{
    public override StructType Schema => Input.Schema;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override IReadOnlyList<BoundExpression> Expressions => [Condition];
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => this with { Condition = expressions[0] };
    public override string Describe() => $"Filter {Condition}";
}
