using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables;

/// <summary>
/// Entry point for one Delta table folder: snapshots (latest, by version, by timestamp), history, creation.
/// Thread-safe; holds no cached state beyond what it can recompute.
/// </summary>
public sealed partial class DeltaTable
{
    private DeltaTable(string root, DeltaTableOptions options)
    {
        Root = root;
        Options = options;
    }

    public string Root { get; }

    public DeltaTableOptions Options { get; }

    public static DeltaTable ForPath(string root, DeltaTableOptions? options = null) =>
        new(Path.GetFullPath(root), options ?? DeltaTableOptions.Default);

    /// <summary>True when _delta_log holds at least one commit or checkpoint.</summary>
    public bool Exists() => throw new NotImplementedException("H-log");

    /// <summary>The latest snapshot. DELTA_TABLE_NOT_FOUND when there is no table.</summary>
    public Snapshot Latest() => throw new NotImplementedException("H-log");

    /// <summary>The snapshot at <paramref name="version"/> (DELTA_VERSION_NOT_FOUND naming the available range;
    /// the deleted-file retention rule applies to non-latest versions).</summary>
    public Snapshot AtVersion(long version) => throw new NotImplementedException("H-log");

    /// <summary>The latest version whose commit timestamp ≤ <paramref name="timestamp"/> (Spark's rules).</summary>
    public Snapshot AtTimestamp(DateTimeOffset timestamp) => throw new NotImplementedException("H-log");

    /// <summary>commitInfo of each version, newest first (DESCRIBE HISTORY), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<HistoryEntry> History(int? limit = null) => throw new NotImplementedException("H-log");
}

/// <summary>One row of DESCRIBE HISTORY: a version, its commit timestamp and its commitInfo.</summary>
public sealed record HistoryEntry(long Version, DateTimeOffset Timestamp, CommitInfo CommitInfo);
