using System.Text.Json;
using DeltaSharp.TestSupport;
using static DeltaSharp.Tables.Tests.Log.TempLog;

namespace DeltaSharp.Tables.Tests.Log;

/// <summary>Spark's time-travel rules. Commit times come from the corpus' meta.json (set as commit-file mtimes on a
/// temp copy) or are chosen by hand; expected versions follow from "latest commit with timestamp ≤ t".</summary>
public class TimeTravelTests
{
    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static DateTimeOffset At(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private static List<(long Version, long Timestamp)> CommitTimestamps(string table)
    {
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.ConformanceTablesDir, table, "expected", "meta.json")));
        return [.. meta.RootElement.GetProperty("commitTimestamps").EnumerateArray()
            .Select(c => (c.GetProperty("version").GetInt64(), c.GetProperty("timestamp").GetInt64()))];
    }

    /// <summary>A log-only copy whose commit files carry the commit timestamps of meta.json as mtimes.</summary>
    private static TempLog WithCommitTimes(string table, out List<(long Version, long Timestamp)> times)
    {
        var log = CopyOf(table);
        times = CommitTimestamps(table);
        foreach (var (version, ts) in times) log.SetCommitTime(version, ts);
        return log;
    }

    public static TheoryData<string> FileTimeTables() =>
        ["basic-with-inserts-deletes-checkpoint", "basic-with-inserts-overwrite-restore", "checkpoint-cdf-table", "compacted-log-files-table",
         "dv-partitioned-with-checkpoint", "multi-part-checkpoint", "simple_table", "time-travel-partition-changes-b", "v2-checkpoint-json",
         "v2-checkpoints-parquet-with-sidecars", "snapshot-vacuumed"];

    [Theory]
    [MemberData(nameof(FileTimeTables))]
    public void AtTimestamp_CommitTimesFromMetaJson_ResolvesLatestCommitAtOrBefore(string table)
    {
        using var log = WithCommitTimes(table, out var times);
        var deltaTable = log.Table();
        for (var i = 0; i < times.Count; i++)
        {
            var (version, ts) = times[i];
            Assert.Equal(version, deltaTable.AtTimestamp(At(ts)).Version);
            Assert.Equal(ts, deltaTable.AtVersion(version).TimestampMillis);
            if (i + 1 < times.Count && times[i + 1].Timestamp - ts > 1)
                Assert.Equal(version, deltaTable.AtTimestamp(At(times[i + 1].Timestamp - 1)).Version);
        }
        var (firstVersion, firstTs) = times[0];
        var early = Assert.Throws<DeltaException>(() => deltaTable.AtTimestamp(At(firstTs - 1)));
        Assert.Equal("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION", early.ErrorClass);
        var late = Assert.Throws<DeltaException>(() => deltaTable.AtTimestamp(At(times[^1].Timestamp + 1)));
        Assert.Equal("DELTA_TIMESTAMP_GREATER_THAN_COMMIT", late.ErrorClass);
        Assert.Equal(firstVersion, deltaTable.History().Last().Version);
        Assert.Equal(times.Select(t => t.Timestamp).Reverse(), deltaTable.History().Select(h => h.Timestamp.ToUnixTimeMilliseconds()));
    }

    [Fact]
    public void AtTimestamp_Messages_UseSparksWordingInUtc()
    {
        using var log = new TempLog();
        log.Commit(0, [Protocol(), Metadata()], mtimeMillis: 1_646_042_400_000);   // 2022-02-28 10:00:00 UTC
        log.Commit(1, [Add("a")], mtimeMillis: 1_646_046_000_120);                  // 2022-02-28 11:00:00.12
        var table = log.Table();
        Assert.Equal(
            "[DELTA_TIMESTAMP_GREATER_THAN_COMMIT] The provided timestamp (2022-02-28 11:30:00.0) is after the latest version available to this table (2022-02-28 11:00:00.12). Please use a timestamp before or at 2022-02-28 11:00:00.",
            Assert.Throws<DeltaException>(() => table.AtTimestamp(new DateTimeOffset(2022, 2, 28, 11, 30, 0, TimeSpan.Zero))).Message);
        Assert.Equal(
            "[DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION] The provided timestamp (2022-02-28 09:00:00.0) is before the earliest version available to this table (2022-02-28 10:00:00.0). Please use a timestamp after 2022-02-28 10:00:00.",
            Assert.Throws<DeltaException>(() => table.AtTimestamp(new DateTimeOffset(2022, 2, 28, 10, 0, 0, TimeSpan.FromHours(1)))).Message);
    }

    [Fact]
    public void CommitTimestamps_NonIncreasingFileTimes_AreMadeMonotonic()
    {
        using var log = new TempLog();
        log.Commit(0, [Protocol(), Metadata()], mtimeMillis: 10_000);
        log.Commit(1, [Add("a")], mtimeMillis: 10_000);  // equal → 10_001
        log.Commit(2, [Add("b")], mtimeMillis: 5_000);   // earlier → 10_002
        log.Commit(3, [Add("c")], mtimeMillis: 20_000);
        var table = log.Table();
        Assert.Equal([20_000L, 10_002, 10_001, 10_000], table.History().Select(h => h.Timestamp.ToUnixTimeMilliseconds()));
        Assert.Equal(10_002, table.AtVersion(2).TimestampMillis);
        Assert.Equal(1, table.AtTimestamp(At(10_001)).Version);
        Assert.Equal(2, table.AtTimestamp(At(10_002)).Version);
        Assert.Equal(2, table.AtTimestamp(At(19_999)).Version);
        Assert.Equal(3, table.Latest().Version);
        Assert.Equal(20_000, table.Latest().TimestampMillis);
    }

    [Fact]
    public void AtVersion_OutOfRange_ThrowsVersionNotFoundWithAvailableRange()
    {
        using var log = CopyOf("simple_table");
        var table = log.Table();
        Assert.Equal(
            "[DELTA_VERSION_NOT_FOUND] Cannot time travel Delta table to version 5. Available versions: [0, 4].",
            Assert.Throws<DeltaException>(() => table.AtVersion(5)).Message);
        Assert.Equal("DELTA_VERSION_NOT_FOUND", Assert.Throws<DeltaException>(() => table.AtVersion(-1)).ErrorClass);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void AtVersion_CleanedUpCommitsWithoutCheckpoint_AreNotRebuildable(long version)
    {
        using var log = CopyOf("checkpoint-cdf-table");
        var ex = Assert.Throws<DeltaException>(() => log.Table().AtVersion(version));
        Assert.Equal($"[DELTA_VERSION_NOT_FOUND] Cannot time travel Delta table to version {version}. Available versions: [3, 5].", ex.Message);
        Assert.Equal(3, log.Table().AtVersion(3).Version);
    }

    [Fact]
    public void AtTimestamp_BeforeTheEarliestRebuildableVersion_ThrowsEarlier()
    {
        using var log = WithCommitTimes("checkpoint-cdf-table", out var times);
        Assert.Equal(3, times[0].Version);
        Assert.Equal(3, log.Table().AtTimestamp(At(times[0].Timestamp)).Version);
        Assert.Equal("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION",
            Assert.Throws<DeltaException>(() => log.Table().AtTimestamp(At(times[0].Timestamp - 1))).ErrorClass);
    }

    [Fact]
    public void InCommitTimestamps_AreTheCommitTimestamps()
    {
        // cdc_ict_table: commitInfo.timestamp and the file times differ from inCommitTimestamp; ICT must win.
        using var log = CopyOf("cdc_ict_table");
        var times = CommitTimestamps("cdc_ict_table");
        foreach (var (version, _) in times) log.SetCommitTime(version, 1_000 + version);
        var table = log.Table();
        foreach (var (version, ts) in times)
            Assert.Equal(ts, table.AtVersion(version).TimestampMillis);
        Assert.Equal(times.Select(t => t.Timestamp).Reverse(), table.History().Select(h => h.Timestamp.ToUnixTimeMilliseconds()));
        Assert.Equal(3, table.AtTimestamp(At(times[3].Timestamp)).Version);
        Assert.Equal(2, table.AtTimestamp(At(times[3].Timestamp - 1)).Version);
    }

    [Fact]
    public void InCommitTimestamps_EnabledLater_FileTimesBeforeAndIctAfter()
    {
        using var log = new TempLog();
        log.Commit(0, [CommitInfo(), Protocol(), Metadata()], mtimeMillis: 1_000);
        log.Commit(1, [CommitInfo(), Add("a")], mtimeMillis: 2_000);
        log.Commit(2, [CommitInfo(inCommitTimestamp: 5_000), Metadata("\"delta.enableInCommitTimestamps\":\"true\",\"delta.inCommitTimestampEnablementVersion\":\"2\",\"delta.inCommitTimestampEnablementTimestamp\":\"5000\"")], mtimeMillis: 99_000);
        log.Commit(3, [CommitInfo(inCommitTimestamp: 6_000), Add("b")], mtimeMillis: 98_000);
        var table = log.Table();
        Assert.Equal([6_000L, 5_000, 2_000, 1_000], table.History().Select(h => h.Timestamp.ToUnixTimeMilliseconds()));
        Assert.Equal(1, table.AtTimestamp(At(4_999)).Version);
        Assert.Equal(2, table.AtTimestamp(At(5_000)).Version);
        Assert.Equal(2, table.AtTimestamp(At(5_999)).Version);
        Assert.Equal(3, table.AtTimestamp(At(6_000)).Version);
        Assert.Equal(0, table.AtTimestamp(At(1_999)).Version);
        Assert.Equal(6_000, table.Latest().TimestampMillis);
        Assert.Equal(2_000, table.AtVersion(1).TimestampMillis);
    }

    [Fact]
    public void InCommitTimestamps_MissingInCommitTimestamp_IsAnError()
    {
        using var log = new TempLog();
        log.Commit(0, CommitInfo(), Protocol(), Metadata("\"delta.enableInCommitTimestamps\":\"true\""));
        Assert.Equal("DELTA_MISSING_COMMIT_TIMESTAMP", Assert.Throws<DeltaException>(() => log.Table().Latest()).ErrorClass);
    }

    [Fact]
    public void Retention_OldNonLatestVersion_IsRefusedUnlessSwitchedOff()
    {
        const long day = 86_400_000;
        using var log = new TempLog();
        log.Commit(0, [Protocol(), Metadata()], mtimeMillis: 100 * day);
        log.Commit(1, [Add("a")], mtimeMillis: 105 * day);
        log.Commit(2, [Add("b")], mtimeMillis: 110 * day);
        var now = new FixedTime(At(113 * day)); // cutoff = 106 days with the default 7-day retention
        var enforced = DeltaTable.ForPath(log.Root, new DeltaTableOptions { Time = now });
        var ex = Assert.Throws<DeltaException>(() => enforced.AtVersion(1));
        Assert.Equal("DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION", ex.ErrorClass);
        Assert.StartsWith("[DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION] Cannot time travel beyond delta.deletedFileRetentionDuration (168 HOURS) set on the table.", ex.Message, StringComparison.Ordinal);
        Assert.Throws<DeltaException>(() => enforced.AtTimestamp(At(100 * day)));
        Assert.Equal(2, enforced.AtVersion(2).Version);                      // latest: always allowed
        Assert.Equal(2, enforced.AtTimestamp(At(110 * day)).Version);
        Assert.Equal(2, DeltaTable.ForPath(log.Root, new DeltaTableOptions { Time = new FixedTime(At(1000 * day)) }).AtVersion(2).Version);

        var notEnforced = DeltaTable.ForPath(log.Root, new DeltaTableOptions { Time = now, EnforceTimeTravelWithinDeletedFileRetention = false });
        Assert.Equal(1, notEnforced.AtVersion(1).Version);
        Assert.Equal(0, notEnforced.AtTimestamp(At(100 * day)).Version);

        // Inside the window: allowed.
        var recent = DeltaTable.ForPath(log.Root, new DeltaTableOptions { Time = new FixedTime(At(111 * day)) });
        Assert.Equal(1, recent.AtVersion(1).Version);
    }

    [Fact]
    public void Retention_LatestTablePropertyDecides()
    {
        const long day = 86_400_000;
        using var log = new TempLog();
        log.Commit(0, [Protocol(), Metadata()], mtimeMillis: 100 * day);
        log.Commit(1, [Metadata("\"delta.deletedFileRetentionDuration\":\"interval 30 days\"")], mtimeMillis: 101 * day);
        var table = DeltaTable.ForPath(log.Root, new DeltaTableOptions { Time = new FixedTime(At(120 * day)) });
        Assert.Equal(0, table.AtVersion(0).Version);
        var late = DeltaTable.ForPath(log.Root, new DeltaTableOptions { Time = new FixedTime(At(131 * day)) });
        Assert.Contains("(720 HOURS)", Assert.Throws<DeltaException>(() => late.AtVersion(0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retention_ConformanceTablesWithDefaultOptions_RefuseOldVersions()
    {
        // The corpus' tables are years old: with Spark's default check on, non-latest versions are refused.
        using var log = WithCommitTimes("basic-with-inserts-deletes-checkpoint", out _);
        var table = DeltaTable.ForPath(log.Root);
        Assert.Equal("DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION",
            Assert.Throws<DeltaException>(() => table.AtVersion(3)).ErrorClass);
        Assert.Equal(13, table.Latest().Version);
    }

    [Fact]
    public void AtTimestamp_CostsAboutTheSameAsLatest_UsesNewestCheckpointAtOrBeforeTarget()
    {
        using var log = WithCommitTimes("basic-with-inserts-deletes-checkpoint", out var times);
        var at11 = log.Table().AtTimestamp(At(times.Single(t => t.Version == 11).Timestamp));
        Assert.Equal(11, at11.Version);
        Assert.Equal(10, at11.Segment!.Checkpoint!.Version);
        Assert.Equal([11L], at11.Segment.Commits.Select(c => long.Parse(c.Name[..20], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Null(log.Table().AtVersion(9).Segment!.Checkpoint);
    }
}
