using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using static DeltaSharp.Sql.Expressions.ExpressionRewriter;

namespace DeltaSharp.Sql.Planning.Optimizer;

/// <summary>
/// Rewrites a correlated scalar subquery of the form <c>(SELECT f(agg(…)) FROM … WHERE inner = outer AND …)</c> in
/// a projection or a filter into a left join with the aggregate grouped by the correlation keys, as Spark's
/// RewriteCorrelatedScalarSubquery does: one aggregation instead of one subquery run per outer row. An outer row
/// without a match gets the value of the expression over no rows (count gives 0, sum gives NULL — the "count
/// bug" is avoided by a match marker).
/// </summary>
internal sealed class ScalarSubqueryToJoinRule : IOptimizerRule
{
    public string Name => "ScalarSubqueryToJoin";

    public LogicalPlan Apply(LogicalPlan plan, EvaluationContext context) =>
        PlanRewriter.TransformUp(plan, node => node switch
        {
            LogicalProject p => RewriteProject(p, context),
            LogicalFilter f => RewriteFilter(f, context),
            _ => node,
        });

    private static LogicalPlan RewriteProject(LogicalProject project, EvaluationContext context)
    {
        var input = project.Input;
        var exprs = project.Projections.ToArray();
        var changed = false;
        for (var i = 0; i < exprs.Length; i++)
        {
            var e = exprs[i];
            var replaced = Transform(e, x =>
            {
                if (x is not BoundSubquery { Kind: SubqueryKind.Scalar, IsCorrelated: true } s) return null;
                if (!TryJoin(input, s, context, out var joined, out var value)) return null;
                input = joined;
                changed = true;
                return value;
            });
            exprs[i] = replaced;
        }
        return changed ? new LogicalProject(input, new NodeList<BoundExpression>(exprs), project.Names) : project;
    }

    private static LogicalPlan RewriteFilter(LogicalFilter filter, EvaluationContext context)
    {
        var input = filter.Input;
        var width = input.Schema.Count;
        var changed = false;
        var condition = Transform(filter.Condition, x =>
        {
            if (x is not BoundSubquery { Kind: SubqueryKind.Scalar, IsCorrelated: true } s) return null;
            if (!TryJoin(input, s, context, out var joined, out var value)) return null;
            input = joined;
            changed = true;
            return value;
        });
        if (!changed) return filter;
        // Drop the joined columns again: the filter's parent expects the original input.
        var schema = input.Schema;
        var keep = Enumerable.Range(0, width).Select(i => (BoundExpression)new BoundColumnRef(i, schema[i].Type, schema[i].Nullable, schema[i].Name)).ToArray();
        return new LogicalProject(new LogicalFilter(input, condition), new NodeList<BoundExpression>(keep), filter.Input.Schema.Fields.Select(f => f.Name).ToArray());
    }

