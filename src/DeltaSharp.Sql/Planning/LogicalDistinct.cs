using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>Removes duplicate rows (null equals null, as in grouping).</summary>
public sealed record LogicalDistinct(LogicalPlan Input) : LogicalPlan
{
    public override StructType Schema => Input.Schema;
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override IReadOnlyList<BoundExpression> Expressions => [];
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => this;
    public override string Describe() => "Distinct";
}
