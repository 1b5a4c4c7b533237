using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Vectors;

/// <summary>
/// Copies rows between vectors of the same type: gather by row index, append a range. Works for every vector kind
/// (nested ones recursively). The destination grows as needed. Used where rows must outlive their batch (sort,
/// join build, aggregation keys) and where a selection is made dense.
/// </summary>
internal static class VectorCopier
{
    /// <summary>A new vector holding <paramref name="rows"/> of <paramref name="source"/> in that order.</summary>
    public static ColumnVector Gather(ColumnVector source, ReadOnlySpan<int> rows)
    {
        var result = ColumnVector.Create(source.Type, rows.Length);
        AppendRows(result, source, rows);
        return result;
    }

    /// <summary>A new vector holding rows [start, start+count) of <paramref name="source"/>.</summary>
    public static ColumnVector Slice(ColumnVector source, int start, int count)
    {
        var result = ColumnVector.Create(source.Type, count);
        AppendRange(result, source, start, count);
        return result;
    }

    /// <summary>Appends rows [start, start+count) of <paramref name="source"/> to <paramref name="target"/>.</summary>
    public static void AppendRange(ColumnVector target, ColumnVector source, int start, int count)
    {
        if (count <= 0) return;
        switch (source)
        {
            case PrimitiveVector<bool> s: AppendPrimitiveRange((PrimitiveVector<bool>)target, s, start, count); return;
            case PrimitiveVector<sbyte> s: AppendPrimitiveRange((PrimitiveVector<sbyte>)target, s, start, count); return;
            case PrimitiveVector<short> s: AppendPrimitiveRange((PrimitiveVector<short>)target, s, start, count); return;
            case PrimitiveVector<int> s: AppendPrimitiveRange((PrimitiveVector<int>)target, s, start, count); return;
            case PrimitiveVector<long> s: AppendPrimitiveRange((PrimitiveVector<long>)target, s, start, count); return;
            case PrimitiveVector<Int128> s: AppendPrimitiveRange((PrimitiveVector<Int128>)target, s, start, count); return;
            case PrimitiveVector<float> s: AppendPrimitiveRange((PrimitiveVector<float>)target, s, start, count); return;
            case PrimitiveVector<double> s: AppendPrimitiveRange((PrimitiveVector<double>)target, s, start, count); return;
            case BinaryVector s:
            {
                var t = (BinaryVector)target;
                var n = t.Length;
                t.EnsureCapacity(n + count);
                var byteStart = s.Offsets[start];
                var byteCount = s.Offsets[start + count] - byteStart;
                var dataStart = t.Offsets[n];
                t.EnsureDataCapacity(dataStart + byteCount);
                s.Data.AsSpan(byteStart, byteCount).CopyTo(t.Data.AsSpan(dataStart));
                var delta = dataStart - byteStart;
                for (var i = 1; i <= count; i++) t.Offsets[n + i] = s.Offsets[start + i] + delta;
                t.Length = n + count;
                CopyValidityRange(t, n, s, start, count);
                return;
            }
            default:
            {
                // Nested kinds go row by row through the index path.
                Span<int> rows = count <= 1024 ? stackalloc int[count] : new int[count];
                for (var i = 0; i < count; i++) rows[i] = start + i;
                AppendRows(target, source, rows);
                return;
            }
        }
    }

