using System.Text.Json;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Operations;

namespace DeltaSharp.Tables.Tests.Operations;

/// <summary>
/// DELETE / UPDATE / MERGE file changes: deletion vectors (marked, merged with an existing one, a fully deleted file
/// removed) and rewrites (legacy protocol, DVs switched off, a rewritten file's own DV honoured). Expected rows are
/// hand-computed and read back by the delta-replay oracle; metrics are hand-computed from the commits' own actions.
/// </summary>
public sealed class RowLevelChangeTests : IDisposable
{
    private readonly OpsTable _t = new();

    public void Dispose() => _t.Dispose();

    private static long[] Range(long from, long toExclusive) => [.. Enumerable.Range((int)from, (int)(toExclusive - from)).Select(i => (long)i)];

    private OperationResult DeleteIds(Func<long, bool> match, string predicate, bool? useDeletionVectors = null)
    {
        var snapshot = _t.Latest();
        var change = RowLevelChange.Start(snapshot, OperationNames.Delete, useDeletionVectors);
        change.Transaction.ReadFiles(snapshot.ActiveFiles);
        foreach (var (file, positions) in OpsTable.Positions(snapshot, match)) change.DeleteRows(file, positions);
        return Delete.Commit(change, [predicate]);
    }

    private static long SizeOf(JsonElement action) => action.GetProperty("size").GetInt64();

    [Fact]
    public void Delete_WithDeletionVectors_MarksRowsInTheFilesDeletionVector()
    {
        _t.Create();
        _t.Append(Range(0, 10));
        var before = _t.Latest().ActiveFiles.Single();

        var result = DeleteIds(id => id % 3 == 0, "((id % 3) = 0)");

        Assert.Equal(2, result.Version);
        var remove = Assert.Single(_t.Actions(2, "remove"));
        var add = Assert.Single(_t.Actions(2, "add"));
        Assert.Equal(before.Path, remove.GetProperty("path").GetString());
        Assert.False(remove.TryGetProperty("deletionVector", out _));
        Assert.Equal(before.Path, add.GetProperty("path").GetString());
        Assert.Equal(4, add.GetProperty("deletionVector").GetProperty("cardinality").GetInt64());
        Assert.Contains("\"tightBounds\":false", add.GetProperty("stats").GetString());
        var metrics = _t.Metrics(2);
        Assert.Equal(OperationMetrics.DeleteKeys.Order(), metrics.Keys.Order());
        AssertMetrics(metrics, ("numRemovedFiles", 0), ("numRemovedBytes", 0), ("numCopiedRows", 0), ("numDeletionVectorsAdded", 1),
            ("numDeletionVectorsRemoved", 0), ("numDeletionVectorsUpdated", 0), ("numAddedChangeFiles", 0), ("numDeletedRows", 4),
            ("numAddedFiles", 0), ("numAddedBytes", 0));
        Assert.Equal("[\"((id % 3) = 0)\"]", _t.CommitInfo(2).GetProperty("operationParameters").GetProperty("predicate").GetString());
        Assert.False(_t.CommitInfo(2).GetProperty("isBlindAppend").GetBoolean());
        _t.AssertOracleRows(2, OpsTable.Rows(1, 2, 4, 5, 7, 8));
    }

    [Fact]
    public void Delete_Twice_MergesTheNewRowsIntoTheExistingDeletionVector()
    {
        _t.Create();
        _t.Append(Range(0, 10));
        DeleteIds(id => id is 0 or 3, "(id IN (0, 3))");
        var snapshot = _t.Latest();
        var file = snapshot.ActiveFiles.Single();
        Assert.Equal(2, file.DeletionVector!.Cardinality);

        // Position 3 is already deleted: it must not be counted again. Ids equal positions in this one-file table.
        var change = RowLevelChange.Start(snapshot, OperationNames.Delete);
        change.DeleteRows(file, [3, 5, 7]);
        var result = Delete.Commit(change, ["(id IN (3, 5, 7))"]);

        Assert.Equal(3, result.Version);
        var remove = Assert.Single(_t.Actions(3, "remove"));
        Assert.Equal(2, remove.GetProperty("deletionVector").GetProperty("cardinality").GetInt64());
        Assert.Equal(4, Assert.Single(_t.Actions(3, "add")).GetProperty("deletionVector").GetProperty("cardinality").GetInt64());
        // Delta reports an updated DV also as one added and one removed.
        AssertMetrics(_t.Metrics(3), ("numDeletedRows", 2), ("numDeletionVectorsAdded", 1), ("numDeletionVectorsRemoved", 1),
            ("numDeletionVectorsUpdated", 1), ("numRemovedFiles", 0), ("numAddedFiles", 0), ("numCopiedRows", 0));
        _t.AssertOracleRows(3, OpsTable.Rows(1, 2, 4, 6, 8, 9));
    }

