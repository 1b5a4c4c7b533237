using DeltaSharp.Catalog;
using DeltaSharp.Sql;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Engine.Tests;

/// <summary>Session state (USE, SET, RESET), catalog statements (DROP / UNDROP, IF NOT EXISTS, LOCATION) and the
/// DML beyond the demo (DELETE, INSERT OVERWRITE, TRUNCATE, INSERT … SELECT), path tables and time travel.</summary>
public sealed class SessionStatementTests : SessionTestBase
{
    [Fact]
    public void LastCommitVersionInSession_IsEmptyBeforeTheFirstCommit_ThenTheLastVersion()
    {
        const string key = "spark.databricks.delta.lastCommitVersionInSession";
        Assert.Equal([$"{key}|"], Strings($"SET {key}"));
        Session.Sql("CREATE TABLE t (id INT) USING DELTA");
        Assert.Equal([$"{key}|0"], Strings($"SET {key}"));
        Session.Sql("INSERT INTO t VALUES (1), (2)");
        Session.Sql("INSERT INTO t VALUES (3)");
        Assert.Equal([$"{key}|2"], Strings($"SET {key}"));
        Assert.Equal(2L, Session.LastCommitVersion);
    }

    [Fact]
    public void Set_ThenReset_RestoresTheInitialValue()
    {
        Assert.Equal(["my.key|abc"], Strings("SET my.key = abc"));
        Assert.Equal(["my.key|abc"], Strings("SET my.key"));
        Session.Sql("RESET my.key");
        Assert.Equal(["my.key|<undefined>"], Strings("SET my.key"));
        Session.Sql("SET a.b = 1");
        Session.Sql("RESET");
        Assert.Equal(["a.b|<undefined>"], Strings("SET a.b"));
    }

    [Fact]
    public void UseCatalog_WhenMissing_ThrowsCatalogNotFound()
    {
        var e = Assert.Throws<CatalogException>(() => Session.Sql("USE CATALOG nope"));
        Assert.Equal("CATALOG_NOT_FOUND", e.ErrorClass);
    }

    [Fact]
    public void UseSchema_ResolvesOnePartNamesInThatSchema()
    {
        Session.Sql("CREATE SCHEMA sales");
        Session.Sql("USE SCHEMA sales");
        Session.Sql("CREATE TABLE orders (id INT) USING DELTA");
        Session.Sql("INSERT INTO orders VALUES (7)");
        Session.Sql("USE SCHEMA default");
        Assert.Equal(["7"], Strings("SELECT * FROM sales.orders"));
        Assert.Equal(["7"], Strings($"SELECT * FROM {Session.CurrentCatalog}.sales.orders"));
        Assert.Throws<SqlAnalysisException>(() => Session.Sql("SELECT * FROM orders"));
    }

    [Fact]
    public void CreateTable_WhenExists_ThrowsUnlessIfNotExists()
    {
        Session.Sql("CREATE TABLE t (id INT) USING DELTA");
        var e = Assert.Throws<CatalogException>(() => Session.Sql("CREATE TABLE t (id INT) USING DELTA"));
        Assert.Equal("TABLE_OR_VIEW_ALREADY_EXISTS", e.ErrorClass);
        Session.Sql("CREATE TABLE IF NOT EXISTS t (x STRING) USING DELTA");
        Assert.Equal(["id"], Session.Sql("SELECT * FROM t").Schema.Fields.Select(f => f.Name));
    }

