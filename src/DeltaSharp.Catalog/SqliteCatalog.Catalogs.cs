using DeltaSharp.Catalog.Storage;
using Microsoft.Data.Sqlite;

namespace DeltaSharp.Catalog;

// CREATE / SHOW / DROP CATALOG.
public sealed partial class SqliteCatalog
{
    private const string CatalogColumns = "name, comment, created_at, created_by";

    public CatalogInfo CreateCatalog(string name, string user, string? comment = null, bool ifNotExists = false)
    {
        NameRules.Validate(name, "catalog");
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return Write(tx =>
        {
            if (FindCatalog(tx, name) is { } existing)
                return ifNotExists ? existing : throw CatalogErrors.CatalogAlreadyExists(existing.Name);
            return InsertCatalog(tx, name, comment, user, NowTicks());
        });
    }

    public CatalogInfo? FindCatalog(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Read(tx => FindCatalog(tx, name));
    }

    public IReadOnlyList<CatalogInfo> ListCatalogs(string? pattern = null)
    {
        var all = Read(tx => tx.Query($"SELECT {CatalogColumns} FROM catalogs ORDER BY name_key;", ReadCatalog));
        return Filter(all, pattern, c => c.Name);
    }

    public IReadOnlyList<TableEntry> DropCatalog(string name, string user, bool cascade = false, bool ifExists = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return Write<IReadOnlyList<TableEntry>>(tx =>
        {
            var catalog = FindCatalog(tx, name);
            if (catalog is null)
                return ifExists ? [] : throw CatalogErrors.CatalogNotFound(name);
            var key = NameRules.Key(name);
            var live = LiveTablesIn(tx, key, schemaKey: null);
            if (!cascade)
            {
                // Unity Catalog: an empty `default` schema does not make a catalog non-empty.
                var otherSchemas = (int)tx.ScalarLong(
                    "SELECT count(*) FROM schemas WHERE catalog_key = $c AND name_key <> $d;",
                    ("$c", key), ("$d", NameRules.Key(_options.DefaultSchema)));
                if (otherSchemas > 0 || live.Count > 0)
                    throw CatalogErrors.CatalogNotEmpty(catalog.Name, otherSchemas, live.Count);
            }
            var dropped = MarkDropped(tx, live, user, NowTicks());
            tx.Execute("DELETE FROM schemas WHERE catalog_key = $c;", ("$c", key));
            tx.Execute("DELETE FROM catalogs WHERE name_key = $c;", ("$c", key));
            return dropped;
        });
    }

    private static CatalogInfo? FindCatalog(SqliteTransaction tx, string name) =>
        tx.QuerySingle($"SELECT {CatalogColumns} FROM catalogs WHERE name_key = $k;", ReadCatalog, ("$k", NameRules.Key(name)));

    /// <summary>Inserts a catalog and its empty default schema.</summary>
    private CatalogInfo InsertCatalog(SqliteTransaction tx, string name, string? comment, string user, long now)
    {
        tx.Execute(
            "INSERT INTO catalogs (name_key, name, comment, created_at, created_by) VALUES ($k, $n, $comment, $t, $u);",
            ("$k", NameRules.Key(name)), ("$n", name), ("$comment", comment), ("$t", now), ("$u", user));
        InsertSchema(tx, name, _options.DefaultSchema, null, user, now);
        return new CatalogInfo(name, comment, SqliteCommands.Instant(now), user);
    }

    private static CatalogInfo ReadCatalog(SqliteDataReader r) =>
        new(r.GetString(0), r.NullableString(1), SqliteCommands.Instant(r.GetInt64(2)), r.GetString(3));

    /// <summary>SHOW … LIKE: keeps the rows whose name matches <paramref name="pattern"/> (all when null).</summary>
    private static IReadOnlyList<T> Filter<T>(List<T> rows, string? pattern, Func<T, string> nameOf)
    {
        if (pattern is null) return rows;
        var compiled = NamePattern.Parse(pattern);
        return rows.Where(r => compiled.Matches(nameOf(r))).ToList();
    }
}
