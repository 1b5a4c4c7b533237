using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Parsing;

/// <summary>
/// Parses Spark SQL (the Databricks / Delta dialect, Spark's default non-ANSI keyword mode) into the syntax tree of
/// <see cref="Ast"/>. Every method throws <see cref="SqlParseException"/> — and only that — for text it cannot
/// parse, with Spark's error class and the position. Stateless and thread-safe.
/// </summary>
public static class Parser
{
    /// <summary>Exactly one statement; trailing semicolons are allowed. Empty text is PARSE_EMPTY_STATEMENT.</summary>
    public static Statement ParseStatement(string sql) => new SqlParser(sql).ParseSingleStatement();

    /// <summary>Statements separated by <c>;</c> (empty statements are skipped; an empty script gives an empty list).</summary>
    public static IReadOnlyList<Statement> ParseScript(string sql) => new SqlParser(sql).ParseScript();

    /// <summary>One expression, e.g. a CHECK constraint, a generated column or a predicate.</summary>
    public static SqlExpression ParseExpression(string sql) => new SqlParser(sql).ParseStandaloneExpression();

    /// <summary>One query (<c>SELECT …</c>, <c>VALUES …</c>, <c>WITH … SELECT …</c>).</summary>
    public static Query ParseQuery(string sql) => new SqlParser(sql).ParseStandaloneQuery();

    /// <summary>One data type, e.g. <c>decimal(10,2)</c> or <c>struct&lt;a: int, b: array&lt;string&gt;&gt;</c>.</summary>
    public static DataTypeSyntax ParseDataType(string sql) => new SqlParser(sql).ParseStandaloneDataType();
}
