using DeltaSharp.Parquet.Encodings;
using FsCheck.Fluent;

namespace DeltaSharp.Parquet.Tests.Encodings;

/// <summary>Cross-checks the word-load bit unpacker against a naive bit-by-bit reference for every width.</summary>
public class BitPackingTests
{
    /// <summary>Reference: value i is bits [offset + i*w, offset + (i+1)*w), bit b of byte j is bit 8j+b (LSB first).</summary>
    private static ulong NaiveRead(byte[] data, long bitOffset, int width)
    {
        ulong v = 0;
        for (var b = 0; b < width; b++)
        {
            var p = bitOffset + b;
            var bit = (data[p / 8] >> (int)(p % 8)) & 1;
            v |= (ulong)bit << b;
        }
        return v;
    }

    private static byte[] NaivePack(ulong[] values, int width)
    {
        var data = new byte[(values.Length * width + 7) / 8];
        for (var i = 0; i < values.Length; i++)
            for (var b = 0; b < width; b++)
                if (((values[i] >> b) & 1) != 0)
                {
                    var p = (long)i * width + b;
                    data[p / 8] |= (byte)(1 << (int)(p % 8));
                }
        return data;
    }

    [Fact]
    public void Unpack32_MatchesNaiveReference_ForEveryWidthOffsetAndLength()
    {
        var r = new Random(1234);
        for (var width = 0; width <= 32; width++)
        {
            foreach (var count in new[] { 0, 1, 3, 7, 8, 9, 15, 16, 17, 64, 100, 333 })
            {
                var offsetValues = r.Next(0, 20);
                var data = new byte[(int)BitPacking.ByteCount(offsetValues + count, width)];
                r.NextBytes(data);
                var got = new int[count];
                BitPacking.Unpack32(data, (long)offsetValues * width, width, got);
                for (var i = 0; i < count; i++)
                    Assert.True((uint)got[i] == NaiveRead(data, (long)(offsetValues + i) * width, width), $"width {width} count {count} value {i}");
            }
        }
    }

    [Fact]
    public void Unpack64_MatchesNaiveReference_ForEveryWidthOffsetAndLength()
    {
        var r = new Random(99);
        for (var width = 0; width <= 64; width++)
        {
            foreach (var count in new[] { 0, 1, 5, 8, 31, 32, 33, 200 })
            {
                var offsetValues = r.Next(0, 20);
                var data = new byte[(int)BitPacking.ByteCount(offsetValues + count, width)];
                r.NextBytes(data);
                var got = new long[count];
                BitPacking.Unpack64(data, (long)offsetValues * width, width, got);
                for (var i = 0; i < count; i++)
                    Assert.True((ulong)got[i] == NaiveRead(data, (long)(offsetValues + i) * width, width), $"width {width} count {count} value {i}");
            }
        }
    }

    [Fact]
    public void Pack_MatchesNaiveReference_Property()
    {
        var gen = from width in Gen.Choose(0, 64)
                  from count in Gen.Choose(0, 300)
                  from seed in Gen.Choose(0, int.MaxValue)
                  select (width, count, seed);
        EncodingTestKit.Check(gen, t =>
        {
            var (width, count, seed) = t;
            var r = new Random(seed);
            var values = new ulong[count];
            for (var i = 0; i < count; i++) values[i] = width == 0 ? 0 : (ulong)r.NextInt64() >> (64 - width) | (r.Next(2) == 0 ? 0 : 1UL << (width - 1));
            var expected = NaivePack(values, width);
            var packed = new byte[expected.Length];
            Assert.Equal(expected.Length, BitPacking.Pack64(Array.ConvertAll(values, v => (long)v), width, packed));
            Assert.Equal(expected, packed);
            if (width <= 32)
            {
                var packed32 = new byte[expected.Length];
                Assert.Equal(expected.Length, BitPacking.Pack32(Array.ConvertAll(values, v => (int)v), width, packed32));
                Assert.Equal(expected, packed32);
            }
        }, 300);
    }

    [Theory]
    [InlineData(0UL, 0)]
    [InlineData(1UL, 1)]
    [InlineData(7UL, 3)]
    [InlineData(8UL, 4)]
    [InlineData(ulong.MaxValue, 64)]
    public void BitWidth_IsBitsOfUnsignedValue(ulong value, int expected) => Assert.Equal(expected, BitPacking.BitWidth(value));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(int.MaxValue, 31)]
    public void BitWidth_OfMaxLevel(int max, int expected) => Assert.Equal(expected, BitPacking.BitWidth(max));
}
