using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// Evaluates expressions that read no columns (literals, casts and calls of them, current_timestamp(), …) once, at
/// plan time: for constant folding, LIMIT values and TIMESTAMP AS OF.
/// </summary>
internal static class ConstantEvaluator
{
    private static readonly ColumnBatch OneRow = new(new StructType(), [], 1);

    /// <summary>True when <paramref name="e"/> reads no column, outer reference or subquery and has no aggregate or
    /// window call (it may be non-deterministic; callers check that separately).</summary>
    public static bool IsConstant(BoundExpression e)
    {
        switch (e)
        {
            case BoundColumnRef or BoundOuterRef or BoundSubquery or BoundAggregateCall or BoundWindowCall or BoundLetRef:
                return false;
            default:
                foreach (var c in e.Children)
                    if (!IsConstant(c)) return false;
                return true;
        }
    }

    /// <summary>The value of a constant expression (scalar convention of <see cref="ColumnarValue"/>).</summary>
    public static object? Evaluate(BoundExpression e, EvaluationContext context)
    {
        var v = new ExpressionEvaluator(context).Evaluate(e, OneRow);
        return v.IsScalar ? v.Scalar : Execution.Vectors.PhysicalValues.Get(v.Vector!, 0);
    }
}
