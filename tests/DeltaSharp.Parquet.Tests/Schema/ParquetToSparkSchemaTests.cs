using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;
using static DeltaSharp.Parquet.Tests.Schema.SchemaText;

namespace DeltaSharp.Parquet.Tests.Schema;

/// <summary>Parquet → Spark type rules (Spark's ParquetToSparkSchemaConverter, LogicalTypes.md).</summary>
public class ParquetToSparkSchemaTests
{
    private static string Field(string field) => Spark($"message m {{ {field} }}");

    [Theory]
    // BOOLEAN, FLOAT, DOUBLE
    [InlineData("required boolean a;", "struct<a:boolean not null>")]
    [InlineData("optional float a;", "struct<a:float>")]
    [InlineData("optional double a;", "struct<a:double>")]
    // INT32
    [InlineData("optional int32 a;", "struct<a:int>")]
    [InlineData("optional int32 a (INT(8,true));", "struct<a:tinyint>")]
    [InlineData("optional int32 a (INT(16,true));", "struct<a:smallint>")]
    [InlineData("optional int32 a (INT(32,true));", "struct<a:int>")]
    [InlineData("optional int32 a (INT(8,false));", "struct<a:smallint>")]
    [InlineData("optional int32 a (INT(16,false));", "struct<a:int>")]
    [InlineData("optional int32 a (INT(32,false));", "struct<a:bigint>")]
    [InlineData("optional int32 a (INT_8);", "struct<a:tinyint>")]
    [InlineData("optional int32 a (INT_16);", "struct<a:smallint>")]
    [InlineData("optional int32 a (INT_32);", "struct<a:int>")]
    [InlineData("optional int32 a (UINT_8);", "struct<a:smallint>")]
    [InlineData("optional int32 a (UINT_16);", "struct<a:int>")]
    [InlineData("optional int32 a (UINT_32);", "struct<a:bigint>")]
    [InlineData("optional int32 a (DATE);", "struct<a:date>")]
    [InlineData("optional int32 a (CONVERTED:DATE);", "struct<a:date>")]
    [InlineData("optional int32 a (DECIMAL(9,2));", "struct<a:decimal(9,2)>")]
    [InlineData("optional int32 a (CONVERTED:DECIMAL(5,5));", "struct<a:decimal(5,5)>")]
    [InlineData("optional int32 a (TIME(MILLIS,true));", "struct<a:bigint>")]
    [InlineData("optional int32 a (TIME_MILLIS);", "struct<a:bigint>")]
    [InlineData("optional int32 a (UNKNOWN);", "struct<a:int>")]
    // INT64
    [InlineData("optional int64 a;", "struct<a:bigint>")]
    [InlineData("optional int64 a (INT(64,true));", "struct<a:bigint>")]
    [InlineData("optional int64 a (INT_64);", "struct<a:bigint>")]
    [InlineData("optional int64 a (INT(64,false));", "struct<a:decimal(20,0)>")]
    [InlineData("optional int64 a (UINT_64);", "struct<a:decimal(20,0)>")]
    [InlineData("optional int64 a (DECIMAL(18,4));", "struct<a:decimal(18,4)>")]
    [InlineData("optional int64 a (CONVERTED:DECIMAL(10,0));", "struct<a:decimal(10,0)>")]
    [InlineData("optional int64 a (TIMESTAMP(MILLIS,true));", "struct<a:timestamp>")]
    [InlineData("optional int64 a (TIMESTAMP(MICROS,true));", "struct<a:timestamp>")]
    [InlineData("optional int64 a (TIMESTAMP(NANOS,true));", "struct<a:timestamp>")]
    [InlineData("optional int64 a (TIMESTAMP(MILLIS,false));", "struct<a:timestamp_ntz>")]
    [InlineData("optional int64 a (TIMESTAMP(MICROS,false));", "struct<a:timestamp_ntz>")]
    [InlineData("optional int64 a (TIMESTAMP(NANOS,false));", "struct<a:timestamp_ntz>")]
    [InlineData("optional int64 a (TIMESTAMP_MILLIS);", "struct<a:timestamp>")]
    [InlineData("optional int64 a (TIMESTAMP_MICROS);", "struct<a:timestamp>")]
    [InlineData("optional int64 a (TIME(MICROS,false));", "struct<a:bigint>")]
    [InlineData("optional int64 a (TIME(NANOS,true));", "struct<a:bigint>")]
    [InlineData("optional int64 a (TIME_MICROS);", "struct<a:bigint>")]
    // INT96
    [InlineData("optional int96 a;", "struct<a:timestamp>")]
    // BYTE_ARRAY
    [InlineData("optional binary a;", "struct<a:binary>")]
    [InlineData("optional binary a (STRING);", "struct<a:string>")]
    [InlineData("optional binary a (UTF8);", "struct<a:string>")]
    [InlineData("optional binary a (ENUM);", "struct<a:string>")]
    [InlineData("optional binary a (CONVERTED:ENUM);", "struct<a:string>")]
    [InlineData("optional binary a (JSON);", "struct<a:string>")]
    [InlineData("optional binary a (CONVERTED:JSON);", "struct<a:string>")]
    [InlineData("optional binary a (BSON);", "struct<a:binary>")]
    [InlineData("optional binary a (DECIMAL(38,10));", "struct<a:decimal(38,10)>")]
    [InlineData("optional binary a (GEOMETRY);", "struct<a:binary>")]
    // FIXED_LEN_BYTE_ARRAY
    [InlineData("optional fixed_len_byte_array(3) a;", "struct<a:binary>")]
    [InlineData("optional fixed_len_byte_array(16) a (DECIMAL(38,2));", "struct<a:decimal(38,2)>")]
    [InlineData("optional fixed_len_byte_array(9) a (CONVERTED:DECIMAL(20,0));", "struct<a:decimal(20,0)>")]
    [InlineData("optional fixed_len_byte_array(4) a (DECIMAL(9,0));", "struct<a:decimal(9,0)>")]
    [InlineData("optional fixed_len_byte_array(16) a (UUID);", "struct<a:string>")]
    [InlineData("optional fixed_len_byte_array(2) a (FLOAT16);", "struct<a:float>")]
    [InlineData("optional fixed_len_byte_array(12) a (INTERVAL);", "struct<a:binary>")]
    public void Primitive_MapsToSparkType(string field, string expected)
    {
        Assert.Equal(expected, Field(field));
    }

