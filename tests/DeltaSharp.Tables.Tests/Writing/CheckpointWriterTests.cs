using System.Text.Json;
using DeltaSharp.Parquet;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Tables.Tests.Writing;

public sealed class CheckpointWriterTests : IDisposable
{
    private readonly string _log = Directory.CreateTempSubdirectory("ds-ckpt-").FullName;
    private static readonly IFileStore Store = LocalFileStore.Instance;

    public void Dispose() => Directory.Delete(_log, recursive: true);

    private static CheckpointContent Content(long version, int files, int tombstones) => new(
        version,
        new Protocol(3, 7, ["deletionVectors"], ["deletionVectors", "appendOnly"]),
        new Metadata("tid", "{\"type\":\"struct\",\"fields\":[]}", ["p"], new Dictionary<string, string> { ["delta.enableDeletionVectors"] = "true" },
            new FileFormat("parquet", new Dictionary<string, string>()), "name", null, 123),
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
        Enumerable.Range(0, tombstones).Select(i => new RemoveFile($"old{i}.parquet", 5000 + i, true, true,
            new Dictionary<string, string?> { ["p"] = "0" }, 77, "{\"numRecords\":1}")));

    [Fact]
    public void Write_SmallBatches_ProducesOneActionPerRowInSparkLayout()
    {
        var info = CheckpointWriter.Write(Store, _log, Content(10, files: 25, tombstones: 4), batchRows: 7);

        Assert.NotNull(info);
        Assert.Equal(new LastCheckpointInfo(10, 2 + 2 + 1 + 25 + 4, info.SizeInBytes, 25), info);
        var path = Path.Combine(_log, "00000000000000000010.checkpoint.parquet");
        Assert.Equal(new FileInfo(path).Length, info.SizeInBytes);

        using (var reader = ParquetFileReader.Open(path))
        {
            Assert.Equal(34, reader.RowCount);
            Assert.Equal(["txn", "add", "remove", "metaData", "protocol", "domainMetadata"], reader.Schema.Fields.Select(f => f.Name));
        }

        var q = $"FROM read_parquet('{path}')";
        Assert.Equal(["{\"n\":34}"], DuckDb.Query($"SELECT count(*) AS n {q} WHERE (txn IS NOT NULL)::int + (add IS NOT NULL)::int + (remove IS NOT NULL)::int + (metaData IS NOT NULL)::int + (protocol IS NOT NULL)::int + (domainMetadata IS NOT NULL)::int = 1"));
        Assert.Equal(["{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"deletionVectors\"],\"writerFeatures\":[\"deletionVectors\",\"appendOnly\"]}}"],
            DuckDb.Query($"SELECT protocol {q} WHERE protocol IS NOT NULL"));
        Assert.Equal(["{\"id\":\"tid\",\"name\":\"name\",\"provider\":\"parquet\",\"partitionColumns\":[\"p\"],\"configuration\":[{\"key\":\"delta.enableDeletionVectors\",\"value\":\"true\"}],\"createdTime\":123}"],
            DuckDb.Query($"SELECT metaData.id, metaData.name, metaData.format.provider, metaData.partitionColumns, metaData.configuration, metaData.createdTime {q} WHERE metaData IS NOT NULL"));
        Assert.Equal(["{\"appId\":\"app-1\",\"version\":7,\"lastUpdated\":99}", "{\"appId\":\"app-2\",\"version\":1,\"lastUpdated\":null}"],
            DuckDb.Query($"SELECT txn.appId, txn.version, txn.lastUpdated {q} WHERE txn IS NOT NULL ORDER BY txn.appId"));
        Assert.Equal(["{\"domain\":\"d1\",\"configuration\":\"{\\\"k\\\":1}\",\"removed\":false}"],
            DuckDb.Query($"SELECT domainMetadata.* {q} WHERE domainMetadata IS NOT NULL"));

        var adds = DuckDb.Query($"SELECT add.path, add.partitionValues, add.size, add.modificationTime, add.dataChange, add.stats, add.tags, add.deletionVector.pathOrInlineDv AS dv, add.deletionVector.offset AS off, add.baseRowId {q} WHERE add IS NOT NULL ORDER BY add.size");
        Assert.Equal(25, adds.Count);
        Assert.Equal("{\"path\":\"p=0/f0.parquet\",\"partitionValues\":[{\"key\":\"p\",\"value\":\"0\"}],\"size\":100,\"modificationTime\":1000,\"dataChange\":false,\"stats\":\"{\\\"numRecords\\\":0}\",\"tags\":[{\"key\":\"t\",\"value\":\"v\"}],\"dv\":\"ab^-aqEH.-t@S}K{vb[*k^\",\"off\":4,\"baseRowId\":0}", adds[0]);
        Assert.Equal("{\"path\":\"p=0/f3.parquet\",\"partitionValues\":[{\"key\":\"p\",\"value\":null}],\"size\":103,\"modificationTime\":1003,\"dataChange\":false,\"stats\":\"{\\\"numRecords\\\":3}\",\"tags\":null,\"dv\":null,\"off\":null,\"baseRowId\":null}", adds[3]);

        var removes = DuckDb.Query($"SELECT remove.path, remove.deletionTimestamp, remove.dataChange, remove.extendedFileMetadata, remove.size {q} WHERE remove IS NOT NULL ORDER BY remove.path");
        Assert.Equal("{\"path\":\"old0.parquet\",\"deletionTimestamp\":5000,\"dataChange\":false,\"extendedFileMetadata\":true,\"size\":77}", removes[0]);
        Assert.Equal(4, removes.Count);
    }

