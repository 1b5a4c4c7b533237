using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Reading;

/// <summary>
/// Turns densely decoded values into slots with nulls: values for the non-null slots were decoded to
/// [offset, offset+valueCount); each slot whose definition level equals <c>maxDef</c> takes the next value, the
/// others become null. Works backwards in place, so no second buffer is needed.
/// </summary>
internal static class NullSpreader
{
    public static void Spread(ColumnVector vector, int offset, ReadOnlySpan<int> slotDefs, int valueCount, int maxDef)
    {
        var n = slotDefs.Length;
        if (valueCount == n)
        {
            if (vector is BinaryVector b0) b0.Length = offset + n;
            return;
        }
        vector.EnsureCapacity(offset + n);
        // Slots that were never nulled read as valid (ColumnVector.EnsureValidity), so only nulls are written below.
        var validity = vector.EnsureValidity(offset + n);
        switch (vector)
        {
            case PrimitiveVector<int> v: SpreadT(v.Values, offset, slotDefs, valueCount, maxDef, validity); break;
            case PrimitiveVector<long> v: SpreadT(v.Values, offset, slotDefs, valueCount, maxDef, validity); break;
            case PrimitiveVector<double> v: SpreadT(v.Values, offset, slotDefs, valueCount, maxDef, validity); break;
            case PrimitiveVector<float> v: SpreadT(v.Values, offset, slotDefs, valueCount, maxDef, validity); break;
            case PrimitiveVector<bool> v: SpreadT(v.Values, offset, slotDefs, valueCount, maxDef, validity); break;
            case PrimitiveVector<sbyte> v: SpreadT(v.Values, offset, slotDefs, valueCount, maxDef, validity); break;
            case PrimitiveVector<short> v: SpreadT(v.Values, offset, slotDefs, valueCount, maxDef, validity); break;
            case PrimitiveVector<Int128> v: SpreadT(v.Values, offset, slotDefs, valueCount, maxDef, validity); break;
            case BinaryVector v: SpreadBinary(v, offset, slotDefs, valueCount, maxDef, validity); break;
            default: throw new NotSupportedException($"Cannot spread nulls into {vector.GetType().Name}.");
        }
    }

    private static void SpreadT<T>(T[] values, int offset, ReadOnlySpan<int> defs, int valueCount, int maxDef, ValidityBitmap validity)
        where T : unmanaged
    {
        var j = offset + valueCount - 1;
        for (var i = defs.Length - 1; i >= 0; i--)
        {
            if (defs[i] == maxDef)
            {
                values[offset + i] = values[j--];
            }
            else
            {
                values[offset + i] = default;
                validity.SetNull(offset + i);
            }
        }
    }

    private static void SpreadBinary(BinaryVector vector, int offset, ReadOnlySpan<int> defs, int valueCount, int maxDef, ValidityBitmap validity)
    {
        var n = defs.Length;
        vector.EnsureCapacity(offset + n);
        var o = vector.Offsets;
        var t = offset + valueCount - 1;      // last dense value
        var end = o[offset + valueCount];
        for (var i = n - 1; i >= 0; i--)
        {
            o[offset + i + 1] = end;
            if (defs[i] == maxDef)
            {
                end = o[t--];                 // t ≤ i + offset, so this slot was not overwritten yet
            }
            else
            {
                validity.SetNull(offset + i);
            }
        }
        vector.Length = offset + n;
    }
}
