using System.Numerics;

namespace DeltaSharp.Tables.DeletionVectors;

/// <summary>
/// The low 16 bits of the values sharing one 48-bit key: a sorted array (≤ 4096 values) or a 65536-bit bitmap, as in
/// the Roaring format (RoaringFormatSpec "Container storage"; run containers are expanded when read). Immutable.
/// </summary>
internal sealed class RoaringContainer
{
    /// <summary>Above this many values a bitmap is smaller than an array (RoaringFormatSpec "Descriptive header").</summary>
    public const int ArrayMaxCardinality = 4096;

    public const int BitmapWords = 1024;

    private RoaringContainer(ushort[]? array, ulong[]? bits, int cardinality)
    {
        Array = array;
        Bits = bits;
        Cardinality = cardinality;
    }

    /// <summary>Sorted distinct values, or null for a bitmap container.</summary>
    public ushort[]? Array { get; }

    /// <summary>1024 words (bit j of word w = value 64·w + j), or null for an array container.</summary>
    public ulong[]? Bits { get; }

    public int Cardinality { get; }

    /// <summary>Takes ownership of <paramref name="sorted"/> (strictly ascending, 1..65536 values); switches to a bitmap
    /// above <see cref="ArrayMaxCardinality"/>.</summary>
    public static RoaringContainer FromSorted(ushort[] sorted)
    {
        if (sorted.Length <= ArrayMaxCardinality) return new RoaringContainer(sorted, null, sorted.Length);
        var bits = new ulong[BitmapWords];
        foreach (var v in sorted) bits[v >> 6] |= 1UL << (v & 63);
        return new RoaringContainer(null, bits, sorted.Length);
    }

    /// <summary>Takes ownership of <paramref name="bits"/> (1024 words, at least one bit set); small sets become arrays.</summary>
    public static RoaringContainer FromBits(ulong[] bits)
    {
        var card = 0;
        foreach (var w in bits) card += BitOperations.PopCount(w);
        if (card > ArrayMaxCardinality) return new RoaringContainer(null, bits, card);
        var array = new ushort[card];
        var n = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            for (var word = bits[w]; word != 0; word &= word - 1)
                array[n++] = (ushort)((w << 6) + BitOperations.TrailingZeroCount(word));
        }
        return new RoaringContainer(array, null, card);
    }

    public bool Contains(ushort value) =>
        Bits is { } bits ? (bits[value >> 6] & (1UL << (value & 63))) != 0 : System.Array.BinarySearch(Array!, value) >= 0;

    /// <summary>Index of the first value ≥ <paramref name="value"/> in an array container.</summary>
    public int ArrayLowerBound(int value)
    {
        var a = Array!;
        int lo = 0, hi = a.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (a[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>Writes the values in ascending order to <paramref name="destination"/> (length ≥ Cardinality).</summary>
    public void CopyTo(Span<ushort> destination)
    {
        if (Array is { } a)
        {
            a.CopyTo(destination);
            return;
        }
        var n = 0;
        var bits = Bits!;
        for (var w = 0; w < bits.Length; w++)
        {
            for (var word = bits[w]; word != 0; word &= word - 1)
                destination[n++] = (ushort)((w << 6) + BitOperations.TrailingZeroCount(word));
        }
    }

    /// <summary>Number of runs of consecutive values (for choosing the serialized container kind).</summary>
    public int CountRuns()
    {
        if (Array is { } a)
        {
            var runs = 0;
            for (var i = 0; i < a.Length; i++)
                if (i == 0 || a[i] != a[i - 1] + 1) runs++;
            return runs;
        }
        var bits = Bits!;
        var count = 0;
        for (var w = 0; w < bits.Length; w++)
        {
            var word = bits[w];
            // A run starts at a set bit whose predecessor (previous bit, or bit 63 of the previous word) is clear.
            var carry = w > 0 ? bits[w - 1] >> 63 : 0;
            count += BitOperations.PopCount(word & ~((word << 1) | carry));
        }
        return count;
    }
}
