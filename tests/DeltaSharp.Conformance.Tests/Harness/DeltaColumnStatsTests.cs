using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Conformance.Tests.Harness;

public sealed class DeltaColumnStatsTests
{
    [Fact]
    public void Compute_Long_GivesNullCountMinMaxAndExactSum()
    {
        string[] rows = ["""{"x":9223372036854775807}""", """{"x":null}""", """{"x":-5}""", """{"x":9223372036854775807}"""];
        var s = DeltaColumnStats.Compute(rows, "x", DataType.Long);
        // 2 * (2^63 - 1) - 5, beyond Int64: the sum must not overflow.
        Assert.Equal(new ExpectedColumnStats(1, "\"-5\"", "\"9223372036854775807\"", "18446744073709551609"), s);
    }

    [Fact]
    public void Compute_Double_IgnoresNaNAndInfinityForMinMax()
    {
        string[] rows = ["""{"d":"NaN"}""", """{"d":1.5}""", """{"d":"-Infinity"}""", """{"d":-2.25}""", """{"d":"Infinity"}"""];
        var s = DeltaColumnStats.Compute(rows, "d", DataType.Double);
        Assert.Equal((0L, "-2.25", "1.5", (string?)null), (s.NullCount, s.MinJson, s.MaxJson, s.Sum));
    }

    [Fact]
    public void Compute_StringsDecimalsAndAllNull_UseTheirOwnOrder()
    {
        var strings = DeltaColumnStats.Compute(["""{"s":"b"}""", """{"s":"B"}""", """{"s":"ä"}"""], "s", DataType.String);
        Assert.Equal(("\"B\"", "\"ä\""), (strings.MinJson, strings.MaxJson)); // ordinal UTF-16 order, as JavaScript's <
        var decimals = DeltaColumnStats.Compute(["""{"m":"-10.50"}""", """{"m":"9.99"}""", """{"m":"-2.00"}"""], "m", new DecimalType(5, 2));
        Assert.Equal(("\"-10.50\"", "\"9.99\""), (decimals.MinJson, decimals.MaxJson));
        var nulls = DeltaColumnStats.Compute(["""{"m":null}"""], "m", DataType.Integer);
        Assert.Equal(new ExpectedColumnStats(1, "null", "null", "0"), nulls);
    }

    [Fact]
    public void Compare_ReportsEachDifferingStatistic()
    {
        var expected = new ExpectedColumnStats(0, "\"0\"", "\"999\"", "509835");
        Assert.Empty(DeltaColumnStats.Compare("id", DataType.Long, expected, new ExpectedColumnStats(0, "\"0\"", "\"999\"", "509835")));
        var diffs = DeltaColumnStats.Compare("id", DataType.Long, expected, new ExpectedColumnStats(1, "\"1\"", "\"999\"", "509836"));
        Assert.Equal(3, diffs.Count);
        Assert.Contains(diffs, d => d.Contains("nullCount", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.Contains("min", StringComparison.Ordinal));
        Assert.Contains(diffs, d => d.Contains("sum expected 509835 but was 509836", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_FloatMinMax_ComparesAsFloat()
    {
        var expected = new ExpectedColumnStats(0, "0.1", "3.4028235e+38", null);
        Assert.Empty(DeltaColumnStats.Compare("f", DataType.Float, expected, new ExpectedColumnStats(0, "0.100000001", "3.4028235E38", null)));
        Assert.NotEmpty(DeltaColumnStats.Compare("f", DataType.Float, expected, new ExpectedColumnStats(0, "0.2", "3.4028235e+38", null)));
    }
}