    [Theory]
    [InlineData("optional int32 a (INT(64,true));")]
    [InlineData("optional int32 a (TIMESTAMP(MILLIS,true));")]
    [InlineData("optional int32 a (TIME(MICROS,true));")]
    [InlineData("optional int32 a (STRING);")]
    [InlineData("optional int32 a (DECIMAL(10,2));")]
    [InlineData("optional int64 a (INT(32,true));")]
    [InlineData("optional int64 a (DATE);")]
    [InlineData("optional int64 a (TIME(MILLIS,true));")]
    [InlineData("optional int64 a (DECIMAL(19,0));")]
    [InlineData("optional binary a (UUID);")]
    [InlineData("optional binary a (DATE);")]
    [InlineData("optional binary a (DECIMAL(39,0));")]
    [InlineData("optional fixed_len_byte_array(4) a (DECIMAL(10,0));")]
    [InlineData("optional fixed_len_byte_array(8) a (UUID);")]
    [InlineData("optional fixed_len_byte_array(4) a (FLOAT16);")]
    [InlineData("optional fixed_len_byte_array(4) a (STRING);")]
    [InlineData("optional int32 a (DECIMAL(5,6));")]
    [InlineData("optional int32 a (CONVERTED:DECIMAL);")]
    public void Primitive_IllegalCombination_ThrowsParquetFormatException(string field)
    {
        var ex = Assert.Throws<ParquetFormatException>(() => Field(field));
        Assert.True(ex.Message.StartsWith("unsupported Parquet type: column 'a'", StringComparison.Ordinal)
            || ex.Message.StartsWith("invalid schema: ", StringComparison.Ordinal), ex.Message);
    }

