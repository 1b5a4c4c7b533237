using System.Text;
using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.Tests.Actions;

public class ActionJsonReaderTests
{
    private static List<DeltaAction> Read(string text, ActionKinds kinds = ActionKinds.All) =>
        ActionJsonReader.ReadAll(Encoding.UTF8.GetBytes(text), kinds, "test.json");

    [Fact]
    public void ReadAll_AddWithEveryField_IsTyped()
    {
        // From table-with-dv-small, plus baseRowId/defaultRowCommitVersion/clusteringProvider and a null partition value.
        var add = Assert.IsType<AddFile>(Assert.Single(Read(
            """{"add":{"path":"p%20q/part-0.parquet","partitionValues":{"a":"1","b":null},"size":635,"modificationTime":1677811178336,"dataChange":true,"stats":"{\"numRecords\":10,\"minValues\":{\"value\":0}}","tags":{"INSERTION_TIME":"1677811178336000"},"deletionVector":{"storageType":"u","pathOrInlineDv":"vBn[lx{q8@P<9BNH/isA","offset":1,"sizeInBytes":36,"cardinality":2},"baseRowId":7,"defaultRowCommitVersion":3,"clusteringProvider":"liquid"}}""")));
        Assert.Equal("p%20q/part-0.parquet", add.Path);
        Assert.Equal("1", add.PartitionValues["a"]);
        Assert.Null(add.PartitionValues["b"]);
        Assert.Equal(635, add.Size);
        Assert.Equal(1677811178336, add.ModificationTime);
        Assert.True(add.DataChange);
        Assert.Equal("""{"numRecords":10,"minValues":{"value":0}}""", add.Stats);
        Assert.Equal("1677811178336000", add.Tags!["INSERTION_TIME"]);
        Assert.Equal(new DeletionVectorDescriptor("u", "vBn[lx{q8@P<9BNH/isA", 1, 36, 2), add.DeletionVector);
        Assert.Equal("uvBn[lx{q8@P<9BNH/isA@1", add.DvUniqueId);
        Assert.Equal(7, add.BaseRowId);
        Assert.Equal(3, add.DefaultRowCommitVersion);
        Assert.Equal("liquid", add.ClusteringProvider);
    }

    [Fact]
    public void ReadAll_InlineDvWithoutOffset_UniqueIdHasNoAt()
    {
        var add = Assert.IsType<AddFile>(Assert.Single(Read(
            """{"add":{"path":"f","partitionValues":{},"size":1,"modificationTime":2,"dataChange":false,"deletionVector":{"storageType":"i","pathOrInlineDv":"wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L","sizeInBytes":40,"cardinality":6}}}""")));
        Assert.Null(add.DeletionVector!.Offset);
        Assert.Equal("iwi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", add.DvUniqueId);
        Assert.Empty(add.PartitionValues);
        Assert.Null(add.Stats);
        Assert.Null(add.Tags);
    }

    [Fact]
    public void ReadAll_RemoveProtocolMetadataTxnDomainCdc_AreTyped()
    {
        var actions = Read(string.Join('\n',
            """{"remove":{"path":"a.parquet","deletionTimestamp":1677811194426,"dataChange":true,"extendedFileMetadata":true,"partitionValues":{},"size":635,"tags":{"k":"v"}}}""",
            """{"protocol":{"minReaderVersion":3,"minWriterVersion":7,"readerFeatures":["deletionVectors"],"writerFeatures":["deletionVectors","changeDataFeed"]}}""",
            """{"metaData":{"id":"8a39","name":"n","description":null,"format":{"provider":"parquet","options":{}},"schemaString":"{\"type\":\"struct\",\"fields\":[]}","partitionColumns":["p"],"configuration":{"delta.checkpointInterval":"2","nullValued":null},"createdTime":1714496114564}}""",
            """{"txn":{"appId":"app","version":4390,"lastUpdated":5}}""",
            """{"domainMetadata":{"domain":"delta.rowTracking","configuration":"{\"rowIdHighWaterMark\":4}","removed":false}}""",
            """{"cdc":{"path":"_change_data/c.parquet","partitionValues":{"p":"1"},"size":10,"dataChange":false}}"""));
        Assert.Collection(actions,
            a => Assert.Equal(new RemoveFile("a.parquet", 1677811194426, true, true, ((RemoveFile)a).PartitionValues, 635, null, ((RemoveFile)a).Tags), a),
            a =>
            {
                var p = Assert.IsType<Protocol>(a);
                Assert.Equal((3, 7), (p.MinReaderVersion, p.MinWriterVersion));
                Assert.Equal(["deletionVectors"], p.ReaderFeatures!);
                Assert.True(p.HasWriterFeature("changeDataFeed"));
            },
            a =>
            {
                var m = Assert.IsType<Metadata>(a);
                Assert.Equal("8a39", m.Id);
                Assert.Equal("n", m.Name);
                Assert.Null(m.Description);
                Assert.Equal("""{"type":"struct","fields":[]}""", m.SchemaString);
                Assert.Equal(["p"], m.PartitionColumns);
                Assert.Equal(new Dictionary<string, string> { ["delta.checkpointInterval"] = "2" }, m.Configuration);
                Assert.Equal("parquet", m.Format.Provider);
                Assert.Equal(1714496114564, m.CreatedTime);
            },
            a => Assert.Equal(new SetTransaction("app", 4390, 5), a),
            a => Assert.Equal(new DomainMetadata("delta.rowTracking", """{"rowIdHighWaterMark":4}""", false), a),
            a =>
            {
                var c = Assert.IsType<AddCdcFile>(a);
                Assert.Equal("_change_data/c.parquet", c.Path);
                Assert.Equal("1", c.PartitionValues["p"]);
            });
    }

