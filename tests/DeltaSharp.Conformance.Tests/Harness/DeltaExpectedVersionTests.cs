using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Conformance.Tests.Harness;

public sealed class DeltaExpectedVersionTests
{
    private const string Result = """
        {
          "version": 3,
          "columns": [
            {"name":"id","type":"long","nullable":false},
            {"name":"tags","type":{"type":"array","elementType":"string","containsNull":true},"nullable":true}
          ],
          "partitionColumns": ["p"],
          "expectError": false,
          "numRows": 2,
          "numActiveFiles": 1,
          "activeFiles": [
            {"path":"p=a%20b/part-0.parquet","deletionVector":{"storageType":"u","uniqueId":"uAbc@7","cardinality":1},"partitionValues":{"p":"a b","q":null},"physicalRows":3,"visibleRows":2}
          ],
          "verification": {"status":"unverified","reasons":["why not"],"checks":[]},
          "rowsIncluded": true,
          "rows": [ {"id":1,"tags":["x"]}, {"id":9223372036854775807,"tags":null} ],
          "notes": ["a note"]
        }
        """;

    [Fact]
    public void Parse_ReadsEveryFieldOfAnExpectedFile()
    {
        var e = DeltaExpectedVersion.Parse(Result);
        Assert.Equal(3, e.Version);
        Assert.False(e.ExpectError);
        Assert.Equal(["id", "tags"], e.Columns!.Select(c => c.Name));
        Assert.Equal("long", e.Columns![0].PrimitiveName);
        Assert.False(e.Columns![0].Nullable);
        Assert.Null(e.Columns![1].PrimitiveName);
        Assert.Equal(new ArrayType(DataType.String, true), e.Columns![1].Type);
        Assert.Equal(["p"], e.PartitionColumns!);
        Assert.Equal(2, e.NumRows);
        var f = Assert.Single(e.ActiveFiles!);
        Assert.Equal("p=a b/part-0.parquet", f.DecodedPath);
        Assert.Equal(new ExpectedDeletionVector("u", "uAbc@7", 1), f.DeletionVector);
        Assert.Equal("a b", f.PartitionValues["p"]);
        Assert.Null(f.PartitionValues["q"]);
        Assert.Equal((3L, 2L), (f.PhysicalRows!.Value, f.VisibleRows!.Value));
        Assert.False(e.Verified);
        Assert.Equal(["why not"], e.VerificationReasons);
        Assert.Equal(["""{"id":1,"tags":["x"]}""", """{"id":9223372036854775807,"tags":null}"""], e.Rows!);
        Assert.Equal(["a note"], e.Notes);
    }

    [Fact]
    public void Parse_RowsAbsentAndStatsPresent_GivesStatsAndNoRows()
    {
        var e = DeltaExpectedVersion.Parse("""
            {"version":6,"columns":[{"name":"id","type":"long","nullable":true}],"expectError":false,"numRows":1233,
             "rowsIncluded":false,"rowsOmittedReason":"too many","columnStats":{"id":{"nullCount":0,"min":"0","max":"999","sum":"509835"}}}
            """);
        Assert.Null(e.Rows);
        Assert.Null(e.ActiveFiles);
        Assert.True(e.Verified);
        Assert.Equal(new ExpectedColumnStats(0, "\"0\"", "\"999\"", "509835"), e.ColumnStats!["id"]);
    }

    [Fact]
    public void Parse_ExpectedErrorFile_KeepsKindAndReason()
    {
        var e = DeltaExpectedVersion.Parse("""{"version":0,"expectError":true,"errorKind":"version-not-reconstructable","errorReason":"gone"}""");
        Assert.True(e.ExpectError);
        Assert.Equal("version-not-reconstructable", e.ErrorKind);
        Assert.Equal("gone", e.ErrorReason);
    }

    [Fact]
    public void Parse_DeltaReplayErrorObject_IsAnErrorExpectation()
    {
        var e = DeltaExpectedVersion.Parse("""{"error":"data file referenced by the snapshot is missing: a.parquet","errorKind":"missing-data-file","version":0}""");
        Assert.True(e.ExpectError);
        Assert.Equal("missing-data-file", e.ErrorKind);
        Assert.Equal("data file referenced by the snapshot is missing: a.parquet", e.ErrorReason);
        Assert.Equal(0, e.Version);
    }

    [Fact]
    public void ParseFile_NotAnExpectedFile_ThrowsFormatExceptionNamingThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"deltasharp-bad-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{"columns":[]}""");
        try
        {
            var e = Assert.Throws<FormatException>(() => DeltaExpectedVersion.ParseFile(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
