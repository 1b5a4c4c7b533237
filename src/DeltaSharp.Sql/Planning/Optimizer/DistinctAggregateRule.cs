using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;

namespace DeltaSharp.Sql.Planning.Optimizer;

/// <summary>
/// Rewrites an aggregate whose calls are all DISTINCT over the same arguments (<c>count(DISTINCT x)</c>,
/// <c>sum(DISTINCT x), avg(DISTINCT x)</c>) into two aggregates, as Spark does: first group by the keys and the
/// arguments (which removes duplicates), then aggregate without DISTINCT. The first step is a plain hash grouping,
/// much cheaper than a per-group set of seen values.
/// </summary>
internal sealed class DistinctAggregateRule : IOptimizerRule
{
    public string Name => "DistinctAggregate";

    public LogicalPlan Apply(LogicalPlan plan, EvaluationContext context) =>
        PlanRewriter.TransformUp(plan, node => node is LogicalAggregate a && Applies(a) ? Rewrite(a) : node);

    private static bool Applies(LogicalAggregate a)
    {
        if (a.Aggregates.Count == 0) return false;
        var args = a.Aggregates[0].Arguments;
        foreach (var call in a.Aggregates)
            if (!call.Distinct || call.Filter is not null || !call.Arguments.Equals(args) || args.Count == 0) return false;
        return a.Groups.All(g => g.IsDeterministic) && args.All(x => x.IsDeterministic);
    }

    private static LogicalPlan Rewrite(LogicalAggregate a)
    {
        var args = a.Aggregates[0].Arguments;
        var innerGroups = new NodeList<BoundExpression>([.. a.Groups, .. args]);
        var inner = new LogicalAggregate(a.Input, innerGroups, NodeList<BoundAggregateCall>.Empty);
        var schema = inner.Schema;
        BoundColumnRef Ref(int i) => new(i, schema[i].Type, schema[i].Nullable, schema[i].Name);
        var groups = Enumerable.Range(0, a.Groups.Count).Select(i => (BoundExpression)Ref(i)).ToArray();
        var argRefs = new NodeList<BoundExpression>(Enumerable.Range(a.Groups.Count, args.Count).Select(i => (BoundExpression)Ref(i)));
        var calls = a.Aggregates.Select(c => c with { Distinct = false, Arguments = argRefs, Function = c.Function.WithoutDistinct() }).ToArray();
        return new LogicalAggregate(inner, new NodeList<BoundExpression>(groups), new NodeList<BoundAggregateCall>(calls));
    }
}
