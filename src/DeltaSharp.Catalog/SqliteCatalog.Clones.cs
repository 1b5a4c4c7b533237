using DeltaSharp.Catalog.Storage;
using Microsoft.Data.Sqlite;

namespace DeltaSharp.Catalog;

// Clone lineage: which tables were cloned from which, so VACUUM can keep files a shallow clone still points at.
public sealed partial class SqliteCatalog
{
    private const string CloneColumns = "c.target_id, c.source_id, c.source_version, c.kind, c.created_at, c.created_by";

    public CloneEdge RecordClone(Guid targetId, Guid sourceId, long sourceVersion, CloneKind kind, string user)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sourceVersion);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (kind is not (CloneKind.Shallow or CloneKind.Deep))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown clone kind.");
        if (targetId == sourceId)
            throw new ArgumentException("A table cannot be a clone of itself.", nameof(targetId));
        return Write(tx =>
        {
            _ = FindTableById(tx, targetId) ?? throw CatalogErrors.TableIdNotFound(targetId);
            _ = FindTableById(tx, sourceId) ?? throw CatalogErrors.TableIdNotFound(sourceId);
            var now = NowTicks();
            tx.Execute(
                "INSERT INTO clones (target_id, source_id, source_version, kind, created_at, created_by) VALUES ($t, $s, $v, $k, $at, $u);",
                ("$t", IdText(targetId)), ("$s", IdText(sourceId)), ("$v", sourceVersion), ("$k", CloneKindText(kind)),
                ("$at", now), ("$u", user));
            return new CloneEdge(targetId, sourceId, sourceVersion, kind, SqliteCommands.Instant(now), user);
        });
    }

    public IReadOnlyList<CloneEdge> ListClonesOf(Guid sourceId, CloneKind? kind = null, bool transitive = false)
    {
        var kindText = kind is { } k ? CloneKindText(k) : null;
        if (!transitive)
        {
            return Read(tx => tx.Query(
                $"SELECT {CloneColumns} FROM clones c WHERE c.source_id = $s AND ($k IS NULL OR c.kind = $k) ORDER BY c.created_at, c.rowid;",
                ReadClone, ("$s", IdText(sourceId)), ("$k", kindText)));
        }
        // Every table reachable from the source through edges of the kind; UNION (not UNION ALL) stops on cycles,
        // which CREATE OR REPLACE … CLONE can make (a table keeps its id when replaced).
        return Read(tx => tx.Query(
            $"""
            WITH RECURSIVE reach(id) AS (
                SELECT $s
                UNION
                SELECT c.target_id FROM clones c JOIN reach r ON c.source_id = r.id WHERE $k IS NULL OR c.kind = $k
            )
            SELECT {CloneColumns} FROM clones c JOIN reach r ON c.source_id = r.id
            WHERE ($k IS NULL OR c.kind = $k) AND c.target_id <> $s
            ORDER BY c.created_at, c.rowid;
            """,
            ReadClone, ("$s", IdText(sourceId)), ("$k", kindText)));
    }

    public IReadOnlyList<CloneEdge> ListCloneSources(Guid targetId) => Read(tx => tx.Query(
        $"SELECT {CloneColumns} FROM clones c WHERE c.target_id = $t ORDER BY c.created_at, c.rowid;",
        ReadClone, ("$t", IdText(targetId))));

    private static CloneEdge ReadClone(SqliteDataReader r) => new(
        Guid.Parse(r.GetString(0)),
        Guid.Parse(r.GetString(1)),
        r.GetInt64(2),
        r.GetString(3) == "SHALLOW" ? CloneKind.Shallow : CloneKind.Deep,
        SqliteCommands.Instant(r.GetInt64(4)),
        r.GetString(5));

    private static string CloneKindText(CloneKind kind) => kind == CloneKind.Shallow ? "SHALLOW" : "DEEP";
}
