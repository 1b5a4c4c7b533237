using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;

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
    public bool Exists() => List().HasVersions;

    /// <summary>The latest snapshot. DELTA_TABLE_NOT_FOUND when there is no table.</summary>
    public Snapshot Latest() => RetryOnVanishedFile(() =>
    {
        var listing = ExistingListing();
        return Load(listing, listing.LatestVersion, latest: null);
    });

    /// <summary>The snapshot at <paramref name="version"/> (DELTA_VERSION_NOT_FOUND naming the available range;
    /// the deleted-file retention rule applies to non-latest versions).</summary>
    public Snapshot AtVersion(long version) => RetryOnVanishedFile(() =>
    {
        var listing = ExistingListing();
        TimeTravel.EnsureVersionAvailable(listing, version);
        if (version == listing.LatestVersion) return Load(listing, version, latest: null);
        var latest = ReadLatestState(listing);
        TimeTravel.EnsureWithinRetention(version, listing.LatestVersion, latest.Timestamps.TimestampOf(version), latest.Properties, Options);
        return Load(listing, version, latest);
    });

    /// <summary>The latest version whose commit timestamp ≤ <paramref name="timestamp"/> (Spark's rules).</summary>
    public Snapshot AtTimestamp(DateTimeOffset timestamp) => RetryOnVanishedFile(() =>
    {
        var listing = ExistingListing();
        var latest = ReadLatestState(listing);
        var version = TimeTravel.ResolveTimestamp(listing, latest.Timestamps, timestamp);
        TimeTravel.EnsureWithinRetention(version, listing.LatestVersion, latest.Timestamps.TimestampOf(version), latest.Properties, Options);
        return Load(listing, version, version == listing.LatestVersion ? null : latest);
    });

    /// <summary>commitInfo of each version, newest first (DESCRIBE HISTORY), at most <paramref name="limit"/>.
    /// Versions whose commit file was cleaned up are not listed; a commit without commitInfo gets an empty one.</summary>
    public IReadOnlyList<HistoryEntry> History(int? limit = null)
    {
        if (limit < 0) throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be ≥ 0 (or null for all versions).");
        var listing = ExistingListing();
        var latest = ReadLatestState(listing);
        var versions = listing.CommitVersions;
        var count = Math.Min(versions.Length, limit ?? int.MaxValue);
        var entries = new List<HistoryEntry>(count);
        for (var i = versions.Length - 1; i >= 0 && entries.Count < count; i--)
        {
            var version = versions[i];
            var commitInfo = LogReplay.ReadCommitInfo(Options.FileStore, listing.CommitFile(version)!.Value) ?? new CommitInfo();
            var millis = latest.Timestamps.TimestampOf(version, commitInfo);
            entries.Add(new HistoryEntry(version, DateTimeOffset.FromUnixTimeMilliseconds(millis), commitInfo));
        }
        return entries;
    }

    private LogListing List() => LogListing.Read(Options.FileStore, Root);

    /// <summary>A log file listed a moment ago can be deleted by a concurrent log cleanup before it is read; the read
    /// is then redone once from a fresh listing (which no longer offers that file).</summary>
    private static T RetryOnVanishedFile<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DeltaException e) when (e.ErrorClass is "DELTA_LOG_FILE_NOT_FOUND" or "DELTA_CHECKPOINT_FILE_NOT_FOUND")
        {
            return read();
        }
    }

    private LogListing ExistingListing()
    {
        var listing = List();
        if (!listing.HasVersions)
        {
            throw new DeltaException("DELTA_TABLE_NOT_FOUND",
                $"{Root} is not a Delta table: {listing.LogPath} holds no commit or checkpoint. Create the table first or check the path.");
        }
        return listing;
    }

    /// <summary>What time travel needs from the latest version: its properties (retention, in-commit timestamps)
    /// and the commit timeline. Reads only the newest protocol/metaData, not the files.</summary>
    private LatestState ReadLatestState(LogListing listing)
    {
        var segment = LogSegment.For(listing, listing.LatestVersion);
        var (_, metadata) = LogReplay.ReadProtocolAndMetadata(Options.FileStore, segment);
        var properties = TableProperties.From(metadata.Configuration);
        return new LatestState(properties, new CommitTimestamps(Options.FileStore, listing, properties));
    }

    private Snapshot Load(LogListing listing, long version, LatestState? latest)
    {
        var segment = LogSegment.For(listing, version);
        var state = LogReplay.Replay(Options.FileStore, segment);
        // The timeline follows the latest version's properties; for the latest snapshot that is its own metadata.
        var timestamps = latest?.Timestamps
            ?? new CommitTimestamps(Options.FileStore, listing, TableProperties.From(state.Metadata.Configuration));
        var millis = timestamps.TimestampOf(version, state.CommitInfo);
        return new Snapshot(Root, version, state.Protocol, state.Metadata, state.ActiveFiles, state.SetTransactions, state.Domains, millis, Options)
        {
            Segment = segment,
        };
    }

    private sealed record LatestState(TableProperties Properties, CommitTimestamps Timestamps);
}

/// <summary>One row of DESCRIBE HISTORY: a version, its commit timestamp and its commitInfo.</summary>
public sealed record HistoryEntry(long Version, DateTimeOffset Timestamp, CommitInfo CommitInfo);
