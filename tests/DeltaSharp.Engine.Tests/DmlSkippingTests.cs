using DeltaSharp.Catalog;
using DeltaSharp.Compute;
using DeltaSharp.Engine.Statements;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Parsing;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;
using TableName = DeltaSharp.Catalog.TableName;

namespace DeltaSharp.Engine.Tests;

/// <summary>File skipping for DELETE / UPDATE / MERGE: only the candidate files of the condition are opened (seen
/// through the commands' scan hook and by corrupting the other partitions' files), partition-only DELETE is
/// metadata-only, the transaction records the filter so a concurrent append to another partition commits while one
/// to the same partition conflicts (DELTA_CONCURRENT_APPEND), and the timing metrics are consistent.</summary>
public sealed class DmlSkippingTests : SessionTestBase
{
    private DeltaTableProvider Provider => (DeltaTableProvider)Session.Tables;

    private ResolvedTable Resolve(string table) => Provider.Resolve(TableIdentifier.Named(table))!;

    /// <summary>Three partitions (EU, US, APAC) of two files each.</summary>
    private void CreateRegions()
    {
        Session.Sql("CREATE TABLE r (id INT, v STRING, region STRING) USING DELTA PARTITIONED BY (region)");
        Session.Sql("INSERT INTO r VALUES (1, 'a', 'EU'), (2, 'b', 'US'), (3, 'c', 'APAC')");
        Session.Sql("INSERT INTO r VALUES (4, 'd', 'EU'), (5, 'e', 'US'), (6, 'f', 'APAC')");
    }

    private IReadOnlyList<Tables.Actions.AddFile> FilesOf(string table, string region) =>
        DeltaTable.ForPath(Location(table)).Latest().ActiveFiles.Where(f => f.PartitionValues!["region"] == region).ToList();

    private static T Parse<T>(string sql) where T : Statement => (T)Parser.ParseStatement(sql);

    [Fact]
    public void Delete_OnOnePartition_OpensOnlyThatPartitionsFiles()
    {
        CreateRegions();
        RowPositionSource? seen = null;
        var result = RowLevelCommand.Delete(Parse<DeleteStatement>("DELETE FROM r WHERE region = 'EU' AND id = 1"), Resolve("r"), Provider, new EvaluationContext(), s => seen = s);
        Assert.NotNull(result.Version);
        // Partition pruning keeps EU's two files; the stats (id 1..1 and 4..4) skip the second one.
        Assert.Equal(1, seen!.FilesOpened);
        Assert.All(seen.ScannedFiles, f => Assert.Equal("EU", f.PartitionValues!["region"]));
        Assert.Equal(["2|b|US", "3|c|APAC", "4|d|EU", "5|e|US", "6|f|APAC"], Strings("SELECT * FROM r ORDER BY id"));
    }

    [Fact]
    public void UpdateAndDelete_DoNotReadOtherPartitions_EvenWhenTheirFilesAreUnreadable()
    {
        CreateRegions();
        // Corrupt every US and APAC data file: a DML statement that opened them would fail.
        var root = Location("r");
        foreach (var f in FilesOf("r", "US").Concat(FilesOf("r", "APAC")))
            File.WriteAllBytes(Path.Combine(root, Uri.UnescapeDataString(f.Path)), [1, 2, 3, 4]);
        Assert.ThrowsAny<Exception>(() => Strings("SELECT * FROM r WHERE region = 'US'"));
        Session.Sql("UPDATE r SET v = 'z' WHERE region = 'EU' AND id = 4");
        Session.Sql("DELETE FROM r WHERE region = 'EU' AND id = 1");
        Assert.Equal(["4|z|EU"], Strings("SELECT * FROM r WHERE region = 'EU'"));
    }

    [Fact]
    public void Update_OnOnePartition_OpensOnlyThatPartitionsFiles()
    {
        CreateRegions();
        RowPositionSource? seen = null;
        RowLevelCommand.Update(Parse<UpdateStatement>("UPDATE r SET v = 'z' WHERE region = 'US'"), Resolve("r"), Provider, new EvaluationContext(), s => seen = s);
        Assert.Equal(2, seen!.FilesOpened);
        Assert.Equal(["1|a|EU", "2|z|US", "3|c|APAC", "4|d|EU", "5|z|US", "6|f|APAC"], Strings("SELECT * FROM r ORDER BY id"));
    }

