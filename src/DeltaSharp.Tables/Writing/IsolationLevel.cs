namespace DeltaSharp.Tables.Writing;

/// <summary>
/// How strictly a commit is checked against concurrent commits (Delta's isolation levels; the names are written
/// into commitInfo.isolationLevel). <see cref="WriteSerializable"/> (the default) lets blind appends of others pass;
/// <see cref="Serializable"/> treats them as conflicts too; <see cref="SnapshotIsolation"/> is used for commits
/// that change no data (compaction) and skips the concurrent-append check.
/// </summary>
public enum IsolationLevel
{
    WriteSerializable,
    Serializable,
    SnapshotIsolation,
}
