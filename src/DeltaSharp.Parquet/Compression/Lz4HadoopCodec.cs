using System.Buffers;
using System.Buffers.Binary;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// The deprecated LZ4 codec (parquet.thrift CompressionCodec 5, see parquet-format Compression.md): what Hadoop's
/// Lz4Codec writes, a series of blocks each framed as [4-byte big-endian uncompressed length][4-byte big-endian
/// compressed length][LZ4 block]. Some writers put a plain LZ4 block instead, so when the framing does not parse to
/// exactly the expected size the input is read as one raw block (as parquet-cpp and parquet-mr do).
/// Stateless and thread-safe.
/// </summary>
internal static class Lz4HadoopCodec
{
    // Hadoop's decompressor buffers one block (256 KiB by default); smaller blocks keep our files readable there.
    private const int BlockSize = 1 << 16;
    private const int FrameHeaderSize = 8;

    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (TryDecompressFramed(source, destination))
        {
            return;
        }

        Lz4BlockDecoder.Decompress(CompressionCodec.Lz4, source, destination);
    }

    /// <summary>Reads the Hadoop framing; false unless every frame decodes to its stated size and the frames
    /// fill the destination exactly.</summary>
    private static bool TryDecompressFramed(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length < FrameHeaderSize)
        {
            return false;
        }

        int written = 0;
        while (source.Length >= FrameHeaderSize)
        {
            uint uncompressed = BinaryPrimitives.ReadUInt32BigEndian(source);
            uint compressed = BinaryPrimitives.ReadUInt32BigEndian(source[4..]);
            source = source[FrameHeaderSize..];
            if (compressed > (uint)source.Length || uncompressed > (uint)(destination.Length - written))
            {
                return false;
            }

            int n = Lz4BlockDecoder.TryDecompress(
                source[..(int)compressed], destination.Slice(written, (int)uncompressed), out string? error);
            if (error is not null || n != (int)uncompressed)
            {
                return false;
            }

            source = source[(int)compressed..];
            written += n;
        }

        return source.IsEmpty && written == destination.Length;
    }

    /// <summary>Writes the Hadoop framing, one frame per 64 KiB of input; an empty input gets one frame holding an
    /// empty block.</summary>
    public static int Compress(ReadOnlySpan<byte> source, IBufferWriter<byte> destination)
    {
        int total = 0;
        int position = 0;
        do
        {
            int chunk = Math.Min(BlockSize, source.Length - position);
            int max = Lz4BlockEncoder.MaxCompressedLength(chunk);
            Span<byte> span = destination.GetSpan(FrameHeaderSize + max);
            int n = Lz4BlockEncoder.Compress(source.Slice(position, chunk), span[FrameHeaderSize..]);
            BinaryPrimitives.WriteUInt32BigEndian(span, (uint)chunk);
            BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)n);
            destination.Advance(FrameHeaderSize + n);
            total += FrameHeaderSize + n;
            position += chunk;
        }
        while (position < source.Length);

        return total;
    }
}
