using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Scanning;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Scanning;

public sealed class ColumnMappingTests
{
    private static Metadata WithMode(string mode) =>
        new("id", "{}", [], new Dictionary<string, string> { ["delta.columnMapping.mode"] = mode }, new FileFormat());

    [Theory]
    [InlineData(2, null, "name", ColumnMappingMode.Name)]
    [InlineData(2, null, "ID", ColumnMappingMode.Id)]
    [InlineData(3, "columnMapping", "id", ColumnMappingMode.Id)]
    [InlineData(3, "deletionVectors", "name", ColumnMappingMode.None)] // the feature is not supported: ignore
    [InlineData(1, null, "name", ColumnMappingMode.None)]
    [InlineData(2, null, "none", ColumnMappingMode.None)]
    public void ModeOf_HonoursPropertyOnlyWhenProtocolSupportsIt(int reader, string? feature, string mode, ColumnMappingMode expected)
    {
        var protocol = new Protocol(reader, 7, feature is null ? null : [feature], feature is null ? null : [feature]);
        Assert.Equal(expected, ColumnMapping.ModeOf(protocol, WithMode(mode)));
    }

    [Fact]
    public void ModeOf_UnknownMode_Throws()
    {
        var e = Assert.Throws<DeltaException>(() => ColumnMapping.ModeOf(new Protocol(2, 5), WithMode("bogus")));
        Assert.Contains("bogus", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PhysicalSchema_RenamesNestedFieldsAndCarriesFieldIds()
    {
        var logical = new StructType(
            new StructField("e", new ArrayType(new StructType(new StructField("d", DataType.Integer, false, ScanTestTable.Mapping(5, "col-d")))),
                metadata: ScanTestTable.Mapping(4, "col-e")));
        var physical = ColumnMapping.PhysicalSchema(logical, ColumnMappingMode.Name);
        Assert.Equal("col-e", physical[0].Name);
        Assert.Equal("4", physical[0].Metadata["parquet.field.id"]);
        var inner = (StructType)((ArrayType)physical[0].Type).ElementType;
        Assert.Equal("col-d", inner[0].Name);
        Assert.Equal("5", inner[0].Metadata["parquet.field.id"]);
        Assert.False(inner[0].Nullable);
        Assert.Same(logical, ColumnMapping.PhysicalSchema(logical, ColumnMappingMode.None));
    }

    [Fact]
    public void PhysicalName_MissingInMappedTable_Throws()
    {
        var e = Assert.Throws<DeltaException>(() => ColumnMapping.PhysicalName(new StructField("x", DataType.Integer), ColumnMappingMode.Name));
        Assert.Contains("'x'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PhysicalName_EscapedJsonString_IsDecoded() =>
        Assert.Equal("a\"b", ColumnMapping.PhysicalName(
            new StructField("x", DataType.Integer, metadata: new Dictionary<string, string> { ["delta.columnMapping.physicalName"] = "\"a\\\"b\"" }),
            ColumnMappingMode.Name));
}
