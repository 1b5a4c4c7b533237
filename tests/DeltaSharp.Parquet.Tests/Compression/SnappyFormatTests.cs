using Encoding = System.Text.Encoding;
using DeltaSharp.Parquet.Format;
using static DeltaSharp.Parquet.Tests.Compression.CompressionSamples;

namespace DeltaSharp.Parquet.Tests.Compression;

/// <summary>Blocks assembled by hand from google/snappy format_description.txt, independent of our encoder.</summary>
public class SnappyFormatTests
{
    private static byte[] Decode(byte[] block, int length) => Decompress(CompressionCodec.Snappy, block, length);

    [Fact]
    public void Decode_LiteralOnly_ReturnsTheLiteral()
    {
        // varint 3; literal tag (3-1)<<2 = 0x08; "abc".
        Assert.Equal("abc"u8.ToArray(), Decode([0x03, 0x08, (byte)'a', (byte)'b', (byte)'c'], 3));
    }

    [Fact]
    public void Decode_CopyWithOffsetOne_RepeatsTheLastByte()
    {
        // varint 10; literal "a"; copy-1: tag 01 | (9-4)<<2 = 0x15, offset 1 → nine more 'a'.
        Assert.Equal(Encoding.ASCII.GetBytes("aaaaaaaaaa"), Decode([0x0A, 0x00, (byte)'a', 0x15, 0x01], 10));
    }

    [Fact]
    public void Decode_TwoByteOffsetCopyLongerThanOffset_RepeatsThePattern()
    {
        // varint 12; literal "abcd" (tag 3<<2); copy-2: tag 10 | (8-1)<<2 = 0x1E, offset 0x0004 LE.
        Assert.Equal(
            Encoding.ASCII.GetBytes("abcdabcdabcd"),
            Decode([0x0C, 0x0C, (byte)'a', (byte)'b', (byte)'c', (byte)'d', 0x1E, 0x04, 0x00], 12));
    }

    [Fact]
    public void Decode_FourByteOffsetCopy_RepeatsThePattern()
    {
        // Same as above with a copy-4: tag 11 | 7<<2 = 0x1F, offset 4 as 4 LE bytes.
        Assert.Equal(
            Encoding.ASCII.GetBytes("abcdabcdabcd"),
            Decode([0x0C, 0x0C, (byte)'a', (byte)'b', (byte)'c', (byte)'d', 0x1F, 0x04, 0x00, 0x00, 0x00], 12));
    }

    [Fact]
    public void Decode_LongLiteralAndOneByteOffsetWithHighBits_CopiesFromFarBack()
    {
        // 300 literal bytes: varint(304) = 0xB0 0x02; tag 61<<2 (2 length bytes) with 299 = 0x012B LE;
        // then copy-1 of 4 bytes at offset 0x12C = 300: tag 01 | 0<<2 | (0x12C >> 8)<<5 = 0x21, low byte 0x2C.
        byte[] literal = Enumerable.Range(0, 300).Select(i => (byte)(i * 7 % 251)).ToArray();
        byte[] block = [0xB0, 0x02, 61 << 2, 0x2B, 0x01, .. literal, 0x21, 0x2C];
        byte[] expected = [.. literal, .. literal.AsSpan(0, 4)];
        Assert.Equal(expected, Decode(block, 304));
    }

    [Fact]
    public void Decode_LiteralWithOneLengthByte_ReadsIt()
    {
        // varint 100 = 0x64; tag 60<<2 = 0xF0 then length-1 = 99.
        byte[] literal = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        Assert.Equal(literal, Decode([0x64, 0xF0, 99, .. literal], 100));
    }

    [Fact]
    public void Decode_RunOfSixtyFourByCopyTwo_ExpandsOverlappingCopyFully()
    {
        // "xy" then copy-2 of 64 at offset 2 (tag 10 | 63<<2 = 0xFE) → "xy" × 33.
        byte[] expected = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("xy", 33)));
        Assert.Equal(expected, Decode([66, 0x04, (byte)'x', (byte)'y', 0xFE, 0x02, 0x00], 66));
    }

    [Fact]
    public void Decode_EmptyBlock_ReturnsNothing()
    {
        Assert.Empty(Decode([0x00], 0));
    }

    [Theory]
    [InlineData("05 00 61 01 00", "offset 0")] // copy-1 with offset 0
    [InlineData("05 00 61 05 02", "before the start")] // copy-1 offset 2 after 1 byte
    [InlineData("05 00 61 01 01 01 01", "stated uncompressed length")] // a copy of 4 fills the output, another does not fit
    [InlineData("05 10 61 62", "past the end of the input")] // literal of 5 with 2 bytes present
    [InlineData("05 F0", "past the end of the input")] // literal length byte missing
    [InlineData("05 00 61 02 01", "past the end of the input")] // copy-2 offset truncated
    [InlineData("05 00 61 03 01 00 00", "past the end of the input")] // copy-4 offset truncated
    [InlineData("05 00 61", "ends before")] // too short
    [InlineData("03 10 61 62 63 64 65", "stated uncompressed length")] // literal longer than the output
    [InlineData("", "varint")]
    [InlineData("FF FF FF FF 7F", "varint")] // over 32 bits
    [InlineData("80 80", "varint")] // unterminated
    public void Decode_MalformedBlock_ThrowsNamingTheProblem(string hex, string expected)
    {
        byte[] block = Hex(hex);
        int length = block.Length > 0 && block[0] < 0x80 ? block[0] : 5;
        var e = Assert.Throws<ParquetFormatException>(() => Decode(block, length));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("SNAPPY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_WhenDeclaredSizeDiffersFromVarint_Throws()
    {
        var e = Assert.Throws<ParquetFormatException>(() => Decode([0x03, 0x08, (byte)'a', (byte)'b', (byte)'c'], 4));
        Assert.Contains("3 bytes", e.Message, StringComparison.Ordinal);
        Assert.Contains("4", e.Message, StringComparison.Ordinal);
    }
}
