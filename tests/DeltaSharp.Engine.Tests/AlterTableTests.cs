using System.Text.Json;
using DeltaSharp.Catalog;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Engine.Tests;

/// <summary>ALTER TABLE through the session: each form is one commit with Delta's operation name and parameters
/// (DeltaOperations), the table reads back the same in the delta-replay oracle (column mapping physical names after
/// ADD / RENAME / DROP COLUMN), enabling features upgrades the protocol, and Spark's error classes.</summary>
public sealed class AlterTableTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly Session _session;

    public AlterTableTests() =>
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

    private static List<string> Sorted(IReadOnlyList<string>? rows) => [.. (rows ?? []).Order(StringComparer.Ordinal)];

    [Fact]
    public void AddColumns_AppendsNullableColumns_WithCommentAndPosition_AndHistory()
    {
        _session.Sql("CREATE TABLE t (id INT, name STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a')");
        _session.Sql("ALTER TABLE t ADD COLUMNS (score DOUBLE COMMENT 'points', flag BOOLEAN FIRST)");
        var snapshot = Latest("t");
        Assert.Equal(2L, snapshot.Version);
        Assert.Equal(["flag", "id", "name", "score"], snapshot.Schema.Fields.Select(f => f.Name));
        Assert.Equal("\"points\"", snapshot.Schema[3].Metadata["comment"]);
        Assert.True(snapshot.Schema[3].Nullable);
        Assert.Equal(["NULL|1|a|NULL"], Strings("SELECT * FROM t"));

        var info = LastCommit("t");
        Assert.Equal("ADD COLUMNS", info.Operation);
        using var columns = JsonDocument.Parse(info.OperationParameters!["columns"]);
        var first = columns.RootElement[0];
        Assert.Equal("score", first.GetProperty("column").GetProperty("name").GetString());
        Assert.Equal("double", first.GetProperty("column").GetProperty("type").GetString());
        Assert.True(first.GetProperty("column").GetProperty("nullable").GetBoolean());
        Assert.Equal("points", first.GetProperty("column").GetProperty("metadata").GetProperty("comment").GetString());
        Assert.False(first.TryGetProperty("position", out _));
        Assert.Equal("FIRST", columns.RootElement[1].GetProperty("position").GetString());
        Assert.Empty(info.OperationMetrics!);

        _session.Sql("INSERT INTO t VALUES (true, 2, 'b', 1.5)");
        var oracle = DeltaReplay.Read(Location("t"));
        Assert.Equal(["flag", "id", "name", "score"], oracle.Columns!.Select(c => c.Name));
        Assert.Equal(Sorted(["{\"flag\":null,\"id\":1,\"name\":\"a\",\"score\":null}", "{\"flag\":true,\"id\":2,\"name\":\"b\",\"score\":1.5}"]), Sorted(oracle.Rows));
    }

    [Fact]
    public void AddColumn_NotNull_IsRefused_AndTheTableIsUnchanged()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t ADD COLUMN c INT NOT NULL"));
        Assert.Equal("DELTA_OPERATION_NOT_ALLOWED", e.ErrorClass);
        Assert.Equal(0L, Latest("t").Version);
    }

    [Fact]
    public void AddColumn_ThatExists_IsFieldAlreadyExists()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t ADD COLUMN ID STRING"));
        Assert.Equal("FIELD_ALREADY_EXISTS", e.ErrorClass);
    }

    [Fact]
    public void AddNestedColumn_GoesIntoTheStruct()
    {
        _session.Sql("CREATE TABLE t (id INT, s STRUCT<a: INT>) USING DELTA");
        _session.Sql("ALTER TABLE t ADD COLUMN s.b STRING AFTER a");
        var s = (Types.StructType)Latest("t").Schema[1].Type;
        Assert.Equal(["a", "b"], s.Fields.Select(f => f.Name));
        using var columns = JsonDocument.Parse(LastCommit("t").OperationParameters!["columns"]);
        Assert.Equal("s.b", columns.RootElement[0].GetProperty("column").GetProperty("name").GetString());
        Assert.Equal("AFTER a", columns.RootElement[0].GetProperty("position").GetString());
    }

    [Fact]
    public void RenameAndDropColumn_WithoutColumnMapping_TellTheUserToEnableIt()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        var rename = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t RENAME COLUMN v TO w"));
        Assert.Equal("DELTA_UNSUPPORTED_RENAME_COLUMN", rename.ErrorClass);
        Assert.Contains("'delta.columnMapping.mode' = 'name'", rename.Message, StringComparison.Ordinal);
        var drop = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t DROP COLUMN v"));
        Assert.Equal("DELTA_UNSUPPORTED_DROP_COLUMN", drop.ErrorClass);
        Assert.Contains("delta.columnMapping.mode", drop.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Latest("t").Version);
    }

    [Fact]
    public void ColumnMapping_EnableThenRenameAndDrop_ReadsBackInTheOracle()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING, gone INT) USING DELTA TBLPROPERTIES ('delta.enableDeletionVectors' = 'false')");
        _session.Sql("INSERT INTO t VALUES (1, 'a', 10), (2, 'b', 20)");
        _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
        var mapped = Latest("t");
        Assert.True(mapped.Protocol.HasReaderFeature("columnMapping") || mapped.Protocol.MinReaderVersion >= 2);
        Assert.Equal("name", mapped.Properties.ColumnMappingMode);
        // Existing files keep the logical names as physical names.
        Assert.Equal("\"v\"", mapped.Schema[1].Metadata["delta.columnMapping.physicalName"]);

        _session.Sql("ALTER TABLE t RENAME COLUMN v TO label");
        var renamed = LastCommit("t");
        Assert.Equal("RENAME COLUMN", renamed.Operation);
        Assert.Equal("v", renamed.OperationParameters!["oldColumnPath"]);
        Assert.Equal("label", renamed.OperationParameters["newColumnPath"]);

        _session.Sql("ALTER TABLE t DROP COLUMN gone");
        var dropped = LastCommit("t");
        Assert.Equal("DROP COLUMNS", dropped.Operation);
        Assert.Equal("[\"gone\"]", dropped.OperationParameters!["columns"]);

        _session.Sql("ALTER TABLE t ADD COLUMN extra STRING");
        _session.Sql("INSERT INTO t VALUES (3, 'c', 'x')");
        var schema = Latest("t").Schema;
        Assert.Equal(["id", "label", "extra"], schema.Fields.Select(f => f.Name));
        Assert.StartsWith("\"col-", schema[2].Metadata["delta.columnMapping.physicalName"], StringComparison.Ordinal);
        Assert.Equal(["1|a|NULL", "2|b|NULL", "3|c|x"], Strings("SELECT * FROM t ORDER BY id"));

        var oracle = DeltaReplay.Read(Location("t"));
        Assert.Equal(["id", "label", "extra"], oracle.Columns!.Select(c => c.Name));
        Assert.Equal(Sorted([
            "{\"id\":1,\"label\":\"a\",\"extra\":null}",
            "{\"id\":2,\"label\":\"b\",\"extra\":null}",
            "{\"id\":3,\"label\":\"c\",\"extra\":\"x\"}",
        ]), Sorted(oracle.Rows));
    }

    [Fact]
    public void DropColumn_PartitionColumn_IsRefused_AndIfExistsSkipsMissingColumns()
    {
        _session.Sql("CREATE TABLE t (id INT, p STRING, v INT) USING DELTA PARTITIONED BY (p) TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t DROP COLUMN p"));
        Assert.Equal("DELTA_UNSUPPORTED_DROP_PARTITION_COLUMN", e.ErrorClass);
        var missing = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t DROP COLUMN nope"));
        Assert.Equal("UNRESOLVED_COLUMN.WITH_SUGGESTION", missing.ErrorClass);
        _session.Sql("ALTER TABLE t DROP COLUMNS IF EXISTS (nope, v)");
        Assert.Equal(["id", "p"], Latest("t").Schema.Fields.Select(f => f.Name));
        Assert.Equal("[\"v\"]", LastCommit("t").OperationParameters!["columns"]);
    }

    [Fact]
    public void RenamePartitionColumn_UpdatesPartitionColumns()
    {
        _session.Sql("CREATE TABLE t (id INT, p STRING) USING DELTA PARTITIONED BY (p) TBLPROPERTIES ('delta.columnMapping.mode' = 'name')");
        _session.Sql("INSERT INTO t VALUES (1, 'x')");
        _session.Sql("ALTER TABLE t RENAME COLUMN p TO region");
        Assert.Equal(["region"], Latest("t").PartitionColumns);
        Assert.Equal(["1|x"], Strings("SELECT id, region FROM t WHERE region = 'x'"));
        var oracle = DeltaReplay.Read(Location("t"));
        Assert.Equal(["region"], oracle.PartitionColumns);
        Assert.Equal(["{\"id\":1,\"region\":\"x\"}"], oracle.Rows);
    }

    [Fact]
    public void SetTblProperties_RecordsProperties_AndEnablingFeaturesUpgradesTheProtocol()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA TBLPROPERTIES ('delta.minReaderVersion' = '1', 'delta.minWriterVersion' = '2')");
        var before = Latest("t").Protocol;
        _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true', 'delta.enableDeletionVectors' = 'true', 'owner.team' = 'core')");
        var snapshot = Latest("t");
        Assert.Equal("true", snapshot.Metadata.Configuration["delta.enableChangeDataFeed"]);
        Assert.Equal("core", snapshot.Metadata.Configuration["owner.team"]);
        Assert.True(WriterSupports(snapshot.Protocol, "changeDataFeed"));
        Assert.True(snapshot.Protocol.HasReaderFeature("deletionVectors") && snapshot.Protocol.HasWriterFeature("deletionVectors"));
        Assert.False(before.HasWriterFeature("deletionVectors"));
        var info = LastCommit("t");
        Assert.Equal("SET TBLPROPERTIES", info.Operation);
        Assert.Equal("{\"delta.enableChangeDataFeed\":\"true\",\"delta.enableDeletionVectors\":\"true\",\"owner.team\":\"core\"}", info.OperationParameters!["properties"]);
        Assert.Empty(info.OperationMetrics!);
        // As Databricks writes SET TBLPROPERTIES (conformance corpus): Serializable, a blind append, no metrics.
        Assert.Equal("Serializable", info.IsolationLevel);
        Assert.True(info.IsBlindAppend);
    }

    private static bool WriterSupports(Tables.Actions.Protocol p, string feature) =>
        p.SupportsWriterFeatures ? p.HasWriterFeature(feature) : feature == "changeDataFeed" && p.MinWriterVersion >= 4;

    [Fact]
    public void SetTblProperties_LogRetentionShorterThanFileRetention_IsRefused()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 1 days', 'delta.deletedFileRetentionDuration' = 'interval 7 days')"));
        Assert.Equal("DELTA_LOG_RETENTION_SHORTER_THAN_FILE_RETENTION", e.ErrorClass);
        Assert.Equal(0L, Latest("t").Version);
        _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('delta.logRetentionDuration' = 'interval 60 days', 'delta.deletedFileRetentionDuration' = 'interval 14 days')");
        Assert.Equal(TimeSpan.FromDays(60), Latest("t").Properties.LogRetentionDuration);
    }

    [Fact]
    public void SetTblProperties_Constraint_MustUseAddConstraint()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('delta.constraints.positive' = 'id > 0')"));
        Assert.Equal("DELTA_ADD_CONSTRAINTS", e.ErrorClass);
    }

    [Fact]
    public void SetTblProperties_Comment_SetsTheDescription()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA");
        _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('comment' = 'the table')");
        Assert.Equal("the table", Latest("t").Metadata.Description);
        Assert.False(Latest("t").Metadata.Configuration.ContainsKey("comment"));
    }

    [Fact]
    public void UnsetTblProperties_RemovesKeys_MissingKeyNeedsIfExists()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA TBLPROPERTIES ('a.b' = '1', 'c.d' = '2')");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t UNSET TBLPROPERTIES ('a.b', 'x.y')"));
        Assert.Equal("DELTA_UNSET_NON_EXISTENT_PROPERTY", e.ErrorClass);
        Assert.Contains("'x.y'", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, Latest("t").Version);

        _session.Sql("ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a.b', 'x.y')");
        var config = Latest("t").Metadata.Configuration;
        Assert.False(config.ContainsKey("a.b"));
        Assert.Equal("2", config["c.d"]);
        var info = LastCommit("t");
        Assert.Equal("UNSET TBLPROPERTIES", info.Operation);
        Assert.Equal("[\"a.b\",\"x.y\"]", info.OperationParameters!["properties"]);
        Assert.Equal("true", info.OperationParameters["ifExists"]);
    }

    [Fact]
    public void AlterColumnComment_IsChangeColumn()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("ALTER TABLE t ALTER COLUMN v COMMENT 'the value'");
        Assert.Equal("\"the value\"", Latest("t").Schema[1].Metadata["comment"]);
        var info = LastCommit("t");
        Assert.Equal("CHANGE COLUMN", info.Operation);
        using var column = JsonDocument.Parse(info.OperationParameters!["column"]);
        Assert.Equal("v", column.RootElement.GetProperty("name").GetString());
        Assert.Equal("string", column.RootElement.GetProperty("type").GetString());
        Assert.Equal("the value", column.RootElement.GetProperty("metadata").GetProperty("comment").GetString());
        Assert.Equal(["id|int|NULL", "v|string|the value"], Strings("DESCRIBE TABLE t"));
    }

    [Fact]
    public void SetNotNull_WithNullRows_IsRefusedWithTheCount_ThenAllowedAfterFixing()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, NULL), (2, 'b'), (3, NULL)");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t ALTER COLUMN v SET NOT NULL"));
        Assert.Equal("DELTA_NEW_NOT_NULL_VIOLATION", e.ErrorClass);
        Assert.True(e.Message.StartsWith($"[DELTA_NEW_NOT_NULL_VIOLATION] 2 rows in {_session.CurrentCatalog}.default.t violate the new NOT NULL constraint on v", StringComparison.Ordinal), e.Message);
        Assert.Equal(1L, Latest("t").Version);

        _session.Sql("DELETE FROM t WHERE v IS NULL");
        _session.Sql("ALTER TABLE t ALTER COLUMN v SET NOT NULL");
        Assert.False(Latest("t").Schema[1].Nullable);
        using (var column = JsonDocument.Parse(LastCommit("t").OperationParameters!["column"]))
            Assert.False(column.RootElement.GetProperty("nullable").GetBoolean());
        var insert = Assert.Throws<DeltaException>(() => _session.Sql("INSERT INTO t VALUES (4, NULL)"));
        Assert.Equal("DELTA_NOT_NULL_CONSTRAINT_VIOLATED", insert.ErrorClass);

        _session.Sql("ALTER TABLE t CHANGE COLUMN v DROP NOT NULL");
        Assert.True(Latest("t").Schema[1].Nullable);
        _session.Sql("INSERT INTO t VALUES (4, NULL)");
        Assert.Equal(["2|b", "4|NULL"], Strings("SELECT * FROM t ORDER BY id"));
    }

    [Fact]
    public void AlterColumnPosition_ReordersTheSchema()
    {
        _session.Sql("CREATE TABLE t (a INT, b INT, c INT) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 2, 3)");
        _session.Sql("ALTER TABLE t ALTER COLUMN c FIRST");
        Assert.Equal(["c", "a", "b"], Latest("t").Schema.Fields.Select(f => f.Name));
        Assert.Equal("FIRST", LastCommit("t").OperationParameters!["position"]);
        _session.Sql("ALTER TABLE t ALTER COLUMN c AFTER a");
        Assert.Equal(["1|3|2"], Strings("SELECT * FROM t"));
    }

    [Fact]
    public void AlterColumnType_ToAnotherType_IsRefused()
    {
        _session.Sql("CREATE TABLE t (a INT) USING DELTA");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t ALTER COLUMN a TYPE STRING"));
        Assert.Equal("DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP", e.ErrorClass);
    }

    [Fact]
    public void AlterTable_OnMissingTable_IsTableNotFound()
    {
        var e = Assert.Throws<CatalogException>(() => _session.Sql("ALTER TABLE nope ADD COLUMN c INT"));
        Assert.Equal("TABLE_OR_VIEW_NOT_FOUND", e.ErrorClass);
    }

    [Fact]
    public void AlterTable_OnPathTable_Works()
    {
        var path = Path.Combine(_warehouse.Path, "path-table");
        _session.Sql($"CREATE TABLE delta.`{path}` (id INT) USING DELTA");
        _session.Sql($"ALTER TABLE delta.`{path}` ADD COLUMN c STRING");
        Assert.Equal(["id", "c"], DeltaTable.ForPath(path).Latest().Schema.Fields.Select(f => f.Name));
    }

    [Fact]
    public void MetadataChange_ConflictsWithAConcurrentMetadataChange()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA");
        var stale = Latest("t");
        _session.Sql("ALTER TABLE t ADD COLUMN a INT");
        var e = Assert.Throws<DeltaConcurrentModificationException>(() =>
            Tables.Operations.AlterTable.SetProperties(stale, [new("x.y", "1")]));
        Assert.Equal(ConflictKind.MetadataChanged, e.Kind);
    }

    [Fact]
    public void LastCommitVersion_FollowsAlter()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA");
        _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('k.v' = '1')");
        Assert.Equal(1L, _session.LastCommitVersion);
    }

    [Fact]
    public void UnknownColumnInAlterColumn_IsUnresolved()
    {
        _session.Sql("CREATE TABLE t (id INT) USING DELTA");
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t ALTER COLUMN nope COMMENT 'x'"));
        Assert.Equal("UNRESOLVED_COLUMN.WITH_SUGGESTION", e.ErrorClass);
    }
}
