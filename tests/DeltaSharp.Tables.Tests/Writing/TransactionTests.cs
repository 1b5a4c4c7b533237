using System.Text.Json;
using DeltaSharp.Expressions;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Writing;

public sealed class TransactionTests : IDisposable
{
    private readonly WriteTestTable _t = new();

    public void Dispose() => _t.Dispose();

    [Fact]
    public void Commit_BlindAppend_WritesVersionOneWithFullCommitInfo()
    {
        _t.Create();
        _t.Clock.Now = _t.Clock.Now.AddSeconds(5);
        var txn = _t.Latest().StartTransaction("WRITE").SetOperationParameter("mode", "Append").SetOperationParameter("partitionBy", "[]")
            .WithUserMetadata("nightly load");
        var adds = txn.WriteData([TestBatches.Build(WriteTestTable.Schema, [1L, "a"], [2L, "b"])]);

        var result = txn.Commit();

        Assert.Equal(new CommitResult(1, 1), result);
        var lines = _t.CommitLines(1);
        Assert.Equal(["commitInfo", "add"], lines.Select(l => l.EnumerateObject().Single().Name));
        var info = lines[0].GetProperty("commitInfo");
        Assert.Equal(1_750_000_005_000, info.GetProperty("inCommitTimestamp").GetInt64());
        Assert.Equal("WRITE", info.GetProperty("operation").GetString());
        Assert.Equal("{\"mode\":\"Append\",\"partitionBy\":\"[]\"}", info.GetProperty("operationParameters").GetRawText());
        Assert.Equal(0, info.GetProperty("readVersion").GetInt64());
        Assert.Equal("WriteSerializable", info.GetProperty("isolationLevel").GetString());
        Assert.True(info.GetProperty("isBlindAppend").GetBoolean());
        Assert.Equal($"{{\"numFiles\":\"1\",\"numOutputRows\":\"2\",\"numOutputBytes\":\"{adds[0].Size}\"}}", info.GetProperty("operationMetrics").GetRawText());
        Assert.Equal("nightly load", info.GetProperty("userMetadata").GetString());
        Assert.Equal("tester", info.GetProperty("userName").GetString());

        var snapshot = _t.Latest();
        Assert.Equal(1, snapshot.Version);
        Assert.Equal(adds[0].Path, Assert.Single(snapshot.ActiveFiles).Path);
        Assert.Equal(1_750_000_005_000, snapshot.TimestampMillis);
        var history = _t.Table.History();
        Assert.Equal([1L, 0L], history.Select(h => h.Version));
        Assert.Equal("nightly load", history[0].CommitInfo.UserMetadata);
    }

    [Fact]
    public void Commit_ClockGoesBackwards_InCommitTimestampsStillIncrease()
    {
        _t.Create();
        _t.Clock.Now = _t.Clock.Now.AddHours(-1);
        _t.Append(1);
        _t.Append(2);
        Assert.Equal(1_750_000_000_001, _t.CommitLines(1)[0].GetProperty("commitInfo").GetProperty("inCommitTimestamp").GetInt64());
        Assert.Equal(1_750_000_000_002, _t.CommitLines(2)[0].GetProperty("commitInfo").GetProperty("inCommitTimestamp").GetInt64());
    }

    [Fact]
    public void Commit_EnablingInCommitTimestampsLater_RecordsEnablementVersionAndTimestamp()
    {
        _t.Create(properties: new Dictionary<string, string> { ["delta.enableInCommitTimestamps"] = "false" });
        _t.Append(1);
        var snapshot = _t.Latest();
        Assert.DoesNotContain("inCommitTimestamp", snapshot.CommitLinesOrEmpty(_t));
        var config = new Dictionary<string, string>(snapshot.Metadata.Configuration) { ["delta.enableInCommitTimestamps"] = "true" };
        // Without in-commit timestamps the previous commit's time is its file's modification time (real time here),
        // so the enabling commit's timestamp must come after it: move the clock past the real one.
        var enableAt = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeMilliseconds());
        _t.Clock.Now = enableAt;
        var result = snapshot.StartTransaction("SET TBLPROPERTIES").UpdateMetadata(snapshot.Metadata with { Configuration = config }).Commit();

