using DeltaSharp.Catalog;
using DeltaSharp.Tables;

namespace DeltaSharp.Engine.Tests;

/// <summary>Delta refuses unknown <c>delta.*</c> table properties where they are set (DeltaConfigs.
/// validateConfigurations, called by CREATE TABLE and ALTER TABLE SET TBLPROPERTIES): DELTA_UNKNOWN_CONFIGURATION,
/// "Unknown configuration was specified: &lt;key as written&gt;" plus the allowArbitraryProperties hint (Delta's
/// DeltaErrorsSuite). Known keys are case-insensitive and stored in their canonical case; other keys are free-form;
/// a table whose log already carries an unknown key keeps working.</summary>
public sealed class TablePropertyKeyTests : IDisposable
{
    private const string Hint = "\nTo disable this check, set spark.databricks.delta.allowArbitraryProperties.enabled=true in the Spark session configuration.";
    private readonly TempWarehouse _warehouse = new();
    private readonly Session _session;

    public TablePropertyKeyTests() =>
        _session = Session.Open(_warehouse.Path, new SessionOptions { UserName = "tester", Time = new SteppingTime(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)) });

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }

    private string Location(string table) => _session.Catalog.FindTable(new TableName(_session.CurrentCatalog, _session.CurrentSchema, table))!.Location;

    private IReadOnlyDictionary<string, string> Configuration(string table) => DeltaTable.ForPath(Location(table)).Latest().Metadata.Configuration;

    [Fact]
    public void CreateTableWithAnUnknownDeltaKeyFailsAndCreatesNothing()
    {
        var e = Assert.Throws<DeltaException>(() => _session.Sql("CREATE TABLE t (id INT) USING delta TBLPROPERTIES ('delta.key' = 'value')"));
        Assert.Equal("DELTA_UNKNOWN_CONFIGURATION", e.ErrorClass);
        Assert.Equal("[DELTA_UNKNOWN_CONFIGURATION] Unknown configuration was specified: delta.key" + Hint, e.Message);
        Assert.Null(_session.Catalog.FindTable(new TableName(_session.CurrentCatalog, _session.CurrentSchema, "t")));
    }

    [Fact]
    public void UnknownKeyIsNamedAsWritten()
    {
        var e = Assert.Throws<DeltaException>(() => _session.Sql("CREATE TABLE t (id INT) USING delta TBLPROPERTIES ('Delta.Unknown' = '1')"));
        Assert.StartsWith("[DELTA_UNKNOWN_CONFIGURATION] Unknown configuration was specified: Delta.Unknown\n", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetTblPropertiesWithAnUnknownDeltaKeyFailsAndCommitsNothing()
    {
        _session.Sql("CREATE TABLE t (id INT) USING delta");
        var version = DeltaTable.ForPath(Location("t")).Latest().Version;
        var e = Assert.Throws<DeltaException>(() => _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('delta.appendOnly' = 'true', 'delta.key' = 'value')"));
        Assert.Equal("DELTA_UNKNOWN_CONFIGURATION", e.ErrorClass);
        Assert.Equal("[DELTA_UNKNOWN_CONFIGURATION] Unknown configuration was specified: delta.key" + Hint, e.Message);
        Assert.Equal(version, DeltaTable.ForPath(Location("t")).Latest().Version);
    }

    [Fact]
    public void KnownKeysInAnyCaseAreStoredInTheirCanonicalCase()
    {
        _session.Sql("CREATE TABLE t (id INT) USING delta TBLPROPERTIES ('DELTA.CHECKPOINTINTERVAL' = '5', 'delta.logretentionduration' = 'interval 40 days')");
        _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('Delta.AppendOnly' = 'false', 'delta.DATASKIPPINGNUMINDEXEDCOLS' = '3')");
        var config = Configuration("t");
        Assert.Equal("5", config["delta.checkpointInterval"]);
        Assert.Equal("interval 40 days", config["delta.logRetentionDuration"]);
        Assert.Equal("false", config["delta.appendOnly"]);
        Assert.Equal("3", config["delta.dataSkippingNumIndexedCols"]);
        Assert.DoesNotContain("DELTA.CHECKPOINTINTERVAL", config.Keys);
    }

    [Fact]
    public void KeysOutsideDeltaAreFreeForm()
    {
        _session.Sql("CREATE TABLE t (id INT) USING delta TBLPROPERTIES ('owner.team' = 'data', 'Foo' = 'bar')");
        _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('deltaish.key' = 'x')");
        var config = Configuration("t");
        Assert.Equal("data", config["owner.team"]);
        Assert.Equal("bar", config["Foo"]);
        Assert.Equal("x", config["deltaish.key"]);
    }

    [Fact]
    public void FeatureUniversalFormatAndDatabricksKeysAreAccepted()
    {
        _session.Sql("CREATE TABLE t (id INT) USING delta TBLPROPERTIES ('delta.feature.deletionVectors' = 'supported', "
            + "'delta.targetFileSize' = '128mb', 'delta.universalFormat.config.iceberg.x' = '1')");
        Assert.Contains("deletionVectors", DeltaTable.ForPath(Location("t")).Latest().Protocol.WriterFeatures ?? []);
        Assert.Equal("128mb", Configuration("t")["delta.targetFileSize"]);
    }

    [Fact]
    public void ATableWhoseLogAlreadyHasAnUnknownKeyStillReadsAndWrites()
    {
        _session.Sql("CREATE TABLE t (id INT) USING delta");
        // Another engine (a newer Delta) wrote a property this engine does not know.
        var latest = DeltaTable.ForPath(Location("t")).Latest();
        var config = new Dictionary<string, string>(latest.Metadata.Configuration) { ["delta.someFutureProperty"] = "on" };
        latest.StartTransaction("SET TBLPROPERTIES").UpdateMetadata(latest.Metadata with { Configuration = config }).Commit();

        _session.Sql("INSERT INTO t VALUES (1), (2)");
        _session.Sql("ALTER TABLE t ADD COLUMNS (name STRING)");
        _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('delta.appendOnly' = 'false')");
        Assert.Equal(2L, _session.Sql("SELECT count(*) FROM t").ToRows().Single()[0]);
        Assert.Equal("on", Configuration("t")["delta.someFutureProperty"]);
    }

    [Fact]
    public void SetTblPropertiesRecordsTheNormalisedKeysAsSparkDoes()
    {
        // basic-with-vacuum-protocol-check-feature v1: Spark's commit for SET TBLPROPERTIES of the feature.
        var spark = File.ReadLines(Path.Combine(TestSupport.RepoPaths.ConformanceTablesDir, "basic-with-vacuum-protocol-check-feature", "_delta_log", $"{1:D20}.json"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Single(e => e.TryGetProperty("commitInfo", out _)).GetProperty("commitInfo").GetProperty("operationParameters").GetRawText();
        _session.Sql("CREATE TABLE t (id INT) USING delta");
        _session.Sql("ALTER TABLE t SET TBLPROPERTIES ('delta.feature.vacuumProtocolCheck' = 'supported')");
        var ours = File.ReadLines(Path.Combine(Location("t"), "_delta_log", $"{1:D20}.json"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Single(e => e.TryGetProperty("commitInfo", out _)).GetProperty("commitInfo").GetProperty("operationParameters").GetRawText();
        Assert.Equal(spark, ours);
        Assert.Contains("vacuumProtocolCheck", DeltaTable.ForPath(Location("t")).Latest().Protocol.WriterFeatures ?? []);
    }
}
