using DeltaSharp.Types;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Core.Tests.Types;

public class SchemaJsonTests
{
    // Spark-written schemaStrings, verbatim from conformance tables (parquet-all-types, table_with_column_mapping).
    private const string AllTypes =
        """{"type":"struct","fields":[{"name":"ByteType","type":"byte","nullable":true,"metadata":{}},{"name":"ShortType","type":"short","nullable":true,"metadata":{}},{"name":"IntegerType","type":"integer","nullable":true,"metadata":{}},{"name":"LongType","type":"long","nullable":true,"metadata":{}},{"name":"FloatType","type":"float","nullable":true,"metadata":{}},{"name":"DoubleType","type":"double","nullable":true,"metadata":{}},{"name":"decimal","type":"decimal(10,2)","nullable":true,"metadata":{}},{"name":"BooleanType","type":"boolean","nullable":true,"metadata":{}},{"name":"StringType","type":"string","nullable":true,"metadata":{}},{"name":"BinaryType","type":"binary","nullable":true,"metadata":{}},{"name":"DateType","type":"date","nullable":true,"metadata":{}},{"name":"TimestampType","type":"timestamp","nullable":true,"metadata":{}},{"name":"TimestampNTZType","type":"timestamp_ntz","nullable":true,"metadata":{}},{"name":"nested_struct","type":{"type":"struct","fields":[{"name":"aa","type":"string","nullable":true,"metadata":{}},{"name":"ac","type":{"type":"struct","fields":[{"name":"aca","type":"integer","nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}}]},"nullable":true,"metadata":{}},{"name":"array_of_prims","type":{"type":"array","elementType":"integer","containsNull":true},"nullable":true,"metadata":{}},{"name":"array_of_arrays","type":{"type":"array","elementType":{"type":"array","elementType":"integer","containsNull":true},"containsNull":true},"nullable":true,"metadata":{}},{"name":"array_of_structs","type":{"type":"array","elementType":{"type":"struct","fields":[{"name":"ab","type":"long","nullable":true,"metadata":{}}]},"containsNull":true},"nullable":true,"metadata":{}},{"name":"map_of_prims","type":{"type":"map","keyType":"integer","valueType":"long","valueContainsNull":true},"nullable":true,"metadata":{}},{"name":"map_of_rows","type":{"type":"map","keyType":"integer","valueType":{"type":"struct","fields":[{"name":"ab","type":"long","nullable":true,"metadata":{}}]},"valueContainsNull":true},"nullable":true,"metadata":{}},{"name":"map_of_arrays","type":{"type":"map","keyType":"long","valueType":{"type":"array","elementType":"integer","containsNull":true},"valueContainsNull":true},"nullable":true,"metadata":{}}]}""";

    private const string ColumnMapping =
        """{"type":"struct","fields":[{"name":"Company Very Short","type":"string","nullable":true,"metadata":{"delta.columnMapping.id":1,"delta.columnMapping.physicalName":"col-173b4db9-b5ad-427f-9e75-516aae37fbbb"}},{"name":"Super Name","type":"string","nullable":true,"metadata":{"delta.columnMapping.id":2,"delta.columnMapping.physicalName":"col-3877fd94-0973-4941-ac6b-646849a1ff65"}}]}""";

    [Theory]
    [InlineData(AllTypes)]
    [InlineData(ColumnMapping)]
    [InlineData("""{"type":"struct","fields":[]}""")]
    [InlineData("""{"type":"struct","fields":[{"name":"c","type":"string","nullable":false,"metadata":{"comment":"a \"quoted\" \\ comment\n","x":[1,{"y":null}],"b":true}}]}""")]
    public void Serialize_OfParsedSparkSchema_IsByteIdentical(string json)
    {
        Assert.Equal(json, SchemaJson.Serialize(SchemaJson.ParseStruct(json)));
    }

    [Fact]
    public void ParseStruct_AllTypes_GivesSparkTypes()
    {
        var s = SchemaJson.ParseStruct(AllTypes);
        Assert.Equal(20, s.Count);
        Assert.Equal(DataType.Byte, s[0].Type);
        Assert.Equal(new DecimalType(10, 2), s[6].Type);
        Assert.Equal(DataType.TimestampNtz, s[12].Type);
        Assert.Equal("struct<aa:string,ac:struct<aca:int>>", s[13].Type.SimpleString);
        Assert.Equal(new ArrayType(new ArrayType(DataType.Integer)), s[15].Type);
        Assert.Equal(new MapType(DataType.Long, new ArrayType(DataType.Integer)), s[19].Type);
    }

    [Fact]
    public void ParseStruct_ColumnMappingMetadata_KeptAsRawJson()
    {
        var f = SchemaJson.ParseStruct(ColumnMapping)[0];
        Assert.Equal("Company Very Short", f.Name);
        Assert.Equal("1", f.Metadata["delta.columnMapping.id"]);
        Assert.Equal("\"col-173b4db9-b5ad-427f-9e75-516aae37fbbb\"", f.Metadata["delta.columnMapping.physicalName"]);
    }

    [Fact]
    public void ParseStruct_WhitespaceAndMemberOrder_AreFree_AndSerializeIsCompact()
    {
        const string pretty = """
            { "fields" : [ { "metadata" : { "k" : { "a" : [ 1 , 2 ] } }, "nullable" : false,
                             "type" : { "valueContainsNull" : false, "valueType" : "long", "keyType" : "string", "type" : "map" },
                             "name" : "m" } ],
              "type" : "struct" }
            """;
        Assert.Equal(
            """{"type":"struct","fields":[{"name":"m","type":{"type":"map","keyType":"string","valueType":"long","valueContainsNull":false},"nullable":false,"metadata":{"k":{"a":[1,2]}}}]}""",
            SchemaJson.Serialize(SchemaJson.ParseStruct(pretty)));
    }

