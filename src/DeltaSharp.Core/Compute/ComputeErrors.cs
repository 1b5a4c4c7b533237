using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// Builds the <see cref="ComputeException"/>s kernels raise, with Spark's error classes and message wording
/// (error-conditions.json of Spark 4). Throw helpers keep the kernel loops small.
/// </summary>
public static class ComputeErrors
{
    private const string AnsiConfig = "\"spark.sql.ansi.enabled\"";

    /// <summary>Spark's SQL name of a type as error messages quote it: "INT", "DECIMAL(10,2)", "ARRAY&lt;STRING&gt;".</summary>
    public static string TypeSql(DataType type) => type switch
    {
        StructType s => "STRUCT<" + string.Join(", ", s.Fields.Select(f => $"{f.Name}: {TypeSql(f.Type)}")) + ">",
        ArrayType a => $"ARRAY<{TypeSql(a.ElementType)}>",
        MapType m => $"MAP<{TypeSql(m.KeyType)}, {TypeSql(m.ValueType)}>",
        NullType => "VOID",
        _ => type.SimpleString.ToUpperInvariant(),
    };

    /// <summary>The quoted form used inside messages: <c>"INT"</c>.</summary>
    public static string QuotedType(DataType type) => "\"" + TypeSql(type) + "\"";

    /// <summary>A value as Spark's toSQLValue prints it in messages ('abc' for strings, 12L for bigint, …).</summary>
    public static string SqlValue(object? value, DataType type)
    {
        if (value is null) return "NULL";
        switch (type)
        {
            case StringType: return "'" + value.ToString()!.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
            case ByteType: return Convert.ToString(value, CultureInfo.InvariantCulture) + "Y";
            case ShortType: return Convert.ToString(value, CultureInfo.InvariantCulture) + "S";
            case LongType: return Convert.ToString(value, CultureInfo.InvariantCulture) + "L";
            case DecimalType: return value + "BD";
            case DoubleType: return JavaNumberFormat.DoubleToString(Convert.ToDouble(value, CultureInfo.InvariantCulture)) + "D";
            case FloatType: return JavaNumberFormat.FloatToString(Convert.ToSingle(value, CultureInfo.InvariantCulture));
            case DateType when value is int d: return "DATE '" + SparkDateTime.FormatDate(d) + "'";
            case TimestampType when value is long us: return "TIMESTAMP '" + SparkDateTime.FormatTimestamp(us, TimeZoneInfo.Utc) + "'";
            case TimestampNtzType when value is long us2: return "TIMESTAMP_NTZ '" + SparkDateTime.FormatTimestamp(us2, TimeZoneInfo.Utc) + "'";
            case BinaryType when value is byte[] b: return "X'" + Convert.ToHexString(b) + "'";
            case BooleanType when value is bool flag: return flag ? "true" : "false";
            default: return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "NULL";
        }
    }

    public static ComputeException DivideByZero() => new("DIVIDE_BY_ZERO",
        $"Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set {AnsiConfig} to \"false\" to bypass this error.");

    /// <summary>ARITHMETIC_OVERFLOW for an integral operation (<paramref name="kind"/> = "integer", "long", …).</summary>
    public static ComputeException ArithmeticOverflow(string message, string? tryFunction) => new("ARITHMETIC_OVERFLOW",
        $"{message}.{(tryFunction is null ? "" : $" Use '{tryFunction}' to tolerate overflow and return NULL instead.")} If necessary set {AnsiConfig} to \"false\" to bypass this error.");

    /// <summary>The overflow of <c>a op b</c> on a narrow integral type (Spark's binaryArithmeticCauseOverflowError).</summary>
    public static ComputeException BinaryArithmeticOverflow(string left, string op, string right, string tryFunction) =>
        new("BINARY_ARITHMETIC_OVERFLOW",
            $"{left} {op} {right} caused overflow. Use `{tryFunction}` to tolerate overflow and return NULL instead. If necessary set {AnsiConfig} to \"false\" to bypass this error.");

    public static ComputeException CastInvalidInput(object? value, DataType from, DataType to) => new("CAST_INVALID_INPUT",
        $"The value {SqlValue(value, from)} of the type {QuotedType(from)} cannot be cast to {QuotedType(to)} because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead. If necessary set {AnsiConfig} to \"false\" to bypass this error.");

    public static ComputeException CastOverflow(object? value, DataType from, DataType to) => new("CAST_OVERFLOW",
        $"The value {SqlValue(value, from)} of the type {QuotedType(from)} cannot be cast to {QuotedType(to)} due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead. If necessary set {AnsiConfig} to \"false\" to bypass this error.");

    /// <summary>A decimal result that does not fit its type (NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION).</summary>
    public static ComputeException NumericValueOutOfRange(string value, int precision, int scale) => new("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
        $"{value} cannot be represented as Decimal({precision}, {scale}). If necessary set {AnsiConfig} to \"false\" to bypass this error, and return NULL instead.");

    public static ComputeException InvalidArrayIndex(long index, int size, bool elementAt) => elementAt
        ? new("INVALID_ARRAY_INDEX_IN_ELEMENT_AT",
            $"The index {index} is out of bounds. The array has {size} elements. Use `try_element_at` to tolerate accessing element at invalid index and return NULL instead. If necessary set {AnsiConfig} to \"false\" to bypass this error.")
        : new("INVALID_ARRAY_INDEX",
            $"The index {index} is out of bounds. The array has {size} elements. Use the SQL function `get()` to tolerate accessing element at invalid index and return NULL instead. If necessary set {AnsiConfig} to \"false\" to bypass this error.");

    public static ComputeException InvalidIndexOfZero() => new("INVALID_INDEX_OF_ZERO",
        "The index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1).");

    public static ComputeException CannotParseTimestamp(string message, string tryFunction) => new("CANNOT_PARSE_TIMESTAMP",
        $"{message}. Use `{tryFunction}` to tolerate invalid input string and return NULL instead.");

    public static ComputeException InvalidParameterValue(string parameter, string function, string detail) => new("INVALID_PARAMETER_VALUE",
        $"The value of parameter(s) `{parameter}` in `{function}` is invalid: {detail}");

    public static ComputeException DateTimeFieldOutOfBounds(string detail) => new("DATETIME_FIELD_OUT_OF_BOUNDS",
        $"{detail}. If necessary set {AnsiConfig} to \"false\" to bypass this error.");

    public static ComputeException NullMapKey() => new("NULL_MAP_KEY", "Cannot use null as map key.");

    public static ComputeException DuplicatedMapKey(string key) => new("DUPLICATED_MAP_KEY",
        $"Duplicate map key {key} was found, please check the input data. If you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last takes precedence.");

    [DoesNotReturn]
    public static void Throw(ComputeException exception) => throw exception;
}
