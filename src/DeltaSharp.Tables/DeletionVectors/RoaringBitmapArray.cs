using System.Collections;
using System.Numerics;

namespace DeltaSharp.Tables.DeletionVectors;

/// <summary>
/// A set of non-negative row indexes (the rows a deletion vector deletes), kept as Roaring containers keyed by the
/// upper 48 bits of each value — the in-memory form of Delta's "RoaringBitmapArray" (PROTOCOL.md "Deletion Vector
/// Format"). Enumerates in ascending order; <see cref="Contains"/> is a binary search plus a container probe.
/// Immutable and thread-safe.
/// </summary>
public sealed class RoaringBitmapArray : IEnumerable<long>
{
    private readonly ulong[] _keys; // value >> 16, strictly ascending
    private readonly RoaringContainer[] _containers;

    internal RoaringBitmapArray(ulong[] keys, RoaringContainer[] containers)
    {
        _keys = keys;
        _containers = containers;
        long card = 0;
        foreach (var c in containers) card += c.Cardinality;
        Cardinality = card;
    }

    /// <summary>The empty set.</summary>
    public static RoaringBitmapArray Empty { get; } = new([], []);

    /// <summary>Number of row indexes in the set.</summary>
    public long Cardinality { get; }

    public bool IsEmpty => Cardinality == 0;

    internal ReadOnlySpan<ulong> Keys => _keys;

    internal ReadOnlySpan<RoaringContainer> Containers => _containers;

    /// <summary>The largest index in the set, or -1 when empty.</summary>
    public long Max
    {
        get
        {
            if (_keys.Length == 0) return -1;
            var c = _containers[^1];
            int low;
            if (c.Array is { } a) low = a[^1];
            else
            {
                var w = c.Bits!.Length - 1;
                while (c.Bits[w] == 0) w--;
                low = (w << 6) + 63 - BitOperations.LeadingZeroCount(c.Bits[w]);
            }
            return (long)(_keys[^1] << 16) + low;
        }
    }

    /// <summary>Builds the set from any sequence of row indexes (duplicates allowed, any order). Throws
    /// <see cref="ArgumentOutOfRangeException"/> for a negative index.</summary>
    public static RoaringBitmapArray Create(IEnumerable<long> rowIndexes)
    {
        ArgumentNullException.ThrowIfNull(rowIndexes);
        var values = rowIndexes.ToArray();
        foreach (var v in values)
            if (v < 0) throw new ArgumentOutOfRangeException(nameof(rowIndexes), v, "Row indexes must be non-negative.");
        Array.Sort(values);
        return FromSortedValues(values);
    }

    /// <summary>From ascending values (duplicates allowed, all ≥ 0).</summary>
    private static RoaringBitmapArray FromSortedValues(ReadOnlySpan<long> sorted)
    {
        var keys = new List<ulong>();
        var containers = new List<RoaringContainer>();
        var i = 0;
        var low = new List<ushort>();
        while (i < sorted.Length)
        {
            var key = (ulong)sorted[i] >> 16;
            low.Clear();
            while (i < sorted.Length && (ulong)sorted[i] >> 16 == key)
            {
                var v = (ushort)sorted[i];
                if (low.Count == 0 || low[^1] != v) low.Add(v);
                i++;
            }
            keys.Add(key);
            containers.Add(RoaringContainer.FromSorted([.. low]));
        }
        return new RoaringBitmapArray([.. keys], [.. containers]);
    }

    public bool Contains(long rowIndex)
    {
        if (rowIndex < 0) return false;
        var i = Array.BinarySearch(_keys, (ulong)rowIndex >> 16);
        return i >= 0 && _containers[i].Contains((ushort)rowIndex);
    }

    /// <summary>The union of this set and <paramref name="other"/>.</summary>
    public RoaringBitmapArray Union(RoaringBitmapArray other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty) return this;
        if (IsEmpty) return other;
        var merged = new long[Cardinality + other.Cardinality];
        var n = 0;
        using (var a = GetEnumerator())
        using (var b = other.GetEnumerator())
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            while (hasA || hasB)
            {
                if (hasB && (!hasA || b.Current < a.Current)) { merged[n++] = b.Current; hasB = b.MoveNext(); }
                else { merged[n++] = a.Current; hasA = a.MoveNext(); }
            }
        }
        return FromSortedValues(merged.AsSpan(0, n));
    }

    /// <summary>
    /// Writes into <paramref name="live"/> the offsets (0-based, ascending) of the rows in
    /// [<paramref name="firstRow"/>, <paramref name="firstRow"/> + <paramref name="count"/>) that are NOT in the set,
    /// and returns how many there are. Costs O(count + deleted rows in the range).
    /// </summary>
    public int SelectLive(long firstRow, int count, Span<int> live)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (live.Length < count) throw new ArgumentException($"Destination holds {live.Length} slots; {count} are needed.", nameof(live));
        var end = firstRow + count;
        var pos = firstRow;
        var w = 0;
        var ci = LowerBoundKey((ulong)firstRow >> 16);
        for (; ci < _keys.Length; ci++)
        {
            var baseValue = (long)(_keys[ci] << 16);
            if (baseValue >= end) break;
            var c = _containers[ci];
            var from = (int)Math.Max(0, pos - baseValue); // ≤ 65536
            if (c.Array is { } a)
            {
                for (var k = c.ArrayLowerBound(from); k < a.Length; k++)
                {
                    var d = baseValue + a[k];
                    if (d >= end) break;
                    while (pos < d) live[w++] = (int)(pos++ - firstRow);
                    pos = d + 1;
                }
            }
            else
            {
                var bits = c.Bits!;
                for (var wi = from >> 6; wi < bits.Length; wi++)
                {
                    var word = bits[wi];
                    if (wi == from >> 6) word &= ulong.MaxValue << (from & 63);
                    var stop = false;
                    for (; word != 0; word &= word - 1)
                    {
                        var d = baseValue + (wi << 6) + BitOperations.TrailingZeroCount(word);
                        if (d >= end) { stop = true; break; }
                        while (pos < d) live[w++] = (int)(pos++ - firstRow);
                        pos = d + 1;
                    }
                    if (stop) break;
                }
            }
        }
        while (pos < end) live[w++] = (int)(pos++ - firstRow);
        return w;
    }

    private int LowerBoundKey(ulong key)
    {
        int lo = 0, hi = _keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_keys[mid] < key) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>The row indexes in ascending order.</summary>
    public IEnumerator<long> GetEnumerator()
    {
        for (var i = 0; i < _keys.Length; i++)
        {
            var c = _containers[i];
            var baseValue = (long)(_keys[i] << 16);
            if (c.Array is { } a)
            {
                foreach (var v in a) yield return baseValue + v;
                continue;
            }
            var bits = c.Bits!;
            for (var w = 0; w < bits.Length; w++)
            {
                for (var word = bits[w]; word != 0; word &= word - 1)
                    yield return baseValue + (w << 6) + BitOperations.TrailingZeroCount(word);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
