using DeltaSharp.Sql;
using DeltaSharp.TestSupport;
using DeltaSharp.Values;
using static DeltaSharp.Cli.Demo.ClaimsNotebook;

namespace DeltaSharp.Engine.Tests;

/// <summary>
/// The story of spec/demo-notebook-time-travel-and-clones.md up to the clones, statement by statement as written
/// there, with the results the document shows (bytes differ from Databricks; keys, row counts and operations do not):
/// steps 1–3, the real-world scenarios 1 (audit by TIMESTAMP AS OF) and 4 (RESTORE after an accidental DELETE), and
/// steps 6–7 (DROP, UNDROP within the 7-day retention, refused after it). Rows also read with the delta-replay oracle.
/// </summary>
public sealed class DemoNotebookTests : SessionTestBase
{
    // The document's rows of SELECT * … ORDER BY claim_id (without last_updated, checked separately).
    private static readonly string[][] ExpectedRows =
    [
        ["CLM-001", "MEM-78451", "1234567890", "E11.9", "1250.00", "2025-01-15", "PENDING"],
        ["CLM-002", "MEM-78452", "1234567891", "I10", "450.75", "2025-01-16", "APPROVED"],
        ["CLM-003", "MEM-78453", "1234567892", "J44.0", "890.25", "2025-01-17", "PENDING"],
        ["CLM-004", "MEM-78454", "1234567893", "M79.3", "325.50", "2025-01-18", "APPROVED"],
        ["CLM-005", "MEM-78455", "1234567894", "F41.1", "675.00", "2025-01-19", "PENDING"],
    ];

    // The 8 rows after step 2 (claim:status), hand-derived from the three statements.
    private static readonly string[] AfterStep2 =
        ["CLM-001:APPROVED", "CLM-002:APPROVED", "CLM-003:APPROVED", "CLM-004:APPROVED", "CLM-005:APPROVED", "CLM-006:PENDING", "CLM-007:UNDER_REVIEW", "CLM-008:APPROVED"];

    private readonly DemoClock _clock;

    public DemoNotebookTests()
        : this(new DemoClock(new DateTimeOffset(2025, 11, 5, 17, 28, 51, TimeSpan.Zero)))
    {
    }

    private DemoNotebookTests(DemoClock clock)
        : base(new SessionOptions { UserName = "vik.malhotra@databricks.com", Time = clock })
    {
        _clock = clock;
        Session.Catalog.CreateCatalog(CatalogName, "admin");
        Session.Catalog.CreateSchema(new Catalog.SchemaName(CatalogName, SchemaName), "admin");
    }

    private void RunSteps1To3()
    {
        Session.Sql($"USE CATALOG {CatalogName}");
        Session.Sql($"USE SCHEMA {SchemaName}");
        Session.Sql(CreateTable);
        Session.Sql(InsertFirstClaims);
    }

    private static void AssertDocumentRows(QueryResult result)
    {
        Assert.Equal(["claim_id", "member_id", "provider_npi", "diagnosis_code", "claim_amount", "service_date", "adjudication_status", "last_updated"],
            result.Schema.Fields.Select(f => f.Name));
        var rows = result.ToRows();
        Assert.Equal(ExpectedRows.Length, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            Assert.Equal(ExpectedRows[i][..4], r[..4].Cast<string>());
            Assert.Equal(ExpectedRows[i][4], ((DecimalValue)r[4]!).ToString());
            Assert.Equal(DateOnly.Parse(ExpectedRows[i][5], System.Globalization.CultureInfo.InvariantCulture), r[5]);
            Assert.Equal(ExpectedRows[i][6], r[6]);
        }
        // current_timestamp() is evaluated once per statement: every row has the same last_updated.
        Assert.Single(rows.Select(r => r[7]).Distinct());
        Assert.NotNull(rows[0][7]);
    }

    [Fact]
    public void Step1To3_UseCreateInsertSelect_GiveTheDocumentsRows()
    {
        RunSteps1To3();
        Assert.Equal(CatalogName, Session.CurrentCatalog);
        Assert.Equal(SchemaName, Session.CurrentSchema);
        AssertDocumentRows(Session.Sql("SELECT * FROM member_claims_prod ORDER BY claim_id"));
        // The same table by its 2- and 3-part names.
        Assert.Equal(5L, Session.Sql($"SELECT count(*) FROM {SchemaName}.{TableName}").Scalar());
        Assert.Equal(5L, Session.Sql($"SELECT count(*) FROM {CatalogName}.{SchemaName}.{TableName}").Scalar());
    }

