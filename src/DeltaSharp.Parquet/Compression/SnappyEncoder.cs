using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// Encoder for the Snappy block format (google/snappy format_description.txt). The input is cut into 64 KiB
/// fragments, each compressed on its own with a hash table of the positions of earlier 4-byte sequences
/// (so every copy offset fits in 16 bits); when no match is found the search steps forward faster and faster
/// through incompressible data. Stateless and thread-safe; the hash table lives on the stack.
/// </summary>
internal static unsafe class SnappyEncoder
{
    private const int FragmentSize = 1 << 16;
    private const int MaxTableBits = 14;
    private const int MinTableBits = 8;

    // Matches are only searched while at least this many input bytes remain, so 4- and 8-byte loads and
    // 16-byte literal stores near the search position never leave the fragment.
    private const int InputMargin = 15;

    /// <summary>Upper bound of the compressed size of <paramref name="length"/> input bytes: the varint, plus
    /// literal tags of at most 5 bytes per 60+ bytes, with room to spare.</summary>
    public static int MaxCompressedLength(int length) => checked(32 + length + (length / 6));

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/> (at least
    /// <see cref="MaxCompressedLength"/> bytes long) and returns the number of bytes written.</summary>
    [SkipLocalsInit]
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < MaxCompressedLength(source.Length))
        {
            throw new ArgumentException("destination is shorter than MaxCompressedLength", nameof(destination));
        }

        ushort* table = stackalloc ushort[1 << MaxTableBits];
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            byte* op = dst;
            byte* opEnd = dst + destination.Length;

            // Preamble: uncompressed length as a base-128 varint.
            uint n = (uint)source.Length;
            while (n >= 0x80)
            {
                *op++ = (byte)(n | 0x80);
                n >>= 7;
            }

            *op++ = (byte)n;

            for (int start = 0; start < source.Length; start += FragmentSize)
            {
                int fragmentLength = Math.Min(FragmentSize, source.Length - start);
                int tableBits = MinTableBits;
                while (tableBits < MaxTableBits && (1 << tableBits) < fragmentLength)
                {
                    tableBits++;
                }

                new Span<ushort>(table, 1 << tableBits).Clear();
                op = CompressFragment(src + start, fragmentLength, op, opEnd, table, 32 - tableBits);
            }

            return (int)(op - dst);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(byte* p, int shift) => (Unsafe.ReadUnaligned<uint>(p) * 0x1E35A7BDu) >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(byte* p) => Unsafe.ReadUnaligned<uint>(p);

    private static byte* CompressFragment(byte* input, int length, byte* op, byte* opEnd, ushort* table, int shift)
    {
        byte* ipEnd = input + length;
        byte* nextEmit = input;
        if (length >= InputMargin)
        {
            byte* ipLimit = ipEnd - InputMargin;
            byte* ip = input + 1;
            for (;;)
            {
                // Look for a 4-byte match. After 32 misses the step grows by one every 32 probes, so
                // incompressible data is skipped quickly while compressible data is searched densely.
                uint skip = 32;
                byte* next = ip;
                byte* candidate;
                do
                {
                    ip = next;
                    next = ip + (skip++ >> 5);
                    if (next > ipLimit)
                    {
                        goto EmitRemainder;
                    }

                    uint h = Hash(ip, shift);
                    candidate = input + table[h];
                    table[h] = (ushort)(ip - input);
                }
                while (Load32(ip) != Load32(candidate));

                op = EmitLiteral(op, opEnd, nextEmit, (int)(ip - nextEmit), ipEnd);

                // Emit copies while the position right after a copy matches again (no literal in between).
                do
                {
                    byte* matchStart = ip;
                    int matched = 4 + MatchLength(candidate + 4, ip + 4, ipEnd);
                    ip += matched;
                    op = EmitCopy(op, (int)(matchStart - candidate), matched);
                    nextEmit = ip;
                    if (ip >= ipLimit)
                    {
                        goto EmitRemainder;
                    }

                    table[Hash(ip - 1, shift)] = (ushort)(ip - 1 - input);
                    uint h = Hash(ip, shift);
                    candidate = input + table[h];
                    table[h] = (ushort)(ip - input);
                }
                while (Load32(ip) == Load32(candidate));

                ip++;
            }
        }

    EmitRemainder:
        if (nextEmit < ipEnd)
        {
            op = EmitLiteral(op, opEnd, nextEmit, (int)(ipEnd - nextEmit), ipEnd);
        }

        return op;
    }

    /// <summary>Number of equal bytes at s1 and s2 (s1 &lt; s2), comparing s2 up to limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int MatchLength(byte* s1, byte* s2, byte* limit)
    {
        byte* start = s2;
        while (limit - s2 >= 8)
        {
            ulong x = Unsafe.ReadUnaligned<ulong>(s1) ^ Unsafe.ReadUnaligned<ulong>(s2);
            if (x != 0)
            {
                int equal = BitConverter.IsLittleEndian
                    ? BitOperations.TrailingZeroCount(x) >> 3
                    : BitOperations.LeadingZeroCount(x) >> 3;
                return (int)(s2 - start) + equal;
            }

            s1 += 8;
            s2 += 8;
        }

        while (s2 < limit && *s1 == *s2)
        {
            s1++;
            s2++;
        }

        return (int)(s2 - start);
    }

    /// <summary>Literal element: tag with length-1 in its upper 6 bits when below 60, else 60..63 and
    /// 1..4 little-endian bytes of length-1 (format_description.txt §2.1).</summary>
    private static byte* EmitLiteral(byte* op, byte* opEnd, byte* literal, int length, byte* inputEnd)
    {
        int n = length - 1;
        if (n < 60)
        {
            *op++ = (byte)(n << 2);
            if (length <= 16 && inputEnd - literal >= 16 && opEnd - op >= 16)
            {
                Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(literal));
                Unsafe.WriteUnaligned(op + 8, Unsafe.ReadUnaligned<ulong>(literal + 8));
                return op + length;
            }
        }
        else
        {
            int count = n < (1 << 8) ? 1 : n < (1 << 16) ? 2 : n < (1 << 24) ? 3 : 4;
            *op++ = (byte)((59 + count) << 2);
            for (int i = 0; i < count; i++)
            {
                *op++ = (byte)(n >> (8 * i));
            }
        }

        Buffer.MemoryCopy(literal, op, length, length);
        return op + length;
    }

    /// <summary>Copy elements for a match of any length ≥ 4 at an offset below 65536: pieces of 64 bytes with a
    /// 2-byte offset, keeping the last piece ≥ 4 bytes; a last piece of 4..11 bytes at an offset below 2048 uses
    /// the 2-byte form with a 1-byte offset (format_description.txt §2.2).</summary>
    private static byte* EmitCopy(byte* op, int offset, int length)
    {
        while (length >= 68)
        {
            op = EmitCopy2(op, offset, 64);
            length -= 64;
        }

        if (length > 64)
        {
            op = EmitCopy2(op, offset, 60);
            length -= 60;
        }

        if (length < 12 && offset < 2048)
        {
            op[0] = (byte)(1 | ((length - 4) << 2) | ((offset >> 8) << 5));
            op[1] = (byte)offset;
            return op + 2;
        }

        return EmitCopy2(op, offset, length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* EmitCopy2(byte* op, int offset, int length)
    {
        op[0] = (byte)(2 | ((length - 1) << 2));
        op[1] = (byte)offset;
        op[2] = (byte)(offset >> 8);
        return op + 3;
    }
}
