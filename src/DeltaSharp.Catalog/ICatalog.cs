namespace DeltaSharp.Catalog;

/// <summary>
/// The catalog room: catalogs, schemas and tables by name → stable table id and location; DROP that keeps a table
/// recoverable for <see cref="DropRetention"/>, UNDROP, purge of expired dropped tables, and clone lineage. It does
/// no file IO beyond its own store: the Engine writes and deletes table folders.
/// <para>Names are case-insensitive and kept as given. <c>USE CATALOG</c>/<c>USE SCHEMA</c> are the Engine's session
/// state: every name here is fully qualified. IF [NOT] EXISTS and OR REPLACE are the caller's, except where a method
/// takes the flag so that the check and the change are one atomic step.</para>
/// <para>Implementations are safe to share between threads, and (for <see cref="SqliteCatalog"/>) between processes
/// using the same warehouse: every change is one transaction.</para>
/// </summary>
public interface ICatalog
{
    /// <summary>The warehouse folder (absolute) under which managed tables live.</summary>
    string WarehousePath { get; }

    /// <summary>The catalog a new warehouse starts with, for the Engine's initial <c>current_catalog()</c>.</summary>
    string DefaultCatalog { get; }

    /// <summary>The schema every catalog starts with, for the Engine's initial <c>current_schema()</c>.</summary>
    string DefaultSchema { get; }

    /// <summary>How long a dropped table stays recoverable.</summary>
    TimeSpan DropRetention { get; }

    // ---- catalogs ----

    /// <summary>CREATE CATALOG [IF NOT EXISTS]: the catalog with an empty default schema. With
    /// <paramref name="ifNotExists"/> an existing catalog is returned unchanged; otherwise CATALOG_ALREADY_EXISTS.</summary>
    CatalogInfo CreateCatalog(string name, string user, string? comment = null, bool ifNotExists = false);

    /// <summary>The catalog, or null.</summary>
    CatalogInfo? FindCatalog(string name);

    /// <summary>SHOW CATALOGS [LIKE pattern] (<see cref="NamePattern"/>), by name.</summary>
    IReadOnlyList<CatalogInfo> ListCatalogs(string? pattern = null);

    /// <summary>DROP CATALOG [IF EXISTS] name [RESTRICT | CASCADE]. RESTRICT (the default) fails with
    /// CATALOG_NOT_EMPTY while the catalog has a live table or a schema other than <see cref="DefaultSchema"/>;
    /// CASCADE drops its live tables (recoverable once the catalog and schema exist again). Returns the tables it
    /// dropped; CATALOG_NOT_FOUND unless <paramref name="ifExists"/>.</summary>
    IReadOnlyList<TableEntry> DropCatalog(string name, string user, bool cascade = false, bool ifExists = false);

    // ---- schemas ----

    /// <summary>CREATE SCHEMA [IF NOT EXISTS]. CATALOG_NOT_FOUND, or SCHEMA_ALREADY_EXISTS unless
    /// <paramref name="ifNotExists"/> (then the existing schema is returned).</summary>
    SchemaInfo CreateSchema(SchemaName name, string user, string? comment = null, bool ifNotExists = false);

    /// <summary>The schema, or null (also when its catalog does not exist).</summary>
    SchemaInfo? FindSchema(SchemaName name);

    /// <summary>SHOW SCHEMAS IN catalog [LIKE pattern], by name. CATALOG_NOT_FOUND.</summary>
    IReadOnlyList<SchemaInfo> ListSchemas(string catalog, string? pattern = null);

    /// <summary>DROP SCHEMA [IF EXISTS] name [RESTRICT | CASCADE]. RESTRICT fails with SCHEMA_NOT_EMPTY while a live
    /// table is in it; CASCADE drops those tables. Returns the tables it dropped; SCHEMA_NOT_FOUND unless
    /// <paramref name="ifExists"/>.</summary>
    IReadOnlyList<TableEntry> DropSchema(SchemaName name, string user, bool cascade = false, bool ifExists = false);

    // ---- tables ----

    /// <summary>The folder a managed table with id <paramref name="tableId"/> in <paramref name="schema"/> has:
    /// <c>&lt;warehouse&gt;/&lt;catalog&gt;/&lt;schema&gt;/tables/&lt;table-id&gt;</c> (catalog and schema in lower case).</summary>
    string ManagedLocation(SchemaName schema, Guid tableId);

    /// <summary>Registers a table under a free name. CATALOG_NOT_FOUND, SCHEMA_NOT_FOUND,
    /// TABLE_OR_VIEW_ALREADY_EXISTS (a live table has the name; dropped ones do not count).</summary>
    TableEntry CreateTable(TableDefinition definition, string user);

    /// <summary>As <see cref="CreateTable"/>, but a taken name returns false with the live table that has it, in
    /// the same transaction (CREATE TABLE IF NOT EXISTS without a race).</summary>
    bool TryCreateTable(TableDefinition definition, string user, out TableEntry entry);

