using DeltaSharp.Tables;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Tables.Tests;

public class TablePropertiesTests
{
    private static TableProperties Of(params (string Key, string Value)[] pairs) =>
        TableProperties.From(pairs.ToDictionary(p => p.Key, p => p.Value));

    [Fact]
    public void Defaults_AreDeltas()
    {
        var p = Of();
        Assert.Equal(10, p.CheckpointInterval);
        Assert.Equal(TimeSpan.FromDays(30), p.LogRetentionDuration);
        Assert.Equal(TimeSpan.FromDays(7), p.DeletedFileRetentionDuration);
        Assert.True(p.EnableExpiredLogCleanup);
        Assert.Equal(32, p.DataSkippingNumIndexedCols);
        Assert.Null(p.DataSkippingStatsColumns);
        Assert.False(p.EnableDeletionVectors);
        Assert.False(p.EnableInCommitTimestamps);
        Assert.Null(p.InCommitTimestampEnablementVersion);
        Assert.Equal("none", p.ColumnMappingMode);
        Assert.Equal(0, p.ColumnMappingMaxColumnId);
        Assert.False(p.AppendOnly);
        Assert.False(p.EnableChangeDataFeed);
        Assert.Equal("classic", p.CheckpointPolicy);
    }

    [Fact]
    public void SetValues_AreParsed()
    {
        var p = Of(
            ("delta.checkpointInterval", "1"),
            ("delta.logRetentionDuration", "interval 2 days"),
            ("delta.deletedFileRetentionDuration", "interval 1 hour"),
            ("delta.enableExpiredLogCleanup", "FALSE"),
            ("delta.dataSkippingNumIndexedCols", "-1"),
            ("delta.dataSkippingStatsColumns", "a, b.c ,`x,y`"),
            ("delta.enableDeletionVectors", "true"),
            ("delta.enableInCommitTimestamps", "true"),
            ("delta.inCommitTimestampEnablementVersion", "5"),
            ("delta.columnMapping.mode", "Name"),
            ("delta.columnMapping.maxColumnId", "30"),
            ("delta.appendOnly", "true"),
            ("delta.checkpointPolicy", "v2"));
        Assert.Equal(1, p.CheckpointInterval);
        Assert.Equal(TimeSpan.FromDays(2), p.LogRetentionDuration);
        Assert.Equal(TimeSpan.FromHours(1), p.DeletedFileRetentionDuration);
        Assert.False(p.EnableExpiredLogCleanup);
        Assert.Equal(-1, p.DataSkippingNumIndexedCols);
        Assert.Equal(["a", "b.c", "`x,y`"], p.DataSkippingStatsColumns!);
        Assert.True(p.EnableDeletionVectors);
        Assert.True(p.EnableInCommitTimestamps);
        Assert.Equal(5, p.InCommitTimestampEnablementVersion);
        Assert.Equal("name", p.ColumnMappingMode);
        Assert.Equal(30, p.ColumnMappingMaxColumnId);
        Assert.True(p.AppendOnly);
        Assert.Equal("v2", p.CheckpointPolicy);
    }

    [Theory]
    [InlineData("delta.checkpointInterval", "0")]
    [InlineData("delta.checkpointInterval", "ten")]
    [InlineData("delta.enableExpiredLogCleanup", "yes")]
    [InlineData("delta.dataSkippingNumIndexedCols", "-2")]
    [InlineData("delta.columnMapping.mode", "position")]
    public void MalformedValue_ThrowsNamingKeyAndValue(string key, string value)
    {
        var p = Of((key, value));
        var ex = Assert.Throws<DeltaException>(() => _ = key switch
        {
            "delta.checkpointInterval" => p.CheckpointInterval,
            "delta.enableExpiredLogCleanup" => p.EnableExpiredLogCleanup ? 1 : 0,
            "delta.dataSkippingNumIndexedCols" => p.DataSkippingNumIndexedCols,
            _ => p.ColumnMappingMode.Length,
        });
        Assert.Contains(key, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("interval 30 days", 30L * 86_400_000_000)]
    [InlineData("30 days", 30L * 86_400_000_000)]
    [InlineData("1 week", 7L * 86_400_000_000)]
    [InlineData("2 weeks", 14L * 86_400_000_000)]
    [InlineData("168 hours", 7L * 86_400_000_000)]
    [InlineData("interval 1 day 12 hours", 36L * 3_600_000_000)]
    [InlineData("INTERVAL 1 DAY", 86_400_000_000)]
    [InlineData("  interval   5   Minutes  ", 300_000_000)]
    [InlineData("1 second", 1_000_000)]
    [InlineData("1.5 seconds", 1_500_000)]
    [InlineData(".25 second", 250_000)]
    [InlineData("1.123456789 seconds", 1_123_456)]
    [InlineData("250 milliseconds", 250_000)]
    [InlineData("7 microseconds", 7)]
    [InlineData("1 day -1 hour", 23L * 3_600_000_000)]
    [InlineData("+2 days", 2L * 86_400_000_000)]
    [InlineData("0 seconds", 0)]
    public void ParseInterval_SparkForms(string text, long micros)
    {
        Assert.Equal(TimeSpan.FromMicroseconds(micros), TableProperties.ParseInterval(text));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("interval", "no value")]
    [InlineData("30", "no unit")]
    [InlineData("30 fortnights", "unknown unit")]
    [InlineData("1 month", "months and years")]
    [InlineData("2 years", "months and years")]
    [InlineData("1.5 days", "fractional")]
    [InlineData("abc days", "invalid value")]
    [InlineData("1day", "no unit")]
    [InlineData("-1 day", "negative")]
    [InlineData("9223372036854775807 weeks", "too large")]
    [InlineData("1 dayss", "unknown unit")]
    public void ParseInterval_Bad_ThrowsInvalidIntervalNamingText(string text, string why)
    {
        var ex = Assert.Throws<DeltaException>(() => TableProperties.ParseInterval(text));
        Assert.Equal("DELTA_INVALID_INTERVAL", ex.ErrorClass);
        Assert.Contains($"'{text}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseInterval_SumOfUnits_EqualsTimeSpanArithmetic()
    {
        Prop.ForAll(
            Arb.From(Gen.Choose(0, int.MaxValue)),
            seed =>
            {
                var r = new Random(seed);
                var (w, h, ms) = (r.Next(5000), r.Next(5000), r.Next(5000));
                var expected = TimeSpan.FromDays(7L * w) + TimeSpan.FromHours(h) + TimeSpan.FromMilliseconds(ms);
                return TableProperties.ParseInterval($"interval {w} weeks {h} hours {ms} milliseconds") == expected;
            }).QuickCheckThrowOnFailure();
    }
}
