using DeltaSharp.Parquet.Compression;
using DeltaSharp.Parquet.Format;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Parquet.Tests.Compression;

public class RoundTripTests
{
    public static TheoryData<CompressionCodec, string> CodecsAndSamples()
    {
        var data = new TheoryData<CompressionCodec, string>();
        foreach (CompressionCodec codec in CompressionSamples.SupportedCodecs)
        {
            foreach (string name in CompressionSamples.Names)
            {
                data.Add(codec, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CodecsAndSamples))]
    public void Compress_ThenDecompress_ReturnsTheInput(CompressionCodec codec, string sample)
    {
        byte[] input = CompressionSamples.Get(sample);
        byte[] compressed = CompressionSamples.Compress(codec, input);
        byte[] output = CompressionSamples.Decompress(codec, compressed, input.Length);
        Assert.True(input.AsSpan().SequenceEqual(output));
    }

    [Theory]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Brotli)]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4Raw)]
    public void Compress_OnRepetitiveData_ShrinksIt(CompressionCodec codec)
    {
        byte[] input = CompressionSamples.Get("text-like");
        byte[] compressed = CompressionSamples.Compress(codec, input);
        Assert.True(compressed.Length < input.Length / 2, $"{codec}: {compressed.Length} of {input.Length}");

        byte[] zeros = CompressionSamples.Get("single-byte-run-70000");
        Assert.True(CompressionSamples.Compress(codec, zeros).Length < 7000);
    }

    [Theory]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Lz4Raw)]
    public void Compress_OnRandomData_GrowsByAtMostTheBound(CompressionCodec codec)
    {
        byte[] input = CompressionSamples.Get("random-300k");
        byte[] compressed = CompressionSamples.Compress(codec, input);
        Assert.True(compressed.Length <= input.Length + (input.Length / 200) + 64, $"{compressed.Length}");
    }

    [Theory]
    [InlineData(CompressionCodec.Gzip, 0)]
    [InlineData(CompressionCodec.Gzip, 1)]
    [InlineData(CompressionCodec.Gzip, 9)]
    [InlineData(CompressionCodec.Gzip, 42)]
    [InlineData(CompressionCodec.Brotli, 0)]
    [InlineData(CompressionCodec.Brotli, 11)]
    [InlineData(CompressionCodec.Brotli, -5)]
    [InlineData(CompressionCodec.Zstd, -7)]
    [InlineData(CompressionCodec.Zstd, 1)]
    [InlineData(CompressionCodec.Zstd, 19)]
    [InlineData(CompressionCodec.Zstd, 99)]
    [InlineData(CompressionCodec.Snappy, 5)]
    [InlineData(CompressionCodec.Lz4Raw, 5)]
    public void Compress_AtAnyLevel_RoundTrips(CompressionCodec codec, int level)
    {
        byte[] input = CompressionSamples.Get("mixed-1.5MB").AsSpan(0, 100_000).ToArray();
        byte[] compressed = CompressionSamples.Compress(codec, input, level);
        Assert.Equal(input, CompressionSamples.Decompress(codec, compressed, input.Length));
    }

    [Fact]
    public void Compress_ZstdHigherLevel_IsNotLarger()
    {
        byte[] input = CompressionSamples.Get("text-like");
        Assert.True(CompressionSamples.Compress(CompressionCodec.Zstd, input, 19).Length
            <= CompressionSamples.Compress(CompressionCodec.Zstd, input, 1).Length);
    }

    [Theory]
    [InlineData(CompressionCodec.Snappy)]
    [InlineData(CompressionCodec.Gzip)]
    [InlineData(CompressionCodec.Brotli)]
    [InlineData(CompressionCodec.Lz4)]
    [InlineData(CompressionCodec.Zstd)]
    [InlineData(CompressionCodec.Lz4Raw)]
    public void Compress_ArbitraryBytes_RoundTrips(CompressionCodec codec)
    {
        // Small alphabets make matches (and overlapping copies) frequent.
        Arbitrary<byte[]> inputs = Gen.Choose(0, 3)
            .SelectMany(kind => kind switch
            {
                0 => ArbMap.Default.GeneratorFor<byte[]>(),
                1 => Gen.ArrayOf(Gen.Elements<byte>(0, 1)),
                2 => Gen.ArrayOf(Gen.Elements<byte>((byte)'a', (byte)'b', (byte)'c', (byte)'d')),
                _ => Gen.Choose(0, 3000).SelectMany(n => Gen.Choose(1, 9).Select(p => Periodic(n, p))),
            })
            .ToArbitrary();

        Prop.ForAll(inputs, input =>
        {
            byte[] output = CompressionSamples.Decompress(codec, CompressionSamples.Compress(codec, input), input.Length);
            return input.AsSpan().SequenceEqual(output);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Compress_AppendsToWhatTheWriterAlreadyHolds()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        System.Buffers.BuffersExtensions.Write<byte>(writer, [1, 2, 3]);
        byte[] input = CompressionSamples.Get("text-like");
        int n = ParquetCompression.Compress(CompressionCodec.Snappy, input, writer);
        Assert.Equal(3 + n, writer.WrittenCount);
        Assert.Equal([1, 2, 3], writer.WrittenSpan[..3].ToArray());
        Assert.Equal(input, CompressionSamples.Decompress(CompressionCodec.Snappy, writer.WrittenSpan[3..], input.Length));
    }

    private static byte[] Periodic(int length, int period)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i % period) * 37);
        }

        return bytes;
    }
}