    /// <summary>Appends <paramref name="rows"/> of <paramref name="source"/> to <paramref name="target"/>.</summary>
    public static void AppendRows(ColumnVector target, ColumnVector source, ReadOnlySpan<int> rows)
    {
        switch (source)
        {
            case PrimitiveVector<bool> s: AppendPrimitiveRows((PrimitiveVector<bool>)target, s, rows); return;
            case PrimitiveVector<sbyte> s: AppendPrimitiveRows((PrimitiveVector<sbyte>)target, s, rows); return;
            case PrimitiveVector<short> s: AppendPrimitiveRows((PrimitiveVector<short>)target, s, rows); return;
            case PrimitiveVector<int> s: AppendPrimitiveRows((PrimitiveVector<int>)target, s, rows); return;
            case PrimitiveVector<long> s: AppendPrimitiveRows((PrimitiveVector<long>)target, s, rows); return;
            case PrimitiveVector<Int128> s: AppendPrimitiveRows((PrimitiveVector<Int128>)target, s, rows); return;
            case PrimitiveVector<float> s: AppendPrimitiveRows((PrimitiveVector<float>)target, s, rows); return;
            case PrimitiveVector<double> s: AppendPrimitiveRows((PrimitiveVector<double>)target, s, rows); return;
            case BinaryVector s:
            {
                var t = (BinaryVector)target;
                var n = t.Length;
                t.EnsureCapacity(n + rows.Length);
                var total = 0L;
                foreach (var r in rows) total += s.Offsets[r + 1] - s.Offsets[r];
                var pos = t.Offsets[n];
                t.EnsureDataCapacity((int)Math.Min(int.MaxValue, pos + total));
                var data = t.Data;
                var offsets = t.Offsets;
                for (var i = 0; i < rows.Length; i++)
                {
                    var r = rows[i];
                    var len = s.Offsets[r + 1] - s.Offsets[r];
                    if (len > 0) Buffer.BlockCopy(s.Data, s.Offsets[r], data, pos, len);
                    pos += len;
                    offsets[n + i + 1] = pos;
                }
                t.Length = n + rows.Length;
                CopyValidityRows(t, n, s, rows);
                return;
            }
            case StructVector s:
            {
                var t = (StructVector)target;
                var n = t.Length;
                t.EnsureCapacity(n + rows.Length);
                for (var c = 0; c < s.Children.Length; c++) AppendRows(t.Children[c], s.Children[c], rows);
                t.Length = n + rows.Length;
                CopyValidityRows(t, n, s, rows);
                return;
            }
            case ListVector s:
            {
                var t = (ListVector)target;
                var n = t.Length;
                t.EnsureCapacity(n + rows.Length);
                for (var i = 0; i < rows.Length; i++)
                {
                    var r = rows[i];
                    var from = s.Offsets[r];
                    var count = s.Offsets[r + 1] - from;
                    AppendRange(t.Elements, s.Elements, from, count);
                    t.Offsets[n + i + 1] = t.Elements.Length;
                }
                t.Length = n + rows.Length;
                CopyValidityRows(t, n, s, rows);
                return;
            }
            case MapVector s:
            {
                var t = (MapVector)target;
                var n = t.Length;
                t.EnsureCapacity(n + rows.Length);
                for (var i = 0; i < rows.Length; i++)
                {
                    var r = rows[i];
                    var from = s.Offsets[r];
                    var count = s.Offsets[r + 1] - from;
                    AppendRange(t.Keys, s.Keys, from, count);
                    AppendRange(t.Values, s.Values, from, count);
                    t.Offsets[n + i + 1] = t.Keys.Length;
                }
                t.Length = n + rows.Length;
                CopyValidityRows(t, n, s, rows);
                return;
            }
            default:
                throw new NotSupportedException($"Cannot copy a {source.GetType().Name}.");
        }
    }

    /// <summary>Appends <paramref name="count"/> null slots (outer-join padding).</summary>
    public static void AppendNulls(ColumnVector target, int count)
    {
        if (count <= 0) return;
        var n = target.Length;
        target.EnsureCapacity(n + count);
        switch (target)
        {
            case BinaryVector b:
                for (var i = 1; i <= count; i++) b.Offsets[n + i] = b.Offsets[n];
                break;
            case StructVector sv:
                foreach (var c in sv.Children) AppendNulls(c, count);
                break;
            case ListVector l:
                for (var i = 1; i <= count; i++) l.Offsets[n + i] = l.Offsets[n];
                break;
            case MapVector m:
                for (var i = 1; i <= count; i++) m.Offsets[n + i] = m.Offsets[n];
                break;
        }
        target.Length = n + count;
        target.EnsureValidity(n + count).SetRange(n, count, false);
    }

