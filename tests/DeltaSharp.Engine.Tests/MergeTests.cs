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
}
