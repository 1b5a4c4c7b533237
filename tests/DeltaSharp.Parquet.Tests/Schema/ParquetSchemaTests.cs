using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Schema;
using static DeltaSharp.Parquet.Tests.Schema.SchemaText;

namespace DeltaSharp.Parquet.Tests.Schema;

/// <summary>Building the schema tree: levels, leaves, lookups and validation.</summary>
public class ParquetSchemaTests
{
    private const string Nested = """
        message spark_schema {
          required int32 id = 1;
          optional group s = 2 {
            optional binary name (STRING) = 3;
            required group inner { optional double x; }
          }
          optional group tags (LIST) = 4 {
            repeated group list { optional binary element (STRING); }
          }
          optional group m (MAP) {
            repeated group key_value {
              required int32 key;
              optional group value (LIST) {
                repeated group list { required int64 element; }
              }
            }
          }
          repeated int32 legacy;
        }
        """;

    [Fact]
    public void Leaves_AreInFileOrderWithPathsAndLevels()
    {
        var schema = Build(Nested);
        var actual = schema.Columns.Select(c => (c.Index, c.DottedPath, c.MaxDefinitionLevel, c.MaxRepetitionLevel)).ToArray();
        // Definition level counts optional and repeated ancestors (and the node); repetition level counts repeated ones.
        (int, string, int, int)[] expected =
        [
            (0, "id", 0, 0),
            (1, "s.name", 2, 0),
            (2, "s.inner.x", 2, 0),
            (3, "tags.list.element", 3, 1),
            (4, "m.key_value.key", 2, 1),
            (5, "m.key_value.value.list.element", 4, 2),
            (6, "legacy", 1, 1),
        ];
        Assert.Equal(expected, actual);
        Assert.Equal(["m", "key_value", "value", "list", "element"], schema.Columns[5].Path);
        Assert.Same(schema.Columns[5], schema.Columns[5].Node.Column);
        Assert.Equal(PhysicalType.Int64, schema.Columns[5].PhysicalType);
        Assert.Equal(DeltaSharp.Types.DataType.Long, schema.Columns[5].DataType);
    }

    [Fact]
    public void TopLevelFields_KnowWhichLeavesTheySpan()
    {
        var schema = Build(Nested);
        Assert.Equal(["id", "s", "tags", "m", "legacy"], schema.Fields.Select(f => f.Name));
        Assert.Equal((0, 1), schema.GetLeafRange(0));
        Assert.Equal((1, 2), schema.GetLeafRange(1));
        Assert.Equal((3, 1), schema.GetLeafRange(2));
        Assert.Equal((4, 2), schema.GetLeafRange(3));
        Assert.Equal((6, 1), schema.GetLeafRange(4));
        Assert.Equal((0, 7), (schema.Root.FirstLeafIndex, schema.Root.LeafCount));
    }

    [Fact]
    public void Lookups_ByNameAndFieldId()
    {
        var schema = Build(Nested);
        Assert.Equal(1, schema.IndexOfField("s"));
        Assert.Equal(1, schema.IndexOfField("S"));
        Assert.Equal(-1, schema.IndexOfField("nope"));
        Assert.Equal(2, schema.IndexOfFieldId(4));
        Assert.Equal(-1, schema.IndexOfFieldId(3)); // nested, not top-level
        Assert.True(schema.TryGetNodeByFieldId(3, out var node));
        Assert.Equal("s.name", node.ToString());
        Assert.False(schema.TryGetNodeByFieldId(99, out _));
        Assert.Equal(0, schema.Fields[1].IndexOfChildFieldId(3));
        Assert.Equal(1, schema.Fields[1].IndexOfChild("inner"));
    }

    [Fact]
    public void Node_NormalisesLegacyAnnotationsToLogicalTypes()
    {
        var schema = Build("""
            message m {
              optional binary a (UTF8);
              optional int32 b (CONVERTED:DECIMAL(7,3));
              optional int64 c (TIMESTAMP_MILLIS);
              optional fixed_len_byte_array(12) d (INTERVAL);
            }
            """);
        Assert.Equal(LogicalType.String, schema.Fields[0].LogicalType);
        Assert.Equal(ConvertedType.Utf8, schema.Fields[0].ConvertedType);
        Assert.Equal(LogicalType.ForDecimal(3, 7), schema.Fields[1].LogicalType);
        Assert.Equal((7, 3), (schema.Fields[1].Precision, schema.Fields[1].Scale));
        Assert.Equal(LogicalType.ForTimestamp(true, TimeUnit.Millis), schema.Fields[2].LogicalType);
        Assert.Null(schema.Fields[3].LogicalType);
        Assert.Equal(12, schema.Fields[3].TypeLength);
    }

