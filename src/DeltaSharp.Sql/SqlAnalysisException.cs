using System.Text;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql;

/// <summary>
/// A statement that parses but cannot be analysed: an unknown table, column or function, an ambiguous name, a type
/// error. <see cref="ErrorClass"/> is Spark's error class (<c>UNRESOLVED_COLUMN.WITH_SUGGESTION</c>,
/// <c>AMBIGUOUS_REFERENCE</c>, <c>TABLE_OR_VIEW_NOT_FOUND</c>, <c>DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES</c>, …) and
/// <see cref="Span"/> names the offending text when it is known (<c>default</c> otherwise). The message follows
/// Spark's layout: <c>[CLASS] detail SQLSTATE: 42703; line 1 pos 7</c>, then the statement with a marker.
/// </summary>
public sealed class SqlAnalysisException : Exception
{
    public SqlAnalysisException(string errorClass, string detail, SourceSpan span = default, string? sql = null)
        : base(Format(errorClass, detail, span, sql))
    {
        ErrorClass = errorClass;
        Detail = detail;
        Span = span;
        Sql = sql;
    }

    public SqlAnalysisException() : this("INTERNAL_ERROR", "Analysis failed.") { }

    public SqlAnalysisException(string message) : this("INTERNAL_ERROR", message) { }

    public SqlAnalysisException(string message, Exception innerException) : base(message, innerException)
    {
        ErrorClass = "INTERNAL_ERROR";
        Detail = message;
    }

    /// <summary>Spark's error class, with the sub-class after a dot when Spark has one.</summary>
    public string ErrorClass { get; }

    /// <summary>SQLSTATE of the error class (Spark's table; 42000 when we know none).</summary>
    public string SqlState => SqlStateOf(ErrorClass);

    /// <summary>The message without class, state and position.</summary>
    public string Detail { get; }

    /// <summary>The offending text; <c>default</c> (Line 0) when the error has no position.</summary>
    public SourceSpan Span { get; }

    /// <summary>The statement text, when known.</summary>
    public string? Sql { get; }

    /// <summary>The same error with the statement text attached (for the excerpt in the message).</summary>
    public SqlAnalysisException WithSql(string sql) => Sql is not null ? this : new SqlAnalysisException(ErrorClass, Detail, Span, sql);

    private static readonly Dictionary<string, string> SqlStates = new(StringComparer.Ordinal)
    {
        ["UNRESOLVED_COLUMN"] = "42703",
        ["UNRESOLVED_FIELD"] = "42703",
        ["UNRESOLVED_ROUTINE"] = "42883",
        ["AMBIGUOUS_REFERENCE"] = "42704",
        ["AMBIGUOUS_COLUMN_OR_FIELD"] = "42702",
        ["TABLE_OR_VIEW_NOT_FOUND"] = "42P01",
        ["DATATYPE_MISMATCH"] = "42K09",
        ["MISSING_AGGREGATION"] = "42803",
        ["GROUP_BY_AGGREGATE"] = "42903",
        ["INVALID_WHERE_CONDITION"] = "42903",
        ["NESTED_AGGREGATE_FUNCTION"] = "42607",
        ["GROUP_BY_POS_OUT_OF_RANGE"] = "42805",
        ["ORDER_BY_POS_OUT_OF_RANGE"] = "42805",
        ["WRONG_NUM_ARGS"] = "42605",
        ["NUM_COLUMNS_MISMATCH"] = "42826",
        ["INCOMPATIBLE_COLUMN_TYPE"] = "42825",
        ["INVALID_TIME_TRAVEL_TIMESTAMP_EXPR"] = "42K0E",
        ["INVALID_TIME_TRAVEL_SPEC"] = "42K0E",
        ["INVALID_SUBQUERY_EXPRESSION"] = "42823",
        ["UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY"] = "0A000",
        ["UNSUPPORTED_FEATURE"] = "0A000",
        ["UNSUPPORTED_EXPR_FOR_WINDOW"] = "42P20",
        ["WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE"] = "42601",
        ["WINDOW_FUNCTION_FRAME_NOT_ORDERED"] = "42601",
        ["WINDOW_FUNCTION_NOT_ALLOWED_IN_CLAUSE"] = "42601",
        ["UNSUPPORTED_EXPR_FOR_OPERATOR"] = "42K0E",
        ["UNRESOLVED_USING_COLUMN_FOR_JOIN"] = "42703",
        ["INVALID_INLINE_TABLE"] = "42000",
        ["FIELD_NOT_FOUND"] = "42704",
        ["INVALID_EXTRACT_BASE_FIELD_TYPE"] = "42000",
        ["DUPLICATED_CTE_NAMES"] = "42602",
        ["GROUP_BY_POS_AGGREGATE"] = "42903",
        ["INSERT_COLUMN_ARITY_MISMATCH"] = "21S01",
        ["INCOMPATIBLE_DATA_FOR_TABLE"] = "KD000",
        ["DISTINCT_WINDOW_FUNCTION_UNSUPPORTED"] = "0A000",
        ["ASSIGNMENT_ARITY_MISMATCH"] = "42802",
        ["MISSING_WINDOW_SPECIFICATION"] = "42P20",
        ["INVALID_USAGE_OF_STAR_OR_REGEX"] = "42000",
        ["CANNOT_RESOLVE_STAR_EXPAND"] = "42704",
        ["COLUMN_ALREADY_EXISTS"] = "42711",
        ["INVALID_LIMIT_LIKE_EXPRESSION"] = "42K0E",
        ["NON_FOLDABLE_ARGUMENT"] = "42K08",
        ["INVALID_SQL_SYNTAX"] = "42000",
        ["CAST_INVALID_INPUT"] = "22018",
        ["SCALAR_SUBQUERY_TOO_MANY_ROWS"] = "21000",
        ["NESTING_TOO_DEEP"] = "54001",
        ["INVALID_TYPED_LITERAL"] = "42604",
        ["INVALID_INTERVAL_FORMAT"] = "22006",
        ["INTERNAL_ERROR"] = "XX000",
    };

    /// <summary>The SQLSTATE of <paramref name="errorClass"/> (looked up by its main class).</summary>
    public static string SqlStateOf(string errorClass)
    {
        ArgumentNullException.ThrowIfNull(errorClass);
        var dot = errorClass.IndexOf('.', StringComparison.Ordinal);
        var main = dot < 0 ? errorClass : errorClass[..dot];
        return SqlStates.TryGetValue(main, out var s) ? s : "42000";
    }

    private static string Format(string errorClass, string detail, SourceSpan span, string? sql)
    {
        var sb = new StringBuilder();
        sb.Append('[').Append(errorClass).Append("] ").Append(detail);
        sb.Append(" SQLSTATE: ").Append(SqlStateOf(errorClass));
        if (span.Line <= 0) return sb.ToString();
        sb.Append("; line ").Append(span.Line).Append(" pos ").Append(span.SparkPos);
        if (sql is null) return sb.ToString();
        var lines = sql.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (span.Line > lines.Length) return sb.ToString();
        sb.Append("\n\n== SQL ==\n").Append(lines[span.Line - 1]).Append('\n');
        sb.Append('-', Math.Max(0, span.SparkPos)).Append('^', Math.Clamp(span.Length, 1, 40)).Append('\n');
        return sb.ToString();
    }
}
