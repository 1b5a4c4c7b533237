using System.Diagnostics;
using DeltaSharp.Parquet.Encodings;
using DeltaSharp.Parquet.Format;
using static DeltaSharp.Parquet.Tests.Encodings.EncodingTestKit;

namespace DeltaSharp.Parquet.Tests.Encodings;

/// <summary>
/// Random mutations of valid pages (flipped, overwritten, inserted, removed bytes, truncation, wrong value counts)
/// must decode or raise <see cref="ParquetFormatException"/>: never another exception, never a hang.
/// </summary>
public class CorruptInputTests
{
    private const int Mutations = 3000;

    private static byte[] Mutate(Random r, byte[] page)
    {
        var bytes = new List<byte>(page);
        var edits = r.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            switch (r.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[r.Next(bytes.Count)] ^= (byte)(1 << r.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[r.Next(bytes.Count)] = (byte)r.Next(256);
                    break;
                case 2 when bytes.Count > 0:
                    bytes[r.Next(Math.Min(bytes.Count, 24))] = r.Next(2) == 0 ? (byte)0xFF : (byte)0x80;
                    break;
                case 3:
                    bytes.Insert(r.Next(bytes.Count + 1), (byte)r.Next(256));
                    break;
                case 4 when bytes.Count > 0:
                    bytes.RemoveAt(r.Next(bytes.Count));
                    break;
                default:
                    bytes.RemoveRange(r.Next(bytes.Count + 1) is var at ? at : 0, bytes.Count - at);
                    break;
            }
        }
        return [.. bytes];
    }

    private static void Fuzz(string name, Func<Random, (byte[] Page, int Count)> make, Action<Random, byte[], int> decode)
    {
        var r = new Random(name.GetHashCode(StringComparison.Ordinal) ^ 0x5EED);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Mutations; i++)
        {
            var (page, count) = make(r);
            var bad = Mutate(r, page);
            var declared = r.Next(4) == 0 ? count + r.Next(-3, 50) : count;
            try
            {
                decode(r, bad, Math.Max(0, declared));
            }
            catch (ParquetFormatException)
            {
            }
            catch (Exception ex)
            {
                Assert.Fail($"{name}: mutation {i} ({Convert.ToHexString(bad)}, count {declared}) threw {ex.GetType().Name}: {ex.Message}");
            }
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{name}: fuzzing took {watch.Elapsed}");
    }

    private static void DrainValues<T>(Random r, IValueDecoder<T> d, byte[] page, int count) where T : unmanaged
    {
        d.Reset(page, count);
        var buffer = new T[64];
        var total = 0;
        while (true)
        {
            var k = r.Next(1, 65);
            var got = r.Next(5) == 0 ? d.Skip(k) : d.Read(buffer.AsSpan(0, k));
            Assert.InRange(got, 0, k);
            total += got;
            if (got < k) break;
        }
        Assert.True(total <= count);
    }

    private static void DrainBytes(Random r, IByteArrayDecoder d, byte[] page, int count)
    {
        d.Reset(page, count);
        var v = NewVector(1);
        while (true)
        {
            var k = r.Next(1, 65);
            var got = r.Next(5) == 0 ? d.Skip(k) : d.Read(v, k);
            Assert.InRange(got, 0, k);
            if (got < k) break;
        }
        Assert.True(v.Length <= count);
        for (var i = 0; i < v.Length; i++) Assert.True(v.Offsets[i + 1] >= v.Offsets[i]);
    }

    private static (byte[], int) Page<T>(Random r, Func<Random, int, int, T[]> values, Func<T[], byte[]> encode)
    {
        var v = values(r, r.Next(0, 200), r.Next(Shapes));
        return (encode(v), v.Length);
    }

    private static int[] Rows(int n) => Enumerable.Range(0, n).ToArray();

    [Fact]
    public void Hybrid_MutatedRuns_DecodeOrThrowFormatException()
    {
        var d = new RleBitPackedHybridDecoder();
        Fuzz("hybrid", r =>
        {
            var width = r.Next(0, 33);
            var e = new RleBitPackedHybridEncoder(width);
            var v = Levels(r, r.Next(0, 200), r.Next(Shapes), width);
            e.Write(v);
            return (Encode(e.Flush), v.Length * 100 + width);
        }, (r, page, countAndWidth) =>
        {
            d.Reset(page, Math.Clamp(countAndWidth % 100, 0, 32));
            var buffer = new int[64];
            var total = 0;
            while (total < countAndWidth / 100)
            {
                var got = r.Next(4) == 0 ? d.Skip(64) : d.Read(buffer);
                if (got == 0) break;
                total += got;
            }
        });
    }

