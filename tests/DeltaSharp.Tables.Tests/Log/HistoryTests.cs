using static DeltaSharp.Tables.Tests.Log.TempLog;

namespace DeltaSharp.Tables.Tests.Log;

public class HistoryTests
{
    [Fact]
    public void History_NewestFirst_WithCommitInfoAndLimit()
    {
        using var log = CopyOf("simple_table");
        var history = log.Table().History();
        Assert.Equal([4L, 3, 2, 1, 0], history.Select(h => h.Version));
        // simple_table: v0 writes, v4 is a DELETE (from its commit files).
        Assert.Equal("WRITE", history[^1].CommitInfo.Operation);
        Assert.Equal("DELETE", history[0].CommitInfo.Operation);
        Assert.StartsWith("{", history[0].CommitInfo.RawJson, StringComparison.Ordinal);
        Assert.Equal([4L, 3], log.Table().History(2).Select(h => h.Version));
        Assert.Empty(log.Table().History(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => log.Table().History(-1));
    }

    [Fact]
    public void History_CommitWithoutCommitInfo_GetsAnEmptyOne()
    {
        using var log = CopyOf("cdf-table-with-dv");
        var history = log.Table().History();
        Assert.Equal(7, history.Count);
        Assert.All(history, h => Assert.Null(h.CommitInfo.Operation));
    }

    [Fact]
    public void History_CleanedUpCommits_AreNotListed()
    {
        using var log = CopyOf("checkpoint-cdf-table");
        Assert.Equal([5L, 4, 3], log.Table().History().Select(h => h.Version));
    }

    [Fact]
    public void History_NoTable_ThrowsTableNotFound()
    {
        using var log = new TempLog();
        Assert.Equal("DELTA_TABLE_NOT_FOUND", Assert.Throws<DeltaException>(() => log.Table().History()).ErrorClass);
    }

    [Fact]
    public void History_HandWrittenCommits_ReturnsTheirOperations()
    {
        using var log = new TempLog();
        log.Commit(0, CommitInfo("CREATE TABLE"), Protocol(), Metadata());
        log.Commit(1, Add("a"), CommitInfo("WRITE"));   // commitInfo need not be first without in-commit timestamps
        log.Commit(2, CommitInfo("OPTIMIZE"), Remove("a"), Add("b"));
        Assert.Equal(["OPTIMIZE", "WRITE", "CREATE TABLE"], log.Table().History().Select(h => h.CommitInfo.Operation));
        Assert.Equal("Append", log.Table().History(1)[0].CommitInfo.OperationParameters!["mode"]);
    }
}
