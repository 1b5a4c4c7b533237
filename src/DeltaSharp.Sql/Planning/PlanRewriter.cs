using DeltaSharp.Sql.Expressions;

namespace DeltaSharp.Sql.Planning;

/// <summary>Whole-plan rewrites.</summary>
internal static class PlanRewriter
{
    /// <summary>Bottom-up: children first, then <paramref name="rewrite"/> on the node (return the node unchanged to keep it).</summary>
    public static LogicalPlan TransformUp(LogicalPlan plan, Func<LogicalPlan, LogicalPlan> rewrite)
    {
        var children = plan.Children;
        if (children.Count > 0)
        {
            var changed = false;
            var next = new LogicalPlan[children.Count];
            for (var i = 0; i < next.Length; i++)
            {
                next[i] = TransformUp(children[i], rewrite);
                changed |= !ReferenceEquals(next[i], children[i]);
            }
            if (changed) plan = plan.WithChildren(next);
        }
        return rewrite(plan);
    }

    /// <summary>Applies <paramref name="rewrite"/> to every expression of every node.</summary>
    public static LogicalPlan TransformExpressions(LogicalPlan plan, Func<BoundExpression, BoundExpression> rewrite) =>
        TransformUp(plan, node =>
        {
            var exprs = node.Expressions;
            if (exprs.Count == 0) return node;
            var changed = false;
            var next = new BoundExpression[exprs.Count];
            for (var i = 0; i < next.Length; i++)
            {
                next[i] = rewrite(exprs[i]);
                changed |= !ReferenceEquals(next[i], exprs[i]);
            }
            return changed ? node.WithExpressions(next) : node;
        });

    /// <summary>Replaces the depth-1 outer references of a subquery plan by literal values.</summary>
    public static LogicalPlan BindOuterValues(LogicalPlan plan, IReadOnlyDictionary<int, object?> values) =>
        TransformExpressions(plan, e => ExpressionRewriter.Transform(e, x =>
            x is BoundOuterRef { Depth: 1 } o ? new BoundLiteral(values[o.Ordinal], o.Type) : null));

    /// <summary>True when some node of the plan (or of its subqueries) satisfies <paramref name="predicate"/>.</summary>
    public static bool Any(LogicalPlan plan, Func<LogicalPlan, bool> predicate)
    {
        if (predicate(plan)) return true;
        foreach (var c in plan.Children)
            if (Any(c, predicate)) return true;
        return false;
    }
}
