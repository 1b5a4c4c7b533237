using DeltaSharp.TestSupport;

namespace DeltaSharp.Engine.Tests;

/// <summary>
/// RESTORE TABLE through the session beyond the document's example: a replaced schema brought back, deletion-vector
/// changes of UPDATE / MERGE undone, path tables, timestamp expressions, partitioned tables. Every version is read
/// back with the delta-replay oracle against hand-derived rows.
/// </summary>
public sealed class RestoreTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly Session _session;

    public RestoreTests() =>
        _session = Session.Open(_warehouse.Path, new SessionOptions { UserName = "tester", Time = new SteppingTime(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero)) });

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }

    private List<string> Rows(string sql) =>
        _session.Sql(sql).ToRows().Select(r => string.Join("|", r.Select(v => v?.ToString() ?? "NULL"))).Order(StringComparer.Ordinal).ToList();

    private string Location(string table) => _session.Catalog.FindTable(new Catalog.TableName(_session.CurrentCatalog, _session.CurrentSchema, table))!.Location;

    private static void AssertOracle(string location, long version, params string[] expected)
    {
        var oracle = DeltaReplay.Read(location, version);
        Assert.False(oracle.ExpectError, $"oracle refused version {version}: {oracle.ErrorKind} {oracle.ErrorReason}");
        var rows = oracle.Rows!.Select(r =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(r);
            return string.Join("|", doc.RootElement.EnumerateObject().Select(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Null ? "NULL" : p.Value.ToString()));
        }).Order(StringComparer.Ordinal);
        Assert.Equal(expected.Order(StringComparer.Ordinal), rows);
    }

    [Fact]
    public void Restore_AfterCreateOrReplace_BringsBackTheOldSchemaAndRows()
    {
        _session.Sql("CREATE TABLE t (id INT, name STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        _session.Sql("CREATE OR REPLACE TABLE t (code STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES ('x')");

        _session.Sql("RESTORE TABLE t TO VERSION AS OF 1");

        Assert.Equal(["id", "name"], _session.Sql("SELECT * FROM t").Schema.Fields.Select(f => f.Name));
        Assert.Equal(["1|a", "2|b"], Rows("SELECT * FROM t"));
        _session.Sql("INSERT INTO t VALUES (3, 'c')");
        Assert.Equal(["1|a", "2|b", "3|c"], Rows("SELECT * FROM t"));
        var location = Location("t");
        AssertOracle(location, 1, "1|a", "2|b");
        AssertOracle(location, 2);
        AssertOracle(location, 3, "x");
        AssertOracle(location, 4, "1|a", "2|b");
        AssertOracle(location, 5, "1|a", "2|b", "3|c");
    }

    [Fact]
    public void Restore_UndoesUpdateAndMergeDoneWithDeletionVectors()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        _session.Sql("UPDATE t SET v = 'B' WHERE id = 2");
        _session.Sql("MERGE INTO t USING (SELECT 3 AS id, 'C' AS v UNION ALL SELECT 5, 'e') s ON t.id = s.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT *");
        Assert.Equal(["1|a", "2|B", "4|d", "5|e"], Rows("SELECT * FROM t"));

        var result = _session.Sql("RESTORE TABLE t TO VERSION AS OF 1").ToRows().Single();

        Assert.Equal(1L, result[1]); // the one file of the INSERT, without a deletion vector
        Assert.Equal(1L, result[3]);
        Assert.Equal(["1|a", "2|b", "3|c", "4|d"], Rows("SELECT * FROM t"));
        var location = Location("t");
        AssertOracle(location, 2, "1|a", "2|B", "3|c", "4|d");
        AssertOracle(location, 3, "1|a", "2|B", "4|d", "5|e");
        AssertOracle(location, 4, "1|a", "2|b", "3|c", "4|d");

        // And forward again: the restored table restored to the MERGE's version.
        _session.Sql("RESTORE TABLE t TO VERSION AS OF 3");
        Assert.Equal(["1|a", "2|B", "4|d", "5|e"], Rows("SELECT * FROM t"));
        AssertOracle(location, 5, "1|a", "2|B", "4|d", "5|e");
    }

    [Fact]
    public void Restore_OfAPathTable_WithATimestampExpression()
    {
        var path = Path.Combine(_warehouse.Path, "ext");
        _session.Sql($"CREATE TABLE delta.`{path}` (id INT) USING DELTA");
        _session.Sql($"INSERT INTO delta.`{path}` VALUES (1)");
        _session.Sql($"INSERT INTO delta.`{path}` VALUES (2)");

        // An expression folded to a timestamp: v1's commit time (from the history) plus a zero interval.
        var history = _session.Sql($"DESCRIBE HISTORY delta.`{path}`").ToRows();
        var v1 = DateTime.SpecifyKind((DateTime)history.Single(r => (long)r[0]! == 1)[1]!, DateTimeKind.Utc);
        _session.Sql($"RESTORE TABLE delta.`{path}` TO TIMESTAMP AS OF timestamp'{v1:yyyy-MM-dd HH:mm:ss.fff}' + interval 0 seconds");

        Assert.Equal(["1"], Rows($"SELECT * FROM delta.`{path}`"));
        AssertOracle(path, 3, "1");
    }

    [Fact]
    public void Restore_OfAPartitionedTable_KeepsEachRowInItsPartition()
    {
        _session.Sql("CREATE TABLE p (id INT, region STRING) USING DELTA PARTITIONED BY (region)");
        _session.Sql("INSERT INTO p VALUES (1, 'eu'), (2, 'us'), (3, 'eu')");
        _session.Sql("DELETE FROM p WHERE region = 'eu'");
        _session.Sql("INSERT INTO p VALUES (4, 'apac')");

        _session.Sql("RESTORE p TO VERSION AS OF 1");

        Assert.Equal(["1|eu", "2|us", "3|eu"], Rows("SELECT * FROM p"));
        Assert.Equal(["1|eu", "3|eu"], Rows("SELECT * FROM p WHERE region = 'eu'"));
        AssertOracle(Location("p"), 4, "1|eu", "2|us", "3|eu");
    }

    [Fact]
    public void Restore_BeforeAlterTable_BringsBackTheSchemaAndPropertiesOfThatVersion()
    {
        _session.Sql("CREATE TABLE a (id INT) USING DELTA TBLPROPERTIES ('team' = 'claims')");
        _session.Sql("INSERT INTO a VALUES (1)");
        _session.Sql("ALTER TABLE a ADD COLUMNS (note STRING)");
        _session.Sql("ALTER TABLE a SET TBLPROPERTIES ('team' = 'billing')");
        _session.Sql("INSERT INTO a VALUES (2, 'late')");

        _session.Sql("RESTORE TABLE a TO VERSION AS OF 1");

        Assert.Equal(["id"], _session.Sql("SELECT * FROM a").Schema.Fields.Select(f => f.Name));
        Assert.Equal(["1"], Rows("SELECT * FROM a"));
        var configuration = Tables.DeltaTable.ForPath(Location("a")).Latest().Metadata.Configuration;
        Assert.Equal("claims", configuration["team"]);
        AssertOracle(Location("a"), 4, "2|late", "1|NULL");
        AssertOracle(Location("a"), 5, "1");
    }
}
