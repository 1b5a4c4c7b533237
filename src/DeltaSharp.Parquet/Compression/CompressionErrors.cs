using System.Diagnostics.CodeAnalysis;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Compression;

/// <summary>[DoesNotReturn] throwers for the codecs, so hot decode loops stay small.</summary>
internal static class CompressionErrors
{
    [DoesNotReturn]
    public static void Corrupt(CompressionCodec codec, string problem) =>
        throw new ParquetFormatException($"corrupt {Name(codec)} data: {problem}");

    [DoesNotReturn]
    public static void Corrupt(CompressionCodec codec, string problem, Exception inner) =>
        throw new ParquetFormatException($"corrupt {Name(codec)} data: {problem}", inner);

    [DoesNotReturn]
    public static void SizeMismatch(CompressionCodec codec, long actual, int expected) =>
        throw new ParquetFormatException(
            $"{Name(codec)} data decompresses to {actual} bytes but the page header says {expected}");

    [DoesNotReturn]
    public static void SizeTooLarge(CompressionCodec codec, int expected) =>
        throw new ParquetFormatException(
            $"{Name(codec)} data decompresses to more than the {expected} bytes the page header says");

    [DoesNotReturn]
    public static void NotSupported(CompressionCodec codec) => throw new ParquetFormatException(
        Enum.IsDefined(codec)
            ? $"compression codec {Name(codec)} is not supported"
            : $"compression codec {(int)codec} is unknown (parquet.thrift CompressionCodec)");

    /// <summary>The parquet.thrift spelling of the codec (SNAPPY, LZ4_RAW, …).</summary>
    public static string Name(CompressionCodec codec) => codec switch
    {
        CompressionCodec.Uncompressed => "UNCOMPRESSED",
        CompressionCodec.Snappy => "SNAPPY",
        CompressionCodec.Gzip => "GZIP",
        CompressionCodec.Lzo => "LZO",
        CompressionCodec.Brotli => "BROTLI",
        CompressionCodec.Lz4 => "LZ4",
        CompressionCodec.Zstd => "ZSTD",
        CompressionCodec.Lz4Raw => "LZ4_RAW",
        _ => ((int)codec).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
