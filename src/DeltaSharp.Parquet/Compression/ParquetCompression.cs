using System.Buffers;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// Page compression for every parquet.thrift <see cref="CompressionCodec"/> (see parquet-format Compression.md):
/// UNCOMPRESSED, SNAPPY, GZIP, BROTLI, LZ4 (Hadoop framing, with a raw-block fallback), ZSTD (system libzstd) and
/// LZ4_RAW. LZO is not supported. All methods are thread-safe; bad or unsupported input raises
/// <see cref="ParquetFormatException"/>.
/// </summary>
public static class ParquetCompression
{
    /// <summary>Decompresses one page. <paramref name="destination"/>.Length must be the page header's
    /// uncompressed size; anything else, corrupt data, or an unsupported codec throws
    /// <see cref="ParquetFormatException"/>.</summary>
    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!IsKnownAndImplemented(codec))
        {
            CompressionErrors.NotSupported(codec);
        }

        if (source.IsEmpty && destination.IsEmpty)
        {
            return; // an empty page, whatever a writer put for it
        }

        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                if (source.Length != destination.Length)
                {
                    CompressionErrors.SizeMismatch(codec, source.Length, destination.Length);
                }

                source.CopyTo(destination);
                break;
            case CompressionCodec.Snappy:
                SnappyDecoder.Decompress(source, destination);
                break;
            case CompressionCodec.Gzip:
                GzipCodec.Decompress(source, destination);
                break;
            case CompressionCodec.Brotli:
                BrotliCodec.Decompress(source, destination);
                break;
            case CompressionCodec.Lz4:
                Lz4HadoopCodec.Decompress(source, destination);
                break;
            case CompressionCodec.Zstd:
                ZstdCodec.Decompress(source, destination);
                break;
            default:
                Lz4BlockDecoder.Decompress(CompressionCodec.Lz4Raw, source, destination);
                break;
        }
    }

    /// <summary>Compresses one page, appends the bytes to <paramref name="destination"/> and returns their count.
    /// <paramref name="level"/> null means the codec's default (ZSTD 3, GZIP 6, BROTLI 4); other values are clamped
    /// to the codec's range (ZSTD its min…22, GZIP 0…9, BROTLI 0…11) and ignored by SNAPPY and LZ4.</summary>
    public static int Compress(CompressionCodec codec, ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!IsKnownAndImplemented(codec))
        {
            CompressionErrors.NotSupported(codec);
        }

        switch (codec)
        {
            case CompressionCodec.Uncompressed:
                destination.Write(source);
                return source.Length;
            case CompressionCodec.Snappy:
                return CompressBlock(source, destination, SnappyEncoder.MaxCompressedLength(source.Length), snappy: true);
            case CompressionCodec.Gzip:
                return GzipCodec.Compress(source, destination, level);
            case CompressionCodec.Brotli:
                return BrotliCodec.Compress(source, destination, level);
            case CompressionCodec.Lz4:
                return Lz4HadoopCodec.Compress(source, destination);
            case CompressionCodec.Zstd:
                return ZstdCodec.Compress(source, destination, level);
            default:
                return CompressBlock(source, destination, Lz4BlockEncoder.MaxCompressedLength(source.Length), snappy: false);
        }
    }

    /// <summary>True when <paramref name="codec"/> can be read and written here (ZSTD only when the system library
    /// loads).</summary>
    public static bool IsSupported(CompressionCodec codec) =>
        IsKnownAndImplemented(codec) && (codec != CompressionCodec.Zstd || ZstdNative.IsAvailable);

    private static bool IsKnownAndImplemented(CompressionCodec codec) =>
        codec is CompressionCodec.Uncompressed or CompressionCodec.Snappy or CompressionCodec.Gzip
            or CompressionCodec.Brotli or CompressionCodec.Lz4 or CompressionCodec.Zstd or CompressionCodec.Lz4Raw;

    private static int CompressBlock(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int maxLength, bool snappy)
    {
        Span<byte> span = destination.GetSpan(maxLength);
        int written = snappy ? SnappyEncoder.Compress(source, span) : Lz4BlockEncoder.Compress(source, span);
        destination.Advance(written);
        return written;
    }
}
