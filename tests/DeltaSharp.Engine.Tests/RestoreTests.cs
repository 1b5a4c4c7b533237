namespace DeltaSharp.Engine.Tests;

/// <summary>
/// RESTORE TABLE through the session beyond the document's example: a replaced schema brought back, deletion-vector
/// changes of UPDATE / MERGE undone, path tables, timestamp expressions, partitioned tables. Every version is read
/// back with the delta-replay oracle against hand-derived rows.
/// </summary>
public sealed class RestoreTests : SessionTestBase
{
    [Fact]
    public void Restore_AfterCreateOrReplace_BringsBackTheOldSchemaAndRows()
    {
        Session.Sql("CREATE TABLE t (id INT, name STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        Session.Sql("CREATE OR REPLACE TABLE t (code STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES ('x')");

        Session.Sql("RESTORE TABLE t TO VERSION AS OF 1");

        Assert.Equal(["id", "name"], Session.Sql("SELECT * FROM t").Schema.Fields.Select(f => f.Name));
        Assert.Equal(["1|a", "2|b"], Sorted(Strings("SELECT * FROM t")));
        Session.Sql("INSERT INTO t VALUES (3, 'c')");
        Assert.Equal(["1|a", "2|b", "3|c"], Sorted(Strings("SELECT * FROM t")));
        var location = Location("t");
        AssertOracleRows(location, 1, "1|a", "2|b");
        AssertOracleRows(location, 2);
        AssertOracleRows(location, 3, "x");
        AssertOracleRows(location, 4, "1|a", "2|b");
        AssertOracleRows(location, 5, "1|a", "2|b", "3|c");
    }

    [Fact]
    public void Restore_UndoesUpdateAndMergeDoneWithDeletionVectors()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        Session.Sql("UPDATE t SET v = 'B' WHERE id = 2");
        Session.Sql("MERGE INTO t USING (SELECT 3 AS id, 'C' AS v UNION ALL SELECT 5, 'e') s ON t.id = s.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT *");
        Assert.Equal(["1|a", "2|B", "4|d", "5|e"], Sorted(Strings("SELECT * FROM t")));

        var result = Session.Sql("RESTORE TABLE t TO VERSION AS OF 1").ToRows().Single();

        Assert.Equal(1L, result[1]); // the one file of the INSERT, without a deletion vector
        Assert.Equal(1L, result[3]);
        Assert.Equal(["1|a", "2|b", "3|c", "4|d"], Sorted(Strings("SELECT * FROM t")));
        var location = Location("t");
        AssertOracleRows(location, 2, "1|a", "2|B", "3|c", "4|d");
        AssertOracleRows(location, 3, "1|a", "2|B", "4|d", "5|e");
        AssertOracleRows(location, 4, "1|a", "2|b", "3|c", "4|d");

        // And forward again: the restored table restored to the MERGE's version.
        Session.Sql("RESTORE TABLE t TO VERSION AS OF 3");
        Assert.Equal(["1|a", "2|B", "4|d", "5|e"], Sorted(Strings("SELECT * FROM t")));
        AssertOracleRows(location, 5, "1|a", "2|B", "4|d", "5|e");
    }

    [Fact]
    public void Restore_OfAPathTable_WithATimestampExpression()
    {
        var path = Path.Combine(Warehouse.Path, "ext");
        Session.Sql($"CREATE TABLE delta.`{path}` (id INT) USING DELTA");
        Session.Sql($"INSERT INTO delta.`{path}` VALUES (1)");
        Session.Sql($"INSERT INTO delta.`{path}` VALUES (2)");

        // An expression folded to a timestamp: v1's commit time (from the history) plus a zero interval.
        var history = Session.Sql($"DESCRIBE HISTORY delta.`{path}`").ToRows();
        var v1 = DateTime.SpecifyKind((DateTime)history.Single(r => (long)r[0]! == 1)[1]!, DateTimeKind.Utc);
        Session.Sql($"RESTORE TABLE delta.`{path}` TO TIMESTAMP AS OF timestamp'{v1:yyyy-MM-dd HH:mm:ss.fff}' + interval 0 seconds");

        Assert.Equal(["1"], Sorted(Strings($"SELECT * FROM delta.`{path}`")));
        AssertOracleRows(path, 3, "1");
    }

    [Fact]
    public void Restore_OfAPartitionedTable_KeepsEachRowInItsPartition()
    {
        Session.Sql("CREATE TABLE p (id INT, region STRING) USING DELTA PARTITIONED BY (region)");
        Session.Sql("INSERT INTO p VALUES (1, 'eu'), (2, 'us'), (3, 'eu')");
        Session.Sql("DELETE FROM p WHERE region = 'eu'");
        Session.Sql("INSERT INTO p VALUES (4, 'apac')");

        Session.Sql("RESTORE p TO VERSION AS OF 1");

        Assert.Equal(["1|eu", "2|us", "3|eu"], Sorted(Strings("SELECT * FROM p")));
        Assert.Equal(["1|eu", "3|eu"], Sorted(Strings("SELECT * FROM p WHERE region = 'eu'")));
        AssertOracleRows(Location("p"), 4, "1|eu", "2|us", "3|eu");
    }

    [Fact]
    public void Restore_BeforeAlterTable_BringsBackTheSchemaAndPropertiesOfThatVersion()
    {
        Session.Sql("CREATE TABLE a (id INT) USING DELTA TBLPROPERTIES ('team' = 'claims')");
        Session.Sql("INSERT INTO a VALUES (1)");
        Session.Sql("ALTER TABLE a ADD COLUMNS (note STRING)");
        Session.Sql("ALTER TABLE a SET TBLPROPERTIES ('team' = 'billing')");
        Session.Sql("INSERT INTO a VALUES (2, 'late')");

        Session.Sql("RESTORE TABLE a TO VERSION AS OF 1");

        Assert.Equal(["id"], Session.Sql("SELECT * FROM a").Schema.Fields.Select(f => f.Name));
        Assert.Equal(["1"], Sorted(Strings("SELECT * FROM a")));
        var configuration = Latest("a").Metadata.Configuration;
        Assert.Equal("claims", configuration["team"]);
        AssertOracleRows(Location("a"), 4, "2|late", "1|NULL");
        AssertOracleRows(Location("a"), 5, "1");
    }
}