    [Fact]
    public void LogicalType_WinsOverConvertedType()
    {
        var elements = SchemaText.Parse("message m { optional int64 a (TIMESTAMP(MICROS,false)); }");
        elements[1].ConvertedType = DeltaSharp.Parquet.Format.ConvertedType.TimestampMicros; // what Spark 3.5 writes for timestamp_ntz
        Assert.Equal("struct<a:timestamp_ntz>", Render(new ParquetSchema(elements).ToSparkSchema()));
    }

    [Fact]
    public void UninterpretedLogicalType_FallsBackToConvertedType()
    {
        var elements = SchemaText.Parse("message m { optional binary a (VARIANT); }");
        elements[1].ConvertedType = DeltaSharp.Parquet.Format.ConvertedType.Utf8;
        Assert.Equal("struct<a:string>", Render(new ParquetSchema(elements).ToSparkSchema()));
    }

    [Fact]
    public void Group_IsStruct_AndVariantGroupIsReadAsItsFields()
    {
        Assert.Equal("struct<s:struct<x:int not null,y:string> not null,v:struct<metadata:binary not null,value:binary not null>>",
            Spark("""
                message m {
                  required group s { required int32 x; optional binary y (STRING); }
                  optional group v (VARIANT) { required binary metadata; required binary value; }
                }
                """));
    }

    [Fact]
    public void Group_WithPrimitiveAnnotation_IsInvalid()
    {
        var ex = Assert.Throws<ParquetFormatException>(() => Spark("message m { optional group g (STRING) { optional int32 x; } }"));
        Assert.StartsWith("invalid schema: group 'g' is annotated STRING", ex.Message, StringComparison.Ordinal);
    }

    // ---- Lists: LogicalTypes.md, "Lists" and its backward-compatibility rules

