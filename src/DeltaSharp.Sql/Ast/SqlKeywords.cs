using System.Text.RegularExpressions;

namespace DeltaSharp.Sql.Ast;

/// <summary>
/// Which names the printer must backquote. The parser treats keywords contextually, as Spark's default mode does, so
/// only the words it reads specially in name positions need quotes.
/// </summary>
internal static partial class SqlKeywords
{
    /// <summary>
    /// Words that would be read as something else where a name is printed: literals and keyword-led expressions at the
    /// start of an expression, clause words, and words the parser looks for right after a table name or in a column
    /// list. Other keywords are valid names in Spark's default mode and are printed bare.
    /// </summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "NULL", "TRUE", "FALSE", "CASE", "NOT", "INTERVAL", "CURRENT_DATE", "CURRENT_TIMESTAMP", "CURRENT_USER", "USER",
        "SESSION_USER", "FROM", "WHERE", "HAVING", "UNION", "INTERSECT", "EXCEPT", "MINUS", "SELECT", "JOIN", "ON",
        "USING", "AND", "OR", "WHEN", "THEN", "ELSE", "AS", "ORDER", "GROUP", "SORT", "CLUSTER", "DISTRIBUTE", "VALUES",
        "LATERAL", "RECURSIVE", "CONSTRAINT", "PRIMARY", "FOREIGN", "ALL", "DISTINCT", "TABLE", "WITH",
    };

    /// <summary>Formats whose <c>format.`path`</c> names a file or folder instead of a table (Spark's "SQL on files").</summary>
    public static readonly HashSet<string> FileFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        "delta", "parquet", "json", "csv", "orc", "text", "avro", "binaryFile",
    };

    /// <summary>Names that can be written without backquotes: ASCII letter or '_' first, then letters, digits, '_',
    /// and not one of the reserved words.</summary>
    public static bool NeedsQuoting(string name) => !SimpleName().IsMatch(name) || Reserved.Contains(name);

    /// <summary>Function names only need quoting when the bare word would start another construct.</summary>
    public static bool FunctionNeedsQuoting(string name) =>
        !SimpleName().IsMatch(name) || FunctionReserved.Contains(name);

    private static readonly HashSet<string> FunctionReserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CASE", "CAST", "TRY_CAST", "NULL", "TRUE", "FALSE", "NOT", "FROM", "WHERE", "HAVING", "UNION", "INTERSECT",
        "EXCEPT", "MINUS", "SELECT", "JOIN", "ON", "USING", "AND", "OR", "WHEN", "THEN", "ELSE", "AS", "ORDER", "GROUP",
        "SORT", "CLUSTER", "DISTRIBUTE", "POSITION", "OVERLAY",
    };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SimpleName();
}
