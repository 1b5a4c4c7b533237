using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>Skips <see cref="Offset"/> rows, then keeps at most <see cref="Limit"/> (null: all the rest).</summary>
public sealed record LogicalLimit(LogicalPlan Input, long? Limit, long Offset) : LogicalPlan
{
    public override StructType Schema => Input.Schema;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override IReadOnlyList<BoundExpression> Expressions => [];
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => this;
    public override string Describe() => $"Limit {(Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "ALL")}{(Offset > 0 ? $" OFFSET {Offset}" : "")}";
}
