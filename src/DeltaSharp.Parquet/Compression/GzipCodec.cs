using System.Buffers;
using System.IO.Compression;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// GZIP pages (RFC 1952) through the BCL's zlib. Decoding reads the caller's span in place through an
/// <see cref="UnmanagedMemoryStream"/>, accepts several concatenated gzip members (Hadoop's GzipCodec may write
/// them) and, like parquet-cpp, also a bare zlib stream (RFC 1950). Stateless and thread-safe.
/// </summary>
internal static unsafe class GzipCodec
{
    /// <summary>zlib's own default (what CompressionLevel.Optimal means).</summary>
    public const int DefaultLevel = 6;

    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.IsEmpty)
        {
            CompressionErrors.Corrupt(CompressionCodec.Gzip, "the input is empty");
        }

        fixed (byte* src = source)
        {
            using var input = new UnmanagedMemoryStream(src, source.Length);
            using Stream inflater = IsZlibHeader(source)
                ? new ZLibStream(input, CompressionMode.Decompress)
                : new GZipStream(input, CompressionMode.Decompress);
            try
            {
                int written = inflater.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
                if (written < destination.Length)
                {
                    CompressionErrors.SizeMismatch(CompressionCodec.Gzip, written, destination.Length);
                }

                Span<byte> probe = stackalloc byte[1];
                if (inflater.Read(probe) != 0)
                {
                    CompressionErrors.SizeTooLarge(CompressionCodec.Gzip, destination.Length);
                }
            }
            catch (InvalidDataException e)
            {
                CompressionErrors.Corrupt(CompressionCodec.Gzip, e.Message, e);
            }
            catch (IOException e)
            {
                // ZLibException: zlib itself reported an error on this input.
                CompressionErrors.Corrupt(CompressionCodec.Gzip, e.Message, e);
            }
        }
    }

    /// <summary>RFC 1950 §2.2: CM = 8 (deflate) with window ≤ 32 KiB, and CMF·256 + FLG a multiple of 31. A gzip
    /// stream starts with 0x1F 0x8B, which never passes this test.</summary>
    private static bool IsZlibHeader(ReadOnlySpan<byte> source) =>
        source.Length >= 2 && (source[0] & 0x0F) == 8 && (source[0] >> 4) <= 7 && ((source[0] << 8) | source[1]) % 31 == 0;

    /// <summary>Appends one gzip member. <paramref name="level"/> is zlib's 0 (store) … 9 (smallest), clamped.</summary>
    public static int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination, int? level)
    {
        var output = new BufferWriterStream(destination);
        var options = new ZLibCompressionOptions { CompressionLevel = Math.Clamp(level ?? DefaultLevel, 0, 9) };
        using (var deflater = new GZipStream(output, options, leaveOpen: true))
        {
            deflater.Write(source);
        }

        return checked((int)output.BytesWritten);
    }
}
