using System.Buffers.Binary;
using Encoding = System.Text.Encoding;
using DeltaSharp.Parquet.Format;
using static DeltaSharp.Parquet.Tests.Compression.CompressionSamples;

namespace DeltaSharp.Parquet.Tests.Compression;

/// <summary>LZ4 blocks assembled by hand from lz4 Block_format.md, the Hadoop framing of the deprecated LZ4 codec,
/// and the end-of-block rules of our encoder's output.</summary>
public class Lz4FormatTests
{
    private static byte[] Decode(byte[] block, int length) => Decompress(CompressionCodec.Lz4Raw, block, length);

    [Fact]
    public void Decode_LiteralOnly_ReturnsTheLiteral()
    {
        // Token 0x30: 3 literals, no match (last sequence).
        Assert.Equal("abc"u8.ToArray(), Decode([0x30, (byte)'a', (byte)'b', (byte)'c'], 3));
    }

    [Fact]
    public void Decode_MatchWithOffsetOne_RepeatsTheLastByte()
    {
        // Token 0x16: 1 literal 'a', match of 6+4 = 10 at offset 1; then token 0x10: last literal 'b'.
        Assert.Equal(
            Encoding.ASCII.GetBytes("aaaaaaaaaaab"),
            Decode([0x16, (byte)'a', 0x01, 0x00, 0x10, (byte)'b'], 12));
    }

    [Fact]
    public void Decode_LongLiteralAndMatchLengths_ReadExtensionBytes()
    {
        // 20 literals: nibble 15 + byte 5. Then a match of 4 + 15 + 255 + 3 = 277 at offset 3: nibble 15, bytes 255, 3.
        byte[] literals = Enumerable.Range(0, 20).Select(i => (byte)('A' + i)).ToArray();
        byte[] block = [0xFF, 5, .. literals, 0x03, 0x00, 255, 3, 0x10, (byte)'!'];
        var expected = new List<byte>(literals);
        for (int i = 0; i < 277; i++)
        {
            expected.Add(expected[expected.Count - 3]);
        }

        expected.Add((byte)'!');
        Assert.Equal(expected.ToArray(), Decode(block, expected.Count));
    }

    [Fact]
    public void Decode_TwoByteOffset_CopiesFromFarBack()
    {
        // 300 literals (15 + 255 + 30), then a 4-byte match at offset 300 = 0x012C LE, then last literal 'z'.
        byte[] literals = Enumerable.Range(0, 300).Select(i => (byte)(i * 13 % 253)).ToArray();
        byte[] block = [0xF0, 255, 30, .. literals, 0x2C, 0x01, 0x10, (byte)'z'];
        byte[] expected = [.. literals, .. literals.AsSpan(0, 4), (byte)'z'];
        Assert.Equal(expected, Decode(block, expected.Length));
    }

    [Fact]
    public void Decode_EmptyBlock_ReturnsNothing()
    {
        Assert.Empty(Decode([0x00], 0));
    }