    [Theory]
    [InlineData("""
        required group my_list (LIST) {
          repeated group list {
            optional binary element (STRING);
          }
        }
        """, "struct<my_list:array<string> not null>")]
    [InlineData("""
        optional group my_list (LIST) {
          repeated group list {
            required binary element (STRING);
          }
        }
        """, "struct<my_list:array<string not null>>")]
    [InlineData("""
        optional group array_of_arrays (LIST) {
          repeated group list {
            required group element (LIST) {
              repeated group list {
                required int32 element;
              }
            }
          }
        }
        """, "struct<array_of_arrays:array<array<int not null> not null>>")]
    [InlineData("""
        optional group my_list (CONVERTED:LIST) {
          repeated group list {
            optional int64 element;
          }
        }
        """, "struct<my_list:array<bigint>>")]
    // Names are not enforced: a nullable list of non-null strings though the repeated group is named "element".
    [InlineData("""
        optional group my_list (LIST) {
          repeated group element {
            required binary str (STRING);
          };
        }
        """, "struct<my_list:array<string not null>>")]
    // Rule 1: List<Integer> (nullable list, non-null elements)
    [InlineData("""
        optional group my_list (LIST) {
          repeated int32 element;
        }
        """, "struct<my_list:array<int not null>>")]
    // Rule 2: List<Tuple<String, Integer>> (nullable list, non-null elements)
    [InlineData("""
        optional group my_list (LIST) {
          repeated group element {
            required binary str (STRING);
            required int32 num;
          };
        }
        """, "struct<my_list:array<struct<str:string not null,num:int not null> not null>>")]
    // Rule 3: List<List<Integer>> (nullable outer list, non-null elements)
    [InlineData("""
        optional group my_list (LIST) {
          repeated group array (LIST) {
            repeated int32 array;
          };
        }
        """, "struct<my_list:array<array<int not null> not null>>")]
    // Rule 3 without the help of rule 4's name: the one child is repeated
    [InlineData("""
        optional group my_list (LIST) {
          repeated group inner (LIST) {
            repeated int32 x;
          };
        }
        """, "struct<my_list:array<array<int not null> not null>>")]
    // Rule 4: List<OneTuple<String>> (nullable list, non-null elements), both spellings
    [InlineData("""
        optional group my_list (LIST) {
          repeated group array {
            required binary str (STRING);
          };
        }
        """, "struct<my_list:array<struct<str:string not null> not null>>")]
    [InlineData("""
        optional group my_list (LIST) {
          repeated group my_list_tuple {
            required binary str (STRING);
          };
        }
        """, "struct<my_list:array<struct<str:string not null> not null>>")]
    // Rule 5: List<String> (nullable list, nullable elements)
    [InlineData("""
        optional group my_list (LIST) {
          repeated group element {
            optional binary str (STRING);
          };
        }
        """, "struct<my_list:array<string>>")]
    // Unannotated repeated fields: required lists of required elements
    [InlineData("repeated int32 num;", "struct<num:array<int not null> not null>")]
    [InlineData("""
        repeated group my_list {
          required int32 num;
          optional binary str (STRING);
        }
        """, "struct<my_list:array<struct<num:int not null,str:string> not null> not null>")]
    // arrow/parquet-cpp style names ("item")
    [InlineData("""
        optional group l (LIST) {
          repeated group list {
            optional double item;
          }
        }
        """, "struct<l:array<double>>")]
    public void List_FollowsLogicalTypesMdRules(string field, string expected)
    {
        Assert.Equal(expected, Field(field));
    }

    [Theory]
    [InlineData("optional group l (LIST) { repeated int32 a; repeated int32 b; }")]
    [InlineData("optional group l (LIST) { optional group list { optional int32 element; } }")]
    [InlineData("optional group l (LIST) { required int32 element; }")]
    public void List_WithBadShape_IsInvalid(string field)
    {
        var ex = Assert.Throws<ParquetFormatException>(() => Field(field));
        Assert.StartsWith("invalid schema: LIST group 'l' must have exactly one repeated child", ex.Message, StringComparison.Ordinal);
    }

    // ---- Maps: LogicalTypes.md, "Maps"

    [Theory]
    [InlineData("""
        required group my_map (MAP) {
          repeated group key_value {
            required binary key (STRING);
            optional int32 value;
          }
        }
        """, "struct<my_map:map<string,int> not null>")]
    [InlineData("""
        optional group my_map (MAP) {
          repeated group key_value {
            required binary key (STRING);
            required group value { optional int32 x; }
          }
        }
        """, "struct<my_map:map<string,struct<x:int> not null>>")]
    [InlineData("""
        optional group my_map (CONVERTED:MAP) {
          repeated group key_value (MAP_KEY_VALUE) {
            required int64 key;
            optional binary value;
          }
        }
        """, "struct<my_map:map<bigint,binary>>")]
    // Backward compatibility: names identified by position
    [InlineData("""
        optional group my_map (MAP) {
          repeated group map {
            required binary str (STRING);
            required int32 num;
          }
        }
        """, "struct<my_map:map<string,int not null>>")]
    // Backward compatibility: MAP_KEY_VALUE in place of MAP
    [InlineData("""
        optional group my_map (MAP_KEY_VALUE) {
          repeated group map {
            required binary key (STRING);
            optional int32 value;
          }
        }
        """, "struct<my_map:map<string,int>>")]
    // Nested: map of lists and list of maps
    [InlineData("""
        optional group m (MAP) {
          repeated group key_value {
            required int64 key;
            optional group value (LIST) {
              repeated group list { optional int32 element; }
            }
          }
        }
        """, "struct<m:map<bigint,array<int>>>")]
    public void Map_FollowsLogicalTypesMdRules(string field, string expected)
    {
        Assert.Equal(expected, Field(field));
    }

