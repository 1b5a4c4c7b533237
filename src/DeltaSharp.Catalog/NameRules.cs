namespace DeltaSharp.Catalog;

/// <summary>
/// How catalog, schema and table names are checked, compared and quoted. Unity Catalog's rule: at most 255 characters,
/// none of period, space, forward slash, ASCII control characters or DEL; we also refuse backslash because a managed
/// table's folder is named after its catalog and schema. Comparison is case-insensitive through a lower-case key.
/// </summary>
internal static class NameRules
{
    public const int MaxLength = 255;

    /// <summary>The lookup key of a name: its invariant lower case (names are case-insensitive).</summary>
    public static string Key(string name) => name.ToLowerInvariant();

    /// <summary>Spark's quoting of one name part: backticks, with a backtick inside doubled.</summary>
    public static string Quote(string part) => "`" + part.Replace("`", "``", StringComparison.Ordinal) + "`";

    /// <summary>Throws INVALID_SCHEMA_OR_RELATION_NAME unless <paramref name="name"/> is usable as a <paramref name="what"/> name.</summary>
    public static void Validate(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
            throw CatalogErrors.InvalidName(name ?? "", what, "it is empty");
        if (name.Length > MaxLength)
            throw CatalogErrors.InvalidName(name, what, $"it is {name.Length} characters long and the limit is {MaxLength}");
        foreach (var c in name)
        {
            if (c is '.' or ' ' or '/' or '\\' || c < ' ' || c == '\u007f')
                throw CatalogErrors.InvalidName(name, what, $"it contains {Describe(c)}");
        }
    }

    public static void Validate(SchemaName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Validate(name.Catalog, "catalog");
        Validate(name.Schema, "schema");
    }

    public static void Validate(TableName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Validate(name.Catalog, "catalog");
        Validate(name.Schema, "schema");
        Validate(name.Table, "table");
    }

    private static string Describe(char c) => c switch
    {
        '.' => "a period",
        ' ' => "a space",
        '/' => "a forward slash",
        '\\' => "a backslash",
        _ => $"the control character U+{(int)c:X4}",
    };
}
