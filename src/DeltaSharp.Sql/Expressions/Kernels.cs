using DeltaSharp.Compute;
using DeltaSharp.Sql.KernelShim;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// The one place the SQL engine calls the compute kernels of DeltaSharp.Core (function registry, type coercion,
/// casts), so that their API can evolve behind it.
/// </summary>
internal static class Kernels
{
    /// <summary>Resolves a scalar function (operators use Spark's symbols: <c>+</c>, <c>=</c>, <c>&lt;=&gt;</c>, …).</summary>
    public static bool TryResolve(string name, IReadOnlyList<DataType> argTypes, out ScalarFunction? function, out string? errorClass, out string? message) =>
        FunctionRegistry.TryResolve(name, argTypes, out function, out errorClass, out message);

    /// <summary>Spark's wider common type of two types (for CASE, IN, COALESCE, set operations), or null.</summary>
    public static DataType? WiderType(DataType a, DataType b) => TypeCoercion.FindWiderType(a, b);

    /// <summary>Whether an explicit CAST from one type to the other is allowed.</summary>
    public static bool CanCast(DataType from, DataType to) => CastKernel.CanCast(from, to);

    /// <summary>Casts <paramref name="value"/> (over <paramref name="rowCount"/> rows) to <paramref name="target"/>.</summary>
    public static ColumnarValue Cast(ColumnarValue value, DataType target, int rowCount, EvaluationContext context, bool isTry) =>
        CastKernel.Cast(value, target, rowCount, context, isTry);
}
