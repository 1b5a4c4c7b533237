namespace DeltaSharp.Sql.Expressions;

/// <summary>Bottom-up and top-down rewrites of bound expression trees.</summary>
internal static class ExpressionRewriter
{
    /// <summary>Top-down: where <paramref name="replace"/> returns a node, it replaces the subtree (not visited further);
    /// elsewhere the children are transformed.</summary>
    public static BoundExpression Transform(BoundExpression e, Func<BoundExpression, BoundExpression?> replace)
    {
        var r = replace(e);
        if (r is not null) return r;
        var children = e.Children;
        if (children.Count == 0) return e;
        BoundExpression[]? changed = null;
        for (var i = 0; i < children.Count; i++)
        {
            var c = Transform(children[i], replace);
            if (!ReferenceEquals(c, children[i]))
            {
                changed ??= children.ToArray();
                changed[i] = c;
            }
        }
        return changed is null ? e : e.WithChildren(changed);
    }

    /// <summary>Replaces column references by <paramref name="map"/>[ordinal] (a new ordinal), including the outer
    /// references of correlated subqueries (which point at the same input).</summary>
    public static BoundExpression RemapColumns(BoundExpression e, IReadOnlyList<int> map) =>
        Transform(e, x => x switch
        {
            BoundColumnRef c => c with { Ordinal = map[c.Ordinal] },
            BoundSubquery { IsCorrelated: true } s => RemapSubquery(s, map),
            _ => null,
        });

    private static BoundSubquery RemapSubquery(BoundSubquery s, IReadOnlyList<int> map)
    {
        var plan = Planning.PlanRewriter.TransformExpressions(s.Plan, e => Transform(e, x =>
            x is BoundOuterRef { Depth: 1 } o ? o with { Ordinal = map[o.Ordinal] } : null));
        return new BoundSubquery(s.Kind, plan, s.Value is null ? null : RemapColumns(s.Value, map), s.Negated)
        {
            OuterReferences = s.OuterReferences.Select(o => o with { Ordinal = map[o.Ordinal] }).ToArray(),
        };
    }

    /// <summary>True when the expression holds a correlated subquery (its outer references pin the input layout).</summary>
    public static bool HasCorrelatedSubquery(BoundExpression e) =>
        e is BoundSubquery { IsCorrelated: true } || e.Children.Any(HasCorrelatedSubquery);

    /// <summary>Replaces column references by the expressions they refer to (inlining a projection).</summary>
    public static BoundExpression Substitute(BoundExpression e, IReadOnlyList<BoundExpression> columns) =>
        Transform(e, x => x is BoundColumnRef c ? columns[c.Ordinal] : null);

    /// <summary>Adds <paramref name="delta"/> to every column ordinal (not for correlated subqueries).</summary>
    public static BoundExpression Shift(BoundExpression e, int delta) =>
        delta == 0 ? e : Transform(e, x => x is BoundColumnRef c ? c with { Ordinal = c.Ordinal + delta } : null);

    /// <summary>The set of column ordinals the expression reads.</summary>
    public static HashSet<int> Columns(BoundExpression e)
    {
        var set = new HashSet<int>();
        CollectColumns(e, set);
        return set;
    }

    /// <summary>Every column ordinal the expression reads (also through correlated subqueries).</summary>
    public static void CollectColumns(BoundExpression e, ISet<int> into)
    {
        if (e is BoundColumnRef c)
        {
            into.Add(c.Ordinal);
            return;
        }
        if (e is BoundSubquery s)
            foreach (var o in s.OuterReferences) into.Add(o.Ordinal);
        foreach (var child in e.Children) CollectColumns(child, into);
    }

    /// <summary>Splits a conjunction into its terms.</summary>
    public static List<BoundExpression> Conjuncts(BoundExpression e)
    {
        var list = new List<BoundExpression>();
        void Walk(BoundExpression x)
        {
            if (x is BoundAnd a)
            {
                Walk(a.Left);
                Walk(a.Right);
            }
            else list.Add(x);
        }
        Walk(e);
        return list;
    }

    /// <summary>AND of the terms (null for none).</summary>
    public static BoundExpression? And(IEnumerable<BoundExpression> terms)
    {
        BoundExpression? acc = null;
        foreach (var t in terms) acc = acc is null ? t : new BoundAnd(acc, t);
        return acc;
    }
}
