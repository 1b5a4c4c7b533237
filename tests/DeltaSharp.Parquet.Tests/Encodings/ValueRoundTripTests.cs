using DeltaSharp.Parquet.Encodings;
using DeltaSharp.Parquet.Format;
using static DeltaSharp.Parquet.Tests.Encodings.EncodingTestKit;

namespace DeltaSharp.Parquet.Tests.Encodings;

/// <summary>Encoder → decoder round trips for every encoding and applicable physical type, read back in random
/// chunks with skips interleaved (the column reader's access pattern), decoders reused across pages.</summary>
public class ValueRoundTripTests
{
    private static void RoundTrip<T>(Func<Random, int, int, T[]> values, Func<T[], byte[]> encode, Func<IValueDecoder<T>> decoder)
        where T : unmanaged
    {
        var d = decoder();   // one instance for all cases: Reset must fully reset
        Check(c =>
        {
            var v = values(new Random(c.Seed), c.Length, c.Shape);
            var bytes = encode(v);
            d.Reset(bytes, v.Length);
            ReadInChunks(d, v, c.ChunkSeed);
        });
    }

    private static void RoundTrip(Func<Random, int, int, byte[][]> values, Func<byte[][], byte[]> encode, Func<IByteArrayDecoder> decoder)
    {
        var d = decoder();
        Check(c =>
        {
            var v = values(new Random(c.Seed), c.Length, c.Shape);
            var bytes = encode(v);
            d.Reset(bytes, v.Length);
            ReadInChunks(d, v, c.ChunkSeed);
        });
    }

    private static int[] AllRows(int n) => Enumerable.Range(0, n).ToArray();

    [Fact]
    public void Plain_Int32() => RoundTrip(Ints, v => Encode(w => PlainEncoder.Write<int>(v, w)), () => ValueDecoders.Create<int>(Encoding.Plain, PhysicalType.Int32));

    [Fact]
    public void Plain_Int64() => RoundTrip((r, n, s) => Longs(r, n, s), v => Encode(w => PlainEncoder.Write<long>(v, w)), () => ValueDecoders.Create<long>(Encoding.Plain, PhysicalType.Int64));

    [Fact]
    public void Plain_Int96() => RoundTrip(Int96s, v => Encode(w => PlainEncoder.Write<Int96>(v, w)), () => ValueDecoders.Create<Int96>(Encoding.Plain, PhysicalType.Int96));

    [Fact]
    public void Plain_Float() => RoundTrip(Floats, v => Encode(w => PlainEncoder.Write<float>(v, w)), () => ValueDecoders.Create<float>(Encoding.Plain, PhysicalType.Float));

    [Fact]
    public void Plain_Double() => RoundTrip(Doubles, v => Encode(w => PlainEncoder.Write<double>(v, w)), () => ValueDecoders.Create<double>(Encoding.Plain, PhysicalType.Double));

    [Fact]
    public void Plain_Boolean() => RoundTrip(Bools, v => Encode(w => PlainEncoder.WriteBooleans(v, w)), () => ValueDecoders.Create<bool>(Encoding.Plain, PhysicalType.Boolean));

    [Fact]
    public void Plain_WithRowIndices_WritesSelectedRows()
    {
        int[] values = [10, 20, 30, 40];
        Assert.Equal(Encode(w => PlainEncoder.Write<int>([40, 20], w)), Encode(w => PlainEncoder.Write<int>(values, [3, 1], w)));
    }

    [Fact]
    public void Plain_ByteArray() => RoundTrip((r, n, s) => ByteArrays(r, n, s),
        v => Encode(w => PlainEncoder.WriteByteArrays(ToVector(v), AllRows(v.Length), w)),
        () => ValueDecoders.CreateByteArray(Encoding.Plain, PhysicalType.ByteArray, 0));

    [Fact]
    public void Plain_ByteArray_FromDataAndOffsets_MatchesVectorOverload()
    {
        var v = ToVector(ByteArrays(new Random(5), 50, 0));
        Assert.Equal(
            Encode(w => PlainEncoder.WriteByteArrays(v, AllRows(50), w)),
            Encode(w => PlainEncoder.WriteByteArrays(v.Data, v.Offsets.AsSpan(0, 51), w)));
    }

    [Fact]
    public void Plain_FixedLenByteArray() => RoundTrip((r, n, s) => ByteArrays(r, n, s, 12),
        v => Encode(w => PlainEncoder.WriteFixedLenByteArrays(ToVector(v), AllRows(v.Length), 12, w)),
        () => ValueDecoders.CreateByteArray(Encoding.Plain, PhysicalType.FixedLenByteArray, 12));

    [Fact]
    public void RleBoolean() => RoundTrip(Bools, v => Encode(w => RleBooleanEncoder.Encode(v, w)), () => ValueDecoders.Create<bool>(Encoding.Rle, PhysicalType.Boolean));

    [Fact]
    public void DeltaBinaryPacked_Int32() => RoundTrip(Ints, v => Encode(w => DeltaBinaryPackedEncoder<int>.Encode(v, w)),
        () => ValueDecoders.Create<int>(Encoding.DeltaBinaryPacked, PhysicalType.Int32));

