using DeltaSharp.Parquet.Encodings;
using FsCheck.Fluent;
using static DeltaSharp.Parquet.Tests.Encodings.EncodingTestKit;

namespace DeltaSharp.Parquet.Tests.Encodings;

public class RleBitPackedHybridTests
{
    /// <summary>Independent reference decoder, bit by bit, straight from the grammar.</summary>
    private static List<int> NaiveDecode(byte[] data, int width)
    {
        var values = new List<int>();
        var pos = 0;
        while (pos < data.Length)
        {
            ulong header = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = data[pos++];
                header |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80) break;
            }
            if ((header & 1) == 0)
            {
                var v = 0;
                for (var i = 0; i < (width + 7) / 8; i++) v |= data[pos++] << (8 * i);
                for (ulong i = 0; i < header >> 1; i++) values.Add(v);
            }
            else
            {
                var n = (int)(header >> 1) * 8;
                for (var i = 0; i < n; i++)
                {
                    var v = 0;
                    for (var b = 0; b < width; b++)
                    {
                        var p = i * width + b;
                        v |= ((data[pos + p / 8] >> (p % 8)) & 1) << b;
                    }
                    values.Add(v);
                }
                pos += (int)(header >> 1) * width;
            }
        }
        return values;
    }

    private static readonly FsCheck.Gen<(Case Case, int Width)> CasesWithWidth =
        from c in Cases
        from w in Gen.Choose(0, 32)
        select (c, w);

    [Fact]
    public void RoundTrip_EveryWidth_MatchesInputAndNaiveDecoder()
    {
        Check(CasesWithWidth, t =>
        {
            var (c, width) = t;
            var values = Levels(new Random(c.Seed), c.Length, c.Shape, width);
            var e = new RleBitPackedHybridEncoder(width);
            e.Write(values);
            var bytes = Encode(e.Flush);

            var naive = NaiveDecode(bytes, width);
            Assert.True(naive.Count >= values.Length && naive.Count < values.Length + 8, $"naive count {naive.Count}");
            Assert.Equal(values, naive.Take(values.Length));

            var d = new RleBitPackedHybridDecoder();
            d.Reset(bytes, width);
            var got = new int[values.Length];
            Assert.Equal(values.Length, d.Read(got));
            Assert.Equal(values, got);
        }, 120);
    }

    [Fact]
    public void Read_InChunksWithSkips_EqualsFullRead()
    {
        Check(CasesWithWidth, t =>
        {
            var (c, width) = t;
            var values = Levels(new Random(c.Seed), c.Length, c.Shape, width);
            var e = new RleBitPackedHybridEncoder(width);
            e.Write(values);
            var bytes = Encode(e.Flush);
            var d = new RleBitPackedHybridDecoder();
            d.Reset(bytes, width);
            var r = new Random(c.ChunkSeed);
            var i = 0;
            var buffer = new int[300];
            while (i < values.Length)
            {
                var k = Math.Min(r.Next(1, 300), values.Length - i);
                if (r.Next(3) == 0)
                {
                    Assert.Equal(k, d.Skip(k));
                }
                else
                {
                    Assert.Equal(k, d.Read(buffer.AsSpan(0, k)));
                    Assert.Equal(values.AsSpan(i, k).ToArray(), buffer.AsSpan(0, k).ToArray());
                }
                i += k;
            }
        }, 200);
    }

    [Fact]
    public void Encoder_UsesRleForRunsOfEightOrMore()
    {
        var e = new RleBitPackedHybridEncoder(1);
        e.Write(Enumerable.Repeat(1, 1000).ToArray());
        // One rle-run: varint(1000 << 1) = 0xD0 0x0F, value 0x01.
        Assert.Equal([0xD0, 0x0F, 0x01], Encode(e.Flush));
    }

    [Fact]
    public void Encoder_SplitsBitPackedRunsAt63Groups()
    {
        var values = Enumerable.Range(0, 64 * 8).Select(i => i % 2).ToArray();
        var e = new RleBitPackedHybridEncoder(1);
        e.Write(values);
        var bytes = Encode(e.Flush);
        // 63 groups (header 0x7F + 63 bytes of 0b10101010), then 1 group (header 0x03 + 1 byte).
        Assert.Equal(1 + 63 + 1 + 1, bytes.Length);
        Assert.Equal(0x7F, bytes[0]);
        Assert.Equal(0xAA, bytes[1]);
        Assert.Equal(0x03, bytes[64]);
    }

    [Fact]
    public void Encoder_IsReusableAfterFlush_AndWritesLengthPrefix()
    {
        var e = new RleBitPackedHybridEncoder(2);
        e.Write([1, 2, 3]);
        Encode(e.Flush);
        e.Write(Enumerable.Repeat(3, 9).ToArray());
        Assert.Equal([0x02, 0, 0, 0, 0x12, 0x03], Encode(e.FlushLengthPrefixed));
    }

    [Fact]
    public void Encoder_RejectsValueWiderThanBitWidth()
    {
        var e = new RleBitPackedHybridEncoder(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => e.Write(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => e.Write(-1));
        new RleBitPackedHybridEncoder(32).Write(-1);
    }

    [Fact]
    public void BitWidthZero_ReadsZerosWithoutData()
    {
        var d = new RleBitPackedHybridDecoder();
        d.Reset(ReadOnlyMemory<byte>.Empty, 0);
        var got = Enumerable.Repeat(9, 20).ToArray();
        Assert.Equal(20, d.Read(got));
        Assert.All(got, v => Assert.Equal(0, v));
        Assert.Equal(5, d.Skip(5));
    }

    [Fact]
    public void LengthPrefixed_ReturnsBytesConsumedAndDecodesBlock()
    {
        byte[] page = [0x04, 0, 0, 0, .. new byte[] { 0x03, 0b10001000, 0b11000110, 0b11111010 }, 0xEE, 0xEE];
        var d = new RleBitPackedHybridDecoder();
        Assert.Equal(8, d.ResetLengthPrefixed(page, 3));
        var got = new int[9];
        Assert.Equal(8, d.Read(got));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 0], got);
    }

    [Theory]
    [InlineData("")]            // no prefix
    [InlineData("0100")]        // short prefix
    [InlineData("05000000 00")] // length beyond data
    [InlineData("FFFFFFFF 00")] // huge length
    public void LengthPrefixed_WhenPrefixIsBad_Throws(string hex)
    {
        var d = new RleBitPackedHybridDecoder();
        Assert.Throws<ParquetFormatException>(() => d.ResetLengthPrefixed(Hex(hex), 1));
    }

    [Theory]
    [InlineData("14", 3)]                   // rle run missing its value
    [InlineData("00", 3)]                   // run of length 0
    [InlineData("01", 3)]                   // bit-packed run of 0 groups
    [InlineData("0F", 3)]                   // bit-packed run without data
    [InlineData("14 08", 3)]                // repeated value 8 does not fit 3 bits
    [InlineData("FFFFFFFFFF01", 3)]         // header varint overflows 32 bits
    [InlineData("80", 3)]                   // truncated varint
    public void Decode_WhenRunIsCorrupt_Throws(string hex, int width)
    {
        var d = new RleBitPackedHybridDecoder();
        d.Reset(Hex(hex), width);
        Assert.Throws<ParquetFormatException>(() => d.Read(new int[16]));
    }

    [Fact]
    public void Decode_WhenLastBitPackedRunIsCutShort_ReturnsTheWholeValuesPresent()
    {
        // Header says 2 groups (16 values of 3 bits = 6 bytes), only 3 bytes present: 8 values.
        var d = new RleBitPackedHybridDecoder();
        d.Reset(new byte[] { 0x05, 0b10001000, 0b11000110, 0b11111010 }, 3);
        var got = new int[16];
        Assert.Equal(8, d.Read(got));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7], got.Take(8));
    }

    [Fact]
    public void Decode_WhenRunLongerThanInput_ReturnsFewerNeverThrowsOutOfRange()
    {
        var d = new RleBitPackedHybridDecoder();
        d.Reset(new byte[] { 0x14, 0x05 }, 3);
        Assert.Equal(10, d.Read(new int[100]));
        Assert.Equal(0, d.Read(new int[100]));
        Assert.Equal(0, d.Skip(10));
    }

    [Fact]
    public void PeekRun_ReportsRepeatedAndPackedRuns()
    {
        var d = new RleBitPackedHybridDecoder();
        d.Reset(new byte[] { 0x14, 0x05, 0x03, 0b10001000, 0b11000110, 0b11111010 }, 3);
        Assert.Equal(10, d.PeekRun(out var repeated, out var value));
        Assert.True(repeated);
        Assert.Equal(5, value);
        d.Skip(10);
        Assert.Equal(8, d.PeekRun(out repeated, out _));
        Assert.False(repeated);
        d.Skip(8);
        Assert.Equal(0, d.PeekRun(out _, out _));
    }

    [Fact]
    public void BitPackedLegacy_ReadInChunks_MatchesNaiveMsbFirstPacking()
    {
        Check(CasesWithWidth, t =>
        {
            var (c, width) = t;
            var values = Levels(new Random(c.Seed), c.Length, c.Shape, width);
            // Naive MSB-first packer straight from the spec text.
            var data = new byte[BitPackedLegacyDecoder.ByteLength(values.Length, width)];
            for (var i = 0; i < values.Length; i++)
                for (var b = 0; b < width; b++)
                    if (((values[i] >> (width - 1 - b)) & 1) != 0)
                    {
                        var p = (long)i * width + b;
                        data[p / 8] |= (byte)(0x80 >> (int)(p % 8));
                    }
            var d = new BitPackedLegacyDecoder();
            d.Reset(data, width);
            var r = new Random(c.ChunkSeed);
            var i2 = 0;
            var buffer = new int[200];
            while (i2 < values.Length)
            {
                var k = Math.Min(r.Next(1, 200), values.Length - i2);
                if (r.Next(3) == 0) Assert.Equal(k, d.Skip(k));
                else
                {
                    Assert.Equal(k, d.Read(buffer.AsSpan(0, k)));
                    Assert.Equal(values.AsSpan(i2, k).ToArray(), buffer.AsSpan(0, k).ToArray());
                }
                i2 += k;
            }
            if (width > 0) Assert.True(d.Read(buffer) < 8);
        }, 200);
    }
}