    private static void AppendPrimitiveRange<T>(PrimitiveVector<T> target, PrimitiveVector<T> source, int start, int count) where T : unmanaged
    {
        var n = target.Length;
        target.EnsureCapacity(n + count);
        source.Values.AsSpan(start, count).CopyTo(target.Values.AsSpan(n));
        target.Length = n + count;
        CopyValidityRange(target, n, source, start, count);
    }

    private static void AppendPrimitiveRows<T>(PrimitiveVector<T> target, PrimitiveVector<T> source, ReadOnlySpan<int> rows) where T : unmanaged
    {
        var n = target.Length;
        target.EnsureCapacity(n + rows.Length);
        var dst = target.Values.AsSpan(n, rows.Length);
        var src = source.Values;
        for (var i = 0; i < rows.Length; i++) dst[i] = src[rows[i]];
        target.Length = n + rows.Length;
        CopyValidityRows(target, n, source, rows);
    }

    private static void CopyValidityRange(ColumnVector target, int at, ColumnVector source, int start, int count)
    {
        if (source.Validity is not { } sv)
        {
            target.Validity?.SetRange(at, count, true);
            return;
        }
        var tv = target.EnsureValidity(at + count);
        for (var i = 0; i < count; i++) tv.Set(at + i, sv.IsValid(start + i));
    }

    private static void CopyValidityRows(ColumnVector target, int at, ColumnVector source, ReadOnlySpan<int> rows)
    {
        if (source.Validity is not { } sv)
        {
            target.Validity?.SetRange(at, rows.Length, true);
            return;
        }
        var tv = target.EnsureValidity(at + rows.Length);
        for (var i = 0; i < rows.Length; i++) tv.Set(at + i, sv.IsValid(rows[i]));
    }

    /// <summary>The dense form of a batch: its live rows without a selection (the batch itself when it has none).</summary>
    public static ColumnBatch Compact(ColumnBatch batch)
    {
        if (batch.Selection is null) return batch;
        var rows = batch.Selection.Span;
        var cols = new ColumnVector[batch.Columns.Length];
        for (var c = 0; c < cols.Length; c++) cols[c] = Gather(batch.Columns[c], rows);
        return new ColumnBatch(batch.Schema, cols, rows.Length);
    }

    /// <summary>Column <paramref name="ordinal"/> of the batch, dense over its live rows.</summary>
    public static ColumnVector DenseColumn(ColumnBatch batch, int ordinal) =>
        batch.Selection is null ? batch.Columns[ordinal] : Gather(batch.Columns[ordinal], batch.Selection.Span);

    /// <summary>An empty vector of <paramref name="type"/>.</summary>
    public static ColumnVector Empty(DataType type) => ColumnVector.Create(type, 1);

    /// <summary>A new vector with source row <c>rows[i]</c> at i, or null where <c>rows[i]</c> is negative.</summary>
    public static ColumnVector GatherOrNull(ColumnVector source, ReadOnlySpan<int> rows)
    {
        var anyMissing = false;
        foreach (var r in rows) anyMissing |= r < 0;
        if (!anyMissing) return Gather(source, rows);
        var result = ColumnVector.Create(source.Type, rows.Length);
        if (source.Length == 0)
        {
            AppendNulls(result, rows.Length);
            return result;
        }
        var fixedRows = rows.ToArray();
        for (var i = 0; i < fixedRows.Length; i++) if (fixedRows[i] < 0) fixedRows[i] = 0;
        AppendRows(result, source, fixedRows);
        var validity = result.EnsureValidity(rows.Length);
        for (var i = 0; i < rows.Length; i++) if (rows[i] < 0) validity.SetNull(i);
        return result;
    }
}
