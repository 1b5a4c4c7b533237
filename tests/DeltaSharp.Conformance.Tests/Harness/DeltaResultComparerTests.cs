using DeltaSharp.TestSupport;
using DeltaSharp.Types;
using Xunit.Sdk;

namespace DeltaSharp.Conformance.Tests.Harness;

/// <summary>The comparison must notice every kind of difference the conformance suite relies on; each test mutates
/// one aspect of an agreeing pair.</summary>
public sealed class DeltaResultComparerTests
{
    private static readonly DeltaExpectedVersion Expected = DeltaExpectedVersion.Parse("""
        {
          "version": 2,
          "columns": [
            {"name":"p","type":"string","nullable":true},
            {"name":"id","type":"long","nullable":false},
            {"name":"m","type":{"type":"map","keyType":"string","valueType":"integer","valueContainsNull":true},"nullable":true}
          ],
          "partitionColumns": ["p"],
          "expectError": false,
          "numRows": 3,
          "numActiveFiles": 2,
          "activeFiles": [
            {"path":"p=a%20b/f1.parquet","deletionVector":{"storageType":"u","uniqueId":"uXYZ","cardinality":1},"partitionValues":{"p":"a b"},"physicalRows":3,"visibleRows":2},
            {"path":"p=c/f2.parquet","deletionVector":null,"partitionValues":{"p":"c"},"physicalRows":1,"visibleRows":1}
          ],
          "verification": {"status":"verified","reasons":[],"checks":[]},
          "rowsIncluded": true,
          "rows": [
            {"p":"a b","id":1,"m":[{"key":"k1","value":1},{"key":"k2","value":null}]},
            {"p":"a b","id":1,"m":null},
            {"p":"c","id":3,"m":[]}
          ]
        }
        """);

    private static readonly StructType Schema = new(
        new StructField("p", DataType.String),
        new StructField("id", DataType.Long, nullable: false),
        new StructField("m", new MapType(DataType.String, DataType.Integer, true)));

    private static DeltaActualVersion Agreeing() => new(
        2,
        Schema,
        ["p"],
        [
            // Another order, map entries in another order: still equal.
            """{"p":"c","id":3,"m":[]}""",
            """{"p":"a b","id":1,"m":null}""",
            """{"p":"a b","id":1,"m":[{"key":"k2","value":null},{"key":"k1","value":1}]}""",
        ],
        [
            new ActualActiveFile("p=c/f2.parquet", null, null, new Dictionary<string, string?> { ["p"] = "c" }),
            new ActualActiveFile("p=a b/f1.parquet", "uXYZ", 1, new Dictionary<string, string?> { ["p"] = "a b" }),
        ]);

    [Fact]
    public void Compare_AgreeingResult_HasNoDifferences() =>
        Assert.Empty(DeltaResultComparer.Compare(Expected, Agreeing()));