    [Fact]
    public void Plain_Mutated_DecodeOrThrowFormatException()
    {
        var ints = new PlainDecoder<int>();
        Fuzz("plain int", r => Page(r, Ints, v => Encode(w => PlainEncoder.Write<int>(v, w))), (r, p, n) => DrainValues(r, ints, p, n));
        var bools = new PlainBooleanDecoder();
        Fuzz("plain bool", r => Page(r, Bools, v => Encode(w => PlainEncoder.WriteBooleans(v, w))), (r, p, n) => DrainValues(r, bools, p, n));
        var bytes = new PlainByteArrayDecoder();
        Fuzz("plain bytes", r => Page(r, (r2, n, s) => ByteArrays(r2, n, s), v => Encode(w => PlainEncoder.WriteByteArrays(ToVector(v), Rows(v.Length), w))),
            (r, p, n) => DrainBytes(r, bytes, p, n));
        var fixedLen = new PlainFixedLenByteArrayDecoder(3);
        Fuzz("plain flba", r => Page(r, (r2, n, s) => ByteArrays(r2, n, s, 3), v => Encode(w => PlainEncoder.WriteFixedLenByteArrays(ToVector(v), Rows(v.Length), 3, w))),
            (r, p, n) => DrainBytes(r, fixedLen, p, n));
    }

    [Fact]
    public void RleBoolean_Mutated_DecodeOrThrowFormatException()
    {
        var d = new RleBooleanDecoder();
        Fuzz("rle bool", r => Page(r, Bools, v => Encode(w => RleBooleanEncoder.Encode(v, w))), (r, p, n) => DrainValues(r, d, p, n));
    }

    [Fact]
    public void Dictionary_Mutated_DecodeOrThrowFormatException()
    {
        var dict = new DictionaryDecoder<long>([1, 2, 3, 4, 5]);
        var bytesDict = new DictionaryByteArrayDecoder([1, 2, 3, 4, 5, 6], [0, 1, 3, 3, 6], 4);
        (byte[], int) MakePage(Random r)
        {
            var v = Levels(r, r.Next(0, 200), r.Next(Shapes), 3);
            for (var i = 0; i < v.Length; i++) v[i] %= 4;
            var e = new RleBitPackedHybridEncoder(3);
            e.Write(v);
            return ([3, .. Encode(e.Flush)], v.Length);
        }
        Fuzz("dictionary", MakePage, (r, p, n) => DrainValues(r, dict, p, n));
        Fuzz("dictionary bytes", MakePage, (r, p, n) => DrainBytes(r, bytesDict, p, n));
    }

    [Fact]
    public void Delta_Mutated_DecodeOrThrowFormatException()
    {
        var ints = new DeltaBinaryPackedDecoder<int>();
        Fuzz("delta int", r => Page(r, Ints, v => Encode(w => DeltaBinaryPackedEncoder<int>.Encode(v, w))), (r, p, n) => DrainValues(r, ints, p, n));
        var longs = new DeltaBinaryPackedDecoder<long>();
        Fuzz("delta long", r => Page(r, (r2, n, s) => Longs(r2, n, s), v => Encode(w => DeltaBinaryPackedEncoder<long>.Encode(v, w))), (r, p, n) => DrainValues(r, longs, p, n));
        var lengths = new DeltaLengthByteArrayDecoder();
        Fuzz("delta length", r => Page(r, (r2, n, s) => ByteArrays(r2, n, s), v =>
        {
            var e = new DeltaLengthByteArrayEncoder();
            e.Write(ToVector(v), Rows(v.Length));
            return Encode(e.Flush);
        }), (r, p, n) => DrainBytes(r, lengths, p, n));
        var strings = new DeltaByteArrayDecoder();
        Fuzz("delta byte array", r => Page(r, (r2, n, s) => ByteArrays(r2, n, s), v =>
        {
            var e = new DeltaByteArrayEncoder();
            e.Write(ToVector(v), Rows(v.Length));
            return Encode(e.Flush);
        }), (r, p, n) => DrainBytes(r, strings, p, n));
    }