    [Fact]
    public void Write_ReadBackWithOurReader_KeepsNestedNulls()
    {
        CheckpointWriter.Write(Store, _log, Content(3, files: 6, tombstones: 1), batchRows: 4);
        using var reader = ParquetFileReader.Open(Path.Combine(_log, "00000000000000000003.checkpoint.parquet"));
        var rows = reader.ReadAll().SelectMany(b => Enumerable.Range(0, b.RowCount).Select(i => b.Columns.Select(c => c.GetObject(i)).ToArray())).ToList();
        Assert.Equal(12, rows.Count); // protocol, metaData, 2 txn, 1 live domain, 6 adds, 1 remove
        Assert.All(rows, r => Assert.Single(r, v => v is not null));
        var add = rows.Select(r => r[1]).OfType<object?[]>().First();
        Assert.Equal("p=0/f0.parquet", add[0]);
        var dv = Assert.IsType<object?[]>(add[6]);
        Assert.Equal(["u", "ab^-aqEH.-t@S}K{vb[*k^", 4, 40, 6L, null], dv);
    }

    [Fact]
    public void Write_StatsAsJsonOff_LeavesAddStatsNull()
    {
        CheckpointWriter.Write(Store, _log, Content(4, files: 3, tombstones: 0) with { WriteStatsAsJson = false });
        var path = Path.Combine(_log, "00000000000000000004.checkpoint.parquet");
        Assert.Equal(["{\"n\":3,\"stats\":0}"], DuckDb.Query($"SELECT count(*) AS n, count(add.stats) AS stats FROM read_parquet('{path}') WHERE add IS NOT NULL"));
    }

    [Fact]
    public void Write_WhenCheckpointExists_LeavesItAlone()
    {
        var path = Path.Combine(_log, "00000000000000000010.checkpoint.parquet");
        File.WriteAllText(path, "existing");
        Assert.Null(CheckpointWriter.Write(Store, _log, Content(10, 1, 0)));
        Assert.Equal("existing", File.ReadAllText(path));
    }

