using DeltaSharp.Storage;
using DeltaSharp.Tables.Log;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Expired log cleanup (PROTOCOL.md "Metadata Cleanup"): with cutOffTimestamp = midnight UTC of (now − retention),
/// the cutoff commit is the newest commit not newer than it, and the cutoff checkpoint the newest complete checkpoint
/// at or before that commit. Commit, checkpoint and checksum files of versions before the cutoff checkpoint and
/// compaction files starting at or before it are deleted, so every version that is kept can still be rebuilt;
/// so are temp files of crashed writers older than the cutoff.
/// Commit times are the commit files' modification times made strictly increasing (as Spark does). Nothing is
/// deleted when no such checkpoint exists. Stateless.
/// </summary>
internal static class LogCleanup
{
    /// <summary>Deletes expired log files; returns how many were deleted.</summary>
    public static int Run(IFileStore store, string table, DateTimeOffset now, TimeSpan retention)
    {
        var cutoff = (now - retention).UtcDateTime.Date;
        var cutoffMillis = new DateTimeOffset(cutoff, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var logPath = store.Combine(table, LogFileNames.LogFolder);
        var names = store.ListNames(logPath);
        var listing = LogListing.FromNames(store, table, logPath, names);
        if (!listing.HasVersions) return 0;

        // Commit times are read oldest first, only until the first one after the cutoff (one stat in a young log).
        long cutoffCommit = -1;
        long previous = long.MinValue;
        var commitVersions = listing.CommitVersions;
        var commitFiles = listing.CommitFiles(0, listing.LatestVersion);
        for (var i = 0; i < commitFiles.Length; i++)
        {
            if (store.TryGetEntry(commitFiles[i].Path) is not { } entry) continue; // removed by a concurrent cleanup
            var time = Math.Max(entry.LastModified.ToUnixTimeMilliseconds(), previous == long.MinValue ? long.MinValue : previous + 1);
            previous = time;
            if (time > cutoffMillis) break;
            cutoffCommit = commitVersions[i];
        }
        if (cutoffCommit < 0) return 0;
        var checkpoint = listing.NewestCheckpointAtOrBefore(cutoffCommit);
        if (checkpoint is null) return 0;

        var deleted = 0;
        foreach (var name in names)
        {
            var path = store.Combine(logPath, name);
            // Temp files of writers that died inside put-if-absent or overwrite: nobody uses them after the cutoff.
            if (name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                if (store.TryGetEntry(path) is { } temp && temp.LastModified.ToUnixTimeMilliseconds() < cutoffMillis && store.Delete(path)) deleted++;
                continue;
            }
            if (!LogFileNames.TryParse(name, out var parsed)) continue;
            var expired = parsed.Kind switch
            {
                LogFileKind.Commit or LogFileKind.Checksum or LogFileKind.ClassicCheckpoint
                    or LogFileKind.MultiPartCheckpoint or LogFileKind.V2Checkpoint => parsed.Version < checkpoint.Version,
                LogFileKind.Compaction => parsed.Version <= checkpoint.Version,
                _ => false,
            };
            if (expired && store.Delete(path)) deleted++;
        }
        return deleted;
    }
}
