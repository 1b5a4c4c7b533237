using DeltaSharp.Catalog;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Engine.Tests;

/// <summary>MERGE INTO through the session: upsert, delete, not matched by source, the multiple-match error, and the
/// spec's "fix incorrect updates" example with a time-travelled source.</summary>
public sealed class MergeTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly Session _session;

    public MergeTests() =>
        _session = Session.Open(_warehouse.Path, new SessionOptions { UserName = "tester", Time = new SteppingTime(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)) });

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }

    private List<string> Strings(string sql) => _session.Sql(sql).ToRows().Select(r => string.Join("|", r.Select(v => v?.ToString() ?? "NULL"))).ToList();

    private string Location(string table) => _session.Catalog.FindTable(new TableName(_session.CurrentCatalog, _session.CurrentSchema, table))!.Location;

    [Fact]
    public void Merge_Upsert_UpdatesMatchedAndInsertsNew_WithMergeMetrics()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        _session.Sql("CREATE TABLE s (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO s VALUES (2, 'B'), (4, 'D')");
        var result = _session.Sql("""
            MERGE INTO t USING s ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET v = s.v
            WHEN NOT MATCHED THEN INSERT *
            """);
        Assert.Equal([2L, 1L, 0L, 1L], result.ToRows()[0]);
        Assert.Equal(["1|a", "2|B", "3|c", "4|D"], Strings("SELECT * FROM t ORDER BY id"));
        var info = DeltaTable.ForPath(Location("t")).History()[0].CommitInfo;
        Assert.Equal("MERGE", info.Operation);
        Assert.Equal("2", info.OperationMetrics!["numSourceRows"]);
        Assert.Equal("1", info.OperationMetrics["numTargetRowsUpdated"]);
        Assert.Equal("1", info.OperationMetrics["numTargetRowsInserted"]);
        var oracle = DeltaReplay.Read(Location("t"));
        Assert.Equal(4L, oracle.NumRows);
    }

    [Fact]
    public void Merge_DeleteAndNotMatchedBySource()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        _session.Sql("""
            MERGE INTO t AS target USING (SELECT 1 AS id UNION ALL SELECT 2) AS src ON target.id = src.id
            WHEN MATCHED AND target.id = 1 THEN DELETE
            WHEN NOT MATCHED BY SOURCE THEN UPDATE SET v = 'gone'
            """);
        Assert.Equal(["2|b", "3|gone"], Strings("SELECT * FROM t ORDER BY id"));
    }

    [Fact]
    public void Merge_WhenTwoSourceRowsMatchOneTargetRow_Throws()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a')");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("""
            MERGE INTO t USING (SELECT 1 AS id, 'x' AS v UNION ALL SELECT 1, 'y') AS s ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET *
            """));
        Assert.Equal("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE", e.ErrorClass);
        Assert.Equal(["1|a"], Strings("SELECT * FROM t"));
    }

    [Fact]
    public void Merge_FromAnEarlierVersionOfItself_FixesIncorrectUpdates()
    {
        _session.Sql("CREATE TABLE my_table (userId INT, name STRING) USING DELTA");
        _session.Sql("INSERT INTO my_table VALUES (1, 'ann'), (2, 'bob')");
        _session.Sql("UPDATE my_table SET name = 'oops'");
        _session.Sql("""
            MERGE INTO my_table target
              USING my_table VERSION AS OF 1 source
              ON source.userId = target.userId
              WHEN MATCHED THEN UPDATE SET *
            """);
        Assert.Equal(["1|ann", "2|bob"], Strings("SELECT * FROM my_table ORDER BY userId"));
    }

    private IReadOnlyDictionary<string, string> LastMetrics(string table) => DeltaTable.ForPath(Location(table)).History()[0].CommitInfo.OperationMetrics!;

    private void AssertOracleAgrees(string table, long rows)
    {
        var oracle = DeltaReplay.Read(Location(table));
        Assert.False(oracle.ExpectError, $"{oracle.ErrorKind} {oracle.ErrorReason}");
        Assert.Equal(rows, oracle.NumRows);
        var ours = _session.Sql($"SELECT * FROM {table}");
        var message = JsonRowComparer.Compare(RowJson.FromBatches(ours.Batches), oracle.Rows!, ours.Schema, RowOrder.Multiset);
        Assert.True(message is null, message);
    }

    [Fact]
    public void Merge_SeveralMatchedClauses_TheFirstWhoseConditionHoldsDecides()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING, n INT) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30), (4, 'd', 40)");
        var result = _session.Sql("""
            MERGE INTO t USING (VALUES (1, 'del'), (2, 'x'), (3, 'y'), (5, 'new')) AS s(id, op) ON t.id = s.id
            WHEN MATCHED AND s.op = 'del' THEN DELETE
            WHEN MATCHED AND t.n >= 30 THEN UPDATE SET n = t.n + 1
            WHEN MATCHED THEN UPDATE SET v = s.op
            WHEN NOT MATCHED BY TARGET AND s.op = 'new' THEN INSERT (id, v) VALUES (s.id, s.op)
            """);
        // Hand-computed: 1 deleted, 3 (n = 30) takes the second clause, 2 the third; 5 inserted with n NULL.
        Assert.Equal(["2|x|20", "3|c|31", "4|d|40", "5|new|NULL"], Strings("SELECT * FROM t ORDER BY id"));
        Assert.Equal([4L, 2L, 1L, 1L], result.ToRows()[0]);
        var m = LastMetrics("t");
        Assert.Equal("4", m["numSourceRows"]);
        Assert.Equal("2", m["numTargetRowsMatchedUpdated"]);
        Assert.Equal("1", m["numTargetRowsMatchedDeleted"]);
        Assert.Equal("1", m["numTargetRowsInserted"]);
        Assert.Equal("2", m["numTargetRowsUpdated"]);
        Assert.Equal("1", m["numTargetRowsDeleted"]);
        Assert.Equal("0", m["numTargetRowsNotMatchedBySourceUpdated"]);
        AssertOracleAgrees("t", 4);
    }

    [Fact]
    public void Merge_NotMatchedBySource_UpdateAndDeleteWithConditions()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        _session.Sql("CREATE TABLE s (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO s VALUES (1, 'A')");
        _session.Sql("""
            MERGE INTO t USING (SELECT id, v FROM s WHERE id < 10) AS src ON t.id = src.id
            WHEN MATCHED THEN UPDATE SET *
            WHEN NOT MATCHED BY SOURCE AND t.id = 2 THEN DELETE
            WHEN NOT MATCHED BY SOURCE THEN UPDATE SET v = concat(t.v, '!')
            """);
        Assert.Equal(["1|A", "3|c!", "4|d!"], Strings("SELECT * FROM t ORDER BY id"));
        var m = LastMetrics("t");
        Assert.Equal("1", m["numTargetRowsMatchedUpdated"]);
        Assert.Equal("2", m["numTargetRowsNotMatchedBySourceUpdated"]);
        Assert.Equal("1", m["numTargetRowsNotMatchedBySourceDeleted"]);
        Assert.Equal("3", m["numTargetRowsUpdated"]);
        Assert.Equal("1", m["numTargetRowsDeleted"]);
        Assert.Equal("0", m["numTargetRowsInserted"]);
        AssertOracleAgrees("t", 3);
    }

    [Fact]
    public void Merge_FromATableAtAVersion_InsertAllIntoAnEmptyTarget()
    {
        _session.Sql("CREATE TABLE src (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO src VALUES (1, 'a'), (2, 'b')");
        _session.Sql("INSERT INTO src VALUES (3, 'c')");
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("""
            MERGE INTO t USING src VERSION AS OF 1 AS s ON t.id = s.id
            WHEN NOT MATCHED THEN INSERT *
            """);
        Assert.Equal(["1|a", "2|b"], Strings("SELECT * FROM t ORDER BY id"));
        var m = LastMetrics("t");
        Assert.Equal("2", m["numSourceRows"]);
        Assert.Equal("2", m["numTargetRowsInserted"]);
        Assert.Equal("2", m["numOutputRows"]);
        Assert.Equal("0", m["numTargetRowsCopied"]);
        AssertOracleAgrees("t", 2);
    }

    [Fact]
    public void Merge_WithoutDeletionVectors_RewritesTouchedFilesAndCountsCopiedRows()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA TBLPROPERTIES ('delta.enableDeletionVectors' = false)");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        _session.Sql("MERGE INTO t USING (SELECT 2 AS id, 'B' AS v) AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v");
        Assert.Equal(["1|a", "2|B", "3|c"], Strings("SELECT * FROM t ORDER BY id"));
        var m = LastMetrics("t");
        Assert.Equal("1", m["numTargetRowsUpdated"]);
        Assert.Equal("2", m["numTargetRowsCopied"]);
        Assert.Equal("3", m["numOutputRows"]);
        Assert.Equal("1", m["numTargetFilesRemoved"]);
        Assert.Equal("0", m["numTargetDeletionVectorsAdded"]);
        AssertOracleAgrees("t", 3);
    }

    [Fact]
    public void Merge_MultipleMatches_FollowDeltasCheck()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        const string dup = "(SELECT 1 AS id, 'x' AS v UNION ALL SELECT 1, 'y')";
        // Only matched clauses, none acting on the pair: no error, nothing changes.
        _session.Sql($"MERGE INTO t USING {dup} AS s ON t.id = s.id WHEN MATCHED AND s.v = 'z' THEN UPDATE SET v = s.v");
        Assert.Equal(["1|a", "2|b"], Strings("SELECT * FROM t ORDER BY id"));
        // With a NOT MATCHED clause every matched pair counts.
        var e = Assert.Throws<DeltaException>(() => _session.Sql(
            $"MERGE INTO t USING {dup} AS s ON t.id = s.id WHEN MATCHED AND s.v = 'z' THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT *"));
        Assert.Equal("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE", e.ErrorClass);
        // The one unconditional DELETE clause is exempt: the row is deleted once.
        _session.Sql($"MERGE INTO t USING {dup} AS s ON t.id = s.id WHEN MATCHED THEN DELETE");
        Assert.Equal(["2|b"], Strings("SELECT * FROM t ORDER BY id"));
        Assert.Equal("1", LastMetrics("t")["numTargetRowsDeleted"]);
    }
}
