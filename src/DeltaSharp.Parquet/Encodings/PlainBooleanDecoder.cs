using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// PLAIN BOOLEAN decoder: one bit per value, LSB first (Encodings.md "Plain"). Whole bytes expand through a
/// 256-entry table of 8 bools. Resumable; not thread-safe.
/// </summary>
internal sealed class PlainBooleanDecoder : IValueDecoder<bool>
{
    private static readonly ulong[] s_expand = BuildExpandTable();

    private ReadOnlyMemory<byte> _data;
    private long _bitPosition;
    private int _remaining;

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _data = data;
        _bitPosition = 0;
        _remaining = Math.Max(0, valueCount);
    }

    public int Read(Span<bool> destination)
    {
        var n = Math.Min(destination.Length, _remaining);
        if (n == 0) return 0;
        var source = _data.Span;
        if (_bitPosition + n > (long)source.Length * 8) EncodingErrors.Truncated("PLAIN BOOLEAN");
        Expand(source, _bitPosition, destination[..n]);
        _bitPosition += n;
        _remaining -= n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (_bitPosition + n > (long)_data.Length * 8) EncodingErrors.Truncated("PLAIN BOOLEAN");
        _bitPosition += n;
        _remaining -= n;
        return n;
    }

    /// <summary>Expands <c>destination.Length</c> LSB-first bits starting at <paramref name="bitOffset"/>.</summary>
    internal static void Expand(ReadOnlySpan<byte> source, long bitOffset, Span<bool> destination)
    {
        var k = 0;
        var count = destination.Length;
        var bit = bitOffset;
        // Leading bits up to a byte boundary.
        while (k < count && (bit & 7) != 0)
        {
            destination[k++] = ((source[(int)(bit >> 3)] >> (int)(bit & 7)) & 1) != 0;
            bit++;
        }
        var table = s_expand;
        ref var dst = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(destination));
        var byteIndex = (int)(bit >> 3);
        for (; k + 8 <= count; k += 8, byteIndex++)
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, k), table[source[byteIndex]]);
        if (k < count)
        {
            int last = source[byteIndex];
            for (var j = 0; k < count; k++, j++) destination[k] = ((last >> j) & 1) != 0;
        }
    }

    private static ulong[] BuildExpandTable()
    {
        var table = new ulong[256];
        for (var b = 0; b < 256; b++)
        {
            ulong v = 0;
            for (var j = 0; j < 8; j++)
                if (((b >> j) & 1) != 0) v |= 1UL << (8 * j);
            table[b] = v;
        }
        return table;
    }
}