    [Fact]
    public void Delete_WithAPartitionOnlyCondition_IsMetadataOnly_AndRecordsTheDeletedRows()
    {
        CreateRegions();
        RowPositionSource? seen = null;
        RowLevelCommand.Delete(Parse<DeleteStatement>("DELETE FROM r WHERE region IN ('EU', 'US')"), Resolve("r"), Provider, new EvaluationContext(), s => seen = s);
        Assert.Equal(0, seen!.FilesOpened);
        Assert.Equal(["3|c|APAC", "6|f|APAC"], Strings("SELECT * FROM r ORDER BY id"));
        var m = DeltaTable.ForPath(Location("r")).History()[0].CommitInfo.OperationMetrics!;
        // DeleteCommand's metadata-only case: rows from the files' numRecords, nothing copied or added.
        AssertMetricValues(m, ("numRemovedFiles", 4), ("numDeletedRows", 4), ("numCopiedRows", 0),
            ("numAddedFiles", 0), ("numDeletionVectorsAdded", 0));
        var oracle = DeltaReplay.Read(Location("r"));
        Assert.Equal(2L, oracle.NumRows);
    }

    [Fact]
    public void Delete_ConcurrentAppendToAnotherPartition_Commits()
    {
        CreateRegions();
        using var other = Session.Open(Warehouse.Path);
        var result = RowLevelCommand.Delete(Parse<DeleteStatement>("DELETE FROM r WHERE region = 'EU' AND id = 1"), Resolve("r"), Provider, new EvaluationContext(),
            // Not a blind append (it reads r), so WriteSerializable checks it against what the DELETE read.
            _ => other.Sql("INSERT INTO r SELECT 7, 'g', 'US' FROM r LIMIT 1"));
        Assert.Equal(4L, result.Version);
        Assert.Equal(["2|b|US", "3|c|APAC", "4|d|EU", "5|e|US", "6|f|APAC", "7|g|US"], Strings("SELECT * FROM r ORDER BY id"));
    }

    [Fact]
    public void Delete_ConcurrentAppendToTheSamePartition_ConflictsWithConcurrentAppend()
    {
        CreateRegions();
        using var other = Session.Open(Warehouse.Path);
        var e = Assert.Throws<DeltaConcurrentModificationException>(() => RowLevelCommand.Delete(
            Parse<DeleteStatement>("DELETE FROM r WHERE region = 'EU' AND id = 1"), Resolve("r"), Provider, new EvaluationContext(),
            _ => other.Sql("INSERT INTO r SELECT 7, 'g', 'EU' FROM r LIMIT 1")));
        Assert.Equal("DELTA_CONCURRENT_APPEND", e.ErrorClass);
        Assert.Equal(3L, DeltaTable.ForPath(Location("r")).Latest().Version);
    }

    [Fact]
    public void Update_ConcurrentAppendToAnotherPartition_Commits_ButToTheSamePartitionConflicts()
    {
        CreateRegions();
        using var other = Session.Open(Warehouse.Path);
        RowLevelCommand.Update(Parse<UpdateStatement>("UPDATE r SET v = 'z' WHERE region = 'US'"), Resolve("r"), Provider, new EvaluationContext(),
            _ => other.Sql("INSERT INTO r SELECT 8, 'h', 'APAC' FROM r LIMIT 1"));
        var e = Assert.Throws<DeltaConcurrentModificationException>(() => RowLevelCommand.Update(
            Parse<UpdateStatement>("UPDATE r SET v = 'y' WHERE region = 'US'"), Resolve("r"), Provider, new EvaluationContext(),
            _ => other.Sql("INSERT INTO r SELECT 9, 'i', 'US' FROM r LIMIT 1")));
        Assert.Equal("DELTA_CONCURRENT_APPEND", e.ErrorClass);
    }

    [Fact]
    public void Merge_WithATargetOnlyOnConjunct_OpensOnlyThatPartitionsFiles()
    {
        CreateRegions();
        Session.Sql("CREATE TABLE s (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO s VALUES (1, 'A'), (4, 'D'), (9, 'I')");
        RowPositionSource? seen = null;
        var merge = Parse<MergeStatement>("""
            MERGE INTO r USING s ON r.id = s.id AND r.region = 'EU'
            WHEN MATCHED THEN UPDATE SET v = s.v
            WHEN NOT MATCHED THEN INSERT (id, v, region) VALUES (s.id, s.v, 'LATAM')
            """);
        MergeCommand.Run(merge, Resolve("r"), Provider, new EvaluationContext(), s => seen = s);
        Assert.Equal(2, seen!.FilesOpened);
        Assert.Equal(["1|A|EU", "2|b|US", "3|c|APAC", "4|D|EU", "5|e|US", "6|f|APAC", "9|I|LATAM"], Strings("SELECT * FROM r ORDER BY id"));
    }