    [Fact]
    public void ByteStreamSplit_Mutated_DecodeOrThrowFormatException()
    {
        var doubles = new ByteStreamSplitDecoder<double>();
        Fuzz("bss double", r => Page(r, Doubles, v => Encode(w => ByteStreamSplitEncoder.Write<double>(v, w))), (r, p, n) => DrainValues(r, doubles, p, n));
        var fixedLen = new ByteStreamSplitFixedLenByteArrayDecoder(3);
        Fuzz("bss flba", r => Page(r, (r2, n, s) => ByteArrays(r2, n, s, 3), v => Encode(w => ByteStreamSplitEncoder.WriteFixedLenByteArrays(ToVector(v), Rows(v.Length), 3, w))),
            (r, p, n) => DrainBytes(r, fixedLen, p, n));
    }

    [Fact]
    public void Legacy_BitPacked_ReadsOnlyWholeValues()
    {
        var d = new BitPackedLegacyDecoder();
        d.Reset(new byte[] { 0xFF }, 3);
        Assert.Equal(2, d.Read(new int[10]));
        Assert.Equal(0, d.Skip(1));
    }

    // Targeted cases: each names one corrupt field.

    [Fact]
    public void Dictionary_WhenIndexOutOfRange_Throws()
    {
        // width 3, rle-run of 2 x index 6 with a dictionary of 5.
        var d = new DictionaryDecoder<int>([1, 2, 3, 4, 5]);
        d.Reset(Hex("03 04 06"), 2);
        var ex = Assert.Throws<ParquetFormatException>(() => d.Read(new int[2]));
        Assert.Contains("dictionary index 6", ex.Message, StringComparison.Ordinal);
        // bit-packed group with index 7 at position 1.
        d.Reset(Hex("03 03 38 00 00"), 8);
        Assert.Throws<ParquetFormatException>(() => d.Read(new int[8]));
        var b = new DictionaryByteArrayDecoder([1, 2], [0, 1, 2], 2);
        b.Reset(Hex("02 03 0C 00"), 8);   // width 2: index 3 at position 1
        Assert.Throws<ParquetFormatException>(() => b.Read(NewVector(), 8));
    }

    [Fact]
    public void Dictionary_WhenBitWidthByteMissingOrTooLarge_Throws()
    {
        var d = new DictionaryDecoder<int>([1]);
        Assert.Throws<ParquetFormatException>(() => d.Reset(Array.Empty<byte>(), 3));
        Assert.Throws<ParquetFormatException>(() => d.Reset(Hex("21 00"), 3));
    }

    [Fact]
    public void Dictionary_WhenIndicesRunOut_Throws()
    {
        var d = new DictionaryDecoder<int>([1, 2]);
        d.Reset(Hex("01 04 01"), 5);  // 2 values, 5 declared
        Assert.Throws<ParquetFormatException>(() => d.Read(new int[5]));
    }

    [Fact]
    public void Plain_WhenDataShorterThanCount_Throws()
    {
        var d = new PlainDecoder<long>();
        d.Reset(new byte[12], 2);
        Assert.Throws<ParquetFormatException>(() => d.Read(new long[2]));
        var b = new PlainByteArrayDecoder();
        b.Reset(Hex("FFFFFF7F 00"), 1);   // length int.MaxValue with 1 byte present
        Assert.Throws<ParquetFormatException>(() => b.Read(NewVector(), 1));
        b.Reset(Hex("FFFFFFFF 00"), 1);   // length 4 GB
        Assert.Throws<ParquetFormatException>(() => b.Read(NewVector(), 1));
    }

