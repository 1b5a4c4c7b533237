using System.Text;
using DeltaSharp.Parquet.Encodings;
using static DeltaSharp.Parquet.Tests.Encodings.EncodingTestKit;

namespace DeltaSharp.Parquet.Tests.Encodings;

/// <summary>The worked examples of parquet-format Encodings.md as hand-written byte vectors.</summary>
public class SpecExampleTests
{
    private static readonly int[] ZeroToSeven = [0, 1, 2, 3, 4, 5, 6, 7];

    // RLE note 1: 0..7 at bit width 3 pack to 10001000 11000110 11111010; one bit-packed group: header (1 << 1) | 1.
    private static readonly byte[] HybridZeroToSeven = [0x03, 0b10001000, 0b11000110, 0b11111010];

    [Fact]
    public void Hybrid_DecodesSpecBitPackedExample()
    {
        var d = new RleBitPackedHybridDecoder();
        d.Reset(HybridZeroToSeven, 3);
        var values = new int[8];
        Assert.Equal(8, d.Read(values));
        Assert.Equal(ZeroToSeven, values);
        Assert.Equal(0, d.Read(values));
    }

    [Fact]
    public void Hybrid_EncodesSpecBitPackedExample()
    {
        var e = new RleBitPackedHybridEncoder(3);
        e.Write(ZeroToSeven);
        Assert.Equal(HybridZeroToSeven, Encode(e.Flush));
    }

    [Fact]
    public void Hybrid_DecodesRleRunThenBitPackedRun()
    {
        // rle-run: header 10 << 1 = 0x14, value 5 in one byte; then the bit-packed group of 0..7.
        byte[] data = [0x14, 0x05, .. HybridZeroToSeven];
        var d = new RleBitPackedHybridDecoder();
        d.Reset(data, 3);
        var values = new int[20];
        Assert.Equal(18, d.Read(values));
        Assert.Equal([5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 0, 1, 2, 3, 4, 5, 6, 7, 0, 0], values);
    }

    [Fact]
    public void Hybrid_EncodesLongRepeatAsRleRun()
    {
        var e = new RleBitPackedHybridEncoder(3);
        for (var i = 0; i < 10; i++) e.Write(5);
        Assert.Equal([0x14, 0x05], Encode(e.Flush));
    }

    [Fact]
    public void Hybrid_RleValueUsesRoundedUpByteWidth()
    {
        // bit width 9: the repeated value takes 2 bytes little endian; 300 = 0x012C. Run of 3: header 6.
        var d = new RleBitPackedHybridDecoder();
        d.Reset(new byte[] { 0x06, 0x2C, 0x01 }, 9);
        var values = new int[3];
        Assert.Equal(3, d.Read(values));
        Assert.Equal([300, 300, 300], values);
    }

    [Fact]
    public void BitPackedLegacy_DecodesSpecExample()
    {
        // BIT_PACKED: 0..7 at width 3, MSB first: 00000101 00111001 01110111.
        var d = new BitPackedLegacyDecoder();
        d.Reset(new byte[] { 0b00000101, 0b00111001, 0b01110111 }, 3);
        var values = new int[8];
        Assert.Equal(8, d.Read(values));
        Assert.Equal(ZeroToSeven, values);
        Assert.Equal(3, BitPackedLegacyDecoder.ByteLength(8, 3));
        // 30 values of 2 bits take 8 bytes (spec text).
        Assert.Equal(8, BitPackedLegacyDecoder.ByteLength(30, 2));
    }

    // The spec's delta examples use block size 8 "to keep the examples short"; real streams need a multiple of 128,
    // so these are the same examples with block size 128 and 4 miniblocks of 32 values.
    // Example 1: 1..5 -> header 128, 4, 5, zigzag(1)=2; block: min delta zigzag(1)=2, widths 0 0 0 0, no data.
    private static readonly byte[] DeltaExample1 = Hex("8001 04 05 02  02 00000000");

    // Example 2: 7,5,3,1,2,3,4,5 -> header 128, 4, 8, zigzag(7)=14; min delta -2 -> zigzag 3; widths 2 0 0 0;
    // relative deltas 0,0,0,3,3,3,3 (+25 zero pads) on 2 bits LSB first: 11000000 00111111 then 6 zero bytes.
    private static readonly byte[] DeltaExample2 = Hex("8001 04 08 0E  03 02000000  C0 3F 000000000000");

