using DeltaSharp.Storage;

namespace DeltaSharp.Tables.Log;

/// <summary>
/// One listing of a table's _delta_log: its commit files and its complete checkpoints, by version. Everything
/// about which versions exist and can be rebuilt is answered from this single listing (`_last_checkpoint` is not
/// needed: the listing already shows every checkpoint, so a stale, empty or corrupt hint cannot mislead a read).
/// Compaction files are ignored (always correct, PROTOCOL.md "Log Compaction Files"). Only names are listed (no stat
/// per file: a 10,000-commit log lists in a few milliseconds). Immutable.
/// </summary>
internal sealed class LogListing
{
    private readonly long[] _commitVersions;
    private readonly LogFile[] _commitFiles;
    private readonly CheckpointFiles[] _checkpoints; // ascending version, one (the preferred) per version

    private LogListing(string tableRoot, string logPath, long[] commitVersions, LogFile[] commitFiles, CheckpointFiles[] checkpoints)
    {
        TableRoot = tableRoot;
        LogPath = logPath;
        _commitVersions = commitVersions;
        _commitFiles = commitFiles;
        _checkpoints = checkpoints;
        var latest = -1L;
        if (commitVersions.Length > 0) latest = commitVersions[^1];
        if (checkpoints.Length > 0) latest = Math.Max(latest, checkpoints[^1].Version);
        LatestVersion = latest;
        EarliestRebuildableVersion = ComputeEarliestRebuildable();
    }

    public string TableRoot { get; }

    public string LogPath { get; }

    /// <summary>The newest version with a commit or a complete checkpoint; -1 when the log is empty.</summary>
    public long LatestVersion { get; }

    /// <summary>True when there is at least one commit or complete checkpoint.</summary>
    public bool HasVersions => LatestVersion >= 0;

    /// <summary>The smallest version s such that every version from s to <see cref="LatestVersion"/> can be rebuilt
    /// (from commit 0 or from a checkpoint, with contiguous commits after it); -1 when none can.</summary>
    public long EarliestRebuildableVersion { get; }

    /// <summary>Commit versions in ascending order.</summary>
    public ReadOnlySpan<long> CommitVersions => _commitVersions;

    public IReadOnlyList<CheckpointFiles> Checkpoints => _checkpoints;

    /// <summary>Lists <paramref name="tableRoot"/>/_delta_log once.</summary>
    public static LogListing Read(IFileStore store, string tableRoot)
    {
        var logPath = store.Combine(tableRoot, LogFileNames.LogFolder);
        return FromNames(store, tableRoot, logPath, store.ListNames(logPath));
    }

    /// <summary>The listing made of <paramref name="names"/>, the file names found in <paramref name="logPath"/>.</summary>
    public static LogListing FromNames(IFileStore store, string tableRoot, string logPath, IReadOnlyList<string> names)
    {
        var commitVersions = new List<long>(names.Count);
        var commitFiles = new List<LogFile>(names.Count);
        var candidates = new Dictionary<long, CheckpointFiles>();
        Dictionary<(long Version, int Parts), LogFile?[]>? multiPart = null;
        foreach (var fileName in names)
        {
            if (!LogFileNames.TryParse(fileName, out var name)) continue;
            var entry = new LogFile(store.Combine(logPath, fileName), fileName);
            switch (name.Kind)
            {
                case LogFileKind.Commit:
                    commitVersions.Add(name.Version);
                    commitFiles.Add(entry);
                    break;
                case LogFileKind.ClassicCheckpoint:
                case LogFileKind.V2Checkpoint:
                    Offer(candidates, new CheckpointFiles(name.Version, name.Kind, [entry], name.IsJson));
                    break;
                case LogFileKind.MultiPartCheckpoint:
                    multiPart ??= [];
                    if (!multiPart.TryGetValue((name.Version, name.Parts), out var parts))
                    {
                        // A part count beyond the folder's size can never be complete: do not allocate for it.
                        if (name.Parts > names.Count) break;
                        multiPart[(name.Version, name.Parts)] = parts = new LogFile?[name.Parts];
                    }
                    parts[name.Part - 1] = entry;
                    break;
            }
        }
        if (multiPart is not null)
        {
            // PROTOCOL.md "Checkpoints": readers must ignore multi-part checkpoints with missing parts.
            foreach (var ((version, _), parts) in multiPart)
            {
                if (Array.IndexOf(parts, null) >= 0) continue;
                Offer(candidates, new CheckpointFiles(version, LogFileKind.MultiPartCheckpoint, [.. parts.Select(p => p!.Value)], false));
            }
        }
        var checkpoints = candidates.Values.OrderBy(c => c.Version).ToArray();
        // The store lists by ordinal name, and 20-digit names sort by version; sort anyway for stores that do not.
        var versions = commitVersions.ToArray();
        var files = commitFiles.ToArray();
        if (!IsStrictlyAscending(versions)) Array.Sort(versions, files);
        return new LogListing(tableRoot, logPath, versions, files, checkpoints);
    }

