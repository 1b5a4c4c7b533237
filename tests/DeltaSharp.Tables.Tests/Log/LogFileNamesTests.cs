using DeltaSharp.Tables.Log;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Tables.Tests.Log;

public class LogFileNamesTests
{
    [Theory]
    [InlineData("00000000000000000000.json", "Commit", 0)]
    [InlineData("00000000000000000042.json", "Commit", 42)]
    [InlineData("00000000000000000010.crc", "Checksum", 10)]
    [InlineData("00000000000000000010.checkpoint.parquet", "ClassicCheckpoint", 10)]
    [InlineData("00000000000000000010.checkpoint.0000000002.0000000003.parquet", "MultiPartCheckpoint", 10)]
    [InlineData("00000000000000000002.checkpoint.6374b053-df23-479b-b2cf-c9c550132b49.json", "V2Checkpoint", 2)]
    [InlineData("00000000000000000001.checkpoint.956ea395-e95c-4292-a67e-37b8b282af28.parquet", "V2Checkpoint", 1)]
    [InlineData("00000000000000000000.00000000000000000005.compacted.json", "Compaction", 0)]
    [InlineData("09223372036854775807.json", "Commit", long.MaxValue)]
    public void TryParse_LogFiles(string name, string kind, long version)
    {
        Assert.True(LogFileNames.TryParse(name, out var parsed));
        Assert.Equal(kind, parsed.Kind.ToString());
        Assert.Equal(version, parsed.Version);
    }

    [Fact]
    public void TryParse_PartsAndRanges()
    {
        Assert.True(LogFileNames.TryParse("00000000000000000010.checkpoint.0000000002.0000000003.parquet", out var part));
        Assert.Equal((2, 3), (part.Part, part.Parts));
        Assert.True(LogFileNames.TryParse("00000000000000000004.00000000000000000006.compacted.json", out var compaction));
        Assert.Equal((4L, 6L), (compaction.Version, compaction.EndVersion));
        Assert.True(LogFileNames.TryParse("00000000000000000002.checkpoint.6374b053-df23-479b-b2cf-c9c550132b49.json", out var v2));
        Assert.True(v2.IsJson);
    }

    [Theory]
    [InlineData("_last_checkpoint")]
    [InlineData(".00000000000000000005.json.crc")]
    [InlineData(".00000000000000000005.json.6f1c.tmp")]
    [InlineData("00000000000000000005.json.tmp")]
    [InlineData("0000000000000000005.json")]          // 19 digits
    [InlineData("000000000000000000005.json")]        // 21 digits
    [InlineData("0000000000000000000a.json")]
    [InlineData("00000000000000000005.JSON")]
    [InlineData("00000000000000000005.checkpoint.parquet.crc")]
    [InlineData("00000000000000000005.checkpoint.0000000004.0000000003.parquet")] // part > parts
    [InlineData("00000000000000000005.checkpoint.0000000000.0000000003.parquet")] // part 0
    [InlineData("00000000000000000005.checkpoint.not-a-uuid.json")]
    [InlineData("00000000000000000005.00000000000000000005.compacted.json")]    // y must be > x
    [InlineData("00000000000000000005.00000000000000000003.compacted.json")]
    [InlineData("99999999999999999999.json")]        // beyond a long
    [InlineData("")]
    public void TryParse_NotLogFiles(string name)
    {
        Assert.False(LogFileNames.TryParse(name, out _));
    }

    [Fact]
    public void Format_ThenParse_RoundTrips()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var r = new Random(seed);
            var v = r.NextInt64(0, long.MaxValue);
            var parts = r.Next(1, 1000);
            var part = r.Next(1, parts + 1);
            var id = new Guid(r.GetItems<byte>([.. Enumerable.Range(0, 256).Select(i => (byte)i)], 16));
            return LogFileNames.TryParse(LogFileNames.Commit(v), out var c) && c is { Kind: LogFileKind.Commit } && c.Version == v
                && LogFileNames.TryParse(LogFileNames.ClassicCheckpoint(v), out var k) && k.Kind == LogFileKind.ClassicCheckpoint && k.Version == v
                && LogFileNames.TryParse(LogFileNames.MultiPartCheckpoint(v, part, parts), out var m) && m.Part == part && m.Parts == parts && m.Version == v
                && LogFileNames.TryParse(LogFileNames.V2Checkpoint(v, id, json: r.Next(2) == 0), out var u) && u.Kind == LogFileKind.V2Checkpoint
                && LogFileNames.TryParse(LogFileNames.Checksum(v), out var crc) && crc.Kind == LogFileKind.Checksum
                && (v == long.MaxValue || (LogFileNames.TryParse(LogFileNames.Compaction(v, v + 1), out var x) && x.EndVersion == v + 1));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Format_UsesSparkPadding()
    {
        Assert.Equal("00000000000000000007.json", LogFileNames.Commit(7));
        Assert.Equal("00000000000000000010.checkpoint.0000000001.0000000002.parquet", LogFileNames.MultiPartCheckpoint(10, 1, 2));
        Assert.Equal("00000000000000000001.00000000000000000003.compacted.json", LogFileNames.Compaction(1, 3));
    }
}
