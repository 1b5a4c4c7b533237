using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using static DeltaSharp.Sql.Expressions.ExpressionRewriter;

namespace DeltaSharp.Sql.Planning.Optimizer;

/// <summary>
/// Removes columns nobody reads: scans read only the columns used above them (an empty list when only rows are
/// counted), projections drop unused outputs, aggregates drop unused aggregate calls. Works top-down with the set of
/// output ordinals each parent needs, and remaps the parent's column references to the narrowed children.
/// </summary>
internal sealed class ColumnPruningRule : IOptimizerRule
{
    public string Name => "ColumnPruning";

    public LogicalPlan Apply(LogicalPlan plan, EvaluationContext context)
    {
        var all = Enumerable.Range(0, plan.Schema.Count).ToHashSet();
        return Prune(plan, all).Plan;
    }

    /// <summary>The pruned plan and, for each old output ordinal, its new ordinal (-1 when dropped).</summary>
    private static (LogicalPlan Plan, int[] Map) Prune(LogicalPlan plan, HashSet<int> required)
    {
        var width = plan.Schema.Count;
        switch (plan)
        {
            case LogicalScan scan:
            {
                var keep = Enumerable.Range(0, width).Where(required.Contains).ToArray();
                var map = NewMap(width, keep);
                if (keep.Length == width) return (scan, map);
                return (scan with { Columns = keep.Select(i => scan.Columns[i]).ToArray() }, map);
            }
            case LogicalFilter f:
            {
                var need = new HashSet<int>(required);
                CollectColumns(f.Condition, need);
                var (child, map) = Prune(f.Input, need);
                return (new LogicalFilter(child, RemapColumns(f.Condition, map)), map);
            }
            case LogicalProject p:
            {
                var keep = Enumerable.Range(0, width).Where(required.Contains).ToArray();
                var need = new HashSet<int>();
                foreach (var i in keep) CollectColumns(p.Projections[i], need);
                var (child, childMap) = Prune(p.Input, need);
                var exprs = keep.Select(i => RemapColumns(p.Projections[i], childMap)).ToArray();
                var names = keep.Select(i => p.Names[i]).ToArray();
                var pruned = new LogicalProject(child, new NodeList<BoundExpression>(exprs), names);
                if (pruned.IsIdentity && keep.Length == child.Schema.Count) return (child, NewMap(width, keep));
                return (pruned, NewMap(width, keep));
            }
            case LogicalAggregate a:
            {
                var g = a.Groups.Count;
                var keepAggs = Enumerable.Range(0, a.Aggregates.Count).Where(i => required.Contains(g + i)).ToArray();
                var need = new HashSet<int>();
                foreach (var e in a.Groups) CollectColumns(e, need);
                foreach (var i in keepAggs) CollectColumns(a.Aggregates[i], need);
                var (child, childMap) = Prune(a.Input, need);
                var groups = a.Groups.Select(e => RemapColumns(e, childMap)).ToArray();
                var aggs = keepAggs.Select(i => (BoundAggregateCall)RemapColumns(a.Aggregates[i], childMap)).ToArray();
                var keep = Enumerable.Range(0, g).Concat(keepAggs.Select(i => g + i)).ToArray();
                return (new LogicalAggregate(child, new NodeList<BoundExpression>(groups), new NodeList<BoundAggregateCall>(aggs)), NewMap(width, keep));
            }
            case LogicalJoin j:
            {
                var leftWidth = j.Left.Schema.Count;
                var need = new HashSet<int>(required);
                if (j.Condition is not null) CollectColumns(j.Condition, need);
                var leftNeed = need.Where(i => i < leftWidth).ToHashSet();
                var rightNeed = need.Where(i => i >= leftWidth).Select(i => i - leftWidth).ToHashSet();
                var (left, leftMap) = Prune(j.Left, leftNeed);
                var (right, rightMap) = Prune(j.Right, rightNeed);
                var newLeftWidth = left.Schema.Count;
                var combined = new int[leftWidth + j.Right.Schema.Count];
                for (var i = 0; i < leftWidth; i++) combined[i] = leftMap[i];
                for (var i = 0; i < rightMap.Length; i++) combined[leftWidth + i] = rightMap[i] < 0 ? -1 : newLeftWidth + rightMap[i];
                var condition = j.Condition is null ? null : RemapColumns(j.Condition, combined);
                var joined = new LogicalJoin(left, right, j.Kind, condition);
                var map = j.Kind is JoinKind.LeftSemi or JoinKind.LeftAnti ? leftMap : combined;
                return (joined, map);
            }
            case LogicalSort s:
            {
                var need = new HashSet<int>(required);
                foreach (var k in s.Keys) CollectColumns(k.Expression, need);
                var (child, map) = Prune(s.Input, need);
                return (new LogicalSort(child, new NodeList<SortOrder>(s.Keys.Select(k => k with { Expression = RemapColumns(k.Expression, map) }))), map);
            }
            case LogicalLimit l:
            {
                var (child, map) = Prune(l.Input, required);
                return (l with { Input = child }, map);
            }
            case LogicalWindow w:
            {
                var inputWidth = w.Input.Schema.Count;
                var need = required.Where(i => i < inputWidth).ToHashSet();
                foreach (var f in w.Functions) CollectColumns(f, need);
                var (child, childMap) = Prune(w.Input, need);
                var fns = w.Functions.Select(f => (BoundWindowCall)RemapColumns(f, childMap)).ToArray();
                var newInputWidth = child.Schema.Count;
                var map = new int[width];
                for (var i = 0; i < inputWidth; i++) map[i] = childMap[i];
                for (var i = 0; i < fns.Length; i++) map[inputWidth + i] = newInputWidth + i;
                return (new LogicalWindow(child, new NodeList<BoundWindowCall>(fns)), map);
            }
            default:
            {
                // Distinct, set operations, values: every column matters; prune below with everything required.
                var children = plan.Children.Select(c => Prune(c, Enumerable.Range(0, c.Schema.Count).ToHashSet()).Plan).ToArray();
                return (children.Length == 0 ? plan : plan.WithChildren(children), Enumerable.Range(0, width).ToArray());
            }
        }
    }

    private static int[] NewMap(int width, int[] keep)
    {
        var map = new int[width];
        Array.Fill(map, -1);
        for (var i = 0; i < keep.Length; i++) map[keep[i]] = i;
        return map;
    }
}