    private static void Offer(Dictionary<long, CheckpointFiles> candidates, CheckpointFiles checkpoint)
    {
        if (!candidates.TryGetValue(checkpoint.Version, out var current) || checkpoint.Preference < current.Preference)
            candidates[checkpoint.Version] = checkpoint;
    }

    private static bool IsStrictlyAscending(long[] values)
    {
        for (var i = 1; i < values.Length; i++)
            if (values[i] <= values[i - 1]) return false;
        return true;
    }

    /// <summary>The commit file of <paramref name="version"/>, or null when it is not in the log.</summary>
    public LogFile? CommitFile(long version)
    {
        var i = Array.BinarySearch(_commitVersions, version);
        return i >= 0 ? _commitFiles[i] : null;
    }

    /// <summary>The commit files of versions <paramref name="from"/>..<paramref name="to"/> (inclusive) that exist.</summary>
    public ReadOnlySpan<LogFile> CommitFiles(long from, long to)
    {
        var start = LowerBound(from);
        var end = LowerBound(to + 1);
        return _commitFiles.AsSpan(start, end - start);
    }

    /// <summary>True when every version from <paramref name="from"/> to <paramref name="to"/> has a commit file
    /// (trivially true for an empty range).</summary>
    public bool HasAllCommits(long from, long to) => from > to || LowerBound(to + 1) - LowerBound(from) == to - from + 1;

    /// <summary>The newest complete checkpoint with version ≤ <paramref name="version"/>.</summary>
    public CheckpointFiles? NewestCheckpointAtOrBefore(long version)
    {
        int lo = 0, hi = _checkpoints.Length - 1;
        CheckpointFiles? found = null;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_checkpoints[mid].Version <= version)
            {
                found = _checkpoints[mid];
                lo = mid + 1;
            }
            else hi = mid - 1;
        }
        return found;
    }

    /// <summary>True when <paramref name="version"/> can be rebuilt: from its newest checkpoint (or commit 0) with
    /// every commit after it present.</summary>
    public bool IsRebuildable(long version)
    {
        if (version < 0 || version > LatestVersion) return false;
        var checkpoint = NewestCheckpointAtOrBefore(version);
        var start = checkpoint is null ? 0 : checkpoint.Version + 1;
        return HasAllCommits(start, version);
    }

    /// <summary>The missing commit versions between <paramref name="from"/> and <paramref name="to"/> (at most
    /// <paramref name="limit"/>), for error messages.</summary>
    public List<long> MissingCommits(long from, long to, int limit = 10)
    {
        var missing = new List<long>();
        var i = LowerBound(from);
        for (var v = from; v <= to && missing.Count < limit; v++)
        {
            if (i < _commitVersions.Length && _commitVersions[i] == v) i++;
            else missing.Add(v);
        }
        return missing;
    }

    private long ComputeEarliestRebuildable()
    {
        if (!IsRebuildable(LatestVersion)) return -1;
        // Walk back one checkpoint interval at a time: every version from the newest checkpoint (or 0) up to the
        // latest is rebuildable; the version just before that start extends the range only if it is rebuildable too.
        var start = NewestCheckpointAtOrBefore(LatestVersion)?.Version ?? 0;
        while (start > 0 && IsRebuildable(start - 1))
            start = NewestCheckpointAtOrBefore(start - 1)?.Version ?? 0;
        return start;
    }

    private int LowerBound(long version)
    {
        int lo = 0, hi = _commitVersions.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_commitVersions[mid] < version) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
