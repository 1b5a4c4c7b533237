using System.Text.Json;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Operations;

namespace DeltaSharp.Tables.Tests.Operations;

/// <summary>
/// RESTORE (table-history-and-time-travel.md "Restore a table to an earlier state"): one commit that re-adds the
/// target's files (dataChange = true) and removes the others, restores metadata, never downgrades the protocol;
/// metrics hand-computed from the commits' own add/remove sizes; rows read back with the delta-replay oracle at every
/// version; errors leave the table as it was.
/// </summary>
public sealed class RestoreTests : IDisposable
{
    private readonly OpsTable _t = new();

    public void Dispose() => _t.Dispose();

    private DeltaTable Table => DeltaTable.ForPath(_t.Root, _t.Options);

    private static Dictionary<string, string?> Parameters(JsonElement info) =>
        info.GetProperty("operationParameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch { JsonValueKind.Null => null, JsonValueKind.String => p.Value.GetString(), _ => p.Value.GetRawText() });

    private static string PathOf(JsonElement action) => action.GetProperty("path").GetString()!;

    private static long SizeOf(JsonElement action) => action.GetProperty("size").GetInt64();

    /// <summary>OPTIMIZE-like compaction: every active file rewritten into one (adds and removes dataChange = false).</summary>
    private void Compact()
    {
        var snapshot = _t.Latest();
        var txn = snapshot.StartTransaction("OPTIMIZE");
        txn.ReadWholeTable();
        var rows = new List<object?[]>();
        foreach (var file in snapshot.ActiveFiles)
        {
            foreach (var pb in FileRowReader.Read(snapshot, file, ["id", "name", "part"]))
                for (var i = 0; i < pb.Batch.LiveRowCount; i++)
                {
                    var r = pb.Batch.RowIndex(i);
                    rows.Add([pb.Batch.Columns[0].GetObject(r), pb.Batch.Columns[1].GetObject(r), pb.Batch.Columns[2].GetObject(r)]);
                }
            txn.Remove(file, dataChange: false);
        }
        using (var writer = txn.CreateDataFileWriter(dataChange: false))
        {
            writer.Write(OpsTable.Batch(rows));
            txn.Add(writer.Complete());
        }
        txn.Commit();
    }

    [Fact]
    public void Restore_OfTheDocumentsExample_ReAddsTheCompactedFilesAndRemovesTheCompactedOne()
    {
        // The document's table: INSERT file-1, INSERT file-2, OPTIMIZE (file-3, dataChange = false), RESTORE(version=1).
        // Version 0 here is the CREATE TABLE, so the document's versions are shifted by one.
        _t.Create();
        _t.Append(29, 55);
        _t.Append(39);
        Compact();
        var file1 = Assert.Single(_t.Actions(1, "add"));
        var file2 = Assert.Single(_t.Actions(2, "add"));
        var file3 = Assert.Single(_t.Actions(3, "add"));
        Assert.False(file3.GetProperty("dataChange").GetBoolean());

        var result = Restore.ToVersion(Table, 2);

        Assert.Equal(4, result.Version);
        var info = _t.CommitInfo(4);
        Assert.Equal("RESTORE", info.GetProperty("operation").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["version"] = "2", ["timestamp"] = null }, Parameters(info));
        Assert.Equal(3, info.GetProperty("readVersion").GetInt64());
        Assert.False(info.GetProperty("isBlindAppend").GetBoolean());

        var remove = Assert.Single(_t.Actions(4, "remove"));
        Assert.Equal(PathOf(file3), PathOf(remove));
        Assert.True(remove.GetProperty("dataChange").GetBoolean());
        Assert.True(remove.GetProperty("extendedFileMetadata").GetBoolean());
        Assert.Equal(SizeOf(file3), SizeOf(remove));
        Assert.Equal(file3.GetProperty("stats").GetString(), remove.GetProperty("stats").GetString());

        var adds = _t.Actions(4, "add").OrderBy(PathOf, StringComparer.Ordinal).ToList();
        var expected = new[] { file1, file2 }.OrderBy(PathOf, StringComparer.Ordinal).ToList();
        Assert.Equal(2, adds.Count);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(PathOf(expected[i]), PathOf(adds[i]));
            Assert.True(adds[i].GetProperty("dataChange").GetBoolean());
            Assert.Equal(SizeOf(expected[i]), SizeOf(adds[i]));
            Assert.Equal(expected[i].GetProperty("stats").GetString(), adds[i].GetProperty("stats").GetString());
            Assert.Equal(expected[i].GetProperty("modificationTime").GetInt64(), adds[i].GetProperty("modificationTime").GetInt64());
        }
        // Delta writes the target's metaData and the (merged) protocol with every restore.
        Assert.Single(_t.Actions(4, "metaData"));
        Assert.Single(_t.Actions(4, "protocol"));