    [Fact]
    public void DeltaBinaryPacked_DecodesSpecExample1()
    {
        var d = new DeltaBinaryPackedDecoder<int>();
        d.Reset(DeltaExample1, 5);
        var values = new int[5];
        Assert.Equal(5, d.Read(values));
        Assert.Equal([1, 2, 3, 4, 5], values);
        Assert.Equal(DeltaExample1.Length, DeltaBinaryPackedDecoder<int>.MeasureLength(DeltaExample1, out var total));
        Assert.Equal(5, total);
    }

    [Fact]
    public void DeltaBinaryPacked_DecodesSpecExample2_AsInt64()
    {
        var d = new DeltaBinaryPackedDecoder<long>();
        d.Reset(DeltaExample2, 8);
        var values = new long[8];
        Assert.Equal(8, d.Read(values));
        Assert.Equal([7L, 5, 3, 1, 2, 3, 4, 5], values);
        Assert.Equal(DeltaExample2.Length, DeltaBinaryPackedDecoder<long>.MeasureLength(DeltaExample2, out _));
    }

    [Fact]
    public void DeltaBinaryPacked_EncodesSpecExamples()
    {
        Assert.Equal(DeltaExample1, Encode(w => DeltaBinaryPackedEncoder<int>.Encode([1, 2, 3, 4, 5], w)));
        Assert.Equal(DeltaExample2, Encode(w => DeltaBinaryPackedEncoder<long>.Encode([7L, 5, 3, 1, 2, 3, 4, 5], w)));
    }

    [Fact]
    public void DeltaBinaryPacked_SpecBlockSizeOf8_IsRejected()
    {
        // Spec: "in real cases it would be invalid".
        var d = new DeltaBinaryPackedDecoder<int>();
        Assert.Throws<ParquetFormatException>(() => d.Reset(Hex("08 01 05 02 02 00"), 5));
    }

    // "Hello", "World", "Foobar", "ABCDEF": lengths 5,5,6,6 -> header 128,4,4,zigzag(5)=0A; deltas 0,1,0: min 0,
    // widths 1 0 0 0, bits 0,1,0 -> 0x02 then 3 zero bytes; then the bytes back to back.
    private static readonly byte[] DeltaLengthExample =
        [.. Hex("8001 04 04 0A  00 01000000  02000000"), .. "HelloWorldFoobarABCDEF"u8];

    [Fact]
    public void DeltaLengthByteArray_DecodesSpecExample()
    {
        var d = new DeltaLengthByteArrayDecoder();
        d.Reset(DeltaLengthExample, 4);
        var v = NewVector();
        Assert.Equal(4, d.Read(v, 10));
        AssertVector([.. new[] { "Hello", "World", "Foobar", "ABCDEF" }.Select(Encoding.UTF8.GetBytes)], v);
    }

    [Fact]
    public void DeltaLengthByteArray_EncodesSpecExample()
    {
        var e = new DeltaLengthByteArrayEncoder();
        foreach (var s in new[] { "Hello", "World", "Foobar", "ABCDEF" }) e.Write(Encoding.UTF8.GetBytes(s));
        Assert.Equal(DeltaLengthExample, Encode(e.Flush));
    }

    // "axis", "axle", "babble", "babyhood": prefixes 0,2,0,3 -> header zigzag(0); deltas 2,-2,3: min -2 (zigzag 3),
    // relative 4,0,5 on 3 bits -> 0x44 0x01 + 10 zero bytes. Suffix lengths 4,2,6,5 -> first zigzag(4)=8; deltas
    // -2,4,-1: min -2, relative 0,6,1 -> 0x70 + 11 zero bytes. Then "axislebabbleyhood".
    private static readonly byte[] DeltaByteArrayExample =
    [
        .. Hex("8001 04 04 00  03 03000000  4401 00000000000000000000"),
        .. Hex("8001 04 04 08  03 03000000  7000 00000000000000000000"),
        .. "axislebabbleyhood"u8,
    ];

    private static readonly string[] Words = ["axis", "axle", "babble", "babyhood"];

    [Fact]
    public void DeltaByteArray_DecodesSpecExample()
    {
        var d = new DeltaByteArrayDecoder();
        d.Reset(DeltaByteArrayExample, 4);
        var v = NewVector();
        Assert.Equal(4, d.Read(v, 4));
        AssertVector([.. Words.Select(Encoding.UTF8.GetBytes)], v);
    }

