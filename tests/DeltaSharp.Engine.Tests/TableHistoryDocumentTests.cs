using System.Globalization;
using DeltaSharp.Sql;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Tests;

/// <summary>
/// Every SQL example of spec/table-history-and-time-travel.md, run as written on tables built here with a clock the
/// test sets: DESCRIBE HISTORY (schema, order, LIMIT 1), the metrics of each operation table, partitionBy, every
/// timestamp_expression form, VERSION AS OF and the @ syntax, the three "Examples of using time travel",
/// lastCommitVersionInSession, RESTORE and the retention properties. Expected values come from the document and from
/// hand computation over the timeline below; rows are also read back with the delta-replay oracle.
/// </summary>
public sealed class TableHistoryDocumentTests : SessionTestBase
{
    private static readonly DateTimeOffset Created = At("2018-10-08T09:00:00Z");

    private readonly SettableTime _clock;

    public TableHistoryDocumentTests()
        : this(new SettableTime(Created))
    {
    }

    private TableHistoryDocumentTests(SettableTime clock)
        : base(new SessionOptions { UserName = "auditor", Time = clock })
    {
        _clock = clock;
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// my_table (userId INT, name STRING) with 30-day retention set at CREATE (the document's "Configure data
    /// retention"): v0 CREATE 2018-10-08 09:00, v1 INSERT 111 a, 222 b on 2018-10-09 10:00, v2 INSERT 333 c, 444 d on
    /// 2018-10-17 10:00, v3 the accidental DELETE of user 111 on 2018-10-18 22:00, v4 INSERT 555 e at 22:30 (so that
    /// the document's '2018-10-18T22:15:12.013Z' is inside the history); "now" is 2018-10-18 23:00.
    /// </summary>
    private void BuildMyTable()
    {
        _clock.Set("2018-10-08T09:00:00Z");
        Session.Sql("""
            CREATE TABLE my_table (userId INT, name STRING) USING DELTA
            TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 30 days', 'delta.deletedFileRetentionDuration' = 'interval 30 days')
            """);
        _clock.Set("2018-10-09T10:00:00Z");
        Session.Sql("INSERT INTO my_table VALUES (111, 'a'), (222, 'b')");
        _clock.Set("2018-10-17T10:00:00Z");
        Session.Sql("INSERT INTO my_table VALUES (333, 'c'), (444, 'd')");
        _clock.Set("2018-10-18T22:00:00Z");
        Session.Sql("DELETE FROM my_table WHERE userId = 111");
        _clock.Set("2018-10-18T22:30:00Z");
        Session.Sql("INSERT INTO my_table VALUES (555, 'e')");
        _clock.Set("2018-10-18T23:00:00Z");
    }

    private (List<object?[]> Rows, Func<string, int> Col) History(string table)
    {
        var history = Session.Sql($"DESCRIBE HISTORY {table}");
        return (history.ToRows().ToList(), history.Schema.IndexOf);
    }

    /// <summary>The document's metric names are all present; the listed ones have the hand-computed values; the
    /// timing metrics are non-negative numbers.</summary>
    private static void AssertMetrics(Dictionary<string, string?> metrics, string[] documentKeys, params (string Key, long Value)[] values)
    {
        foreach (var key in documentKeys) Assert.True(metrics.ContainsKey(key), $"metric {key} missing; have {string.Join(", ", metrics.Keys)}");
        foreach (var (key, value) in values) Assert.Equal((key, value.ToString(CultureInfo.InvariantCulture)), (key, metrics[key]));
        foreach (var key in documentKeys.Where(k => k.EndsWith("TimeMs", StringComparison.Ordinal)))
            Assert.True(long.Parse(metrics[key]!, CultureInfo.InvariantCulture) >= 0, key);
    }

    private static readonly string[] WriteKeys = ["numFiles", "numOutputBytes", "numOutputRows"];
    private static readonly string[] DeleteKeys = ["numAddedFiles", "numRemovedFiles", "numDeletedRows", "numCopiedRows", "executionTimeMs", "scanTimeMs", "rewriteTimeMs"];
    private static readonly string[] TruncateKeys = ["numRemovedFiles", "executionTimeMs"];
    private static readonly string[] MergeKeys =
    [
        "numSourceRows", "numTargetRowsInserted", "numTargetRowsUpdated", "numTargetRowsDeleted", "numTargetRowsCopied", "numOutputRows",
        "numTargetFilesAdded", "numTargetFilesRemoved", "executionTimeMs", "scanTimeMs", "rewriteTimeMs",
    ];
    private static readonly string[] UpdateKeys = ["numAddedFiles", "numRemovedFiles", "numUpdatedRows", "numCopiedRows", "executionTimeMs", "scanTimeMs", "rewriteTimeMs"];
    private static readonly string[] RestoreKeys = ["tableSizeAfterRestore", "numOfFilesAfterRestore", "numRemovedFiles", "numRestoredFiles", "removedFilesSize", "restoredFilesSize"];

    // ───────────────────────────── Retrieve table history ─────────────────────────────

    [Fact]
    public void DescribeHistory_HasTheDocumentsColumnsAndTypes()
    {
        BuildMyTable();
        var schema = Session.Sql("DESCRIBE HISTORY my_table").Schema;
        var stringMap = new MapType(DataType.String, DataType.String, true);
        (string Name, Func<DataType, bool> Is)[] expected =
        [
            ("version", t => t == DataType.Long), ("timestamp", t => t == DataType.Timestamp), ("userId", t => t == DataType.String),
            ("userName", t => t == DataType.String), ("operation", t => t == DataType.String), ("operationParameters", t => t.Equals(stringMap)),
            ("job", t => t is StructType), ("notebook", t => t is StructType), ("clusterId", t => t == DataType.String),
            ("readVersion", t => t == DataType.Long), ("isolationLevel", t => t == DataType.String), ("isBlindAppend", t => t == DataType.Boolean),
            ("operationMetrics", t => t.Equals(stringMap)), ("userMetadata", t => t == DataType.String), ("engineInfo", t => t == DataType.String),
        ];
        Assert.Equal(expected.Select(e => e.Name), schema.Fields.Select(f => f.Name));
        foreach (var (name, isType) in expected) Assert.True(isType(schema[schema.IndexOf(name)].Type), $"{name}: {schema[schema.IndexOf(name)].Type.SimpleString}");
    }

    [Fact]
    public void DescribeHistory_ListsEveryWriteNewestFirst_AndLimit1GivesTheLastOperationOnly()
    {
        BuildMyTable();
        var (rows, col) = History("my_table");
        Assert.Equal([4L, 3L, 2L, 1L, 0L], rows.Select(r => (long)r[col("version")]!));
        Assert.Equal(["WRITE", "DELETE", "WRITE", "WRITE", "CREATE TABLE"], rows.Select(r => (string)r[col("operation")]!));
        Assert.Equal([3L, 2L, 1L, 0L, null], rows.Select(r => (long?)r[col("readVersion")]));
        Assert.Equal([true, false, true, true, true], rows.Select(r => (bool?)r[col("isBlindAppend")]));
        Assert.All(rows, r => Assert.Equal("WriteSerializable", r[col("isolationLevel")]));
        Assert.All(rows, r => Assert.Equal("auditor", r[col("userName")]));
        Assert.All(rows, r => Assert.Null(r[col("job")]));
        Assert.All(rows, r => Assert.Null(r[col("notebook")]));
        // engineInfo as the notebook's history shows it: "<engine>/<version>".
        Assert.All(rows, r => Assert.Matches(@"^DeltaSharp/\d+\.\d+\.\d+$", (string)r[col("engineInfo")]!));
        Assert.Equal(
            [At("2018-10-18T22:30:00Z").Date, At("2018-10-18T22:00:00Z").Date, At("2018-10-17T10:00:00Z").Date, At("2018-10-09T10:00:00Z").Date, At("2018-10-08T09:00:00Z").Date],
            rows.Select(r => ToInstant(r[col("timestamp")]).UtcDateTime.Date));

        var last = Session.Sql("DESCRIBE HISTORY my_table LIMIT 1").ToRows();
        Assert.Equal(4L, Assert.Single(last)[col("version")]);
        Assert.Equal("WRITE", last[0][col("operation")]);
    }

    private static DateTimeOffset ToInstant(object? value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException($"timestamp value {value}"),
    };

    [Fact]
    public void OperationMetrics_OfWriteAndDelete_HaveTheDocumentsKeysAndValues()
    {
        BuildMyTable();
        var (rows, col) = History("my_table");
        var insert = Map(rows[3][col("operationMetrics")]);
        AssertMetrics(insert, WriteKeys, ("numFiles", 1), ("numOutputRows", 2));
        Assert.True(long.Parse(insert["numOutputBytes"]!, CultureInfo.InvariantCulture) > 0);
        // With deletion vectors (the default) the one matching row is marked, no file is rewritten.
        AssertMetrics(Map(rows[1][col("operationMetrics")]), DeleteKeys,
            ("numDeletedRows", 1), ("numAddedFiles", 0), ("numRemovedFiles", 0), ("numCopiedRows", 0));
        Assert.Contains("predicate", Map(rows[1][col("operationParameters")]).Keys);
        Assert.Empty(Map(rows[4][col("operationMetrics")]));
    }

    [Fact]
    public void OperationMetrics_OfCtasRtasTruncateUpdateMerge_HaveTheDocumentsKeysAndValues()
    {
        BuildMyTable();
        Session.Sql("CREATE TABLE copy_t USING DELTA AS SELECT * FROM my_table");
        Session.Sql("CREATE OR REPLACE TABLE copy_t USING DELTA AS SELECT * FROM my_table WHERE userId > 300");
        Session.Sql("REPLACE TABLE copy_t USING DELTA AS SELECT * FROM my_table WHERE userId = 444");
        Session.Sql("UPDATE copy_t SET name = 'z' WHERE userId = 444");
        Session.Sql("MERGE INTO copy_t t USING my_table s ON s.userId = t.userId WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        Session.Sql("TRUNCATE TABLE copy_t");

        var (rows, col) = History("copy_t");
        Assert.Equal(["TRUNCATE", "MERGE", "UPDATE", "REPLACE TABLE AS SELECT", "CREATE OR REPLACE TABLE AS SELECT", "CREATE TABLE AS SELECT"],
            rows.Select(r => (string)r[col("operation")]!));
        var m = rows.Select(r => Map(r[col("operationMetrics")])).ToList();
        AssertMetrics(m[5], WriteKeys, ("numFiles", 1), ("numOutputRows", 4));
        AssertMetrics(m[4], WriteKeys, ("numFiles", 1), ("numOutputRows", 3));
        AssertMetrics(m[3], WriteKeys, ("numFiles", 1), ("numOutputRows", 1));
        // The REPLACE's file holds only the updated row: Delta removes a file whose every row is updated (no DV).
        AssertMetrics(m[2], UpdateKeys, ("numUpdatedRows", 1), ("numCopiedRows", 0), ("numRemovedFiles", 1), ("numAddedFiles", 1));
        // Source 222 b, 333 c, 444 d, 555 e against the target's 444 z: one row updated, three inserted.
        AssertMetrics(m[1], MergeKeys, ("numSourceRows", 4), ("numTargetRowsUpdated", 1), ("numTargetRowsInserted", 3), ("numTargetRowsDeleted", 0),
            ("numTargetRowsCopied", 0), ("numOutputRows", 4), ("numTargetFilesRemoved", 1));
        // The UPDATE left one file (444 z), which the MERGE replaced: the active files are exactly the MERGE's.
        AssertMetrics(m[0], TruncateKeys, ("numRemovedFiles", long.Parse(m[1]["numTargetFilesAdded"]!, CultureInfo.InvariantCulture)));
        Assert.Empty(Sorted(Strings("SELECT * FROM copy_t")));
        Assert.Equal(["222|b", "333|c", "444|d", "555|e"], Sorted(Strings("SELECT * FROM copy_t VERSION AS OF 4")));
        AssertOracleRows(Location("copy_t"), 4, "222|b", "333|c", "444|d", "555|e");
        AssertOracleRows(Location("copy_t"), 5);
    }

    [Fact]
    public void PartitionBy_IsTheColumnListOnCreate_AndEmptyOnAppend()
    {
        Session.Sql("CREATE TABLE sales_data (id INT, amount INT, date DATE) USING DELTA PARTITIONED BY (date)");
        Session.Sql("INSERT INTO sales_data VALUES (1, 10, DATE'2024-01-01'), (2, 20, DATE'2024-01-02')");
        Session.Sql("CREATE TABLE sales_copy USING DELTA PARTITIONED BY (date) AS SELECT * FROM sales_data");

        var (rows, col) = History("sales_data");
        var append = Map(rows[0][col("operationParameters")]);
        Assert.Equal("Append", append["mode"]);
        Assert.Equal("[]", append["partitionBy"]);
        Assert.Equal("[\"date\"]", Map(rows[1][col("operationParameters")])["partitionBy"]);
        var (copy, copyCol) = History("sales_copy");
        Assert.Equal("[\"date\"]", Map(copy[0][copyCol("operationParameters")])["partitionBy"]);
        AssertOracleRows(Location("sales_data"), 1, "1|10|2024-01-01", "2|20|2024-01-02");
    }

    // ───────────────────────────── Time travel syntax ─────────────────────────────

    [Fact]
    public void TimestampAsOf_AcceptsEveryFormOfTheDocument()
    {
        BuildMyTable();
        string[] v1 = ["111|a", "222|b"];
        string[] v2 = ["111|a", "222|b", "333|c", "444|d"];
        string[] v3 = ["222|b", "333|c", "444|d"];
        // '2018-10-18T22:15:12.013Z': after the DELETE at 22:00.
        Assert.Equal(v3, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF '2018-10-18T22:15:12.013Z'")));
        // cast('… CEST' as timestamp), as the document writes it: CEST is +02:00, so 11:36:32 UTC: after v2, before v3.
        // (java.time has no zone "CEST" and Spark's cast gives null there; we read the summer-time abbreviation as its
        // offset: docs/decisions/0004.) The zone ids CET and Europe/Paris (daylight saving in October) agree.
        Assert.Equal(v2, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF cast('2018-10-18 13:36:32 CEST' as timestamp)")));
        Assert.Equal(v2, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF cast('2018-10-18 13:36:32 CET' as timestamp)")));
        Assert.Equal(v2, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF cast('2018-10-18 13:36:32 Europe/Paris' as timestamp)")));
        // A date string is midnight of that day.
        Assert.Equal(v2, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF '2018-10-18'")));
        Assert.Equal(v1, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF '2018-10-17'")));
        // now 2018-10-18 23:00 − 12 hours = 11:00.
        Assert.Equal(v2, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF current_timestamp() - interval 12 hours")));
        // 2018-10-17 00:00.
        Assert.Equal(v1, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF date_sub(current_date(), 1)")));
        // "Any other expression that is or can be cast to a timestamp."
        Assert.Equal(v1, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF to_timestamp('2018-10-10 00:00:00')")));
        Assert.Equal(v1, Sorted(Strings("SELECT * FROM my_table TIMESTAMP AS OF \"2018-10-16\"")));
    }

    [Fact]
    public void TimestampAsOf_AScalarSubquery_IsRefusedWithAClearError()
    {
        BuildMyTable();
        var e = Assert.Throws<SqlAnalysisException>(() =>
            Session.Sql("SELECT * FROM my_table TIMESTAMP AS OF (SELECT current_timestamp())"));
        Assert.Equal("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.UNEVALUABLE", e.ErrorClass);
        Assert.Contains("subquery", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void VersionAsOf_AndTheAtSyntax_ReadTheNamedVersion()
    {
        BuildMyTable();
        Assert.Equal(["111|a", "222|b", "333|c", "444|d"], Sorted(Strings("SELECT * FROM my_table VERSION AS OF 2")));
        Assert.Equal(["111|a", "222|b"], Sorted(Strings("SELECT * FROM my_table@v1")));
        Assert.Empty(Sorted(Strings("SELECT * FROM my_table@v0")));
        // yyyyMMddHHmmssSSS: 2018-10-17 00:00:00.000 is between v1 and v2; 2018-10-18 22:15 between v3 and v4.
        Assert.Equal(["111|a", "222|b"], Sorted(Strings("SELECT * FROM my_table@20181017000000000")));
        Assert.Equal(["222|b", "333|c", "444|d"], Sorted(Strings("SELECT * FROM my_table@20181018221512013")));
        var e = Assert.ThrowsAny<Exception>(() => Session.Sql("SELECT * FROM my_table VERSION AS OF 123"));
        Assert.Contains("DELTA_VERSION_NOT_FOUND", e.Message, StringComparison.Ordinal);
        AssertOracleRows(Location("my_table"), 1, "111|a", "222|b");
        AssertOracleRows(Location("my_table"), 3, "222|b", "333|c", "444|d");
    }

    [Fact]
    public void TheDocumentsLiteralExamples_RunAsWritten_OnATableWithMoreThan123Versions()
    {
        // people10m: v0 CREATE on 2018-10-18 21:00, then one INSERT a day at 22:00 from 2018-10-18 (v1 inserts id 1, v2
        // id 2, …), 125 of them; a year of retention so the old versions stay readable (the document's advice).
        _clock.Set("2018-10-18T21:00:00Z");
        Session.Sql("""
            CREATE TABLE people10m (id INT) USING DELTA
            TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 365 days', 'delta.deletedFileRetentionDuration' = 'interval 365 days')
            """);
        var first = At("2018-10-18T22:00:00Z");
        for (var v = 1; v <= 125; v++)
        {
            _clock.Set(first.AddDays(v - 1));
            Session.Sql($"INSERT INTO people10m VALUES ({v})");
        }
        _clock.Set(first.AddDays(125));

        long Count(string sql) => (long)Session.Sql(sql).Scalar()!;
        // '2018-10-18T22:15:12.013Z' is after v1 (22:00), before v2 (the 19th).
        Assert.Equal(["1"], Sorted(Strings("SELECT * FROM people10m TIMESTAMP AS OF '2018-10-18T22:15:12.013Z'")));
        Assert.Equal(123L, Count("SELECT count(*) FROM (SELECT * FROM people10m VERSION AS OF 123)"));
        Assert.Equal(123, Session.Sql("SELECT * FROM people10m VERSION AS OF 123").ToRows().Select(r => (int)r[0]!).Max());
        // 2019-01-01 00:00: the last commit before it is 2018-12-31 22:00, 74 days after the first: v75.
        Assert.Equal(75L, Count("SELECT count(*) FROM people10m@20190101000000000"));
        Assert.Equal(123L, Count("SELECT count(*) FROM people10m@v123"));
        Assert.Equal(75L, Count("SELECT count(*) FROM people10m TIMESTAMP AS OF \"2019-01-01\""));
        Assert.Equal(75L, Count("SELECT count(*) FROM people10m TIMESTAMP AS OF \"2019-01-01T00:00:00.000Z\""));
        var oracle = DeltaReplay.Read(Location("people10m"), 123);
        Assert.Equal(123L, oracle.NumRows);
    }

    // ───────────────────────────── Examples of using time travel ─────────────────────────────

    [Fact]
    public void FixAccidentalDeletes_InsertSelectFromYesterday_BringsUser111Back()
    {
        BuildMyTable();

        Session.Sql("""
            INSERT INTO my_table
              SELECT * FROM my_table TIMESTAMP AS OF date_sub(current_date(), 1)
              WHERE userId = 111
            """);

        Assert.Equal(["111|a", "222|b", "333|c", "444|d", "555|e"], Sorted(Strings("SELECT * FROM my_table")));
        var (rows, col) = History("my_table");
        Assert.Equal("WRITE", rows[0][col("operation")]);
        Assert.Equal(false, rows[0][col("isBlindAppend")]); // it read the table it writes
        AssertMetrics(Map(rows[0][col("operationMetrics")]), WriteKeys, ("numFiles", 1), ("numOutputRows", 1));
        AssertOracleRows(Location("my_table"), 5, "111|a", "222|b", "333|c", "444|d", "555|e");
    }

    [Fact]
    public void FixAccidentalIncorrectUpdates_MergeFromYesterday_PutsTheOldValuesBack()
    {
        BuildMyTable();
        Session.Sql("UPDATE my_table SET name = 'oops' WHERE userId IN (222, 333)"); // v5, the incorrect update

        Session.Sql("""
            MERGE INTO my_table target
              USING my_table TIMESTAMP AS OF date_sub(current_date(), 1) source
              ON source.userId = target.userId
              WHEN MATCHED THEN UPDATE SET *
            """);

        // Yesterday (2018-10-17 00:00) is v1: 111 a, 222 b. 222 gets its name back; 333 was not there yesterday.
        Assert.Equal(["222|b", "333|oops", "444|d", "555|e"], Sorted(Strings("SELECT * FROM my_table")));
        var (rows, col) = History("my_table");
        Assert.Equal(["MERGE", "UPDATE", "WRITE"], rows.Take(3).Select(r => (string)r[col("operation")]!));
        AssertMetrics(Map(rows[0][col("operationMetrics")]), MergeKeys,
            ("numSourceRows", 2), ("numTargetRowsUpdated", 1), ("numTargetRowsInserted", 0), ("numTargetRowsDeleted", 0));
        AssertMetrics(Map(rows[1][col("operationMetrics")]), UpdateKeys, ("numUpdatedRows", 2));
        AssertOracleRows(Location("my_table"), 6, "222|b", "333|oops", "444|d", "555|e");
    }

    [Fact]
    public void NewCustomers_ScalarSubqueriesOverTodayAndAWeekAgo_GiveTheDifference()
    {
        BuildMyTable();
        // Now: 222, 333, 444, 555. A week ago (2018-10-11 00:00, v1): 111, 222.
        var result = Session.Sql("""
            SELECT
            (
              SELECT count(distinct userId)
              FROM my_table
            )
            -
            (
              SELECT count(distinct userId)
              FROM my_table TIMESTAMP AS OF date_sub(current_date(), 7)
            ) AS new_customers
            """);
        Assert.Equal(["new_customers"], result.Schema.Fields.Select(f => f.Name));
        Assert.Equal(2L, result.Scalar());
    }

    // ───────────────────────────── lastCommitVersionInSession ─────────────────────────────

    [Fact]
    public void LastCommitVersionInSession_IsEmptyBeforeAnyCommit_ThenTheVersionOfTheLastCommitOfAnyTable()
    {
        const string key = "spark.databricks.delta.lastCommitVersionInSession";
        var empty = Session.Sql($"SET {key}");
        Assert.Equal(["key", "value"], empty.Schema.Fields.Select(f => f.Name));
        Assert.Equal([key, ""], Assert.Single(empty.ToRows()));
        BuildMyTable();
        Assert.Equal([$"{key}|4"], Sorted(Strings($"SET {key}")));
        Session.Sql("CREATE TABLE other (id INT) USING DELTA");
        Assert.Equal([$"{key}|0"], Sorted(Strings($"SET {key}")));
        Session.Sql("RESTORE TABLE my_table TO VERSION AS OF 2");
        Assert.Equal([$"{key}|5"], Sorted(Strings($"SET {key}")));
    }

    // ───────────────────────────── RESTORE ─────────────────────────────

    /// <summary>The document's table: (Viktor, 29), (George, 55) inserted, then (George, 39), then a change to undo
    /// (the OPTIMIZE of the document is not SQL we run; a DELETE plays its part).</summary>
    private void BuildPeople()
    {
        _clock.Set("2024-05-01T08:00:00Z");
        Session.Sql("CREATE TABLE people (name STRING, age INT) USING DELTA");
        _clock.Set("2024-05-01T09:00:00Z");
        Session.Sql("INSERT INTO people VALUES ('Viktor', 29), ('George', 55)");
        _clock.Set("2024-05-01T10:00:00Z");
        Session.Sql("INSERT INTO people VALUES ('George', 39)");
        _clock.Set("2024-05-01T11:00:00Z");
        Session.Sql("INSERT OVERWRITE people VALUES ('Nobody', 1)");
        _clock.Set("2024-05-01T12:00:00Z");
    }

    private long AddSize(string table, long version) =>
        File.ReadAllLines(Path.Combine(Location(table), "_delta_log", $"{version:D20}.json"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("add", out _))
            .Sum(e => e.GetProperty("add").GetProperty("size").GetInt64());

    [Fact]
    public void RestoreToVersion_ReturnsTheSixMetrics_AndRecordsARestoreCommit()
    {
        BuildPeople();
        var (file1, file2, file3) = (AddSize("people", 1), AddSize("people", 2), AddSize("people", 3));

        var result = Session.Sql("RESTORE TABLE people TO VERSION AS OF 2");

        Assert.Equal(["table_size_after_restore", "num_of_files_after_restore", "num_removed_files", "num_restored_files", "removed_files_size", "restored_files_size"],
            result.Schema.Fields.Select(f => f.Name));
        Assert.All(result.Schema.Fields, f => Assert.Equal(DataType.Long, f.Type));
        Assert.Equal([file1 + file2, 2L, 1L, 2L, file3, file1 + file2], Assert.Single(result.ToRows()));
        Assert.Equal(["George|39", "George|55", "Viktor|29"], Sorted(Strings("SELECT * FROM people")));

        var (rows, col) = History("people");
        Assert.Equal("RESTORE", rows[0][col("operation")]);
        Assert.Equal(4L, rows[0][col("version")]);
        Assert.Equal(3L, rows[0][col("readVersion")]);
        Assert.Equal(false, rows[0][col("isBlindAppend")]);
        Assert.Equal(new Dictionary<string, string?> { ["version"] = "2", ["timestamp"] = null }, Map(rows[0][col("operationParameters")]));
        var metrics = Map(rows[0][col("operationMetrics")]);
        Assert.Equal(RestoreKeys.Order(StringComparer.Ordinal), metrics.Keys.Order(StringComparer.Ordinal));
        AssertMetrics(metrics, RestoreKeys, ("tableSizeAfterRestore", file1 + file2), ("numOfFilesAfterRestore", 2), ("numRemovedFiles", 1),
            ("numRestoredFiles", 2), ("removedFilesSize", file3), ("restoredFilesSize", file1 + file2));
        AssertOracleRows(Location("people"), 2, "George|39", "George|55", "Viktor|29");
        AssertOracleRows(Location("people"), 3, "Nobody|1");
        AssertOracleRows(Location("people"), 4, "George|39", "George|55", "Viktor|29");
    }

    [Fact]
    public void RestoreToTimestamp_TakesTheDocumentsFormats_AndARestoredTableCanBeRestoredAgain()
    {
        BuildPeople();
        Session.Sql("RESTORE TABLE people TO VERSION AS OF 2"); // v4

        // "yyyy-MM-dd HH:mm:ss": 09:30 is after v1 (09:00), before v2 (10:00).
        var result = Session.Sql("RESTORE TABLE people TO TIMESTAMP AS OF '2024-05-01 09:30:00'");

        Assert.Equal(["George|55", "Viktor|29"], Sorted(Strings("SELECT * FROM people")));
        Assert.Equal([AddSize("people", 1), 1L, 1L, 0L, AddSize("people", 2), 0L], Assert.Single(result.ToRows()));
        var (rows, col) = History("people");
        Assert.Equal(new Dictionary<string, string?> { ["version"] = null, ["timestamp"] = "2024-05-01 09:30:00.0" }, Map(rows[0][col("operationParameters")]));
        AssertOracleRows(Location("people"), 5, "George|55", "Viktor|29");

        // "Providing only a date (yyyy-MM-dd) string is also supported": midnight is before the table existed.
        var early = Assert.ThrowsAny<Exception>(() => Session.Sql("RESTORE TABLE people TO TIMESTAMP AS OF '2024-05-01'"));
        Assert.Contains("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION", early.Message + (early as DeltaException)?.ErrorClass, StringComparison.Ordinal);
        Session.Sql("INSERT INTO people VALUES ('Late', 2)"); // v6 at 12:00
        _clock.Set("2024-05-02T08:00:00Z");
        var after = Assert.Throws<DeltaException>(() => Session.Sql("RESTORE TABLE people TO TIMESTAMP AS OF '2024-05-02'"));
        Assert.Equal("DELTA_CANNOT_RESTORE_TIMESTAMP_GREATER", after.ErrorClass);
        Session.Sql("INSERT INTO people VALUES ('Next', 3)"); // v7 at 2024-05-02 08:00
        Session.Sql("RESTORE TABLE people TO TIMESTAMP AS OF '2024-05-02'"); // the latest commit at or before midnight: v6
        Assert.Equal(["George|55", "Late|2", "Viktor|29"], Sorted(Strings("SELECT * FROM people")));
        Assert.Equal(8L, Session.LastCommitVersion);
        AssertOracleRows(Location("people"), 8, "George|55", "Late|2", "Viktor|29");
    }

    [Fact]
    public void Restore_ToTheCurrentVersion_ChangesNothing()
    {
        BuildPeople();
        var result = Session.Sql("RESTORE people TO VERSION AS OF 3");
        Assert.Equal([AddSize("people", 3), 1L, 0L, 0L, 0L, 0L], Assert.Single(result.ToRows()));
        Assert.Equal(3L, (long)History("people").Rows[0][0]!);
    }

    [Fact]
    public void Restore_OutsideTheHistory_OrAfterTheLastCommit_IsRefused_AndCommitsNothing()
    {
        BuildPeople();
        var e = Assert.Throws<DeltaException>(() => Session.Sql("RESTORE TABLE people TO VERSION AS OF 9"));
        Assert.Equal("DELTA_CANNOT_RESTORE_TABLE_VERSION", e.ErrorClass);
        Assert.Contains("[0, 3]", e.Message, StringComparison.Ordinal);
        var late = Assert.Throws<DeltaException>(() => Session.Sql("RESTORE TABLE people TO TIMESTAMP AS OF '2030-01-01 00:00:00'"));
        Assert.Equal("DELTA_CANNOT_RESTORE_TIMESTAMP_GREATER", late.ErrorClass);
        var sub = Assert.Throws<SqlAnalysisException>(() => Session.Sql("RESTORE TABLE people TO TIMESTAMP AS OF (SELECT current_timestamp())"));
        Assert.Equal("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.UNEVALUABLE", sub.ErrorClass);
        Assert.Equal(3L, (long)History("people").Rows[0][0]!);
    }

    [Fact]
    public void Restore_ToAVersionWhoseFilesWereVacuumed_IsRefused_AndCommitsNothing()
    {
        BuildPeople();
        var log = File.ReadAllLines(Path.Combine(Location("people"), "_delta_log", $"{1:D20}.json"));
        var path = log.Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).Single(e => e.TryGetProperty("add", out _)).GetProperty("add").GetProperty("path").GetString()!;
        File.Delete(Path.Combine(Location("people"), Uri.UnescapeDataString(path)));

        var e = Assert.Throws<DeltaException>(() => Session.Sql("RESTORE TABLE people TO VERSION AS OF 2"));

        Assert.Equal("DELTA_FILE_NOT_FOUND_DETAILED", e.ErrorClass);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(["Nobody|1"], Sorted(Strings("SELECT * FROM people")));
        Assert.Equal(3L, (long)History("people").Rows[0][0]!);

        // "Restoring to this version partially is still possible if spark.sql.files.ignoreMissingFiles is set to true":
        // the file of version 1 is gone, the one of version 2 (George, 39) comes back.
        Session.Sql("SET spark.sql.files.ignoreMissingFiles = true");
        var partial = Session.Sql("RESTORE TABLE people TO VERSION AS OF 2").ToRows().Single();
        Assert.Equal([AddSize("people", 2), 1L, 1L, 1L, AddSize("people", 3), AddSize("people", 2)], partial);
        Assert.Equal(["George|39"], Sorted(Strings("SELECT * FROM people")));
        AssertOracleRows(Location("people"), 4, "George|39");
    }

    // ───────────────────────────── Configure data retention ─────────────────────────────

    [Fact]
    public void RetentionProperties_SetAtCreateOrByAlterTable_AllowTimeTravelBeyondSevenDays_WhichTheDefaultRefuses()
    {
        BuildMyTable();
        var configuration = Latest("my_table").Metadata.Configuration;
        Assert.Equal("interval 30 days", configuration["delta.logRetentionDuration"]);
        Assert.Equal("interval 30 days", configuration["delta.deletedFileRetentionDuration"]);
        // v1 was committed 9 days before "now": readable with 30 days of retention.
        Assert.Equal(["111|a", "222|b"], Sorted(Strings("SELECT * FROM my_table VERSION AS OF 1")));

        _clock.Set("2018-10-01T00:00:00Z");
        Session.Sql("CREATE TABLE short_t (id INT) USING DELTA");
        Session.Sql("INSERT INTO short_t VALUES (1)");
        _clock.Set("2018-10-09T00:00:00Z");
        Session.Sql("INSERT INTO short_t VALUES (2)");
        var e = Assert.ThrowsAny<Exception>(() => Session.Sql("SELECT * FROM short_t VERSION AS OF 1"));
        Assert.Contains("DELTA_UNSUPPORTED_TIME_TRAVEL_BEYOND_DELETED_FILE_RETENTION_DURATION", e.Message + (e as DeltaException)?.ErrorClass, StringComparison.Ordinal);
        Assert.Equal(["1", "2"], Sorted(Strings("SELECT * FROM short_t")));

        // "…or set them with an ALTER TABLE statement": the latest version's properties decide.
        Session.Sql("""
            ALTER TABLE short_t SET TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 30 days', 'delta.deletedFileRetentionDuration' = 'interval 30 days')
            """);
        Assert.Equal(["1"], Sorted(Strings("SELECT * FROM short_t VERSION AS OF 1")));
        var (rows, col) = History("short_t");
        Assert.Equal("SET TBLPROPERTIES", rows[0][col("operation")]);
    }

    /// <summary>A clock the test sets; each reading moves it one millisecond on, so commits made at one setting keep
    /// distinct, increasing timestamps.</summary>
    private sealed class SettableTime(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(string iso) => _now = At(iso);

        public void Set(DateTimeOffset now) => _now = now;

        public override DateTimeOffset GetUtcNow()
        {
            var now = _now;
            _now = _now.AddMilliseconds(1);
            return now;
        }
    }
}
