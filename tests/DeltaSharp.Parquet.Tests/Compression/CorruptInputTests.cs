using DeltaSharp.Parquet.Compression;
using DeltaSharp.Parquet.Format;
using static DeltaSharp.Parquet.Tests.Compression.CompressionSamples;

namespace DeltaSharp.Parquet.Tests.Compression;

/// <summary>Mutated, truncated and random inputs: every outcome is either a <see cref="ParquetFormatException"/> or
/// a successful decode, never another exception, and never a write outside the destination.</summary>
public class CorruptInputTests
{
    private const int Guard = 32;
    private const byte GuardByte = 0xCC;

    public static TheoryData<CompressionCodec> Codecs() => new(SupportedCodecs);

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Decompress_MutatedInput_ThrowsParquetFormatExceptionOrSucceeds(CompressionCodec codec)
    {
        var random = new Random(20 + (int)codec);
        byte[][] originals =
        [
            Get("text-like").AsSpan(0, 3000).ToArray(),
            Get("abab-5000"),
            Get("mixed-1.5MB").AsSpan(0, 5000).ToArray(),
            Get("random-100"),
            Get("period-7").AsSpan(0, 2000).ToArray(),
        ];

        int failures = 0;
        for (int i = 0; i < 2000; i++)
        {
            byte[] original = originals[i % originals.Length];
            byte[] compressed = Compress(codec, original);
            byte[] mutated = Mutate(random, compressed);
            int declared = random.Next(4) == 0 ? random.Next(original.Length * 2 + 1) : original.Length;
            if (!TryDecode(codec, mutated, declared))
            {
                failures++;
            }
        }

        // Sanity: mutations were noticed often (except by UNCOMPRESSED, which cannot tell).
        if (codec != CompressionCodec.Uncompressed)
        {
            Assert.True(failures > 200, $"{failures} mutated inputs were rejected");
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Decompress_EveryTruncation_ThrowsOrGivesTheOriginal(CompressionCodec codec)
    {
        // Only a cut inside what the data does not need may still decode: gzip's 8-byte CRC/size trailer (which the
        // BCL does not insist on) and the last byte of the deflate stream, which may hold only the end-of-block code.
        byte[] original = Get("text-like").AsSpan(0, 1500).ToArray();
        byte[] compressed = Compress(codec, original);
        for (int length = 0; length < compressed.Length; length++)
        {
            byte[] truncated = compressed.AsSpan(0, length).ToArray();
            try
            {
                Assert.Equal(original, DecodeGuarded(codec, truncated, original.Length));
                Assert.True(codec == CompressionCodec.Gzip && length >= compressed.Length - 9, $"cut at {length} accepted");
            }
            catch (ParquetFormatException)
            {
            }
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Decompress_RandomBytes_ThrowsParquetFormatExceptionOrSucceeds(CompressionCodec codec)
    {
        var random = new Random(40 + (int)codec);
        for (int i = 0; i < 2000; i++)
        {
            byte[] garbage = RandomBytes(random, random.Next(0, 200));
            TryDecode(codec, garbage, random.Next(0, 1000));
        }
    }

    [Theory]
    [MemberData(nameof(Codecs))]
    public void Decompress_WhenDeclaredSizeIsOffByOne_Throws(CompressionCodec codec)
    {
        byte[] original = Get("text-like").AsSpan(0, 10_000).ToArray();
        byte[] compressed = Compress(codec, original);
        Assert.Throws<ParquetFormatException>(() => DecodeGuarded(codec, compressed, original.Length - 1));
        Assert.Throws<ParquetFormatException>(() => DecodeGuarded(codec, compressed, original.Length + 1));
        Assert.Throws<ParquetFormatException>(() => DecodeGuarded(codec, compressed, 0));
        Assert.Equal(original, DecodeGuarded(codec, compressed, original.Length));
    }

    [Theory]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Lz4Raw)]
    [InlineData(CompressionCodec.Lz4)]
    public void Decompress_OverlappingCopiesNearTheEnd_StayInsideTheDestination(CompressionCodec codec)
    {
        // Every short period and length near the end of the output exercises the exact (non-wild) copy paths.
        for (int period = 1; period <= 9; period++)
        {
            for (int length = 0; length < 80; length++)
            {
                byte[] input = new byte[length];
                for (int i = 0; i < length; i++)
                {
                    input[i] = (byte)('a' + (i % period));
                }

                Assert.Equal(input, DecodeGuarded(codec, Compress(codec, input), length));
            }
        }
    }

    private static bool TryDecode(CompressionCodec codec, byte[] data, int declared)
    {
        try
        {
            DecodeGuarded(codec, data, declared);
            return true;
        }
        catch (ParquetFormatException)
        {
            return false;
        }
    }

    /// <summary>Decodes into the middle of a larger buffer and checks that the bytes around it are untouched.</summary>
    private static byte[] DecodeGuarded(CompressionCodec codec, byte[] data, int declared)
    {
        byte[] buffer = new byte[declared + (2 * Guard)];
        buffer.AsSpan().Fill(GuardByte);
        try
        {
            ParquetCompression.Decompress(codec, data, buffer.AsSpan(Guard, declared));
        }
        finally
        {
            for (int i = 0; i < Guard; i++)
            {
                Assert.Equal(GuardByte, buffer[i]);
                Assert.Equal(GuardByte, buffer[Guard + declared + i]);
            }
        }

        return buffer.AsSpan(Guard, declared).ToArray();
    }

    private static byte[] Mutate(Random random, byte[] data)
    {
        var bytes = new List<byte>(data);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits; e++)
        {
            int position = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when bytes.Count > 0:
                    bytes[position] = (byte)random.Next(256);
                    break;
                case 2 when bytes.Count > 0:
                    bytes[position] = random.Next(2) == 0 ? (byte)0xFF : (byte)0x00;
                    break;
                case 3:
                    bytes.Insert(position, (byte)random.Next(256));
                    break;
                case 4 when bytes.Count > 0:
                    bytes.RemoveAt(position);
                    break;
                default:
                    bytes.RemoveRange(position, bytes.Count - position); // truncate
                    break;
            }
        }

        return bytes.ToArray();
    }
}
