using System.Runtime.InteropServices;
using DeltaSharp.Parquet.Format;
using static DeltaSharp.Parquet.Tests.Compression.CompressionSamples;

namespace DeltaSharp.Parquet.Tests.Compression;

/// <summary>Our Snappy and LZ4 against independent implementations: IronSnappy (managed port of golang/snappy) and
/// the system liblz4 (the reference C implementation), both directions.</summary>
public partial class ReferenceImplementationTests
{
    [Theory]
    [MemberData(nameof(SampleNames))]
    public void SnappyEncode_Output_DecodesWithIronSnappy(string sample)
    {
        byte[] input = Get(sample);
        byte[] ours = Compress(CompressionCodec.Snappy, input);
        Assert.Equal(input, IronSnappy.Snappy.Decode(ours));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void SnappyDecode_OfIronSnappyOutput_ReturnsTheInput(string sample)
    {
        byte[] input = Get(sample);
        byte[] theirs = IronSnappy.Snappy.Encode(input);
        Assert.Equal(input, Decompress(CompressionCodec.Snappy, theirs, input.Length));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void SnappyEncode_Ratio_IsCloseToIronSnappy(string sample)
    {
        byte[] input = Get(sample);
        int ours = Compress(CompressionCodec.Snappy, input).Length;
        int theirs = IronSnappy.Snappy.Encode(input).Length;
        Assert.True(ours <= (theirs * 1.1) + 16, $"ours {ours}, IronSnappy {theirs}");
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Lz4Encode_Output_DecodesWithLiblz4(string sample)
    {
        if (!Lz4Native.IsAvailable)
        {
            return; // liblz4.so.1 is part of every Debian install; nothing to compare against elsewhere
        }

        byte[] input = Get(sample);
        byte[] ours = Compress(CompressionCodec.Lz4Raw, input);
        byte[] output = new byte[input.Length];
        int n = Lz4Native.Decompress(ours, output);
        Assert.Equal(input.Length, n);
        Assert.Equal(input, output);
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Lz4Decode_OfLiblz4Output_ReturnsTheInput(string sample)
    {
        if (!Lz4Native.IsAvailable)
        {
            return;
        }

        byte[] input = Get(sample);
        byte[] theirs = Lz4Native.Compress(input, acceleration: 1);
        Assert.Equal(input, Decompress(CompressionCodec.Lz4Raw, theirs, input.Length));
        byte[] fast = Lz4Native.Compress(input, acceleration: 20);
        Assert.Equal(input, Decompress(CompressionCodec.Lz4Raw, fast, input.Length));
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Lz4Encode_Ratio_IsCloseToLiblz4(string sample)
    {
        if (!Lz4Native.IsAvailable)
        {
            return;
        }

        byte[] input = Get(sample);
        int ours = Compress(CompressionCodec.Lz4Raw, input).Length;
        int theirs = Lz4Native.Compress(input, acceleration: 1).Length;
        Assert.True(ours <= (theirs * 1.1) + 16, $"ours {ours}, liblz4 {theirs}");
    }

    public static TheoryData<string> SampleNames() => new(Names);

    /// <summary>The stable liblz4 block API (lz4.h), for comparison only.</summary>
    internal static unsafe partial class Lz4Native
    {
        private const string Library = "liblz4.so.1";

        public static readonly bool IsAvailable = NativeLibrary.TryLoad(Library, out _);

        public static int Decompress(byte[] source, byte[] destination)
        {
            fixed (byte* s = source)
            fixed (byte* d = destination)
            {
                return LZ4_decompress_safe(s, d, source.Length, destination.Length);
            }
        }

        public static byte[] Compress(byte[] source, int acceleration)
        {
            byte[] buffer = new byte[LZ4_compressBound(source.Length)];
            fixed (byte* s = source)
            fixed (byte* d = buffer)
            {
                int n = LZ4_compress_fast(s, d, source.Length, buffer.Length, acceleration);
                Assert.True(n > 0);
                return buffer.AsSpan(0, n).ToArray();
            }
        }

        [LibraryImport(Library)]
        private static partial int LZ4_decompress_safe(byte* src, byte* dst, int compressedSize, int dstCapacity);

        [LibraryImport(Library)]
        private static partial int LZ4_compress_fast(byte* src, byte* dst, int srcSize, int dstCapacity, int acceleration);

        [LibraryImport(Library)]
        private static partial int LZ4_compressBound(int inputSize);
    }
}