    /// <summary>The live table with this name. TABLE_OR_VIEW_NOT_FOUND.</summary>
    TableEntry GetTable(TableName name);

    /// <summary>The live table with this name, or null.</summary>
    TableEntry? FindTable(TableName name);

    /// <summary>The entry with this id, live or dropped (not yet purged), or null.</summary>
    TableEntry? FindTableById(Guid id);

    /// <summary>SHOW TABLES IN schema [LIKE pattern]: the live tables, by name. SCHEMA_NOT_FOUND.</summary>
    IReadOnlyList<TableEntry> ListTables(SchemaName schema, string? pattern = null);

    /// <summary>ALTER TABLE from RENAME TO to, within one schema (a change of case only is allowed). The id and
    /// location stay. TABLE_OR_VIEW_NOT_FOUND, TABLE_OR_VIEW_ALREADY_EXISTS, CANNOT_RENAME_ACROSS_SCHEMA.</summary>
    TableEntry RenameTable(TableName from, TableName to);

    /// <summary>COMMENT ON TABLE / ALTER TABLE … SET COMMENT: sets (or with null clears) the entry's comment.</summary>
    TableEntry SetTableComment(Guid id, string? comment);

    /// <summary>Replaces the entry's properties snapshot (after ALTER TABLE SET/UNSET TBLPROPERTIES).</summary>
    TableEntry SetTableProperties(Guid id, IReadOnlyDictionary<string, string> properties);

    /// <summary>DROP TABLE [IF EXISTS]: marks the live table dropped (who and when) and frees its name; the entry and
    /// the files stay until a purge after <see cref="DropRetention"/>. Returns the dropped entry, or null when
    /// <paramref name="ifExists"/> and there is no such table; TABLE_OR_VIEW_NOT_FOUND otherwise.</summary>
    TableEntry? DropTable(TableName name, string user, bool ifExists = false);

    // ---- dropped tables ----

    /// <summary>SHOW TABLES DROPPED IN schema: dropped tables still recoverable, most recently dropped first, each with
    /// its id. SCHEMA_NOT_FOUND.</summary>
    IReadOnlyList<TableEntry> ListDroppedTables(SchemaName schema);

    /// <summary>UNDROP TABLE name: restores the most recently dropped table of that name if it was dropped within the
    /// retention. SCHEMA_NOT_FOUND (the parent must exist), TABLE_OR_VIEW_NOT_FOUND (nothing recoverable),
    /// TABLE_OR_VIEW_ALREADY_EXISTS (the name was taken again: rename that table first).</summary>
    TableEntry UndropTable(TableName name);

    /// <summary>UNDROP TABLE WITH ID 'id': as <see cref="UndropTable(TableName)"/> for one dropped entry.</summary>
    TableEntry UndropTable(Guid tableId);

    /// <summary>Dropped tables whose retention has passed, oldest drop first: the Engine deletes each managed one's
    /// folder, then calls <see cref="DeleteTableEntry"/> (a crash in between leaves an entry to purge again, never a
    /// recoverable table without files).</summary>
    IReadOnlyList<TableEntry> ListExpiredDroppedTables();

    /// <summary>Removes every dropped entry whose retention has passed, in one transaction, and returns them so that
    /// the Engine deletes the managed folders (<see cref="TableEntry.Location"/>; never an external one).</summary>
    IReadOnlyList<TableEntry> PurgeExpiredDroppedTables();

    /// <summary>Removes the entry (live or dropped) and its clone edges at once, without retention: for a purge of one
    /// table, or to undo a CREATE whose first commit failed. False when there is no such entry.</summary>
    bool DeleteTableEntry(Guid tableId);

    // ---- clone lineage ----

    /// <summary>Records that <paramref name="targetId"/> was cloned from <paramref name="sourceId"/> at
    /// <paramref name="sourceVersion"/>. Both entries must exist (live or dropped): TABLE_OR_VIEW_NOT_FOUND.</summary>
    CloneEdge RecordClone(Guid targetId, Guid sourceId, long sourceVersion, CloneKind kind, string user);

    /// <summary>The clones made from <paramref name="sourceId"/>, oldest first, including dropped (still recoverable)
    /// ones. With <paramref name="transitive"/>, also clones of those clones, following edges of
    /// <paramref name="kind"/> only: <c>ListClonesOf(x, CloneKind.Shallow, transitive: true)</c> is every table whose
    /// log may point at x's files, which VACUUM of x must keep.</summary>
    IReadOnlyList<CloneEdge> ListClonesOf(Guid sourceId, CloneKind? kind = null, bool transitive = false);

    /// <summary>The clone operations that made <paramref name="targetId"/> (several after CREATE OR REPLACE … CLONE),
    /// oldest first.</summary>
    IReadOnlyList<CloneEdge> ListCloneSources(Guid targetId);
}
