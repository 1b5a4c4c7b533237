using DeltaSharp.Tables.Scanning;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Tests.Scanning;

public sealed class StatsParserTests
{
    private static readonly StructType Schema = new(
        new StructField("id", DataType.Long),
        new StructField("name", DataType.String),
        new StructField("price", new DecimalType(10, 2)),
        new StructField("day", DataType.Date),
        new StructField("at", DataType.Timestamp),
        new StructField("ntz", DataType.TimestampNtz),
        new StructField("ratio", DataType.Double),
        new StructField("flag", DataType.Boolean),
        new StructField("tags", new ArrayType(DataType.String)),
        new StructField("a", new StructType(new StructField("b", new StructType(new StructField("c", DataType.Integer))))));

    [Fact]
    public void Parse_AllTypes_TypedByLogicalPath()
    {
        const string json = """
            {"numRecords":10,
             "minValues":{"id":-5,"name":"apple","price":1.50,"day":"2021-01-02","at":"2021-01-02T03:04:05.123Z","ntz":"2021-01-02T03:04:05.123","ratio":-1.5,"a":{"b":{"c":7}}},
             "maxValues":{"id":99,"name":"pear","price":12345678.99,"ratio":"NaN"},
             "nullCount":{"id":0,"name":3,"tags":2,"a":{"b":{"c":1}}},
             "tightBounds":false}
            """;
        var stats = new StatsParser(Schema, ColumnMappingMode.None).Parse(json)!;
        Assert.Equal(10, stats.NumRecords);
        Assert.False(stats.TightBounds);
        Assert.Equal(-5L, stats.MinValues["id"]);
        Assert.Equal("apple", stats.MinValues["name"]);
        Assert.Equal(new DecimalValue(150, 2), stats.MinValues["price"]);
        Assert.Equal(new DecimalValue(1234567899, 2), stats.MaxValues["price"]);
        Assert.Equal(new DateOnly(2021, 1, 2), stats.MinValues["day"]);
        Assert.Equal(new DateTime(2021, 1, 2, 3, 4, 5, 123, DateTimeKind.Utc), stats.MinValues["at"]);
        Assert.Equal(DateTimeKind.Utc, ((DateTime)stats.MinValues["at"]!).Kind);
        Assert.Equal(DateTimeKind.Unspecified, ((DateTime)stats.MinValues["ntz"]!).Kind);
        Assert.Equal(-1.5, stats.MinValues["ratio"]);
        Assert.True(double.IsNaN((double)stats.MaxValues["ratio"]!));
        Assert.Equal(7, stats.MinValues["a.b.c"]);
        Assert.Equal(3L, stats.NullCounts["name"]);
        Assert.Equal(2L, stats.NullCounts["tags"]);
        Assert.Equal(1L, stats.NullCounts["a.b.c"]);
    }

    [Fact]
    public void Parse_ColumnMapping_MapsPhysicalKeysToLogicalPaths()
    {
        var schema = new StructType(
            new StructField("Customer Id", DataType.Long, metadata: ScanTestTable.Mapping(1, "col-1")),
            new StructField("addr", new StructType(new StructField("zip", DataType.String, metadata: ScanTestTable.Mapping(3, "col-3"))),
                metadata: ScanTestTable.Mapping(2, "col-2")));
        var stats = new StatsParser(schema, ColumnMappingMode.Name).Parse(
            """{"numRecords":2,"minValues":{"col-1":4,"col-2":{"col-3":"10115"},"Customer Id":999},"nullCount":{"col-1":0}}""")!;
        Assert.Equal(4L, stats.MinValues["Customer Id"]);
        Assert.Equal("10115", stats.MinValues["addr.zip"]);
        Assert.Equal(0L, stats.NullCounts["Customer Id"]);
        Assert.Null(stats.TightBounds);
    }

    [Fact]
    public void Parse_MismatchedEntries_AreDropped()
    {
        // A string where a long is expected, an object for a primitive, an unknown column: no information, not an error.
        var stats = new StatsParser(Schema, ColumnMappingMode.None).Parse(
            """{"numRecords":1,"minValues":{"id":"x","name":{"z":1},"nope":3,"flag":true,"price":1.234},"maxValues":{"id":1.5}}""")!;
        Assert.False(stats.MinValues.ContainsKey("id"));
        Assert.False(stats.MinValues.ContainsKey("name"));
        Assert.False(stats.MinValues.ContainsKey("price")); // more fraction digits than the scale
        Assert.False(stats.MaxValues.ContainsKey("id"));
        Assert.Equal(true, stats.MinValues["flag"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"minValues":{"id":1}}""")]
    public void Parse_NoUsableStats_IsNull(string? json) =>
        Assert.Null(new StatsParser(Schema, ColumnMappingMode.None).Parse(json));

    [Theory]
    [InlineData("""{"minValues":{"numRecords":5},"numRecords":12}""", 12L)]
    [InlineData("""{"numRecords":0}""", 0L)]
    [InlineData("""{"minValues":{}}""", null)]
    [InlineData("garbage", null)]
    public void ReadNumRecords_ReadsOnlyTopLevel(string json, long? expected) =>
        Assert.Equal(expected, StatsParser.ReadNumRecords(json));
}
