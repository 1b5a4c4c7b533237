using System.Text.Json;
using DeltaSharp.Expressions;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Tables.Tests.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Operations;

/// <summary>
/// Append, Overwrite (whole table and static partition), Truncate, CREATE TABLE AS SELECT and CREATE OR REPLACE /
/// REPLACE [AS SELECT]: one commit each, exact commitInfo, rows checked with the delta-replay oracle against
/// hand-built expectations, earlier versions still readable.
/// </summary>
public sealed class WholeTableOperationTests : IDisposable
{
    private readonly OpsTable _t = new();

    public void Dispose() => _t.Dispose();

    private static Dictionary<string, string?> Parameters(JsonElement info) =>
        info.GetProperty("operationParameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch { JsonValueKind.Null => null, JsonValueKind.String => p.Value.GetString(), _ => p.Value.GetRawText() });

    private static long Size(JsonElement action) => action.GetProperty("size").GetInt64();

    [Fact]
    public void Append_CommitsOneBlindAppendWithWriteMetrics()
    {
        _t.Create();

        var result = _t.Append(1, 2, 3);

        Assert.Equal(1, result.Version);
        var info = _t.CommitInfo(1);
        Assert.Equal("WRITE", info.GetProperty("operation").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["mode"] = "Append", ["statsOnLoad"] = "false", ["partitionBy"] = "[]" }, Parameters(info));
        Assert.True(info.GetProperty("isBlindAppend").GetBoolean());
        Assert.Equal(0, info.GetProperty("readVersion").GetInt64());
        var add = Assert.Single(_t.Actions(1, "add"));
        Assert.Equal(new Dictionary<string, string> { ["numFiles"] = "1", ["numOutputRows"] = "3", ["numOutputBytes"] = Size(add).ToString() }, _t.Metrics(1));
        _t.AssertOracleRows(1, OpsTable.Rows(1, 2, 3));
    }

    [Fact]
    public void Append_OfNoRows_CommitsNothing()
    {
        _t.Create();

        var result = Append.Run(_t.Latest(), [OpsTable.Batch()]);

        Assert.Null(result.Version);
        Assert.Equal(0, _t.Latest().Version);
    }

    [Fact]
    public void Overwrite_OfTheWholeTable_ReplacesEveryFileInOneCommit()
    {
        _t.Create();
        _t.Append(0, 1, 2);
        _t.Append(3, 4);

        var result = Overwrite.Run(_t.Latest(), [OpsTable.Batch(10, 11)]);

        Assert.Equal(3, result.Version);
        var info = _t.CommitInfo(3);
        Assert.Equal(new Dictionary<string, string?> { ["mode"] = "Overwrite", ["statsOnLoad"] = "false", ["partitionBy"] = "[]" }, Parameters(info));
        Assert.False(info.GetProperty("isBlindAppend").GetBoolean());
        Assert.Equal(2, _t.Actions(3, "remove").Count);
        var add = Assert.Single(_t.Actions(3, "add"));
        Assert.Equal(new Dictionary<string, string> { ["numFiles"] = "1", ["numOutputRows"] = "2", ["numOutputBytes"] = Size(add).ToString() }, _t.Metrics(3));
        _t.AssertOracleRows(3, OpsTable.Rows(10, 11));
        _t.AssertOracleRows(2, OpsTable.Rows(0, 1, 2, 3, 4));
    }

    private static readonly Expression PartIsA = new Comparison(ComparisonOperator.Equal, new ColumnRef("part"), new Literal("a", DataType.String));

    [Fact]
    public void Overwrite_OfAStaticPartition_ReplacesOnlyThatPartition()
    {
        _t.Create(partitions: ["part"]);
        _t.Append([OpsTable.Row(0, "a"), OpsTable.Row(1, "a"), OpsTable.Row(2, "b")]);
        var inA = _t.Latest().ActiveFiles.Single(f => f.PartitionValues["part"] == "a");

        var result = Overwrite.Run(_t.Latest(), [OpsTable.Batch([OpsTable.Row(10, "a")])], PartIsA, "(part = 'a')");

        Assert.Equal(2, result.Version);
        var info = _t.CommitInfo(2);
        Assert.Equal("(part = 'a')", Parameters(info)["predicate"]);
        Assert.Equal(inA.Path, Assert.Single(_t.Actions(2, "remove")).GetProperty("path").GetString());
        var add = Assert.Single(_t.Actions(2, "add"));
        Assert.Equal(new Dictionary<string, string>
        {
            ["numFiles"] = "1", ["numOutputRows"] = "1", ["numOutputBytes"] = Size(add).ToString(), ["numRemovedFiles"] = "1",
            ["numRemovedBytes"] = inA.Size.ToString(), ["numAddedChangeFiles"] = "0", ["numDeletedRows"] = "2", ["numCopiedRows"] = "0",
        }, _t.Metrics(2));
        _t.AssertOracleRows(2, OpsTable.Rows([OpsTable.Row(2, "b"), OpsTable.Row(10, "a")]));
    }

