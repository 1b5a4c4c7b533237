namespace DeltaSharp.Compute;

/// <summary>
/// A resolved scalar function: the argument types it expects (the binder casts each argument to them — implicit
/// coercion as Spark does), its result type, and its vectorised implementation. Immutable, thread-safe.
/// </summary>
public sealed class ScalarFunction(
    string name,
    IReadOnlyList<Types.DataType> parameterTypes,
    Types.DataType returnType,
    Func<ColumnarValue[], int, EvaluationContext, ColumnarValue> evaluate,
    bool deterministic = true,
    bool nullIntolerant = true)
{
    public string Name { get; } = name;

    /// <summary>Exact argument types after coercion (same count as the arguments).</summary>
    public IReadOnlyList<Types.DataType> ParameterTypes { get; } = parameterTypes;

    public Types.DataType ReturnType { get; } = returnType;

    /// <summary>False for rand(), uuid(), …: not constant-folded, not deduplicated.</summary>
    public bool Deterministic { get; } = deterministic;

    /// <summary>True when any null argument gives a null result (lets the optimizer infer IS NOT NULL).</summary>
    public bool NullIntolerant { get; } = nullIntolerant;

    /// <summary>Evaluates over <c>rowCount</c> rows. Scalar-only arguments may return a scalar.</summary>
    public ColumnarValue Evaluate(ColumnarValue[] args, int rowCount, EvaluationContext context) => evaluate(args, rowCount, context);
}
