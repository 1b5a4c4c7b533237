using System.IO.Compression;
using Encoding = System.Text.Encoding;
using DeltaSharp.Parquet.Compression;
using DeltaSharp.Parquet.Format;
using static DeltaSharp.Parquet.Tests.Compression.CompressionSamples;

namespace DeltaSharp.Parquet.Tests.Compression;

/// <summary>GZIP, ZSTD and BROTLI against streams made by other tools: the gzip and zstd command-line programs
/// (bytes recorded below), Python's zlib, and the BCL's own encoders.</summary>
public class StreamCodecTests
{
    private static readonly byte[] Text = Encoding.ASCII.GetBytes("Hello, Parquet! Hello, Parquet! Hello, Parquet!\n");

    // printf 'Hello, Parquet! Hello, Parquet! Hello, Parquet!\n' | gzip -9 -n
    private static readonly byte[] GzipCli = Hex(
        "1f8b0800000000000203f348cdc9c9d75108482c2a2c4d2d5154f0c0cfe7020086b8825730000000");

    // printf 'second member\n' | gzip -n
    private static readonly byte[] GzipCliSecond = Hex(
        "1f8b08000000000000032b4e4dcecf4b51c84dcd4d4a2de20200361 84b0e0e000000");

    // Python: zlib.compress(text, 9)
    private static readonly byte[] Zlib = Hex(
        "78daf348cdc9c9d75108482c2a2c4d2d5154f0c0cfe70200 90d31014");

    // zstd -19 of the text file (frame with content size and checksum), zstd v1.5.4
    private static readonly byte[] ZstdCli = Hex(
        "28b52ffd2430bd00008848656c6c6f2c205061727175657421200a0100a6994b2d224754");

    // printf 'frame two\n' | zstd (streamed: no content size in the frame header)
    private static readonly byte[] ZstdCliStreamed = Hex("28b52ffd0458510000667261 6d652074776f0a624901f6");

    [Fact]
    public void GzipDecode_OfGzipCommandOutput_ReturnsTheText()
    {
        Assert.Equal(Text, Decompress(CompressionCodec.Gzip, GzipCli, Text.Length));
    }

    [Fact]
    public void GzipDecode_OfConcatenatedMembers_ReturnsBothTexts()
    {
        byte[] expected = [.. Text, .. "second member\n"u8];
        Assert.Equal(expected, Decompress(CompressionCodec.Gzip, [.. GzipCli, .. GzipCliSecond], expected.Length));
    }

    [Fact]
    public void GzipDecode_OfZlibStream_ReturnsTheText()
    {
        Assert.Equal(Text, Decompress(CompressionCodec.Gzip, Zlib, Text.Length));
    }

    [Fact]
    public void GzipDecode_OfBclGzipStream_ReturnsTheInput()
    {
        byte[] input = Get("mixed-1.5MB");
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(input);
        }

