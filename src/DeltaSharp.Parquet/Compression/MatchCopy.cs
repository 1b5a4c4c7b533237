using System.Runtime.CompilerServices;

namespace DeltaSharp.Parquet.Compression;

/// <summary>
/// Copy helpers shared by the Snappy and LZ4 block decoders. Callers have already checked that the whole
/// copy lies inside the output (offset within what was written, length within what is left); these helpers
/// only choose the fastest way to do it. "Wild" copies write up to 7 (match) or 15 (literal) bytes past the
/// requested end, and are used only when the output has that much room after the copy.
/// </summary>
internal static unsafe class MatchCopy
{
    /// <summary>Copies <paramref name="length"/> bytes from <c>op - offset</c> to <paramref name="op"/>, where the two
    /// ranges may overlap (offset &lt; length repeats the last <paramref name="offset"/> bytes, as LZ77 copies do).
    /// Requires 1 ≤ offset ≤ bytes already written and op + length ≤ opEnd.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy(byte* op, nuint offset, nuint length, byte* opEnd)
    {
        byte* src = op - offset;
        if ((nuint)(opEnd - op) >= length + 8)
        {
            if (offset >= 8)
            {
                if (length > 64 && offset >= length)
                {
                    Buffer.MemoryCopy(src, op, length, length);
                    return;
                }

                // Each 8-byte read ends at or before the write position, so overlapping copies stay correct.
                byte* end = op + length;
                do
                {
                    Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(src));
                    op += 8;
                    src += 8;
                }
                while (op < end);
                return;
            }

            CopyShortOffsetWild(op, offset, length);
            return;
        }

        CopyNearEnd(op, src, offset, length);
    }

    /// <summary>Offset 1..7 with room for wild stores: write the first bytes one by one until the output
    /// repeats with a period d = k·offset ≥ 8, then copy 8 bytes at a time from d back.</summary>
    private static void CopyShortOffsetWild(byte* op, nuint offset, nuint length)
    {
        byte* src = op - offset;
        nuint period = offset;
        while (period < 8)
        {
            period += offset;
        }

        // Writing (period - offset) bytes one by one (≤ 7) leaves output periodic up to src + period.
        nuint pre = period - offset;
        for (nuint i = 0; i < pre; i++)
        {
            op[i] = src[i];
        }

        byte* end = op + length;
        byte* p = op + pre;
        while (p < end)
        {
            Unsafe.WriteUnaligned(p, Unsafe.ReadUnaligned<ulong>(src));
            p += 8;
            src += 8;
        }
    }

    /// <summary>Exact copy near the end of the output (no room for wild stores). For overlapping copies the
    /// copied block doubles each step: [src, op) repeats with period offset, so copying min(op - src, left)
    /// bytes from src never reads bytes not yet written.</summary>
    private static void CopyNearEnd(byte* op, byte* src, nuint offset, nuint length)
    {
        if (offset >= length)
        {
            Buffer.MemoryCopy(src, op, length, length);
            return;
        }

        if (offset == 1)
        {
            new Span<byte>(op, (int)length).Fill(*src);
            return;
        }

        while (length > 0)
        {
            nuint chunk = (nuint)(op - src);
            if (chunk > length)
            {
                chunk = length;
            }

            Buffer.MemoryCopy(src, op, chunk, chunk);
            op += chunk;
            length -= chunk;
        }
    }

    /// <summary>Copies a literal run. Short runs with 16 bytes of room on both sides use two 8-byte stores.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Literal(byte* op, byte* ip, nuint length, nuint inputLeft, nuint outputLeft)
    {
        if (length <= 16 && inputLeft >= 16 && outputLeft >= 16)
        {
            Unsafe.WriteUnaligned(op, Unsafe.ReadUnaligned<ulong>(ip));
            Unsafe.WriteUnaligned(op + 8, Unsafe.ReadUnaligned<ulong>(ip + 8));
            return;
        }

        Buffer.MemoryCopy(ip, op, length, length);
    }
}
