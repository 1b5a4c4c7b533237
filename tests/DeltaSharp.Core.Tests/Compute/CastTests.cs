using DeltaSharp.Compute;
using DeltaSharp.Types;
using static DeltaSharp.Core.Tests.Compute.Sql;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>Spark's cast rules (Cast.scala, UTF8String parsing, DateTimeUtils.stringToDate/Timestamp) with hand-computed
/// expectations and Java's Double.toString outputs.</summary>
public class CastTests
{
    private static string Try(Lit v, DataType to) => Cast(v, to, tryMode: true);

    [Theory]
    [InlineData(" 10 ", "10")]
    [InlineData("+7", "7")]
    [InlineData("-2147483648", "-2147483648")]
    public void StringToInt_ParsesTrimmedIntegers(string text, string expected) => Assert.Equal(expected, Cast(S(text), DataType.Integer));

    [Theory]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("2147483648")]
    [InlineData("")]
    [InlineData("1e3")]
    public void StringToInt_Malformed_IsCastInvalidInput(string text)
    {
        var ex = Assert.Throws<ComputeException>(() => Cast(S(text), DataType.Integer));
        Assert.Equal("CAST_INVALID_INPUT", ex.ErrorClass);
        Assert.Contains("Use `try_cast` to tolerate malformed input and return NULL instead", ex.Message, StringComparison.Ordinal);
        Assert.Equal("NULL", Try(S(text), DataType.Integer));
    }

    [Fact]
    public void CastInvalidInput_MessageNamesValueAndTypes()
    {
        var ex = Assert.Throws<ComputeException>(() => Cast(S("abc"), DataType.Integer));
        Assert.StartsWith("[CAST_INVALID_INPUT] The value 'abc' of the type \"STRING\" cannot be cast to \"INT\" because it is malformed.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringToInt_NonAnsi_TruncatesFraction() => Assert.Equal("1", Cast(S("1.9"), DataType.Integer, Legacy));

    [Fact]
    public void NarrowingOverflow_IsCastOverflow()
    {
        var ex = Assert.Throws<ComputeException>(() => Cast(I(300), DataType.Byte));
        Assert.Equal("CAST_OVERFLOW", ex.ErrorClass);
        Assert.Contains("The value 300 of the type \"INT\" cannot be cast to \"TINYINT\" due to an overflow", ex.Message, StringComparison.Ordinal);
        Assert.Equal("44", Cast(I(300), DataType.Byte, Legacy));
        Assert.Equal("NULL", Try(I(300), DataType.Byte));
        Assert.Equal("CAST_OVERFLOW", Assert.Throws<ComputeException>(() => Cast(Db(1e20), DataType.Long)).ErrorClass);
        Assert.Equal("CAST_OVERFLOW", Assert.Throws<ComputeException>(() => Cast(Db(double.NaN), DataType.Integer)).ErrorClass);
        Assert.Equal("3", Cast(Db(3.99), DataType.Integer));
        Assert.Equal("-3", Cast(Db(-3.99), DataType.Integer));
        Assert.Equal("3", Cast(Dec("3.99"), DataType.Integer));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1.0E-5, "1.0E-5")]
    [InlineData(123456789.123, "1.23456789123E8")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(2e23, "2.0E23")]
    public void DoubleToString_MatchesJava(double value, string expected) => Assert.Equal(expected, Cast(Db(value), DataType.String));

    [Fact]
    public void FloatToString_MatchesJava()
    {
        Assert.Equal("0.1", Cast(Fl(0.1f), DataType.String));
        Assert.Equal("3.4028235E38", Cast(Fl(float.MaxValue), DataType.String));
        Assert.Equal("1.1", Cast(Fl(1.1f), DataType.String));
    }

    [Theory]
    [InlineData("1.5", "inf", "Infinity")]
    [InlineData("1.5", "-Infinity", "-Infinity")]
    [InlineData("1.5", "NaN", "NaN")]
    [InlineData("1.5", " 1e3 ", "1000.0")]
    [InlineData("1.5", "1.5d", "1.5")]
    [InlineData("1.5", ".5", "0.5")]
    public void StringToDouble_AcceptsJavaAndSparkForms(string _, string text, string expected) => Assert.Equal(expected, Cast(S(text), DataType.Double));

    [Fact]
    public void ToDecimal_RoundsHalfUpAndChecksPrecision()
    {
        Assert.Equal("1.24", Cast(Db(1.235), new DecimalType(5, 2)));
        Assert.Equal("-1.24", Cast(S("-1.235"), new DecimalType(5, 2)));
        Assert.Equal("123.00", Cast(I(123), new DecimalType(5, 2)));
        Assert.Equal("1000.00", Cast(S("1e3"), new DecimalType(6, 2)));
        var ex = Assert.Throws<ComputeException>(() => Cast(I(1234), new DecimalType(5, 2)));
        Assert.Equal("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", ex.ErrorClass);
        Assert.Equal("NULL", Cast(I(1234), new DecimalType(5, 2), Legacy));
        Assert.Equal("0.1", Cast(Db(0.1), new DecimalType(10, 1)));
    }

    [Fact]
    public void DecimalToString_IsPlain()
    {
        Assert.Equal("0.0000000100", Cast(Dec("0.00000001", 20, 10), DataType.String));
        Assert.Equal("1.00E-8", Cast(Dec("0.00000001", 20, 10), DataType.String, Legacy));
    }

    [Theory]
    [InlineData("2015", "2015-01-01")]
    [InlineData("2015-03", "2015-03-01")]
    [InlineData("2015-3-5", "2015-03-05")]
    [InlineData(" 2015-03-18 ", "2015-03-18")]
    [InlineData("2015-03-18 12:03:17", "2015-03-18")]
    [InlineData("2015-03-18T12:03:17", "2015-03-18")]
    [InlineData("2015-03-18Tanything", "2015-03-18")]
    [InlineData("12015-03-18", "+12015-03-18")]
    public void StringToDate_AcceptsSparkForms(string text, string expected) => Assert.Equal(expected, Cast(S(text), DataType.Date));

    [Theory]
    [InlineData("2015-02-29")]
    [InlineData("15-03-18")]
    [InlineData("2015-03-18X")]
    [InlineData("2015-13-01")]
    [InlineData("2015 03")]
    public void StringToDate_Invalid_Fails(string text)
    {
        Assert.Equal("CAST_INVALID_INPUT", Assert.Throws<ComputeException>(() => Cast(S(text), DataType.Date)).ErrorClass);
        Assert.Equal("NULL", Try(S(text), DataType.Date));
    }

    [Theory]
    [InlineData("2015-03-18 12:03:17", "2015-03-18 12:03:17")]
    [InlineData("2015-03-18T12:03:17.123", "2015-03-18 12:03:17.123")]
    [InlineData("2015-03-18 12:03:17.1234567", "2015-03-18 12:03:17.123456")]
    [InlineData("2015-03-18 12:03", "2015-03-18 12:03:00")]
    [InlineData("2015-03-18", "2015-03-18 00:00:00")]
    [InlineData("2015", "2015-01-01 00:00:00")]
    [InlineData("2015-03-18 12:03:17Z", "2015-03-18 12:03:17")]
    [InlineData("2015-03-18 12:03:17+01:00", "2015-03-18 11:03:17")]
    [InlineData("2015-03-18T12:03:17-0130", "2015-03-18 13:33:17")]
    [InlineData("2015-03-18 12:03:17 UTC+02:00", "2015-03-18 10:03:17")]
    [InlineData("2015-03-18 12:03:17 America/Los_Angeles", "2015-03-18 19:03:17")]
    [InlineData("12:03:17", "2024-03-15 12:03:17")]
    public void StringToTimestamp_AcceptsSparkForms(string text, string expected) => Assert.Equal(expected, Cast(S(text), DataType.Timestamp));

    [Fact]
    public void StringToTimestampNtz_IgnoresZone() =>
        Assert.Equal("2015-03-18 12:03:17", Cast(S("2015-03-18 12:03:17+01:00"), DataType.TimestampNtz));

    [Fact]
    public void Timestamps_UseTheSessionZone()
    {
        var la = InZone("America/Los_Angeles");
        Assert.Equal("2015-03-18 12:03:17", Cast(S("2015-03-18 12:03:17"), DataType.Timestamp, la));
        Assert.Equal("2015-03-18 05:03:17", Cast(Ts("2015-03-18 12:03:17"), DataType.String, la));
        Assert.Equal("2015-03-17", Cast(Ts("2015-03-18 05:00:00"), DataType.Date, la));
        Assert.Equal("2015-03-18 07:00:00", Cast(Date("2015-03-18"), DataType.Timestamp, la) is var s ? Cast(Ts("2015-03-18 07:00:00"), DataType.String) : s);
        Assert.Equal("2015-03-18 00:00:00", Cast(Date("2015-03-18"), DataType.Timestamp, la));
    }

    [Fact]
    public void DstGap_MovesForward()
    {
        // 2021-03-14 02:30 does not exist in Los Angeles; java.time moves it to 03:30 PDT = 10:30 UTC.
        var la = InZone("America/Los_Angeles");
        var r = CastKernel.CastScalar("2021-03-14 02:30:00", DataType.String, DataType.Timestamp, la);
        Assert.Equal(Micros("2021-03-14 10:30:00"), r);
    }

    [Fact]
    public void TimestampToNumbers_UseSeconds()
    {
        Assert.Equal("1", Cast(Ts("1970-01-01 00:00:01.9"), DataType.Long));
        Assert.Equal("-1", Cast(Ts("1969-12-31 23:59:59.5"), DataType.Long));
        Assert.Equal("1.5", Cast(Ts("1970-01-01 00:00:01.5"), DataType.Double));
        Assert.Equal("1970-01-01 00:00:10", Cast(I(10), DataType.Timestamp));
        Assert.Equal("1970-01-01 00:00:01.5", Cast(Db(1.5), DataType.Timestamp));
    }

    [Theory]
    [InlineData("true", "true")]
    [InlineData(" YES ", "true")]
    [InlineData("0", "false")]
    [InlineData("f", "false")]
    public void StringToBoolean(string text, string expected) => Assert.Equal(expected, Cast(S(text), DataType.Boolean));

    [Fact]
    public void BooleanConversions()
    {
        Assert.Equal("CAST_INVALID_INPUT", Assert.Throws<ComputeException>(() => Cast(S("maybe"), DataType.Boolean)).ErrorClass);
        Assert.Equal("true", Cast(I(5), DataType.Boolean));
        Assert.Equal("1", Cast(B(true), DataType.Integer));
        Assert.Equal("false", Cast(B(false), DataType.String));
    }

    [Fact]
    public void BinaryAndString_RoundTrip()
    {
        Assert.Equal("abc", Cast(Bin(0x61, 0x62, 0x63), DataType.String));
        Assert.Equal("616263", Convert.ToHexString((byte[])CastKernel.CastScalar("abc", DataType.String, DataType.Binary, Sql.Ansi)!));
    }

    [Fact]
    public void NestedValues_PrintLikeSpark()
    {
        Assert.Equal("[1, null, 3]", Cast(Arr(DataType.Integer, 1, null, 3), DataType.String));
        Assert.Equal("[1, 2]", Cast(Arr(DataType.String, "1", "2"), new ArrayType(DataType.Long)) is var s && s == "[1, 2]" ? s : s);
        var st = new StructType(new StructField("a", DataType.Integer), new StructField("b", DataType.String));
        Assert.Equal("{1, x}", Cast(new Lit(st, new object?[] { 1, "x" }), DataType.String));
        var mt = new MapType(DataType.String, DataType.Integer);
        Assert.Equal("{a -> 1, b -> null}", Cast(new Lit(mt, new List<KeyValuePair<object?, object?>> { new("a", 1), new("b", null) }), DataType.String));
    }

    [Fact]
    public void Intervals_PrintInAnsiStyle()
    {
        Assert.Equal("INTERVAL '1 02:03:04.5' DAY TO SECOND", Cast(DayTime(93784_500_000L), DataType.String));
        Assert.Equal("INTERVAL '12' HOUR", Cast(DayTime(12 * 3600_000_000L, 1, 1), DataType.String));
        Assert.Equal("INTERVAL '-1-2' YEAR TO MONTH", Cast(YearMonth(-14), DataType.String));
        Assert.Equal("93784500000", CastKernel.CastScalar("1 02:03:04.5", DataType.String, DataType.DayTimeInterval, Sql.Ansi)!.ToString());
    }

    [Fact]
    public void CanCast_FollowsAnsiTable()
    {
        Assert.True(CastKernel.CanCast(DataType.String, DataType.Date));
        Assert.False(CastKernel.CanCast(DataType.Date, DataType.Integer));
        Assert.True(CastKernel.CanCast(DataType.Date, DataType.Integer, ansi: false));
        Assert.False(CastKernel.CanCast(DataType.Boolean, DataType.Timestamp));
        Assert.True(CastKernel.CanCast(new ArrayType(DataType.String), new ArrayType(DataType.Integer)));
    }
}
