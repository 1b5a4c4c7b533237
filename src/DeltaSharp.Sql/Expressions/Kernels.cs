using DeltaSharp.Compute;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// The one place the SQL engine calls the compute kernels of DeltaSharp.Core (function registry, type coercion,
/// casts), so that their API can evolve behind it.
/// </summary>
internal static class Kernels
{
    private static readonly FunctionResolveOptions Legacy = new() { AnsiMode = false };

    /// <summary>Resolves a scalar function or operator (Spark's symbols: <c>+</c>, <c>=</c>, <c>&lt;=&gt;</c>, …);
    /// <paramref name="argSql"/> is the arguments' SQL text for Spark-style messages.</summary>
    public static bool TryResolve(string name, IReadOnlyList<DataType> argTypes, IReadOnlyList<string>? argSql, bool ansi,
        out ScalarFunction? function, out string? errorClass, out string? message) =>
        FunctionRegistry.TryResolve(name, argTypes, argSql, ansi ? FunctionResolveOptions.Default : Legacy, out function, out errorClass, out message);

    /// <summary>Resolves with full argument information (types, SQL text, values of constant arguments: some result
    /// types depend on them, e.g. round's scale or named_struct's field names).</summary>
    public static bool TryResolve(string name, IReadOnlyList<FunctionArgument> arguments, bool ansi,
        out ScalarFunction? function, out string? errorClass, out string? message) =>
        FunctionRegistry.TryResolve(name, arguments, ansi ? FunctionResolveOptions.Default : Legacy, out function, out errorClass, out message);

    /// <summary>Whether <paramref name="name"/> is a scalar function or operator of the registry.</summary>
    public static bool Exists(string name) => FunctionRegistry.Exists(name);

    /// <summary>Spark's wider common type of two types (CASE, IN, COALESCE, set operations), or null.</summary>
    public static DataType? WiderType(DataType a, DataType b) => TypeCoercion.FindWiderTypeForTwo(a, b);

    /// <summary>Whether an explicit CAST from one type to the other is allowed.</summary>
    public static bool CanCast(DataType from, DataType to) => CastKernel.CanCast(from, to);

    /// <summary>Whether INSERT may write <paramref name="from"/> into a <paramref name="to"/> column (ANSI store assignment).</summary>
    public static bool CanStoreAssign(DataType from, DataType to) => TypeCoercion.CanStoreAssign(from, to);

    /// <summary>Casts <paramref name="value"/> (over <paramref name="rowCount"/> rows) to <paramref name="target"/>.</summary>
    public static ColumnarValue Cast(ColumnarValue value, DataType target, int rowCount, EvaluationContext context, bool isTry) =>
        CastKernel.Cast(value, target, rowCount, context, isTry);
}