    [Fact]
    public void ReadAll_V2CheckpointActions_AreTyped()
    {
        // From v2-checkpoint-json.
        var actions = Read("""
            {"checkpointMetadata":{"version":2}}
            {"sidecar":{"path":"00000000000000000002.checkpoint.0000000001.0000000002.bd1885fd-6ec0-4370-b0f5-43b5162fd4de.parquet","sizeInBytes":9367,"modificationTime":1714496115780}}
            """);
        Assert.Equal(2, Assert.IsType<CheckpointMetadata>(actions[0]).Version);
        var sidecar = Assert.IsType<Sidecar>(actions[1]);
        Assert.Equal(9367, sidecar.SizeInBytes);
        Assert.StartsWith("00000000000000000002.checkpoint.", sidecar.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_CommitInfo_KeepsRawJsonAndNonStringParameters()
    {
        // compacted-log-files-table writes "statsOnLoad":false inside operationParameters.
        const string commitInfo = """{"timestamp":1734070081544,"userId":"8698","userName":"patrick","operation":"WRITE","operationParameters":{"mode":"Append","statsOnLoad":false,"partitionBy":"[]","n":12,"o":{"x":[1]}},"clusterId":"c","readVersion":0,"isolationLevel":"WriteSerializable","isBlindAppend":true,"operationMetrics":{"numFiles":"1"},"tags":{"noRowsCopied":"true"},"engineInfo":"Databricks-Runtime/16.0.x-photon-scala2.12","txnId":"f6e2","inCommitTimestamp":1734070081000,"userMetadata":"hello"}""";
        var info = Assert.IsType<CommitInfo>(Assert.Single(Read($$"""{"commitInfo":{{commitInfo}}}""")));
        Assert.Equal(commitInfo, info.RawJson);
        Assert.Equal(1734070081544, info.Timestamp);
        Assert.Equal(1734070081000, info.InCommitTimestamp);
        Assert.Equal("WRITE", info.Operation);
        Assert.Equal("Append", info.OperationParameters!["mode"]);
        Assert.Equal("false", info.OperationParameters["statsOnLoad"]);
        Assert.Equal("[]", info.OperationParameters["partitionBy"]);
        Assert.Equal("12", info.OperationParameters["n"]);
        Assert.Equal("""{"x":[1]}""", info.OperationParameters["o"]);
        Assert.Equal("1", info.OperationMetrics!["numFiles"]);
        Assert.Equal(0, info.ReadVersion);
        Assert.True(info.IsBlindAppend);
        Assert.Equal(("8698", "patrick", "c", "f6e2", "hello"), (info.UserId, info.UserName, info.ClusterId, info.TxnId, info.UserMetadata));
        Assert.Equal("WriteSerializable", info.IsolationLevel);
        Assert.Equal("Databricks-Runtime/16.0.x-photon-scala2.12", info.EngineInfo);
    }

    [Fact]
    public void ReadAll_CommitInfoWithUnexpectedTypes_IsNotAnError()
    {
        var info = Assert.IsType<CommitInfo>(Assert.Single(Read("""{"commitInfo":{"timestamp":"soon","operation":7,"readVersion":null,"operationParameters":"x"}}""")));
        Assert.Null(info.Timestamp);
        Assert.Null(info.Operation);
        Assert.Null(info.OperationParameters);
    }

    [Fact]
    public void ReadAll_UnknownFieldsAndKinds_AreIgnored()
    {
        var actions = Read("""
            {"futureAction":{"path":"x","nested":{"a":[1,2,{"b":null}]}}}
            {"add":{"future":{"deep":[{}]},"path":"f","partitionValues":{},"size":1,"modificationTime":2,"dataChange":true,"alsoNew":"x"}}
            {"protocol":{"minReaderVersion":1,"minWriterVersion":2,"someday":true}}
            """);
        Assert.Equal(2, actions.Count);
        Assert.Equal("f", Assert.IsType<AddFile>(actions[0]).Path);
    }

    [Fact]
    public void ReadAll_BlankLinesCrLfAndNoFinalNewline_AreAccepted()
    {
        var actions = Read("{\"txn\":{\"appId\":\"a\",\"version\":1}}\r\n\r\n   \n{\"txn\":{\"appId\":\"b\",\"version\":2}}");
        Assert.Equal(["a", "b"], actions.Select(a => ((SetTransaction)a).AppId));
    }

    [Fact]
    public void ReadAll_KindFilter_SkipsOtherLinesUnparsed()
    {
        // The second line is not valid JSON: it is never tokenised because only txn is requested.
        var actions = Read("{\"txn\":{\"appId\":\"a\",\"version\":1}}\n{\"add\":{\"path\": ### not json\n", ActionKinds.Txn);
        Assert.Single(actions);
    }

    [Fact]
    public void ReadCommitInfo_StopsAtFirstCommitInfo()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"add\":{\"path\":\"f\",\"partitionValues\":{},\"size\":1,\"modificationTime\":2,\"dataChange\":true}}\n{\"commitInfo\":{\"inCommitTimestamp\":5}}\nnot json at all");
        Assert.Equal(5, ActionJsonReader.ReadCommitInfo(bytes)!.InCommitTimestamp);
        Assert.Null(ActionJsonReader.ReadCommitInfo("{\"txn\":{\"appId\":\"a\",\"version\":1}}"u8));
    }

