namespace DeltaSharp.Sql.Catalog;

/// <summary>
/// A table as named in a statement: a catalog name (<c>t</c>, <c>schema.t</c>, <c>catalog.schema.t</c>; parts as
/// written, unquoted) or a file path with a format (<c>delta.`/data/t`</c>, <c>parquet.`/data/f.parquet`</c>).
/// Immutable. Catalog names compare case-insensitively, as Spark's; paths compare exactly.
/// </summary>
public sealed class TableIdentifier : IEquatable<TableIdentifier>
{
    private TableIdentifier(IReadOnlyList<string> parts, string? format, string? path)
    {
        Parts = parts;
        Format = format;
        Path = path;
    }

    /// <summary>The name parts of a catalog table; empty for a path table.</summary>
    public IReadOnlyList<string> Parts { get; }

    /// <summary>Lower-case format of a path table (<c>delta</c>, <c>parquet</c>); null for a catalog table.</summary>
    public string? Format { get; }

    /// <summary>The path of a path table; null for a catalog table.</summary>
    public string? Path { get; }

    public bool IsPath => Path is not null;

    /// <summary>The last name part (the table's own name), or the path.</summary>
    public string Name => Path ?? Parts[^1];

    public static TableIdentifier Named(params IReadOnlyList<string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0) throw new ArgumentException("A table name needs at least one part.", nameof(parts));
        return new TableIdentifier(parts.ToArray(), null, null);
    }

    public static TableIdentifier ForPath(string format, string path)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(path);
        return new TableIdentifier([], format.ToLowerInvariant(), path);
    }

    /// <summary><c>a.b.t</c> (parts quoted with backquotes when they need it) or <c>delta.`/path`</c>.</summary>
    public override string ToString() =>
        Path is not null ? $"{Format}.`{Path}`" : string.Join('.', Parts.Select(QuoteIfNeeded));

    private static string QuoteIfNeeded(string part)
    {
        var plain = part.Length > 0 && (char.IsAsciiLetter(part[0]) || part[0] == '_');
        foreach (var c in part) plain &= char.IsAsciiLetterOrDigit(c) || c == '_';
        return plain ? part : "`" + part.Replace("`", "``", StringComparison.Ordinal) + "`";
    }

    public bool Equals(TableIdentifier? other)
    {
        if (other is null) return false;
        if (IsPath || other.IsPath) return other.Format == Format && other.Path == Path;
        if (other.Parts.Count != Parts.Count) return false;
        for (var i = 0; i < Parts.Count; i++)
            if (!string.Equals(Parts[i], other.Parts[i], StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is TableIdentifier t && Equals(t);

    public override int GetHashCode()
    {
        if (IsPath) return HashCode.Combine(Format, Path);
        var h = new HashCode();
        foreach (var p in Parts) h.Add(p, StringComparer.OrdinalIgnoreCase);
        return h.ToHashCode();
    }
}
