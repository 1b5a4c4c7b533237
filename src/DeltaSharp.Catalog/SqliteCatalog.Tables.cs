using DeltaSharp.Catalog.Storage;
using Microsoft.Data.Sqlite;

namespace DeltaSharp.Catalog;

// CREATE / resolve / SHOW TABLES / RENAME / DROP TABLE.
public sealed partial class SqliteCatalog
{
    private const string TableColumns =
        "table_id, catalog_name, schema_name, name, kind, location, comment, properties, created_at, created_by, updated_at, dropped_at, dropped_by";

    private const string LiveByName =
        "catalog_key = $c AND schema_key = $s AND name_key = $n AND dropped_at IS NULL";

    public string ManagedLocation(SchemaName schema, Guid tableId)
    {
        NameRules.Validate(schema);
        return ResolveLocation(TableKind.Managed, RelativeManagedLocation(schema, tableId));
    }

    public TableEntry CreateTable(TableDefinition definition, string user)
    {
        if (!TryCreateTable(definition, user, out var existing))
            throw CatalogErrors.TableAlreadyExists(existing.Name);
        return existing;
    }

    public bool TryCreateTable(TableDefinition definition, string user, out TableEntry entry)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        NameRules.Validate(definition.Name);
        switch (definition.Kind)
        {
            case TableKind.Managed when definition.Location is not null:
                throw new ArgumentException("A managed table's location is chosen by the catalog: leave Location null, or register an external table.", nameof(definition));
            case TableKind.External when string.IsNullOrWhiteSpace(definition.Location):
                throw new ArgumentException("An external table needs a LOCATION.", nameof(definition));
            case TableKind.Managed or TableKind.External:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(definition), definition.Kind, "Unknown table kind.");
        }
        var properties = PropertiesJson.Write(definition.Properties);

        var (created, result) = Write(tx =>
        {
            var schema = RequireSchema(tx, definition.Name.SchemaName);
            if (FindLiveTable(tx, definition.Name) is { } taken) return (false, taken);

            var now = NowTicks();
            var id = definition.Id ?? Guid.CreateVersion7(SqliteCommands.Instant(now));
            if (tx.ScalarLong("SELECT count(*) FROM tables WHERE table_id = $id;", ("$id", IdText(id))) > 0)
                throw new ArgumentException($"The table id '{id:D}' is already used by another entry; ids are never reused.", nameof(definition));

            var stored = definition.Kind == TableKind.Managed
                ? RelativeManagedLocation(schema.Name, id)
                : definition.Location!;
            tx.Execute(
                """
                INSERT INTO tables (table_id, catalog_key, schema_key, name_key, catalog_name, schema_name, name, kind, location,
                                    comment, properties, created_at, created_by, updated_at)
                VALUES ($id, $c, $s, $n, $cn, $sn, $name, $kind, $loc, $comment, $props, $t, $u, $t);
                """,
                ("$id", IdText(id)), ("$c", NameRules.Key(schema.Name.Catalog)), ("$s", NameRules.Key(schema.Name.Schema)),
                ("$n", NameRules.Key(definition.Name.Table)), ("$cn", schema.Name.Catalog), ("$sn", schema.Name.Schema),
                ("$name", definition.Name.Table), ("$kind", KindText(definition.Kind)), ("$loc", stored),
                ("$comment", definition.Comment), ("$props", properties), ("$t", now), ("$u", user));
            return (true, FindTableById(tx, id)!);
        });
        entry = result;
        return created;
    }

    public TableEntry GetTable(TableName name) => FindTable(name) ?? throw CatalogErrors.TableNotFound(name);

    public TableEntry? FindTable(TableName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Read(tx => FindLiveTable(tx, name));
    }

    public TableEntry? FindTableById(Guid id) => Read(tx => FindTableById(tx, id));

    public IReadOnlyList<TableEntry> ListTables(SchemaName schema, string? pattern = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var all = Read(tx =>
        {
            RequireSchema(tx, schema);
            return tx.Query(
                $"SELECT {TableColumns} FROM tables WHERE catalog_key = $c AND schema_key = $s AND dropped_at IS NULL ORDER BY name_key, name;",
                ReadTable, ("$c", NameRules.Key(schema.Catalog)), ("$s", NameRules.Key(schema.Schema)));
        });
        return Filter(all, pattern, t => t.Name.Table);
    }

    public TableEntry RenameTable(TableName from, TableName to)
    {
        ArgumentNullException.ThrowIfNull(from);
        NameRules.Validate(to);
        if (!from.SchemaName.Equals(to.SchemaName))
            throw CatalogErrors.RenameAcrossSchema(from, to);
        return Write(tx =>
        {
            var current = FindLiveTable(tx, from) ?? throw CatalogErrors.TableNotFound(from);
            var sameKey = NameRules.Key(from.Table) == NameRules.Key(to.Table);
            if (!sameKey && FindLiveTable(tx, to) is not null)
                throw CatalogErrors.RenameTargetExists(current.Name, to);
            tx.Execute(
                "UPDATE tables SET name = $name, name_key = $n, updated_at = $t WHERE table_id = $id;",
                ("$name", to.Table), ("$n", NameRules.Key(to.Table)), ("$t", NowTicks()), ("$id", IdText(current.Id)));
            return FindTableById(tx, current.Id)!;
        });
    }

    public TableEntry SetTableComment(Guid id, string? comment) => Write(tx =>
    {
        var current = FindTableById(tx, id) ?? throw CatalogErrors.TableIdNotFound(id);
        tx.Execute("UPDATE tables SET comment = $comment, updated_at = $t WHERE table_id = $id;",
            ("$comment", comment), ("$t", NowTicks()), ("$id", IdText(current.Id)));
        return FindTableById(tx, id)!;
    });

    public TableEntry SetTableProperties(Guid id, IReadOnlyDictionary<string, string> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var json = PropertiesJson.Write(properties);
        return Write(tx =>
        {
            var current = FindTableById(tx, id) ?? throw CatalogErrors.TableIdNotFound(id);
            tx.Execute("UPDATE tables SET properties = $props, updated_at = $t WHERE table_id = $id;",
                ("$props", json), ("$t", NowTicks()), ("$id", IdText(current.Id)));
            return FindTableById(tx, id)!;
        });
    }

    public TableEntry? DropTable(TableName name, string user, bool ifExists = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return Write<TableEntry?>(tx =>
        {
            var live = FindLiveTable(tx, name);
            if (live is null)
                return ifExists ? null : throw CatalogErrors.TableNotFound(name);
            return MarkDropped(tx, [live], user, NowTicks())[0];
        });
    }

    private TableEntry? FindLiveTable(SqliteTransaction tx, TableName name) => tx.QuerySingle(
        $"SELECT {TableColumns} FROM tables WHERE {LiveByName};", ReadTable,
        ("$c", NameRules.Key(name.Catalog)), ("$s", NameRules.Key(name.Schema)), ("$n", NameRules.Key(name.Table)));

    private TableEntry? FindTableById(SqliteTransaction tx, Guid id) =>
        tx.QuerySingle($"SELECT {TableColumns} FROM tables WHERE table_id = $id;", ReadTable, ("$id", IdText(id)));

    /// <summary>The live tables of a catalog, or of one schema when <paramref name="schemaKey"/> is given.</summary>
    private List<TableEntry> LiveTablesIn(SqliteTransaction tx, string catalogKey, string? schemaKey) => tx.Query(
        $"SELECT {TableColumns} FROM tables WHERE catalog_key = $c AND ($s IS NULL OR schema_key = $s) AND dropped_at IS NULL ORDER BY schema_key, name_key;",
        ReadTable, ("$c", catalogKey), ("$s", schemaKey));

    /// <summary>Marks live entries dropped by <paramref name="user"/> at <paramref name="now"/>; returns them as dropped.</summary>
    private static List<TableEntry> MarkDropped(SqliteTransaction tx, List<TableEntry> live, string user, long now)
    {
        var at = SqliteCommands.Instant(now);
        foreach (var table in live)
            tx.Execute(
                """
                UPDATE tables SET dropped_at = $t, dropped_by = $u, updated_at = $t,
                                  drop_seq = (SELECT coalesce(max(drop_seq), 0) + 1 FROM tables)
                WHERE table_id = $id;
                """,
                ("$t", now), ("$u", user), ("$id", IdText(table.Id)));
        return live.ConvertAll(t => t with { DroppedAt = at, DroppedBy = user, UpdatedAt = at });
    }

    private TableEntry ReadTable(SqliteDataReader r)
    {
        var kind = ParseKind(r.GetString(4));
        return new TableEntry
        {
            Id = Guid.Parse(r.GetString(0)),
            Name = new TableName(r.GetString(1), r.GetString(2), r.GetString(3)),
            Kind = kind,
            Location = ResolveLocation(kind, r.GetString(5)),
            Comment = r.NullableString(6),
            Properties = PropertiesJson.Read(r.GetString(7)),
            CreatedAt = SqliteCommands.Instant(r.GetInt64(8)),
            CreatedBy = r.GetString(9),
            UpdatedAt = SqliteCommands.Instant(r.GetInt64(10)),
            DroppedAt = r.NullableLong(11) is { } dropped ? SqliteCommands.Instant(dropped) : null,
            DroppedBy = r.NullableString(12),
        };
    }

    // ARCHITECTURE.md: managed tables live under <warehouse>/<catalog>/<schema>/tables/<table-id>/. Stored relative
    // (with '/') so the warehouse folder can move; the lower-case keys keep one folder per case-insensitive name.
    private static string RelativeManagedLocation(SchemaName schema, Guid id) =>
        $"{NameRules.Key(schema.Catalog)}/{NameRules.Key(schema.Schema)}/tables/{IdText(id)}";

    private string ResolveLocation(TableKind kind, string stored) => kind == TableKind.Managed
        ? Path.Combine(WarehousePath, stored.Replace('/', Path.DirectorySeparatorChar))
        : stored;

    private static string IdText(Guid id) => id.ToString("D");

    private static string KindText(TableKind kind) => kind == TableKind.Managed ? "MANAGED" : "EXTERNAL";

    private static TableKind ParseKind(string text) => text == "MANAGED" ? TableKind.Managed : TableKind.External;
}
