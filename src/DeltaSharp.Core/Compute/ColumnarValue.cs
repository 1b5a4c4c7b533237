using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// An argument or result of a vectorised function: either a column of <c>rowCount</c> values or one scalar that
/// stands for every row (literals, folded constants). Scalars use the boxing of
/// <see cref="Values.ValueConverter"/> (int, long, string, DecimalValue, DateOnly, DateTime, …) except timestamps,
/// dates and decimals which are held physically: date → int days, timestamp/timestamp_ntz → long micros,
/// decimal → DecimalValue. null is SQL NULL.
/// </summary>
public readonly struct ColumnarValue
{
    private ColumnarValue(DataType type, ColumnVector? vector, object? scalar, bool isScalar)
    {
        Type = type;
        Vector = vector;
        Scalar = scalar;
        IsScalar = isScalar;
    }

    public DataType Type { get; }

    /// <summary>The column (dense, rows 0..rowCount-1) when <see cref="IsScalar"/> is false.</summary>
    public ColumnVector? Vector { get; }

    /// <summary>The value for every row when <see cref="IsScalar"/> is true (null = SQL NULL).</summary>
    public object? Scalar { get; }

    public bool IsScalar { get; }

    public static ColumnarValue Of(ColumnVector vector) => new(vector.Type, vector, null, false);

    public static ColumnarValue OfScalar(DataType type, object? value) => new(type, null, value, true);
}

/// <summary>
/// What a statement's functions may read besides their arguments. current_timestamp()/now()/current_date() are
/// evaluated once per statement (Spark): they read <see cref="StatementTimestamp"/>.
/// </summary>
public sealed record EvaluationContext
{
    /// <summary>The statement's start time (microsecond precision, UTC).</summary>
    public DateTimeOffset StatementTimestamp { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>spark.sql.session.timeZone (default UTC here; Spark uses the JVM zone).</summary>
    public TimeZoneInfo SessionTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>spark.sql.ansi.enabled (Spark 4 / Databricks default true): invalid casts and overflows raise errors
    /// instead of returning null.</summary>
    public bool AnsiMode { get; init; } = true;
}

/// <summary>
/// A runtime error with a Spark error class raised while evaluating (DIVIDE_BY_ZERO, CAST_INVALID_INPUT,
/// ARITHMETIC_OVERFLOW, …). The message follows Spark's wording and says how to avoid the error (try_cast, …).
/// </summary>
public sealed class ComputeException(string errorClass, string message) : Exception($"[{errorClass}] {message}")
{
    public string ErrorClass { get; } = errorClass;
}
