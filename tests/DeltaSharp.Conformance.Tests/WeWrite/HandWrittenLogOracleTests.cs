using DeltaSharp.Conformance.Tests.Support;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;
using Xunit.Abstractions;

namespace DeltaSharp.Conformance.Tests.WeWrite;

/// <summary>
/// Tables whose log is written by hand in the test (data files by our Parquet writer), read by DeltaSharp and by
/// the delta-replay oracle at every version: log shapes the corpus does not have. Each test also pins the oracle's own
/// reading to hand-computed rows, so the oracle harness is checked end to end.
/// </summary>
public sealed class HandWrittenLogOracleTests(ITestOutputHelper output) : IDisposable
{
    private static readonly StructType IdName = new(new StructField("id", DataType.Long), new StructField("name", DataType.String));
    private readonly TempDir _dir = new("deltasharp-handlog");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RemoveThenReAddSamePath_OracleSeesTheHandComputedRows_AndEngineAgreesAtEveryVersion()
    {
        var t = new HandWrittenTable(_dir.Path);
        var s1 = t.WriteParquet("f1.parquet", IdName, [1L, "a"], [2L, null]);
        var s2 = t.WriteParquet("f2.parquet", IdName, [3L, "c"]);
        t.Commit(0, HandWrittenTable.Protocol(), HandWrittenTable.Metadata(IdName), HandWrittenTable.Add("f1.parquet", s1, numRecords: 2),
            HandWrittenTable.CommitInfo("WRITE", 1_700_000_000_000));
        t.Commit(1, HandWrittenTable.Add("f2.parquet", s2), HandWrittenTable.CommitInfo("WRITE", 1_700_000_001_000));
        t.Commit(2, HandWrittenTable.Remove("f1.parquet"), HandWrittenTable.CommitInfo("DELETE", 1_700_000_002_000));
        t.Commit(3, HandWrittenTable.Add("f1.parquet", s1), HandWrittenTable.Remove("f2.parquet"), HandWrittenTable.CommitInfo("RESTORE", 1_700_000_003_000));

        string[][] expectedRows =
        [
            ["""{"id":1,"name":"a"}""", """{"id":2,"name":null}"""],
            ["""{"id":1,"name":"a"}""", """{"id":2,"name":null}""", """{"id":3,"name":"c"}"""],
            ["""{"id":3,"name":"c"}"""],
            ["""{"id":1,"name":"a"}""", """{"id":2,"name":null}"""],
        ];
        var oracle = OracleAgreement.AssertAtEveryVersion(_dir.Path, output.WriteLine);
        for (var v = 0; v < expectedRows.Length; v++) OracleAgreement.AssertOracleRows(oracle, v, IdName, expectedRows[v]);
    }

    [Fact]
    public void EscapedPathsAndNullPartitionValues_EngineAgreesWithOracle()
    {
        var schema = new StructType(new StructField("p", DataType.String), new StructField("id", DataType.Long));
        var data = new StructType(new StructField("id", DataType.Long));
        var t = new HandWrittenTable(_dir.Path);
        // Decoded folder "p=a b%c" is written in the log URL-encoded; a null partition value lives in Hive's default folder.
        var s1 = t.WriteParquet("p=a b%c/part 1.parquet", data, [1L], [2L]);
        var s2 = t.WriteParquet("p=__HIVE_DEFAULT_PARTITION__/part-2.parquet", data, [3L]);
        var s3 = t.WriteParquet("p=/part-3.parquet", data, [4L]);
        t.Commit(0, HandWrittenTable.Protocol(), HandWrittenTable.Metadata(schema, "p"),
            HandWrittenTable.Add("p=a%20b%25c/part%201.parquet", s1, new Dictionary<string, string?> { ["p"] = "a b%c" }),
            HandWrittenTable.Add("p=__HIVE_DEFAULT_PARTITION__/part-2.parquet", s2, new Dictionary<string, string?> { ["p"] = null }),
            HandWrittenTable.CommitInfo("WRITE", 1_700_000_000_000));
        t.Commit(1, HandWrittenTable.Add("p=/part-3.parquet", s3, new Dictionary<string, string?> { ["p"] = "" }),
            HandWrittenTable.CommitInfo("WRITE", 1_700_000_001_000));
        t.Commit(2, HandWrittenTable.Remove("p=a%20b%25c/part%201.parquet"), HandWrittenTable.CommitInfo("DELETE", 1_700_000_002_000));

        var oracle = OracleAgreement.AssertAtEveryVersion(_dir.Path, output.WriteLine);
        OracleAgreement.AssertOracleRows(oracle, 0, schema, """{"p":"a b%c","id":1}""", """{"p":"a b%c","id":2}""", """{"p":null,"id":3}""");
        OracleAgreement.AssertOracleRows(oracle, 2, schema, """{"p":null,"id":3}""", """{"p":null,"id":4}""");
    }

    [Fact]
    public void ColumnAddedLater_OldFilesReadTheNewColumnAsNull_EngineAgreesWithOracle()
    {
        var v0 = new StructType(new StructField("id", DataType.Long));
        var v1 = new StructType(new StructField("id", DataType.Long), new StructField("n", DataType.Integer));
        var t = new HandWrittenTable(_dir.Path);
        var s1 = t.WriteParquet("a.parquet", v0, [1L]);
        var s2 = t.WriteParquet("b.parquet", v1, [2L, 20]);
        t.Commit(0, HandWrittenTable.Protocol(), HandWrittenTable.Metadata(v0), HandWrittenTable.Add("a.parquet", s1),
            HandWrittenTable.CommitInfo("WRITE", 1_700_000_000_000));
        t.Commit(1, HandWrittenTable.Metadata(v1), HandWrittenTable.Add("b.parquet", s2), HandWrittenTable.CommitInfo("WRITE", 1_700_000_001_000));

        var oracle = OracleAgreement.AssertAtEveryVersion(_dir.Path, output.WriteLine);
        OracleAgreement.AssertOracleRows(oracle, 1, v1, """{"id":1,"n":null}""", """{"id":2,"n":20}""");
    }
}