    /// <summary>input LEFT JOIN (keys, value, marker) ON outer = keys; <paramref name="value"/> reads the joined value.</summary>
    private static bool TryJoin(LogicalPlan input, BoundSubquery s, EvaluationContext context, out LogicalPlan joined, out BoundExpression value)
    {
        joined = input;
        value = s;
        if (s.Plan is not LogicalProject { Projections.Count: 1 } top || top.Input is not LogicalAggregate { Groups.Count: 0 } agg) return false;
        if (HasOuter(top.Projections[0]) || agg.Aggregates.Any(HasOuter)) return false;
        var below = agg.Input;
        var innerKeys = new List<BoundExpression>();
        var outerKeys = new List<BoundExpression>();
        if (below is not LogicalFilter f) return false;
        var rest = new List<BoundExpression>();
        foreach (var c in Conjuncts(f.Condition))
        {
            if (!HasOuter(c))
            {
                rest.Add(c);
                continue;
            }
            if (c is not BoundFunctionCall { Name: "=" or "==", Arguments.Count: 2 } eq) return false;
            var (a, b) = (eq.Arguments[0], eq.Arguments[1]);
            if (OnlyOuter(a) && !HasOuter(b) && b.IsDeterministic) (a, b) = (b, a);
            else if (!(OnlyOuter(b) && !HasOuter(a) && a.IsDeterministic)) return false;
            innerKeys.Add(a);
            outerKeys.Add(Transform(b, x => x is BoundOuterRef o ? new BoundColumnRef(o.Ordinal, o.Type, o.Nullable, o.Name) : null));
        }
        var source = rest.Count == 0 ? f.Input : new LogicalFilter(f.Input, And(rest)!);
        if (innerKeys.Count == 0 || PlanRewriter.Any(source, n => n.Expressions.Any(HasOuterAnywhere))) return false;

        // (keys…, aggregates…) grouped by the correlation keys, then (keys…, value, marker).
        var grouped = new LogicalAggregate(source, new NodeList<BoundExpression>(innerKeys), agg.Aggregates);
        var k = innerKeys.Count;
        var gs = grouped.Schema;
        var valueExpr = Shift(top.Projections[0], k);
        var projections = new List<BoundExpression>();
        for (var i = 0; i < k; i++) projections.Add(new BoundColumnRef(i, gs[i].Type, gs[i].Nullable, gs[i].Name));
        projections.Add(valueExpr);
        projections.Add(BoundLiteral.True);
        var right = new LogicalProject(grouped, new NodeList<BoundExpression>(projections), [.. Enumerable.Range(0, k).Select(i => $"_key{i}"), "_value", "_matched"]);

        var width = input.Schema.Count;
        BoundExpression? condition = null;
        for (var i = 0; i < k; i++)
        {
            var outer = outerKeys[i];
            var inner = (BoundExpression)new BoundColumnRef(width + i, gs[i].Type, gs[i].Nullable, gs[i].Name);
            var type = outer.Type == inner.Type ? outer.Type : Kernels.WiderType(outer.Type, inner.Type);
            if (type is null || !Kernels.TryResolve("=", [type, type], null, true, out var fn, out _, out _) || fn is null) return false;
            BoundExpression term = new BoundFunctionCall(fn, [Binding.Binder.Coerce(outer, type), Binding.Binder.Coerce(inner, type)]);
            condition = condition is null ? term : new BoundAnd(condition, term);
        }
        joined = new LogicalJoin(input, right, JoinKind.LeftOuter, condition);

        // The value over no rows: aggregates as on an empty input (count 0, others NULL).
        var empty = Transform(top.Projections[0], x => x is BoundColumnRef c
            ? (agg.Aggregates[c.Ordinal].Function.NullOnEmpty ? BoundLiteral.NullOf(c.Type) : new BoundLiteral(0L, c.Type))
            : null);
        empty = ConstantFoldingRule.Fold(empty, context);
        var valueRef = new BoundColumnRef(width + k, valueExpr.Type, true, "_value");
        if (empty is BoundLiteral { Value: null })
        {
            value = valueRef;
            return true;
        }
        var marker = new BoundColumnRef(width + k + 1, Types.DataType.Boolean, true, "_matched");
        value = new BoundCase([new BoundIsNull(marker, Negated: true)], [valueRef], Binding.Binder.Coerce(empty, valueExpr.Type), valueExpr.Type);
        return true;
    }

    private static bool HasOuter(BoundExpression e) => e is BoundOuterRef || e.Children.Any(HasOuter);

    private static bool HasColumn(BoundExpression e) => e is BoundColumnRef || e.Children.Any(HasColumn);

    private static bool OnlyOuter(BoundExpression e) => HasOuter(e) && !HasColumn(e);

    private static bool HasOuterAnywhere(BoundExpression e) =>
        HasOuter(e) || e is BoundSubquery sq && PlanRewriter.Any(sq.Plan, n => n.Expressions.Any(x => x is BoundOuterRef { Depth: > 1 })) || e.Children.Any(HasOuterAnywhere);
}
