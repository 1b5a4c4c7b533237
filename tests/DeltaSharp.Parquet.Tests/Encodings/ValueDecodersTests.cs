using DeltaSharp.Parquet.Encodings;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Tests.Encodings;

public class ValueDecodersTests
{
    [Theory]
    [InlineData(Encoding.Plain, PhysicalType.Int32, typeof(PlainDecoder<int>))]
    [InlineData(Encoding.DeltaBinaryPacked, PhysicalType.Int32, typeof(DeltaBinaryPackedDecoder<int>))]
    [InlineData(Encoding.ByteStreamSplit, PhysicalType.Int32, typeof(ByteStreamSplitDecoder<int>))]
    public void Create_Int32_PicksDecoder(Encoding encoding, PhysicalType type, Type expected) =>
        Assert.IsType(expected, ValueDecoders.Create<int>(encoding, type));

    [Fact]
    public void Create_EveryOtherType_PicksDecoder()
    {
        Assert.IsType<PlainBooleanDecoder>(ValueDecoders.Create<bool>(Encoding.Plain, PhysicalType.Boolean));
        Assert.IsType<RleBooleanDecoder>(ValueDecoders.Create<bool>(Encoding.Rle, PhysicalType.Boolean));
        Assert.IsType<DeltaBinaryPackedDecoder<long>>(ValueDecoders.Create<long>(Encoding.DeltaBinaryPacked, PhysicalType.Int64));
        Assert.IsType<ByteStreamSplitDecoder<long>>(ValueDecoders.Create<long>(Encoding.ByteStreamSplit, PhysicalType.Int64));
        Assert.IsType<PlainDecoder<Int96>>(ValueDecoders.Create<Int96>(Encoding.Plain, PhysicalType.Int96));
        Assert.IsType<ByteStreamSplitDecoder<float>>(ValueDecoders.Create<float>(Encoding.ByteStreamSplit, PhysicalType.Float));
        Assert.IsType<PlainDecoder<double>>(ValueDecoders.Create<double>(Encoding.Plain, PhysicalType.Double));
        Assert.IsType<PlainByteArrayDecoder>(ValueDecoders.CreateByteArray(Encoding.Plain, PhysicalType.ByteArray, 0));
        Assert.IsType<DeltaLengthByteArrayDecoder>(ValueDecoders.CreateByteArray(Encoding.DeltaLengthByteArray, PhysicalType.ByteArray, 0));
        Assert.IsType<DeltaByteArrayDecoder>(ValueDecoders.CreateByteArray(Encoding.DeltaByteArray, PhysicalType.FixedLenByteArray, 4));
        Assert.IsType<PlainFixedLenByteArrayDecoder>(ValueDecoders.CreateByteArray(Encoding.Plain, PhysicalType.FixedLenByteArray, 4));
        Assert.IsType<ByteStreamSplitFixedLenByteArrayDecoder>(ValueDecoders.CreateByteArray(Encoding.ByteStreamSplit, PhysicalType.FixedLenByteArray, 4));
    }

    [Fact]
    public void Create_UnsupportedPair_ThrowsFormatExceptionNamingBoth()
    {
        var ex = Assert.Throws<ParquetFormatException>(() => ValueDecoders.Create<double>(Encoding.DeltaBinaryPacked, PhysicalType.Double));
        Assert.Contains("unsupported encoding DeltaBinaryPacked for physical type Double", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.Create<bool>(Encoding.ByteStreamSplit, PhysicalType.Boolean));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.Create<Int96>(Encoding.ByteStreamSplit, PhysicalType.Int96));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.Create<int>(Encoding.BitPacked, PhysicalType.Int32));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.Create<int>((Encoding)1, PhysicalType.Int32));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.CreateByteArray(Encoding.DeltaLengthByteArray, PhysicalType.FixedLenByteArray, 4));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.CreateByteArray(Encoding.ByteStreamSplit, PhysicalType.ByteArray, 0));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.CreateByteArray(Encoding.Plain, PhysicalType.FixedLenByteArray, 0));
    }

    [Fact]
    public void Create_DictionaryEncoding_ThrowsAskingForDictionaryPage()
    {
        var ex = Assert.Throws<ParquetFormatException>(() => ValueDecoders.Create<int>(Encoding.RleDictionary, PhysicalType.Int32));
        Assert.Contains("dictionary page", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.CreateByteArray(Encoding.PlainDictionary, PhysicalType.ByteArray, 0));
        Assert.True(ValueDecoders.IsDictionary(Encoding.PlainDictionary));
        Assert.False(ValueDecoders.IsDictionary(Encoding.Plain));
    }

    [Fact]
    public void Create_WrongClrType_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ValueDecoders.Create<long>(Encoding.Plain, PhysicalType.Int32));
        Assert.Throws<ArgumentException>(() => ValueDecoders.Create<int>(Encoding.Plain, PhysicalType.ByteArray));
    }

    [Fact]
    public void DecodeDictionaryPage_DecodesPlainValues()
    {
        Assert.Equal([1, -1], ValueDecoders.DecodeDictionaryPage<int>(new byte[] { 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF }, 2, PhysicalType.Int32));
        Assert.Equal([true, false, true], ValueDecoders.DecodeDictionaryPage<bool>(new byte[] { 0b101 }, 3, PhysicalType.Boolean));
        Assert.Throws<ParquetFormatException>(() => ValueDecoders.DecodeDictionaryPage<int>(new byte[4], 1, PhysicalType.Int32, Encoding.Rle));
    }

    [Fact]
    public void Int96_Is12BytesLaidOutAsStored()
    {
        Assert.Equal(12, System.Runtime.CompilerServices.Unsafe.SizeOf<Int96>());
        var bytes = Convert.FromHexString("0807060504030201" + "0D0C0B0A");
        var v = System.Runtime.InteropServices.MemoryMarshal.Read<Int96>(bytes);
        Assert.Equal(0x0102030405060708UL, v.NanosOfDay);
        Assert.Equal(0x0A0B0C0DU, v.JulianDay);
    }
}
