using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Scanning;

/// <summary>Vectors that hold one value in every row: partition columns (the file's partition value) and columns a
/// data file does not have (null). Thread-safe (each call returns a new vector).</summary>
internal static class ConstantVectors
{
    /// <summary>A vector of <paramref name="rows"/> nulls; struct children are sized (and null) too.</summary>
    public static ColumnVector Null(DataType type, int rows)
    {
        var v = ColumnVector.Create(type, rows);
        MakeNull(v, rows);
        return v;
    }

    private static void MakeNull(ColumnVector v, int rows)
    {
        v.EnsureCapacity(rows);
        v.Length = rows;
        if (rows > 0) v.EnsureValidity(rows).SetRange(0, rows, false);
        if (v is StructVector s)
            foreach (var child in s.Children) MakeNull(child, rows);
    }

    /// <summary>A vector with <paramref name="value"/> (boxed as <see cref="ValueConverter"/> does, e.g. a parsed
    /// partition value) in each of <paramref name="rows"/> rows.</summary>
    public static ColumnVector Of(DataType type, object? value, int rows)
    {
        if (value is null) return Null(type, rows);
        var v = ColumnVector.Create(type, rows);
        switch (v)
        {
            case PrimitiveVector<bool> b: Fill(b, (bool)value, rows); break;
            case PrimitiveVector<sbyte> i8: Fill(i8, Convert.ToSByte(value, System.Globalization.CultureInfo.InvariantCulture), rows); break;
            case PrimitiveVector<short> i16: Fill(i16, Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture), rows); break;
            case PrimitiveVector<int> i32:
                Fill(i32, value is DateOnly d ? ValueConverter.DaysFromDate(d) : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), rows);
                break;
            case PrimitiveVector<long> i64:
                Fill(i64, value switch
                {
                    DateTime t => ValueConverter.MicrosFromTimestamp(t),
                    DecimalValue dec => (long)Rescale(dec, ((DecimalType)type).Scale),
                    _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
                }, rows);
                break;
            case PrimitiveVector<Int128> i128: Fill(i128, Rescale((DecimalValue)value, ((DecimalType)type).Scale), rows); break;
            case PrimitiveVector<float> f32: Fill(f32, Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture), rows); break;
            case PrimitiveVector<double> f64: Fill(f64, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), rows); break;
            case BinaryVector bin:
                FillBytes(bin, value is byte[] bytes ? bytes : Encoding.UTF8.GetBytes((string)value), rows);
                break;
            default:
                throw new NotSupportedException($"A constant column of type {type.SimpleString} is not supported.");
        }
        return v;
    }

    private static Int128 Rescale(DecimalValue d, int scale) =>
        d.Scale == scale ? d.Unscaled
        : d.Scale < scale ? d.Unscaled * DecimalValue.PowerOfTen(scale - d.Scale)
        : d.Unscaled / DecimalValue.PowerOfTen(d.Scale - scale);

    private static void Fill<T>(PrimitiveVector<T> v, T value, int rows) where T : unmanaged
    {
        v.EnsureCapacity(rows);
        v.Values.AsSpan(0, rows).Fill(value);
        v.Length = rows;
    }

    private static void FillBytes(BinaryVector v, byte[] value, int rows)
    {
        v.EnsureCapacity(rows);
        v.EnsureDataCapacity(checked(value.Length * rows));
        var data = v.Data;
        var offsets = v.Offsets;
        offsets[0] = 0;
        for (var i = 0; i < rows; i++)
        {
            value.CopyTo(data, i * value.Length);
            offsets[i + 1] = (i + 1) * value.Length;
        }
        v.Length = rows;
    }
}
