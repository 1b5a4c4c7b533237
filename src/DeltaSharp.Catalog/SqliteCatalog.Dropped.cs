using DeltaSharp.Catalog.Storage;
using Microsoft.Data.Sqlite;

namespace DeltaSharp.Catalog;

// SHOW TABLES DROPPED / UNDROP TABLE / purge after the retention.
public sealed partial class SqliteCatalog
{
    public IReadOnlyList<TableEntry> ListDroppedTables(SchemaName schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return Read(tx =>
        {
            RequireSchema(tx, schema);
            return tx.Query(
                $"""
                SELECT {TableColumns} FROM tables
                WHERE catalog_key = $c AND schema_key = $s AND dropped_at IS NOT NULL AND dropped_at > $cutoff
                ORDER BY drop_seq DESC;
                """,
                ReadTable, ("$c", NameRules.Key(schema.Catalog)), ("$s", NameRules.Key(schema.Schema)),
                ("$cutoff", RetentionCutoff(NowTicks())));
        });
    }

    public TableEntry UndropTable(TableName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Write(tx =>
        {
            RequireSchema(tx, name.SchemaName);
            var now = NowTicks();
            // The most recent drop of the name; if even that one is past the retention, all older ones are too.
            var latest = tx.QuerySingle(
                $"""
                SELECT {TableColumns} FROM tables
                WHERE catalog_key = $c AND schema_key = $s AND name_key = $n AND dropped_at IS NOT NULL
                ORDER BY drop_seq DESC LIMIT 1;
                """,
                ReadTable, ("$c", NameRules.Key(name.Catalog)), ("$s", NameRules.Key(name.Schema)), ("$n", NameRules.Key(name.Table)));
            if (latest is null)
                throw CatalogErrors.NothingToUndrop(name, DropRetention, expiredDropAt: null);
            if (!IsRecoverable(latest, now))
                throw CatalogErrors.NothingToUndrop(latest.Name, DropRetention, latest.DroppedAt);
            return Restore(tx, latest, now);
        });
    }

    public TableEntry UndropTable(Guid tableId) => Write(tx =>
    {
        var now = NowTicks();
        var entry = FindTableById(tx, tableId);
        if (entry is null || !entry.IsDropped)
            throw CatalogErrors.NothingToUndropById(tableId, DropRetention, expiredDropAt: null, isLive: entry is not null);
        if (!IsRecoverable(entry, now))
            throw CatalogErrors.NothingToUndropById(tableId, DropRetention, entry.DroppedAt, isLive: false);
        RequireSchema(tx, entry.Name.SchemaName);
        return Restore(tx, entry, now);
    });

    public IReadOnlyList<TableEntry> ListExpiredDroppedTables() => Read(tx => ExpiredDroppedTables(tx, NowTicks()));

    public IReadOnlyList<TableEntry> PurgeExpiredDroppedTables() => Write(tx =>
    {
        var expired = ExpiredDroppedTables(tx, NowTicks());
        foreach (var entry in expired)
            tx.Execute("DELETE FROM tables WHERE table_id = $id;", ("$id", IdText(entry.Id)));
        return expired;
    });

    public bool DeleteTableEntry(Guid tableId) =>
        Write(tx => tx.Execute("DELETE FROM tables WHERE table_id = $id;", ("$id", IdText(tableId))) > 0);

    // Recoverable while now < dropped_at + retention; at that instant and after, a purge may remove it.
    private bool IsRecoverable(TableEntry dropped, long now) =>
        dropped.DroppedAt!.Value.UtcTicks > RetentionCutoff(now);

    private List<TableEntry> ExpiredDroppedTables(SqliteTransaction tx, long now) => tx.Query(
        $"SELECT {TableColumns} FROM tables WHERE dropped_at IS NOT NULL AND dropped_at <= $cutoff ORDER BY drop_seq;",
        ReadTable, ("$cutoff", RetentionCutoff(now)));

    /// <summary>Brings a dropped entry back under its name, unless a live table has taken the name since.</summary>
    private TableEntry Restore(SqliteTransaction tx, TableEntry dropped, long now)
    {
        if (FindLiveTable(tx, dropped.Name) is not null)
            throw CatalogErrors.UndropNameTaken(dropped.Name, dropped.Id);
        tx.Execute("UPDATE tables SET dropped_at = NULL, dropped_by = NULL, drop_seq = NULL, updated_at = $t WHERE table_id = $id;",
            ("$t", now), ("$id", IdText(dropped.Id)));
        return FindTableById(tx, dropped.Id)!;
    }
}
