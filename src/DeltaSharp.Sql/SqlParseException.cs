using System.Text;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql;

/// <summary>
/// SQL text that cannot be parsed. <see cref="ErrorClass"/> is Spark's error class (<c>PARSE_SYNTAX_ERROR</c>,
/// <c>UNCLOSED_BRACKETED_COMMENT</c>, <c>INVALID_TYPED_LITERAL</c>, <c>INVALID_NUMERIC_LITERAL_RANGE</c>, …; the one
/// class of our own is <c>PARSER_NESTING_TOO_DEEP</c>). <see cref="Span"/> always names the position; the
/// <see cref="Exception.Message"/> follows Spark's layout:
/// <code>
/// [PARSE_SYNTAX_ERROR] Syntax error at or near 'FROM'. SQLSTATE: 42601 (line 1, pos 7)
///
/// == SQL ==
/// SELECT FROM t
/// -------^^^
/// </code>
/// (<c>pos</c> is 0-based as in Spark; <see cref="SourceSpan.Column"/> is 1-based.)
/// </summary>
public sealed class SqlParseException : Exception
{
    public SqlParseException(string errorClass, string detail, SourceSpan span, string? sql = null)
        : base(Format(errorClass, detail, span, sql))
    {
        ErrorClass = errorClass;
        Detail = detail;
        Span = span;
        Sql = sql;
    }

    public SqlParseException() : this("PARSE_SYNTAX_ERROR", "Syntax error.", default) { }

    public SqlParseException(string message) : this("PARSE_SYNTAX_ERROR", message, default) { }

    public SqlParseException(string message, Exception innerException) : base(message, innerException)
    {
        ErrorClass = "PARSE_SYNTAX_ERROR";
        Detail = message;
    }

    /// <summary>Spark's error class, e.g. <c>PARSE_SYNTAX_ERROR</c>.</summary>
    public string ErrorClass { get; }

    /// <summary>The SQLSTATE Spark gives the error class (42601 for syntax errors).</summary>
    public string SqlState => SqlStates.TryGetValue(ErrorClass, out var s) ? s : "42000";

    /// <summary>The message without the error class, position and excerpt: <c>Syntax error at or near 'FROM'.</c></summary>
    public string Detail { get; }

    /// <summary>Where the problem is (the offending token).</summary>
    public SourceSpan Span { get; }

    /// <summary>The SQL text that was parsed, when known.</summary>
    public string? Sql { get; }

    /// <summary>1-based line of the problem.</summary>
    public int Line => Span.Line;

    /// <summary>1-based column of the problem.</summary>
    public int Column => Span.Column;

    internal static SqlParseException At(string errorClass, string detail, SourceSpan span, string? sql = null) =>
        new(errorClass, detail, span, sql);

    private static readonly Dictionary<string, string> SqlStates = new(StringComparer.Ordinal)
    {
        ["PARSE_SYNTAX_ERROR"] = "42601",
        ["PARSE_EMPTY_STATEMENT"] = "42617",
        ["UNCLOSED_BRACKETED_COMMENT"] = "42601",
        ["INVALID_TYPED_LITERAL"] = "42604",
        ["INVALID_NUMERIC_LITERAL_RANGE"] = "22003",
        ["DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION"] = "22003",
        ["UNSUPPORTED_DATATYPE"] = "0A000",
        ["DATATYPE_MISSING_SIZE"] = "42K01",
        ["DUPLICATE_CLAUSES"] = "42614",
        ["INVALID_ESC"] = "42604",
        ["INVALID_INTERVAL_FORMAT"] = "22006",
        ["INVALID_IDENTIFIER"] = "42602",
        ["INVALID_SET_SYNTAX"] = "42000",
        ["MERGE_WITHOUT_WHEN"] = "42601",
        ["NON_LAST_MATCHED_CLAUSE_OMIT_CONDITION"] = "42613",
        ["NON_LAST_NOT_MATCHED_BY_TARGET_CLAUSE_OMIT_CONDITION"] = "42613",
        ["NON_LAST_NOT_MATCHED_BY_SOURCE_CLAUSE_OMIT_CONDITION"] = "42613",
        ["PARSER_NESTING_TOO_DEEP"] = "54001",
    };

    private const int MaxLineWidth = 160;

    private static string Format(string errorClass, string detail, SourceSpan span, string? sql)
    {
        var sb = new StringBuilder();
        sb.Append('[').Append(errorClass).Append("] ").Append(detail);
        sb.Append(" SQLSTATE: ").Append(SqlStates.TryGetValue(errorClass, out var state) ? state : "42000");
        if (span.Line <= 0) return sb.ToString();
        sb.Append(" (line ").Append(span.Line).Append(", pos ").Append(span.SparkPos).Append(')');
        if (sql is null) return sb.ToString();
        sb.Append("\n\n== SQL ==\n");
        AppendExcerpt(sb, sql, span);
        return sb.ToString();
    }

    // Spark prints the statement with a "-----^^^" marker under the offending line; long texts are cut to a few lines
    // around it so that a script's error stays readable.
    private static void AppendExcerpt(StringBuilder sb, string sql, SourceSpan span)
    {
        var lines = sql.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var errorLine = Math.Clamp(span.Line, 1, lines.Length);
        var first = Math.Max(1, errorLine - 3);
        var last = Math.Min(lines.Length, errorLine + 2);
        if (first > 1) sb.Append("...\n");
        for (var line = first; line <= last; line++)
        {
            var text = lines[line - 1].TrimEnd('\r');
            if (line != errorLine)
            {
                sb.Append(text.Length <= MaxLineWidth ? text : text[..(MaxLineWidth - 3)] + "...").Append('\n');
                continue;
            }
            var pos = Math.Clamp(span.SparkPos, 0, text.Length);
            if (text.Length > MaxLineWidth)
            {
                // Show a window around the error on very long lines (a generated INSERT … VALUES can be megabytes).
                var from = Math.Max(0, pos - MaxLineWidth / 2);
                var to = Math.Min(text.Length, from + MaxLineWidth);
                text = (from > 0 ? "..." : "") + text[from..to] + (to < text.Length ? "..." : "");
                pos = pos - from + (from > 0 ? 3 : 0);
            }
            sb.Append(text).Append('\n').Append('-', pos).Append("^^^\n");
        }
        if (last < lines.Length) sb.Append("...\n");
    }
}