    [Fact]
    public void DictionaryPage_WhenCountExceedsBytes_ThrowsBeforeAllocating()
    {
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.CreateByteArrayDictionary(new byte[8], int.MaxValue, PhysicalType.ByteArray, 0));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.CreateDictionary<long>(new byte[8], int.MaxValue, PhysicalType.Int64));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.CreateDictionary<bool>(new byte[1], 9, PhysicalType.Boolean));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.CreateByteArrayDictionary(new byte[8], 3, PhysicalType.FixedLenByteArray, 4));
    }

    [Theory]
    [InlineData("8001 04 05 02 02 21000000")]        // bit width 33 for INT32
    [InlineData("8001 00 05 02")]                    // 0 miniblocks
    [InlineData("8001 03 05 02")]                    // 128/3 is not whole
    [InlineData("8001 08 05 02")]                    // 16 values per miniblock, not a multiple of 32
    [InlineData("00 04 05 02")]                      // block size 0
    [InlineData("8001 04 05")]                       // missing first value
    [InlineData("8001 04 05 02 02 0000")]            // bit widths cut short
    [InlineData("8001 04 05 02 02 08000000 00")]     // miniblock body missing
    [InlineData("8001 04 02 02")]                    // declares 2 values, holds only the header
    [InlineData("8001 04 FFFFFFFF0F 02 02 00000000")] // total count beyond int
    public void DeltaBinaryPacked_WhenHeaderOrBlockIsCorrupt_Throws(string hex)
    {
        var d = new DeltaBinaryPackedDecoder<int>();
        Assert.Throws<ParquetFormatException>(() =>
        {
            d.Reset(Hex(hex), 5);
            d.Read(new int[5]);
        });
    }

    [Fact]
    public void DeltaBinaryPacked_WhenStreamHoldsFewerValuesThanPage_Throws()
    {
        var bytes = Encode(w => DeltaBinaryPackedEncoder<int>.Encode([1, 2, 3], w));
        var d = new DeltaBinaryPackedDecoder<int>();
        d.Reset(bytes, 5);
        Assert.Equal(3, d.Read(new int[3]));
        Assert.Throws<ParquetFormatException>(() => d.Read(new int[2]));
    }

    [Fact]
    public void DeltaBinaryPacked_AcceptsArbitraryBitWidthsOfUnusedMiniblocksAndMissingPadding()
    {
        // Example 1 (1..5) with garbage widths for the 3 unused miniblocks (spec: readers must accept them).
        var d = new DeltaBinaryPackedDecoder<int>();
        d.Reset(Hex("8001 04 05 02  02 00FFEE7F"), 5);
        var got = new int[5];
        Assert.Equal(5, d.Read(got));
        Assert.Equal([1, 2, 3, 4, 5], got);
        // Example 2 with the padding bytes of the last miniblock missing: 7 deltas of 2 bits need 2 bytes.
        var l = new DeltaBinaryPackedDecoder<long>();
        l.Reset(Hex("8001 04 08 0E  03 02000000  C0 3F"), 8);
        var gl = new long[8];
        Assert.Equal(8, l.Read(gl));
        Assert.Equal([7L, 5, 3, 1, 2, 3, 4, 5], gl);
    }

    [Fact]
    public void DeltaByteArray_WhenPrefixLongerThanPreviousValue_Throws()
    {
        // prefixes 0, 5 ("ab" then prefix 5): header zigzag(0); delta 5 -> min 5, width 0.
        var prefixes = Encode(w => DeltaBinaryPackedEncoder<int>.Encode([0, 5], w));
        var e = new DeltaLengthByteArrayEncoder();
        e.Write("ab"u8);
        e.Write("c"u8);
        byte[] page = [.. prefixes, .. Encode(e.Flush)];
        var d = new DeltaByteArrayDecoder();
        d.Reset(page, 2);
        var ex = Assert.Throws<ParquetFormatException>(() => d.Read(NewVector(), 2));
        Assert.Contains("prefix length 5", ex.Message, StringComparison.Ordinal);
        d.Reset(page, 2);
        Assert.Throws<ParquetFormatException>(() => d.Skip(2));
    }

    [Fact]
    public void DeltaLengthByteArray_WhenLengthsExceedData_Throws()
    {
        var lengths = Encode(w => DeltaBinaryPackedEncoder<int>.Encode([3, 1000], w));
        var d = new DeltaLengthByteArrayDecoder();
        d.Reset((byte[])[.. lengths, 1, 2, 3, 4], 2);
        Assert.Throws<ParquetFormatException>(() => d.Read(NewVector(), 2));
        var negative = Encode(w => DeltaBinaryPackedEncoder<int>.Encode([3, -1], w));
        d.Reset((byte[])[.. negative, 1, 2, 3], 2);
        Assert.Throws<ParquetFormatException>(() => d.Read(NewVector(), 2));
    }

    [Fact]
    public void ByteStreamSplit_WhenLengthNotMultipleOfWidth_Throws()
    {
        Assert.Throws<ParquetFormatException>(() => new ByteStreamSplitDecoder<int>().Reset(new byte[7], 1));
        Assert.Throws<ParquetFormatException>(() => new ByteStreamSplitFixedLenByteArrayDecoder(3).Reset(new byte[7], 1));
        var d = new ByteStreamSplitDecoder<double>();
        d.Reset(new byte[16], 3);
        Assert.Throws<ParquetFormatException>(() => d.Read(new double[3]));
    }
}