    [Fact]
    public void Insert_ReturnsTheNumberOfRowsWritten()
    {
        Session.Sql($"USE CATALOG {CatalogName}");
        Session.Sql($"USE SCHEMA {SchemaName}");
        Session.Sql(CreateTable);
        var result = Session.Sql(InsertFirstClaims);
        Assert.Equal(["num_affected_rows", "num_inserted_rows"], result.Schema.Fields.Select(f => f.Name));
        Assert.Equal([5L, 5L], result.ToRows()[0]);
    }

    [Fact]
    public void DescribeHistory_ListsCreateOrReplaceAndWrite_WithTheDocumentsParametersAndMetrics()
    {
        RunSteps1To3();
        var history = Session.Sql($"DESCRIBE HISTORY {TableName}");
        Assert.Equal(["version", "timestamp", "userId", "userName", "operation", "operationParameters", "job", "notebook", "clusterId",
            "readVersion", "isolationLevel", "isBlindAppend", "operationMetrics", "userMetadata", "engineInfo"], history.Schema.Fields.Select(f => f.Name));
        var rows = history.ToRows();
        Assert.Equal(2, rows.Count);
        int Col(string name) => history.Schema.IndexOf(name);

        var write = rows[0];
        Assert.Equal(1L, write[Col("version")]);
        Assert.Equal("WRITE", write[Col("operation")]);
        Assert.Equal("vik.malhotra@databricks.com", write[Col("userName")]);
        var writeParams = Map(write[Col("operationParameters")]);
        Assert.Equal("Append", writeParams["mode"]);
        Assert.Equal("[]", writeParams["partitionBy"]);
        Assert.Equal(0L, write[Col("readVersion")]);
        Assert.Equal("WriteSerializable", write[Col("isolationLevel")]);
        Assert.Equal(true, write[Col("isBlindAppend")]);
        var writeMetrics = Map(write[Col("operationMetrics")]);
        Assert.Equal(["numFiles", "numOutputBytes", "numOutputRows"], writeMetrics.Keys.Order());
        Assert.Equal("1", writeMetrics["numFiles"]);
        Assert.Equal("5", writeMetrics["numOutputRows"]);
        Assert.True(long.Parse(writeMetrics["numOutputBytes"]!, System.Globalization.CultureInfo.InvariantCulture) > 0);

        var create = rows[1];
        Assert.Equal(0L, create[Col("version")]);
        Assert.Equal("CREATE OR REPLACE TABLE", create[Col("operation")]);
        var createParams = Map(create[Col("operationParameters")]);
        Assert.Equal("true", createParams["isManaged"]);
        Assert.Equal("[]", createParams["partitionBy"]);
        Assert.Contains("properties", createParams.Keys);
        Assert.Null(create[Col("readVersion")]);
        Assert.Equal("WriteSerializable", create[Col("isolationLevel")]);
        Assert.Equal(true, create[Col("isBlindAppend")]);
        Assert.Empty(Map(create[Col("operationMetrics")]));
        Assert.True((DateTime)write[Col("timestamp")]! > (DateTime)create[Col("timestamp")]!);

        Assert.Single(Session.Sql($"DESCRIBE HISTORY {TableName} LIMIT 1").ToRows());
    }

