using DeltaSharp.Catalog;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Operations;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Tests;

/// <summary>CHECK constraints (ADD / DROP CONSTRAINT, PROTOCOL.md "Check Constraints"), column invariants (PROTOCOL.md
/// "Column Invariants") and NOT NULL enforced on every write path of the session: INSERT VALUES / SELECT, INSERT
/// OVERWRITE, UPDATE (with and without deletion vectors), MERGE insert and update. A violating write commits nothing:
/// the version and the rows stay as they were.</summary>
public sealed class ConstraintTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly Session _session;

    public ConstraintTests() =>
        _session = Session.Open(_warehouse.Path, new SessionOptions { UserName = "tester", Time = new SteppingTime(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)) });

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }

    private List<string> Strings(string sql) => _session.Sql(sql).ToRows().Select(r => string.Join("|", r.Select(v => v?.ToString() ?? "NULL"))).ToList();

    private string Location(string table) => _session.Catalog.FindTable(new TableName(_session.CurrentCatalog, _session.CurrentSchema, table))!.Location;

    private Snapshot Latest(string table) => DeltaTable.ForPath(Location(table)).Latest();

    private Tables.Actions.CommitInfo LastCommit(string table) => DeltaTable.ForPath(Location(table)).History()[0].CommitInfo;

    /// <summary>Runs a write that must fail with <paramref name="errorClass"/> and checks that the table did not
    /// change (same version, same rows).</summary>
    private DeltaException AssertRejected(string table, string sql, string errorClass)
    {
        var version = Latest(table).Version;
        var rows = Sorted(Strings($"SELECT * FROM {table}"));
        var e = Assert.Throws<DeltaException>(() => _session.Sql(sql));
        Assert.Equal(errorClass, e.ErrorClass);
        Assert.Equal(version, Latest(table).Version);
        Assert.Equal(rows, Sorted(Strings($"SELECT * FROM {table}")));
        return e;
    }

    private static List<string> Sorted(List<string> rows) => [.. rows.Order(StringComparer.Ordinal)];

    private void CreateWithPositiveCheck(string extraProperties = "")
    {
        _session.Sql($"CREATE TABLE t (id INT, v STRING) USING DELTA{extraProperties}");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        _session.Sql("ALTER TABLE t ADD CONSTRAINT Positive CHECK (id > 0)");
    }

    [Fact]
    public void CheckConstraint_IsEvaluatedInTheSessionTimeZone()
    {
        // 2025-01-01 23:30 UTC is 2025-01-02 08:30 in Tokyo: hour() of the same instant differs by session time zone.
        _session.Sql("CREATE TABLE ts (t TIMESTAMP) USING DELTA");
        _session.Sql("ALTER TABLE ts ADD CONSTRAINT daytime CHECK (hour(t) < 12)");
        _session.Sql("SET spark.sql.session.timeZone = Asia/Tokyo");
        _session.Sql("INSERT INTO ts VALUES (TIMESTAMP '2025-01-02 08:30:00')");
        _session.Sql("SET spark.sql.session.timeZone = UTC");
        AssertRejected("ts", "INSERT INTO ts SELECT t - INTERVAL 1 HOURS FROM ts", "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES"); // 22:30 UTC
        _session.Sql("SET spark.sql.session.timeZone = Asia/Tokyo");
        _session.Sql("INSERT INTO ts SELECT t - INTERVAL 1 HOURS FROM ts"); // 07:30 in Tokyo
        Assert.Equal(2, Strings("SELECT * FROM ts").Count);
    }

    [Fact]
    public void AddConstraint_StoresTheTextUnderTheLowerCaseName_AddsTheFeature_AndRecordsHistory()
    {
        CreateWithPositiveCheck();
        var snapshot = Latest("t");
        Assert.Equal("id > 0", snapshot.Metadata.Configuration["delta.constraints.positive"]);
        Assert.True(snapshot.Protocol.SupportsWriterFeatures ? snapshot.Protocol.HasWriterFeature("checkConstraints") : snapshot.Protocol.MinWriterVersion >= 3);
        var info = LastCommit("t");
        Assert.Equal("ADD CONSTRAINT", info.Operation);
        Assert.Equal("Positive", info.OperationParameters!["name"]);
        Assert.Equal("id > 0", info.OperationParameters["expr"]);
        Assert.Empty(info.OperationMetrics!);
        // The oracle still reads the table (a metadata-only commit).
        Assert.Equal(2L, DeltaReplay.Read(Location("t")).NumRows);
    }

    [Fact]
    public void AddConstraint_ViolatedByExistingRows_FailsWithTheCount()
    {
        _session.Sql("CREATE TABLE t (num INT, text STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (7, 'b'), (9, 'c'), (NULL, 'z'), (3, 'q')");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t ADD CONSTRAINT lessThan5 CHECK (num < 5 and text < 'd')"));
        Assert.Equal("DELTA_NEW_CHECK_CONSTRAINT_VIOLATION", e.ErrorClass);
        // (7,'b') and (9,'c') are FALSE; (NULL,'z') is NULL AND FALSE = FALSE; (3,'q') FALSE: 4 rows. (1,'a') passes.
        Assert.Equal($"[DELTA_NEW_CHECK_CONSTRAINT_VIOLATION] 4 rows in {_session.CurrentCatalog}.default.t violate the new CHECK constraint (num < 5 and text < 'd')", e.Message);
        Assert.Equal(1L, Latest("t").Version);
        Assert.False(Latest("t").Metadata.Configuration.ContainsKey("delta.constraints.lessthan5"));
    }

    [Fact]
    public void AddConstraint_NullResultPasses()
    {
        _session.Sql("CREATE TABLE t (num INT) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1), (NULL)");
        _session.Sql("ALTER TABLE t ADD CONSTRAINT small CHECK (num < 5)");
        _session.Sql("INSERT INTO t VALUES (NULL)");
        Assert.Equal(["1", "NULL", "NULL"], Strings("SELECT * FROM t ORDER BY num NULLS LAST"));
    }

    [Fact]
    public void AddConstraint_Twice_AndNonBoolean_AndUnknownColumn_AreRefused()
    {
        CreateWithPositiveCheck();
        var twice = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t ADD CONSTRAINT positive CHECK (id >= 0)"));
        Assert.Equal("DELTA_CONSTRAINT_ALREADY_EXISTS", twice.ErrorClass);
        Assert.Contains("Old constraint:\nid > 0", twice.Message, StringComparison.Ordinal);
        var nonBoolean = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t ADD CONSTRAINT plus CHECK (id + 1)"));
        Assert.Equal("DELTA_NON_BOOLEAN_CHECK_CONSTRAINT", nonBoolean.ErrorClass);
        var unknown = Assert.Throws<Sql.SqlAnalysisException>(() => _session.Sql("ALTER TABLE t ADD CONSTRAINT c CHECK (nope > 0)"));
        Assert.StartsWith("UNRESOLVED_COLUMN", unknown.ErrorClass, StringComparison.Ordinal);
        Assert.Equal(2L, Latest("t").Version);
    }

    [Fact]
    public void InsertValues_ViolatingTheCheck_ShowsTheRowValues_AndCommitsNothing()
    {
        CreateWithPositiveCheck();
        var e = AssertRejected("t", "INSERT INTO t VALUES (5, 'ok'), (-1, 'bad')", "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
        Assert.Equal("[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint positive (id > 0) violated by row with values:\n - id : -1", e.Message);
        _session.Sql("INSERT INTO t VALUES (5, 'ok')");
        Assert.Equal(["1|a", "2|b", "5|ok"], Strings("SELECT * FROM t ORDER BY id"));
    }

    [Fact]
    public void Check_OverSeveralColumns_ListsEachColumnRead()
    {
        _session.Sql("CREATE TABLE t (lo INT, hi INT, note STRING) USING DELTA");
        _session.Sql("ALTER TABLE t ADD CONSTRAINT ordered CHECK (lo <= hi)");
        var e = AssertRejected("t", "INSERT INTO t VALUES (3, 2, 'x')", "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
        Assert.Contains(" - lo : 3", e.Message, StringComparison.Ordinal);
        Assert.Contains(" - hi : 2", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("note", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InsertSelect_And_InsertOverwrite_AreChecked()
    {
        CreateWithPositiveCheck();
        AssertRejected("t", "INSERT INTO t SELECT id - 5, v FROM t", "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
        AssertRejected("t", "INSERT OVERWRITE t VALUES (0, 'zero')", "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
        _session.Sql("INSERT OVERWRITE t VALUES (9, 'nine')");
        Assert.Equal(["9|nine"], Strings("SELECT * FROM t"));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void Update_ViolatingTheCheck_LeavesTheTableUnchanged(string deletionVectors)
    {
        CreateWithPositiveCheck($" TBLPROPERTIES ('delta.enableDeletionVectors' = '{deletionVectors}')");
        var e = AssertRejected("t", "UPDATE t SET id = id - 2 WHERE v = 'b'", "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
        Assert.Contains(" - id : 0", e.Message, StringComparison.Ordinal);
        _session.Sql("UPDATE t SET id = id + 10 WHERE v = 'b'");
        Assert.Equal(["1|a", "12|b"], Strings("SELECT * FROM t ORDER BY id"));
        var oracle = DeltaReplay.Read(Location("t"));
        Assert.Equal(2L, oracle.NumRows);
    }

    [Fact]
    public void Merge_InsertAndUpdate_AreChecked()
    {
        CreateWithPositiveCheck();
        AssertRejected("t", """
            MERGE INTO t USING (SELECT -3 AS id, 'new' AS v) AS s ON t.id = s.id
            WHEN NOT MATCHED THEN INSERT *
            """, "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
        AssertRejected("t", """
            MERGE INTO t USING (SELECT 1 AS id) AS s ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET id = -1
            """, "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
    }

    [Fact]
    public void DropConstraint_RecordsTheExpression_ThenWritesAreFree()
    {
        CreateWithPositiveCheck();
        _session.Sql("ALTER TABLE t DROP CONSTRAINT POSITIVE");
        var info = LastCommit("t");
        Assert.Equal("DROP CONSTRAINT", info.Operation);
        Assert.Equal("POSITIVE", info.OperationParameters!["name"]);
        Assert.Equal("id > 0", info.OperationParameters["expr"]);
        Assert.Equal("true", info.OperationParameters["existed"]);
        Assert.False(Latest("t").Metadata.Configuration.ContainsKey("delta.constraints.positive"));
        _session.Sql("INSERT INTO t VALUES (-5, 'fine now')");
        Assert.Equal(3L, (long)_session.Sql("SELECT count(*) FROM t").ToRows()[0][0]!);
    }

    [Fact]
    public void DropConstraint_Missing_NeedsIfExists()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t DROP CONSTRAINT nope"));
        Assert.Equal("DELTA_CONSTRAINT_DOES_NOT_EXIST", e.ErrorClass);
        Assert.Contains("Cannot drop nonexistent constraint nope", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Latest("t").Version);
        _session.Sql("ALTER TABLE t DROP CONSTRAINT IF EXISTS nope");
        var info = LastCommit("t");
        Assert.Equal("false", info.OperationParameters!["existed"]);
        Assert.False(info.OperationParameters.ContainsKey("expr"));
    }

    [Fact]
    public void ConstraintFromCreateTableProperties_IsEnforced()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA TBLPROPERTIES ('delta.constraints.short' = 'length(v) < 4')");
        _session.Sql("INSERT INTO t VALUES (1, 'abc')");
        var e = AssertRejected("t", "INSERT INTO t VALUES (2, 'abcd')", "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
        Assert.Equal("[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint short (length(v) < 4) violated by row with values:\n - v : abcd", e.Message);
    }

    [Fact]
    public void DropOrRenameColumn_ReferencedByAConstraint_IsRefused()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
        _session.Sql("ALTER TABLE t ADD CONSTRAINT positive CHECK (id > 0)");
        Assert.Equal("DELTA_CONSTRAINT_DEPENDENT_COLUMN_CHANGE", Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t DROP COLUMN id")).ErrorClass);
        Assert.Equal("DELTA_CONSTRAINT_DEPENDENT_COLUMN_CHANGE", Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t RENAME COLUMN id TO key")).ErrorClass);
        _session.Sql("ALTER TABLE t RENAME COLUMN v TO label");
        Assert.Equal(["id", "label"], Latest("t").Schema.Fields.Select(f => f.Name));
    }

    [Fact]
    public void NotNull_OnInsertUpdateAndMerge_IsViolatedWithTheColumnName()
    {
        _session.Sql("CREATE TABLE t (id INT NOT NULL, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a')");
        var e = AssertRejected("t", "INSERT INTO t VALUES (NULL, 'b')", "DELTA_NOT_NULL_CONSTRAINT_VIOLATED");
        Assert.Equal("[DELTA_NOT_NULL_CONSTRAINT_VIOLATED] NOT NULL constraint violated for column: id.", e.Message);
        AssertRejected("t", "UPDATE t SET id = NULL", "DELTA_NOT_NULL_CONSTRAINT_VIOLATED");
        AssertRejected("t", """
            MERGE INTO t USING (SELECT CAST(NULL AS INT) AS id, 'x' AS v) AS s ON t.id = s.id
            WHEN NOT MATCHED THEN INSERT *
            """, "DELTA_NOT_NULL_CONSTRAINT_VIOLATED");
    }

    [Fact]
    public void NestedNotNull_FromTheStructType_IsEnforced_AndSetNotNullOnANestedField()
    {
        _session.Sql("CREATE TABLE t (id INT, s STRUCT<a: INT NOT NULL, b: STRING>) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, named_struct('a', 1, 'b', 'x')), (2, NULL)");
        var e = AssertRejected("t", "INSERT INTO t VALUES (3, named_struct('a', CAST(NULL AS INT), 'b', 'y'))", "DELTA_NOT_NULL_CONSTRAINT_VIOLATED");
        Assert.Equal("[DELTA_NOT_NULL_CONSTRAINT_VIOLATED] NOT NULL constraint violated for column: s.a.", e.Message);

        _session.Sql("ALTER TABLE t ALTER COLUMN s.b SET NOT NULL");
        var s = (StructType)Latest("t").Schema[1].Type;
        Assert.False(s[1].Nullable);
        AssertRejected("t", "INSERT INTO t VALUES (4, named_struct('a', 4, 'b', CAST(NULL AS STRING)))", "DELTA_NOT_NULL_CONSTRAINT_VIOLATED");
    }

    [Fact]
    public void CreateTableAsSelect_WithAViolatedConstraint_CreatesNothing()
    {
        var e = Assert.Throws<DeltaException>(() => _session.Sql(
            "CREATE TABLE c USING DELTA TBLPROPERTIES ('delta.constraints.positive' = 'id > 0') AS SELECT * FROM VALUES (1), (-2) AS v(id)"));
        Assert.Equal("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES", e.ErrorClass);
        Assert.Null(_session.Catalog.FindTable(new TableName(_session.CurrentCatalog, _session.CurrentSchema, "c")));
        _session.Sql("CREATE TABLE c USING DELTA TBLPROPERTIES ('delta.constraints.positive' = 'id > 0') AS SELECT * FROM VALUES (1), (2) AS v(id)");
        Assert.Equal(["1", "2"], Strings("SELECT * FROM c ORDER BY id"));
        AssertRejected("c", "INSERT INTO c SELECT -id FROM c", "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES");
    }

    [Fact]
    public void Invariant_InFieldMetadata_IsEnforcedOnInsert()
    {
        // PROTOCOL.md "Column Invariants": delta.invariants holds {"expression":{"expression":"<SQL>"}} as a JSON string.
        var location = Path.Combine(_warehouse.Path, "invariants");
        var metadata = new Dictionary<string, string> { ["delta.invariants"] = "\"{\\\"expression\\\":{\\\"expression\\\":\\\"x > 3\\\"}}\"" };
        var schema = new StructType([new StructField("x", DataType.Integer, true, metadata), new StructField("y", DataType.String)]);
        CreateTable.Run(location, new Tables.Operations.TableDefinition(schema), null, DeltaTableOptions.Default);
        _session.Sql($"INSERT INTO delta.`{location}` VALUES (4, 'ok')");
        var e = Assert.Throws<DeltaException>(() => _session.Sql($"INSERT INTO delta.`{location}` VALUES (2, 'no')"));
        Assert.Equal("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES", e.ErrorClass);
        Assert.StartsWith("[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint EXPRESSION(x > 3) (x > 3) violated by row with values:\n - x : 2", e.Message, StringComparison.Ordinal);
        Assert.Equal(1L, DeltaTable.ForPath(location).Latest().Version);
        // Without an evaluator (plain C# API) the table is not written at all.
        var refused = Assert.Throws<DeltaException>(() => Append.Run(DeltaTable.ForPath(location).Latest(), []));
        Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE", refused.ErrorClass);
    }
}