    [Fact]
    public void Delete_OfEveryRemainingRow_RemovesTheFileInsteadOfWritingADeletionVector()
    {
        _t.Create();
        _t.Append(0, 1, 2, 3);
        _t.Append(10, 11);
        DeleteIds(id => id == 0, "(id = 0)");
        var dvFilesBefore = Directory.GetFiles(_t.Root, "deletion_vector_*.bin").Length;
        var snapshot = _t.Latest();
        var a = snapshot.ActiveFiles.Single(f => f.DeletionVector is not null);

        var result = DeleteIds(id => id is 1 or 2 or 3 or 10, "(id IN (1, 2, 3, 10))");

        Assert.Equal(4, result.Version);
        // One new DV file (for the file of 10 and 11), none for the file that is dropped.
        Assert.Equal(dvFilesBefore + 1, Directory.GetFiles(_t.Root, "deletion_vector_*.bin").Length);
        var removes = _t.Actions(4, "remove");
        Assert.Equal(2, removes.Count);
        var removedA = removes.Single(r => r.GetProperty("path").GetString() == a.Path);
        Assert.Equal(a.DeletionVector!.Cardinality, removedA.GetProperty("deletionVector").GetProperty("cardinality").GetInt64());
        Assert.DoesNotContain(_t.Actions(4, "add"), x => x.GetProperty("path").GetString() == a.Path);
        AssertMetrics(_t.Metrics(4), ("numRemovedFiles", 1), ("numRemovedBytes", a.Size), ("numDeletedRows", 4),
            ("numDeletionVectorsAdded", 1), ("numDeletionVectorsRemoved", 1), ("numDeletionVectorsUpdated", 0), ("numAddedFiles", 0));
        _t.AssertOracleRows(4, OpsTable.Rows(11));
    }

    [Theory]
    [InlineData("legacy protocol")]
    [InlineData("deletion vectors off")]
    [InlineData("deletion vectors off, column mapping")]
    public void Delete_WithoutDeletionVectors_RewritesTheTouchedFile(string table)
    {
        var legacyProtocol = table == "legacy protocol";
        if (legacyProtocol) _t.Options = _t.Options with { LegacyProtocolForNewTables = true };
        var properties = new Dictionary<string, string>();
        if (!legacyProtocol) properties["delta.enableDeletionVectors"] = "false";
        if (table.EndsWith("column mapping", StringComparison.Ordinal)) properties["delta.columnMapping.mode"] = "name";
        _t.Create(properties);
        _t.Append(Range(0, 10));
        _t.Append(20, 21, 22);
        var snapshot = _t.Latest();
        Assert.False(RowLevelChange.DeletionVectorsWritable(snapshot));
        var touched = snapshot.ActiveFiles.Single(f => f.Stats!.Contains("\"numRecords\":10"));

        var result = DeleteIds(id => id is 2 or 3, "(id IN (2, 3))");

        Assert.Equal(3, result.Version);

        var remove = Assert.Single(_t.Actions(3, "remove"));
        Assert.Equal(touched.Path, remove.GetProperty("path").GetString());
        var add = Assert.Single(_t.Actions(3, "add"));
        Assert.False(add.TryGetProperty("deletionVector", out _));
        Assert.Contains("\"numRecords\":8", add.GetProperty("stats").GetString());
        AssertMetrics(_t.Metrics(3), ("numRemovedFiles", 1), ("numRemovedBytes", touched.Size), ("numAddedFiles", 1), ("numAddedBytes", SizeOf(add)),
            ("numCopiedRows", 8), ("numDeletedRows", 2), ("numDeletionVectorsAdded", 0), ("numDeletionVectorsRemoved", 0), ("numDeletionVectorsUpdated", 0));
        Assert.Equal(8, result.Files.NumCopiedRows);
        _t.AssertOracleRows(3, OpsTable.Rows([0, 1, 4, 5, 6, 7, 8, 9, 20, 21, 22]));
    }

