using System.Buffers;
using System.IO.Compression;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Compression;

/// <summary>BROTLI pages (RFC 7932) through the BCL's span-based <see cref="BrotliDecoder"/> and
/// <see cref="BrotliEncoder"/>. Stateless and thread-safe.</summary>
internal static class BrotliCodec
{
    /// <summary>Quality 4 (the BCL's CompressionLevel.Optimal): a fair ratio at a write speed near zstd's.</summary>
    public const int DefaultQuality = 4;

    // brotli's default window (BROTLI_DEFAULT_WINDOW): 4 MiB, enough for a whole page.
    private const int Window = 22;

    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        using var decoder = new BrotliDecoder();
        OperationStatus status = decoder.Decompress(source, destination, out int consumed, out int written);
        if (status == OperationStatus.DestinationTooSmall && written == destination.Length)
        {
            // A full destination is reported before the end of the stream is seen; only more output is an error.
            Span<byte> probe = stackalloc byte[1];
            status = decoder.Decompress(source[consumed..], probe, out int probeConsumed, out int probeWritten);
            if (probeWritten != 0)
            {
                CompressionErrors.SizeTooLarge(CompressionCodec.Brotli, destination.Length);
            }

            consumed += probeConsumed;
        }

        switch (status)
        {
            case OperationStatus.Done:
                if (written != destination.Length)
                {
                    CompressionErrors.SizeMismatch(CompressionCodec.Brotli, written, destination.Length);
                }

                if (consumed != source.Length)
                {
                    CompressionErrors.Corrupt(CompressionCodec.Brotli, $"{source.Length - consumed} bytes follow the end of the stream");
                }

                return;
            case OperationStatus.DestinationTooSmall:
                CompressionErrors.SizeTooLarge(CompressionCodec.Brotli, destination.Length);
                return;
            case OperationStatus.NeedMoreData:
                CompressionErrors.Corrupt(CompressionCodec.Brotli, "the stream is truncated");
                return;
            default:
                CompressionErrors.Corrupt(CompressionCodec.Brotli, "the stream is invalid");
                return;
        }
    }

    /// <summary>Appends one brotli stream. <paramref name="level"/> is brotli's quality 0 … 11, clamped.</summary>
    public static int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level)
    {
        int quality = Math.Clamp(level ?? DefaultQuality, 0, 11);
        int max = checked((int)BrotliEncoder.GetMaxCompressedLength(source.Length));
        Span<byte> span = destination.GetSpan(max);
        if (!BrotliEncoder.TryCompress(source, span, out int written, quality, Window))
        {
            throw new InvalidOperationException("brotli compression failed although the output had its maximum size");
        }

        destination.Advance(written);
        return written;
    }
}
