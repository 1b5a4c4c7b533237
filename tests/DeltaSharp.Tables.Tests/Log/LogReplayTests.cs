using static DeltaSharp.Tables.Tests.Log.TempLog;

namespace DeltaSharp.Tables.Tests.Log;

/// <summary>PROTOCOL.md "Action Reconciliation" on hand-written logs (expected states computed by hand) and the
/// checkpoint routes of real tables (JSON-only replay, checkpoint replay and the expected files must agree).</summary>
public class LogReplayTests
{
    private static HashSet<(string, string?)> Files(Snapshot s) => s.ActiveFiles.Select(a => (a.Path, a.DvUniqueId)).ToHashSet();

    [Fact]
    public void Replay_RemoveThenReAdd_NewestActionPerPathWins()
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(), Metadata(), Add("a"), Add("b"));
        log.Commit(1, Remove("a"), Add("c"));
        log.Commit(2, Add("a"), Remove("b"));
        var table = log.Table();
        Assert.Equal([("a", null), ("c", null)], Files(table.Latest()).Order());
        Assert.Equal([("b", null), ("c", null)], Files(table.AtVersion(1)).Order());
        Assert.Equal([("a", null), ("b", null)], Files(table.AtVersion(0)).Order());
    }

    [Fact]
    public void Replay_DeletionVectorUpdates_KeyIsPathAndDvId()
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(3, 7, "\"deletionVectors\""), Metadata(), Add("f"), Add("g"));
        log.Commit(1, Remove("f"), Add("f", Dv("dvOne")));
        log.Commit(2, Remove("f", Dv("dvOne")), Add("f", Dv("dvTwo", offset: 9)));
        var table = log.Table();
        Assert.Equal([("f", "udvTwo@9"), ("g", null)], Files(table.Latest()).Order());
        Assert.Equal([("f", "udvOne@1"), ("g", null)], Files(table.AtVersion(1)).Order());
    }

    [Fact]
    public void Replay_SameDataFileWithAnotherDv_IsAnotherLogicalFile()
    {
        // Removing f with dvOne does not remove f with dvTwo (PROTOCOL.md: different DVs are different content).
        using var log = new TempLog();
        log.Commit(0, Protocol(3, 7, "\"deletionVectors\""), Metadata(), Add("f", Dv("dvTwo")));
        log.Commit(1, Remove("f", Dv("dvOne")), Remove("f"));
        Assert.Equal([("f", "udvTwo@1")], Files(log.Table().Latest()));
    }

    [Fact]
    public void Replay_TxnDomainProtocolMetadata_NewestWins()
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(), Metadata("\"k\":\"0\""), Txn("app", 1), Domain("d1", "A"), Domain("d2", "X"));
        log.Commit(1, Txn("app", 2), Txn("other", 5), Domain("d1", "B"), Protocol(1, 3), Metadata("\"k\":\"1\""));
        log.Commit(2, Domain("d2", "", removed: true), CommitInfo());
        var latest = log.Table().Latest();
        Assert.Equal(2, latest.SetTransactions["app"].Version);
        Assert.Equal(5, latest.SetTransactions["other"].Version);
        Assert.Equal(["d1"], latest.Domains.Keys);
        Assert.Equal("B", latest.Domains["d1"].Configuration);
        Assert.Equal(3, latest.Protocol.MinWriterVersion);
        Assert.Equal("1", latest.Metadata.Configuration["k"]);

        var v0 = log.Table().AtVersion(0);
        Assert.Equal(1, v0.SetTransactions["app"].Version);
        Assert.False(v0.SetTransactions.ContainsKey("other"));
        Assert.Equal(["d1", "d2"], v0.Domains.Keys.Order());
        Assert.Equal(2, v0.Protocol.MinWriterVersion);
        Assert.Equal("0", v0.Metadata.Configuration["k"]);
    }

    [Fact]
    public void Replay_PartitionColumnsChange_EachVersionUsesItsOwnMetadata()
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(), Metadata(partitionColumns: "\"p\""), Add("p=1/a", partitionValues: "\"p\":\"1\""));
        log.Commit(1, Metadata(partitionColumns: ""), Remove("p=1/a"), Add("b"));
        Assert.Equal(["p"], log.Table().AtVersion(0).PartitionColumns);
        Assert.Empty(log.Table().Latest().PartitionColumns);
    }

    [Fact]
    public void Replay_NoMetadata_ThrowsStateRecoverError()
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(), Add("a"));
        var ex = Assert.Throws<DeltaException>(() => log.Table().Latest());
        Assert.Equal("DELTA_STATE_RECOVER_ERROR", ex.ErrorClass);
        Assert.Contains("metaData", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latest_EmptyFolder_TableNotFound()
    {
        using var log = new TempLog();
        Assert.False(log.Table().Exists());
        Assert.Equal("DELTA_TABLE_NOT_FOUND", Assert.Throws<DeltaException>(() => log.Table().Latest()).ErrorClass);
        log.Write(".tmp/00000000000000000000.json", Protocol());
        log.Write("_last_checkpoint", """{"version":0,"size":1}""");
        Assert.False(log.Table().Exists());
    }

    [Fact]
    public void Latest_CommitGap_ThrowsNotContiguousNamingMissingVersion()
    {
        using var log = new TempLog();
        log.Commit(0, Protocol(), Metadata());
        log.Commit(1, Add("a"));
        log.Commit(3, Add("b"));
        var ex = Assert.Throws<DeltaException>(() => log.Table().Latest());
        Assert.Equal("DELTA_VERSIONS_NOT_CONTIGUOUS", ex.ErrorClass);
        Assert.Contains("version(s) 2 are missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latest_SimpleTable_IgnoresTmpFolderAndTempFiles()
    {
        using var log = CopyOf("simple_table");
        log.Write(".00000000000000000006.json.1f2e.tmp", "garbage");
        log.Write("00000000000000000007.json.tmp", "garbage");
        log.Write("00000000000000000008.checkpoint.parquet.crc", "garbage");
        Assert.True(File.Exists(Path.Combine(log.LogDir, ".tmp", "00000000000000000005.json")));
        var latest = log.Table().Latest();
        Assert.Equal(4, latest.Version);
    }

    public static TheoryData<string> CheckpointedTables() =>
        ["basic-with-inserts-deletes-checkpoint", "basic-with-inserts-overwrite-restore", "dv-partitioned-with-checkpoint",
         "multi-part-checkpoint", "v2-checkpoint-json", "v2-checkpoints-parquet-with-sidecars"];

    [Theory]
    [MemberData(nameof(CheckpointedTables))]
    public void Replay_JsonOnlyAndCheckpointRoutes_GiveTheSameSnapshot(string table)
    {
        using var original = CopyOf(table);
        using var jsonOnly = CopyOf(table);
        foreach (var f in Directory.GetFiles(jsonOnly.LogDir, "*.checkpoint*")) File.Delete(f);
        var expected = Files(original.Table().Latest());
        var checkpointed = original.Table().Latest();
        Assert.NotNull(checkpointed.Segment!.Checkpoint);
        Assert.Null(jsonOnly.Table().Latest().Segment!.Checkpoint);
        Assert.Equal(expected, Files(jsonOnly.Table().Latest()));

        // Every version both ways.
        for (var v = 0; v <= checkpointed.Version; v++)
            Assert.Equal(Files(jsonOnly.Table().AtVersion(v)), Files(original.Table().AtVersion(v)));

        // Checkpoint only: commits up to the newest checkpoint deleted.
        var checkpointVersion = checkpointed.Segment.Checkpoint!.Version;
        for (var v = 0; v <= checkpointVersion; v++) original.Delete($"{v:D20}.json");
        var fromCheckpoint = original.Table().Latest();
        Assert.Equal(expected, Files(fromCheckpoint));
        var (m1, m2) = (checkpointed.Metadata, fromCheckpoint.Metadata);
        Assert.Equal((m1.Id, m1.SchemaString, m1.Name, m1.Description, m1.CreatedTime, m1.Format.Provider), (m2.Id, m2.SchemaString, m2.Name, m2.Description, m2.CreatedTime, m2.Format.Provider));
        Assert.Equal(checkpointed.Protocol.MinReaderVersion, fromCheckpoint.Protocol.MinReaderVersion);
        Assert.Equal(checkpointed.Protocol.ReaderFeatures ?? [], fromCheckpoint.Protocol.ReaderFeatures ?? []);
        Assert.Equal(checkpointed.Metadata.Configuration.OrderBy(p => p.Key), fromCheckpoint.Metadata.Configuration.OrderBy(p => p.Key));
        Assert.Equal(checkpointed.PartitionColumns, fromCheckpoint.PartitionColumns);
    }

    [Fact]
    public void Replay_CheckpointAdds_KeepStatsTagsPartitionValuesAndDv()
    {
        // dv-partitioned-with-checkpoint @10 is classic: compare the checkpoint's adds with the JSON replay's adds.
        using var original = CopyOf("dv-partitioned-with-checkpoint");
        using var jsonOnly = CopyOf("dv-partitioned-with-checkpoint");
        foreach (var f in Directory.GetFiles(jsonOnly.LogDir, "*.checkpoint*")) File.Delete(f);
        var fromCheckpoint = original.Table().AtVersion(10).ActiveFiles.ToDictionary(a => (a.Path, a.DvUniqueId));
        var fromJson = jsonOnly.Table().AtVersion(10).ActiveFiles.ToDictionary(a => (a.Path, a.DvUniqueId));
        Assert.Equal(fromJson.Keys.Order(), fromCheckpoint.Keys.Order());
        Assert.Contains(fromJson.Values, a => a.DeletionVector is not null);
        foreach (var (key, json) in fromJson)
        {
            var cp = fromCheckpoint[key];
            Assert.Equal(json.Size, cp.Size);
            Assert.Equal(json.ModificationTime, cp.ModificationTime);
            Assert.Equal(json.Stats, cp.Stats);
            Assert.Equal(json.DeletionVector, cp.DeletionVector);
            Assert.Equal(json.PartitionValues.OrderBy(p => p.Key), cp.PartitionValues.OrderBy(p => p.Key));
            Assert.Equal((json.Tags ?? new Dictionary<string, string?>()).OrderBy(p => p.Key), (cp.Tags ?? new Dictionary<string, string?>()).OrderBy(p => p.Key));
        }
    }

    [Fact]
    public void Replay_MultiPartCheckpointWithMissingPart_IsIgnored()
    {
        using var log = CopyOf("multi-part-checkpoint");
        log.Delete("00000000000000000001.checkpoint.0000000002.0000000002.parquet");
        var latest = log.Table().Latest();
        Assert.Null(latest.Segment!.Checkpoint);
        Assert.Equal(1, latest.Version);

        // Without commit 0 and without a complete checkpoint, nothing can be rebuilt.
        log.Delete("00000000000000000000.json");
        Assert.Equal("DELTA_VERSIONS_NOT_CONTIGUOUS", Assert.Throws<DeltaException>(() => log.Table().Latest()).ErrorClass);
    }

    [Fact]
    public void Replay_MultiPartCheckpoint_ReadsEveryPart()
    {
        using var log = CopyOf("multi-part-checkpoint");
        log.Delete("00000000000000000000.json");
        log.Delete("00000000000000000001.json");
        var latest = log.Table().Latest();
        Assert.Equal(LogFileKindName.MultiPart, latest.Segment!.Checkpoint!.Kind.ToString());
        Assert.Equal(2, latest.Segment.Checkpoint.Files.Count);
    }

    [Fact]
    public void Replay_V2CheckpointMissingSidecar_FailsNamingTheFile()
    {
        using var log = CopyOf("v2-checkpoint-json");
        var sidecar = Directory.GetFiles(Path.Combine(log.LogDir, "_sidecars"))[0];
        File.Delete(sidecar);
        var ex = Assert.Throws<DeltaException>(() => log.Table().Latest());
        Assert.Equal("DELTA_CHECKPOINT_FILE_NOT_FOUND", ex.ErrorClass);
        Assert.Contains(Path.GetFileName(sidecar), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{not json")]
    [InlineData("""{"version":99,"size":3}""")]
    [InlineData("""{"version":0,"size":3}""")]
    [InlineData("""{"version":10,"size":3,"parts":7}""")]
    public void LastCheckpointHint_EmptyStaleOrCorrupt_DoesNotChangeTheSnapshot(string content)
    {
        using var reference = CopyOf("basic-with-inserts-deletes-checkpoint");
        using var log = CopyOf("basic-with-inserts-deletes-checkpoint");
        log.Write("_last_checkpoint", content);
        var expected = reference.Table().Latest();
        var actual = log.Table().Latest();
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(Files(expected), Files(actual));
        Assert.Equal(Files(reference.Table().AtVersion(5)), Files(log.Table().AtVersion(5)));
    }

    [Fact]
    public void Replay_CompactionFiles_AreIgnored()
    {
        using var log = CopyOf("compacted-log-files-table");
        using var without = CopyOf("compacted-log-files-table");
        foreach (var f in Directory.GetFiles(without.LogDir, "*.compacted.json")) File.Delete(f);
        Assert.NotEmpty(Directory.GetFiles(log.LogDir, "*.compacted.json"));
        Assert.Equal(Files(without.Table().Latest()), Files(log.Table().Latest()));
    }

    private static class LogFileKindName
    {
        public const string MultiPart = "MultiPartCheckpoint";
    }
}