        var after = _t.Latest();
        Assert.Equal("2", after.Metadata.Configuration["delta.inCommitTimestampEnablementVersion"]);
        Assert.Equal(enableAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            after.Metadata.Configuration["delta.inCommitTimestampEnablementTimestamp"]);
        Assert.Equal(enableAt.ToUnixTimeMilliseconds(), _t.CommitLines(result.Version)[0].GetProperty("commitInfo").GetProperty("inCommitTimestamp").GetInt64());
        Assert.Contains("inCommitTimestamp", after.Protocol.WriterFeatures!);
        Assert.Equal(enableAt.ToUnixTimeMilliseconds(), after.TimestampMillis);
    }

    [Fact]
    public void UpdateMetadata_TurningOnColumnMapping_KeepsExistingDataReadable()
    {
        _t.Create();
        _t.Append(1, 2);
        var snapshot = _t.Latest();
        var config = new Dictionary<string, string>(snapshot.Metadata.Configuration) { ["delta.columnMapping.mode"] = "name" };
        snapshot.StartTransaction("SET TBLPROPERTIES").UpdateMetadata(snapshot.Metadata with { Configuration = config }).Commit();
        _t.Append(3);

        var after = _t.Latest();
        Assert.Contains("columnMapping", after.Protocol.ReaderFeatures!);
        Assert.Contains("columnMapping", after.Protocol.WriterFeatures!);
        Assert.Equal(["\"id\"", "\"part\""], after.Schema.Fields.Select(f => f.Metadata["delta.columnMapping.physicalName"]));
        Assert.Equal("2", after.Metadata.Configuration["delta.columnMapping.maxColumnId"]);
        var ids = after.Scan().Build().ReadBatches().SelectMany(b => Enumerable.Range(0, b.LiveRowCount).Select(i => (long)b.Columns[0].GetObject(b.RowIndex(i))!)).Order();
        Assert.Equal([1L, 2L, 3L], ids);

        var off = new Dictionary<string, string>(after.Metadata.Configuration) { ["delta.columnMapping.mode"] = "none" };
        Assert.Equal("DELTA_UNSUPPORTED_COLUMN_MAPPING_MODE_CHANGE",
            Assert.Throws<DeltaException>(() => after.StartTransaction("SET TBLPROPERTIES").UpdateMetadata(after.Metadata with { Configuration = off })).ErrorClass);
    }

    [Fact]
    public void Commit_TwoBlindAppendsFromOneSnapshot_BothCommitWithoutGaps()
    {
        _t.Create();
        var snapshot = _t.Latest();
        var first = snapshot.StartTransaction("WRITE");
        first.WriteData([TestBatches.Build(WriteTestTable.Schema, [1L, "a"])]);
        var second = snapshot.StartTransaction("WRITE");
        second.WriteData([TestBatches.Build(WriteTestTable.Schema, [2L, "a"])]);

        Assert.Equal(new CommitResult(1, 1), first.Commit());
        Assert.Equal(new CommitResult(2, 2), second.Commit());
        Assert.Equal(2, _t.Latest().ActiveFiles.Count);
        Assert.Equal(0, _t.CommitLines(2)[0].GetProperty("commitInfo").GetProperty("readVersion").GetInt64());
    }

    [Fact]
    public void Commit_ConcurrentRemovalOfAFileWeRead_FailsAndLeavesTableUnchanged()
    {
        _t.Create();
        _t.Append(1);
        var snapshot = _t.Latest();
        var file = Assert.Single(snapshot.ActiveFiles);

        var delete = snapshot.StartTransaction("DELETE").ReadFiles([file]).Remove(file);
        var update = snapshot.StartTransaction("UPDATE").ReadFiles([file]).Remove(file);
        update.WriteData([TestBatches.Build(WriteTestTable.Schema, [100L, "p"])]);
        Assert.Equal(2, delete.Commit().Version);
        var remove = _t.CommitLines(2)[1].GetProperty("remove");
        Assert.Equal(
            $"{{\"path\":\"{file.Path}\",\"deletionTimestamp\":1750000000000,\"dataChange\":true,\"extendedFileMetadata\":true,\"partitionValues\":{{}},\"size\":{file.Size}}}",
            remove.GetRawText());

        var e = Assert.Throws<DeltaConcurrentModificationException>(() => update.Commit());
        Assert.Equal(ConflictKind.ConcurrentDeleteRead, e.Kind);
        Assert.Equal("DELTA_CONCURRENT_DELETE_READ", e.ErrorClass);
        Assert.Equal(2, e.WinningVersion);
        Assert.Contains("version 2, DELETE", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, _t.Latest().Version);
        Assert.Empty(_t.Latest().ActiveFiles);
        Assert.False(File.Exists(_t.CommitPath(3)));
    }

    [Fact]
    public void Commit_ReaderOfPartitionAgainstAppendToOtherPartition_Succeeds()
    {
        _t.Create(["part"]);
        _t.Append("a", 1);
        var snapshot = _t.Latest();
        var fileA = Assert.Single(snapshot.ActiveFiles);
        var predicate = new Comparison(ComparisonOperator.Equal, new ColumnRef("part"), new Literal("a", DataType.String));
        var delete = snapshot.StartTransaction("DELETE").ReadPredicate(predicate).ReadFiles([fileA]).Remove(fileA);

        var concurrent = snapshot.StartTransaction("UPDATE").ReadWholeTable(); // not a blind append
        concurrent.WriteData([TestBatches.Build(WriteTestTable.Schema, [2L, "b"])]);
        concurrent.Commit();

        Assert.Equal(new CommitResult(3, 2), delete.Commit());
        var concurrentToA = _t.Latest().StartTransaction("UPDATE").ReadWholeTable();
        concurrentToA.WriteData([TestBatches.Build(WriteTestTable.Schema, [3L, "a"])]);
        var stale = _t.Latest().StartTransaction("DELETE").ReadPredicate(predicate);
        concurrentToA.Commit();
        stale.Remove(_t.Table.AtVersion(3).ActiveFiles.Single());
        Assert.Equal(ConflictKind.ConcurrentAppend, Assert.Throws<DeltaConcurrentModificationException>(() => stale.Commit()).Kind);
    }

    [Fact]
    public void Commit_ConcurrentMetadataChange_ThrowsMetadataChanged()
    {
        _t.Create();
        var snapshot = _t.Latest();
        var writer = snapshot.StartTransaction("WRITE").ReadWholeTable();
        writer.WriteData([TestBatches.Build(WriteTestTable.Schema, [1L, "a"])]);
        var config = new Dictionary<string, string>(snapshot.Metadata.Configuration) { ["delta.checkpointInterval"] = "5" };
        snapshot.StartTransaction("SET TBLPROPERTIES").UpdateMetadata(snapshot.Metadata with { Configuration = config }).Commit();
        var e = Assert.Throws<DeltaConcurrentModificationException>(() => writer.Commit());
        Assert.Equal(ConflictKind.MetadataChanged, e.Kind);
        Assert.Equal("DELTA_METADATA_CHANGED", e.ErrorClass);
    }

    [Fact]
    public void Commit_SameApplicationTransactionTwice_SecondThrowsConcurrentTransaction()
    {
        _t.Create();
        var snapshot = _t.Latest();
        var a = snapshot.StartTransaction("STREAMING UPDATE");
        Assert.Null(a.ReadApplicationTransaction("stream"));
        a.SetApplicationTransaction("stream", 1);
        var b = snapshot.StartTransaction("STREAMING UPDATE").SetApplicationTransaction("stream", 1);
        a.Commit();
        Assert.Equal(ConflictKind.ConcurrentTransaction, Assert.Throws<DeltaConcurrentModificationException>(() => b.Commit()).Kind);
        Assert.Equal(1, _t.Latest().SetTransactions["stream"].Version);
    }

    [Fact]
    public void Commit_AppendOnlyTable_RefusesRemoves()
    {
        _t.Create(properties: new Dictionary<string, string> { ["delta.appendOnly"] = "true" });
        _t.Append(1);
        var snapshot = _t.Latest();
        var e = Assert.Throws<DeltaException>(() => snapshot.StartTransaction("DELETE").Remove(snapshot.ActiveFiles[0]).Commit());
        Assert.Equal("DELTA_CANNOT_MODIFY_APPEND_ONLY", e.ErrorClass);
        Assert.Equal(1, _t.Latest().Version);
    }

    [Fact]
    public void Commit_UnknownWriterFeature_IsRefused()
    {
        _t.Create();
        var snapshot = _t.Latest();
        var txn = snapshot.StartTransaction("UPGRADE").UpdateProtocol(new Protocol(3, 7, ["deletionVectors"], ["deletionVectors", "inCommitTimestamp", "futureFeature"]));
        var e = Assert.Throws<DeltaException>(() => txn.Commit());
        Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE", e.ErrorClass);
        Assert.Contains("futureFeature", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_DuplicateAdd_IsRefused()
    {
        _t.Create();
        var add = new AddFile("f.parquet", new Dictionary<string, string?>(), 1, 1, true);
        var e = Assert.Throws<DeltaException>(() => _t.Latest().StartTransaction("WRITE").Add(add).Add(add).Commit());
        Assert.Equal("DELTA_DUPLICATE_ACTIONS_FOUND", e.ErrorClass);
    }

    [Fact]
    public void Commit_AddAndRemoveOfSameLogicalFile_IsRefused()
    {
        _t.Create();
        _t.Append(1);
        var file = _t.Latest().ActiveFiles[0];
        var e = Assert.Throws<DeltaException>(() => _t.Latest().StartTransaction("X").Remove(file).Add(file).Commit());
        Assert.Equal("DELTA_DUPLICATE_ACTIONS_FOUND", e.ErrorClass);
    }

    [Fact]
    public void Commit_MissingPartitionValue_IsRefused()
    {
        _t.Create(["part"]);
        var add = new AddFile("f.parquet", new Dictionary<string, string?>(), 1, 1, true);
        Assert.Equal("DELTA_MISSING_PARTITION_COLUMN", Assert.Throws<DeltaException>(() => _t.Latest().StartTransaction("WRITE").Add(add).Commit()).ErrorClass);
    }

    [Fact]
    public void Commit_AlwaysLosingTheRace_StopsAfterMaxAttempts()
    {
        var store = new FaultyStore();
        using var t = new WriteTestTable(store);
        t.Create();
        t.Options = t.Options with { MaxCommitAttempts = 3 };
        store.LoseRaces = p => p.EndsWith("00000000000000000001.json", StringComparison.Ordinal);
        var e = Assert.Throws<DeltaException>(() => t.Append(1));
        Assert.Equal("DELTA_MAX_COMMIT_RETRIES_EXCEEDED", e.ErrorClass);
        Assert.Contains("3 times", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_CommittingTwice_Throws()
    {
        _t.Create();
        var txn = _t.Latest().StartTransaction("WRITE");
        txn.Commit();
        Assert.Throws<InvalidOperationException>(() => txn.Commit());
    }

    [Fact]
    public void Commit_NoDataChange_UsesSnapshotIsolation()
    {
        _t.Create();
        _t.Append(1);
        var snapshot = _t.Latest();
        var file = snapshot.ActiveFiles[0];
        snapshot.StartTransaction("OPTIMIZE").ReadFiles([file]).Remove(file, dataChange: false).Add(file with { Path = "compacted.parquet", DataChange = false }).Commit();
        var info = _t.CommitLines(2)[0].GetProperty("commitInfo");
        Assert.Equal("SnapshotIsolation", info.GetProperty("isolationLevel").GetString());
        Assert.False(info.GetProperty("isBlindAppend").GetBoolean());
    }

    [Fact]
    public void SetDomainMetadata_SystemDomain_IsRefused()
    {
        _t.Create();
        Assert.Equal("DELTA_CANNOT_MODIFY_SYSTEM_DOMAIN",
            Assert.Throws<DeltaException>(() => _t.Latest().StartTransaction("X").SetDomainMetadata("delta.rowTracking", "{}")).ErrorClass);
    }
}

internal static class SnapshotTestExtensions
{
    /// <summary>The text of the snapshot's commit file (empty when missing).</summary>
    public static string CommitLinesOrEmpty(this Snapshot snapshot, WriteTestTable t) =>
        File.Exists(t.CommitPath(snapshot.Version)) ? File.ReadAllText(t.CommitPath(snapshot.Version)) : "";
}
