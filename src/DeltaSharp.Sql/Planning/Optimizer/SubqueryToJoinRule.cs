using DeltaSharp.Compute;
using DeltaSharp.Sql.Expressions;
using static DeltaSharp.Sql.Expressions.ExpressionRewriter;

namespace DeltaSharp.Sql.Planning.Optimizer;

/// <summary>
/// Turns subquery predicates that are top-level conjuncts of a WHERE into joins, so they run as one hash join
/// instead of once per outer row: <c>EXISTS</c> / <c>NOT EXISTS</c> with equality correlations become left semi /
/// anti joins; <c>x IN (SELECT y …)</c> (correlated by equalities or not) becomes a left semi join on
/// <c>x = y</c>. NOT IN stays a subquery (its NULL semantics are not those of an anti join); other shapes are left
/// to per-row evaluation.
/// </summary>
internal sealed class SubqueryToJoinRule : IOptimizerRule
{
    public string Name => "SubqueryToJoin";

    public LogicalPlan Apply(LogicalPlan plan, EvaluationContext context) =>
        PlanRewriter.TransformUp(plan, node => node is LogicalFilter f ? Rewrite(f) : node);

    private static LogicalPlan Rewrite(LogicalFilter filter)
    {
        var input = filter.Input;
        var width = input.Schema.Count;
        var rest = new List<BoundExpression>();
        var changed = false;
        foreach (var c in Conjuncts(filter.Condition))
        {
            var (subquery, negated) = c switch
            {
                BoundSubquery s => (s, false),
                BoundNot { Operand: BoundSubquery { Kind: SubqueryKind.Exists } s } => (s, true),
                _ => (null, false),
            };
            LogicalPlan? joined = null;
            if (subquery is { Kind: SubqueryKind.Exists, IsCorrelated: true } && TryDecorrelate(subquery.Plan, width, forIn: false, out var right, out var cond))
                joined = new LogicalJoin(input, right, subquery.Negated != negated ? JoinKind.LeftAnti : JoinKind.LeftSemi, cond);
            else if (subquery is { Kind: SubqueryKind.In, Negated: false } && !negated && subquery.Value is { } value && !HasCorrelatedSubquery(value)
                && TryDecorrelate(subquery.Plan, width, forIn: true, out var inRight, out var inCond, value))
                joined = new LogicalJoin(input, inRight, JoinKind.LeftSemi, inCond);
            if (joined is null)
            {
                rest.Add(c);
                continue;
            }
            input = joined;
            changed = true;
        }
        if (!changed) return filter;
        return rest.Count == 0 ? input : new LogicalFilter(input, And(rest)!);
    }

    /// <summary>
    /// Splits a subquery plan into an uncorrelated plan and a join condition over (outer columns, its columns). For
    /// EXISTS the top projections are dropped; for IN the single output expression is compared with
    /// <paramref name="inValue"/>. Only equality correlations in the top filter are handled.
    /// </summary>
    private static bool TryDecorrelate(LogicalPlan plan, int outerWidth, bool forIn, out LogicalPlan right, out BoundExpression? condition, BoundExpression? inValue = null)
    {
        right = plan;
        condition = null;
        BoundExpression? output = null;
        if (forIn)
        {
            if (plan is LogicalProject { Projections.Count: 1 } p && p.Projections[0].IsDeterministic && !HasOuter(p.Projections[0]))
            {
                output = p.Projections[0];
                plan = p.Input;
            }
            else if (plan.Schema.Count == 1 && !PlanHasOuter(plan))
            {
                right = plan;
                condition = Equal(inValue!, new BoundColumnRef(outerWidth, plan.Schema[0].Type, plan.Schema[0].Nullable, plan.Schema[0].Name));
                return condition is not null;
            }
            else return false;
        }
        else
        {
            while (plan is LogicalProject p && p.Projections.All(e => !HasOuter(e))) plan = p.Input;
        }
        var terms = new List<BoundExpression>();
        if (plan is LogicalFilter f)
        {
            var keep = new List<BoundExpression>();
            foreach (var c in Conjuncts(f.Condition))
            {
                if (!HasOuter(c))
                {
                    keep.Add(c);
                    continue;
                }
                if (c is not BoundFunctionCall { Name: "=" or "==", Arguments.Count: 2 } eq) return false;
                var (a, b) = (eq.Arguments[0], eq.Arguments[1]);
                BoundExpression inner, outer;
                if (OnlyOuter(a) && !HasOuter(b)) (inner, outer) = (b, a);
                else if (OnlyOuter(b) && !HasOuter(a)) (inner, outer) = (a, b);
                else return false;
                var term = Equal(OuterAsColumns(outer), Shift(inner, outerWidth), eq);
                if (term is null) return false;
                terms.Add(term);
            }
            plan = keep.Count == 0 ? f.Input : new LogicalFilter(f.Input, And(keep)!);
        }
        if (PlanHasOuter(plan) || (!forIn && terms.Count == 0)) return false;
        if (output is not null)
        {
            var inTerm = Equal(inValue!, Shift(output, outerWidth));
            if (inTerm is null) return false;
            terms.Insert(0, inTerm);
        }
        right = plan;
        condition = And(terms);
        return true;
    }

    /// <summary><c>a = b</c> with the types made equal (both sides already come from bound, coerced expressions).</summary>
    private static BoundExpression? Equal(BoundExpression a, BoundExpression b, BoundFunctionCall? template = null)
    {
        if (template is not null && template.Arguments[0].Type == a.Type && template.Arguments[1].Type == b.Type)
            return template with { Arguments = [a, b] };
        var type = a.Type == b.Type ? a.Type : Kernels.WiderType(a.Type, b.Type);
        if (type is null) return null;
        if (!Kernels.TryResolve("=", [type, type], null, true, out var fn, out _, out _) || fn is null) return null;
        return new BoundFunctionCall(fn, [Binding.Binder.Coerce(a, type), Binding.Binder.Coerce(b, type)]);
    }

    private static bool HasOuter(BoundExpression e) => e is BoundOuterRef || e.Children.Any(HasOuter);

    private static bool HasColumn(BoundExpression e) => e is BoundColumnRef || e.Children.Any(HasColumn);

    private static bool OnlyOuter(BoundExpression e) => HasOuter(e) && !HasColumn(e) && e is not BoundSubquery;

    private static bool PlanHasOuter(LogicalPlan plan) =>
        PlanRewriter.Any(plan, n => n.Expressions.Any(e => HasOuter(e) || OuterInSubquery(e)));

    // A nested subquery whose own correlation reaches past the plan (depth 2) would be broken by the rewrite.
    private static bool OuterInSubquery(BoundExpression e) =>
        e is BoundSubquery s && PlanRewriter.Any(s.Plan, n => n.Expressions.Any(x => x is BoundOuterRef { Depth: > 1 })) || e.Children.Any(OuterInSubquery);

    private static BoundExpression OuterAsColumns(BoundExpression e) =>
        Transform(e, x => x is BoundOuterRef o ? new BoundColumnRef(o.Ordinal, o.Type, o.Nullable, o.Name) : null);
}
