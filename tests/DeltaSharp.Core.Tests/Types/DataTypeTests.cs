using DeltaSharp.Types;

namespace DeltaSharp.Core.Tests.Types;

public class DataTypeTests
{
    [Theory]
    [InlineData("integer", "int")]
    [InlineData("long", "bigint")]
    [InlineData("byte", "tinyint")]
    [InlineData("short", "smallint")]
    [InlineData("timestamp_ntz", "timestamp_ntz")]
    [InlineData("decimal(10,2)", "decimal(10,2)")]
    [InlineData("decimal", "decimal(10,0)")]
    public void ParsePrimitive_DeltaNames_MapToSparkSimpleStrings(string deltaName, string simple)
    {
        Assert.Equal(simple, DataType.ParsePrimitive(deltaName).SimpleString);
    }

    [Fact]
    public void Decimal_PrecisionAbove38_IsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DecimalType(39, 0));
        Assert.Contains("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_StorageFollowsPrecision()
    {
        Assert.Equal(PhysicalKind.Int64, new DecimalType(18, 2).Physical);
        Assert.Equal(PhysicalKind.Int128, new DecimalType(19, 2).Physical);
    }

    [Fact]
    public void ComplexTypes_CompareStructurally()
    {
        var a = new StructType(new StructField("a", new ArrayType(DataType.Integer)), new StructField("m", new MapType(DataType.String, DataType.Long)));
        var b = new StructType(new StructField("a", new ArrayType(DataType.Integer)), new StructField("m", new MapType(DataType.String, DataType.Long)));
        Assert.Equal(a, b);
        Assert.Equal("struct<a:array<int>,m:map<string,bigint>>", a.SimpleString);
        Assert.NotEqual(a, new StructType(new StructField("a", new ArrayType(DataType.Integer, containsNull: false)), new StructField("m", new MapType(DataType.String, DataType.Long))));
    }
}