    [Fact]
    public void WriteLastCheckpoint_WritesChecksummedHintAndNeverGoesBack()
    {
        CheckpointWriter.WriteLastCheckpoint(Store, _log, new LastCheckpointInfo(20, 30, 4000, 18));
        var path = Path.Combine(_log, "_last_checkpoint");
        var bytes = File.ReadAllBytes(path);
        using (var doc = JsonDocument.Parse(bytes))
        {
            Assert.Equal(20, doc.RootElement.GetProperty("version").GetInt64());
            Assert.Equal(30, doc.RootElement.GetProperty("size").GetInt64());
            Assert.Equal(4000, doc.RootElement.GetProperty("sizeInBytes").GetInt64());
            Assert.Equal(18, doc.RootElement.GetProperty("numOfAddFiles").GetInt64());
            Assert.Equal(JsonChecksum.Compute(bytes), doc.RootElement.GetProperty("checksum").GetString());
        }
        CheckpointWriter.WriteLastCheckpoint(Store, _log, new LastCheckpointInfo(10, 1, 1, 1));
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_PutsNonFileActionsAddsAndRemovesInRowGroupsOfTheirOwn()
    {
        // 2 txn + 1 live domain + protocol + metaData = 5 non-file rows; 20 adds; 9 removes; batches of 4 rows.
        CheckpointWriter.Write(Store, _log, Content(12, files: 20, tombstones: 9), batchRows: 4);
        var path = Path.Combine(_log, "00000000000000000012.checkpoint.parquet");
        using var reader = ParquetFileReader.Open(path);
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal([5L, 20L, 9L], reader.Metadata.RowGroups.Select(g => g.NumRows));
        // Null counts in the footer tell the kinds apart (a reader skips row groups by them): column 'path' of add
        // and of remove, 'id' of metaData.
        long Nulls(int group, string dotted) => reader.Metadata.RowGroups[group].Columns
            .Single(c => string.Join('.', c.MetaData!.PathInSchema) == dotted).MetaData!.Statistics!.NullCount!.Value;
        Assert.Equal([5L, 0L, 9L], Enumerable.Range(0, 3).Select(g => Nulls(g, "add.path")));
        Assert.Equal([5L, 20L, 0L], Enumerable.Range(0, 3).Select(g => Nulls(g, "remove.path")));
        Assert.Equal([4L, 20L, 9L], Enumerable.Range(0, 3).Select(g => Nulls(g, "metaData.id")));
        // Nothing but the published checkpoint is left in the folder (the temp file was linked and removed).
        Assert.Equal(["00000000000000000012.checkpoint.parquet"], Directory.GetFiles(_log).Select(Path.GetFileName));
        // DuckDB reads the same action counts.
        Assert.Equal(["{\"adds\":20,\"removes\":9,\"meta\":1}"],
            DuckDb.Query($"SELECT count(add) AS adds, count(remove) AS removes, count(metaData) AS meta FROM read_parquet('{path}')"));
    }

    [Fact]
    public void Read_ActionsOfOneKind_SameAsReadingEverything()
    {
        CheckpointWriter.Write(Store, _log, Content(13, files: 30, tombstones: 7), batchRows: 8);
        var path = Path.Combine(_log, "00000000000000000013.checkpoint.parquet");
        var all = new List<DeltaAction>();
        DeltaSharp.Tables.Log.CheckpointReader.Read(Store, path, ActionKinds.All, all.Add);
        foreach (var kind in new[] { ActionKinds.Add, ActionKinds.Remove, ActionKinds.Protocol | ActionKinds.Metadata, ActionKinds.Txn | ActionKinds.DomainMetadata })
        {
            var some = new List<DeltaAction>();
            DeltaSharp.Tables.Log.CheckpointReader.Read(Store, path, kind, some.Add);
            Assert.Equal(all.Where(a => (KindOf(a) & kind) != 0).Select(a => a.ToString()), some.Select(a => a.ToString()));
        }
        Assert.Equal(30, all.OfType<AddFile>().Count());
        Assert.Equal(7, all.OfType<RemoveFile>().Count());
    }

    private static ActionKinds KindOf(DeltaAction a) => a switch
    {
        AddFile => ActionKinds.Add,
        RemoveFile => ActionKinds.Remove,
        Protocol => ActionKinds.Protocol,
        Metadata => ActionKinds.Metadata,
        SetTransaction => ActionKinds.Txn,
        DomainMetadata => ActionKinds.DomainMetadata,
        _ => ActionKinds.None,
    };
}