    [Theory]
    [InlineData("16 61 00 00 10 62", 12, "offset 0")]
    [InlineData("16 61 02 00 10 62", 12, "before the start")]
    [InlineData("16 61 01 00 10 62", 8, "expected output size")] // match longer than the output
    [InlineData("50 61 62", 5, "past the end of the input")] // 5 literals, 2 present
    [InlineData("F0", 20, "past the end of the input")] // literal length extension missing
    [InlineData("F0 FF FF", 600, "past the end of the input")] // extension never ends
    [InlineData("16 61 01", 12, "past the end of the input")] // offset truncated
    [InlineData("1F 61 01 00", 40, "past the end of the input")] // match length extension missing
    [InlineData("16 61 01 00", 11, "without a last")] // ends after a match
    [InlineData("", 3, "without a last")]
    [InlineData("30 61 62 63", 2, "expected output size")]
    public void Decode_MalformedBlock_ThrowsNamingTheProblem(string hex, int length, string expected)
    {
        var e = Assert.Throws<ParquetFormatException>(() => Decode(Hex(hex), length));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("LZ4_RAW", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_WhenBlockIsShorterThanDeclared_Throws()
    {
        var e = Assert.Throws<ParquetFormatException>(() => Decode([0x30, (byte)'a', (byte)'b', (byte)'c'], 4));
        Assert.Contains("3 bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecodeHadoop_TwoFrames_Concatenates()
    {
        // [BE uncompressed][BE compressed][block] twice.
        byte[] frame1 = [0, 0, 0, 3, 0, 0, 0, 4, 0x30, (byte)'a', (byte)'b', (byte)'c'];
        byte[] frame2 = [0, 0, 0, 12, 0, 0, 0, 6, 0x16, (byte)'x', 0x01, 0x00, 0x10, (byte)'y'];
        byte[] output = Decompress(CompressionCodec.Lz4, [.. frame1, .. frame2], 15);
        Assert.Equal(Encoding.ASCII.GetBytes("abcxxxxxxxxxxxy"), output);
    }

    [Fact]
    public void DecodeHadoop_RawBlockWithoutFraming_FallsBack()
    {
        byte[] block = [0x16, (byte)'a', 0x01, 0x00, 0x10, (byte)'b'];
        Assert.Equal(Encoding.ASCII.GetBytes("aaaaaaaaaaab"), Decompress(CompressionCodec.Lz4, block, 12));
    }

    [Fact]
    public void DecodeHadoop_FramingThatFallsShort_FallsBackAndFailsAsRawBlock()
    {
        byte[] frame = [0, 0, 0, 3, 0, 0, 0, 4, 0x30, (byte)'a', (byte)'b', (byte)'c'];
        var e = Assert.Throws<ParquetFormatException>(() => Decompress(CompressionCodec.Lz4, frame, 4));
        Assert.Contains("LZ4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EncodeHadoop_WritesBigEndianFramesOfAtMost64KiB()
    {
        byte[] input = Get("text-like");
        byte[] framed = Compress(CompressionCodec.Lz4, input);
        int position = 0;
        int total = 0;
        var frames = 0;
        while (position < framed.Length)
        {
            int uncompressed = BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(position));
            int compressed = BinaryPrimitives.ReadInt32BigEndian(framed.AsSpan(position + 4));
            Assert.InRange(uncompressed, 1, 65536);
            byte[] block = framed.AsSpan(position + 8, compressed).ToArray();
            Assert.Equal(input.AsSpan(total, uncompressed).ToArray(), Decode(block, uncompressed));
            position += 8 + compressed;
            total += uncompressed;
            frames++;
        }

        Assert.Equal(input.Length, total);
        Assert.Equal((input.Length + 65535) / 65536, frames);
    }

    [Theory]
    [MemberData(nameof(RoundTripTests.CodecsAndSamples), MemberType = typeof(RoundTripTests))]
    public void Encode_Output_KeepsTheEndOfBlockRules(CompressionCodec codec, string sample)
    {
        if (codec != CompressionCodec.Lz4Raw)
        {
            return;
        }

        byte[] input = Get(sample);
        CheckEndOfBlockRules(Compress(CompressionCodec.Lz4Raw, input), input.Length);
    }

    [Fact]
    public void Encode_OnShortInputs_KeepsTheEndOfBlockRules()
    {
        var random = new Random(5);
        for (int n = 0; n < 200; n++)
        {
            byte[] input = n % 2 == 0 ? new byte[n] : RandomBytes(random, n);
            byte[] block = Compress(CompressionCodec.Lz4Raw, input);
            CheckEndOfBlockRules(block, n);
            Assert.Equal(input, Decode(block, n));
        }
    }

    /// <summary>Walks the sequences: the last has ≥ 5 literals (or the whole input when shorter), every match
    /// starts ≥ 12 bytes before the end, ends ≤ 5 bytes before it, and offsets are 1..65535 within the output.</summary>
    private static void CheckEndOfBlockRules(byte[] block, int outputLength)
    {
        int ip = 0;
        long op = 0;
        for (;;)
        {
            int token = block[ip++];
            long literals = token >> 4;
            if (literals == 15)
            {
                int b;
                do
                {
                    b = block[ip++];
                    literals += b;
                }
                while (b == 255);
            }

            ip += (int)literals;
            op += literals;
            if (ip == block.Length)
            {
                Assert.True(literals >= Math.Min(5, outputLength), $"last sequence has {literals} literals");
                break;
            }

            int offset = block[ip] | (block[ip + 1] << 8);
            ip += 2;
            Assert.InRange(offset, 1, (int)op);
            long match = (token & 15) + 4L;
            if ((token & 15) == 15)
            {
                int b;
                do
                {
                    b = block[ip++];
                    match += b;
                }
                while (b == 255);
            }

            Assert.True(op <= outputLength - 12, $"match at {op} of {outputLength}");
            op += match;
            Assert.True(op <= outputLength - 5, $"match ends at {op} of {outputLength}");
        }

        Assert.Equal(outputLength, op);
    }
}