    [Fact]
    public void DeltaBinaryPacked_Int64() => RoundTrip((r, n, s) => Longs(r, n, s), v => Encode(w => DeltaBinaryPackedEncoder<long>.Encode(v, w)),
        () => ValueDecoders.Create<long>(Encoding.DeltaBinaryPacked, PhysicalType.Int64));

    [Fact]
    public void DeltaBinaryPacked_OverflowingDeltas_WrapAndRoundTrip()
    {
        int[] ints = [int.MinValue, int.MaxValue, int.MinValue, 0, int.MaxValue, -1, int.MinValue];
        long[] longs = [long.MinValue, long.MaxValue, long.MinValue, 0, long.MaxValue, -1, long.MinValue];
        var di = new DeltaBinaryPackedDecoder<int>();
        var bi = Encode(w => DeltaBinaryPackedEncoder<int>.Encode(ints, w));
        di.Reset(bi, ints.Length);
        var gi = new int[ints.Length];
        Assert.Equal(ints.Length, di.Read(gi));
        Assert.Equal(ints, gi);
        // INT32 deltas wrap in 32 bits, so the miniblock is 32 bits wide: header 8001 04 07 + zigzag(MinValue) in
        // 5 bytes, min delta MinValue in 5 bytes, then the first bit width at byte 14.
        Assert.Equal(32, bi[14]);

        var dl = new DeltaBinaryPackedDecoder<long>();
        var bl = Encode(w => DeltaBinaryPackedEncoder<long>.Encode(longs, w));
        dl.Reset(bl, longs.Length);
        var gl = new long[longs.Length];
        Assert.Equal(longs.Length, dl.Read(gl));
        Assert.Equal(longs, gl);
        // INT64: first value and min delta are 10-byte varints; the first bit width is at byte 24.
        Assert.Equal(64, bl[24]);
    }

    [Fact]
    public void DeltaBinaryPacked_EmptyStream_HasHeaderOnly()
    {
        var bytes = Encode(w => DeltaBinaryPackedEncoder<int>.Encode([], w));
        Assert.Equal(Hex("8001 04 00 00"), bytes);
        var d = new DeltaBinaryPackedDecoder<int>();
        d.Reset(bytes, 0);
        Assert.Equal(0, d.Read(new int[4]));
    }

    [Fact]
    public void DeltaLengthByteArray() => RoundTrip((r, n, s) => ByteArrays(r, n, s), v =>
    {
        var e = new DeltaLengthByteArrayEncoder();
        e.Write(ToVector(v), AllRows(v.Length));
        return Encode(e.Flush);
    }, () => ValueDecoders.CreateByteArray(Encoding.DeltaLengthByteArray, PhysicalType.ByteArray, 0));

    [Fact]
    public void DeltaByteArray() => RoundTrip((r, n, s) => ByteArrays(r, n, s), v =>
    {
        var e = new DeltaByteArrayEncoder();
        e.Write(ToVector(v), AllRows(v.Length));
        return Encode(e.Flush);
    }, () => ValueDecoders.CreateByteArray(Encoding.DeltaByteArray, PhysicalType.ByteArray, 0));

    [Fact]
    public void DeltaByteArray_FixedLen() => RoundTrip((r, n, s) => ByteArrays(r, n, s == 5 ? 2 : s, 6), v =>
    {
        var e = new DeltaByteArrayEncoder();
        var vec = ToVector(v);
        e.Write(vec.Data, vec.Offsets.AsSpan(0, v.Length + 1));
        return Encode(e.Flush);
    }, () => ValueDecoders.CreateByteArray(Encoding.DeltaByteArray, PhysicalType.FixedLenByteArray, 6));

    [Fact]
    public void ByteStreamSplit_Float() => RoundTrip(Floats, v => Encode(w => ByteStreamSplitEncoder.Write<float>(v, w)),
        () => ValueDecoders.Create<float>(Encoding.ByteStreamSplit, PhysicalType.Float));

    [Fact]
    public void ByteStreamSplit_Double() => RoundTrip(Doubles, v => Encode(w => ByteStreamSplitEncoder.Write<double>(v, w)),
        () => ValueDecoders.Create<double>(Encoding.ByteStreamSplit, PhysicalType.Double));

    [Fact]
    public void ByteStreamSplit_Int32() => RoundTrip(Ints, v => Encode(w => ByteStreamSplitEncoder.Write<int>(v, w)),
        () => ValueDecoders.Create<int>(Encoding.ByteStreamSplit, PhysicalType.Int32));

    [Fact]
    public void ByteStreamSplit_Int64() => RoundTrip((r, n, s) => Longs(r, n, s), v => Encode(w => ByteStreamSplitEncoder.Write<long>(v, w)),
        () => ValueDecoders.Create<long>(Encoding.ByteStreamSplit, PhysicalType.Int64));

