using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;
using FsCheck;
using FsCheck.Fluent;
using static DeltaSharp.Parquet.Tests.Schema.SchemaText;

namespace DeltaSharp.Parquet.Tests.Schema;

/// <summary>Spark → Parquet schema as Spark 3.5 writes it, and the round trip back.</summary>
public class SparkToParquetSchemaTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    private static StructField F(string name, DataType type, bool nullable = true, int? id = null) =>
        new(name, type, nullable, id is { } i ? new Dictionary<string, string> { ["parquet.field.id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } : NoMetadata);

    /// <summary>Compare against elements parsed from the text notation, field by field.</summary>
    private static void AssertElements(string expectedText, List<SchemaElement> actual)
    {
        var expected = Parse(expectedText);
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.True(e.Name == a.Name, $"[{i}] name {e.Name} vs {a.Name}");
            Assert.True(e.Type == a.Type, $"[{i}] {e.Name}: type {e.Type} vs {a.Type}");
            Assert.True(e.TypeLength == a.TypeLength, $"[{i}] {e.Name}: length {e.TypeLength} vs {a.TypeLength}");
            Assert.True(e.RepetitionType == a.RepetitionType, $"[{i}] {e.Name}: repetition {e.RepetitionType} vs {a.RepetitionType}");
            Assert.True(e.NumChildren == a.NumChildren, $"[{i}] {e.Name}: children {e.NumChildren} vs {a.NumChildren}");
            Assert.True(Equals(e.LogicalType, a.LogicalType), $"[{i}] {e.Name}: logical {e.LogicalType} vs {a.LogicalType}");
            Assert.True(e.FieldId == a.FieldId, $"[{i}] {e.Name}: field id {e.FieldId} vs {a.FieldId}");
        }
    }

    [Fact]
    public void FromSparkSchema_EveryPrimitive_MatchesSpark35()
    {
        var schema = new StructType(
            F("bool", DataType.Boolean, false),
            F("byte", DataType.Byte),
            F("short", DataType.Short),
            F("int", DataType.Integer),
            F("long", DataType.Long),
            F("float", DataType.Float),
            F("double", DataType.Double),
            F("dec9", new DecimalType(9, 2)),
            F("dec18", new DecimalType(18, 18)),
            F("dec19", new DecimalType(19, 0)),
            F("dec38", new DecimalType(38, 10)),
            F("str", DataType.String),
            F("bin", DataType.Binary),
            F("date", DataType.Date),
            F("ts", DataType.Timestamp),
            F("ntz", DataType.TimestampNtz));
        var elements = SparkToParquetSchemaConverter.FromSparkSchema(schema);
        AssertElements("""
            message spark_schema {
              required boolean bool;
              optional int32 byte (INT(8,true));
              optional int32 short (INT(16,true));
              optional int32 int;
              optional int64 long;
              optional float float;
              optional double double;
              optional int32 dec9 (DECIMAL(9,2));
              optional int64 dec18 (DECIMAL(18,18));
              optional fixed_len_byte_array(9) dec19 (DECIMAL(19,0));
              optional fixed_len_byte_array(16) dec38 (DECIMAL(38,10));
              optional binary str (STRING);
              optional binary bin;
              optional int32 date (DATE);
              optional int64 ts (TIMESTAMP(MICROS,true));
              optional int64 ntz (TIMESTAMP(MICROS,false));
            }
            """, elements);
        ConvertedType?[] converted =
        [
            null, null, ConvertedType.Int8, ConvertedType.Int16, null, null, null, null,
            ConvertedType.Decimal, ConvertedType.Decimal, ConvertedType.Decimal, ConvertedType.Decimal,
            ConvertedType.Utf8, null, ConvertedType.Date, ConvertedType.TimestampMicros, ConvertedType.TimestampMicros,
        ];
        Assert.Equal(converted, elements.Select(e => e.ConvertedType));
        Assert.Equal((2, 9), (elements[8].Scale, elements[8].Precision));
        Assert.Equal((10, 38), (elements[11].Scale, elements[11].Precision));
        Assert.All(elements.Where(e => e.ConvertedType != ConvertedType.Decimal), e => Assert.Null(e.Precision));
    }

    [Fact]
    public void FromSparkSchema_NestedTypes_UseThreeLevelListsAndKeyValueMaps()
    {
        var schema = new StructType(
            F("arr", new ArrayType(DataType.Integer, containsNull: false), nullable: false),
            F("s", new StructType(F("a", DataType.String, id: 11), F("b", new ArrayType(new StructType(F("c", DataType.Long))))), id: 10),
            F("m", new MapType(DataType.String, new MapType(DataType.Integer, DataType.Double, false))));
        AssertElements("""
            message spark_schema {
              required group arr (LIST) {
                repeated group list { required int32 element; }
              }
              optional group s = 10 {
                optional binary a (STRING) = 11;
                optional group b (LIST) {
                  repeated group list {
                    optional group element { optional int64 c; }
                  }
                }
              }
              optional group m (MAP) {
                repeated group key_value {
                  required binary key (STRING);
                  optional group value (MAP) {
                    repeated group key_value {
                      required int32 key;
                      required double value;
                    }
                  }
                }
              }
            }
            """, SparkToParquetSchemaConverter.FromSparkSchema(schema));
        var elements = ParquetSchema.FromSparkSchema(schema);
        Assert.Equal(ConvertedType.List, elements[1].ConvertedType);
        Assert.Null(elements[2].ConvertedType);
        Assert.Equal(ConvertedType.Map, elements.First(e => e.Name == "m").ConvertedType);
        Assert.Null(elements.First(e => e.Name == "key_value").ConvertedType);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 2)]
    [InlineData(9, 4)]
    [InlineData(10, 5)]
    [InlineData(18, 8)]
    [InlineData(19, 9)]
    [InlineData(25, 11)]
    [InlineData(35, 15)]
    [InlineData(38, 16)]
    public void MinBytesForPrecision_IsSmallestSignedWidth(int precision, int bytes)
    {
        Assert.Equal(bytes, DecimalPrecision.MinBytesForPrecision(precision));
        // And it is consistent with the reader's limit for that width.
        Assert.True(DecimalPrecision.MaxPrecisionForBytes(bytes) >= precision);
        if (bytes > 1) Assert.True(DecimalPrecision.MaxPrecisionForBytes(bytes - 1) < precision);
    }

    [Fact]
    public void FromSparkSchema_EmptyStruct_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => SparkToParquetSchemaConverter.FromSparkSchema(new StructType(F("s", new StructType()))));
    }

    [Fact]
    public void FromSparkSchema_NonIntegerFieldId_IsRejected()
    {
        var field = new StructField("a", DataType.Integer, true, new Dictionary<string, string> { ["parquet.field.id"] = "\"x\"" });
        Assert.Throws<ArgumentException>(() => SparkToParquetSchemaConverter.FromSparkSchema(new StructType(field)));
    }

    [Fact]
    public void RoundTrip_AllTypesNested_ReturnsTheSameSchemaAndFieldIds()
    {
        var all = new StructType(
            F("bool", DataType.Boolean, false, 1), F("byte", DataType.Byte, id: 2), F("short", DataType.Short), F("int", DataType.Integer),
            F("long", DataType.Long), F("float", DataType.Float), F("double", DataType.Double), F("d1", new DecimalType(1, 0)),
            F("d9", new DecimalType(9, 9)), F("d10", new DecimalType(10, 2)), F("d18", new DecimalType(18, 3)), F("d19", new DecimalType(19, 4)),
            F("d38", new DecimalType(38, 38)), F("str", DataType.String), F("bin", DataType.Binary), F("date", DataType.Date),
            F("ts", DataType.Timestamp), F("ntz", DataType.TimestampNtz));
        var schema = new StructType(
            [.. all.Fields,
            F("nested", all, id: 100),
            F("arrays", new ArrayType(new ArrayType(all, false), true), false),
            F("maps", new MapType(new StructType(F("k", DataType.String, false)), new MapType(DataType.Date, new ArrayType(DataType.Binary), false))),
            F("arr_of_map", new ArrayType(new MapType(DataType.Long, all, true), false), id: 7)]);

        var back = new ParquetSchema(ParquetSchema.FromSparkSchema(schema)).ToSparkSchema();
        Assert.Equal(Render(schema), Render(back));
        Assert.Equal(schema, back);
        AssertSameFieldIds(schema, back);
    }

    private static void AssertSameFieldIds(DataType expected, DataType actual)
    {
        switch (expected)
        {
            case StructType es:
                var @as = (StructType)actual;
                for (var i = 0; i < es.Count; i++)
                {
                    es[i].Metadata.TryGetValue("parquet.field.id", out var e);
                    @as[i].Metadata.TryGetValue("parquet.field.id", out var a);
                    Assert.Equal(e, a);
                    AssertSameFieldIds(es[i].Type, @as[i].Type);
                }
                break;
            case ArrayType ea:
                AssertSameFieldIds(ea.ElementType, ((ArrayType)actual).ElementType);
                break;
            case MapType em:
                AssertSameFieldIds(em.KeyType, ((MapType)actual).KeyType);
                AssertSameFieldIds(em.ValueType, ((MapType)actual).ValueType);
                break;
        }
    }

    private static Gen<DataType> TypeGen(int depth)
    {
        var primitives = Gen.OneOf(
            Gen.Elements<DataType>(DataType.Boolean, DataType.Byte, DataType.Short, DataType.Integer, DataType.Long, DataType.Float,
                DataType.Double, DataType.String, DataType.Binary, DataType.Date, DataType.Timestamp, DataType.TimestampNtz),
            Gen.Choose(1, 38).SelectMany(p => Gen.Choose(0, p).Select(s => (DataType)new DecimalType(p, s))));
        if (depth == 0) return primitives;
        var inner = TypeGen(depth - 1);
        var bools = Gen.Elements(true, false);
        return Gen.Frequency(
            (4, primitives),
            (1, StructGen(depth - 1).Select(s => (DataType)s)),
            (1, inner.SelectMany(e => bools.Select(n => (DataType)new ArrayType(e, n)))),
            (1, inner.SelectMany(k => inner.SelectMany(v => bools.Select(n => (DataType)new MapType(k, v, n))))));
    }

    private static Gen<StructType> StructGen(int depth) =>
        Gen.Choose(1, 4).SelectMany(n =>
            Gen.ListOf(TypeGen(depth).SelectMany(t => Gen.Elements(true, false).Select(nullable => (t, nullable))), n)
                .Select(items => new StructType(items.Select((x, i) => new StructField($"f{i}", x.t, x.nullable)))));

    [Fact]
    public void RoundTrip_RandomSchemas_ReturnTheSameSchema()
    {
        var property = Prop.ForAll(StructGen(3).ToArbitrary(), schema =>
        {
            var back = new ParquetSchema(ParquetSchema.FromSparkSchema(schema)).ToSparkSchema();
            return back.Equals(schema) && Render(back) == Render(schema);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }
}
