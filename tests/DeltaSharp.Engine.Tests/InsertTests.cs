using DeltaSharp.Catalog;
using DeltaSharp.Sql;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Engine.Tests;

/// <summary>INSERT forms beyond VALUES / SELECT by position: BY NAME, column lists with static partitions, INSERT
/// OVERWRITE of static partitions, dynamic partition overwrite, INSERT INTO … REPLACE WHERE (partition-only and on data
/// columns), with Spark's errors. Expected rows are hand-computed; tables are re-read with the delta-replay oracle.</summary>
public sealed class InsertTests : SessionTestBase
{
    private void CreateRegions()
    {
        Session.Sql("CREATE TABLE r (id INT, v STRING, region STRING) USING DELTA PARTITIONED BY (region)");
        Session.Sql("INSERT INTO r VALUES (1, 'a', 'EU'), (2, 'b', 'EU'), (3, 'c', 'US'), (4, 'd', 'APAC')");
    }

    [Fact]
    public void InsertByName_MatchesColumnsCaseInsensitively_AndFillsMissingWithNull()
    {
        Session.Sql("CREATE TABLE t (id INT, name STRING, score DOUBLE) USING DELTA");
        var result = Session.Sql("INSERT INTO t BY NAME SELECT 'x' AS NAME, 1 AS Id");
        Assert.Equal([1L, 1L], result.ToRows()[0]);
        Session.Sql("INSERT INTO t BY NAME SELECT 2.5 AS score, 2 AS id, 'y' AS name");
        Assert.Equal(["1|x|NULL", "2|y|2.5"], Strings("SELECT * FROM t ORDER BY id"));
        Assert.Equal("Append", LastCommit("t").OperationParameters!["mode"]);
        AssertOracleAgrees("t", 2);
    }

    [Fact]
    public void InsertByName_WithAColumnTheTableLacks_ThrowsExtraColumns_AndWritesNothing()
    {
        Session.Sql("CREATE TABLE t (id INT, name STRING) USING DELTA");
        var e = Assert.Throws<SqlAnalysisException>(() => Session.Sql("INSERT INTO t BY NAME SELECT 1 AS id, 'x' AS nickname"));
        Assert.Equal("INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS", e.ErrorClass);
        Assert.Contains("nickname", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, DeltaTable.ForPath(Location("t")).Latest().Version);
    }