    [Theory]
    [InlineData("optional group m (MAP) { repeated group key_value { required int32 key; } }")]
    [InlineData("optional group m (MAP) { optional group key_value { required int32 key; optional int32 value; } }")]
    [InlineData("optional group m (MAP) { repeated int32 key; }")]
    [InlineData("optional group m (MAP) { repeated group a { required int32 key; } repeated group b { required int32 key; } }")]
    public void Map_WithBadShape_IsInvalid(string field)
    {
        var ex = Assert.Throws<ParquetFormatException>(() => Field(field));
        Assert.StartsWith("invalid schema: MAP group 'm' must", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FieldIds_GoToStructFieldMetadata()
    {
        var spark = Build("""
            message m {
              optional int32 a = 5;
              optional group s = 6 { required binary b (STRING) = 7; optional int32 c; }
              optional int32 d;
            }
            """).ToSparkSchema();
        Assert.Equal("5", spark[0].Metadata["parquet.field.id"]);
        Assert.Equal("6", spark[1].Metadata["parquet.field.id"]);
        var inner = (StructType)spark[1].Type;
        Assert.Equal("7", inner[0].Metadata["parquet.field.id"]);
        Assert.Empty(inner[1].Metadata);
        Assert.Empty(spark[2].Metadata);
    }

    [Theory]
    [InlineData("optional int32 a;", LeafConversion.None)]
    [InlineData("optional int32 a (INT(8,true));", LeafConversion.Int32ToByte)]
    [InlineData("optional int32 a (INT(16,true));", LeafConversion.Int32ToShort)]
    [InlineData("optional int32 a (UINT_8);", LeafConversion.Int32ToShort)]
    [InlineData("optional int32 a (UINT_16);", LeafConversion.None)]
    [InlineData("optional int32 a (UINT_32);", LeafConversion.UInt32ToLong)]
    [InlineData("optional int64 a (UINT_64);", LeafConversion.UInt64ToDecimal)]
    [InlineData("optional int32 a (DECIMAL(9,2));", LeafConversion.DecimalFromInt32)]
    [InlineData("optional int64 a (DECIMAL(18,2));", LeafConversion.None)]
    [InlineData("optional binary a (DECIMAL(18,2));", LeafConversion.DecimalFromBytes)]
    [InlineData("optional fixed_len_byte_array(16) a (DECIMAL(38,2));", LeafConversion.DecimalFromBytes)]
    [InlineData("optional int64 a (TIMESTAMP(MILLIS,true));", LeafConversion.TimestampMillisToMicros)]
    [InlineData("optional int64 a (TIMESTAMP(MICROS,false));", LeafConversion.None)]
    [InlineData("optional int64 a (TIMESTAMP(NANOS,true));", LeafConversion.TimestampNanosToMicros)]
    [InlineData("optional int96 a;", LeafConversion.Int96ToTimestampMicros)]
    [InlineData("optional int32 a (TIME_MILLIS);", LeafConversion.TimeMillisToMicros)]
    [InlineData("optional int64 a (TIME(MICROS,true));", LeafConversion.None)]
    [InlineData("optional int64 a (TIME(NANOS,true));", LeafConversion.TimeNanosToMicros)]
    [InlineData("optional fixed_len_byte_array(2) a (FLOAT16);", LeafConversion.Float16ToFloat)]
    [InlineData("optional fixed_len_byte_array(16) a (UUID);", LeafConversion.UuidToString)]
    [InlineData("optional binary a (STRING);", LeafConversion.None)]
    public void Column_ConversionFromPhysicalToSparkStorage(string field, LeafConversion expected)
    {
        Assert.Equal(expected, Build($"message m {{ {field} }}").Columns.Single().Conversion);
    }
}
