using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Maps the (optimized) logical plan to physical operators: one operator per node, with a choice only for joins
/// (hash join on the equality conjuncts of the condition, else nested loops) and for ORDER BY + LIMIT (the sort
/// keeps only the first rows).
/// </summary>
internal static class PhysicalPlanner
{
    public static PhysicalOperator Plan(LogicalPlan plan)
    {
        if (plan is LogicalScan or LogicalFilter or LogicalProject && TryPlanScanChain(plan) is { } exchange) return exchange;
        switch (plan)
        {
            case LogicalScan s:
                return new ScanOperator(s.Source, s.ColumnNames, s.Schema, s.PushedPredicate);
            case LogicalFilter f:
                return new FilterOperator(Plan(f.Input), f.Condition);
            case LogicalProject p:
                return new ProjectOperator(Plan(p.Input), p.Projections, p.Schema);
            case LogicalAggregate a:
                return new HashAggregateOperator(Plan(a.Input), a.Groups, a.Aggregates, a.Schema);
            case LogicalJoin j:
                return PlanJoin(j);
            case LogicalLimit { Input: LogicalSort sort } l when l.Limit is not null:
                return new LimitOperator(new SortOperator(Plan(sort.Input), sort.Keys, l.Limit + l.Offset), l.Limit, l.Offset);
            case LogicalLimit { Input: LogicalProject { Input: LogicalSort sort } project } l when l.Limit is not null:
                // ORDER BY on a hidden column, then the projection that drops it: the limit still bounds the sort.
                return new ProjectOperator(new LimitOperator(new SortOperator(Plan(sort.Input), sort.Keys, l.Limit + l.Offset), l.Limit, l.Offset),
                    project.Projections, project.Schema);
            case LogicalSort s:
                return new SortOperator(Plan(s.Input), s.Keys);
            case LogicalLimit l:
                return new LimitOperator(Plan(l.Input), l.Limit, l.Offset);
            case LogicalDistinct d:
                return new DistinctOperator(Plan(d.Input));
            case LogicalSetOperation s:
            {
                if (s.Operator == SetOperator.Union)
                {
                    var union = new SetOperationOperator(Plan(s.Left), Plan(s.Right), SetOperator.Union, true, s.Schema);
                    return s.All ? union : new DistinctOperator(union);
                }
                return new SetOperationOperator(Plan(s.Left), Plan(s.Right), s.Operator, s.All, s.Schema);
            }
            case LogicalValues v:
                return new ValuesOperator(v.Schema, v.Rows);
            case LogicalWindow w:
                return new Windows.WindowOperator(Plan(w.Input), w.Functions, w.Schema);
            default:
                throw new InvalidOperationException($"No physical operator for {plan.GetType().Name}.");
        }
    }

    /// <summary>A scan under filters and projections: one exchange that can run the chain per scan part.</summary>
    private static ExchangeOperator? TryPlanScanChain(LogicalPlan plan)
    {
        var chain = new List<LogicalPlan>();
        var node = plan;
        while (node is LogicalFilter or LogicalProject)
        {
            chain.Add(node);
            node = node.Children[0];
        }
        if (node is not LogicalScan s) return null;
        var scan = new ScanOperator(s.Source, s.ColumnNames, s.Schema, s.PushedPredicate);
        PhysicalOperator Build(PhysicalOperator leaf)
        {
            var op = leaf;
            for (var i = chain.Count - 1; i >= 0; i--)
                op = chain[i] switch
                {
                    LogicalFilter f => new FilterOperator(op, f.Condition),
                    LogicalProject p => new ProjectOperator(op, p.Projections, p.Schema),
                    _ => throw new InvalidOperationException(),
                };
            return op;
        }
        return new ExchangeOperator(scan, Build, plan.Schema);
    }

    private static PhysicalOperator PlanJoin(LogicalJoin j)
    {
        var left = Plan(j.Left);
        var right = Plan(j.Right);
        var leftWidth = j.Left.Schema.Count;
        if (j.Condition is null)
            return new NestedLoopJoinOperator(left, right, j.Kind == JoinKind.Inner ? JoinKind.Cross : j.Kind, null, j.Schema);
        var leftKeys = new List<BoundExpression>();
        var rightKeys = new List<BoundExpression>();
        var nullSafe = new List<bool>();
        var residual = new List<BoundExpression>();
        foreach (var term in ExpressionRewriter.Conjuncts(j.Condition))
        {
            if (term is BoundFunctionCall { Name: "=" or "==" or "<=>", Arguments.Count: 2 } eq)
            {
                var a = eq.Arguments[0];
                var b = eq.Arguments[1];
                var sa = Side(a, leftWidth);
                var sb = Side(b, leftWidth);
                if (sa == 1 && sb == 2 || sa == 2 && sb == 1)
                {
                    var (l, r) = sa == 1 ? (a, b) : (b, a);
                    r = ExpressionRewriter.Shift(r, -leftWidth);
                    if (l.Type != r.Type)
                    {
                        var w = Kernels.WiderType(l.Type, r.Type);
                        if (w is null)
                        {
                            residual.Add(term);
                            continue;
                        }
                        l = Binding.Binder.Coerce(l, w);
                        r = Binding.Binder.Coerce(r, w);
                    }
                    leftKeys.Add(l);
                    rightKeys.Add(r);
                    nullSafe.Add(eq.Name == "<=>");
                    continue;
                }
            }
            residual.Add(term);
        }
        var rest = ExpressionRewriter.And(residual);
        if (leftKeys.Count == 0) return new NestedLoopJoinOperator(left, right, j.Kind == JoinKind.Cross ? JoinKind.Inner : j.Kind, j.Condition, j.Schema);
        return new HashJoinOperator(left, right, j.Kind == JoinKind.Cross ? JoinKind.Inner : j.Kind, leftKeys, rightKeys, nullSafe, rest, j.Schema);
    }

    /// <summary>0: no columns, 1: left only, 2: right only, 3: both (or an outer reference / subquery).</summary>
    private static int Side(BoundExpression e, int leftWidth)
    {
        if (HasSubquery(e)) return 3;
        var cols = new HashSet<int>();
        ExpressionRewriter.CollectColumns(e, cols);
        if (cols.Count == 0) return 0;
        var left = cols.All(c => c < leftWidth);
        var right = cols.All(c => c >= leftWidth);
        return left ? 1 : right ? 2 : 3;
    }

    private static bool HasSubquery(BoundExpression e) => e is BoundSubquery || e.Children.Any(HasSubquery);
}
