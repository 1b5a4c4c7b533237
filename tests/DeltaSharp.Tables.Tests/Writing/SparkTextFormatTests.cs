using DeltaSharp.Columnar;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Tests.Writing;

/// <summary>Number, partition value and path texts as Spark/Java produce them (expected values are Java's
/// Double.toString outputs and paths copied from the conformance tables' logs).</summary>
public sealed class SparkTextFormatTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1e-5, "1.0E-5")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(46612611.77, "4.661261177E7")]
    [InlineData(234234.23, "234234.23")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(double.MaxValue, "1.7976931348623157E308")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void JavaDouble_MatchesDoubleToString(double value, string expected) =>
        Assert.Equal(expected, DeltaSharp.Compute.JavaNumberFormat.DoubleToString(value));

    [Theory]
    [InlineData(0.234f, "0.234")]
    [InlineData(46.566f, "46.566")]
    [InlineData(float.MaxValue, "3.4028235E38")]
    [InlineData(1.1f, "1.1")]
    [InlineData(1e10f, "1.0E10")]
    public void JavaFloat_MatchesFloatToString(float value, string expected) =>
        Assert.Equal(expected, DeltaSharp.Compute.JavaNumberFormat.FloatToString(value));

    [Theory]
    [InlineData("tsNtzPartition", "2013-07-05 17%3A01%3A00.123456", "tsNtzPartition=2013-07-05%2017%253A01%253A00.123456")]
    [InlineData("_2", "bar+%2521", "_2=bar+%252521")]
    [InlineData("as_timestamp", "2021-09-08 11%3A11%3A11", "as_timestamp=2021-09-08%2011%253A11%253A11")]
    public void UriPath_OfEscapedFolder_MatchesSparkAddPath(string column, string escapedValue, string expectedUri)
    {
        Assert.Equal(column + "=" + escapedValue, PartitionPath.Folder([column], new Dictionary<string, string?> { [column] = Unescape(escapedValue) }));
        Assert.Equal(expectedUri, PartitionPath.ToUriPath(column + "=" + escapedValue));
    }

    private static string Unescape(string s) => Uri.UnescapeDataString(s);

    [Fact]
    public void Folder_NullAndEmptyValues_UseHiveDefaultPartition()
    {
        var folder = PartitionPath.Folder(["a", "b"], new Dictionary<string, string?> { ["a"] = null, ["b"] = "" });
        Assert.Equal("a=__HIVE_DEFAULT_PARTITION__/b=__HIVE_DEFAULT_PARTITION__", folder);
    }

    [Fact]
    public void EscapePathName_EscapesSparkCharacterSet()
    {
        Assert.Equal("a%2Fb%3Dc%25d%3Fe%5Cf%7Bg%5Bh%5Di%5Ej%23k%22l%27m%2An%3Ao%01p", PartitionPath.EscapePathName("a/b=c%d?e\\f{g[h]i^j#k\"l'm*n:o\u0001p"));
        Assert.Equal("with space+plus,comma", PartitionPath.EscapePathName("with space+plus,comma"));
    }

    [Fact]
    public void ToUriPath_KeepsNonAsciiLettersAndEncodesSpaces()
    {
        Assert.Equal("c=été/x%20y", PartitionPath.ToUriPath("c=été/x y"));
        Assert.Equal("c=%C2%A0", PartitionPath.ToUriPath("c=\u00A0")); // no-break space is a space character: encoded
    }

    [Fact]
    public void PartitionValues_FormatLikeSpark()
    {
        Assert.Equal("2021-09-08", Format(DataType.Date, new DateOnly(2021, 9, 8)));
        Assert.Equal("2024-01-01T10:00:00.000000Z", Format(DataType.Timestamp, new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("2013-07-05 17:01:00.123456", Format(DataType.TimestampNtz, new DateTime(2013, 7, 5, 17, 1, 0, DateTimeKind.Unspecified).AddTicks(1234560)));
        Assert.Equal("2021-09-08 11:11:11", Format(DataType.TimestampNtz, new DateTime(2021, 9, 8, 11, 11, 11, DateTimeKind.Unspecified)));
        Assert.Equal("2021-09-08 11:11:11.1", Format(DataType.TimestampNtz, new DateTime(2021, 9, 8, 11, 11, 11, 100, DateTimeKind.Unspecified)));
        Assert.Equal("0.0", Format(DataType.Float, 0f));
        Assert.Equal("1.0", Format(DataType.Double, 1.0));
        Assert.Equal("true", Format(DataType.Boolean, true));
        Assert.Equal("-7", Format(DataType.Byte, (sbyte)-7));
        Assert.Equal("1.50", Format(new DecimalType(10, 2), new DecimalValue(150, 2)));
        Assert.Equal("12345678901234567890.5", Format(new DecimalType(30, 1), new DecimalValue(Int128.Parse("123456789012345678905"), 1)));
        Assert.Null(Format(DataType.String, ""));
        Assert.Null(Format(DataType.Integer, null));
        Assert.Equal("x y", Format(DataType.String, "x y"));
    }

    private static string? Format(DataType type, object? value)
    {
        var v = ColumnVector.Create(type, 1);
        TestBatches.Append(v, value);
        return PartitionValueFormatter.Format(v, 0);
    }
}