    [Fact]
    public void EmptyRoot_HasNoColumns()
    {
        var schema = new ParquetSchema([new SchemaElement { Name = "root", NumChildren = 0 }]);
        Assert.Empty(schema.Columns);
        Assert.Empty(schema.ToSparkSchema().Fields);
    }

    private static void AssertInvalid(List<SchemaElement> elements, string expected)
    {
        var ex = Assert.Throws<ParquetFormatException>(() => new ParquetSchema(elements));
        Assert.StartsWith("invalid schema: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_NoElements() => AssertInvalid([], "no root element");

    [Fact]
    public void Validation_PrimitiveRoot() =>
        AssertInvalid([new SchemaElement { Name = "r", Type = PhysicalType.Int32 }], "root 'r' is a primitive column");

    [Fact]
    public void Validation_OptionalRoot() =>
        AssertInvalid([new SchemaElement { Name = "r", NumChildren = 0, RepetitionType = FieldRepetitionType.Optional }], "must not be optional");

    [Fact]
    public void Validation_MoreChildrenDeclaredThanElements()
    {
        var elements = Parse("message m { optional int32 a; }");
        elements[0].NumChildren = 2;
        AssertInvalid(elements, "declares more children than there are schema elements");
    }

    [Fact]
    public void Validation_ElementsAfterTheTree()
    {
        var elements = Parse("message m { optional int32 a; optional int32 b; }");
        elements[0].NumChildren = 1;
        AssertInvalid(elements, "1 schema element(s) after the end of the tree");
    }

    [Fact]
    public void Validation_GroupChildCountWrong()
    {
        var elements = Parse("message m { optional group g { optional int32 a; } optional int32 b; }");
        elements[1].NumChildren = 2; // swallows b
        elements[0].NumChildren = 1;
        var schema = new ParquetSchema(elements); // structurally fine: g now has two children
        Assert.Equal(2, schema.Fields[0].Children.Count);
        elements[1].NumChildren = 3;
        AssertInvalid(elements, "declares more children");
    }

    [Fact]
    public void Validation_MissingRepetition()
    {
        var elements = Parse("message m { optional int32 a; }");
        elements[1].RepetitionType = null;
        AssertInvalid(elements, "field 'a' has no repetition type");
    }

    [Fact]
    public void Validation_UnknownRepetition()
    {
        var elements = Parse("message m { optional int32 a; }");
        elements[1].RepetitionType = (FieldRepetitionType)3;
        AssertInvalid(elements, "unsupported repetition type 3");
    }

    [Fact]
    public void Validation_UnknownPhysicalType()
    {
        var elements = Parse("message m { optional int32 a; }");
        elements[1].Type = (PhysicalType)8;
        AssertInvalid(elements, "unknown physical type 8");
    }

    [Fact]
    public void Validation_FixedWithoutLength()
    {
        var elements = Parse("message m { optional fixed_len_byte_array(4) a; }");
        elements[1].TypeLength = null;
        AssertInvalid(elements, "FIXED_LEN_BYTE_ARRAY column 'a' has no positive type_length");
    }

    [Fact]
    public void Validation_LeafWithChildren()
    {
        var elements = Parse("message m { optional int32 a; }");
        elements[1].NumChildren = 1;
        AssertInvalid(elements, "primitive column 'a' also declares children");
    }

    [Fact]
    public void Validation_EmptyGroup()
    {
        var elements = Parse("message m { optional group g { optional int32 a; } }");
        elements[1].NumChildren = 0;
        elements[0].NumChildren = 2; // a becomes a sibling
        AssertInvalid(elements, "group 'g' has no children");
    }

    [Fact]
    public void Validation_NestingTooDeep_IsRefusedWithoutStackOverflow()
    {
        var elements = new List<SchemaElement> { new() { Name = "m", NumChildren = 1 } };
        for (var i = 0; i < 10_000; i++)
            elements.Add(new SchemaElement { Name = "g", RepetitionType = FieldRepetitionType.Optional, NumChildren = 1 });
        elements.Add(new SchemaElement { Name = "x", RepetitionType = FieldRepetitionType.Optional, Type = PhysicalType.Int32 });
        AssertInvalid(elements, "nesting deeper than 256 levels");
    }

    [Fact]
    public void Validation_HugeChildCount_FailsFast()
    {
        var elements = Parse("message m { optional int32 a; }");
        elements[0].NumChildren = int.MaxValue;
        AssertInvalid(elements, "declares more children");
    }
}