    [Theory]
    [InlineData("{\"add\":{\"path\":\"f\",\"size\":1", "line 1")]
    [InlineData("{\"txn\":{\"appId\":\"a\",\"version\":1}}\n[1,2]", "line 2")]
    [InlineData("{\"add\":{\"partitionValues\":{},\"size\":1}}", "no 'path'")]
    [InlineData("{\"add\":{\"path\":\"f\",\"size\":\"big\"}}", "add.size")]
    [InlineData("{\"add\":{\"path\":\"f\",\"size\":1.5}}", "add.size")]
    [InlineData("{\"add\":{\"path\":\"f\",\"partitionValues\":[]}}", "add.partitionValues")]
    [InlineData("{\"add\":{\"path\":\"f\",\"partitionValues\":{\"a\":1}}}", "add.partitionValues")]
    [InlineData("{\"add\":{\"path\":\"f\",\"deletionVector\":{\"storageType\":\"u\"}}}", "pathOrInlineDv")]
    [InlineData("{\"protocol\":{\"minReaderVersion\":1}}", "minWriterVersion")]
    [InlineData("{\"protocol\":{\"minReaderVersion\":99999999999,\"minWriterVersion\":1}}", "32-bit")]
    [InlineData("{\"metaData\":{\"id\":\"x\"}}", "schemaString")]
    [InlineData("{\"txn\":{\"appId\":\"a\"}}", "no 'version'")]
    [InlineData("{\"add\":5}", "must be a JSON object")]
    [InlineData("{\"txn\":{\"appId\":\"a\",\"version\":1}} {}", "invalid JSON")]
    public void ReadAll_MalformedLine_ThrowsInvalidLogEntryNamingSourceAndLine(string text, string expected)
    {
        var ex = Assert.Throws<DeltaException>(() => Read(text));
        Assert.Equal(ActionJsonReader.InvalidEntryErrorClass, ex.ErrorClass);
        Assert.Contains("test.json line", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_RandomGarbage_NeverThrowsAnythingButDeltaException()
    {
        var seed = "{\"add\":{\"path\":\"f\",\"partitionValues\":{\"a\":\"1\"},\"size\":1,\"modificationTime\":2,\"dataChange\":true,\"stats\":\"{}\",\"deletionVector\":{\"storageType\":\"u\",\"pathOrInlineDv\":\"x\",\"offset\":1,\"sizeInBytes\":3,\"cardinality\":4}}}\n{\"commitInfo\":{\"operationParameters\":{\"a\":[1]}}}"u8.ToArray();
        var random = new Random(42);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])seed.Clone();
            for (var k = random.Next(1, 4); k > 0; k--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var cut = random.Next(2) == 0 ? bytes : bytes[..random.Next(bytes.Length)];
            try
            {
                ActionJsonReader.ReadAll(cut);
            }
            catch (DeltaException)
            {
            }
        }
    }

    [Fact]
    public void ReadAll_HundredThousandAdds_ParsesEveryLine()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 100_000; i++)
        {
            sb.Append("{\"add\":{\"path\":\"part=").Append(i % 50).Append("/part-").Append(i).Append("-c000.snappy.parquet\",\"partitionValues\":{\"part\":\"")
              .Append(i % 50).Append("\"},\"size\":1234,\"modificationTime\":1700000000000,\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":10,\\\"minValues\\\":{\\\"id\\\":")
              .Append(i).Append("},\\\"maxValues\\\":{\\\"id\\\":").Append(i + 9).Append("},\\\"nullCount\\\":{\\\"id\\\":0}}\"}}\n");
        }
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        // Speed is measured in bench/ (delta-log mode), not here: a timed assertion fails on a loaded machine.
        var actions = ActionJsonReader.ReadAll(bytes);
        Assert.Equal(100_000, actions.Count);
        Assert.Equal("part=49/part-99999-c000.snappy.parquet", ((AddFile)actions[^1]).Path);
    }
}
