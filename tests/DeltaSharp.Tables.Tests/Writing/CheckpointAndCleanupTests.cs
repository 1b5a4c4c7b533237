using System.Text.Json;
using DeltaSharp.Tables.Writing;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Tables.Tests.Writing;

public sealed class CheckpointAndCleanupTests : IDisposable
{
    private readonly WriteTestTable _t = new();

    public void Dispose() => _t.Dispose();

    private static readonly IReadOnlyDictionary<string, string> EveryThird = new Dictionary<string, string> { ["delta.checkpointInterval"] = "3" };

    private string CheckpointPath(long v) => Path.Combine(_t.LogDir, $"{v:D20}.checkpoint.parquet");

    private static List<string> Keys(Snapshot s) => s.ActiveFiles.Select(a => a.Path + "|" + a.DvUniqueId).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void Commit_AtCheckpointInterval_WritesCheckpointThatRebuildsTheSameSnapshot()
    {
        _t.Create(["part"], EveryThird);
        Assert.False(_t.Append("a", 1, 2).CheckpointWritten);
        var removed = _t.Latest().ActiveFiles.Single();
        _t.Latest().StartTransaction("DELETE").ReadFiles([removed]).Remove(removed).SetApplicationTransaction("app", 7).Commit();
        var third = _t.Append("b", 3);

        Assert.True(third.CheckpointWritten);
        Assert.Null(third.PostCommitFailure);
        Assert.True(File.Exists(CheckpointPath(3)));
        using (var last = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_t.LogDir, "_last_checkpoint"))))
        {
            Assert.Equal(3, last.RootElement.GetProperty("version").GetInt64());
            Assert.Equal(1, last.RootElement.GetProperty("numOfAddFiles").GetInt64());
            Assert.Equal(5, last.RootElement.GetProperty("size").GetInt64()); // protocol, metaData, txn, add, remove
            Assert.True(last.RootElement.TryGetProperty("checkpointSchema", out _));
        }
        Assert.Equal([$"{{\"path\":\"{removed.Path}\"}}"], DuckDb.Query($"SELECT remove.path FROM read_parquet('{CheckpointPath(3)}') WHERE remove IS NOT NULL"));

        var fromJson = _t.Table.AtVersion(3);
        // Only the checkpoint can rebuild version 3 once the commits before it are gone.
        foreach (var v in new[] { 0, 1, 2 }) File.Delete(_t.CommitPath(v));
        var fromCheckpoint = _t.Table.AtVersion(3);
        Assert.Equal(Keys(fromJson), Keys(fromCheckpoint));
        Assert.Equal(7, fromCheckpoint.SetTransactions["app"].Version);
        Assert.Equal(fromJson.Metadata.Id, fromCheckpoint.Metadata.Id);
        Assert.Equal(fromJson.Protocol.WriterFeatures, fromCheckpoint.Protocol.WriterFeatures);

        var oracle = DeltaReplay.Read(_t.Root, 3);
        Assert.False(oracle.ExpectError);
        Assert.Equal(["{\"id\":3,\"part\":\"b\"}"], oracle.Rows);
    }

    [Fact]
    public void Checkpoint_KeepsOnlyTombstonesWithinDeletedFileRetention()
    {
        _t.Create(properties: EveryThird);
        _t.Append(1);
        _t.Append(2);
        var files = _t.Latest().ActiveFiles.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        var old = files[0];
        var recent = files[1];
        _t.Latest().StartTransaction("DELETE").ReadFiles([old]).Remove(old).Commit();               // version 3 (checkpoint)
        _t.Clock.Now = _t.Clock.Now.AddDays(8);                                                     // old removal now expired
        _t.Latest().StartTransaction("DELETE").ReadFiles([recent]).Remove(recent).Commit();         // version 4
        _t.Append(5);                                                                                // version 5
        Assert.True(_t.Append(6).CheckpointWritten);                                                 // version 6

        var removes = DuckDb.Query($"SELECT remove.path FROM read_parquet('{CheckpointPath(6)}') WHERE remove IS NOT NULL");
        Assert.Equal([$"{{\"path\":\"{recent.Path}\"}}"], removes);
        Assert.Equal(2, _t.Table.AtVersion(6).ActiveFiles.Count);
    }

    [Fact]
    public void Commit_WhenCheckpointFails_StillSucceedsAndReportsTheFailure()
    {
        var store = new FaultyStore { FailWrites = p => p.Contains(".checkpoint.parquet", StringComparison.Ordinal) };
        using var t = new WriteTestTable(store);
        t.Create(properties: EveryThird);
        t.Append(1);
        t.Append(2);
        var result = t.Append(3);
        Assert.Equal(3, result.Version);
        Assert.False(result.CheckpointWritten);
        Assert.IsType<IOException>(result.PostCommitFailure);
        Assert.Equal(3, t.Latest().Version);
        Assert.Empty(Directory.GetFiles(t.LogDir, "*checkpoint*"));
    }

    [Fact]
    public void Cleanup_DeletesOnlyVersionsBeforeTheNewestCheckpointNotNewerThanTheCutoff()
    {
        _t.Create(properties: new Dictionary<string, string>
        {
            ["delta.checkpointInterval"] = "2",
            ["delta.logRetentionDuration"] = "interval 2 days",
            ["delta.deletedFileRetentionDuration"] = "interval 1 day",
        });
        for (var i = 1; i <= 5; i++) _t.Append(i);          // checkpoints at 2 and 4
        var now = _t.Clock.Now;
        for (var v = 0; v <= 3; v++) File.SetLastWriteTimeUtc(_t.CommitPath(v), now.AddDays(-10).AddSeconds(v).UtcDateTime);
        for (var v = 4; v <= 5; v++) File.SetLastWriteTimeUtc(_t.CommitPath(v), now.AddSeconds(-10 + v).UtcDateTime);

        var staleTemp = Path.Combine(_t.LogDir, ".00000000000000000003.json.0123456789abcdef.tmp");
        var freshTemp = Path.Combine(_t.LogDir, ".00000000000000000007.json.fedcba9876543210.tmp");
        File.WriteAllText(staleTemp, "{\"add\":");
        File.SetLastWriteTimeUtc(staleTemp, now.AddDays(-10).UtcDateTime);
        File.WriteAllText(freshTemp, "{\"add\":");
        File.SetLastWriteTimeUtc(freshTemp, now.UtcDateTime);

        Assert.True(_t.Append(6).CheckpointWritten);         // version 6: checkpoint, then cleanup

        Assert.False(File.Exists(staleTemp));                 // a crashed writer's temp file from before the cutoff
        Assert.True(File.Exists(freshTemp));

        File.Delete(freshTemp);
        var remaining = Directory.GetFiles(_t.LogDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.DoesNotContain("00000000000000000000.json", remaining);
        Assert.DoesNotContain("00000000000000000001.json", remaining);
        Assert.Contains("00000000000000000002.json", remaining);   // the cutoff checkpoint's commit stays
        Assert.Contains("00000000000000000002.checkpoint.parquet", remaining);
        Assert.Contains("00000000000000000003.json", remaining);
        for (var v = 2; v <= 6; v++) Assert.Equal(v, _t.Table.AtVersion(v).Version);
        Assert.Equal(6, _t.Table.AtVersion(6).ActiveFiles.Count);
        Assert.Throws<DeltaException>(() => _t.Table.AtVersion(1));
    }

    [Fact]
    public void Cleanup_Disabled_KeepsEveryLogFile()
    {
        _t.Create(properties: new Dictionary<string, string>
        {
            ["delta.checkpointInterval"] = "2",
            ["delta.enableExpiredLogCleanup"] = "false",
        });
        _t.Append(1);
        foreach (var f in Directory.GetFiles(_t.LogDir, "*.json")) File.SetLastWriteTimeUtc(f, _t.Clock.Now.AddDays(-100).UtcDateTime);
        _t.Append(2);
        _t.Append(3);
        _t.Append(4);
        Assert.True(File.Exists(_t.CommitPath(0)));
    }

    [Fact]
    public void Cleanup_WithoutCheckpointBeforeCutoff_DeletesNothing()
    {
        _t.Create();
        _t.Append(1);
        foreach (var f in Directory.GetFiles(_t.LogDir, "*.json")) File.SetLastWriteTimeUtc(f, _t.Clock.Now.AddDays(-100).UtcDateTime);
        Assert.Equal(0, LogCleanup.Run(_t.Options.FileStore, _t.Root, _t.Clock.Now, TimeSpan.FromDays(30)));
        Assert.Equal(2, Directory.GetFiles(_t.LogDir, "*.json").Length);
    }
}
