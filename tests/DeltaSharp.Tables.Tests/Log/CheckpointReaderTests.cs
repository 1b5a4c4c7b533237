using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;
using DeltaSharp.Tables.Writing;
using static DeltaSharp.Tables.Tests.Log.TempLog;

namespace DeltaSharp.Tables.Tests.Log;

/// <summary>Reading Parquet checkpoints: the corpus' (Spark, Databricks) and the ones our own writer produces.</summary>
public class CheckpointReaderTests
{
    private static List<DeltaAction> ReadAll(string path, ActionKinds kinds = ActionKinds.All)
    {
        var actions = new List<DeltaAction>();
        CheckpointReader.Read(LocalFileStore.Instance, path, kinds, actions.Add);
        return actions;
    }

    private static CheckpointContent Content(int files) => new(
        4,
        new Protocol(3, 7, ["deletionVectors"], ["deletionVectors", "domainMetadata"]),
        new Metadata("tid", SchemaString.Replace("\\\"", "\"", StringComparison.Ordinal), ["p"], new Dictionary<string, string> { ["delta.enableDeletionVectors"] = "true" },
            new FileFormat("parquet", new Dictionary<string, string>()), "name", "about", 123),
        [new SetTransaction("app-1", 7, 99), new SetTransaction("app-2", 1)],
        [new DomainMetadata("d1", "{\"k\":1}", false), new DomainMetadata("gone", "", true)],
        Enumerable.Range(0, files).Select(i => new AddFile(
            $"p={i % 3}/f{i}.parquet",
            new Dictionary<string, string?> { ["p"] = i % 4 == 3 ? null : (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            100 + i,
            1000 + i,
            true,
            $"{{\"numRecords\":{i}}}",
            i % 2 == 0 ? new Dictionary<string, string?> { ["t"] = "v" } : null,
            i % 5 == 0 ? new DeletionVectorDescriptor("u", "ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6) : null,
            i % 7 == 0 ? i * 10 : null)),
        [new RemoveFile("old.parquet", 5000, true, true, new Dictionary<string, string?> { ["p"] = "0" }, 77, "{\"numRecords\":1}")]);

    [Fact]
    public void Read_CheckpointFromOurWriter_GivesBackEveryAction()
    {
        using var log = new TempLog();
        Directory.CreateDirectory(log.LogDir);
        var content = Content(files: 600);
        CheckpointWriter.Write(LocalFileStore.Instance, log.LogDir, content, batchRows: 100);
        var actions = ReadAll(Path.Combine(log.LogDir, "00000000000000000004.checkpoint.parquet"));

        var protocol = Assert.Single(actions.OfType<Protocol>());
        Assert.Equal((3, 7), (protocol.MinReaderVersion, protocol.MinWriterVersion));
        Assert.Equal(["deletionVectors"], protocol.ReaderFeatures!);
        var metadata = Assert.Single(actions.OfType<Metadata>());
        Assert.Equal(("tid", "name", "about", 123L, "parquet"), (metadata.Id, metadata.Name, metadata.Description, metadata.CreatedTime, metadata.Format.Provider));
        Assert.Equal(content.Metadata.SchemaString, metadata.SchemaString);
        Assert.Equal(["p"], metadata.PartitionColumns);
        Assert.Equal("true", metadata.Configuration["delta.enableDeletionVectors"]);
        Assert.Equal(content.Transactions.OrderBy(t => t.AppId), actions.OfType<SetTransaction>().OrderBy(t => t.AppId));
        // The writer may drop removed domains (nothing older than a checkpoint needs their tombstone).
        Assert.Equal(content.Domains.Where(d => !d.Removed).OrderBy(d => d.Domain), actions.OfType<DomainMetadata>().Where(d => !d.Removed).OrderBy(d => d.Domain));
        Assert.All(actions.OfType<DomainMetadata>(), d => Assert.Contains(d, content.Domains));
        var remove = Assert.Single(actions.OfType<RemoveFile>());
        Assert.Equal(("old.parquet", 5000L, 77L), (remove.Path, remove.DeletionTimestamp!.Value, remove.Size!.Value));

        var adds = actions.OfType<AddFile>().ToDictionary(a => a.Path);
        Assert.Equal(600, adds.Count);
        foreach (var expected in content.Files)
        {
            var add = adds[expected.Path];
            // dataChange is not compared: checkpoints write false, as Spark does.
            Assert.Equal((expected.Size, expected.ModificationTime, expected.Stats, expected.BaseRowId),
                (add.Size, add.ModificationTime, add.Stats, add.BaseRowId));
            Assert.Equal(expected.DeletionVector, add.DeletionVector);
            Assert.Equal(expected.PartitionValues.OrderBy(p => p.Key), add.PartitionValues.OrderBy(p => p.Key));
            Assert.Equal(expected.Tags?.OrderBy(p => p.Key), add.Tags?.OrderBy(p => p.Key));
        }
    }

    [Fact]
    public void Read_KindFilter_DecodesOnlyThoseColumns()
    {
        using var log = new TempLog();
        Directory.CreateDirectory(log.LogDir);
        CheckpointWriter.Write(LocalFileStore.Instance, log.LogDir, Content(files: 10), batchRows: 100);
        var path = Path.Combine(log.LogDir, "00000000000000000004.checkpoint.parquet");
        Assert.All(ReadAll(path, ActionKinds.NonFile), a => Assert.IsNotType<AddFile>(a));
        Assert.Equal(10, ReadAll(path, ActionKinds.Add).Count);
        Assert.Empty(ReadAll(path, ActionKinds.Sidecar | ActionKinds.CheckpointMetadata)); // columns this file lacks
    }

    [Fact]
    public void Replay_FromOurCheckpoint_EqualsTheCheckpointedState()
    {
        using var log = new TempLog();
        Directory.CreateDirectory(log.LogDir);
        var content = Content(files: 50);
        CheckpointWriter.Write(LocalFileStore.Instance, log.LogDir, content, batchRows: 16);
        log.Commit(5, Remove("p=0/f0.parquet", "{\"storageType\":\"u\",\"pathOrInlineDv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"offset\":4,\"sizeInBytes\":40,\"cardinality\":6}"), Add("new.parquet"), Txn("app-2", 2));
        var at4 = log.Table().AtVersion(4);
        Assert.Equal(content.Files.Select(a => (a.Path, a.DvUniqueId)).Order(), at4.ActiveFiles.Select(a => (a.Path, a.DvUniqueId)).Order());
        Assert.Equal(["d1"], at4.Domains.Keys); // the removed domain is a tombstone
        Assert.Equal(7, at4.SetTransactions["app-1"].Version);

        var latest = log.Table().Latest();
        Assert.Equal(50, latest.ActiveFiles.Count); // -1 removed, +1 added
        Assert.DoesNotContain(latest.ActiveFiles, a => a.Path == "p=0/f0.parquet");
        Assert.Contains(latest.ActiveFiles, a => a.Path == "new.parquet");
        Assert.Equal(2, latest.SetTransactions["app-2"].Version);
    }

    [Fact]
    public void Read_NotAParquetFile_ThrowsInvalidCheckpointNamingIt()
    {
        using var log = new TempLog();
        log.Write("00000000000000000003.checkpoint.parquet", "definitely not parquet");
        var path = Path.Combine(log.LogDir, "00000000000000000003.checkpoint.parquet");
        var ex = Assert.Throws<DeltaException>(() => ReadAll(path));
        Assert.Equal("DELTA_INVALID_CHECKPOINT", ex.ErrorClass);
        Assert.Contains("00000000000000000003.checkpoint.parquet", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorpusV2ParquetCheckpoint_HasSidecarsAndNoInlineAdds()
    {
        var dir = Path.Combine(DeltaSharp.TestSupport.RepoPaths.ConformanceTablesDir, "v2-checkpoints-parquet-with-sidecars", "_delta_log");
        var top = Directory.GetFiles(dir, "00000000000000000004.checkpoint.*.parquet").Single();
        var actions = ReadAll(top);
        Assert.NotEmpty(actions.OfType<Sidecar>());
        Assert.Equal(4, Assert.Single(actions.OfType<CheckpointMetadata>()).Version);
        foreach (var sidecar in actions.OfType<Sidecar>())
            Assert.True(File.Exists(LogReplay.SidecarPath(LocalFileStore.Instance, dir, sidecar.Path)), sidecar.Path);
    }

    [Theory]
    [InlineData("abc.parquet", "_sidecars/abc.parquet")]
    [InlineData("a%20b.parquet", "_sidecars/a b.parquet")]
    public void SidecarPath_RelativeNames_ResolveUnderSidecars(string path, string expected)
    {
        Assert.Equal(Path.Combine("/t/_delta_log", expected), LogReplay.SidecarPath(LocalFileStore.Instance, "/t/_delta_log", path));
        Assert.Equal("/elsewhere/x.parquet", LogReplay.SidecarPath(LocalFileStore.Instance, "/t/_delta_log", "file:///elsewhere/x.parquet"));
    }
}