    [Fact]
    public void VersionAsOf1_GivesTheFirstInsert_AndVersion0IsEmpty()
    {
        RunSteps1To3();
        AssertDocumentRows(Session.Sql($"SELECT * FROM {TableName} VERSION AS OF 1 ORDER BY claim_id"));
        Assert.Equal(0L, Session.Sql($"SELECT count(*) FROM {TableName} VERSION AS OF 0").Scalar());
        var e = Assert.ThrowsAny<Exception>(() => Session.Sql($"SELECT * FROM {TableName} VERSION AS OF 7"));
        Assert.Contains("DELTA_VERSION_NOT_FOUND", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TableWrittenBySession_ReadsTheSameInDeltaReplay()
    {
        RunSteps1To3();
        AssertOracleAgrees(TableName, 5); // version 1, the latest
        var v0 = DeltaReplay.Read(Location(TableName), 0);
        Assert.Equal(0L, v0.NumRows);
    }

    [Fact]
    public void Step2_UpdateThenInsert_GiveVersions2And3_WithTheDocumentsHistory()
    {
        RunSteps1To3();
        var updated = Session.Sql(ApprovePending);
        Assert.Equal(3L, updated.ToRows()[0][0]);
        Session.Sql(InsertMoreClaims);
        Assert.Equal(3L, Session.LastCommitVersion);

        Assert.Equal(AfterStep2, Statuses("SELECT claim_id, adjudication_status FROM member_claims_prod ORDER BY claim_id"));

        var history = Session.Sql($"DESCRIBE HISTORY {TableName}");
        var h = history.ToRows();
        int Col(string name) => history.Schema.IndexOf(name);
        Assert.Equal(["WRITE", "UPDATE", "WRITE", "CREATE OR REPLACE TABLE"], h.Select(r => (string)r[Col("operation")]!));
        var update = h[1];
        Assert.Equal(1L, update[Col("readVersion")]);
        Assert.Equal(false, update[Col("isBlindAppend")]);
        Assert.Contains("predicate", Map(update[Col("operationParameters")]).Keys);
        var metrics = Map(update[Col("operationMetrics")]);
        Assert.Equal(
            new[] { "executionTimeMs", "numAddedBytes", "numAddedChangeFiles", "numAddedFiles", "numCopiedRows", "numDeletionVectorsAdded", "numDeletionVectorsRemoved",
                "numDeletionVectorsUpdated", "numRemovedBytes", "numRemovedFiles", "numUpdatedRows", "rewriteTimeMs", "scanTimeMs" },
            metrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("3", metrics["numUpdatedRows"]);
        Assert.Equal("1", metrics["numAddedFiles"]);
        var write = Map(h[0][Col("operationMetrics")]);
        Assert.Equal("3", write["numOutputRows"]);
        Assert.Equal(2L, h[0][Col("readVersion")]);

        // Version 1 is still the first insert.
        AssertDocumentRows(Session.Sql($"SELECT * FROM {TableName} VERSION AS OF 1 ORDER BY claim_id"));
        AssertOracleAgrees(TableName, 8); // version 3, the latest
    }

    private List<string> Statuses(string sql) =>
        Session.Sql(sql).ToRows().Select(r => $"{r[0]}:{r[1]}").ToList();

    private void AssertOracle(long version, string[] claimStatuses)
    {
        var oracle = DeltaReplay.Read(Location(TableName), version);
        Assert.False(oracle.ExpectError, $"{oracle.ErrorKind} {oracle.ErrorReason}");
        var rows = oracle.Rows!.Select(r =>
        {
            using var doc = System.Text.Json.JsonDocument.Parse(r);
            return $"{doc.RootElement.GetProperty("claim_id").GetString()}:{doc.RootElement.GetProperty("adjudication_status").GetString()}";
        }).Order(StringComparer.Ordinal);
        Assert.Equal(claimStatuses, rows);
    }

    [Fact]
    public void Scenario1_ComplianceAudit_TimestampAsOfTheEndOfMarch_GivesTheClaimsAsTheyWereThen()
    {
        // v0 CREATE and v1 INSERT on March 31st, v2 UPDATE and v3 INSERT in April: the audit instant falls between v1 and v2.
        _clock.Set(new DateTimeOffset(2025, 3, 31, 9, 0, 0, TimeSpan.Zero));
        RunSteps1To3();
        _clock.Set(new DateTimeOffset(2025, 4, 1, 8, 0, 0, TimeSpan.Zero));
        Session.Sql(ApprovePending);
        _clock.Set(new DateTimeOffset(2025, 4, 2, 8, 0, 0, TimeSpan.Zero));
        Session.Sql(InsertMoreClaims);

        AssertDocumentRows(Session.Sql("SELECT * FROM member_claims_prod TIMESTAMP AS OF '2025-03-31T23:59:59Z' ORDER BY claim_id"));
        var history = Session.Sql($"DESCRIBE HISTORY {TableName}");
        var audit = new DateTime(2025, 3, 31, 23, 59, 59, DateTimeKind.Utc);
        var times = history.ToRows().ToDictionary(r => (long)r[0]!, r => DateTime.SpecifyKind((DateTime)r[1]!, DateTimeKind.Utc));
        Assert.True(times[1] <= audit && times[2] > audit, $"v1 {times[1]:o}, v2 {times[2]:o}");
        Assert.Equal(AfterStep2, Statuses("SELECT claim_id, adjudication_status FROM member_claims_prod ORDER BY claim_id"));
        AssertOracle(1, ["CLM-001:PENDING", "CLM-002:APPROVED", "CLM-003:PENDING", "CLM-004:APPROVED", "CLM-005:PENDING"]);
    }

    [Fact]
    public void Scenario4_AccidentalDelete_RestoreToTheVersionBeforeIt_BringsEveryClaimBack()
    {
        RunSteps1To3();
        Session.Sql(ApprovePending);
        Session.Sql(InsertMoreClaims);

        Session.Sql("DELETE FROM member_claims_prod"); // v4: the developer's accident
        Assert.Equal(0L, Session.Sql("SELECT count(*) FROM member_claims_prod").Scalar());
        // The document restores VERSION AS OF 42; this table has versions 0 to 4.
        var e = Assert.Throws<Tables.DeltaException>(() => Session.Sql("RESTORE TABLE member_claims_prod TO VERSION AS OF 42"));
        Assert.Equal("DELTA_CANNOT_RESTORE_TABLE_VERSION", e.ErrorClass);
        Assert.Contains("Available versions: [0, 4]", e.Message, StringComparison.Ordinal);

        var restored = Session.Sql("RESTORE TABLE member_claims_prod TO VERSION AS OF 3");

        var metrics = restored.ToRows().Single();
        Assert.Equal(["table_size_after_restore", "num_of_files_after_restore", "num_removed_files", "num_restored_files", "removed_files_size", "restored_files_size"],
            restored.Schema.Fields.Select(f => f.Name));
        Assert.Equal(0L, metrics[2]); // the DELETE left no file to remove
        Assert.Equal(metrics[1], metrics[3]); // every file of v3 comes back
        Assert.Equal(metrics[0], metrics[5]);
        Assert.Equal(AfterStep2, Statuses("SELECT claim_id, adjudication_status FROM member_claims_prod ORDER BY claim_id"));
        var history = Session.Sql($"DESCRIBE HISTORY {TableName} LIMIT 2");
        var rows = history.ToRows();
        Assert.Equal(["RESTORE", "DELETE"], rows.Select(r => (string)r[history.Schema.IndexOf("operation")]!));
        Assert.Equal("3", Map(rows[0][history.Schema.IndexOf("operationParameters")])["version"]);
        Assert.Equal(5L, Session.LastCommitVersion);
        AssertOracle(4, []);
        AssertOracle(5, AfterStep2);
        // Version 1 is still the first insert after the restore.
        AssertDocumentRows(Session.Sql($"SELECT * FROM {TableName} VERSION AS OF 1 ORDER BY claim_id"));
    }

    [Fact]
    public void Step6And7_DropThenUndrop_WithinTheRetention_RecoversTheTableWithItsHistory()
    {
        RunSteps1To3();
        Session.Sql(ApprovePending);
        Session.Sql(InsertMoreClaims);

        Session.Sql($"DROP TABLE {TableName}");
        var gone = Assert.Throws<SqlAnalysisException>(() => Session.Sql($"SELECT COUNT(*) as count FROM {TableName}"));
        Assert.Equal("TABLE_OR_VIEW_NOT_FOUND", gone.ErrorClass);

        _clock.Advance(TimeSpan.FromDays(6));
        Session.Sql($"UNDROP TABLE {TableName}");

        Assert.Equal(8L, Session.Sql($"SELECT COUNT(*) FROM {TableName}").Scalar());
        Assert.Equal(AfterStep2, Statuses("SELECT claim_id, adjudication_status FROM member_claims_prod ORDER BY claim_id"));
        var history = Session.Sql($"DESCRIBE HISTORY {TableName}");
        Assert.Equal(["WRITE", "UPDATE", "WRITE", "CREATE OR REPLACE TABLE"], history.ToRows().Select(r => (string)r[history.Schema.IndexOf("operation")]!));
        AssertDocumentRows(Session.Sql($"SELECT * FROM {TableName} VERSION AS OF 1 ORDER BY claim_id"));
        AssertOracle(3, AfterStep2);
    }

    [Fact]
    public void Undrop_AfterTheSevenDayRetention_IsRefusedWithTheCatalogsError()
    {
        RunSteps1To3();
        Session.Sql($"DROP TABLE {TableName}");
        _clock.Advance(TimeSpan.FromDays(8));

        var e = Assert.Throws<Catalog.CatalogException>(() => Session.Sql($"UNDROP TABLE {TableName}"));

        Assert.Equal("TABLE_OR_VIEW_NOT_FOUND", e.ErrorClass);
        Assert.Contains("retention", e.Message, StringComparison.Ordinal);
        Assert.Throws<SqlAnalysisException>(() => Session.Sql($"SELECT COUNT(*) FROM {TableName}"));
    }

    /// <summary>A clock that moves one second on every reading (each commit its own timestamp) and that a test can
    /// set or advance, e.g. to straddle an audit instant or to pass the UNDROP retention.</summary>
    private sealed class DemoClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(DateTimeOffset now) => _now = now;

        public void Advance(TimeSpan by) => _now += by;

        public override DateTimeOffset GetUtcNow()
        {
            var now = _now;
            _now = _now.AddSeconds(1);
            return now;
        }
    }
}
