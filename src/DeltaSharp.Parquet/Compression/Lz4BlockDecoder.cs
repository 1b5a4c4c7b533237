using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// Decoder for the LZ4 block format (lz4 Block_format.md): sequences of a token (high nibble literal length,
/// low nibble match length - 4, 15 meaning "more bytes follow, each added, until one is below 255"), the
/// literals, a 2-byte little-endian match offset and the match. The last sequence has literals only and ends the
/// input. Every length and offset is checked against the input and the output written so far.
/// Stateless and thread-safe.
/// </summary>
internal static unsafe class Lz4BlockDecoder
{
    /// <summary>Decodes one block that must produce exactly <paramref name="destination"/>.Length bytes.</summary>
    public static void Decompress(CompressionCodec codec, ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = TryDecompress(source, destination, out string? error);
        if (error is not null)
        {
            CompressionErrors.Corrupt(codec, error);
        }

        if (written != destination.Length)
        {
            CompressionErrors.SizeMismatch(codec, written, destination.Length);
        }
    }

    /// <summary>Decodes one block into <paramref name="destination"/> and returns the number of bytes written;
    /// on bad input returns -1 and says why in <paramref name="error"/>.</summary>
    public static int TryDecompress(ReadOnlySpan<byte> source, Span<byte> destination, out string? error)
    {
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            error = Decode(src, src + source.Length, dst, dst + destination.Length, out nuint written);
            return error is null ? (int)written : -1;
        }
    }

    // Sequences whose lengths fit the token (literals ≤ 14, match ≤ 18) are the common case; with this much room
    // left on both sides they are copied with fixed-size wild stores and no further bound checks.
    private const int FastInputRoom = 16 + 2;
    private const int FastOutputRoom = 16 + 18 + 8;

    private static string? Decode(byte* ip, byte* ipEnd, byte* opStart, byte* opEnd, out nuint written)
    {
        byte* op = opStart;
        written = 0;
        for (;;)
        {
            if (ip >= ipEnd)
            {
                return "the block ends without a last (literals-only) sequence";
            }

            uint token = *ip++;
            nuint length = token >> 4;
            nuint offset;

            if (length != 15 && ipEnd - ip >= FastInputRoom && opEnd - op >= FastOutputRoom)
            {
                // Fast path: 16 literal bytes copied whatever the length (room checked above).
                Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(ip));
                Unsafe.WriteUnaligned(op + 8, Unsafe.ReadUnaligned<ulong>(ip + 8));
                ip += length;
                op += length;
                offset = ReadOffset(ip);
                ip += 2;
                length = token & 15;
                if (length != 15 && offset >= 8 && offset <= (nuint)(op - opStart))
                {
                    // Match of 4..18 bytes: three 8-byte stores, each reading only bytes already written.
                    byte* match = op - offset;
                    Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(match));
                    Unsafe.WriteUnaligned(op + 8, Unsafe.ReadUnaligned<ulong>(match + 8));
                    Unsafe.WriteUnaligned(op + 16, Unsafe.ReadUnaligned<ulong>(match + 16));
                    op += length + 4;
                    continue;
                }

                // ≥ 4 input bytes were left after the literals, so this cannot be the last sequence: a match follows.
                goto Match;
            }

            if (length == 15)
            {
                uint b;
                do
                {
                    if (ip >= ipEnd)
                    {
                        return "a literal length runs past the end of the input";
                    }

                    b = *ip++;
                    length += b;
                }
                while (b == 255 && length <= int.MaxValue); // past int.MaxValue the bound checks below reject it
            }

            nuint inputLeft = (nuint)(ipEnd - ip);
            nuint outputLeft = (nuint)(opEnd - op);
            if (length > inputLeft)
            {
                return "literals run past the end of the input";
            }

            if (length > outputLeft)
            {
                return "literals run past the expected output size";
            }

            MatchCopy.Literal(op, ip, length, inputLeft, outputLeft);
            ip += length;
            op += length;

            if (ip == ipEnd)
            {
                break; // the last sequence: literals only
            }

            if (ipEnd - ip < 2)
            {
                return "a match offset runs past the end of the input";
            }

            offset = ReadOffset(ip);
            ip += 2;
            length = token & 15;

        Match:
            if (offset == 0)
            {
                return "a match has offset 0";
            }

            if (offset > (nuint)(op - opStart))
            {
                return "a match offset points before the start of the output";
            }

            if (length == 15)
            {
                uint b;
                do
                {
                    if (ip >= ipEnd)
                    {
                        return "a match length runs past the end of the input";
                    }

                    b = *ip++;
                    length += b;
                }
                while (b == 255 && length <= int.MaxValue);
            }

            length += 4;
            if (length > (nuint)(opEnd - op))
            {
                return "a match runs past the expected output size";
            }

            MatchCopy.Copy(op, offset, length, opEnd);
            op += length;
        }

        written = (nuint)(op - opStart);
        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint ReadOffset(byte* p) => BitConverter.IsLittleEndian
        ? Unsafe.ReadUnaligned<ushort>(p)
        : BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(p));
}
