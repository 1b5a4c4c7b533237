using System.Globalization;
using DeltaSharp.Storage;

namespace DeltaSharp.Tables.Log;

/// <summary>
/// The log files that make up one version (PROTOCOL.md "Checkpoints": the newest complete checkpoint not newer
/// than the version, then the contiguous commits after it up to the version). Immutable.
/// </summary>
internal sealed class LogSegment
{
    private LogSegment(LogListing listing, long version, CheckpointFiles? checkpoint, LogFile[] commits)
    {
        Listing = listing;
        Version = version;
        Checkpoint = checkpoint;
        Commits = commits;
    }

    public LogListing Listing { get; }

    public long Version { get; }

    /// <summary>The checkpoint replay starts from; null when it starts from commit 0.</summary>
    public CheckpointFiles? Checkpoint { get; }

    /// <summary>Commit files after the checkpoint up to <see cref="Version"/>, ascending.</summary>
    public IReadOnlyList<LogFile> Commits { get; }

    /// <summary>This segment extended by <paramref name="commit"/>, the commit file of the next version (just written by
    /// this process), without listing the log again. <see cref="Listing"/> stays the one this segment was made from.</summary>
    public LogSegment WithNextCommit(LogFile commit) => new(Listing, Version + 1, Checkpoint, [.. Commits, commit]);

    /// <summary>The segment of <paramref name="version"/>. Throws DeltaException when the version cannot be rebuilt:
    /// DELTA_VERSIONS_NOT_CONTIGUOUS when commits are missing after the checkpoint (or from 0 without one).</summary>
    public static LogSegment For(LogListing listing, long version)
    {
        if (version < 0 || version > listing.LatestVersion)
            throw new ArgumentOutOfRangeException(nameof(version), version, $"version must be within 0..{listing.LatestVersion}");
        var checkpoint = listing.NewestCheckpointAtOrBefore(version);
        var start = checkpoint is null ? 0 : checkpoint.Version + 1;
        if (!listing.HasAllCommits(start, version))
        {
            var missing = listing.MissingCommits(start, version);
            var from = checkpoint is null ? "commit 0 (there is no checkpoint at or before it)" : $"the {checkpoint.Describe()}";
            throw new DeltaException("DELTA_VERSIONS_NOT_CONTIGUOUS",
                string.Create(CultureInfo.InvariantCulture,
                    $"Cannot rebuild version {version} of the table at {listing.TableRoot}: starting from {from}, the commit file(s) for version(s) {string.Join(", ", missing)} are missing from {listing.LogPath}. ") +
                (listing.EarliestRebuildableVersion >= 0
                    ? string.Create(CultureInfo.InvariantCulture, $"Versions {listing.EarliestRebuildableVersion}..{listing.LatestVersion} can be read.")
                    : "No version can be read until the missing commit files are restored."));
        }
        return new LogSegment(listing, version, checkpoint, listing.CommitFiles(start, version).ToArray());
    }
}
