using DeltaSharp.Compute;
using DeltaSharp.Sql.Expressions;
using static DeltaSharp.Sql.Expressions.ExpressionRewriter;

namespace DeltaSharp.Sql.Planning.Optimizer;

/// <summary>
/// Moves filter conjuncts as close to the data as they can go without changing results: merges adjacent filters,
/// through projections (inlining them) and sorts, below aggregates when they only read group keys, into join
/// inputs (respecting outer joins) and join conditions, and — translated into the Core predicate tree — into scans
/// for pruning (the filter stays above the scan). Non-deterministic conjuncts and correlated subqueries stay put.
/// </summary>
internal sealed class FilterPushDownRule : IOptimizerRule
{
    public string Name => "FilterPushDown";

    public LogicalPlan Apply(LogicalPlan plan, EvaluationContext context) => Push(plan);

    private static LogicalPlan Push(LogicalPlan plan) => plan switch
    {
        LogicalFilter f => PushFilter(Conjuncts(f.Condition), f.Input),
        LogicalJoin j => PushJoinCondition(j),
        _ => plan.Children.Count == 0 ? plan : plan.WithChildren(plan.Children.Select(Push).ToArray()),
    };

    private static bool Movable(BoundExpression e) => e.IsDeterministic && !HasCorrelatedSubquery(e);

    private static LogicalPlan Wrap(List<BoundExpression> stay, LogicalPlan node) =>
        stay.Count == 0 ? node : new LogicalFilter(node, And(stay)!);

    /// <summary>Places <paramref name="conjuncts"/> over <paramref name="input"/>, as low as possible.</summary>
    private static LogicalPlan PushFilter(List<BoundExpression> conjuncts, LogicalPlan input)
    {
        if (conjuncts.Count == 0) return Push(input);
        switch (input)
        {
            case LogicalFilter inner:
                // The inner filter's conjuncts stay first (as Spark's CombineFilters): they may guard the outer ones (b <> 0 before a / b).
                return PushFilter([.. Conjuncts(inner.Condition), .. conjuncts], inner.Input);
            case LogicalSort s:
                return s.WithChildren([PushFilter(conjuncts, s.Input)]);
            case LogicalProject p:
            {
                var down = new List<BoundExpression>();
                var stay = new List<BoundExpression>();
                foreach (var c in conjuncts)
                {
                    if (!Movable(c)) { stay.Add(c); continue; }
                    var inlined = Substitute(c, p.Projections);
                    if (Movable(inlined) && !HasWindowOrAggregate(inlined)) down.Add(inlined);
                    else stay.Add(c);
                }
                return Wrap(stay, p.WithChildren([PushFilter(down, p.Input)]));
            }
            case LogicalAggregate a:
            {
                var down = new List<BoundExpression>();
                var stay = new List<BoundExpression>();
                foreach (var c in conjuncts)
                {
                    var cols = Columns(c);
                    if (Movable(c) && cols.Count > 0 && cols.All(o => o < a.Groups.Count) && a.Groups.All(g => g.IsDeterministic))
                        down.Add(Substitute(c, a.Groups));
                    else stay.Add(c);
                }
                return Wrap(stay, a.WithChildren([PushFilter(down, a.Input)]));
            }
            case LogicalJoin j:
                return PushIntoJoin(conjuncts, j);
            case LogicalScan scan:
            {
                var translated = conjuncts.Select(c => ScanPredicateTranslator.Translate(c, scan.ColumnNames)).Where(t => t is not null).ToList();
                var pushed = scan.PushedPredicate;
                foreach (var t in translated) pushed = pushed is null ? t : new DeltaSharp.Expressions.And(pushed, t!);
                return new LogicalFilter(scan with { PushedPredicate = pushed }, And(conjuncts)!);
            }
            default:
                return new LogicalFilter(Push(input), And(conjuncts)!);
        }
    }

    private static bool HasWindowOrAggregate(BoundExpression e) =>
        e is BoundWindowCall or BoundAggregateCall || e.Children.Any(HasWindowOrAggregate);

    private static LogicalPlan PushIntoJoin(List<BoundExpression> conjuncts, LogicalJoin j)
    {
        var width = j.Left.Schema.Count;
        var toLeft = new List<BoundExpression>();
        var toRight = new List<BoundExpression>();
        var toCondition = new List<BoundExpression>();
        var stay = new List<BoundExpression>();
        var kind = j.Kind;
        foreach (var c in conjuncts)
        {
            var cols = Columns(c);
            if (!Movable(c) || cols.Count == 0) { stay.Add(c); continue; }
            var leftOnly = cols.All(o => o < width);
            var rightOnly = cols.All(o => o >= width);
            if (leftOnly && kind is JoinKind.Inner or JoinKind.Cross or JoinKind.LeftOuter or JoinKind.LeftSemi or JoinKind.LeftAnti) toLeft.Add(c);
            else if (rightOnly && kind is JoinKind.Inner or JoinKind.Cross or JoinKind.RightOuter) toRight.Add(Shift(c, -width));
            else if (kind is JoinKind.Inner or JoinKind.Cross) toCondition.Add(c);
            else stay.Add(c);
        }
        var condition = j.Condition;
        if (toCondition.Count > 0)
        {
            condition = And(condition is null ? toCondition : [condition, .. toCondition]);
            kind = JoinKind.Inner;
        }
        var left = toLeft.Count == 0 ? j.Left : new LogicalFilter(j.Left, And(toLeft)!);
        var right = toRight.Count == 0 ? j.Right : new LogicalFilter(j.Right, And(toRight)!);
        return Wrap(stay, PushJoinCondition(new LogicalJoin(left, right, kind, condition)));
    }

    /// <summary>Moves single-side conjuncts of the ON condition into the join inputs where that keeps results.</summary>
    private static LogicalPlan PushJoinCondition(LogicalJoin j)
    {
        var width = j.Left.Schema.Count;
        var toLeft = new List<BoundExpression>();
        var toRight = new List<BoundExpression>();
        var keep = new List<BoundExpression>();
        if (j.Condition is not null)
        {
            foreach (var c in Conjuncts(j.Condition))
            {
                var cols = Columns(c);
                var movable = Movable(c) && cols.Count > 0;
                var leftOnly = movable && cols.All(o => o < width);
                var rightOnly = movable && cols.All(o => o >= width);
                if (leftOnly && j.Kind is JoinKind.Inner or JoinKind.Cross or JoinKind.RightOuter or JoinKind.LeftSemi) toLeft.Add(c);
                else if (rightOnly && j.Kind is JoinKind.Inner or JoinKind.Cross or JoinKind.LeftOuter or JoinKind.LeftSemi or JoinKind.LeftAnti) toRight.Add(Shift(c, -width));
                else keep.Add(c);
            }
        }
        var left = toLeft.Count == 0 ? Push(j.Left) : PushFilter(toLeft, j.Left);
        var right = toRight.Count == 0 ? Push(j.Right) : PushFilter(toRight, j.Right);
        var condition = And(keep);
        var kind = j.Kind == JoinKind.Inner && condition is null ? JoinKind.Cross : j.Kind;
        return new LogicalJoin(left, right, kind, condition);
    }
}
