using DeltaSharp.Catalog;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Engine.Tests;

/// <summary>MERGE INTO through the session: upsert, delete, not matched by source, the multiple-match error, and the
/// spec's "fix incorrect updates" example with a time-travelled source.</summary>
public sealed class MergeTests : SessionTestBase
{
    [Fact]
    public void Merge_Upsert_UpdatesMatchedAndInsertsNew_WithMergeMetrics()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        Session.Sql("CREATE TABLE s (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO s VALUES (2, 'B'), (4, 'D')");
        var result = Session.Sql("""
            MERGE INTO t USING s ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET v = s.v
            WHEN NOT MATCHED THEN INSERT *
            """);
        Assert.Equal([2L, 1L, 0L, 1L], result.ToRows()[0]);
        Assert.Equal(["1|a", "2|B", "3|c", "4|D"], Strings("SELECT * FROM t ORDER BY id"));
        var info = LastCommit("t");
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
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        Session.Sql("""
            MERGE INTO t AS target USING (SELECT 1 AS id UNION ALL SELECT 2) AS src ON target.id = src.id
            WHEN MATCHED AND target.id = 1 THEN DELETE
            WHEN NOT MATCHED BY SOURCE THEN UPDATE SET v = 'gone'
            """);
        Assert.Equal(["2|b", "3|gone"], Strings("SELECT * FROM t ORDER BY id"));
    }

    [Fact]
    public void Merge_WhenTwoSourceRowsMatchOneTargetRow_Throws()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a')");
        var e = Assert.Throws<DeltaException>(() => Session.Sql("""
            MERGE INTO t USING (SELECT 1 AS id, 'x' AS v UNION ALL SELECT 1, 'y') AS s ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET *
            """));
        Assert.Equal("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE", e.ErrorClass);
        Assert.Equal(["1|a"], Strings("SELECT * FROM t"));
    }

    [Fact]
    public void Merge_FromAnEarlierVersionOfItself_FixesIncorrectUpdates()
    {
        Session.Sql("CREATE TABLE my_table (userId INT, name STRING) USING DELTA");
        Session.Sql("INSERT INTO my_table VALUES (1, 'ann'), (2, 'bob')");
        Session.Sql("UPDATE my_table SET name = 'oops'");
        Session.Sql("""
            MERGE INTO my_table target
              USING my_table VERSION AS OF 1 source
              ON source.userId = target.userId
              WHEN MATCHED THEN UPDATE SET *
            """);
        Assert.Equal(["1|ann", "2|bob"], Strings("SELECT * FROM my_table ORDER BY userId"));
    }

    private IReadOnlyDictionary<string, string> LastMetrics(string table) => LastCommit(table).OperationMetrics!;

    [Fact]
    public void Merge_SeveralMatchedClauses_TheFirstWhoseConditionHoldsDecides()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING, n INT) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30), (4, 'd', 40)");
        var result = Session.Sql("""
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
        AssertMetricValues(m, ("numSourceRows", 4), ("numTargetRowsMatchedUpdated", 2),
            ("numTargetRowsMatchedDeleted", 1), ("numTargetRowsInserted", 1), ("numTargetRowsUpdated", 2),
            ("numTargetRowsDeleted", 1), ("numTargetRowsNotMatchedBySourceUpdated", 0));
        AssertOracleAgrees("t", 4);
    }

    [Fact]
    public void Merge_NotMatchedBySource_UpdateAndDeleteWithConditions()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        Session.Sql("CREATE TABLE s (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO s VALUES (1, 'A')");
        Session.Sql("""
            MERGE INTO t USING (SELECT id, v FROM s WHERE id < 10) AS src ON t.id = src.id
            WHEN MATCHED THEN UPDATE SET *
            WHEN NOT MATCHED BY SOURCE AND t.id = 2 THEN DELETE
            WHEN NOT MATCHED BY SOURCE THEN UPDATE SET v = concat(t.v, '!')
            """);
        Assert.Equal(["1|A", "3|c!", "4|d!"], Strings("SELECT * FROM t ORDER BY id"));
        var m = LastMetrics("t");
        AssertMetricValues(m, ("numTargetRowsMatchedUpdated", 1), ("numTargetRowsNotMatchedBySourceUpdated", 2),
            ("numTargetRowsNotMatchedBySourceDeleted", 1), ("numTargetRowsUpdated", 3), ("numTargetRowsDeleted", 1),
            ("numTargetRowsInserted", 0));
        AssertOracleAgrees("t", 3);
    }

    [Fact]
    public void Merge_FromATableAtAVersion_InsertAllIntoAnEmptyTarget()
    {
        Session.Sql("CREATE TABLE src (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO src VALUES (1, 'a'), (2, 'b')");
        Session.Sql("INSERT INTO src VALUES (3, 'c')");
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("""
            MERGE INTO t USING src VERSION AS OF 1 AS s ON t.id = s.id
            WHEN NOT MATCHED THEN INSERT *
            """);
        Assert.Equal(["1|a", "2|b"], Strings("SELECT * FROM t ORDER BY id"));
        var m = LastMetrics("t");
        AssertMetricValues(m, ("numSourceRows", 2), ("numTargetRowsInserted", 2), ("numOutputRows", 2),
            ("numTargetRowsCopied", 0));
        AssertOracleAgrees("t", 2);
    }

    [Fact]
    public void Merge_WithoutDeletionVectors_RewritesTouchedFilesAndCountsCopiedRows()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA TBLPROPERTIES ('delta.enableDeletionVectors' = false)");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        Session.Sql("MERGE INTO t USING (SELECT 2 AS id, 'B' AS v) AS s ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v");
        Assert.Equal(["1|a", "2|B", "3|c"], Strings("SELECT * FROM t ORDER BY id"));
        var m = LastMetrics("t");
        AssertMetricValues(m, ("numTargetRowsUpdated", 1), ("numTargetRowsCopied", 2), ("numOutputRows", 3),
            ("numTargetFilesRemoved", 1), ("numTargetDeletionVectorsAdded", 0));
        AssertOracleAgrees("t", 3);
    }

    [Fact]
    public void Merge_MultipleMatches_FollowDeltasCheck()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        const string dup = "(SELECT 1 AS id, 'x' AS v UNION ALL SELECT 1, 'y')";
        // Only matched clauses, none acting on the pair: no error, nothing changes.
        Session.Sql($"MERGE INTO t USING {dup} AS s ON t.id = s.id WHEN MATCHED AND s.v = 'z' THEN UPDATE SET v = s.v");
        Assert.Equal(["1|a", "2|b"], Strings("SELECT * FROM t ORDER BY id"));
        // With a NOT MATCHED clause every matched pair counts.
        var e = Assert.Throws<DeltaException>(() => Session.Sql(
            $"MERGE INTO t USING {dup} AS s ON t.id = s.id WHEN MATCHED AND s.v = 'z' THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT *"));
        Assert.Equal("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE", e.ErrorClass);
        // The one unconditional DELETE clause is exempt: the row is deleted once.
        Session.Sql($"MERGE INTO t USING {dup} AS s ON t.id = s.id WHEN MATCHED THEN DELETE");
        Assert.Equal(["2|b"], Strings("SELECT * FROM t ORDER BY id"));
        Assert.Equal("1", LastMetrics("t")["numTargetRowsDeleted"]);
    }
}
