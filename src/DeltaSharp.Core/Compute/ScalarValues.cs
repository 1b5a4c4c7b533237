using System.Globalization;
using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>
/// Converts between the physical values of vectors and the scalar representation of <see cref="ColumnarValue"/>:
/// bool, sbyte, short, int, long, float, double, string, byte[]; date → int days; timestamp/timestamp_ntz → long µs;
/// decimal → <see cref="DecimalValue"/>; day-time interval → long µs; year-month interval → int months;
/// struct → object?[]; array → List&lt;object?&gt;; map → List&lt;KeyValuePair&lt;object?, object?&gt;&gt;.
/// Also accepts the boxing of <see cref="ValueConverter"/> (DateOnly, DateTime) on input.
/// </summary>
public static class ScalarValues
{
    /// <summary>The physical value of a non-null scalar for a vector of <paramref name="type"/>.</summary>
    public static T Unbox<T>(DataType type, object value) where T : unmanaged
    {
        if (value is T t && type is not DecimalType) return t;
        object physical = type switch
        {
            DecimalType d => DecimalUnscaled(d, value),
            DateType => value switch
            {
                DateOnly date => ValueConverter.DaysFromDate(date),
                _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            },
            TimestampType or TimestampNtzType => value switch
            {
                DateTime dt => ValueConverter.MicrosFromTimestamp(dt),
                DateTimeOffset dto => ValueConverter.MicrosFromTimestamp(dto.UtcDateTime),
                _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            },
            DayTimeIntervalType => value is TimeSpan ts ? ts.Ticks / 10 : Convert.ToInt64(value, CultureInfo.InvariantCulture),
            BooleanType or NullType => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
            ByteType => Convert.ToSByte(value, CultureInfo.InvariantCulture),
            ShortType => Convert.ToInt16(value, CultureInfo.InvariantCulture),
            IntegerType or YearMonthIntervalType => Convert.ToInt32(value, CultureInfo.InvariantCulture),
            LongType => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            FloatType => Convert.ToSingle(value, CultureInfo.InvariantCulture),
            DoubleType => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"No fixed-width value for {type}.", nameof(type)),
        };
        return (T)physical;
    }

    private static object DecimalUnscaled(DecimalType type, object value)
    {
        var dv = value switch
        {
            DecimalValue v => v,
            decimal m => FromDecimal(m),
            long l => new DecimalValue(l, type.Scale),
            Int128 big => new DecimalValue(big, type.Scale),
            int i => new DecimalValue(i, type.Scale),
            _ => throw new ArgumentException($"Not a decimal value: {value}.", nameof(value)),
        };
        var unscaled = dv.Scale == type.Scale ? dv.Unscaled : DecimalMath.Rescale(dv.Unscaled, dv.Scale, type.Scale);
        return type.IsLong ? (object)(long)unscaled : unscaled;
    }

    private static DecimalValue FromDecimal(decimal m)
    {
        var bits = decimal.GetBits(m);
        var scale = (bits[3] >> 16) & 0xFF;
        Int128 mag = ((Int128)(uint)bits[2] << 64) | ((Int128)(uint)bits[1] << 32) | (uint)bits[0];
        return new DecimalValue(bits[3] < 0 ? -mag : mag, scale);
    }

    /// <summary>The scalar representation of a physical value.</summary>
    public static object Box<T>(DataType type, T value) where T : unmanaged => type switch
    {
        DecimalType d when value is long l => new DecimalValue(l, d.Scale),
        DecimalType d2 when value is Int128 big => new DecimalValue(big, d2.Scale),
        _ => value,
    };

    /// <summary>The value of row <paramref name="index"/> of <paramref name="vector"/> as a scalar (null for SQL NULL).</summary>
    public static object? At(ColumnVector vector, int index)
    {
        if (vector.IsNull(index)) return null;
        switch (vector)
        {
            case PrimitiveVector<bool> v: return vector.Type is NullType ? null : v.Values[index];
            case PrimitiveVector<sbyte> v: return v.Values[index];
            case PrimitiveVector<short> v: return v.Values[index];
            case PrimitiveVector<int> v: return v.Values[index];
            case PrimitiveVector<long> v: return vector.Type is DecimalType d ? new DecimalValue(v.Values[index], d.Scale) : v.Values[index];
            case PrimitiveVector<Int128> v: return new DecimalValue(v.Values[index], ((DecimalType)vector.Type).Scale);
            case PrimitiveVector<float> v: return v.Values[index];
            case PrimitiveVector<double> v: return v.Values[index];
            case BinaryVector b: return vector.Type is StringType ? b.GetString(index) : b.GetBytes(index).ToArray();
            case StructVector s:
            {
                var values = new object?[s.Children.Length];
                for (var i = 0; i < values.Length; i++) values[i] = At(s.Children[i], index);
                return values;
            }
            case ListVector l:
            {
                var list = new List<object?>(l.Offsets[index + 1] - l.Offsets[index]);
                for (var i = l.Offsets[index]; i < l.Offsets[index + 1]; i++) list.Add(At(l.Elements, i));
                return list;
            }
            case MapVector m:
            {
                var list = new List<KeyValuePair<object?, object?>>(m.Offsets[index + 1] - m.Offsets[index]);
                for (var i = m.Offsets[index]; i < m.Offsets[index + 1]; i++) list.Add(new(At(m.Keys, i), At(m.Values, i)));
                return list;
            }
            default: return vector.GetObject(index);
        }
    }

    /// <summary>The value of row <paramref name="row"/> of <paramref name="value"/> as a scalar.</summary>
    public static object? At(in ColumnarValue value, int row) => value.IsScalar ? value.Scalar : At(value.Vector!, row);

    /// <summary>Appends one scalar (or null) to a vector of any type.</summary>
    public static void Append(ColumnVector vector, object? value)
    {
        if (value is null)
        {
            AppendNull(vector);
            return;
        }
        var type = vector.Type;
        switch (vector)
        {
            case PrimitiveVector<bool> v: v.Append(Unbox<bool>(type, value)); break;
            case PrimitiveVector<sbyte> v: v.Append(Unbox<sbyte>(type, value)); break;
            case PrimitiveVector<short> v: v.Append(Unbox<short>(type, value)); break;
            case PrimitiveVector<int> v: v.Append(Unbox<int>(type, value)); break;
            case PrimitiveVector<long> v: v.Append(Unbox<long>(type, value)); break;
            case PrimitiveVector<Int128> v: v.Append(Unbox<Int128>(type, value)); break;
            case PrimitiveVector<float> v: v.Append(Unbox<float>(type, value)); break;
            case PrimitiveVector<double> v: v.Append(Unbox<double>(type, value)); break;
            case BinaryVector b:
                if (value is string s) b.Append(s);
                else if (value is byte[] bytes) b.Append(bytes);
                else b.Append(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
                break;
            case StructVector sv:
            {
                var fields = (IReadOnlyList<object?>)value;
                for (var i = 0; i < sv.Children.Length; i++) Append(sv.Children[i], fields[i]);
                sv.EnsureCapacity(sv.Length + 1);
                sv.Length++;
                break;
            }
            case ListVector lv:
            {
                var items = (System.Collections.IList)value;
                foreach (var item in items) Append(lv.Elements, item);
                lv.EnsureCapacity(lv.Length + 1);
                lv.Offsets[lv.Length + 1] = lv.Elements.Length;
                lv.Length++;
                break;
            }
            case MapVector mv:
            {
                foreach (var kv in (IEnumerable<KeyValuePair<object?, object?>>)value)
                {
                    Append(mv.Keys, kv.Key);
                    Append(mv.Values, kv.Value);
                }
                mv.EnsureCapacity(mv.Length + 1);
                mv.Offsets[mv.Length + 1] = mv.Keys.Length;
                mv.Length++;
                break;
            }
            default: throw new NotSupportedException($"Cannot append to a {vector.GetType().Name}.");
        }
    }

    /// <summary>Appends a null row to a vector of any type.</summary>
    public static void AppendNull(ColumnVector vector)
    {
        switch (vector)
        {
            case PrimitiveVector<bool> v: v.AppendNull(); break;
            case PrimitiveVector<sbyte> v: v.AppendNull(); break;
            case PrimitiveVector<short> v: v.AppendNull(); break;
            case PrimitiveVector<int> v: v.AppendNull(); break;
            case PrimitiveVector<long> v: v.AppendNull(); break;
            case PrimitiveVector<Int128> v: v.AppendNull(); break;
            case PrimitiveVector<float> v: v.AppendNull(); break;
            case PrimitiveVector<double> v: v.AppendNull(); break;
            case BinaryVector b: b.AppendNull(); break;
            case StructVector sv:
                foreach (var c in sv.Children) AppendNull(c);
                sv.EnsureCapacity(sv.Length + 1);
                sv.SetNull(sv.Length);
                sv.Length++;
                break;
            case ListVector lv:
                lv.EnsureCapacity(lv.Length + 1);
                lv.Offsets[lv.Length + 1] = lv.Elements.Length;
                lv.SetNull(lv.Length);
                lv.Length++;
                break;
            case MapVector mv:
                mv.EnsureCapacity(mv.Length + 1);
                mv.Offsets[mv.Length + 1] = mv.Keys.Length;
                mv.SetNull(mv.Length);
                mv.Length++;
                break;
            default: throw new NotSupportedException($"Cannot append to a {vector.GetType().Name}.");
        }
    }

    /// <summary>A vector of <paramref name="rowCount"/> copies of the scalar (or the vector itself).</summary>
    public static ColumnVector Materialize(in ColumnarValue value, int rowCount)
    {
        if (!value.IsScalar) return value.Vector!;
        var v = ColumnVector.Create(value.Type, rowCount);
        if (value.Scalar is null)
        {
            Kernels.SetAllNull(v, rowCount);
            return v;
        }
        switch (v)
        {
            case PrimitiveVector<int> p: p.Values.AsSpan(0, rowCount).Fill(Unbox<int>(value.Type, value.Scalar)); p.Length = rowCount; return v;
            case PrimitiveVector<long> p: p.Values.AsSpan(0, rowCount).Fill(Unbox<long>(value.Type, value.Scalar)); p.Length = rowCount; return v;
            case PrimitiveVector<double> p: p.Values.AsSpan(0, rowCount).Fill(Unbox<double>(value.Type, value.Scalar)); p.Length = rowCount; return v;
            case PrimitiveVector<bool> p: p.Values.AsSpan(0, rowCount).Fill(Unbox<bool>(value.Type, value.Scalar)); p.Length = rowCount; return v;
            case BinaryVector b:
            {
                var bytes = value.Scalar is string s ? Encoding.UTF8.GetBytes(s) : (byte[])value.Scalar;
                b.EnsureDataCapacity(bytes.Length * rowCount);
                for (var i = 0; i < rowCount; i++) b.Append(bytes);
                return v;
            }
        }
        for (var i = 0; i < rowCount; i++) Append(v, value.Scalar);
        return v;
    }
}
