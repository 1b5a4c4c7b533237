using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.Execution.Vectors;

/// <summary>
/// Reads and writes single values in the convention of <see cref="Compute.ColumnarValue"/> scalars: primitives
/// boxed as their .NET type, date as int days, timestamps as long microseconds, decimal as
/// <see cref="DecimalValue"/>, string as string, binary as byte[], struct as object?[], array as List&lt;object?&gt;,
/// map as List&lt;KeyValuePair&lt;object?, object?&gt;&gt;; null is SQL NULL. For literals, constant folding and
/// row-at-a-time edges; operators use the typed vectors directly.
/// </summary>
internal static class PhysicalValues
{
    public static object? Get(ColumnVector vector, int index)
    {
        if (vector.IsNull(index)) return null;
        switch (vector)
        {
            case PrimitiveVector<bool> v: return v[index];
            case PrimitiveVector<sbyte> v: return v[index];
            case PrimitiveVector<short> v: return v[index];
            case PrimitiveVector<int> v: return v[index];
            case PrimitiveVector<long> v:
                return vector.Type is DecimalType d ? new DecimalValue(v[index], d.Scale) : v[index];
            case PrimitiveVector<Int128> v:
                return vector.Type is DecimalType d2 ? new DecimalValue(v[index], d2.Scale) : v[index];
            case PrimitiveVector<float> v: return v[index];
            case PrimitiveVector<double> v: return v[index];
            case BinaryVector b: return vector.Type is StringType ? b.GetString(index) : b.GetBytes(index).ToArray();
            case StructVector s:
            {
                var values = new object?[s.Children.Length];
                for (var i = 0; i < values.Length; i++) values[i] = Get(s.Children[i], index);
                return values;
            }
            case ListVector l:
            {
                var list = new List<object?>(l.Offsets[index + 1] - l.Offsets[index]);
                for (var i = l.Offsets[index]; i < l.Offsets[index + 1]; i++) list.Add(Get(l.Elements, i));
                return list;
            }
            case MapVector m:
            {
                var list = new List<KeyValuePair<object?, object?>>(m.Offsets[index + 1] - m.Offsets[index]);
                for (var i = m.Offsets[index]; i < m.Offsets[index + 1]; i++)
                    list.Add(new KeyValuePair<object?, object?>(Get(m.Keys, i), Get(m.Values, i)));
                return list;
            }
            default:
                throw new NotSupportedException($"No value access for {vector.GetType().Name}.");
        }
    }

