using System.Text;
using DeltaSharp.Tables.Actions;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Tables.Tests.Actions;

/// <summary>Serialised actions must be byte-identical to the lines Spark wrote into the conformance tables.</summary>
public sealed class ActionJsonWriterTests
{
    private static string Line(string table, long version, int index) =>
        File.ReadAllLines(Path.Combine(RepoPaths.ConformanceTablesDir, table, "_delta_log", $"{version:D20}.json"))[index];

    [Fact]
    public void Write_AddWithDeletionVectorAndTags_MatchesSparkLine()
    {
        var add = new AddFile(
            "part-00000-fae5310a-a37d-4e51-827b-c3d5516560ca-c000.snappy.parquet",
            new Dictionary<string, string?>(),
            635,
            1677811178336,
            true,
            "{\"numRecords\":10,\"minValues\":{\"value\":0},\"maxValues\":{\"value\":9},\"nullCount\":{\"value\":0},\"tightBounds\":false}",
            new Dictionary<string, string?>
            {
                ["INSERTION_TIME"] = "1677811178336000",
                ["MIN_INSERTION_TIME"] = "1677811178336000",
                ["MAX_INSERTION_TIME"] = "1677811178336000",
                ["OPTIMIZE_TARGET_SIZE"] = "268435456",
            },
            new DeletionVectorDescriptor("u", "vBn[lx{q8@P<9BNH/isA", 1, 36, 2));
        Assert.Equal(Line("table-with-dv-small", 1, 2), ActionJsonWriter.ToJson(add));
    }

    [Fact]
    public void Write_RemoveWithExtendedMetadata_MatchesSparkLine()
    {
        var remove = new RemoveFile(
            "birthyear=1995/part-00002-447012a2-6468-4283-8994-a83d6e53dd3e.c000.snappy.parquet",
            1783874212151,
            true,
            true,
            new Dictionary<string, string?> { ["birthyear"] = "1995" },
            699);
        Assert.Equal(Line("cdc_ict_table", 2, 1), ActionJsonWriter.ToJson(remove));
    }

    [Fact]
    public void Write_CdcAction_MatchesSparkLine()
    {
        var cdc = new AddCdcFile(
            "_change_data/birthyear=1995/cdc-00000-2a898d42-80c6-40a8-a045-dc92579b0c52.c000.snappy.parquet",
            new Dictionary<string, string?> { ["birthyear"] = "1995" },
            976,
            false);
        Assert.Equal(Line("cdc_ict_table", 2, 3), ActionJsonWriter.ToJson(cdc));
    }

    [Fact]
    public void Write_NullPartitionValue_WritesJsonNull()
    {
        var add = new AddFile(
            "letter=__HIVE_DEFAULT_PARTITION__/part-00000-8eb7f29a-e6a1-436e-a638-bbf0a7953f09.c000.snappy.parquet",
            new Dictionary<string, string?> { ["letter"] = null },
            751,
            1674611429929,
            true,
            "{\"numRecords\":1,\"minValues\":{\"number\":6,\"a_float\":6.6},\"maxValues\":{\"number\":6,\"a_float\":6.6},\"nullCount\":{\"number\":0,\"a_float\":0}}");
        Assert.Equal(Line("basic_partitioned", 1, 0), ActionJsonWriter.ToJson(add));
    }

    [Fact]
    public void Write_ProtocolAndMetadata_MatchSparkLines()
    {
        var protocol = new Protocol(1, 7, null, ["inCommitTimestamp", "changeDataFeed", "invariants", "appendOnly"]);
        Assert.Equal(Line("cdc_ict_table", 0, 2), ActionJsonWriter.ToJson(protocol));

        var metadata = new Metadata(
            "76cd2cf5-ee8f-487e-8725-785a2c6bbb07",
            "{\"type\":\"struct\",\"fields\":[{\"name\":\"name\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}},{\"name\":\"birthyear\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}},{\"name\":\"age\",\"type\":\"integer\",\"nullable\":true,\"metadata\":{}}]}",
            ["birthyear"],
            new Dictionary<string, string> { ["delta.enableChangeDataFeed"] = "true", ["delta.enableInCommitTimestamps"] = "true" },
            new FileFormat("parquet", new Dictionary<string, string>()),
            CreatedTime: 1783874203198);
        Assert.Equal(Line("cdc_ict_table", 0, 1), ActionJsonWriter.ToJson(metadata));
    }

    [Fact]
    public void Write_CommitInfoWithInCommitTimestamp_MatchesSparkLine()
    {
        var info = new CommitInfo
        {
            InCommitTimestamp = 1683874206883,
            Timestamp = 1783874206883,
            Operation = "WRITE",
            OperationParameters = new Dictionary<string, string> { ["mode"] = "Append", ["partitionBy"] = "[]" },
            ReadVersion = 0,
            IsolationLevel = "Serializable",
            IsBlindAppend = true,
            OperationMetrics = new Dictionary<string, string> { ["numFiles"] = "4", ["numOutputRows"] = "4", ["numOutputBytes"] = "2795" },
            EngineInfo = "Apache-Spark/4.1.2 Delta-Lake/4.3.1",
            TxnId = "9906d50c-b00d-40c0-b7de-e538678b5ca9",
        };
        Assert.Equal(Line("cdc_ict_table", 1, 0), ActionJsonWriter.ToJson(info));
    }

    [Fact]
    public void Write_CommitInfoWithUserAndReadVersion_MatchesSparkFieldOrder()
    {
        var info = new CommitInfo
        {
            Timestamp = 1674611429957,
            Operation = "WRITE",
            OperationParameters = new Dictionary<string, string> { ["mode"] = "Append", ["partitionBy"] = "[\"letter\"]" },
            ReadVersion = 0,
            IsolationLevel = "Serializable",
            IsBlindAppend = true,
            OperationMetrics = new Dictionary<string, string> { ["numFiles"] = "3", ["numOutputRows"] = "3", ["numOutputBytes"] = "2252" },
            EngineInfo = "Apache-Spark/3.3.1 Delta-Lake/2.1.1",
            TxnId = "c6d7e8e6-bc66-46fb-b44a-58e0d47414f5",
        };
        Assert.Equal(Line("basic_partitioned", 1, 3), ActionJsonWriter.ToJson(info));
    }

    [Fact]
    public void SerializeCommit_EndsEveryLineWithNewline()
    {
        var bytes = ActionJsonWriter.SerializeCommit([new Protocol(1, 2), new SetTransaction("app", 7, 5), new DomainMetadata("d", "{}", false)]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal(
            "{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}\n"
            + "{\"txn\":{\"appId\":\"app\",\"version\":7,\"lastUpdated\":5}}\n"
            + "{\"domainMetadata\":{\"domain\":\"d\",\"configuration\":\"{}\",\"removed\":false}}\n",
            text);
    }

    [Fact]
    public void Write_NonAsciiAndQuotes_EscapesOnlyWhatJsonNeeds()
    {
        var add = new AddFile("a=é\"x/f.parquet", new Dictionary<string, string?> { ["a"] = "é\"x<>" }, 1, 2, true);
        var json = ActionJsonWriter.ToJson(add);
        Assert.Contains("\"a\":\"é\\\"x<>\"", json, StringComparison.Ordinal);
    }
}
