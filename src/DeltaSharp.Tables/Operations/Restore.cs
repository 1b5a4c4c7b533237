using System.Globalization;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.DeletionVectors;
using DeltaSharp.Tables.Log;
using DeltaSharp.Tables.Scanning;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// RESTORE TABLE … TO VERSION AS OF n / TO TIMESTAMP AS OF ts (Delta's RestoreTableCommand): one commit that brings
/// back the state of the target version. Files of the target that are not active now (compared by path and deletion
/// vector, as Delta does) are added again with dataChange = true and their stats, partition values and DV
/// descriptors; active files that the target does not hold are removed (dataChange = true, extendedFileMetadata,
/// stats kept). The target's metadata (schema, partitioning, properties) is restored and the protocol never
/// downgraded (the target's merged into the current one); user metadata domains follow the target. operation
/// RESTORE, parameters version / timestamp (the other null), metrics <see cref="MetricKeys"/>.
/// The target's data files must all exist (DELTA_FILE_NOT_FOUND_DETAILED naming them otherwise, nothing committed),
/// unless <c>ignoreMissingFiles</c> (Spark's spark.sql.files.ignoreMissingFiles) asks for a partial restore: the
/// missing files are then left out of the commit and of the metrics, so the restored table stays readable.
/// Restoring to the current version changes nothing and writes no commit (Delta refuses it; the result still
/// reports the table's size and file count). Stateless.
/// </summary>
public static class Restore
{
    public const string Operation = "RESTORE";

    /// <summary>The operationMetrics keys Delta writes for RESTORE (table-history-and-time-travel.md "RESTORE").</summary>
    public static readonly IReadOnlyList<string> MetricKeys =
        ["numRestoredFiles", "removedFilesSize", "numRemovedFiles", "restoredFilesSize", "numOfFilesAfterRestore", "tableSizeAfterRestore"];

    /// <summary>RESTORE … TO VERSION AS OF <paramref name="version"/>. A version outside the table's history is
    /// DELTA_CANNOT_RESTORE_TABLE_VERSION; one older than delta.deletedFileRetentionDuration is refused as time travel
    /// refuses it.</summary>
    public static OperationResult ToVersion(DeltaTable table, long version, OperationOptions? options = null, bool ignoreMissingFiles = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var latest = table.Latest();
        var listing = LogListing.Read(table.Options.FileStore, table.Root);
        var earliest = listing.EarliestRebuildableVersion;
        if (version < Math.Max(0, earliest) || version > latest.Version || !listing.IsRebuildable(version))
            throw new DeltaException("DELTA_CANNOT_RESTORE_TABLE_VERSION",
                string.Create(CultureInfo.InvariantCulture, $"Cannot restore table to version {version}. Available versions: [{Math.Max(0, earliest)}, {latest.Version}]."));
        var target = version == latest.Version ? latest : table.AtVersion(version);
        return Run(latest, target, Parameters(version, null), options, ignoreMissingFiles);
    }

    /// <summary>RESTORE … TO TIMESTAMP AS OF <paramref name="timestamp"/>: the latest version committed at or before
    /// it. After the latest commit is DELTA_CANNOT_RESTORE_TIMESTAMP_GREATER; before the earliest available one the
    /// time-travel error (DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION).</summary>
    public static OperationResult ToTimestamp(DeltaTable table, DateTimeOffset timestamp, OperationOptions? options = null, bool ignoreMissingFiles = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        var latest = table.Latest();
        var millis = timestamp.ToUnixTimeMilliseconds();
        if (millis > latest.TimestampMillis)
            throw new DeltaException("DELTA_CANNOT_RESTORE_TIMESTAMP_GREATER",
                $"Cannot restore table to timestamp ({JavaTimestamp(timestamp)}) as it is after the latest version available. " +
                $"Please use a timestamp before ({JavaTimestamp(DateTimeOffset.FromUnixTimeMilliseconds(latest.TimestampMillis))}).");
        var target = table.AtTimestamp(timestamp);
        if (target.Version == latest.Version) target = latest;
        return Run(latest, target, Parameters(null, JavaTimestamp(timestamp)), options, ignoreMissingFiles);
    }

    /// <summary>Restores <paramref name="latest"/> to the state of <paramref name="target"/> (an earlier snapshot of
    /// the same table) in one commit on top of <paramref name="latest"/>.</summary>
    public static OperationResult Run(
        Snapshot latest, Snapshot target, IReadOnlyDictionary<string, string?> parameters, OperationOptions? options = null, bool ignoreMissingFiles = false)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(parameters);
        options ??= OperationOptions.Default;

        // Delta joins the two file lists on (path, deletionVector.uniqueId).
        var current = latest.ActiveFiles.Select(Key).ToHashSet();
        var wanted = target.ActiveFiles.Select(Key).ToHashSet();
        var toAdd = target.ActiveFiles.Where(f => !current.Contains(Key(f))).Select(f => f with { DataChange = true }).ToList();
        var toRemove = latest.ActiveFiles.Where(f => !wanted.Contains(Key(f))).ToList();
        var after = target.ActiveFiles;
        if (target.Version != latest.Version)
        {
            var missing = MissingFiles(latest, toAdd);
            if (missing.Count > 0 && !ignoreMissingFiles)
            {
                throw new DeltaException("DELTA_FILE_NOT_FOUND_DETAILED",
                    string.Create(CultureInfo.InvariantCulture, $"Cannot restore the table to version {target.Version}: not all of its files are available in the file system. ") +
                    $"Missing files (first 100): {string.Join(", ", missing.Take(100).Select(f => f.Path))}. They were deleted manually or by VACUUM; restore to a more recent " +
                    "version or timestamp, or SET spark.sql.files.ignoreMissingFiles = true to restore the files that remain.");
            }
            if (missing.Count > 0)
            {
                var gone = missing.Select(Key).ToHashSet();
                toAdd = [.. toAdd.Where(f => !gone.Contains(Key(f)))];
                after = [.. after.Where(f => !gone.Contains(Key(f)))];
            }
        }

