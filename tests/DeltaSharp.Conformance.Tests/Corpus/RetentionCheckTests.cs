using DeltaSharp.Conformance.Tests.Support;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;
using Xunit.Abstractions;

namespace DeltaSharp.Conformance.Tests.Corpus;

/// <summary>
/// The deleted-file retention rule (corpus README "Old tables and the deleted-file retention rule"; Spark's
/// enforceTimeTravelWithinDeletedFileRetentionDuration, on by default): with the check on, time travel to a
/// non-latest version whose commit timestamp is older than delta.deletedFileRetentionDuration (7 days by default)
/// fails with DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION; the latest version always reads.
/// "Now" is fixed through DeltaTableOptions.Time; commit times come from a <see cref="TimedLogCopy"/>.
/// </summary>
public sealed class RetentionCheckTests(ITestOutputHelper output)
{
    public const string BeyondRetention = "DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION";
    private const long Day = 86_400_000;
    private const long DefaultRetention = 7 * Day;
    private const long Margin = 60_000;

    [Theory]
    [MemberData(nameof(CorpusCases.ReadableTables), MemberType = typeof(CorpusCases))]
    public void AtVersion_WithRetentionCheckOn_RefusesOldVersionsButReadsLatest(string table)
    {
        if (!Prepare(table, out var meta)) return;
        using var copy = TimedLogCopy.Of(meta);
        var now = copy.Timeline.Commits.Max(c => c.CommitMillis) + 30 * Day;
        var deltaTable = DeltaTable.ForPath(copy.TableDir, new DeltaTableOptions { Time = FixedTimeProvider.AtMillis(now) });
        var failures = new List<string>();
        foreach (var c in copy.Timeline.Commits)
        {
            if (c.Version == meta.LatestVersion || meta.VersionsNotReconstructable.Contains(c.Version)) continue;
            var thrown = Record.Exception(() => deltaTable.AtVersion(c.Version));
            if (thrown is not DeltaException { ErrorClass: BeyondRetention })
                failures.Add($"AtVersion({c.Version}) (committed {(now - c.CommitMillis) / Day} days before now): expected {BeyondRetention} but got " +
                             (thrown is null ? "a snapshot" : ExpectedErrors.Show(thrown)));
        }
        CheckLatestReads(deltaTable, meta, failures);
        if (failures.Count > 0) Assert.Fail($"{table}:\n- " + string.Join("\n- ", failures));
    }

    [Theory]
    [MemberData(nameof(CorpusCases.ReadableTables), MemberType = typeof(CorpusCases))]
    public void AtVersion_WithRetentionCheckOn_ReadsVersionsWithinRetention(string table)
    {
        if (!Prepare(table, out var meta)) return;
        using var copy = TimedLogCopy.Of(meta);
        var now = copy.Timeline.Latest.CommitMillis + 3_600_000;
        var deltaTable = DeltaTable.ForPath(copy.TableDir, new DeltaTableOptions { Time = FixedTimeProvider.AtMillis(now) });
        var failures = new List<string>();
        foreach (var c in copy.Timeline.Commits)
        {
            if (meta.VersionsNotReconstructable.Contains(c.Version)) continue;
            var age = now - c.CommitMillis;
            if (Math.Abs(age - DefaultRetention) < Margin) continue; // too close to the boundary to call
            var refused = age > DefaultRetention && c.Version != meta.LatestVersion;
            var thrown = Record.Exception(() => deltaTable.AtVersion(c.Version));
            if (refused && thrown is not DeltaException { ErrorClass: BeyondRetention })
                failures.Add($"AtVersion({c.Version}) ({age / Day} days old): expected {BeyondRetention} but got " +
                             (thrown is null ? "a snapshot" : ExpectedErrors.Show(thrown)));
            else if (!refused && thrown is not null)
                failures.Add($"AtVersion({c.Version}) (committed {age / 60_000} minutes before now, within retention): expected a snapshot but got {ExpectedErrors.Show(thrown)}");
        }
        CheckLatestReads(deltaTable, meta, failures);
        if (failures.Count > 0) Assert.Fail($"{table}:\n- " + string.Join("\n- ", failures));
    }

    private bool Prepare(string table, out DeltaCorpusTable meta)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        meta = DeltaConformanceCorpus.Table(table);
        if (meta.CommitTimestamps.Count == 0)
        {
            output.WriteLine($"{table}: meta.json lists no commit files; nothing to check");
            return false;
        }
        if (meta.TableProperties.TryGetValue("delta.deletedFileRetentionDuration", out var retention))
        {
            output.WriteLine($"{table}: sets delta.deletedFileRetentionDuration = {retention}; this test assumes the 7-day default");
            return false;
        }
        return true;
    }

    private static void CheckLatestReads(DeltaTable deltaTable, DeltaCorpusTable meta, List<string> failures)
    {
        var atLatest = Record.Exception(() => deltaTable.AtVersion(meta.LatestVersion));
        if (atLatest is not null) failures.Add($"AtVersion({meta.LatestVersion}) (the latest) must read, but got {ExpectedErrors.Show(atLatest)}");
        Snapshot? latest = null;
        var thrown = Record.Exception(() => latest = deltaTable.Latest());
        if (thrown is not null) failures.Add($"Latest() must read, but got {ExpectedErrors.Show(thrown)}");
        else if (latest!.Version != meta.LatestVersion) failures.Add($"Latest() is version {latest.Version}, expected {meta.LatestVersion}");
    }
}