    [Fact]
    public void ParseStruct_MissingNullableAndMetadata_DefaultToNullableAndEmpty()
    {
        var f = SchemaJson.ParseStruct("""{"type":"struct","fields":[{"name":"a","type":"long"}]}""")[0];
        Assert.True(f.Nullable);
        Assert.Empty(f.Metadata);
    }

    [Fact]
    public void Serialize_HandBuiltSchema_MatchesSparkCompactForm()
    {
        var schema = new StructType(
            new StructField("a", DataType.Long),
            new StructField("d", new DecimalType(38, 18), nullable: false),
            new StructField("t", DataType.TimestampNtz, metadata: new Dictionary<string, string> { ["delta.columnMapping.id"] = "3", ["comment"] = "\"é\"" }));
        Assert.Equal(
            """{"type":"struct","fields":[{"name":"a","type":"long","nullable":true,"metadata":{}},{"name":"d","type":"decimal(38,18)","nullable":false,"metadata":{}},{"name":"t","type":"timestamp_ntz","nullable":true,"metadata":{"delta.columnMapping.id":3,"comment":"é"}}]}""",
            SchemaJson.Serialize(schema));
    }

    [Fact]
    public void Serialize_ControlCharactersInNames_EscapedAsJackson()
    {
        var schema = new StructType(new StructField("a\u0001b\tc", DataType.Integer));
        Assert.Equal("""{"type":"struct","fields":[{"name":"a\u0001b\tc","type":"integer","nullable":true,"metadata":{}}]}""", SchemaJson.Serialize(schema));
    }

    [Fact]
    public void Serialize_InvalidRawMetadata_IsRefused()
    {
        var schema = new StructType(new StructField("a", DataType.Integer, metadata: new Dictionary<string, string> { ["comment"] = "not json" }));
        var ex = Assert.Throws<FormatException>(() => SchemaJson.Serialize(schema));
        Assert.Contains("comment", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Invalid Delta schema JSON")]
    [InlineData("\"long\"", "must be a struct")]
    [InlineData("""{"type":"struct"}""", "no 'fields'")]
    [InlineData("""{"type":"struct","fields":[{"name":"a","type":"variant"}]}""", "variant")]
    [InlineData("""{"type":"struct","fields":[{"name":"a","type":"decimal(40,2)"}]}""", "decimal(40,2)")]
    [InlineData("""{"type":"struct","fields":[{"type":"long"}]}""", "no 'name'")]
    [InlineData("""{"type":"struct","fields":[{"name":"a"}]}""", "no 'type'")]
    [InlineData("""{"type":"udt","fields":[]}""", "udt")]
    [InlineData("""{"type":"struct","fields":[{"name":"a","type":"long","nullable":"yes"}]}""", "nullable")]
    [InlineData("""{"type":"struct","fields":[""", "Invalid Delta schema JSON")]
    [InlineData("""{"type":"struct","fields":[]} x""", "Invalid Delta schema JSON")]
    public void ParseStruct_BadInput_ThrowsFormatExceptionNamingTheProblem(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => SchemaJson.ParseStruct(json));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeThenParse_RandomSchemas_RoundTrip()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var schema = RandomStruct(new Random(seed), 3);
            var json = SchemaJson.Serialize(schema);
            var back = SchemaJson.ParseStruct(json);
            return back.Equals(schema) && SchemaJson.Serialize(back) == json && MetadataEqual(schema, back);
        }).QuickCheckThrowOnFailure();
    }

    private static bool MetadataEqual(StructType a, StructType b)
    {
        for (var i = 0; i < a.Count; i++)
        {
            if (!a[i].Metadata.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(b[i].Metadata.OrderBy(p => p.Key, StringComparer.Ordinal)))
                return false;
            if (a[i].Type is StructType sa && !MetadataEqual(sa, (StructType)b[i].Type)) return false;
        }
        return true;
    }

    private static readonly DataType[] Primitives =
    [
        DataType.Boolean, DataType.Byte, DataType.Short, DataType.Integer, DataType.Long, DataType.Float, DataType.Double,
        DataType.String, DataType.Binary, DataType.Date, DataType.Timestamp, DataType.TimestampNtz,
        new DecimalType(1, 0), new DecimalType(18, 3), new DecimalType(38, 38),
    ];

    private static readonly string[] Names = ["a", "b c", "ü", "q\"uote", "back\\slash", "nl\n", "x.y", "`tick`", "😀"];

    private static readonly Dictionary<string, string>[] Metadatas =
    [
        [],
        new() { ["delta.columnMapping.id"] = "7", ["delta.columnMapping.physicalName"] = "\"col-1\"" },
        new() { ["comment"] = "\"a\\nb\"", ["arr"] = "[1,2.5,null,true]", ["obj"] = "{\"k\":{}}" },
    ];

    private static DataType RandomType(Random r, int depth)
    {
        if (depth == 0 || r.Next(3) > 0) return Primitives[r.Next(Primitives.Length)];
        return r.Next(3) switch
        {
            0 => RandomStruct(r, depth - 1),
            1 => new ArrayType(RandomType(r, depth - 1), r.Next(2) == 0),
            _ => new MapType(DataType.String, RandomType(r, depth - 1), r.Next(2) == 0),
        };
    }

    private static StructType RandomStruct(Random r, int depth)
    {
        var fields = new StructField[r.Next(5)];
        for (var i = 0; i < fields.Length; i++)
            fields[i] = new StructField(Names[r.Next(Names.Length)], RandomType(r, depth), r.Next(2) == 0, Metadatas[r.Next(Metadatas.Length)]);
        return new StructType(fields);
    }
}