        Assert.Equal(input, Decompress(CompressionCodec.Gzip, buffer.ToArray(), input.Length));
    }

    [Fact]
    public void GzipEncode_Output_IsAGzipMemberTheBclReads()
    {
        byte[] input = Get("text-like");
        byte[] ours = Compress(CompressionCodec.Gzip, input);
        Assert.Equal(0x1F, ours[0]);
        Assert.Equal(0x8B, ours[1]);
        using var gzip = new GZipStream(new MemoryStream(ours), CompressionMode.Decompress);
        using var output = new MemoryStream();
        gzip.CopyTo(output);
        Assert.Equal(input, output.ToArray());
    }

    [Theory]
    [InlineData(47)]
    [InlineData(49)]
    [InlineData(0)]
    public void GzipDecode_WhenDeclaredSizeIsWrong_Throws(int declared)
    {
        var e = Assert.Throws<ParquetFormatException>(() => Decompress(CompressionCodec.Gzip, GzipCli, declared));
        Assert.Contains("GZIP", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZstdDecode_OfZstdCommandOutput_ReturnsTheText()
    {
        Assert.Equal(Text, Decompress(CompressionCodec.Zstd, ZstdCli, Text.Length));
    }

    [Fact]
    public void ZstdDecode_OfFrameWithoutContentSize_ReturnsTheText()
    {
        Assert.Equal("frame two\n"u8.ToArray(), Decompress(CompressionCodec.Zstd, ZstdCliStreamed, 10));
    }

    [Fact]
    public void ZstdDecode_OfSeveralFrames_ReturnsAllOfThem()
    {
        byte[] expected = [.. Text, .. "frame two\n"u8, .. Text];
        byte[] frames = [.. ZstdCli, .. ZstdCliStreamed, .. ZstdCli];
        Assert.Equal(expected, Decompress(CompressionCodec.Zstd, frames, expected.Length));
    }

    [Fact]
    public void ZstdDecode_WithSkippableFrameBetween_IgnoresIt()
    {
        // RFC 8878 §3.1.2: magic 0x184D2A50..5F, 4-byte LE size, user data.
        byte[] skippable = [0x50, 0x2A, 0x4D, 0x18, 3, 0, 0, 0, 1, 2, 3];
        byte[] expected = [.. Text, .. Text];
        Assert.Equal(expected, Decompress(CompressionCodec.Zstd, [.. ZstdCli, .. skippable, .. ZstdCli], expected.Length));
    }

    [Theory]
    [InlineData(47, "47")]
    [InlineData(49, "48")]
    public void ZstdDecode_WhenDeclaredSizeIsWrong_Throws(int declared, string named)
    {
        var e = Assert.Throws<ParquetFormatException>(() => Decompress(CompressionCodec.Zstd, ZstdCli, declared));
        Assert.Contains("ZSTD", e.Message, StringComparison.Ordinal);
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZstdDecode_WhenChecksumIsWrong_ThrowsWithLibraryMessage()
    {
        byte[] frame = (byte[])ZstdCli.Clone();
        frame[^1] ^= 0x01;
        var e = Assert.Throws<ParquetFormatException>(() => Decompress(CompressionCodec.Zstd, frame, Text.Length));
        Assert.Contains("checksum", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ZstdEncode_Output_StartsWithTheFrameMagic()
    {
        byte[] ours = Compress(CompressionCodec.Zstd, Text);
        Assert.Equal(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, ours[..4]);
    }

    [Fact]
    public void ZstdDecode_OnManyThreads_UsesIndependentContexts()
    {
        byte[] input = Get("text-like");
        byte[] compressed = Compress(CompressionCodec.Zstd, input);
        Parallel.For(0, 64, _ =>
        {
            Assert.Equal(input, Decompress(CompressionCodec.Zstd, compressed, input.Length));
            Assert.Equal(input, Decompress(CompressionCodec.Zstd, Compress(CompressionCodec.Zstd, input), input.Length));
        });
    }

    [Fact]
    public void BrotliDecode_OfBclBrotliStream_ReturnsTheInput()
    {
        byte[] input = Get("mixed-1.5MB");
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(input);
        }

        Assert.Equal(input, Decompress(CompressionCodec.Brotli, buffer.ToArray(), input.Length));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void BrotliDecode_WhenDeclaredSizeIsWrong_Throws(int delta)
    {
        byte[] input = Get("text-like");
        byte[] compressed = Compress(CompressionCodec.Brotli, input);
        var e = Assert.Throws<ParquetFormatException>(() => Decompress(CompressionCodec.Brotli, compressed, input.Length + delta));
        Assert.Contains("BROTLI", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BrotliDecode_WithTrailingBytes_Throws()
    {
        byte[] compressed = [.. Compress(CompressionCodec.Brotli, Text), 0x00];
        Assert.Throws<ParquetFormatException>(() => Decompress(CompressionCodec.Brotli, compressed, Text.Length));
    }

    [Fact]
    public void UncompressedDecode_WhenSizesDiffer_Throws()
    {
        Assert.Throws<ParquetFormatException>(() => Decompress(CompressionCodec.Uncompressed, Text, Text.Length + 1));
    }

    [Fact]
    public void ZstdMissingLibraryMessage_NamesTheLibraryAndPackage()
    {
        Assert.Contains("libzstd.so.1", ZstdNative.MissingMessage, StringComparison.Ordinal);
        Assert.Contains("libzstd1", ZstdNative.MissingMessage, StringComparison.Ordinal);
    }
}
