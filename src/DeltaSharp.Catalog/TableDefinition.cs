namespace DeltaSharp.Catalog;

/// <summary>
/// What <see cref="ICatalog.CreateTable"/> registers. A managed table gets its location from the catalog; an external
/// table must name one. Immutable.
/// </summary>
public sealed record TableDefinition
{
    public required TableName Name { get; init; }

    public TableKind Kind { get; init; } = TableKind.Managed;

    /// <summary>The LOCATION of an external table, stored as given (an absolute path or URI). Must be null for a
    /// managed table.</summary>
    public string? Location { get; init; }

    public string? Comment { get; init; }

    /// <summary>A snapshot of table properties to keep with the entry; null for none.</summary>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }

    /// <summary>The id to use, when the caller needs it before the entry exists (e.g. to write the Delta log first at
    /// <see cref="ICatalog.ManagedLocation"/>); null lets the catalog make a version-7 GUID.</summary>
    public Guid? Id { get; init; }

    /// <summary>A managed table named <paramref name="name"/>.</summary>
    public static TableDefinition Managed(TableName name) => new() { Name = name };

    /// <summary>An external table named <paramref name="name"/> whose files are at <paramref name="location"/>.</summary>
    public static TableDefinition External(TableName name, string location) =>
        new() { Name = name, Kind = TableKind.External, Location = location };
}
