using System.Globalization;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.Log;

/// <summary>
/// The commit timestamp of each version, as Spark defines it: commitInfo.inCommitTimestamp for versions at or after
/// in-commit timestamps were enabled (PROTOCOL.md "In-Commit Timestamps"; enablement per the latest table
/// properties), otherwise the commit file's modification time made strictly increasing (a time ≤ the previous
/// version's becomes previous + 1 ms, Spark's DeltaHistoryManager.monotonizeCommitTimestamps). Built from one
/// listing; reads commit files only for in-commit timestamps. Not thread-safe (caches what it read).
/// </summary>
internal sealed class CommitTimestamps
{
    private readonly IFileStore _store;
    private readonly LogListing _listing;
    private readonly long _ictFrom;     // first version using in-commit timestamps; long.MaxValue when disabled
    private readonly Dictionary<long, long> _ictCache = [];
    private long[]? _fileTimes; // per listed commit (same index as LogListing.CommitVersions), monotonised; read lazily

    public CommitTimestamps(IFileStore store, LogListing listing, TableProperties latestProperties)
    {
        _store = store;
        _listing = listing;
        _ictFrom = latestProperties.EnableInCommitTimestamps
            ? latestProperties.InCommitTimestampEnablementVersion ?? 0
            : long.MaxValue;
    }

    /// <summary>True when <paramref name="version"/>'s timestamp is its in-commit timestamp.</summary>
    public bool UsesInCommitTimestamp(long version) => version >= _ictFrom;

    /// <summary>The commit timestamp (ms since the epoch) of <paramref name="version"/>. <paramref name="commitInfo"/>
    /// is that version's commitInfo when the caller already has it (saves a read for in-commit timestamps).</summary>
    public long TimestampOf(long version, CommitInfo? commitInfo = null)
    {
        if (UsesInCommitTimestamp(version)) return InCommitTimestamp(version, commitInfo);
        var i = _listing.CommitVersions.BinarySearch(version);
        if (i >= 0) return FileTimes()[i];
        // A version kept only as a checkpoint (its commit was cleaned up): the checkpoint file's time stands in.
        var checkpoint = _listing.NewestCheckpointAtOrBefore(version);
        if (checkpoint is not null && checkpoint.Version == version)
            return (_store.TryGetEntry(checkpoint.Files[0].Path) ?? throw Vanished(checkpoint.Files[0].Path)).LastModified.ToUnixTimeMilliseconds();
        throw new DeltaException("DELTA_VERSION_NOT_FOUND",
            string.Create(CultureInfo.InvariantCulture, $"Version {version} has no commit or checkpoint file in {_listing.LogPath}."));
    }

    /// <summary>
    /// The latest version in [<paramref name="earliest"/>, <paramref name="latest"/>] whose commit timestamp is ≤
    /// <paramref name="timestampMillis"/>; null when the timestamp is before <paramref name="earliest"/>'s. Commit
    /// timestamps increase with the version, so this is a binary search (reading O(log n) commits for in-commit
    /// timestamps).
    /// </summary>
    public long? LatestVersionAtOrBefore(long timestampMillis, long earliest, long latest)
    {
        if (TimestampOf(earliest) > timestampMillis) return null;
        // Two increasing runs: file times before in-commit timestamps were enabled, in-commit timestamps after.
        var ictStart = Math.Max(earliest, _ictFrom);
        if (ictStart > latest || ictStart == earliest) return Search(earliest, latest, timestampMillis);
        return TimestampOf(ictStart) <= timestampMillis
            ? Search(ictStart, latest, timestampMillis)
            : Search(earliest, ictStart - 1, timestampMillis);
    }

    /// <summary>Binary search over versions that have a timestamp (commit or checkpoint file) in [lo, hi], whose
    /// first version is known to be ≤ the timestamp.</summary>
    private long Search(long lo, long hi, long timestampMillis)
    {
        var candidates = Candidates(lo, hi);
        int a = 0, b = candidates.Count - 1;
        while (a < b)
        {
            var mid = (a + b + 1) >>> 1;
            if (TimestampOf(candidates[mid]) <= timestampMillis) a = mid;
            else b = mid - 1;
        }
        return candidates[a];
    }

    private List<long> Candidates(long lo, long hi)
    {
        var result = new List<long>();
        var versions = _listing.CommitVersions;
        var checkpoint = _listing.NewestCheckpointAtOrBefore(lo);
        if (checkpoint is not null && checkpoint.Version == lo && versions.BinarySearch(lo) < 0) result.Add(lo);
        foreach (var v in versions)
            if (v >= lo && v <= hi) result.Add(v);
        return result;
    }

    /// <summary>The monotonised modification times of every listed commit: a time ≤ the previous one becomes the previous
    /// + 1 ms, so each depends on all earlier ones. Read (one stat per commit file) the first time a version without an
    /// in-commit timestamp is asked for (tables with in-commit timestamps never need it).</summary>
    private long[] FileTimes()
    {
        if (_fileTimes is not null) return _fileTimes;
        var files = _listing.CommitFiles(0, long.MaxValue - 1);
        var result = new long[files.Length];
        for (var i = 0; i < files.Length; i++)
        {
            var t = (_store.TryGetEntry(files[i].Path) ?? throw Vanished(files[i].Path)).LastModified.ToUnixTimeMilliseconds();
            result[i] = i > 0 && t <= result[i - 1] ? result[i - 1] + 1 : t;
        }
        return _fileTimes = result;
    }

    private static DeltaException Vanished(string path) =>
        new("DELTA_LOG_FILE_NOT_FOUND",
            $"The log file {path} disappeared while the table was being read (log cleanup ran concurrently?). Retry the read.");

    private long InCommitTimestamp(long version, CommitInfo? commitInfo)
    {
        if (commitInfo?.InCommitTimestamp is { } known) return known;
        if (_ictCache.TryGetValue(version, out var cached)) return cached;
        var file = _listing.CommitFile(version)
            ?? throw new DeltaException("DELTA_MISSING_COMMIT_INFO",
                string.Create(CultureInfo.InvariantCulture, $"In-commit timestamps are enabled but the commit file of version {version} is missing from {_listing.LogPath}, so its timestamp is unknown."));
        var info = LogReplay.ReadCommitInfo(_store, file);
        var ict = info?.InCommitTimestamp
            ?? throw new DeltaException("DELTA_MISSING_COMMIT_TIMESTAMP",
                string.Create(CultureInfo.InvariantCulture, $"In-commit timestamps are enabled from version {_ictFrom} but version {version}'s commitInfo ({file.Name}) has no inCommitTimestamp."));
        _ictCache[version] = ict;
        return ict;
    }
}
