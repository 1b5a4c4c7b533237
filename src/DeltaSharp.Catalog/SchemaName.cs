namespace DeltaSharp.Catalog;

/// <summary>
/// A two-part schema name <c>catalog.schema</c>. Names compare case-insensitively (as Spark and Unity Catalog do) and
/// keep the spelling they were given. <see cref="ToString"/> gives Spark's quoted form <c>`main`.`default`</c>.
/// </summary>
public sealed record SchemaName(string Catalog, string Schema)
{
    /// <summary>The table <paramref name="table"/> in this schema.</summary>
    public TableName Table(string table) => new(Catalog, Schema, table);

    public bool Equals(SchemaName? other) =>
        other is not null
        && string.Equals(Catalog, other.Catalog, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Schema, other.Schema, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(Catalog), StringComparer.OrdinalIgnoreCase.GetHashCode(Schema));

    public override string ToString() => NameRules.Quote(Catalog) + "." + NameRules.Quote(Schema);
}
