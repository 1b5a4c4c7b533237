using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>
/// Groups by <see cref="Groups"/> and computes <see cref="Aggregates"/> per group. Output: the group keys, then the
/// aggregate results. Without groups there is exactly one output row, also for no input rows.
/// </summary>
public sealed record LogicalAggregate(LogicalPlan Input, NodeList<BoundExpression> Groups, NodeList<BoundAggregateCall> Aggregates) : LogicalPlan
{
    public override StructType Schema
    {
        get
        {
            var fields = new List<StructField>(Groups.Count + Aggregates.Count);
            for (var i = 0; i < Groups.Count; i++) fields.Add(new StructField(Groups[i] is BoundColumnRef c ? c.Name : $"_group{i}", Groups[i].Type, Groups[i].Nullable));
            for (var i = 0; i < Aggregates.Count; i++) fields.Add(new StructField($"_agg{i}", Aggregates[i].Type, Aggregates[i].Nullable));
            return new StructType(fields);
        }
    }

    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override IReadOnlyList<BoundExpression> Expressions => [.. Groups, .. Aggregates];

    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => this with
    {
        Groups = new NodeList<BoundExpression>(expressions.Take(Groups.Count)),
        Aggregates = new NodeList<BoundAggregateCall>(expressions.Skip(Groups.Count).Cast<BoundAggregateCall>()),
    };

    public override string Describe() =>
        $"Aggregate [{string.Join(", ", Groups)}], [{string.Join(", ", Aggregates)}]";
}
