namespace DeltaSharp.Catalog.Storage;

/// <summary>
/// The tables of the catalog database (docs/decisions/0003-catalog.md explains each column). The version lives in
/// <c>PRAGMA user_version</c>; a later layout adds a migration step from the version before it.
/// </summary>
internal static class CatalogStoreSchema
{
    /// <summary>The layout this code reads and writes.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Our table names: a file with user_version 0 holding any other table is not a catalog database.</summary>
    public static readonly string[] TableNames = ["catalogs", "schemas", "tables", "clones"];

    // Times are UTC ticks (exact round trip of TimeProvider values). drop_seq orders drops exactly ("the most recently
    // dropped"), also when two drops share a timestamp or the clock stepped back. Names are stored as given beside a lower-case
    // *_key used for lookups and uniqueness. A managed table's location is stored relative to the warehouse so that a
    // warehouse folder can be moved or copied whole.
    public const string CreateVersion1 = """
        CREATE TABLE catalogs (
            name_key    TEXT    NOT NULL PRIMARY KEY,
            name        TEXT    NOT NULL,
            comment     TEXT,
            created_at  INTEGER NOT NULL,
            created_by  TEXT    NOT NULL
        );
        CREATE TABLE schemas (
            catalog_key TEXT    NOT NULL REFERENCES catalogs (name_key),
            name_key    TEXT    NOT NULL,
            name        TEXT    NOT NULL,
            comment     TEXT,
            created_at  INTEGER NOT NULL,
            created_by  TEXT    NOT NULL,
            PRIMARY KEY (catalog_key, name_key)
        );
        CREATE TABLE tables (
            table_id     TEXT    NOT NULL PRIMARY KEY,
            catalog_key  TEXT    NOT NULL,
            schema_key   TEXT    NOT NULL,
            name_key     TEXT    NOT NULL,
            catalog_name TEXT    NOT NULL,
            schema_name  TEXT    NOT NULL,
            name         TEXT    NOT NULL,
            kind         TEXT    NOT NULL CHECK (kind IN ('MANAGED', 'EXTERNAL')),
            location     TEXT    NOT NULL,
            comment      TEXT,
            properties   TEXT    NOT NULL DEFAULT '{}',
            created_at   INTEGER NOT NULL,
            created_by   TEXT    NOT NULL,
            updated_at   INTEGER NOT NULL,
            dropped_at   INTEGER,
            dropped_by   TEXT,
            drop_seq     INTEGER,
            CHECK ((dropped_at IS NULL) = (dropped_by IS NULL) AND (dropped_at IS NULL) = (drop_seq IS NULL))
        );
        -- One live table per name: two processes creating the same name cannot both commit.
        CREATE UNIQUE INDEX tables_live_name ON tables (catalog_key, schema_key, name_key) WHERE dropped_at IS NULL;
        CREATE INDEX tables_dropped ON tables (catalog_key, schema_key, name_key, drop_seq) WHERE dropped_at IS NOT NULL;
        CREATE INDEX tables_drop_time ON tables (dropped_at) WHERE dropped_at IS NOT NULL;
        CREATE INDEX tables_drop_seq ON tables (drop_seq);
        CREATE TABLE clones (
            target_id      TEXT    NOT NULL REFERENCES tables (table_id) ON DELETE CASCADE,
            source_id      TEXT    NOT NULL,
            source_version INTEGER NOT NULL CHECK (source_version >= 0),
            kind           TEXT    NOT NULL CHECK (kind IN ('SHALLOW', 'DEEP')),
            created_at     INTEGER NOT NULL,
            created_by     TEXT    NOT NULL
        );
        CREATE INDEX clones_by_source ON clones (source_id, kind);
        CREATE INDEX clones_by_target ON clones (target_id);
        """;
}