        var size12 = SizeOf(file1) + SizeOf(file2);
        Assert.Equal(Restore.MetricKeys.Order(), _t.Metrics(4).Keys.Order());
        Assert.Equal(new Dictionary<string, string>
        {
            ["numRestoredFiles"] = "2", ["restoredFilesSize"] = size12.ToString(),
            ["numRemovedFiles"] = "1", ["removedFilesSize"] = SizeOf(file3).ToString(),
            ["numOfFilesAfterRestore"] = "2", ["tableSizeAfterRestore"] = size12.ToString(),
        }, _t.Metrics(4));

        _t.AssertOracleRows(1, OpsTable.Rows(29, 55));
        _t.AssertOracleRows(2, OpsTable.Rows(29, 55, 39));
        _t.AssertOracleRows(3, OpsTable.Rows(29, 55, 39));
        _t.AssertOracleRows(4, OpsTable.Rows(29, 55, 39));
    }

    [Fact]
    public void Restore_BeforeADelete_BringsBackTheFileWithoutItsDeletionVector_AndRestoringTheRestoreBringsTheVectorBack()
    {
        _t.Create();
        _t.Append(0, 1, 2, 3, 4, 5);
        var snapshot = _t.Latest();
        var change = RowLevelChange.Start(snapshot, OperationNames.Delete);
        foreach (var (file, positions) in OpsTable.Positions(snapshot, id => id % 2 == 0)) change.DeleteRows(file, positions);
        Delete.Commit(change, ["((id % 2) = 0)"]);
        var withDv = Assert.Single(_t.Actions(2, "add"));
        Assert.Equal(3, withDv.GetProperty("deletionVector").GetProperty("cardinality").GetInt64());

        var first = Restore.ToVersion(Table, 1);

        Assert.Equal(3, first.Version);
        var remove = Assert.Single(_t.Actions(3, "remove"));
        var add = Assert.Single(_t.Actions(3, "add"));
        Assert.Equal(PathOf(add), PathOf(remove));
        Assert.Equal(withDv.GetProperty("deletionVector").GetRawText(), remove.GetProperty("deletionVector").GetRawText());
        Assert.False(add.TryGetProperty("deletionVector", out _));
        Assert.Equal("1", _t.Metrics(3)["numRestoredFiles"]);
        Assert.Equal("1", _t.Metrics(3)["numRemovedFiles"]);
        _t.AssertOracleRows(2, OpsTable.Rows(1, 3, 5));
        _t.AssertOracleRows(3, OpsTable.Rows(0, 1, 2, 3, 4, 5));

        // "You can restore an already restored table."
        var second = Restore.ToVersion(Table, 2);

        Assert.Equal(4, second.Version);
        var readded = Assert.Single(_t.Actions(4, "add"));
        Assert.Equal(withDv.GetProperty("deletionVector").GetRawText(), readded.GetProperty("deletionVector").GetRawText());
        Assert.Equal(withDv.GetProperty("stats").GetString(), readded.GetProperty("stats").GetString());
        Assert.False(Assert.Single(_t.Actions(4, "remove")).TryGetProperty("deletionVector", out _));
        _t.AssertOracleRows(4, OpsTable.Rows(1, 3, 5));
    }

    [Fact]
    public void Restore_OfAPartitionedTable_KeepsThePartitionValuesOfTheReAddedFiles()
    {
        _t.Create(partitions: ["part"]);
        _t.Append([OpsTable.Row(1, "a"), OpsTable.Row(2, "b")]);
        _t.Append([OpsTable.Row(3, "a")]);
        Overwrite.Run(_t.Latest(), [OpsTable.Batch([OpsTable.Row(9, "c")])]);

        var result = Restore.ToVersion(Table, 1);

        Assert.Equal(4, result.Version);
        var adds = _t.Actions(4, "add");
        Assert.Equal(["a", "b"], adds.Select(a => a.GetProperty("partitionValues").GetProperty("part").GetString()).Order());
        Assert.Equal("c", Assert.Single(_t.Actions(4, "remove")).GetProperty("partitionValues").GetProperty("part").GetString());
        _t.AssertOracleRows(4, OpsTable.Rows([OpsTable.Row(1, "a"), OpsTable.Row(2, "b")]));
    }

    [Fact]
    public void Restore_BringsBackTheTargetsProperties_ButKeepsTheNewerProtocol()
    {
        _t.Create(new Dictionary<string, string> { ["delta.enableDeletionVectors"] = "false", ["team"] = "claims" });
        _t.Append(1, 2);
        var before = _t.Latest();
        var txn = before.StartTransaction("SET TBLPROPERTIES");
        txn.UpdateMetadata(before.Metadata with
        {
            Configuration = new Dictionary<string, string> { ["delta.enableDeletionVectors"] = "true", ["team"] = "billing" },
        });
        txn.Commit();
        var upgraded = _t.Latest().Protocol;
        Assert.True(upgraded.HasWriterFeature("deletionVectors"));

        Restore.ToVersion(Table, 1);

        var after = _t.Latest();
        Assert.Equal("claims", after.Metadata.Configuration["team"]);
        Assert.Equal("false", after.Metadata.Configuration["delta.enableDeletionVectors"]);
        Assert.Equal(before.Metadata.Id, after.Metadata.Id);
        Assert.True(after.Protocol.HasWriterFeature("deletionVectors"));
        Assert.True(after.Protocol.MinWriterVersion >= upgraded.MinWriterVersion);
        _t.AssertOracleRows(3, OpsTable.Rows(1, 2));
    }

    [Fact]
    public void Restore_ToTheCurrentVersion_CommitsNothing_AndReportsTheTable()
    {
        _t.Create();
        _t.Append(1, 2);
        var size = _t.Latest().ActiveFiles.Sum(f => f.Size);

        var result = Restore.ToVersion(Table, 1);

        Assert.Null(result.Version);
        Assert.Equal(1, _t.Latest().Version);
        Assert.Equal("1", result.Metrics["numOfFilesAfterRestore"]);
        Assert.Equal(size.ToString(), result.Metrics["tableSizeAfterRestore"]);
        Assert.Equal("0", result.Metrics["numRestoredFiles"]);
        Assert.Equal("0", result.Metrics["numRemovedFiles"]);
    }

    [Fact]
    public void Restore_ToAVersionOutsideTheHistory_IsRefused_AndCommitsNothing()
    {
        _t.Create();
        _t.Append(1);

        var e = Assert.Throws<DeltaException>(() => Restore.ToVersion(Table, 5));

        Assert.Equal("DELTA_CANNOT_RESTORE_TABLE_VERSION", e.ErrorClass);
        Assert.Contains("Available versions: [0, 1]", e.Message, StringComparison.Ordinal);
        Assert.Equal("DELTA_CANNOT_RESTORE_TABLE_VERSION", Assert.Throws<DeltaException>(() => Restore.ToVersion(Table, -1)).ErrorClass);
        Assert.Equal(1, _t.Latest().Version);
    }

    [Fact]
    public void Restore_WhenATargetDataFileWasDeleted_IsRefusedNamingTheFile_AndCommitsNothing()
    {
        _t.Create();
        _t.Append(1);
        Overwrite.Run(_t.Latest(), [OpsTable.Batch(2)]);
        var vacuumed = PathOf(Assert.Single(_t.Actions(1, "add")));
        File.Delete(Path.Combine(_t.Root, vacuumed));

        var e = Assert.Throws<DeltaException>(() => Restore.ToVersion(Table, 1));

        Assert.Equal("DELTA_FILE_NOT_FOUND_DETAILED", e.ErrorClass);
        Assert.Contains(vacuumed, e.Message, StringComparison.Ordinal);
        Assert.Equal(2, _t.Latest().Version);
        _t.AssertOracleRows(2, OpsTable.Rows(2));
    }

    [Fact]
    public void Restore_IgnoringMissingFiles_RestoresTheFilesThatRemain()
    {
        _t.Create();
        _t.Append(1);
        _t.Append(2);
        Overwrite.Run(_t.Latest(), [OpsTable.Batch(9)]);
        var vacuumed = Assert.Single(_t.Actions(1, "add"));
        var kept = Assert.Single(_t.Actions(2, "add"));
        File.Delete(Path.Combine(_t.Root, PathOf(vacuumed)));

        var result = Restore.ToVersion(Table, 2, ignoreMissingFiles: true);

        Assert.Equal(4, result.Version);
        Assert.Equal(PathOf(kept), PathOf(Assert.Single(_t.Actions(4, "add"))));
        Assert.Equal("1", _t.Metrics(4)["numRestoredFiles"]);
        Assert.Equal("1", _t.Metrics(4)["numOfFilesAfterRestore"]);
        Assert.Equal(SizeOf(kept).ToString(), _t.Metrics(4)["tableSizeAfterRestore"]);
        _t.AssertOracleRows(4, OpsTable.Rows(2));
    }

    [Fact]
    public void Restore_ToATimestamp_UsesTheLatestCommitAtOrBeforeIt_AndRecordsTheTimestampParameter()
    {
        var t0 = DateTimeOffset.Parse("2025-03-31T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        _t.Clock.Now = t0;
        _t.Create();
        _t.Clock.Now = t0.AddHours(1);
        _t.Append(1);
        _t.Clock.Now = t0.AddHours(2);
        _t.Append(2);
        _t.Clock.Now = t0.AddHours(3);

        var result = Restore.ToTimestamp(Table, t0.AddHours(1).AddMinutes(30).AddTicks(1234560));

        Assert.Equal(3, result.Version);
        Assert.Equal(new Dictionary<string, string?> { ["version"] = null, ["timestamp"] = "2025-03-31 11:30:00.123456" }, Parameters(_t.CommitInfo(3)));
        _t.AssertOracleRows(3, OpsTable.Rows(1));

        var e = Assert.Throws<DeltaException>(() => Restore.ToTimestamp(Table, t0.AddHours(5)));
        Assert.Equal("DELTA_CANNOT_RESTORE_TIMESTAMP_GREATER", e.ErrorClass);
        Assert.Equal("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION", Assert.Throws<DeltaException>(() => Restore.ToTimestamp(Table, t0.AddDays(-1))).ErrorClass);
        Assert.Equal(3, _t.Latest().Version);
    }

    [Fact]
    public void Restore_AcrossCheckpoints_IsReadTheSameFromTheCheckpointAndFromTheCommits()
    {
        _t.Create();
        for (long id = 1; id <= 11; id++) _t.Append(id); // v1..v11; checkpoint at v10
        Assert.True(File.Exists(Path.Combine(_t.Root, "_delta_log", $"{10:D20}.checkpoint.parquet")));

        Restore.ToVersion(Table, 3); // v12: ids 1..3
        for (long id = 20; id <= 27; id++) _t.Append(id); // v13..v20; checkpoint at v20 holds the restore's state

        Assert.True(File.Exists(Path.Combine(_t.Root, "_delta_log", $"{20:D20}.checkpoint.parquet")));
        var expected = new long[] { 1, 2, 3, 20, 21, 22, 23, 24, 25, 26, 27 };
        Assert.Equal(expected.Length, _t.Latest().ActiveFiles.Count);
        _t.AssertOracleRows(12, OpsTable.Rows(1, 2, 3));
        _t.AssertOracleRows(20, OpsTable.Rows(expected));
        Assert.Equal("3", _t.Metrics(12)["numOfFilesAfterRestore"]);
        Assert.Equal("8", _t.Metrics(12)["numRemovedFiles"]);
        Assert.Equal("0", _t.Metrics(12)["numRestoredFiles"]);
    }

    [Fact]
    public void Restore_WhenAnotherWriterCommitsMeanwhile_FailsWithAConflict_AndTheOtherCommitStays()
    {
        _t.Create();
        _t.Append(1);
        _t.Append(2);
        // The concurrent append lands after the restore read the table and before it commits.
        var options = new OperationOptions { Configure = _ => _t.Append(3) };

        var e = Assert.ThrowsAny<DeltaException>(() => Restore.ToVersion(Table, 1, options));

        Assert.StartsWith("DELTA_CONCURRENT", e.ErrorClass, StringComparison.Ordinal);
        Assert.Equal(3, _t.Latest().Version);
        Assert.Equal("WRITE", _t.CommitInfo(3).GetProperty("operation").GetString());
        _t.AssertOracleRows(3, OpsTable.Rows(1, 2, 3));
    }

    [Fact]
    public void MetricAndParameterKeys_AreTheDocumentsAndThoseSparkWroteInTheConformanceTable()
    {
        // table-history-and-time-travel.md, "RESTORE" metrics table.
        string[] document = ["tableSizeAfterRestore", "numOfFilesAfterRestore", "numRemovedFiles", "numRestoredFiles", "removedFilesSize", "restoredFilesSize"];
        Assert.Equal(document.Order(), Restore.MetricKeys.Order());
        // Delta 3.0's RESTORE commit of basic-with-inserts-overwrite-restore (version 3, RESTORE TO VERSION AS OF 1).
        var commit = Path.Combine(TestSupport.RepoPaths.ConformanceTablesDir, "basic-with-inserts-overwrite-restore", "_delta_log", $"{3:D20}.json");
        var info = File.ReadAllLines(commit).Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.TryGetProperty("commitInfo", out _)).GetProperty("commitInfo");
        Assert.Equal(info.GetProperty("operationMetrics").EnumerateObject().Select(p => p.Name), Restore.MetricKeys);
        var spark = info.GetProperty("operationParameters");
        Assert.Equal(spark.EnumerateObject().Select(p => p.Name), Restore.Parameters(1, null).Keys);
        Assert.Equal(spark.GetProperty("version").GetRawText(), Restore.Parameters(1, null)["version"]);
        Assert.Equal(JsonValueKind.Null, spark.GetProperty("timestamp").ValueKind);
        Assert.Null(Restore.Parameters(1, null)["timestamp"]);
    }

    [Fact]
    public void Restore_OfSparksTable_WritesTheFilesMetadataAndMetricsSparkWrote()
    {
        // basic-with-inserts-overwrite-restore: versions 0-2 written by Spark, version 3 = Spark's RESTORE TO VERSION
        // AS OF 1. We take the table at version 2 and restore it ourselves; the commit must match Spark's.
        var source = Path.Combine(TestSupport.RepoPaths.ConformanceTablesDir, "basic-with-inserts-overwrite-restore");
        foreach (var f in Directory.GetFiles(source, "*.parquet")) File.Copy(f, Path.Combine(_t.Root, Path.GetFileName(f)));
        Directory.CreateDirectory(Path.Combine(_t.Root, "_delta_log"));
        for (var v = 0; v <= 2; v++)
            File.Copy(Path.Combine(source, "_delta_log", $"{v:D20}.json"), Path.Combine(_t.Root, "_delta_log", $"{v:D20}.json"));
        _t.Clock.Now = DateTimeOffset.FromUnixTimeMilliseconds(1697588691204); // Spark's restore time: version 1 is within retention

        var result = Restore.ToVersion(Table, 1);

        Assert.Equal(3, result.Version);
        var spark = File.ReadAllLines(Path.Combine(source, "_delta_log", $"{3:D20}.json")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        List<JsonElement> Of(IEnumerable<JsonElement> lines, string kind) =>
            [.. lines.Where(e => e.TryGetProperty(kind, out _)).Select(e => e.GetProperty(kind)).OrderBy(PathOf, StringComparer.Ordinal)];
        var ours = _t.CommitLines(3);
        foreach (var kind in new[] { "add", "remove" })
        {
            var expected = Of(spark, kind);
            var actual = Of(ours, kind);
            Assert.Equal(expected.Select(PathOf), actual.Select(PathOf));
            for (var i = 0; i < expected.Count; i++)
            {
                foreach (var field in new[] { "size", "dataChange", "stats", "partitionValues", "extendedFileMetadata", "modificationTime" })
                {
                    var has = expected[i].TryGetProperty(field, out var e);
                    Assert.Equal(has, actual[i].TryGetProperty(field, out var a));
                    if (has) Assert.Equal(e.GetRawText(), a.GetRawText());
                }
            }
        }
        var sparkInfo = Of(spark, "commitInfo").Single();
        Assert.Equal(sparkInfo.GetProperty("operationMetrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!), _t.Metrics(3));
        Assert.Equal(Of(spark, "metaData").Single().GetRawText(), Of(ours, "metaData").Single().GetRawText());
        Assert.Equal(Of(spark, "protocol").Single().GetRawText(), Of(ours, "protocol").Single().GetRawText());
        _t.AssertOracleRows(3, OpsTable.Rows(Schema1, [.. Enumerable.Range(0, 200).Select(i => new object?[] { (long)i })]), Schema1);
    }

    private static readonly Types.StructType Schema1 = new(new Types.StructField("id", Types.DataType.Long));
}