    [Fact]
    public void DeltaByteArray_EncodesSpecExample()
    {
        var e = new DeltaByteArrayEncoder();
        foreach (var s in Words) e.Write(Encoding.UTF8.GetBytes(s));
        Assert.Equal(DeltaByteArrayExample, Encode(e.Flush));
    }

    [Fact]
    public void ByteStreamSplit_DecodesSpecFloatExample()
    {
        var d = new ByteStreamSplitDecoder<float>();
        d.Reset(Hex("AA 00 A3 BB 11 B4 CC 22 C5 DD 33 D6"), 3);
        var values = new float[3];
        Assert.Equal(3, d.Read(values));
        Assert.Equal(Hex("AABBCCDD 00112233 A3B4C5D6"), System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
    }

    [Fact]
    public void ByteStreamSplit_EncodesSpecFloatExample()
    {
        var values = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Hex("AABBCCDD 00112233 A3B4C5D6")).ToArray();
        Assert.Equal(Hex("AA 00 A3 BB 11 B4 CC 22 C5 DD 33 D6"), Encode(w => ByteStreamSplitEncoder.Write<float>(values, w)));
    }

    [Fact]
    public void ByteStreamSplit_FixedLenByteArray_DecodesSpecLayout()
    {
        var d = new ByteStreamSplitFixedLenByteArrayDecoder(4);
        d.Reset(Hex("AA 00 A3 BB 11 B4 CC 22 C5 DD 33 D6"), 3);
        var v = NewVector();
        Assert.Equal(3, d.Read(v, 3));
        AssertVector([Hex("AABBCCDD"), Hex("00112233"), Hex("A3B4C5D6")], v);
    }

    [Fact]
    public void PlainBoolean_IsLsbFirst()
    {
        // true,false,true,true,false,false,false,false | true -> 0b00001101, 0b00000001
        bool[] values = [true, false, true, true, false, false, false, false, true];
        Assert.Equal([0x0D, 0x01], Encode(w => PlainEncoder.WriteBooleans(values, w)));
        var d = new PlainBooleanDecoder();
        d.Reset(new byte[] { 0x0D, 0x01 }, 9);
        var got = new bool[9];
        Assert.Equal(9, d.Read(got));
        Assert.Equal(values, got);
    }

    [Fact]
    public void PlainByteArray_IsLengthPrefixed()
    {
        var bytes = Hex("05000000 48656C6C6F 00000000 02000000 6869");
        var d = new PlainByteArrayDecoder();
        d.Reset(bytes, 3);
        var v = NewVector();
        Assert.Equal(3, d.Read(v, 3));
        AssertVector(["Hello"u8.ToArray(), [], "hi"u8.ToArray()], v);
        var source = ToVector(["Hello"u8.ToArray(), [], "hi"u8.ToArray()]);
        Assert.Equal(bytes, Encode(w => PlainEncoder.WriteByteArrays(source, [0, 1, 2], w)));
    }

    [Fact]
    public void RleBoolean_IsLengthPrefixedHybridOfWidth1()
    {
        // 10 x true: rle-run header 20 (0x14), value 0x01; length 2.
        var bytes = Hex("02000000 14 01");
        var d = new RleBooleanDecoder();
        d.Reset(bytes, 10);
        var got = new bool[10];
        Assert.Equal(10, d.Read(got));
        Assert.All(got, Assert.True);
        Assert.Equal(bytes, Encode(w => RleBooleanEncoder.Encode(Enumerable.Repeat(true, 10).ToArray(), w)));
    }

    [Fact]
    public void Dictionary_DecodesBitWidthByteThenIndices()
    {
        // bit width 2; rle-run of 3 x index 2 (header 6, value 2); bit-packed group 0,1,2,3,0,1,2,3 on 2 bits:
        // 11100100 11100100.
        var page = Hex("02 06 02 03 E4 E4");
        var d = new DictionaryDecoder<long>([10, 20, 30, 40]);
        d.Reset(page, 11);
        var got = new long[11];
        Assert.Equal(11, d.Read(got));
        Assert.Equal([30L, 30, 30, 10, 20, 30, 40, 10, 20, 30, 40], got);
    }
}
