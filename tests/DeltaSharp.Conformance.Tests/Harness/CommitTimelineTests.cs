using DeltaSharp.Conformance.Tests.Support;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Harness;

public sealed class CommitTimelineTests
{
    private static CorpusCommitTimestamp File(long v, long? ts) => new(v, ts, ts is null ? "none (no commitInfo)" : "commitInfo.timestamp", ts, null);

    private static CorpusCommitTimestamp Ict(long v, long ts) => new(v, ts, "commitInfo.inCommitTimestamp", ts, null);

    [Fact]
    public void From_FileTimes_AreMadeStrictlyIncreasing()
    {
        var t = CommitTimeline.From([File(0, 1000), File(1, 1000), File(2, 900), File(3, 5000)]);
        Assert.Equal([1000L, 1000, 900, 5000], t.Commits.Select(c => c.FileMillis));
        Assert.Equal([1000L, 1001, 1002, 5000], t.Commits.Select(c => c.CommitMillis));
    }

    [Fact]
    public void From_InCommitTimestamps_AreUsedAsIsAndFilesGetAnotherTime()
    {
        var t = CommitTimeline.From([Ict(0, 5000), Ict(1, 4000)]);
        Assert.Equal([5000L, 4000], t.Commits.Select(c => c.CommitMillis));
        Assert.All(t.Commits, c => Assert.NotEqual(c.CommitMillis, c.FileMillis));
        Assert.All(t.Commits, c => Assert.True(c.InCommitTimestamp));
    }

    [Fact]
    public void From_CommitsWithoutCommitInfo_GetSyntheticIncreasingTimes()
    {
        var t = CommitTimeline.From([File(0, null), File(1, null)]);
        Assert.True(t.Commits[1].CommitMillis > t.Commits[0].CommitMillis);
        Assert.All(t.Commits, c => Assert.Equal(c.FileMillis, c.CommitMillis));
    }

    [Fact]
    public void Resolve_Monotonic_GivesLatestCommitAtOrBefore()
    {
        var t = CommitTimeline.From([File(3, 1000), File(4, 2000), File(5, 3000)]);
        Assert.Equal(new TimestampResolution(ResolutionKind.EarlierThanFirstCommit), t.Resolve(999));
        Assert.Equal(new TimestampResolution(ResolutionKind.Version, 3), t.Resolve(1000));
        Assert.Equal(new TimestampResolution(ResolutionKind.Version, 3), t.Resolve(1999));
        Assert.Equal(new TimestampResolution(ResolutionKind.Version, 5), t.Resolve(3000));
        Assert.Equal(new TimestampResolution(ResolutionKind.GreaterThanLatestCommit), t.Resolve(3001));
    }

    [Fact]
    public void Resolve_NonMonotonicInCommitTimestamps_IsAmbiguousWhereTheSearchCouldDiffer()
    {
        // cdc_ict_table's shape: version 1's in-commit timestamp is years before version 0's.
        var t = CommitTimeline.From([Ict(0, 5000), Ict(1, 1000), Ict(2, 6000), Ict(3, 7000)]);
        Assert.Equal(ResolutionKind.Ambiguous, t.Resolve(1000).Kind);      // only v1 qualifies, not a prefix
        Assert.Equal(ResolutionKind.Ambiguous, t.Resolve(4999).Kind);
        Assert.Equal(new TimestampResolution(ResolutionKind.Version, 1), t.Resolve(5000)); // {0, 1}
        Assert.Equal(new TimestampResolution(ResolutionKind.Version, 2), t.Resolve(6000));
        Assert.Equal(ResolutionKind.EarlierThanFirstCommit, t.Resolve(999).Kind);
        Assert.Equal(ResolutionKind.GreaterThanLatestCommit, t.Resolve(7001).Kind);
    }

    [Fact]
    public void ProbeTimestamps_CoverEachCommitItsPredecessorMillisecondAndAfterLatest()
    {
        var t = CommitTimeline.From([File(0, 1000), File(1, 2000)]);
        Assert.Equal([999L, 1000, 1999, 2000, 2001], t.ProbeTimestamps());
    }

    [Fact]
    public void ApplyFileTimes_SetsEachCommitFilesModificationTime()
    {
        using var dir = new TempDir();
        var t = CommitTimeline.From([File(0, 1_600_000_000_123), Ict(1, 1_700_000_000_456)]);
        foreach (var name in new[] { "00000000000000000000.json", "00000000000000000001.json" })
            System.IO.File.WriteAllText(Path.Combine(dir.Path, name), "{}");
        t.ApplyFileTimes(dir.Path);
        Assert.Equal(1_600_000_000_123, new DateTimeOffset(System.IO.File.GetLastWriteTimeUtc(Path.Combine(dir.Path, "00000000000000000000.json"))).ToUnixTimeMilliseconds());
        Assert.Equal(t.Commits[1].FileMillis, new DateTimeOffset(System.IO.File.GetLastWriteTimeUtc(Path.Combine(dir.Path, "00000000000000000001.json"))).ToUnixTimeMilliseconds());
    }
}