    /// <summary>Appends <paramref name="value"/> to <paramref name="vector"/>. Also accepts the boxing of
    /// <see cref="ValueConverter"/> (DateOnly, DateTime) and any integral value for an integral column.</summary>
    public static void Append(ColumnVector vector, object? value)
    {
        if (value is null)
        {
            VectorCopier.AppendNulls(vector, 1);
            return;
        }
        switch (vector)
        {
            case PrimitiveVector<bool> v: v.Append((bool)value); return;
            case PrimitiveVector<sbyte> v: v.Append(Convert.ToSByte(value, System.Globalization.CultureInfo.InvariantCulture)); return;
            case PrimitiveVector<short> v: v.Append(Convert.ToInt16(value, System.Globalization.CultureInfo.InvariantCulture)); return;
            case PrimitiveVector<int> v:
                v.Append(value is DateOnly d ? ValueConverter.DaysFromDate(d) : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case PrimitiveVector<long> v:
                v.Append(value switch
                {
                    DecimalValue dv => (long)Rescale(dv, ((DecimalType)vector.Type).Scale),
                    DateTime dt => ValueConverter.MicrosFromTimestamp(dt),
                    DateTimeOffset dto => ValueConverter.MicrosFromTimestamp(dto.UtcDateTime),
                    _ => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
                });
                return;
            case PrimitiveVector<Int128> v:
                v.Append(value is DecimalValue dv2 ? Rescale(dv2, ((DecimalType)vector.Type).Scale) : (Int128)Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case PrimitiveVector<float> v: v.Append(Convert.ToSingle(value, System.Globalization.CultureInfo.InvariantCulture)); return;
            case PrimitiveVector<double> v: v.Append(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); return;
            case BinaryVector b:
                if (value is string s) b.Append(Encoding.UTF8.GetBytes(s));
                else b.Append((byte[])value);
                return;
            case StructVector sv:
            {
                var fields = (IReadOnlyList<object?>)value;
                var n = sv.Length;
                sv.EnsureCapacity(n + 1);
                for (var i = 0; i < sv.Children.Length; i++) Append(sv.Children[i], fields[i]);
                sv.Length = n + 1;
                sv.Validity?.SetValid(n);
                return;
            }
            case ListVector l:
            {
                var n = l.Length;
                l.EnsureCapacity(n + 1);
                foreach (var e in (System.Collections.IEnumerable)value) Append(l.Elements, e);
                l.Offsets[n + 1] = l.Elements.Length;
                l.Length = n + 1;
                l.Validity?.SetValid(n);
                return;
            }
            case MapVector m:
            {
                var n = m.Length;
                m.EnsureCapacity(n + 1);
                foreach (var kv in (IEnumerable<KeyValuePair<object?, object?>>)value)
                {
                    Append(m.Keys, kv.Key);
                    Append(m.Values, kv.Value);
                }
                m.Offsets[n + 1] = m.Keys.Length;
                m.Length = n + 1;
                m.Validity?.SetValid(n);
                return;
            }
            default:
                throw new NotSupportedException($"No value access for {vector.GetType().Name}.");
        }
    }

    /// <summary>A vector of <paramref name="count"/> copies of <paramref name="value"/>.</summary>
    public static ColumnVector Repeat(DataType type, object? value, int count)
    {
        var vector = ColumnVector.Create(type, Math.Max(1, count));
        if (count == 0) return vector;
        if (value is null)
        {
            VectorCopier.AppendNulls(vector, count);
            return vector;
        }
        Append(vector, value);
        switch (vector)
        {
            case PrimitiveVector<bool> v: v.Values.AsSpan(0, count).Fill(v[0]); v.Length = count; return v;
            case PrimitiveVector<sbyte> v: v.Values.AsSpan(0, count).Fill(v[0]); v.Length = count; return v;
            case PrimitiveVector<short> v: v.Values.AsSpan(0, count).Fill(v[0]); v.Length = count; return v;
            case PrimitiveVector<int> v: v.Values.AsSpan(0, count).Fill(v[0]); v.Length = count; return v;
            case PrimitiveVector<long> v: v.Values.AsSpan(0, count).Fill(v[0]); v.Length = count; return v;
            case PrimitiveVector<Int128> v: v.Values.AsSpan(0, count).Fill(v[0]); v.Length = count; return v;
            case PrimitiveVector<float> v: v.Values.AsSpan(0, count).Fill(v[0]); v.Length = count; return v;
            case PrimitiveVector<double> v: v.Values.AsSpan(0, count).Fill(v[0]); v.Length = count; return v;
            default:
                Span<int> zero = count <= 1024 ? stackalloc int[count] : new int[count];
                zero.Clear();
                var result = ColumnVector.Create(type, count);
                VectorCopier.AppendRows(result, vector, zero);
                return result;
        }
    }

    /// <summary>The unscaled value of <paramref name="value"/> at <paramref name="scale"/> (exact; throws when digits
    /// would be lost, which the binder's casts rule out).</summary>
    public static Int128 Rescale(DecimalValue value, int scale)
    {
        if (value.Scale == scale) return value.Unscaled;
        if (value.Scale < scale) return value.Unscaled * DecimalValue.PowerOfTen(scale - value.Scale);
        var div = DecimalValue.PowerOfTen(value.Scale - scale);
        if (value.Unscaled % div != 0) throw new InvalidOperationException($"Decimal {value} does not fit scale {scale}.");
        return value.Unscaled / div;
    }
}