    [Fact]
    public void CreateTable_WithPartitionsPropertiesCommentAndColumnComment_WritesThemToTheLog()
    {
        Session.Sql("""
            CREATE TABLE p (id INT NOT NULL COMMENT 'the id', region STRING) USING DELTA
            PARTITIONED BY (region) COMMENT 'regional data' TBLPROPERTIES ('delta.appendOnly' = 'false', 'owner.team' = 'claims')
            """);
        var entry = Session.Catalog.FindTable(new TableName(Session.CurrentCatalog, Session.CurrentSchema, "p"))!;
        var snapshot = DeltaTable.ForPath(entry.Location).Latest();
        Assert.Equal(["region"], snapshot.PartitionColumns);
        Assert.Equal("regional data", snapshot.Metadata.Description);
        Assert.Equal("claims", snapshot.Metadata.Configuration["owner.team"]);
        Assert.False(snapshot.Schema[0].Nullable);
        Assert.Equal("\"the id\"", snapshot.Schema[0].Metadata["comment"]);
        var history = DeltaTable.ForPath(entry.Location).History();
        Assert.Equal("CREATE TABLE", history[0].CommitInfo.Operation);
        Assert.Equal("[\"region\"]", history[0].CommitInfo.OperationParameters!["partitionBy"]);
    }

    [Fact]
    public void CreateTable_WithLocation_IsExternal_AndReadableAsPathTable()
    {
        var location = Path.Combine(Warehouse.Path, "ext", "e1");
        Session.Sql($"CREATE TABLE e (id INT) USING DELTA LOCATION '{location}'");
        Session.Sql("INSERT INTO e VALUES (1), (2)");
        var entry = Session.Catalog.FindTable(new TableName(Session.CurrentCatalog, Session.CurrentSchema, "e"))!;
        Assert.Equal(TableKind.External, entry.Kind);
        Assert.Equal(location, entry.Location);
        Assert.Equal(2L, Session.Sql($"SELECT count(*) FROM delta.`{location}`").Scalar());
        Assert.Equal("false", DeltaTable.ForPath(location).History()[^1].CommitInfo.OperationParameters!["isManaged"]);
    }

    [Fact]
    public void DropTable_ThenUndrop_BringsTheTableBack()
    {
        Session.Sql("CREATE TABLE d (id INT) USING DELTA");
        Session.Sql("INSERT INTO d VALUES (1)");
        Session.Sql("DROP TABLE d");
        Assert.Throws<SqlAnalysisException>(() => Session.Sql("SELECT * FROM d"));
        Session.Sql("DROP TABLE IF EXISTS d");
        Session.Sql("UNDROP TABLE d");
        Assert.Equal(["1"], Strings("SELECT * FROM d"));
    }

