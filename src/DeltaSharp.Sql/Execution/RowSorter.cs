using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Planning;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Stable sorting of row indices by several keys (ASC/DESC, NULLS FIRST/LAST). The first key is encoded as 64-bit
/// integers and sorted by a stable LSD radix sort (16-bit digits, passes whose digit is constant skipped); rows
/// whose encodings tie are then ordered by the remaining keys (or all keys when the encoding is a prefix) and by
/// row index. Small inputs use the comparison sort.
/// </summary>
internal static class RowSorter
{
    public static int[] Sort(ColumnVector[] keys, IReadOnlyList<SortOrder> orders, int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        if (keys.Length == 0 || count < 2) return order;
        var first = keys[0];
        if (!SortKeyEncoding.Supports(first, out var exact))
        {
            Array.Sort(order, new RowOrderComparer(keys, orders, 0));
            return order;
        }
        var comparer = new RowOrderComparer(keys, orders, exact ? 1 : 0);
        // Nulls of the first key go to one end; the others are sorted by their encoding.
        var nulls = new List<int>();
        var values = new List<int>(count);
        if (first.HasNulls)
        {
            for (var i = 0; i < count; i++)
                if (first.IsNull(i)) nulls.Add(i);
                else values.Add(i);
        }
        var encoded = new long[count];
        SortKeyEncoding.EncodeAll(first, count, orders[0].Descending, encoded);
        int[] items;
        long[] sortKeys;
        if (!first.HasNulls)
        {
            items = order;
            sortKeys = encoded;
        }
        else
        {
            items = values.ToArray();
            sortKeys = new long[items.Length];
            for (var i = 0; i < items.Length; i++) sortKeys[i] = encoded[items[i]];
        }
        var stable = items.Length >= 1024;
        if (stable) RadixSort(sortKeys, items);
        else Array.Sort(sortKeys, items);
        if (!stable || !exact || keys.Length > 1) RefineTies(items, sortKeys, comparer);
        if (!first.HasNulls) return items;
        var nullRows = nulls.ToArray();
        if (nullRows.Length > 1) Array.Sort(nullRows, new RowOrderComparer(keys, orders, 1));
        return orders[0].NullsFirst ? [.. nullRows, .. items] : [.. items, .. nullRows];
    }

    /// <summary>Stable LSD radix sort of <paramref name="items"/> by signed <paramref name="keys"/> (both permuted).</summary>
    internal static void RadixSort(long[] keys, int[] items)
    {
        var n = keys.Length;
        var k1 = new ulong[n];
        for (var i = 0; i < n; i++) k1[i] = (ulong)keys[i] ^ 0x8000000000000000UL;
        var i1 = items;
        var k2 = new ulong[n];
        var i2 = new int[n];
        var counts = new int[65536];
        for (var shift = 0; shift < 64; shift += 16)
        {
            Array.Clear(counts);
            for (var i = 0; i < n; i++) counts[(int)((k1[i] >> shift) & 0xFFFF)]++;
            if (counts[(int)((k1[0] >> shift) & 0xFFFF)] == n) continue; // one digit value: nothing moves
            var sum = 0;
            for (var d = 0; d < counts.Length; d++)
            {
                var c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (var i = 0; i < n; i++)
            {
                var pos = counts[(int)((k1[i] >> shift) & 0xFFFF)]++;
                k2[pos] = k1[i];
                i2[pos] = i1[i];
            }
            (k1, k2) = (k2, k1);
            (i1, i2) = (i2, i1);
        }
        if (!ReferenceEquals(i1, items)) i1.CopyTo(items, 0);
        for (var i = 0; i < n; i++) keys[i] = (long)(k1[i] ^ 0x8000000000000000UL);
    }

    /// <summary>Sorts each run of equal encodings by the comparer (remaining keys, then row index).</summary>
    private static void RefineTies(int[] items, long[] sortKeys, RowOrderComparer comparer)
    {
        var n = items.Length;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && sortKeys[end] == sortKeys[start]) end++;
            if (end - start > 1) Array.Sort(items, start, end - start, comparer);
            start = end;
        }
    }
}

/// <summary>Compares rows by sort orders from key <c>firstKey</c> on (nulls first/last, descending), then by row index.</summary>
internal sealed class RowOrderComparer(ColumnVector[] vectors, IReadOnlyList<SortOrder> keys, int firstKey = 0) : IComparer<int>
{
    public int Compare(int x, int y)
    {
        for (var k = firstKey; k < vectors.Length; k++)
        {
            var v = vectors[k];
            var xn = v.IsNull(x);
            var yn = v.IsNull(y);
            if (xn || yn)
            {
                if (xn && yn) continue;
                return xn == keys[k].NullsFirst ? -1 : 1;
            }
            var c = VectorComparer.Compare(v, x, v, y);
            if (c != 0) return keys[k].Descending ? -c : c;
        }
        return x.CompareTo(y);
    }
}