    [Fact]
    public void Overwrite_OfAStaticPartition_RefusesRowsOfOtherPartitionsAndDataColumns()
    {
        _t.Create(partitions: ["part"]);
        _t.Append([OpsTable.Row(0, "a")]);

        var mismatch = Assert.Throws<DeltaException>(() => Overwrite.Run(_t.Latest(), [OpsTable.Batch([OpsTable.Row(5, "b")])], PartIsA));
        var dataColumn = Assert.Throws<DeltaException>(() => Overwrite.Run(_t.Latest(), [OpsTable.Batch(1)],
            new Comparison(ComparisonOperator.Equal, new ColumnRef("id"), new Literal(1L, DataType.Long))));

        Assert.Equal("DELTA_REPLACE_WHERE_MISMATCH", mismatch.ErrorClass);
        Assert.Equal("DELTA_NON_PARTITION_COLUMN_REFERENCE", dataColumn.ErrorClass);
        Assert.Contains("'id'", dataColumn.Message);
        Assert.Equal(1, _t.Latest().Version);
    }

    [Fact]
    public void Truncate_RemovesEveryFileAndKeepsHistory()
    {
        _t.Create();
        _t.Append(0, 1);
        _t.Append(2);
        var files = _t.Latest().ActiveFiles;

        var result = Truncate.Run(_t.Latest());

        Assert.Equal(3, result.Version);
        var info = _t.CommitInfo(3);
        Assert.Equal("TRUNCATE", info.GetProperty("operation").GetString());
        Assert.Empty(Parameters(info));
        var metrics = _t.Metrics(3);
        Assert.Equal(["executionTimeMs", "numRemovedFiles"], metrics.Keys.Order());
        Assert.Equal("2", metrics["numRemovedFiles"]);
        Assert.Equal(files.Select(f => f.Path).Order(), _t.Actions(3, "remove").Select(r => r.GetProperty("path").GetString()).Order());
        Assert.Empty(_t.Latest().ActiveFiles);
        _t.AssertOracleRows(3, []);
        Assert.Equal(2, DeltaTable.ForPath(_t.Root, _t.Options).AtVersion(2).ActiveFiles.Count);
        Assert.Null(Truncate.Run(_t.Latest()).Version);
    }

    [Fact]
    public void CreateTableAsSelect_WritesVersionZeroWithTheData()
    {
        var definition = new TableDefinition(OpsTable.Schema) { Description = "claims", IsManaged = true };

        var result = CreateTable.Run(_t.Root, definition, [OpsTable.Batch(1, 2, 3)], _t.Options);

        Assert.Equal(0, result.Version);
        var lines = _t.CommitLines(0);
        Assert.Equal(["commitInfo", "protocol", "metaData", "add"], lines.Select(l => l.EnumerateObject().Single().Name));
        var info = _t.CommitInfo(0);
        Assert.Equal("CREATE TABLE AS SELECT", info.GetProperty("operation").GetString());
        Assert.False(info.TryGetProperty("readVersion", out _));
        Assert.True(info.GetProperty("isBlindAppend").GetBoolean());
        var parameters = Parameters(info);
        Assert.Equal(["partitionBy", "clusterBy", "description", "isManaged", "properties", "statsOnLoad"], parameters.Keys);
        Assert.Equal(("[]", "[]", "claims", "true", "false"), (parameters["partitionBy"], parameters["clusterBy"], parameters["description"], parameters["isManaged"], parameters["statsOnLoad"]));
        var configuration = _t.Actions(0, "metaData").Single().GetProperty("configuration").GetRawText();
        Assert.Equal(JsonDocument.Parse(configuration).RootElement.ToString(), JsonDocument.Parse(parameters["properties"]!).RootElement.ToString());
        Assert.Equal("claims", _t.Actions(0, "metaData").Single().GetProperty("description").GetString());
        var add = Assert.Single(_t.Actions(0, "add"));
        Assert.Equal(new Dictionary<string, string> { ["numFiles"] = "1", ["numOutputRows"] = "3", ["numOutputBytes"] = Size(add).ToString() }, _t.Metrics(0));
        _t.AssertOracleRows(0, OpsTable.Rows(1, 2, 3));

        var again = Assert.Throws<DeltaException>(() => CreateTable.Run(_t.Root, definition, [OpsTable.Batch(4)], _t.Options));
        Assert.Equal("DELTA_TABLE_ALREADY_EXISTS", again.ErrorClass);
        Assert.Single(Directory.GetFiles(_t.Root, "*.parquet"));
    }

