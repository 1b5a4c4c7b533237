using System.Runtime.CompilerServices;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// Greedy encoder for the LZ4 block format (lz4 Block_format.md) with a hash table of the last position of each
/// 4-byte sequence. It keeps the end-of-block rules decoders may rely on: the last 5 bytes are literals and the
/// last match starts at least 12 bytes before the end. Stateless and thread-safe; the table lives on the stack.
/// </summary>
internal static unsafe class Lz4BlockEncoder
{
    private const int MinMatch = 4;
    private const int LastLiterals = 5; // the last 5 bytes are always literals
    private const int MatchFindLimit = 12; // a match starts at least 12 bytes before the end
    private const int MaxOffset = 65535;
    private const int MaxTableBits = 14;
    private const int MinTableBits = 8;

    // After 2^SkipTrigger misses the search step grows by one, so incompressible input is crossed quickly.
    private const int SkipTrigger = 6;

    /// <summary>Upper bound of the compressed size: every 255 literals cost one more length byte.</summary>
    public static int MaxCompressedLength(int length) => checked(length + (length / 255) + 16);

    /// <summary>Compresses <paramref name="source"/> as one block into <paramref name="destination"/> (at least
    /// <see cref="MaxCompressedLength"/> bytes) and returns the number of bytes written.</summary>
    [SkipLocalsInit]
    public static int Compress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (destination.Length < MaxCompressedLength(source.Length))
        {
            throw new ArgumentException("destination is shorter than MaxCompressedLength", nameof(destination));
        }

        int tableBits = MinTableBits;
        while (tableBits < MaxTableBits && (1 << tableBits) < source.Length)
        {
            tableBits++;
        }

        int* table = stackalloc int[1 << tableBits];
        new Span<int>(table, 1 << tableBits).Clear();
        fixed (byte* src = source)
        fixed (byte* dst = destination)
        {
            return (int)(CompressBlock(src, source.Length, dst, table, 32 - tableBits) - dst);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(byte* p, int shift) => (Unsafe.ReadUnaligned<uint>(p) * 2654435761u) >> shift;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Load32(byte* p) => Unsafe.ReadUnaligned<uint>(p);

    private static byte* CompressBlock(byte* src, int length, byte* op, int* table, int shift)
    {
        byte* ipEnd = src + length;
        byte* anchor = src;
        if (length >= MatchFindLimit + 1)
        {
            byte* matchStartLimit = ipEnd - MatchFindLimit;
            byte* matchEndLimit = ipEnd - LastLiterals;
            byte* ip = src + 1;
            table[Hash(src, shift)] = 0;
            for (;;)
            {
                // Search for a 4-byte match within the 64 KiB window.
                uint attempts = 1u << SkipTrigger;
                byte* next = ip;
                byte* match;
                do
                {
                    ip = next;
                    if (ip > matchStartLimit)
                    {
                        goto LastSequence;
                    }

                    next = ip + (attempts++ >> SkipTrigger);
                    uint h = Hash(ip, shift);
                    match = src + table[h];
                    table[h] = (int)(ip - src);
                }
                while (ip - match > MaxOffset || Load32(match) != Load32(ip));

                // Extend the match backwards over bytes not yet emitted.
                while (ip > anchor && match > src && ip[-1] == match[-1])
                {
                    ip--;
                    match--;
                }

                byte* token = op++;
                int literalLength = (int)(ip - anchor);
                op = WriteLengthExtension(op, token, literalLength, 4);
                Buffer.MemoryCopy(anchor, op, literalLength, literalLength);
                op += literalLength;

                for (;;)
                {
                    // Offset, then match length (the 4 bytes already known equal are implied).
                    int offset = (int)(ip - match);
                    op[0] = (byte)offset;
                    op[1] = (byte)(offset >> 8);
                    op += 2;

                    int extra = SnappyEncoder.MatchLength(match + MinMatch, ip + MinMatch, matchEndLimit);
                    ip += MinMatch + extra;
                    op = WriteLengthExtension(op, token, extra, 0);
                    anchor = ip;
                    if (ip > matchStartLimit)
                    {
                        goto LastSequence;
                    }

                    table[Hash(ip - 2, shift)] = (int)(ip - 2 - src);

                    // A match right here continues with an empty literal run.
                    uint h = Hash(ip, shift);
                    match = src + table[h];
                    table[h] = (int)(ip - src);
                    if (ip - match > MaxOffset || Load32(match) != Load32(ip))
                    {
                        break;
                    }

                    token = op++;
                    *token = 0;
                }

                ip++;
            }
        }

    LastSequence:
        {
            int literalLength = (int)(ipEnd - anchor);
            byte* token = op++;
            op = WriteLengthExtension(op, token, literalLength, 4);
            Buffer.MemoryCopy(anchor, op, literalLength, literalLength);
            return op + literalLength;
        }
    }

    /// <summary>Puts min(value, 15) in the token's nibble at <paramref name="shift"/> (4 = literals, 0 = match; the
    /// token's other nibble is kept) and, for 15 and more, writes value - 15 as 255-bytes plus a last byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* WriteLengthExtension(byte* op, byte* token, int value, int shift)
    {
        if (value < 15)
        {
            *token = (byte)((shift == 4 ? 0 : *token) | (value << shift));
            return op;
        }

        *token = (byte)((shift == 4 ? 0 : *token) | (15 << shift));
        int rest = value - 15;
        while (rest >= 255)
        {
            *op++ = 255;
            rest -= 255;
        }

        *op++ = (byte)rest;
        return op;
    }
}
