using DeltaSharp.Compute;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning.Optimizer;

/// <summary>
/// Evaluates constant deterministic subexpressions once (an error while folding leaves the expression to run time,
/// where it may never be reached), simplifies AND / OR / NOT / CASE with constant operands, drops filters that
/// are always true and replaces filters that are never true by an empty relation.
/// </summary>
internal sealed class ConstantFoldingRule : IOptimizerRule
{
    public string Name => "ConstantFolding";

    public LogicalPlan Apply(LogicalPlan plan, EvaluationContext context) =>
        PlanRewriter.TransformUp(PlanRewriter.TransformExpressions(plan, e => Fold(e, context)), node => node switch
        {
            LogicalFilter { Condition: BoundLiteral { Value: true } } f => f.Input,
            LogicalFilter { Condition: BoundLiteral { Value: false or null } } f => LogicalValues.Empty(f.Schema),
            _ => node,
        });

    public static BoundExpression Fold(BoundExpression e, EvaluationContext context)
    {
        if (e is BoundLiteral or BoundColumnRef or BoundOuterRef) return e;
        if (e is BoundAggregateCall or BoundWindowCall or BoundSubquery)
            return e.Children.Count == 0 ? e : e.WithChildren(e.Children.Select(c => Fold(c, context)).ToArray());
        var children = e.Children;
        var folded = children.Count == 0 ? e : e.WithChildren(children.Select(c => Fold(c, context)).ToArray());
        switch (folded)
        {
            case BoundAnd a:
                if (a.Left is BoundLiteral { Value: false } || a.Right is BoundLiteral { Value: false }) return BoundLiteral.False;
                if (a.Left is BoundLiteral { Value: true }) return a.Right;
                if (a.Right is BoundLiteral { Value: true }) return a.Left;
                break;
            case BoundOr o:
                if (o.Left is BoundLiteral { Value: true } || o.Right is BoundLiteral { Value: true }) return BoundLiteral.True;
                if (o.Left is BoundLiteral { Value: false }) return o.Right;
                if (o.Right is BoundLiteral { Value: false }) return o.Left;
                break;
            case BoundCase c:
            {
                // Drop branches whose condition is never true; stop at the first that is always true.
                var conds = new List<BoundExpression>();
                var results = new List<BoundExpression>();
                BoundExpression? otherwise = c.Else;
                for (var i = 0; i < c.Conditions.Count; i++)
                {
                    if (c.Conditions[i] is BoundLiteral { Value: false or null }) continue;
                    if (c.Conditions[i] is BoundLiteral { Value: true })
                    {
                        otherwise = c.Results[i];
                        break;
                    }
                    conds.Add(c.Conditions[i]);
                    results.Add(c.Results[i]);
                }
                if (conds.Count == 0) return otherwise ?? BoundLiteral.NullOf(c.Type);
                if (conds.Count != c.Conditions.Count)
                    folded = new BoundCase(new Ast.NodeList<BoundExpression>(conds), new Ast.NodeList<BoundExpression>(results), otherwise, c.Type);
                break;
            }
        }
        if (!folded.IsDeterministic || !ConstantEvaluator.IsConstant(folded)) return folded;
        if (folded is BoundCase { Conditions.Count: > 0 }) { }
        try
        {
            return new BoundLiteral(ConstantEvaluator.Evaluate(folded, context), folded.Type);
        }
        catch (ComputeException)
        {
            return folded;
        }
    }
}
