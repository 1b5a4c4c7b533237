using DeltaSharp.Tables.Scanning;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Tests.Scanning;

public sealed class PartitionValuesTests
{
    [Theory]
    [InlineData("integer", "-42", -42)]
    [InlineData("long", "9223372036854775807", long.MaxValue)]
    [InlineData("short", "123", (short)123)]
    [InlineData("byte", "-7", (sbyte)-7)]
    [InlineData("boolean", "true", true)]
    [InlineData("boolean", "FALSE", false)]
    [InlineData("double", "1.5", 1.5)]
    [InlineData("double", "-Infinity", double.NegativeInfinity)]
    [InlineData("float", "0.1", 0.1f)]
    [InlineData("string", "a b=c/%20", "a b=c/%20")]
    public void Parse_Primitives_BoxAsValueConverter(string type, string raw, object expected)
    {
        Assert.Equal(expected, PartitionValues.Parse(raw, DataType.ParsePrimitive(type), "p"));
    }

    [Fact]
    public void Parse_NaN_IsDoubleNaN() => Assert.True(double.IsNaN((double)PartitionValues.Parse("NaN", DataType.Double, "p")!));

    [Theory]
    [InlineData("integer")]
    [InlineData("string")]
    [InlineData("date")]
    [InlineData("timestamp")]
    public void Parse_NullOrEmpty_IsNullForEveryType(string type)
    {
        // PROTOCOL.md "Partition Value Serialization": an empty string for any type is a null partition value.
        Assert.Null(PartitionValues.Parse(null, DataType.ParsePrimitive(type), "p"));
        Assert.Null(PartitionValues.Parse("", DataType.ParsePrimitive(type), "p"));
    }

    [Fact]
    public void Parse_Decimal_KeepsTypeScale()
    {
        Assert.Equal(new DecimalValue(-123450, 3), PartitionValues.Parse("-123.45", new DecimalType(10, 3), "p"));
        Assert.Equal(new DecimalValue(1, 0), PartitionValues.Parse("1", new DecimalType(1, 0), "p"));
    }

    [Fact]
    public void Parse_Date_IsDateOnly() =>
        Assert.Equal(new DateOnly(2021, 9, 8), PartitionValues.Parse("2021-09-08", DataType.Date, "p"));

    [Theory]
    [InlineData("2021-09-08 11:11:11", "2021-09-08T11:11:11.0000000Z")] // zone-less: UTC
    [InlineData("2021-09-08 11:11:11.123456", "2021-09-08T11:11:11.1234560Z")]
    [InlineData("2024-01-01T10:00:00.000000Z", "2024-01-01T10:00:00.0000000Z")]
    [InlineData("2024-01-01T10:00:00.5+02:00", "2024-01-01T08:00:00.5000000Z")]
    [InlineData("1970-01-01 00:00:00", "1970-01-01T00:00:00.0000000Z")]
    public void Parse_Timestamp_IsUtcDateTime(string raw, string expectedRoundTrip)
    {
        var value = (DateTime)PartitionValues.Parse(raw, DataType.Timestamp, "p")!;
        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(expectedRoundTrip, value.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Parse_TimestampNtz_IsWallClockUnspecified()
    {
        var value = (DateTime)PartitionValues.Parse("2021-09-08 11:11:11.000001", DataType.TimestampNtz, "p")!;
        Assert.Equal(DateTimeKind.Unspecified, value.Kind);
        Assert.Equal(new DateTime(2021, 9, 8, 11, 11, 11, DateTimeKind.Unspecified).AddTicks(10), value);
    }

    [Fact]
    public void Parse_Binary_IsUtf8Bytes() =>
        Assert.Equal(new byte[] { 1, 2, 3 }, PartitionValues.Parse("\u0001\u0002\u0003", DataType.Binary, "p"));

    [Theory]
    [InlineData("integer", "1.5")]
    [InlineData("integer", "99999999999")]
    [InlineData("byte", "200")]
    [InlineData("boolean", "yes")]
    [InlineData("date", "2021-13-01")]
    [InlineData("timestamp", "yesterday")]
    [InlineData("decimal(3,1)", "123.4")]
    public void Parse_Invalid_ThrowsFailedCast(string type, string raw)
    {
        var dataType = DataType.ParsePrimitive(type);
        var e = Assert.Throws<DeltaException>(() => PartitionValues.Parse(raw, dataType, "col"));
        Assert.Equal("DELTA_FAILED_CAST_PARTITION_VALUE", e.ErrorClass);
        Assert.Contains(raw, e.Message, StringComparison.Ordinal);
        Assert.Contains("col", e.Message, StringComparison.Ordinal);
    }
}