    [Fact]
    public void ReplaceTableAsSelect_OfAnExistingTable_KeepsTheIdAndTheHistory()
    {
        _t.Create();
        _t.Append(0, 1, 2);
        _t.Append(3);
        var before = _t.Latest();
        var newSchema = new StructType(new StructField("key", DataType.Integer), new StructField("label", DataType.String));
        var definition = new TableDefinition(newSchema) { Properties = new Dictionary<string, string> { ["delta.appendOnly"] = "false" } };

        var result = CreateOrReplace.Run(_t.Root, definition, [TestBatches.Build(newSchema, [7, "x"], [8, null])], orCreate: false, _t.Options);

        Assert.Equal(3, result.Version);
        var info = _t.CommitInfo(3);
        Assert.Equal("REPLACE TABLE AS SELECT", info.GetProperty("operation").GetString());
        Assert.False(info.GetProperty("isBlindAppend").GetBoolean());
        Assert.Equal(2, info.GetProperty("readVersion").GetInt64());
        Assert.Equal(2, _t.Actions(3, "remove").Count);
        var add = Assert.Single(_t.Actions(3, "add"));
        Assert.Equal(new Dictionary<string, string> { ["numFiles"] = "1", ["numOutputRows"] = "2", ["numOutputBytes"] = Size(add).ToString() }, _t.Metrics(3));
        var after = _t.Latest();
        Assert.Equal(before.Metadata.Id, after.Metadata.Id);
        Assert.Equal(["key", "label"], after.Schema.Fields.Select(f => f.Name));
        _t.AssertOracleRows(3, [.. new[] { "{\"key\":7,\"label\":\"x\"}", "{\"key\":8,\"label\":null}" }], newSchema);
        _t.AssertOracleRows(2, OpsTable.Rows(0, 1, 2, 3));
        Assert.Equal(["REPLACE TABLE AS SELECT", "WRITE", "WRITE", "CREATE TABLE"],
            DeltaTable.ForPath(_t.Root, _t.Options).History().Select(h => h.CommitInfo.Operation));
    }

    [Fact]
    public void CreateOrReplace_WithoutData_RemovesTheFilesAndRecordsNoMetrics()
    {
        _t.Create(new Dictionary<string, string> { ["delta.columnMapping.mode"] = "name" });
        _t.Append(0, 1);

        // Column mapping off in the new definition: allowed, the table is created anew.
        var result = CreateOrReplace.Run(_t.Root, new TableDefinition(OpsTable.Schema), null, orCreate: true, _t.Options);

        Assert.Equal(2, result.Version);
        Assert.Equal("CREATE OR REPLACE TABLE", _t.CommitInfo(2).GetProperty("operation").GetString());
        Assert.Empty(_t.Metrics(2));
        Assert.Single(_t.Actions(2, "remove"));
        Assert.Empty(_t.Latest().ActiveFiles);
        Assert.Equal("none", _t.Latest().Properties.ColumnMappingMode);
        _t.Append(5);
        _t.AssertOracleRows(3, OpsTable.Rows(5));
    }

    [Fact]
    public void Replace_OfALegacyTable_NeverDowngradesTheProtocol()
    {
        var legacy = _t.Options with { LegacyProtocolForNewTables = true };
        CreateTable.Run(_t.Root, new TableDefinition(OpsTable.Schema), null, legacy);
        Assert.Equal((1, 2), (_t.Latest().Protocol.MinReaderVersion, _t.Latest().Protocol.MinWriterVersion));

        CreateOrReplace.Run(_t.Root, new TableDefinition(OpsTable.Schema), null, orCreate: false, _t.Options);

        var p = _t.Latest().Protocol;
        Assert.Equal((3, 7), (p.MinReaderVersion, p.MinWriterVersion));
        Assert.Equal(["appendOnly", "deletionVectors", "inCommitTimestamp", "invariants"], p.WriterFeatures!.Order());
        Assert.Equal(["deletionVectors"], p.ReaderFeatures!);
    }

    [Fact]
    public void Replace_OfAMissingTable_IsRefused()
    {
        var e = Assert.Throws<DeltaException>(() => CreateOrReplace.Run(_t.Root, new TableDefinition(OpsTable.Schema), null, orCreate: false, _t.Options));

        Assert.Equal("DELTA_CANNOT_REPLACE_MISSING_TABLE", e.ErrorClass);
        Assert.False(DeltaTable.ForPath(_t.Root, _t.Options).Exists());
    }

    [Fact]
    public void DynamicOverwrite_OfTimestampPartitions_TellsSubSecondPartitionsApart()
    {
        var schema = new StructType(new StructField("id", DataType.Long), new StructField("ts", DataType.Timestamp));
        CreateTable.Run(_t.Root, new TableDefinition(schema) { PartitionColumns = ["ts"] }, null, _t.Options);
        var first = new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1_000_000); // 10:00:00.1
        var second = first.AddTicks(1_000_000); // 10:00:00.2: the same second
        Append.Run(_t.Latest(), [TestBatches.Build(schema, [[1L, first], [2L, second]])]);

        Overwrite.RunDynamic(_t.Latest(), [TestBatches.Build(schema, [[3L, first]])]);

        _t.AssertOracleRows(2, OpsTable.Rows(schema, [[2L, second], [3L, first]]), schema);
    }
}