    [Fact]
    public void InsertByName_WithoutANotNullColumn_ThrowsCannotFindData()
    {
        Session.Sql("CREATE TABLE t (id INT NOT NULL, name STRING) USING DELTA");
        var e = Assert.Throws<SqlAnalysisException>(() => Session.Sql("INSERT INTO t BY NAME SELECT 'x' AS name"));
        Assert.Equal("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA", e.ErrorClass);
        Assert.Contains("`id`", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InsertIntoStaticPartition_FillsThePartitionColumn_ByPositionAndWithAColumnList()
    {
        CreateRegions();
        Session.Sql("INSERT INTO r PARTITION (region = 'LATAM') VALUES (5, 'e')");
        Session.Sql("INSERT INTO r PARTITION (region = 'LATAM') (v, id) VALUES ('f', 6)");
        Session.Sql("INSERT INTO r PARTITION (region = 'LATAM') (id) SELECT 7");
        Assert.Equal(["5|e|LATAM", "6|f|LATAM", "7|NULL|LATAM"], Strings("SELECT * FROM r WHERE region = 'LATAM' ORDER BY id"));
        AssertOracleAgrees("r", 7);
    }

    [Fact]
    public void InsertIntoStaticPartition_WithTooManyValues_ThrowsArityMismatch()
    {
        CreateRegions();
        var e = Assert.Throws<SqlAnalysisException>(() => Session.Sql("INSERT INTO r PARTITION (region = 'EU') VALUES (5, 'e', 'EU')"));
        Assert.Equal("INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS", e.ErrorClass);
        var e2 = Assert.Throws<SqlAnalysisException>(() => Session.Sql("INSERT INTO r PARTITION (region = 'EU') VALUES (5)"));
        Assert.Equal("INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS", e2.ErrorClass);
    }

    [Fact]
    public void InsertWithPartitionClause_OnANonPartitionColumn_ThrowsNonPartitionColumn()
    {
        CreateRegions();
        var e = Assert.Throws<SqlAnalysisException>(() => Session.Sql("INSERT INTO r PARTITION (v = 'x') VALUES (5, 'EU')"));
        Assert.Equal("NON_PARTITION_COLUMN", e.ErrorClass);
        var e2 = Assert.Throws<SqlAnalysisException>(() => Session.Sql("INSERT INTO r PARTITION (region = 'EU') (id, region) VALUES (5, 'EU')"));
        Assert.Equal("STATIC_PARTITION_COLUMN_IN_INSERT_COLUMN_LIST", e2.ErrorClass);
    }

    [Fact]
    public void InsertOverwriteStaticPartition_ReplacesOnlyThatPartition_WithReplaceWhereHistory()
    {
        CreateRegions();
        var result = Session.Sql("INSERT OVERWRITE r PARTITION (region = 'EU') VALUES (10, 'z')");
        Assert.Equal([1L, 1L], result.ToRows()[0]);
        Assert.Equal(["3|c|US", "4|d|APAC", "10|z|EU"], Strings("SELECT * FROM r ORDER BY id"));
        var info = LastCommit("r");
        Assert.Equal("WRITE", info.Operation);
        Assert.Equal("Overwrite", info.OperationParameters!["mode"]);
        Assert.Equal("(region = 'EU')", info.OperationParameters["predicate"]);
        // Delta's WRITE_REPLACE_WHERE metrics: the EU file (2 rows) removed, one file of one row written.
        var m = info.OperationMetrics!;
        Assert.Equal(OperationMetricsKeys.WriteReplaceWhere.Order(), m.Keys.Order());
        AssertMetricValues(m, ("numFiles", 1), ("numOutputRows", 1), ("numRemovedFiles", 1), ("numDeletedRows", 2),
            ("numCopiedRows", 0));
        AssertOracleAgrees("r", 3);
    }

    [Fact]
    public void InsertOverwrite_WithDynamicPartitionMode_ReplacesOnlyThePartitionsInTheNewRows()
    {
        CreateRegions();
        Session.Sql("SET spark.sql.sources.partitionOverwriteMode = dynamic");
        Session.Sql("INSERT OVERWRITE r VALUES (10, 'z', 'EU'), (11, 'y', 'LATAM')");
        Assert.Equal(["3|c|US", "4|d|APAC", "10|z|EU", "11|y|LATAM"], Strings("SELECT * FROM r ORDER BY id"));
        var info = LastCommit("r");
        Assert.Equal("Overwrite", info.OperationParameters!["mode"]);
        Assert.False(info.OperationParameters.ContainsKey("predicate"));
        Assert.Equal(["numFiles", "numOutputBytes", "numOutputRows"], info.OperationMetrics!.Keys.Order());
        Assert.Equal("2", info.OperationMetrics["numOutputRows"]);
        // PARTITION (region) without a value in dynamic mode: the same.
        Session.Sql("INSERT OVERWRITE r PARTITION (region) SELECT 12, 'q', 'US'");
        Assert.Equal(["4|d|APAC", "10|z|EU", "11|y|LATAM", "12|q|US"], Strings("SELECT * FROM r ORDER BY id"));
        AssertOracleAgrees("r", 4);
    }

    [Fact]
    public void InsertOverwrite_WithPartitionColumnWithoutValue_InStaticMode_ReplacesTheWholeTable()
    {
        // Spark's ResolveInsertInto: dynamic overwrite only when partitionOverwriteMode = dynamic.
        CreateRegions();
        Session.Sql("INSERT OVERWRITE r PARTITION (region) SELECT 12, 'q', 'US'");
        Assert.Equal(["12|q|US"], Strings("SELECT * FROM r ORDER BY id"));
        Assert.False(LastCommit("r").OperationParameters!.ContainsKey("predicate"));
    }

    [Fact]
    public void InsertReplaceWhere_OnAPartitionColumn_RemovesWholeFilesAndWritesInOneCommit()
    {
        CreateRegions();
        var before = DeltaTable.ForPath(Location("r")).Latest().Version;
        Session.Sql("INSERT INTO r REPLACE WHERE region = 'EU' SELECT 20, 'n', 'EU'");
        Assert.Equal(before + 1, DeltaTable.ForPath(Location("r")).Latest().Version);
        Assert.Equal(["3|c|US", "4|d|APAC", "20|n|EU"], Strings("SELECT * FROM r ORDER BY id"));
        var info = LastCommit("r");
        Assert.Equal("WRITE", info.Operation);
        Assert.Equal("Overwrite", info.OperationParameters!["mode"]);
        Assert.Equal("(region = 'EU')", info.OperationParameters["predicate"]);
        Assert.Equal("2", info.OperationMetrics!["numDeletedRows"]);
        Assert.Equal("1", info.OperationMetrics["numRemovedFiles"]);
        AssertOracleAgrees("r", 3);
    }

    [Fact]
    public void InsertReplaceWhere_OnADataColumn_ReplacesTheMatchingRowsOnly()
    {
        Session.Sql("CREATE TABLE t (id BIGINT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        Session.Sql("INSERT INTO t REPLACE WHERE id >= 3 VALUES (3, 'C'), (5, 'E')");
        Assert.Equal(["1|a", "2|b", "3|C", "5|E"], Strings("SELECT * FROM t ORDER BY id"));
        var info = LastCommit("t");
        Assert.Equal("(id >= 3L)", info.OperationParameters!["predicate"]);
        Assert.Equal("2", info.OperationMetrics!["numDeletedRows"]);
        Assert.Equal("2", info.OperationMetrics["numOutputRows"]);
        AssertOracleAgrees("t", 4);
    }

    [Fact]
    public void InsertReplaceWhere_WithARowOutsideThePredicate_ThrowsMismatch_AndLeavesTheTable()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (4, 'd')");
        var version = DeltaTable.ForPath(Location("t")).Latest().Version;
        var e = Assert.Throws<DeltaException>(() => Session.Sql("INSERT INTO t REPLACE WHERE id >= 3 VALUES (3, 'C'), (2, 'B')"));
        Assert.Equal("DELTA_REPLACE_WHERE_MISMATCH", e.ErrorClass);
        Assert.Equal(version, DeltaTable.ForPath(Location("t")).Latest().Version);
        Assert.Equal(["1|a", "4|d"], Strings("SELECT * FROM t ORDER BY id"));
    }

    [Fact]
    public void InsertReplaceWhereAndPartitionOverwrite_EnforceCheckConstraints_AndLeaveTheTable()
    {
        CreateRegions();
        Session.Sql("ALTER TABLE r ADD CONSTRAINT positive CHECK (id > 0)");
        var version = DeltaTable.ForPath(Location("r")).Latest().Version;
        var e = Assert.Throws<DeltaException>(() => Session.Sql("INSERT INTO r REPLACE WHERE region = 'US' VALUES (-3, 'x', 'US')"));
        Assert.Equal("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES", e.ErrorClass);
        var e2 = Assert.Throws<DeltaException>(() => Session.Sql("INSERT OVERWRITE r PARTITION (region = 'EU') VALUES (-1, 'x')"));
        Assert.Equal("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES", e2.ErrorClass);
        Assert.Equal(version, DeltaTable.ForPath(Location("r")).Latest().Version);
        Assert.Equal(["1|a|EU", "2|b|EU", "3|c|US", "4|d|APAC"], Strings("SELECT * FROM r ORDER BY id"));
    }

    [Fact]
    public void InsertReplaceWhere_WithoutDeletionVectors_RewritesFilesAndCountsCopiedRows()
    {
        Session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA TBLPROPERTIES ('delta.enableDeletionVectors' = false)");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        Session.Sql("INSERT INTO t REPLACE WHERE id = 2 SELECT 2, 'B'");
        Assert.Equal(["1|a", "2|B", "3|c"], Strings("SELECT * FROM t ORDER BY id"));
        var m = LastCommit("t").OperationMetrics!;
        AssertMetricValues(m, ("numDeletedRows", 1), ("numCopiedRows", 2), ("numRemovedFiles", 1),
            ("numOutputRows", 1));
        Assert.Equal("(id = 2)", LastCommit("t").OperationParameters!["predicate"]);
        AssertOracleAgrees("t", 3);
    }

    [Fact]
    public void InsertReplaceWhere_TheSelectiveOverwriteDocExample_ReplacesJanuaryEvents()
    {
        // Databricks "Selectively overwrite data with Delta Lake": INSERT INTO TABLE events REPLACE WHERE … SELECT.
        Session.Sql("CREATE TABLE events (id INT, start_date DATE, end_date DATE) USING DELTA PARTITIONED BY (start_date)");
        Session.Sql("""
            INSERT INTO events VALUES (1, DATE'2016-12-30', DATE'2017-01-02'), (2, DATE'2017-01-05', DATE'2017-01-06'),
              (3, DATE'2017-01-20', DATE'2017-02-03'), (4, DATE'2017-02-01', DATE'2017-02-02')
            """);
        Session.Sql("CREATE TABLE replace_data (id INT, start_date DATE, end_date DATE) USING DELTA");
        Session.Sql("INSERT INTO replace_data VALUES (20, DATE'2017-01-07', DATE'2017-01-09')");
        Session.Sql("INSERT INTO TABLE events REPLACE WHERE start_date >= '2017-01-01' AND end_date <= '2017-01-31' SELECT * FROM replace_data");
        // Only event 2 lies inside January on both dates; event 3 ends in February and stays.
        Assert.Equal(["1|2016-12-30|2017-01-02", "3|2017-01-20|2017-02-03", "4|2017-02-01|2017-02-02", "20|2017-01-07|2017-01-09"],
            Strings("SELECT id, CAST(start_date AS STRING), CAST(end_date AS STRING) FROM events ORDER BY id"));
        Assert.Equal("((start_date >= DATE '2017-01-01') AND (end_date <= DATE '2017-01-31'))", LastCommit("events").OperationParameters!["predicate"]);
        var e = Assert.Throws<DeltaException>(() => Session.Sql(
            "INSERT INTO events REPLACE WHERE start_date >= '2017-01-01' AND end_date <= '2017-01-31' VALUES (30, DATE'2017-03-01', DATE'2017-03-02')"));
        Assert.Equal("DELTA_REPLACE_WHERE_MISMATCH", e.ErrorClass);
        AssertOracleAgrees("events", 4);
    }

    /// <summary>Delta's WRITE_REPLACE_WHERE metric names (DeltaOperationMetrics), spelled out independently.</summary>
    private static class OperationMetricsKeys
    {
        public static readonly string[] WriteReplaceWhere =
            ["numFiles", "numOutputRows", "numOutputBytes", "numRemovedFiles", "numRemovedBytes", "numAddedChangeFiles", "numDeletedRows", "numCopiedRows"];
    }
}
