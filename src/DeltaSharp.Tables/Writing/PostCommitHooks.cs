using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// What runs after a successful commit: every delta.checkpointInterval versions a classic checkpoint and
/// <c>_last_checkpoint</c>, then expired log cleanup (delta.enableExpiredLogCleanup). A failure here never fails
/// the commit (the commit is already durable); it is reported to the caller instead. Stateless.
/// </summary>
internal static class PostCommitHooks
{
    /// <summary>Runs the hooks after <paramref name="version"/> was committed. <paramref name="committed"/> gives the
    /// snapshot of that version without reading the log (null: it is read when a checkpoint is due).</summary>
    public static (bool CheckpointWritten, Exception? Failure) Run(string table, DeltaTableOptions options, long version, Metadata metadata,
        Func<Snapshot>? committed = null)
    {
        try
        {
            var properties = TableProperties.From(metadata.Configuration);
            if (version == 0 || version % properties.CheckpointInterval != 0) return (false, null);
            var written = WriteCheckpoint(table, options, version, committed?.Invoke());
            if (properties.EnableExpiredLogCleanup) LogCleanup.Run(options.FileStore, table, options.Time.GetUtcNow(), properties.LogRetentionDuration);
            return (written, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (false, e);
        }
    }

    /// <summary>Writes the classic checkpoint of <paramref name="version"/> (and <c>_last_checkpoint</c>); false when
    /// one already existed. <paramref name="snapshot"/>: that version's snapshot when the caller has it (else it is read).</summary>
    public static bool WriteCheckpoint(string table, DeltaTableOptions options, long version, Snapshot? snapshot = null)
    {
        if (snapshot is not null && snapshot.Version != version)
            throw new ArgumentException($"The snapshot is of version {snapshot.Version}, not {version}.", nameof(snapshot));
        // The just-committed version may already be superseded by a concurrent commit: no time-travel limit here.
        snapshot ??= DeltaTable.ForPath(table, options with { EnforceTimeTravelWithinDeletedFileRetention = false }).AtVersion(version);
        var store = options.FileStore;
        var minTombstoneTime = options.Time.GetUtcNow().ToUnixTimeMilliseconds()
            - (long)snapshot.Properties.DeletedFileRetentionDuration.TotalMilliseconds;
        var tombstones = TombstoneCollector.Collect(store, snapshot, minTombstoneTime);
        var content = new CheckpointContent(version, snapshot.Protocol, snapshot.Metadata, snapshot.SetTransactions.Values,
            snapshot.Domains.Values, snapshot.ActiveFiles, tombstones, snapshot.Properties.CheckpointWriteStatsAsJson);
        var logDir = store.Combine(table, LogFileNames.LogFolder);
        var info = CheckpointWriter.Write(store, logDir, content, DataWriteSettings.CodecFrom(snapshot.Metadata.Configuration));
        if (info is null) return false;
        CheckpointWriter.WriteLastCheckpoint(store, logDir, info, SchemaJson.Serialize(CheckpointSchema.Schema));
        return true;
    }
}