    [Fact]
    public void Rewrite_OfAFileWithADeletionVector_CopiesOnlyItsLiveRows()
    {
        _t.Create();
        _t.Append(Range(0, 10));
        DeleteIds(id => id == 0, "(id = 0)");

        var result = DeleteIds(id => id == 1, "(id = 1)", useDeletionVectors: false);

        Assert.False(Assert.Single(_t.Actions(3, "add")).TryGetProperty("deletionVector", out _));
        AssertMetrics(_t.Metrics(3), ("numCopiedRows", 8), ("numDeletedRows", 1), ("numRemovedFiles", 1), ("numAddedFiles", 1),
            ("numDeletionVectorsRemoved", 1), ("numDeletionVectorsAdded", 0), ("numDeletionVectorsUpdated", 0));
        Assert.Equal(1, result.Files.NumDeletionVectorsRemoved);
        _t.AssertOracleRows(3, OpsTable.Rows(Range(2, 10)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Update_DeletesOldVersionsAndWritesNewOnes(bool deletionVectors)
    {
        _t.Create(new Dictionary<string, string> { ["delta.enableDeletionVectors"] = deletionVectors ? "true" : "false" });
        _t.Append(Range(0, 6));
        var snapshot = _t.Latest();
        var old = snapshot.ActiveFiles.Single();

        var change = RowLevelChange.Start(snapshot, OperationNames.Update);
        Assert.Equal(deletionVectors, change.UsesDeletionVectors);
        foreach (var (file, positions) in OpsTable.Positions(snapshot, id => id >= 3)) change.DeleteRows(file, positions);
        change.WriteRows(OpsTable.Batch(new[] { 3L, 4, 5 }.Select(i => new object?[] { i, "x", "p" })));
        var result = Update.Commit(change, "(id >= 3)");

        Assert.Equal(2, result.Version);
        var metrics = _t.Metrics(2);
        Assert.Equal(OperationMetrics.UpdateKeys.Order(), metrics.Keys.Order());
        var newFile = _t.Actions(2, "add").Single(a => a.GetProperty("path").GetString() != old.Path);
        if (deletionVectors)
            AssertMetrics(metrics, ("numRemovedFiles", 0), ("numRemovedBytes", 0), ("numCopiedRows", 0), ("numDeletionVectorsAdded", 1),
                ("numDeletionVectorsUpdated", 0), ("numDeletionVectorsRemoved", 0), ("numAddedFiles", 1), ("numAddedBytes", SizeOf(newFile)),
                ("numUpdatedRows", 3), ("numAddedChangeFiles", 0));
        else
        {
            // The copied rows and the updated rows land in one new file, as Spark's rewrite does.
            Assert.Contains("\"numRecords\":6", newFile.GetProperty("stats").GetString());
            AssertMetrics(metrics, ("numRemovedFiles", 1), ("numRemovedBytes", old.Size), ("numCopiedRows", 3), ("numDeletionVectorsAdded", 0),
                ("numDeletionVectorsUpdated", 0), ("numDeletionVectorsRemoved", 0), ("numAddedFiles", 1), ("numAddedBytes", SizeOf(newFile)),
                ("numUpdatedRows", 3), ("numAddedChangeFiles", 0));
        }
        Assert.Equal("[\"(id >= 3)\"]", _t.CommitInfo(2).GetProperty("operationParameters").GetProperty("predicate").GetString());
        _t.AssertOracleRows(2, OpsTable.Rows(new[] { OpsTable.Row(0), OpsTable.Row(1), OpsTable.Row(2), [3L, "x", "p"], [4L, "x", "p"], [5L, "x", "p"] }));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Merge_RecordsTargetRowCountsFilesAndDeletionVectors(bool deletionVectors)
    {
        _t.Create(new Dictionary<string, string> { ["delta.enableDeletionVectors"] = deletionVectors ? "true" : "false" });
        _t.Append(Range(0, 5));
        var snapshot = _t.Latest();
        var old = snapshot.ActiveFiles.Single();

        // Source: 3 (matched, updated), 4 (matched, deleted), 7 and 8 (not matched, inserted).
        var change = RowLevelChange.Start(snapshot, OperationNames.Merge);
        foreach (var (file, positions) in OpsTable.Positions(snapshot, id => id is 3 or 4)) change.DeleteRows(file, positions);
        change.WriteRows(OpsTable.Batch(new[] { new object?[] { 3L, "x", "p" }, OpsTable.Row(7), OpsTable.Row(8) }));
        var rows = new MergeRowCounts { NumSourceRows = 4, NumTargetRowsInserted = 2, NumTargetRowsMatchedUpdated = 1, NumTargetRowsMatchedDeleted = 1 };
        var result = Merge.Commit(change, "(t.id = s.id)", [MergeClause.UpdateClause("s.id = 3"), MergeClause.DeleteClause()], [MergeClause.InsertClause()], [], rows);

        Assert.Equal(2, result.Version);
        var metrics = _t.Metrics(2);
        Assert.Equal(OperationMetrics.MergeKeys.Order(), metrics.Keys.Order());
        var newFile = _t.Actions(2, "add").Single(a => a.GetProperty("path").GetString() != old.Path);
        long copied = deletionVectors ? 0 : 3;
        AssertMetrics(metrics, ("numSourceRows", 4), ("numTargetRowsInserted", 2), ("numTargetRowsUpdated", 1), ("numTargetRowsMatchedUpdated", 1),
            ("numTargetRowsNotMatchedBySourceUpdated", 0), ("numTargetRowsDeleted", 1), ("numTargetRowsMatchedDeleted", 1),
            ("numTargetRowsNotMatchedBySourceDeleted", 0), ("numTargetRowsCopied", copied), ("numOutputRows", 3 + copied),
            ("numTargetFilesAdded", 1), ("numTargetBytesAdded", SizeOf(newFile)), ("numTargetFilesRemoved", deletionVectors ? 0 : 1),
            ("numTargetBytesRemoved", deletionVectors ? 0 : old.Size), ("numTargetDeletionVectorsAdded", deletionVectors ? 1 : 0),
            ("numTargetDeletionVectorsRemoved", 0), ("numTargetDeletionVectorsUpdated", 0), ("numTargetChangeFilesAdded", 0),
            ("materializeSourceTimeMs", 0));
        var parameters = _t.CommitInfo(2).GetProperty("operationParameters");
        Assert.Equal("[\"(t.id = s.id)\"]", parameters.GetProperty("predicate").GetString());
        Assert.Equal("[{\"predicate\":\"s.id = 3\",\"actionType\":\"update\"},{\"actionType\":\"delete\"}]", parameters.GetProperty("matchedPredicates").GetString());
        Assert.Equal("[{\"actionType\":\"insert\"}]", parameters.GetProperty("notMatchedPredicates").GetString());
        Assert.Equal("[]", parameters.GetProperty("notMatchedBySourcePredicates").GetString());
        _t.AssertOracleRows(2, OpsTable.Rows(new[] { OpsTable.Row(0), OpsTable.Row(1), OpsTable.Row(2), [3L, "x", "p"], OpsTable.Row(7), OpsTable.Row(8) }));
    }

    [Fact]
    public void Delete_OfWholePartitionFiles_CountsTheirRowsFromStats()
    {
        _t.Create(partitions: ["part"]);
        _t.Append([OpsTable.Row(0, "a"), OpsTable.Row(1, "a"), OpsTable.Row(2, "a"), OpsTable.Row(3, "b"), OpsTable.Row(4, "b")]);
        var snapshot = _t.Latest();
        var inA = snapshot.ActiveFiles.Where(f => f.PartitionValues["part"] == "a").ToList();

        var change = RowLevelChange.Start(snapshot, OperationNames.Delete);
        change.RemoveFiles(inA);
        Delete.Commit(change, ["(part = a)"]);

        AssertMetrics(_t.Metrics(2), ("numRemovedFiles", 1), ("numRemovedBytes", inA.Single().Size), ("numDeletedRows", 3), ("numCopiedRows", 0),
            ("numAddedFiles", 0), ("numDeletionVectorsAdded", 0), ("numDeletionVectorsRemoved", 0));
        Assert.Empty(_t.Actions(2, "add"));
    }

    [Fact]
    public void Change_ThatDeletesNothingNew_CommitsNothing()
    {
        _t.Create();
        _t.Append(Range(0, 4));
        DeleteIds(id => id == 1, "(id = 1)");
        var snapshot = _t.Latest();

        var change = RowLevelChange.Start(snapshot, OperationNames.Delete);
        change.DeleteRows(snapshot.ActiveFiles.Single(), [1]);
        var result = Delete.Commit(change, ["(id = 1)"]);

        Assert.Null(result.Commit);
        Assert.Equal("0", result.Metrics["numDeletedRows"]);
        Assert.Equal(snapshot.Version, _t.Latest().Version);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DeleteRows_OutsideTheFile_ThrowsAndLeavesTheTableAsItWas(bool deletionVectors)
    {
        _t.Create(new Dictionary<string, string> { ["delta.enableDeletionVectors"] = deletionVectors ? "true" : "false" });
        _t.Append(Range(0, 10));
        var snapshot = _t.Latest();

        using var change = RowLevelChange.Start(snapshot, OperationNames.Delete);
        change.DeleteRows(snapshot.ActiveFiles.Single(), [2, 10]);
        var e = Assert.Throws<DeltaException>(() => Delete.Commit(change, ["x"]));

        Assert.Equal("DELTA_DELETION_VECTOR_INVALID_ROW_INDEX", e.ErrorClass);
        Assert.Contains("10 rows", e.Message);
        Assert.Equal(snapshot.Version, _t.Latest().Version);
        Assert.Throws<DeltaException>(() => change.DeleteRows(snapshot.ActiveFiles.Single(), [-1]));
    }

    [Fact]
    public void DeleteRows_OfAFileNotInTheSnapshot_IsRefused()
    {
        _t.Create();
        _t.Append(0, 1);
        var snapshot = _t.Latest();
        using var change = RowLevelChange.Start(snapshot, OperationNames.Delete);

        Assert.Throws<ArgumentException>(() => change.DeleteRows(snapshot.ActiveFiles.Single() with { Path = "other.parquet" }, [0]));
        Assert.Throws<ArgumentException>(() => Update.Commit(change, null));
    }

    [Fact]
    public void ConcurrentChanges_ToTheSameFile_Conflict()
    {
        _t.Create();
        _t.Append(Range(0, 10));
        var snapshot = _t.Latest();
        var file = snapshot.ActiveFiles.Single();
        var first = RowLevelChange.Start(snapshot, OperationNames.Delete);
        var second = RowLevelChange.Start(snapshot, OperationNames.Delete);
        first.DeleteRows(file, [1]);
        second.DeleteRows(file, [2]);

        Assert.Equal(2, Delete.Commit(first, ["(id = 1)"]).Version);
        Assert.Throws<DeltaConcurrentModificationException>(() => Delete.Commit(second, ["(id = 2)"]));
        _t.AssertOracleRows(2, OpsTable.Rows([0, 2, 3, 4, 5, 6, 7, 8, 9]));
    }

    [Fact]
    public void RecordedScan_MakesAConcurrentChangeInTheScannedPartitionConflict()
    {
        _t.Create(partitions: ["part"]);
        _t.Append([OpsTable.Row(0, "a"), OpsTable.Row(1, "a"), OpsTable.Row(2, "b")]);
        var snapshot = _t.Latest();
        var partA = new Expressions.Comparison(Expressions.ComparisonOperator.Equal, new Expressions.ColumnRef("part"),
            new Expressions.Literal("a", Types.DataType.String));
        var candidates = snapshot.ActiveFiles.Where(f => f.PartitionValues["part"] == "a").ToList();

        // Two DELETEs read partition a. A concurrent UPDATE in partition b does not affect them; once the first
        // DELETE has changed partition a's file, the second (which read that file) must fail rather than commit.
        RowLevelChange Scan() => RowLevelChange.Start(snapshot, OperationNames.Delete).RecordScan(partA, candidates);
        var unaffected = Scan();
        var affected = Scan();
        unaffected.DeleteRows(candidates.Single(), [0]);
        affected.DeleteRows(candidates.Single(), [1]);
        var inB = RowLevelChange.Start(snapshot, OperationNames.Update, useDeletionVectors: false);
        inB.DeleteRows(snapshot.ActiveFiles.Single(f => f.PartitionValues["part"] == "b"), [0]).WriteRows(OpsTable.Batch([OpsTable.Row(2, "b")]));
        Assert.Equal(2, Update.Commit(inB, "(id = 2)").Version);

        Assert.Equal(3, Delete.Commit(unaffected, ["(id = 0)"]).Version);
        var e = Assert.Throws<DeltaConcurrentModificationException>(() => Delete.Commit(affected, ["(id = 1)"]));
        Assert.Equal(3, e.WinningVersion);
    }

    [Fact]
    public void Times_AreMeasuredWithTheTableClock()
    {
        _t.Create();
        _t.Append(Range(0, 4));
        var snapshot = _t.Latest();
        var change = RowLevelChange.Start(snapshot, OperationNames.Delete);
        _t.Clock.Advance(40);
        change.MarkScanFinished();
        _t.Clock.Advance(5);
        change.DeleteRows(snapshot.ActiveFiles.Single(), [0]);
        _t.Clock.Advance(2);

        var result = Delete.Commit(change, ["(id = 0)"]);

        Assert.Equal("40", result.Metrics["scanTimeMs"]);
        Assert.Equal("47", result.Metrics["executionTimeMs"]);
        Assert.Equal("0", result.Metrics["rewriteTimeMs"]); // the clock did not move while the DV was written
        Assert.Equal("47", _t.Metrics(2)["executionTimeMs"]);
    }

    [Fact]
    public void FileRowReader_GivesFilePositionsAcrossBatchesAndSkipsDeletedRows()
    {
        _t.Create();
        _t.Append(Range(0, 10));
        DeleteIds(id => id is 2 or 5, "(id IN (2, 5))");
        var snapshot = _t.Latest();

        var seen = new List<(long Position, long Id)>();
        foreach (var pb in FileRowReader.Read(snapshot, snapshot.ActiveFiles.Single(), batchSize: 3))
        {
            var ids = (Columnar.PrimitiveVector<long>)pb.Batch.Columns[0];
            for (var i = 0; i < pb.Batch.LiveRowCount; i++) seen.Add((pb.PositionOf(i), ids[pb.Batch.RowIndex(i)]));
        }

        // Ids were written in position order, so each live row's position is its id.
        Assert.Equal(new long[] { 0, 1, 3, 4, 6, 7, 8, 9 }, seen.Select(s => s.Position));
        Assert.All(seen, s => Assert.Equal(s.Position, s.Id));
    }

    private static void AssertMetrics(IReadOnlyDictionary<string, string> metrics, params (string Key, long Value)[] expected)
    {
        foreach (var (key, value) in expected)
        {
            Assert.True(metrics.ContainsKey(key), $"metric {key} missing; have {string.Join(", ", metrics.Keys)}");
            Assert.True(value.ToString(System.Globalization.CultureInfo.InvariantCulture) == metrics[key], $"metric {key}: expected {value}, got {metrics[key]}");
        }
    }
}