    [Fact]
    public void PathTable_CreateInsertTimeTravel()
    {
        var path = Path.Combine(Warehouse.Path, "paths", "t1");
        Session.Sql($"CREATE TABLE delta.`{path}` (id INT, name STRING) USING DELTA");
        Session.Sql($"INSERT INTO delta.`{path}` VALUES (1, 'a')");
        Session.Sql($"INSERT INTO delta.`{path}` VALUES (2, 'b')");
        Assert.Equal(["1|a", "2|b"], Strings($"SELECT * FROM delta.`{path}` ORDER BY id"));
        Assert.Equal(["1|a"], Strings($"SELECT * FROM delta.`{path}` VERSION AS OF 1"));
        Assert.Equal(["1|a"], Strings($"SELECT * FROM delta.`{path}`@v1"));
        // The stepping clock gives commit 1 a time before commit 2's; a timestamp between them reads version 1.
        var v1 = DeltaTable.ForPath(path, DeltaTableOptions.Default with { EnforceTimeTravelWithinDeletedFileRetention = false }).AtVersion(1).TimestampMillis;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(v1).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["1|a"], Strings($"SELECT * FROM delta.`{path}` TIMESTAMP AS OF '{at}'"));
    }

    [Fact]
    public void ParquetFile_IsQueryableDirectly()
    {
        var path = Path.Combine(Warehouse.Path, "paths", "pq");
        Session.Sql($"CREATE TABLE delta.`{path}` (id INT) USING DELTA");
        Session.Sql($"INSERT INTO delta.`{path}` VALUES (5), (6)");
        var file = Directory.GetFiles(path, "*.parquet").Single();
        Assert.Equal(["5", "6"], Strings($"SELECT id FROM parquet.`{file}` ORDER BY id"));
        Assert.Equal(2L, Session.Sql($"SELECT count(*) FROM parquet.`{file}`").Scalar());
    }

    [Fact]
    public void Delete_MarksRows_AndHistoryHasDeleteMetrics()
    {
        Session.Sql("CREATE TABLE t (id INT, s STRING) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')");
        var result = Session.Sql("DELETE FROM t WHERE id % 2 = 0");
        Assert.Equal(2L, result.ToRows()[0][0]);
        Assert.Equal(["1|a", "3|c"], Strings("SELECT * FROM t ORDER BY id"));
        var location = Session.Catalog.FindTable(new TableName(Session.CurrentCatalog, Session.CurrentSchema, "t"))!.Location;
        var info = DeltaTable.ForPath(location).History()[0].CommitInfo;
        Assert.Equal("DELETE", info.Operation);
        Assert.Equal("2", info.OperationMetrics!["numDeletedRows"]);
        Assert.Equal(2L, DeltaReplay.Read(location, 2).NumRows);
        Session.Sql("DELETE FROM t");
        Assert.Equal(0L, Session.Sql("SELECT count(*) FROM t").Scalar());
    }

    [Fact]
    public void InsertOverwrite_AndInsertSelect_AndTruncate()
    {
        Session.Sql("CREATE TABLE a (id INT) USING DELTA");
        Session.Sql("CREATE TABLE b (id BIGINT) USING DELTA");
        Session.Sql("INSERT INTO a VALUES (1), (2), (3)");
        Session.Sql("INSERT INTO b SELECT id * 10 FROM a WHERE id > 1");
        Assert.Equal(["20", "30"], Strings("SELECT * FROM b ORDER BY id"));
        Session.Sql("INSERT OVERWRITE b VALUES (99)");
        Assert.Equal(["99"], Strings("SELECT * FROM b"));
        Session.Sql("TRUNCATE TABLE a");
        Assert.Equal(0L, Session.Sql("SELECT count(*) FROM a").Scalar());
        var location = Session.Catalog.FindTable(new TableName(Session.CurrentCatalog, Session.CurrentSchema, "b"))!.Location;
        var history = DeltaTable.ForPath(location).History();
        Assert.Equal("Overwrite", history[0].CommitInfo.OperationParameters!["mode"]);
        Assert.Equal(["WRITE", "WRITE", "CREATE TABLE"], history.Select(h => h.CommitInfo.Operation));
        Assert.Equal(["2|WRITE", "1|WRITE", "0|CREATE TABLE"], Strings("DESCRIBE HISTORY b").Select(r => string.Join("|", r.Split('|')[0], r.Split('|')[4])));
    }

    [Fact]
    public void InsertSelectFromTheSameTableAtAnEarlierVersion_IsNotABlindAppend()
    {
        Session.Sql("CREATE TABLE my_table (userId INT, v STRING) USING DELTA");
        Session.Sql("INSERT INTO my_table VALUES (111, 'a'), (222, 'b')");
        Session.Sql("DELETE FROM my_table WHERE userId = 111");
        Session.Sql("INSERT INTO my_table SELECT * FROM my_table VERSION AS OF 1 WHERE userId = 111");
        Assert.Equal(["111|a", "222|b"], Strings("SELECT * FROM my_table ORDER BY userId"));
        var location = Session.Catalog.FindTable(new TableName(Session.CurrentCatalog, Session.CurrentSchema, "my_table"))!.Location;
        var history = DeltaTable.ForPath(location).History();
        Assert.False(history[0].CommitInfo.IsBlindAppend);
        Assert.True(history[2].CommitInfo.IsBlindAppend);
    }

    [Fact]
    public void InsertWithColumnList_PlacesColumnsByName_AndFillsTheRestWithNull()
    {
        Session.Sql("CREATE TABLE t (a INT, b STRING, c DOUBLE) USING DELTA");
        Session.Sql("INSERT INTO t (c, a) VALUES (1.5, 7)");
        Assert.Equal(["7|NULL|1.5"], Strings("SELECT * FROM t"));
    }

    [Fact]
    public void CreateTableAsSelect_WritesTheRowsInVersion0()
    {
        Session.Sql("CREATE TABLE src (id INT, s STRING) USING DELTA");
        Session.Sql("INSERT INTO src VALUES (1, 'x'), (2, 'y')");
        Session.Sql("CREATE TABLE copy USING DELTA AS SELECT id, upper(s) AS s FROM src WHERE id = 2");
        Assert.Equal(["2|Y"], Strings("SELECT * FROM copy"));
        var location = Session.Catalog.FindTable(new TableName(Session.CurrentCatalog, Session.CurrentSchema, "copy"))!.Location;
        var info = DeltaTable.ForPath(location).History().Single().CommitInfo;
        Assert.Equal("CREATE TABLE AS SELECT", info.Operation);
        Assert.Equal("1", info.OperationMetrics!["numOutputRows"]);
    }

    [Fact]
    public void ShowTablesShowSchemasAndDescribeTable_ListTheCatalogAndColumns()
    {
        Session.Sql("CREATE SCHEMA extra");
        Session.Sql("CREATE TABLE b1 (id INT COMMENT 'key', region STRING) USING DELTA PARTITIONED BY (region)");
        Session.Sql("CREATE TABLE a1 (id INT) USING DELTA");
        Assert.Equal(["default|a1|False", "default|b1|False"], Strings("SHOW TABLES"));
        Assert.Equal(["default", "extra"], Strings("SHOW SCHEMAS"));
        Assert.Equal(["id|int|key", "region|string|NULL", "# Partition Information||", "# col_name|data_type|comment", "region|string|NULL"], Strings("DESCRIBE TABLE b1"));
        Session.Sql("DROP SCHEMA extra");
        Assert.Equal(["default"], Strings("SHOW SCHEMAS"));
    }

    [Fact]
    public void Insert_WhenAValueCannotBeCast_FailsAndLeavesTheTableAsItWas()
    {
        Session.Sql("CREATE TABLE t (id INT) USING DELTA");
        Session.Sql("INSERT INTO t VALUES (1)");
        Assert.ThrowsAny<Exception>(() => Session.Sql("INSERT INTO t VALUES ('not a number')"));
        Assert.Equal(["1"], Strings("SELECT * FROM t"));
        Assert.Equal(1L, Session.LastCommitVersion);
    }

    [Fact]
    public void CreateTable_WithAnUnknownPartitionColumn_FailsWithoutRegisteringTheName()
    {
        var e = Assert.ThrowsAny<SqlAnalysisException>(() => Session.Sql("CREATE TABLE bad (id INT) USING DELTA PARTITIONED BY (nope)"));
        Assert.Equal("DELTA_COLUMN_NOT_FOUND_IN_SCHEMA", e.ErrorClass);
        Assert.Null(Session.Catalog.FindTable(new TableName(Session.CurrentCatalog, Session.CurrentSchema, "bad")));
        Session.Sql("CREATE TABLE bad (id INT) USING DELTA");
    }

    [Fact]
    public void Explain_ListsFilesKeptOfTotal()
    {
        Session.Sql("CREATE TABLE p (id INT, region STRING) USING DELTA PARTITIONED BY (region)");
        Session.Sql("INSERT INTO p VALUES (1, 'EU'), (2, 'US')");
        var plan = (string)Session.Sql("EXPLAIN SELECT * FROM p WHERE region = 'EU'").Scalar()!;
        Assert.Contains("files kept 1 of 2", plan, StringComparison.Ordinal);
    }
}
