using DeltaSharp.Compute;

namespace DeltaSharp.Sql.Planning.Optimizer;

/// <summary>A rewrite of a whole logical plan that keeps its results (one rule per file).</summary>
internal interface IOptimizerRule
{
    string Name { get; }

    LogicalPlan Apply(LogicalPlan plan, EvaluationContext context);
}

/// <summary>
/// Runs the rules in a fixed order: constant folding, filter push-down (through projections, into joins and into
/// scans as pruning predicates), column pruning (projections into scans).
/// </summary>
internal static class Optimizer
{
    private static readonly IOptimizerRule[] Rules =
    [
        new ConstantFoldingRule(),
        new FilterPushDownRule(),
        new ConstantFoldingRule(),
        new ColumnPruningRule(),
    ];

    public static LogicalPlan Optimize(LogicalPlan plan, EvaluationContext context)
    {
        foreach (var rule in Rules) plan = rule.Apply(plan, context);
        return plan;
    }
}