    [Fact]
    public void Compare_DuplicateRowMissing_IsARowAndCountDifference()
    {
        var actual = Agreeing() with { Rows = [.. Agreeing().Rows!.Where(r => r != """{"p":"a b","id":1,"m":null}""")] };
        var diffs = DeltaResultComparer.Compare(Expected, actual);
        Assert.Contains(diffs, d => d.StartsWith("numRows: expected 3 but the scan returned 2", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.StartsWith("rows: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_RowADeletionVectorShouldHideIsReported()
    {
        var actual = Agreeing() with { Rows = [.. Agreeing().Rows!, """{"p":"a b","id":2,"m":null}"""] };
        var diffs = DeltaResultComparer.Compare(Expected, actual);
        Assert.Contains(diffs, d => d.Contains("1 actual row(s) not expected", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_WrongValueInAMap_IsReported()
    {
        var rows = Agreeing().Rows!.ToList();
        rows[2] = """{"p":"a b","id":1,"m":[{"key":"k2","value":2},{"key":"k1","value":1}]}""";
        Assert.Single(DeltaResultComparer.Compare(Expected, Agreeing() with { Rows = rows }), d => d.StartsWith("rows:", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_PrimitiveTypeNameDiffers_IsASchemaDifference()
    {
        var schema = new StructType(Schema[0], new StructField("id", DataType.Integer, nullable: false), Schema[2]);
        var d = Assert.Single(DeltaResultComparer.Compare(Expected, Agreeing() with { Schema = schema }));
        Assert.Equal("schema column 'id': expected type long but was integer", d);
    }

    [Fact]
    public void Compare_NullabilityAndNestedNullabilityDiffer_AreSchemaDifferences()
    {
        var schema = new StructType(Schema[0], new StructField("id", DataType.Long, nullable: true),
            new StructField("m", new MapType(DataType.String, DataType.Integer, valueContainsNull: false)));
        var diffs = DeltaResultComparer.Compare(Expected, Agreeing() with { Schema = schema });
        Assert.Contains("schema column 'id': expected nullable=False but was nullable=True", diffs);
        Assert.Contains(diffs, d => d.StartsWith("schema column 'm': expected type", StringComparison.Ordinal) && d.Contains("valueContainsNull=False", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_ColumnOrderOrPartitionColumnsDiffer_AreReported()
    {
        var reordered = new StructType(Schema[1], Schema[0], Schema[2]);
        Assert.Contains(DeltaResultComparer.Compare(Expected, Agreeing() with { Schema = reordered }),
            d => d == "schema columns: expected [p, id, m] but was [id, p, m]");
        Assert.Contains(DeltaResultComparer.Compare(Expected, Agreeing() with { PartitionColumns = [] }),
            d => d == "partitionColumns: expected [p] but was []");
    }

    [Fact]
    public void Compare_ActiveFileWithAnotherDeletionVector_IsAMissingAndAnUnexpectedPair()
    {
        var files = Agreeing().ActiveFiles!.ToList();
        files[1] = files[1] with { DvUniqueId = "uOLD" };
        var d = Assert.Single(DeltaResultComparer.Compare(Expected, Agreeing() with { ActiveFiles = files }));
        Assert.Contains("1 expected (path, DV) pair(s) missing [p=a b/f1.parquet (DV uXYZ)]", d, StringComparison.Ordinal);
        Assert.Contains("1 unexpected [p=a b/f1.parquet (DV uOLD)]", d, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ActiveFilePathsAreMatchedUrlDecoded()
    {
        var files = Agreeing().ActiveFiles!.ToList();
        files[1] = files[1] with { Path = "p=a%20b/f1.parquet" };
        Assert.Empty(DeltaResultComparer.Compare(Expected, Agreeing() with { ActiveFiles = files }));
    }

    [Fact]
    public void Compare_DvCardinalityOrPartitionValueDiffers_IsReported()
    {
        var files = Agreeing().ActiveFiles!.ToList();
        files[1] = files[1] with { DvCardinality = 2, PartitionValues = new Dictionary<string, string?> { ["p"] = "a%20b" } };
        var diffs = DeltaResultComparer.Compare(Expected, Agreeing() with { ActiveFiles = files });
        Assert.Contains("activeFiles p=a b/f1.parquet (DV uXYZ): DV cardinality expected 1 but was 2", diffs);
        Assert.Contains("activeFiles p=a b/f1.parquet (DV uXYZ): partitionValues expected {p=a b} but was {p=a%20b}", diffs);
    }

    [Fact]
    public void Compare_StaleFileStillActive_IsReported()
    {
        var files = Agreeing().ActiveFiles!.Append(new ActualActiveFile("old.parquet", null, null, new Dictionary<string, string?>())).ToList();
        var d = Assert.Single(DeltaResultComparer.Compare(Expected, Agreeing() with { ActiveFiles = files }));
        Assert.Contains("1 unexpected [old.parquet]", d, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_WithoutRows_UsesColumnStats()
    {
        var expected = DeltaExpectedVersion.Parse("""
            {"version":0,"columns":[{"name":"id","type":"long","nullable":true}],"expectError":false,"numRows":3,
             "rowsIncluded":false,"columnStats":{"id":{"nullCount":1,"min":"1","max":"5","sum":"6"}}}
            """);
        var actual = new DeltaActualVersion(0, new StructType(new StructField("id", DataType.Long)), [],
            ["""{"id":5}""", """{"id":null}""", """{"id":1}"""], null);
        Assert.Empty(DeltaResultComparer.Compare(expected, actual));
        var wrong = actual with { Rows = ["""{"id":5}""", """{"id":null}""", """{"id":2}"""] };
        var diffs = DeltaResultComparer.Compare(expected, wrong);
        Assert.Contains(diffs, d => d.Contains("min expected", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.Contains("sum expected 6 but was 7", StringComparison.Ordinal));
    }

    [Fact]
    public void AssertNoDifferences_Verified_FailsWithEveryDifference()
    {
        var e = Assert.Throws<FailException>(() =>
            DeltaResultComparer.AssertNoDifferences(Expected, ["one", "two"], "t@v2", _ => Assert.Fail("no warning expected")));
        Assert.Contains("t@v2: 2 difference(s)\n- one\n- two", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertNoDifferences_Unverified_WarnsAndPasses()
    {
        var warnings = new List<string>();
        DeltaResultComparer.AssertNoDifferences(Expected with { Verified = false, VerificationReasons = ["odd DV"] }, ["one"], "t@v2", warnings.Add);
        var w = Assert.Single(warnings);
        Assert.StartsWith("WARNING (expected result is unverified: odd DV)", w, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SnapshotOnly_SkipsRowsButChecksFiles()
    {
        Assert.Empty(DeltaResultComparer.Compare(Expected, Agreeing() with { Rows = null }));
        var diffs = DeltaResultComparer.Compare(Expected, Agreeing() with { Rows = null, ActiveFiles = [] });
        Assert.Single(diffs, d => d.StartsWith("activeFiles: expected 2 files, snapshot has 0", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_ErrorExpectation_IsRejected() =>
        Assert.Throws<ArgumentException>(() => DeltaResultComparer.Compare(Expected with { ExpectError = true }, Agreeing()));
}