        var metrics = Metrics(toAdd, toRemove, after);
        var files = new FileChangeMetrics
        {
            NumAddedFiles = toAdd.Count,
            NumAddedBytes = toAdd.Sum(f => f.Size),
            NumRemovedFiles = toRemove.Count,
            NumRemovedBytes = toRemove.Sum(f => f.Size),
            NumDeletionVectorsRemoved = toRemove.Count(f => f.DeletionVector is not null),
            NumTouchedFiles = toRemove.Count,
        };
        if (target.Version == latest.Version) return new OperationResult(Operation, parameters, metrics, null) { Files = files };

        var txn = latest.StartTransaction(Operation);
        options.Configure?.Invoke(txn);
        txn.ReadWholeTable();
        // Delta writes the target's metaData and the merged protocol with every RESTORE commit.
        txn.ReplaceMetadata(target.Metadata);
        txn.UpdateProtocol(ProtocolMerge.Merge(latest.Protocol, target.Protocol));
        RestoreDomains(txn, latest, target);
        var now = latest.Options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var f in toRemove)
        {
            txn.Remove(new RemoveFile(f.Path, now, DataChange: true, ExtendedFileMetadata: true, f.PartitionValues, f.Size, f.Stats, f.Tags,
                f.DeletionVector, f.BaseRowId, f.DefaultRowCommitVersion));
        }
        txn.Add(toAdd);
        OperationParameters.ApplyTo(txn, parameters);
        OperationMetrics.ApplyTo(txn, metrics);
        txn.WithUserMetadata(options.UserMetadata);
        return new OperationResult(Operation, parameters, metrics, txn.Commit()) { Files = files };
    }

    /// <summary>Delta's Restore(version, timestamp) parameters: the one given, the other null.</summary>
    public static IReadOnlyDictionary<string, string?> Parameters(long? version, string? timestamp) =>
        new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["version"] = version?.ToString(CultureInfo.InvariantCulture),
            ["timestamp"] = timestamp,
        };

    /// <summary>java.sql.Timestamp.toString of an instant in UTC ("yyyy-MM-dd HH:mm:ss.f…", fraction without
    /// trailing zeros, at least one digit): how Delta records the timestamp parameter.</summary>
    public static string JavaTimestamp(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        var fraction = (utc.Ticks % TimeSpan.TicksPerSecond).ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "." + (fraction.Length == 0 ? "0" : fraction);
    }

    private static (string Path, string? Dv) Key(AddFile f) => (f.Path, f.DvUniqueId);

    private static IReadOnlyDictionary<string, string> Metrics(List<AddFile> toAdd, List<AddFile> toRemove, IReadOnlyList<AddFile> after)
    {
        static string Text(long v) => v.ToString(CultureInfo.InvariantCulture);
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["numRestoredFiles"] = Text(toAdd.Count),
            ["removedFilesSize"] = Text(toRemove.Sum(f => f.Size)),
            ["numRemovedFiles"] = Text(toRemove.Count),
            ["restoredFilesSize"] = Text(toAdd.Sum(f => f.Size)),
            ["numOfFilesAfterRestore"] = Text(after.Count),
            ["tableSizeAfterRestore"] = Text(after.Sum(f => f.Size)),
        };
    }

    /// <summary>Delta's check before a restore: the files brought back whose data file (or deletion vector file)
    /// no longer exists — VACUUM or a manual delete removed it.</summary>
    private static List<AddFile> MissingFiles(Snapshot latest, List<AddFile> toAdd)
    {
        var store = latest.Options.FileStore;
        var missing = new List<AddFile>();
        foreach (var f in toAdd)
        {
            if (store.TryGetEntry(TableFilePaths.Resolve(latest.TableRoot, f.Path, store)) is null
                || (f.DeletionVector is { } dv && DeletionVectorReader.AbsolutePath(dv, latest.TableRoot, store) is { } dvPath && store.TryGetEntry(dvPath) is null))
                missing.Add(f);
        }
        return missing;
    }

    /// <summary>User-controlled metadata domains as the target had them (system "delta." domains stay as they are).</summary>
    private static void RestoreDomains(Writing.Transaction txn, Snapshot latest, Snapshot target)
    {
        foreach (var (name, domain) in target.Domains)
        {
            if (name.StartsWith("delta.", StringComparison.Ordinal)) continue;
            if (!latest.Domains.TryGetValue(name, out var now) || now.Configuration != domain.Configuration)
                txn.SetDomainMetadata(name, domain.Configuration);
        }
        foreach (var name in latest.Domains.Keys)
            if (!name.StartsWith("delta.", StringComparison.Ordinal) && !target.Domains.ContainsKey(name))
                txn.RemoveDomainMetadata(name);
    }
}
