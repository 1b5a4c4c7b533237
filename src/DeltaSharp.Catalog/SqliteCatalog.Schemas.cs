using DeltaSharp.Catalog.Storage;
using Microsoft.Data.Sqlite;

namespace DeltaSharp.Catalog;

// CREATE / SHOW / DROP SCHEMA.
public sealed partial class SqliteCatalog
{
    private const string SchemaColumns = "c.name, s.name, s.comment, s.created_at, s.created_by";

    public SchemaInfo CreateSchema(SchemaName name, string user, string? comment = null, bool ifNotExists = false)
    {
        NameRules.Validate(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return Write(tx =>
        {
            var catalog = FindCatalog(tx, name.Catalog) ?? throw CatalogErrors.CatalogNotFound(name.Catalog);
            if (FindSchema(tx, name) is { } existing)
                return ifNotExists ? existing : throw CatalogErrors.SchemaAlreadyExists(existing.Name);
            return InsertSchema(tx, catalog.Name, name.Schema, comment, user, NowTicks());
        });
    }

    public SchemaInfo? FindSchema(SchemaName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Read(tx => FindSchema(tx, name));
    }

    public IReadOnlyList<SchemaInfo> ListSchemas(string catalog, string? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var all = Read(tx =>
        {
            _ = FindCatalog(tx, catalog) ?? throw CatalogErrors.CatalogNotFound(catalog);
            return tx.Query(
                $"SELECT {SchemaColumns} FROM schemas s JOIN catalogs c ON c.name_key = s.catalog_key WHERE s.catalog_key = $c ORDER BY s.name_key;",
                ReadSchema, ("$c", NameRules.Key(catalog)));
        });
        return Filter(all, pattern, s => s.Name.Schema);
    }

    public IReadOnlyList<TableEntry> DropSchema(SchemaName name, string user, bool cascade = false, bool ifExists = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return Write<IReadOnlyList<TableEntry>>(tx =>
        {
            var schema = FindSchema(tx, name);
            if (schema is null)
                return ifExists ? [] : throw CatalogErrors.SchemaNotFound(name);
            var catalogKey = NameRules.Key(name.Catalog);
            var schemaKey = NameRules.Key(name.Schema);
            var live = LiveTablesIn(tx, catalogKey, schemaKey);
            if (live.Count > 0 && !cascade)
                throw CatalogErrors.SchemaNotEmpty(schema.Name);
            var dropped = MarkDropped(tx, live, user, NowTicks());
            tx.Execute("DELETE FROM schemas WHERE catalog_key = $c AND name_key = $s;", ("$c", catalogKey), ("$s", schemaKey));
            return dropped;
        });
    }

    private static SchemaInfo? FindSchema(SqliteTransaction tx, SchemaName name) => tx.QuerySingle(
        $"SELECT {SchemaColumns} FROM schemas s JOIN catalogs c ON c.name_key = s.catalog_key WHERE s.catalog_key = $c AND s.name_key = $s;",
        ReadSchema, ("$c", NameRules.Key(name.Catalog)), ("$s", NameRules.Key(name.Schema)));

    /// <summary>The schema, or CATALOG_NOT_FOUND / SCHEMA_NOT_FOUND (for statements that need the parent to exist).</summary>
    private static SchemaInfo RequireSchema(SqliteTransaction tx, SchemaName name)
    {
        if (FindSchema(tx, name) is { } schema) return schema;
        if (FindCatalog(tx, name.Catalog) is null) throw CatalogErrors.CatalogNotFound(name.Catalog);
        throw CatalogErrors.SchemaNotFound(name);
    }

    private static SchemaInfo InsertSchema(SqliteTransaction tx, string catalogName, string schema, string? comment, string user, long now)
    {
        tx.Execute(
            "INSERT INTO schemas (catalog_key, name_key, name, comment, created_at, created_by) VALUES ($c, $k, $n, $comment, $t, $u);",
            ("$c", NameRules.Key(catalogName)), ("$k", NameRules.Key(schema)), ("$n", schema), ("$comment", comment), ("$t", now), ("$u", user));
        return new SchemaInfo(new SchemaName(catalogName, schema), comment, SqliteCommands.Instant(now), user);
    }

    private static SchemaInfo ReadSchema(SqliteDataReader r) =>
        new(new SchemaName(r.GetString(0), r.GetString(1)), r.NullableString(2), SqliteCommands.Instant(r.GetInt64(3)), r.GetString(4));
}
