using System.Buffers;
using Encoding = System.Text.Encoding;
using DeltaSharp.Parquet.Compression;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Tests.Compression;

/// <summary>Inputs with different shapes for round trips, made deterministically from a seed.</summary>
internal static class CompressionSamples
{
    public static readonly CompressionCodec[] SupportedCodecs =
    [
        CompressionCodec.Uncompressed, CompressionCodec.Snappy, CompressionCodec.Gzip, CompressionCodec.Brotli,
        CompressionCodec.Lz4, CompressionCodec.Zstd, CompressionCodec.Lz4Raw,
    ];

    public static readonly string[] Names =
    [
        "empty", "one-byte", "random-100", "random-64k", "random-300k", "zeros-1000", "single-byte-run-70000",
        "abab-5000", "abc-period-3", "period-7", "text-like", "ints-little-endian", "mixed-1.5MB", "sparse-nulls",
        "repeats-far-apart",
    ];

    public static byte[] Get(string name)
    {
        var random = new Random(1000 + Array.IndexOf(Names, name));
        switch (name)
        {
            case "empty":
                return [];
            case "one-byte":
                return [0x5A];
            case "random-100":
                return RandomBytes(random, 100);
            case "random-64k":
                return RandomBytes(random, 65536);
            case "random-300k":
                return RandomBytes(random, 300_000);
            case "zeros-1000":
                return new byte[1000];
            case "single-byte-run-70000":
                return Enumerable.Repeat((byte)0xEE, 70_000).ToArray();
            case "abab-5000":
                return Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("ab", 2500)));
            case "abc-period-3":
                return Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("abc", 777)));
            case "period-7":
                return Enumerable.Range(0, 10_007).Select(i => (byte)(i % 7)).ToArray();
            case "text-like":
                return TextLike(random, 200_000);
            case "ints-little-endian":
                return Enumerable.Range(0, 50_000).SelectMany(i => BitConverter.GetBytes(i * 3)).ToArray();
            case "mixed-1.5MB":
                return Mixed(random, 1_500_000);
            case "sparse-nulls":
                return Enumerable.Range(0, 40_000).Select(i => (byte)(random.Next(50) == 0 ? random.Next(256) : 0)).ToArray();
            case "repeats-far-apart":
                {
                    // A 40 KB random block repeated: matches only at distances near the 64 KiB window.
                    byte[] block = RandomBytes(random, 40_000);
                    return [.. block, .. block, .. block];
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, null);
        }
    }

    public static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    public static byte[] TextLike(Random random, int length)
    {
        string[] words =
        [
            "delta", "parquet", "column", "row", "group", "page", "the", "a", "of", "snappy", "zstd", "value",
            "null", "2024-01-01", "customer", "order", "id", "amount", "status", "shipped", "pending",
        ];
        var sb = new System.Text.StringBuilder(length + 32);
        while (sb.Length < length)
        {
            sb.Append(words[random.Next(words.Length)]);
            sb.Append(random.Next(10) == 0 ? ",\n" : " ");
            if (random.Next(20) == 0)
            {
                sb.Append(random.Next(1_000_000));
            }
        }

        return Encoding.ASCII.GetBytes(sb.ToString(0, length));
    }

    /// <summary>Runs of random, repeated, text and zero segments.</summary>
    public static byte[] Mixed(Random random, int length)
    {
        var output = new List<byte>(length);
        while (output.Count < length)
        {
            int segment = random.Next(1, 5000);
            switch (random.Next(4))
            {
                case 0:
                    output.AddRange(RandomBytes(random, segment));
                    break;
                case 1:
                    output.AddRange(Enumerable.Repeat((byte)random.Next(256), segment));
                    break;
                case 2:
                    output.AddRange(TextLike(random, segment));
                    break;
                default:
                    if (output.Count > 10)
                    {
                        // Copy an earlier stretch, sometimes overlapping with itself.
                        int start = random.Next(output.Count);
                        for (int i = 0; i < segment; i++)
                        {
                            output.Add(output[start + i]);
                        }
                    }

                    break;
            }
        }

        return output.GetRange(0, length).ToArray();
    }

    public static byte[] Compress(CompressionCodec codec, ReadOnlySpan<byte> data, int? level = null)
    {
        var writer = new ArrayBufferWriter<byte>();
        int n = ParquetCompression.Compress(codec, data, writer, level);
        Assert.Equal(n, writer.WrittenCount);
        return writer.WrittenSpan.ToArray();
    }

    public static byte[] Decompress(CompressionCodec codec, ReadOnlySpan<byte> compressed, int uncompressedLength)
    {
        byte[] output = new byte[uncompressedLength];
        ParquetCompression.Decompress(codec, compressed, output);
        return output;
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