    [Fact]
    public void ByteStreamSplit_FixedLen() => RoundTrip((r, n, s) => ByteArrays(r, n, s, 5),
        v => Encode(w => ByteStreamSplitEncoder.WriteFixedLenByteArrays(ToVector(v), AllRows(v.Length), 5, w)),
        () => ValueDecoders.CreateByteArray(Encoding.ByteStreamSplit, PhysicalType.FixedLenByteArray, 5));

    [Fact]
    public void ByteStreamSplit_FixedLen_DataOverloadMatchesVectorOverload()
    {
        var v = ToVector(ByteArrays(new Random(3), 40, 0, 3));
        Assert.Equal(
            Encode(w => ByteStreamSplitEncoder.WriteFixedLenByteArrays(v, AllRows(40), 3, w)),
            Encode(w => ByteStreamSplitEncoder.WriteFixedLenByteArrays(v.Data.AsSpan(0, 120), 3, w)));
    }

    // Dictionary: values drawn from a small dictionary; indices encoded with the hybrid encoder at the minimal width.
    private static (T[] Dictionary, int[] Indices, byte[] Page) DictionaryPage<T>(Random r, int n, int shape, Func<Random, int, int, T[]> make)
    {
        var size = shape switch { 5 => 1, 1 => 3, 0 => 1000, _ => r.Next(1, 300) };
        var dictionary = make(r, size, 0);
        var indices = Levels(r, n, shape, BitPacking.BitWidth(size - 1));
        for (var i = 0; i < n; i++) indices[i] %= size;
        var width = BitPacking.BitWidth(size - 1);
        var e = new RleBitPackedHybridEncoder(width);
        e.Write(indices);
        var page = Encode(w =>
        {
            w.GetSpan(1)[0] = (byte)width;
            w.Advance(1);
            return 1 + e.Flush(w);
        });
        return (dictionary, indices, page);
    }

    [Fact]
    public void Dictionary_Int64()
    {
        Check(c =>
        {
            var (dict, idx, page) = DictionaryPage(new Random(c.Seed), c.Length, c.Shape, (r, n, s) => Longs(r, n, s));
            var dictPage = Encode(w => PlainEncoder.Write<long>(dict, w));
            var d = ValueDecoders.CreateDictionary<long>(dictPage, dict.Length, PhysicalType.Int64);
            d.Reset(page, idx.Length);
            ReadInChunks(d, Array.ConvertAll(idx, i => dict[i]), c.ChunkSeed);
        });
    }

    [Fact]
    public void Dictionary_Double_And_Int96()
    {
        Check(c =>
        {
            var (dict, idx, page) = DictionaryPage(new Random(c.Seed), c.Length, c.Shape, Doubles);
            var d = ValueDecoders.CreateDictionary(dict);
            d.Reset(page, idx.Length);
            ReadInChunks(d, Array.ConvertAll(idx, i => dict[i]), c.ChunkSeed);

            var (dict96, idx96, page96) = DictionaryPage(new Random(c.Seed), c.Length, c.Shape, Int96s);
            var d96 = ValueDecoders.CreateDictionary<Int96>(Encode(w => PlainEncoder.Write<Int96>(dict96, w)), dict96.Length, PhysicalType.Int96);
            d96.Reset(page96, idx96.Length);
            ReadInChunks(d96, Array.ConvertAll(idx96, i => dict96[i]), c.ChunkSeed);
        }, 60);
    }

    [Fact]
    public void Dictionary_ByteArray()
    {
        Check(c =>
        {
            var (dict, idx, page) = DictionaryPage(new Random(c.Seed), c.Length, c.Shape, (r, n, s) => ByteArrays(r, n, s));
            var dictPage = Encode(w => PlainEncoder.WriteByteArrays(ToVector(dict), AllRows(dict.Length), w));
            var d = ValueDecoders.CreateByteArrayDictionary(dictPage, dict.Length, PhysicalType.ByteArray, 0);
            d.Reset(page, idx.Length);
            ReadInChunks(d, Array.ConvertAll(idx, i => dict[i]), c.ChunkSeed);
        });
    }

    [Fact]
    public void Dictionary_FixedLenByteArray_FromVector()
    {
        Check(c =>
        {
            var (dict, idx, page) = DictionaryPage(new Random(c.Seed), c.Length, c.Shape, (r, n, s) => ByteArrays(r, n, s, 16));
            var dictPage = Encode(w => PlainEncoder.WriteFixedLenByteArrays(ToVector(dict), AllRows(dict.Length), 16, w));
            var d = ValueDecoders.CreateByteArrayDictionary(dictPage, dict.Length, PhysicalType.FixedLenByteArray, 16);
            d.Reset(page, idx.Length);
            ReadInChunks(d, Array.ConvertAll(idx, i => dict[i]), c.ChunkSeed);
            var fromVector = new DictionaryByteArrayDecoder(ToVector(dict));
            fromVector.Reset(page, idx.Length);
            ReadInChunks(fromVector, Array.ConvertAll(idx, i => dict[i]), c.ChunkSeed + 1);
        }, 60);
    }
}
