using System.Text.Json;
using DeltaSharp.Parquet;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Writing;

public sealed class CreateTableTests : IDisposable
{
    private readonly WriteTestTable _t = new();

    public void Dispose() => _t.Dispose();

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    [Fact]
    public void Create_Default_WritesDeletionVectorAndInCommitTimestampProtocolWithCommitInfoFirst()
    {
        _t.Create(["part"]);

        var lines = _t.CommitLines(0);
        Assert.Equal(["commitInfo", "protocol", "metaData"], lines.Select(l => l.EnumerateObject().Single().Name));
        var info = lines[0].GetProperty("commitInfo");
        Assert.Equal(1_750_000_000_000, info.GetProperty("inCommitTimestamp").GetInt64());
        Assert.Equal(1_750_000_000_000, info.GetProperty("timestamp").GetInt64());
        Assert.Equal("CREATE TABLE", info.GetProperty("operation").GetString());
        Assert.Equal("[\"part\"]", info.GetProperty("operationParameters").GetProperty("partitionBy").GetString());
        Assert.False(info.TryGetProperty("readVersion", out _));
        Assert.Equal("WriteSerializable", info.GetProperty("isolationLevel").GetString());
        Assert.True(info.GetProperty("isBlindAppend").GetBoolean());
        Assert.Equal("tester", info.GetProperty("userName").GetString());
        Assert.True(Guid.TryParse(info.GetProperty("txnId").GetString(), out _));
        Assert.StartsWith("DeltaSharp/", info.GetProperty("engineInfo").GetString(), StringComparison.Ordinal);

        var protocol = lines[1].GetProperty("protocol");
        Assert.Equal(3, protocol.GetProperty("minReaderVersion").GetInt32());
        Assert.Equal(7, protocol.GetProperty("minWriterVersion").GetInt32());
        Assert.Equal(["deletionVectors"], Strings(protocol.GetProperty("readerFeatures")));
        Assert.Equal(["deletionVectors", "inCommitTimestamp"], Strings(protocol.GetProperty("writerFeatures")));

        var metadata = lines[2].GetProperty("metaData");
        Assert.Equal("true", metadata.GetProperty("configuration").GetProperty("delta.enableDeletionVectors").GetString());
        Assert.Equal("true", metadata.GetProperty("configuration").GetProperty("delta.enableInCommitTimestamps").GetString());
        Assert.False(metadata.GetProperty("configuration").TryGetProperty("delta.inCommitTimestampEnablementVersion", out _));
        Assert.Equal(["part"], Strings(metadata.GetProperty("partitionColumns")));
        Assert.Equal(1_750_000_000_000, metadata.GetProperty("createdTime").GetInt64());

        var snapshot = _t.Latest();
        Assert.Equal(0, snapshot.Version);
        Assert.Equal(WriteTestTable.Schema, snapshot.Schema);
        Assert.Equal(1_750_000_000_000, snapshot.TimestampMillis);
    }

    [Fact]
    public void Create_LegacyOption_WritesReader1Writer2WithoutFeatures()
    {
        _t.Options = _t.Options with { LegacyProtocolForNewTables = true };
        _t.Create();
        var lines = _t.CommitLines(0);
        Assert.Equal("{\"minReaderVersion\":1,\"minWriterVersion\":2}", lines[1].GetProperty("protocol").GetRawText());
        Assert.False(lines[0].GetProperty("commitInfo").TryGetProperty("inCommitTimestamp", out _));
        Assert.Equal("{}", lines[2].GetProperty("metaData").GetProperty("configuration").GetRawText());
    }

    [Fact]
    public void Create_MinWriterVersionProperty_AsksForLegacyProtocolAndIsNotStored()
    {
        _t.Create(properties: new Dictionary<string, string> { ["delta.minReaderVersion"] = "1", ["delta.minWriterVersion"] = "4" });
        var lines = _t.CommitLines(0);
        Assert.Equal("{\"minReaderVersion\":1,\"minWriterVersion\":4}", lines[1].GetProperty("protocol").GetRawText());
        Assert.Equal("{}", lines[2].GetProperty("metaData").GetProperty("configuration").GetRawText());
    }

