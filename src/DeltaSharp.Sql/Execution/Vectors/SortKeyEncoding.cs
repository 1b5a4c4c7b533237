using System.Buffers.Binary;
using DeltaSharp.Columnar;

namespace DeltaSharp.Sql.Execution.Vectors;

/// <summary>
/// Order-preserving 64-bit encodings of sort keys, so the first key of a sort can be sorted as plain longs:
/// integers as themselves, doubles by their bits (with -0.0 folded into 0.0 and NaN above every number, Spark's
/// order), decimals above 18 digits and strings by a prefix (high 64 bits; the first 8 bytes big-endian). A prefix
/// is not exact: equal encodings must be compared again on the full values. Descending keys are the bitwise
/// complement.
/// </summary>
internal static class SortKeyEncoding
{
    /// <summary>Whether values of this vector kind have an encoding; <paramref name="exact"/> tells whether it is total.</summary>
    public static bool Supports(ColumnVector v, out bool exact)
    {
        exact = v is PrimitiveVector<bool> or PrimitiveVector<sbyte> or PrimitiveVector<short> or PrimitiveVector<int>
            or PrimitiveVector<long> or PrimitiveVector<float> or PrimitiveVector<double>;
        return exact || v is PrimitiveVector<Int128> or BinaryVector;
    }

    /// <summary>The encoding of a non-null value.</summary>
    public static long Encode(ColumnVector v, int row, bool descending)
    {
        var e = v switch
        {
            PrimitiveVector<int> x => x[row],
            PrimitiveVector<long> x => x[row],
            PrimitiveVector<double> x => Double(x[row]),
            PrimitiveVector<short> x => x[row],
            PrimitiveVector<sbyte> x => x[row],
            PrimitiveVector<bool> x => x[row] ? 1 : 0,
            PrimitiveVector<float> x => Double(x[row]),
            PrimitiveVector<Int128> x => (long)(x[row] >> 64),
            BinaryVector b => Prefix(b.GetBytes(row)),
            _ => throw new NotSupportedException(v.Type.ToString()),
        };
        return descending ? ~e : e;
    }

    /// <summary>Encodes rows [0, count) into <paramref name="output"/> (null rows get unspecified values).</summary>
    public static void EncodeAll(ColumnVector v, int count, bool descending, long[] output)
    {
        switch (v)
        {
            case PrimitiveVector<long> x:
                x.Values.AsSpan(0, count).CopyTo(output);
                break;
            case PrimitiveVector<int> x:
            {
                var values = x.Values;
                for (var i = 0; i < count; i++) output[i] = values[i];
                break;
            }
            case PrimitiveVector<double> x:
            {
                var values = x.Values;
                for (var i = 0; i < count; i++) output[i] = Double(values[i]);
                break;
            }
            default:
                for (var i = 0; i < count; i++) output[i] = v.IsNull(i) ? 0 : Encode(v, i, false);
                break;
        }
        if (descending)
            for (var i = 0; i < count; i++) output[i] = ~output[i];
    }

    private static long Double(double d)
    {
        if (double.IsNaN(d)) return 0x7FF8000000000000L;
        if (d == 0) return 0;
        var bits = BitConverter.DoubleToInt64Bits(d);
        return bits < 0 ? bits ^ long.MaxValue : bits;
    }

    private static long Prefix(ReadOnlySpan<byte> bytes)
    {
        Span<byte> buffer = stackalloc byte[8];
        buffer.Clear();
        bytes[..Math.Min(8, bytes.Length)].CopyTo(buffer);
        return (long)(BinaryPrimitives.ReadUInt64BigEndian(buffer) ^ 0x8000000000000000UL);
    }
}