    [Fact]
    public void Merge_ConcurrentAppendOutsideTheTargetFilter_Commits_InsideConflicts()
    {
        CreateRegions();
        using var other = Session.Open(Warehouse.Path);
        const string sql = """
            MERGE INTO r USING (VALUES (1, 'A')) AS s(id, v) ON r.id = s.id AND r.region = 'EU'
            WHEN MATCHED THEN UPDATE SET v = s.v
            """;
        var ok = MergeCommand.Run(Parse<MergeStatement>(sql), Resolve("r"), Provider, new EvaluationContext(),
            _ => other.Sql("INSERT INTO r SELECT 7, 'g', 'US' FROM r LIMIT 1"));
        Assert.NotNull(ok.Version);
        var e = Assert.Throws<DeltaConcurrentModificationException>(() => MergeCommand.Run(Parse<MergeStatement>(sql), Resolve("r"), Provider, new EvaluationContext(),
            _ => other.Sql("INSERT INTO r SELECT 1, 'h', 'EU' FROM r LIMIT 1")));
        Assert.Equal("DELTA_CONCURRENT_APPEND", e.ErrorClass);
    }

    [Fact]
    public void Merge_SkipsTargetFilesOutsideTheSourcesKeyRange()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        Session.Sql("INSERT INTO t VALUES (10, 'c'), (11, 'd')");
        Session.Sql("INSERT INTO t VALUES (20, 'e'), (21, 'f')");
        RowPositionSource? seen = null;
        var merge = Parse<MergeStatement>("""
            MERGE INTO t USING (VALUES (10, 'C'), (12, 'X')) AS s(id, v) ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET v = s.v
            WHEN NOT MATCHED THEN INSERT *
            """);
        MergeCommand.Run(merge, Resolve("t"), Provider, new EvaluationContext(), s => seen = s);
        // Source ids 10..12: only the file with ids 10..11 can match.
        Assert.Equal(1, seen!.FilesOpened);
        Assert.Equal(["1|a", "2|b", "10|C", "11|d", "12|X", "20|e", "21|f"], Strings("SELECT * FROM t ORDER BY id"));
        var oracle = DeltaReplay.Read(Location("t"));
        Assert.Equal(7L, oracle.NumRows);
    }

    [Fact]
    public void TimingMetrics_OfDeleteUpdateMerge_AreConsistent()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES " + string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"({i}, '{i}')")));
        Session.Sql("CREATE TABLE s (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO s VALUES (1, 'x'), (5000, 'y')");
        Session.Sql("DELETE FROM t WHERE id % 7 = 0");
        AssertTimes(DeltaTable.ForPath(Location("t")).History()[0].CommitInfo.OperationMetrics!);
        Session.Sql("UPDATE t SET v = 'u' WHERE id % 5 = 0");
        AssertTimes(DeltaTable.ForPath(Location("t")).History()[0].CommitInfo.OperationMetrics!);
        Session.Sql("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        var m = DeltaTable.ForPath(Location("t")).History()[0].CommitInfo.OperationMetrics!;
        AssertTimes(m);
        Assert.True(long.Parse(m["executionTimeMs"], System.Globalization.CultureInfo.InvariantCulture)
            >= long.Parse(m["materializeSourceTimeMs"], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void AssertTimes(IReadOnlyDictionary<string, string> m)
    {
        long Get(string key) => long.Parse(m[key], System.Globalization.CultureInfo.InvariantCulture);
        var (exec, scan, rewrite) = (Get("executionTimeMs"), Get("scanTimeMs"), Get("rewriteTimeMs"));
        Assert.True(scan >= 0 && rewrite >= 0, $"scan {scan}, rewrite {rewrite}");
        Assert.True(exec >= scan, $"execution {exec} < scan {scan}");
        Assert.True(exec >= rewrite, $"execution {exec} < rewrite {rewrite}");
        // Each is truncated to whole milliseconds separately: allow 2 ms of rounding.
        Assert.True(exec + 2 >= scan + rewrite, $"execution {exec} < scan {scan} + rewrite {rewrite}");
    }
}
