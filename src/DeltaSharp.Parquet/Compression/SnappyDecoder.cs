using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// Decoder for the Snappy block format (google/snappy format_description.txt): a varint of the uncompressed
/// length, then elements whose tag byte's low two bits say literal (00), copy with a 1-byte (01), 2-byte (10)
/// or 4-byte (11) offset. Every length and offset is checked against the input and the output written so far.
/// Stateless and thread-safe.
/// </summary>
internal static unsafe class SnappyDecoder
{
    /// <summary>Reads the preamble: the uncompressed length as a little-endian base-128 varint of at most
    /// 32 bits (format_description.txt §1). Returns false when it is missing, too long or over 2^32 - 1.</summary>
    public static bool TryReadUncompressedLength(ReadOnlySpan<byte> source, out uint length, out int headerBytes)
    {
        uint value = 0;
        for (int i = 0; i < 5 && i < source.Length; i++)
        {
            uint b = source[i];
            if (i == 4 && b > 0x0F)
            {
                break; // more than 32 bits
            }

            value |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                length = value;
                headerBytes = i + 1;
                return true;
            }
        }

        length = 0;
        headerBytes = 0;
        return false;
    }

    /// <summary>Decompresses a whole Snappy block into <paramref name="destination"/>, whose length must equal
    /// the block's stated uncompressed length. Throws <see cref="ParquetFormatException"/> otherwise.</summary>
    public static void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!TryReadUncompressedLength(source, out uint length, out int header))
        {
            CompressionErrors.Corrupt(CompressionCodec.Snappy, "the uncompressed-length varint is missing or longer than 32 bits");
        }

        if (length != (uint)destination.Length)
        {
            CompressionErrors.SizeMismatch(CompressionCodec.Snappy, length, destination.Length);
        }

        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            string? error = DecodeElements(src + header, src + source.Length, dst, dst + destination.Length);
            if (error is not null)
            {
                CompressionErrors.Corrupt(CompressionCodec.Snappy, error);
            }
        }
    }

    // Room that lets the fast path skip bound checks: a tag and 16 literal bytes (or a 2-byte offset) in, and a
    // 64-byte copy rounded up to 8-byte stores (or 16 literal bytes) out.
    private const int FastInputRoom = 1 + 16;
    private const int FastOutputRoom = 64 + 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nuint ReadUInt16(byte* p) => BitConverter.IsLittleEndian
        ? Unsafe.ReadUnaligned<ushort>(p)
        : BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ushort>(p));

    /// <summary>Decodes elements until the input ends; returns null when the output was filled exactly,
    /// otherwise what is wrong.</summary>
    private static string? DecodeElements(byte* ip, byte* ipEnd, byte* opStart, byte* opEnd)
    {
        byte* op = opStart;
        while (ip < ipEnd)
        {
            if (ipEnd - ip >= FastInputRoom && opEnd - op >= FastOutputRoom)
            {
                // Fast path for the common elements, with fixed-size wild copies and no further bound checks.
                uint fastTag = *ip;
                switch (fastTag & 3)
                {
                    case 0 when fastTag < (16 << 2):
                        {
                            // Literal of 1..16 bytes.
                            nuint n = (fastTag >> 2) + 1;
                            Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(ip + 1));
                            Unsafe.WriteUnaligned(op + 8, Unsafe.ReadUnaligned<ulong>(ip + 9));
                            ip += n + 1;
                            op += n;
                            continue;
                        }

                    case 1:
                        {
                            // Copy of 4..11 bytes at an offset of at least 8: two 8-byte stores.
                            nuint d = ((fastTag >> 5) << 8) | ip[1];
                            if (d >= 8 && d <= (nuint)(op - opStart))
                            {
                                byte* from = op - d;
                                Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(from));
                                Unsafe.WriteUnaligned(op + 8, Unsafe.ReadUnaligned<ulong>(from + 8));
                                ip += 2;
                                op += ((fastTag >> 2) & 7) + 4;
                                continue;
                            }

                            break;
                        }

                    case 2:
                        {
                            // Copy of 1..64 bytes at an offset of at least 8: 8-byte stores.
                            nuint d = ReadUInt16(ip + 1);
                            if (d >= 8 && d <= (nuint)(op - opStart))
                            {
                                byte* from = op - d;
                                byte* end = op + (fastTag >> 2) + 1;
                                do
                                {
                                    Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(from));
                                    op += 8;
                                    from += 8;
                                }
                                while (op < end);
                                op = end;
                                ip += 3;
                                continue;
                            }

                            break;
                        }
                }
            }

            uint tag = *ip++;
            nuint length;
            nuint offset;
            switch (tag & 3)
            {
                case 0:
                    // Literal: tag>>2 < 60 holds length-1; 60..63 mean 1..4 little-endian bytes of length-1 follow.
                    length = (tag >> 2) + 1;
                    if (length > 60)
                    {
                        nuint extra = length - 60;
                        if ((nuint)(ipEnd - ip) < extra)
                        {
                            return "a literal's length runs past the end of the input";
                        }

                        uint v = extra switch
                        {
                            1 => ip[0],
                            2 => BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(ip, 2)),
                            3 => ip[0] | ((uint)ip[1] << 8) | ((uint)ip[2] << 16),
                            _ => BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(ip, 4)),
                        };
                        ip += extra;
                        length = (nuint)v + 1;
                    }

                    nuint inputLeft = (nuint)(ipEnd - ip);
                    nuint outputLeft = (nuint)(opEnd - op);
                    if (length > inputLeft)
                    {
                        return "a literal runs past the end of the input";
                    }

                    if (length > outputLeft)
                    {
                        return "a literal runs past the stated uncompressed length";
                    }

                    MatchCopy.Literal(op, ip, length, inputLeft, outputLeft);
                    ip += length;
                    op += length;
                    continue;

                case 1:
                    // Copy, 1-byte offset: length 4..11 in bits 2-4, offset's high 3 bits in bits 5-7.
                    if (ip >= ipEnd)
                    {
                        return "a copy's offset runs past the end of the input";
                    }

                    length = ((tag >> 2) & 7) + 4;
                    offset = ((tag >> 5) << 8) | *ip++;
                    break;

                case 2:
                    // Copy, 2-byte little-endian offset: length 1..64 in bits 2-7.
                    if (ipEnd - ip < 2)
                    {
                        return "a copy's offset runs past the end of the input";
                    }

                    length = (tag >> 2) + 1;
                    offset = ReadUInt16(ip);
                    ip += 2;
                    break;

                default:
                    // Copy, 4-byte little-endian offset.
                    if (ipEnd - ip < 4)
                    {
                        return "a copy's offset runs past the end of the input";
                    }

                    length = (tag >> 2) + 1;
                    offset = BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(ip, 4));
                    ip += 4;
                    break;
            }

            if (offset == 0)
            {
                return "a copy has offset 0";
            }

            if (offset > (nuint)(op - opStart))
            {
                return "a copy's offset points before the start of the output";
            }

            if (length > (nuint)(opEnd - op))
            {
                return "a copy runs past the stated uncompressed length";
            }

            MatchCopy.Copy(op, offset, length, opEnd);
            op += length;
        }

        return op == opEnd ? null : "the input ends before the stated uncompressed length is reached";
    }
}
