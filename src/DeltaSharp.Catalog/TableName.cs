namespace DeltaSharp.Catalog;

/// <summary>
/// A fully qualified table name <c>catalog.schema.table</c> (the Engine qualifies a name with the session's current
/// catalog and schema before it asks the catalog). Names compare case-insensitively (as Spark and Unity Catalog do)
/// and keep the spelling they were given. <see cref="ToString"/> gives Spark's quoted form
/// <c>`main`.`default`.`member_claims_prod`</c>.
/// </summary>
public sealed record TableName(string Catalog, string Schema, string Table)
{
    /// <summary>The schema that holds the table.</summary>
    public SchemaName SchemaName => new(Catalog, Schema);

    public bool Equals(TableName? other) =>
        other is not null
        && string.Equals(Catalog, other.Catalog, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Schema, other.Schema, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Table, other.Table, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => HashCode.Combine(
        StringComparer.OrdinalIgnoreCase.GetHashCode(Catalog),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Schema),
        StringComparer.OrdinalIgnoreCase.GetHashCode(Table));

    public override string ToString() => NameRules.Quote(Catalog) + "." + NameRules.Quote(Schema) + "." + NameRules.Quote(Table);
}
