using System.Buffers;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// ZSTD pages (RFC 8878) through the system libzstd. One compression and one decompression context per thread
/// are created on first use and reused, so a page costs no allocation. ZSTD_decompressDCtx reads every frame of
/// the input, so data written as several frames decodes whole. Thread-safe.
/// </summary>
internal static unsafe class ZstdCodec
{
    /// <summary>zstd's own default level (ZSTD_CLEVEL_DEFAULT), what Spark and parquet-mr write.</summary>
    public const int DefaultLevel = 3;

    [ThreadStatic]
    private static ZstdCompressContext? t_compressContext;

    [ThreadStatic]
    private static ZstdDecompressContext? t_decompressContext;

    private static void EnsureAvailable()
    {
        if (!ZstdNative.IsAvailable)
        {
            throw new ParquetFormatException(ZstdNative.MissingMessage);
        }
    }

    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        EnsureAvailable();
        ZstdDecompressContext context = t_decompressContext ??= Create(ZstdNative.ZSTD_createDCtx());
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            result = ZstdNative.ZSTD_decompressDCtx(context, dst, (nuint)destination.Length, src, (nuint)source.Length);
        }

        if (ZstdNative.ZSTD_isError(result) != 0)
        {
            if (ZstdNative.ZSTD_getErrorCode(result) == ZstdNative.ErrorDestinationTooSmall)
            {
                CompressionErrors.SizeTooLarge(CompressionCodec.Zstd, destination.Length);
            }

            CompressionErrors.Corrupt(CompressionCodec.Zstd, ZstdNative.ErrorName(result));
        }

        if (result != (nuint)destination.Length)
        {
            CompressionErrors.SizeMismatch(CompressionCodec.Zstd, (long)result, destination.Length);
        }
    }

    /// <summary>Appends one zstd frame. <paramref name="level"/> is clamped to the library's range
    /// (negative levels are its fast modes; 0 means its default).</summary>
    public static int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level)
    {
        EnsureAvailable();
        ZstdCompressContext context = t_compressContext ??= Create(ZstdNative.ZSTD_createCCtx());
        int clamped = Math.Clamp(level ?? DefaultLevel, ZstdNative.ZSTD_minCLevel(), ZstdNative.ZSTD_maxCLevel());
        nuint bound = ZstdNative.ZSTD_compressBound((nuint)source.Length);
        if (ZstdNative.ZSTD_isError(bound) != 0 || bound > int.MaxValue)
        {
            throw new ArgumentException($"{source.Length} bytes are too many for one zstd frame", nameof(source));
        }

        Span<byte> span = destination.GetSpan((int)bound);
        nuint result;
        fixed (byte* src = source)
        fixed (byte* dst = span)
        {
            result = ZstdNative.ZSTD_compressCCtx(context, dst, (nuint)span.Length, src, (nuint)source.Length, clamped);
        }

        if (ZstdNative.ZSTD_isError(result) != 0)
        {
            throw new InvalidOperationException($"zstd compression failed: {ZstdNative.ErrorName(result)}");
        }

        destination.Advance((int)result);
        return (int)result;
    }

    private static T Create<T>(T context)
        where T : System.Runtime.InteropServices.SafeHandle
    {
        if (context.IsInvalid)
        {
            throw new InvalidOperationException("zstd could not allocate a context");
        }

        return context;
    }
}
