using DeltaSharp.Parquet.Compression;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Tests.Compression;

public class ParquetCompressionTests
{
    [Fact]
    public void Decompress_Lzo_ThrowsNamingTheCodec()
    {
        var e = Assert.Throws<ParquetFormatException>(() =>
            ParquetCompression.Decompress(CompressionCodec.Lzo, new byte[4], new byte[4]));
        Assert.Equal("compression codec LZO is not supported", e.Message);
    }

    [Fact]
    public void Decompress_LzoEvenWhenEmpty_Throws()
    {
        Assert.Throws<ParquetFormatException>(() => ParquetCompression.Decompress(CompressionCodec.Lzo, [], []));
    }

    [Fact]
    public void Decompress_UnknownCodecNumber_ThrowsNamingTheNumber()
    {
        var e = Assert.Throws<ParquetFormatException>(() =>
            ParquetCompression.Decompress((CompressionCodec)42, new byte[4], new byte[4]));
        Assert.Contains("42", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compress_LzoOrUnknown_Throws()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.Throws<ParquetFormatException>(() => ParquetCompression.Compress(CompressionCodec.Lzo, new byte[4], writer));
        Assert.Throws<ParquetFormatException>(() => ParquetCompression.Compress((CompressionCodec)(-1), new byte[4], writer));
        Assert.Equal(0, writer.WrittenCount);
    }

    [Theory]
    [InlineData(CompressionCodec.Uncompressed, true)]
    [InlineData(CompressionCodec.Snappy, true)]
    [InlineData(CompressionCodec.Gzip, true)]
    [InlineData(CompressionCodec.Lzo, false)]
    [InlineData(CompressionCodec.Brotli, true)]
    [InlineData(CompressionCodec.Lz4, true)]
    [InlineData(CompressionCodec.Zstd, true)] // libzstd1 is on every machine we run on
    [InlineData(CompressionCodec.Lz4Raw, true)]
    [InlineData((CompressionCodec)8, false)]
    public void IsSupported_ReflectsImplementedCodecs(CompressionCodec codec, bool expected)
    {
        Assert.Equal(expected, ParquetCompression.IsSupported(codec));
    }

    [Theory]
    [InlineData(CompressionCodec.Uncompressed)]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Brotli)]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4Raw)]
    public void Decompress_EmptySourceIntoEmptyPage_Succeeds(CompressionCodec codec)
    {
        ParquetCompression.Decompress(codec, [], []);
    }

    [Theory]
    [InlineData(CompressionCodec.Uncompressed)]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Brotli)]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4Raw)]
    public void Decompress_EmptySourceIntoNonEmptyPage_Throws(CompressionCodec codec)
    {
        Assert.Throws<ParquetFormatException>(() => ParquetCompression.Decompress(codec, [], new byte[10]));
    }

    [Fact]
    public void Compress_NullWriter_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => ParquetCompression.Compress(CompressionCodec.Snappy, [1], null!));
    }
}
