using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>Computes window functions over the input; output: the input columns, then one column per function.</summary>
public sealed record LogicalWindow(LogicalPlan Input, NodeList<BoundWindowCall> Functions) : LogicalPlan
{
    public override StructType Schema =>
        new(Input.Schema.Fields.Concat(Functions.Select((f, i) => new StructField($"_w{i}", f.Type, f.Nullable))));

    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override IReadOnlyList<BoundExpression> Expressions => Functions;
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) =>
        this with { Functions = new NodeList<BoundWindowCall>(expressions.Cast<BoundWindowCall>()) };
    public override string Describe() => $"Window [{string.Join(", ", Functions)}]";
}