    [Fact]
    public void Create_TimestampNtzAndAppendOnly_AddTheirFeatures()
    {
        var schema = new StructType(new StructField("t", DataType.TimestampNtz), new StructField("s", new StructType(new StructField("x", DataType.Integer))));
        _t.Create(schema: schema, properties: new Dictionary<string, string> { ["delta.appendOnly"] = "true", ["delta.enableDeletionVectors"] = "false" });
        var protocol = _t.CommitLines(0)[1].GetProperty("protocol");
        Assert.Equal(["timestampNtz"], Strings(protocol.GetProperty("readerFeatures")));
        Assert.Equal(["inCommitTimestamp", "timestampNtz", "appendOnly"], Strings(protocol.GetProperty("writerFeatures")));
    }

    [Fact]
    public void Create_ColumnMappingName_AssignsIdsAndPhysicalNamesAndDataUsesThem()
    {
        var schema = new StructType(new StructField("Company Name", DataType.String), new StructField("info", new StructType(new StructField("n", DataType.Integer))));
        _t.Create(schema: schema, properties: new Dictionary<string, string> { ["delta.columnMapping.mode"] = "name" });

        var snapshot = _t.Latest();
        Assert.Equal("3", snapshot.Metadata.Configuration["delta.columnMapping.maxColumnId"]);
        Assert.Equal(["1", "2"], snapshot.Schema.Fields.Select(f => f.Metadata["delta.columnMapping.id"]));
        Assert.Equal("3", ((StructType)snapshot.Schema[1].Type)[0].Metadata["delta.columnMapping.id"]);
        var physical = JsonDocument.Parse(snapshot.Schema[0].Metadata["delta.columnMapping.physicalName"]).RootElement.GetString()!;
        Assert.StartsWith("col-", physical, StringComparison.Ordinal);
        Assert.Contains("columnMapping", snapshot.Protocol.ReaderFeatures!);
        Assert.Contains("columnMapping", snapshot.Protocol.WriterFeatures!);

        var txn = snapshot.StartTransaction("WRITE");
        var add = txn.WriteData([TestBatches.Build(schema, ["BMS", new object?[] { 1 }])]).Single();
        txn.Commit();
        using var reader = ParquetFileReader.Open(Path.Combine(_t.Root, Uri.UnescapeDataString(add.Path)));
        Assert.Equal(physical, reader.Schema[0].Name);
        Assert.Equal(1, reader.ParquetSchema.Root.Children[0].FieldId);
        Assert.Contains(physical, add.Stats, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WhenTableExists_ThrowsAlreadyExists()
    {
        _t.Create();
        var e = Assert.Throws<DeltaException>(() => _t.Create());
        Assert.Equal("DELTA_TABLE_ALREADY_EXISTS", e.ErrorClass);
    }

    [Fact]
    public void Create_RacingCreators_ExactlyOneWins()
    {
        var wins = 0;
        var losses = 0;
        Parallel.For(0, 8, _ =>
        {
            try
            {
                _t.Create();
                Interlocked.Increment(ref wins);
            }
            catch (DeltaException e) when (e.ErrorClass == "DELTA_TABLE_ALREADY_EXISTS")
            {
                Interlocked.Increment(ref losses);
            }
        });
        Assert.Equal(1, wins);
        Assert.Equal(7, losses);
        Assert.Single(Directory.GetFiles(_t.LogDir));
    }

    [Fact]
    public void Create_LogRetentionShorterThanFileRetention_IsRefusedAndWritesNothing()
    {
        var e = Assert.Throws<DeltaException>(() => _t.Create(properties: new Dictionary<string, string>
        {
            ["delta.logRetentionDuration"] = "interval 2 days",
            ["delta.deletedFileRetentionDuration"] = "interval 1 week",
        }));
        Assert.Equal("DELTA_LOG_RETENTION_SHORTER_THAN_FILE_RETENTION", e.ErrorClass);
        Assert.Contains("2 days", e.Message, StringComparison.Ordinal);
        Assert.Contains("7 days", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_t.LogDir));
    }

    [Theory]
    [InlineData("nope", "DELTA_PARTITION_COLUMN_NOT_FOUND")]
    [InlineData("ID", null)]
    public void Create_PartitionColumns_AreResolvedCaseInsensitively(string column, string? errorClass)
    {
        if (errorClass is null)
        {
            _t.Create([column]);
            Assert.Equal(["id"], _t.Latest().PartitionColumns);
        }
        else
        {
            Assert.Equal(errorClass, Assert.Throws<DeltaException>(() => _t.Create([column])).ErrorClass);
        }
    }

    [Fact]
    public void Create_AllColumnsPartitioned_IsRefused()
    {
        Assert.Equal("DELTA_CANNOT_USE_ALL_COLUMNS_FOR_PARTITION", Assert.Throws<DeltaException>(() => _t.Create(["id", "part"])).ErrorClass);
    }
}
