using System.Globalization;

namespace DeltaSharp.Tables.Log;

/// <summary>
/// Spark's time-travel rules: which versions can be asked for (DELTA_VERSION_NOT_FOUND), which version a timestamp
/// means (the latest commit at or before it; DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION /
/// DELTA_TIMESTAMP_GREATER_THAN_COMMIT outside the history), and the deleted-file retention guard
/// (DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION). Messages use Spark's wording; times are
/// shown in UTC. Stateless.
/// </summary>
internal static class TimeTravel
{
    /// <summary>Throws DELTA_VERSION_NOT_FOUND unless <paramref name="version"/> is in the rebuildable range.</summary>
    public static void EnsureVersionAvailable(LogListing listing, long version)
    {
        var earliest = listing.EarliestRebuildableVersion;
        if (earliest >= 0 && version >= earliest && version <= listing.LatestVersion && listing.IsRebuildable(version)) return;
        throw new DeltaException("DELTA_VERSION_NOT_FOUND",
            earliest >= 0
                ? string.Create(CultureInfo.InvariantCulture, $"Cannot time travel Delta table to version {version}. Available versions: [{earliest}, {listing.LatestVersion}].")
                : string.Create(CultureInfo.InvariantCulture, $"Cannot time travel Delta table to version {version}: no version of the table at {listing.TableRoot} can be rebuilt (commit files are missing and no checkpoint covers them)."));
    }

    /// <summary>The latest rebuildable version whose commit timestamp is ≤ <paramref name="timestamp"/>.</summary>
    public static long ResolveTimestamp(LogListing listing, CommitTimestamps timestamps, DateTimeOffset timestamp)
    {
        var earliest = listing.EarliestRebuildableVersion;
        var latest = listing.LatestVersion;
        if (earliest < 0) EnsureVersionAvailable(listing, latest); // throws: nothing can be read
        var t = timestamp.ToUnixTimeMilliseconds();
        var latestTs = timestamps.TimestampOf(latest);
        if (t > latestTs)
        {
            throw new DeltaException("DELTA_TIMESTAMP_GREATER_THAN_COMMIT",
                $"The provided timestamp ({JavaTimestamp(t)}) is after the latest version available to this table ({JavaTimestamp(latestTs)}). " +
                $"Please use a timestamp before or at {SecondsTimestamp(latestTs)}.");
        }
        if (timestamps.LatestVersionAtOrBefore(t, earliest, latest) is { } version) return version;
        var earliestTs = timestamps.TimestampOf(earliest);
        throw new DeltaException("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION",
            $"The provided timestamp ({JavaTimestamp(t)}) is before the earliest version available to this table ({JavaTimestamp(earliestTs)}). " +
            $"Please use a timestamp after {SecondsTimestamp(earliestTs)}.");
    }

    /// <summary>Refuses a non-latest version committed before now − delta.deletedFileRetentionDuration (its data files
    /// may have been vacuumed), unless the option switches the check off.</summary>
    public static void EnsureWithinRetention(long version, long latestVersion, long commitTimestampMillis, TableProperties latestProperties, DeltaTableOptions options)
    {
        if (!options.EnforceTimeTravelWithinDeletedFileRetention || version == latestVersion) return;
        var retention = latestProperties.DeletedFileRetentionDuration;
        var cutoff = options.Time.GetUtcNow() - retention;
        if (commitTimestampMillis >= cutoff.ToUnixTimeMilliseconds()) return;
        throw new DeltaException("DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION",
            string.Create(CultureInfo.InvariantCulture, $"Cannot time travel beyond delta.deletedFileRetentionDuration ({(long)retention.TotalHours} HOURS) set on the table. ") +
            string.Create(CultureInfo.InvariantCulture, $"Version {version} was committed at {JavaTimestamp(commitTimestampMillis)}, before the retention cutoff {JavaTimestamp(cutoff.ToUnixTimeMilliseconds())}; its data files may have been vacuumed. ") +
            "Read a newer version, raise delta.deletedFileRetentionDuration, or set DeltaTableOptions.EnforceTimeTravelWithinDeletedFileRetention to false.");
    }

    /// <summary>java.sql.Timestamp.toString in UTC: "yyyy-MM-dd HH:mm:ss.f" with the fraction's trailing zeros
    /// dropped (at least one digit).</summary>
    internal static string JavaTimestamp(long millis)
    {
        var t = DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime;
        var fraction = (t.Millisecond).ToString("D3", CultureInfo.InvariantCulture).TrimEnd('0');
        return t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "." + (fraction.Length == 0 ? "0" : fraction);
    }

    private static string SecondsTimestamp(long millis) =>
        DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
