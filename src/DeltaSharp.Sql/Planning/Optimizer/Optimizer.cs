using DeltaSharp.Compute;

namespace DeltaSharp.Sql.Planning.Optimizer;

/// <summary>A rewrite of a whole logical plan that keeps its results (one rule per file).</summary>
internal interface IOptimizerRule
{
    string Name { get; }

    LogicalPlan Apply(LogicalPlan plan, EvaluationContext context);
}

/// <summary>
/// Runs the rules in a fixed order: constant folding, subquery predicates as semi / anti joins, correlated
/// scalar subqueries as left joins with an aggregate, filter push-down (through projections, into joins and into
/// scans as pruning predicates), distinct aggregates as two aggregations, column pruning (projections into scans).
/// </summary>
internal static class Optimizer
{
    private static readonly IOptimizerRule[] Rules =
    [
        new ConstantFoldingRule(),
        new SubqueryToJoinRule(),
        new ScalarSubqueryToJoinRule(),
        new FilterPushDownRule(),
        new ConstantFoldingRule(),
        new DistinctAggregateRule(),
        new ColumnPruningRule(),
    ];

    public static LogicalPlan Optimize(LogicalPlan plan, EvaluationContext context)
    {
        foreach (var rule in Rules) plan = rule.Apply(plan, context);
        return plan;
    }
}
