namespace DeltaSharp.Catalog;

/// <summary>
/// A table's catalog entry: the stable id its files are keyed by, its current name, who owns its files and where they
/// are. A dropped entry keeps its name and location until it is purged; <see cref="DroppedAt"/> says it is dropped.
/// Immutable; the catalog hands out a new value for every change.
/// </summary>
public sealed record TableEntry
{
    /// <summary>The stable id (a version-7 GUID unless the caller chose one). Never reused.</summary>
    public required Guid Id { get; init; }

    /// <summary>The name; catalog and schema as they were created, the table as it was given.</summary>
    public required TableName Name { get; init; }

    public required TableKind Kind { get; init; }

    /// <summary>The table's root folder (absolute): for a managed table
    /// <c>&lt;warehouse&gt;/&lt;catalog&gt;/&lt;schema&gt;/tables/&lt;id&gt;</c>, for an external one the LOCATION given.</summary>
    public required string Location { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>When the entry last changed (created, renamed, comment or properties set, dropped, undropped).</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>COMMENT, or null.</summary>
    public string? Comment { get; init; }

    /// <summary>A snapshot of the table's properties the caller chose to keep here (e.g. for SHOW TABLES or a catalog
    /// explorer); the Delta log stays the source of truth. Empty when none were given.</summary>
    public required IReadOnlyDictionary<string, string> Properties { get; init; }

    /// <summary>When the table was dropped, or null while it is live.</summary>
    public DateTimeOffset? DroppedAt { get; init; }

    /// <summary>Who dropped it, or null while it is live.</summary>
    public string? DroppedBy { get; init; }

    public bool IsDropped => DroppedAt is not null;

    /// <summary>Value equality, with <see cref="Properties"/> compared by content.</summary>
    public bool Equals(TableEntry? other) =>
        other is not null
        && Id == other.Id
        && Name.Equals(other.Name)
        && string.Equals(Name.Catalog, other.Name.Catalog, StringComparison.Ordinal)
        && string.Equals(Name.Schema, other.Name.Schema, StringComparison.Ordinal)
        && string.Equals(Name.Table, other.Name.Table, StringComparison.Ordinal)
        && Kind == other.Kind
        && string.Equals(Location, other.Location, StringComparison.Ordinal)
        && CreatedAt == other.CreatedAt
        && string.Equals(CreatedBy, other.CreatedBy, StringComparison.Ordinal)
        && UpdatedAt == other.UpdatedAt
        && string.Equals(Comment, other.Comment, StringComparison.Ordinal)
        && DroppedAt == other.DroppedAt
        && string.Equals(DroppedBy, other.DroppedBy, StringComparison.Ordinal)
        && SameProperties(Properties, other.Properties);

    public override int GetHashCode() => HashCode.Combine(Id, Name, UpdatedAt, DroppedAt);

    private static bool SameProperties(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.Count != b.Count) return false;
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !string.Equals(value, other, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
