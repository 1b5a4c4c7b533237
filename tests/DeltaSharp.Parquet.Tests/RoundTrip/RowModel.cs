using System.Globalization;
using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>
/// The plain .NET form in which the round-trip tests hold expected values, independent of the vectors and the codec:
/// boolean bool, byte sbyte, short short, integer int, long long, float float, double double, decimal p ≤ 18 long
/// (unscaled), decimal p &gt; 18 Int128 (unscaled), string string, binary byte[], date int (days), timestamp and
/// timestamp_ntz long (µs), struct object?[], array List&lt;object?&gt;, map List&lt;KeyValuePair&lt;object?, object?&gt;&gt;;
/// null is null. Floats compare by bit pattern, so NaN payloads and -0.0 must survive exactly.
/// </summary>
internal static class RowModel
{
    /// <summary>Appends <paramref name="value"/> as the next slot of <paramref name="vector"/>.</summary>
    public static void Append(ColumnVector vector, object? value)
    {
        switch (vector)
        {
            case PrimitiveVector<bool> v: AppendPrimitive(v, value); break;
            case PrimitiveVector<sbyte> v: AppendPrimitive(v, value); break;
            case PrimitiveVector<short> v: AppendPrimitive(v, value); break;
            case PrimitiveVector<int> v: AppendPrimitive(v, value); break;
            case PrimitiveVector<long> v: AppendPrimitive(v, value); break;
            case PrimitiveVector<Int128> v: AppendPrimitive(v, value); break;
            case PrimitiveVector<float> v: AppendPrimitive(v, value); break;
            case PrimitiveVector<double> v: AppendPrimitive(v, value); break;
            case BinaryVector v:
                if (value is null) v.AppendNull();
                else
                {
                    v.Append(value is string s ? Encoding.UTF8.GetBytes(s) : (byte[])value);
                    MarkValid(v, v.Length - 1);
                }
                break;
            case StructVector v:
            {
                var i = v.Length;
                v.EnsureCapacity(i + 1);
                var fields = (object?[]?)value;
                var type = v.StructType;
                for (var c = 0; c < v.Children.Length; c++)
                {
                    // Under a null struct a required child still needs some value in its slot.
                    var child = fields is null ? (type[c].Nullable ? null : DefaultOf(type[c].Type)) : fields[c];
                    Append(v.Children[c], child);
                }
                if (value is null) v.SetNull(i);
                else MarkValid(v, i);
                v.Length = i + 1;
                break;
            }
            case ListVector v:
            {
                var i = v.Length;
                v.EnsureCapacity(i + 1);
                if (value is List<object?> items)
                    foreach (var item in items) Append(v.Elements, item);
                v.Offsets[i + 1] = v.Elements.Length;
                if (value is null) v.SetNull(i);
                else MarkValid(v, i);
                v.Length = i + 1;
                break;
            }
            case MapVector v:
            {
                var i = v.Length;
                v.EnsureCapacity(i + 1);
                if (value is List<KeyValuePair<object?, object?>> entries)
                {
                    foreach (var e in entries)
                    {
                        Append(v.Keys, e.Key);
                        Append(v.Values, e.Value);
                    }
                }
                v.Offsets[i + 1] = v.Keys.Length;
                if (value is null) v.SetNull(i);
                else MarkValid(v, i);
                v.Length = i + 1;
                break;
            }
            default:
                throw new NotSupportedException(vector.GetType().Name);
        }
    }

    private static void AppendPrimitive<T>(PrimitiveVector<T> v, object? value) where T : unmanaged
    {
        if (value is null) v.AppendNull();
        else
        {
            v.Append((T)value);
            MarkValid(v, v.Length - 1);
        }
    }

    /// <summary>A bitmap created by an earlier null covers only the capacity at that time (bits past it are
    /// undefined, and growing within the same 64-bit word does not set them), so valid slots are marked explicitly.</summary>
    private static void MarkValid(ColumnVector v, int index)
    {
        if (v.HasNulls) v.EnsureValidity(index + 1).SetValid(index);
    }

    /// <summary>A non-null value of <paramref name="type"/> (for required slots under null parents).</summary>
    public static object DefaultOf(DataType type) => type switch
    {
        BooleanType => false,
        ByteType => (sbyte)0,
        ShortType => (short)0,
        IntegerType or DateType => 0,
        LongType or TimestampType or TimestampNtzType => 0L,
        DecimalType { IsLong: true } => 0L,
        DecimalType => Int128.Zero,
        FloatType => 0f,
        DoubleType => 0d,
        StringType => "",
        BinaryType => Array.Empty<byte>(),
        StructType s => s.Fields.Select(f => f.Nullable ? null : DefaultOf(f.Type)).ToArray(),
        ArrayType => new List<object?>(),
        MapType => new List<KeyValuePair<object?, object?>>(),
        _ => throw new NotSupportedException(type.SimpleString),
    };

    /// <summary>Builds a batch holding <paramref name="rows"/>.</summary>
    public static ColumnBatch ToBatch(StructType schema, IReadOnlyList<object?[]> rows)
    {
        var batch = ColumnBatch.Create(schema, Math.Max(1, rows.Count));
        foreach (var row in rows)
            for (var c = 0; c < schema.Count; c++) Append(batch.Columns[c], row[c]);
        batch.RowCount = rows.Count;
        // The batch is the writer's input: make sure it holds exactly the model rows before blaming the codec.
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < schema.Count; c++)
                if (!Same(rows[r][c], Get(batch.Columns[c], r)))
                    throw new InvalidOperationException($"Test batch builder: row {r} column {c} holds {Show(Get(batch.Columns[c], r))}, not {Show(rows[r][c])}.");
        return batch;
    }

    /// <summary>The value in slot <paramref name="index"/> of <paramref name="vector"/> in model form.</summary>
    public static object? Get(ColumnVector vector, int index)
    {
        if (vector.IsNull(index)) return null;
        switch (vector)
        {
            case PrimitiveVector<bool> v: return v[index];
            case PrimitiveVector<sbyte> v: return v[index];
            case PrimitiveVector<short> v: return v[index];
            case PrimitiveVector<int> v: return v[index];
            case PrimitiveVector<long> v: return v[index];
            case PrimitiveVector<Int128> v: return v[index];
            case PrimitiveVector<float> v: return v[index];
            case PrimitiveVector<double> v: return v[index];
            case BinaryVector v:
                return v.Type is StringType ? Encoding.UTF8.GetString(v.GetBytes(index)) : v.GetBytes(index).ToArray();
            case StructVector v:
            {
                var result = new object?[v.Children.Length];
                for (var c = 0; c < result.Length; c++) result[c] = Get(v.Children[c], index);
                return result;
            }
            case ListVector v:
            {
                var list = new List<object?>();
                for (var j = v.Offsets[index]; j < v.Offsets[index + 1]; j++) list.Add(Get(v.Elements, j));
                return list;
            }
            case MapVector v:
            {
                var list = new List<KeyValuePair<object?, object?>>();
                for (var j = v.Offsets[index]; j < v.Offsets[index + 1]; j++)
                    list.Add(new KeyValuePair<object?, object?>(Get(v.Keys, j), Get(v.Values, j)));
                return list;
            }
            default:
                throw new NotSupportedException(vector.GetType().Name);
        }
    }

    /// <summary>Exact equality: floats by bit pattern, byte arrays and collections element by element.</summary>
    public static bool Same(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        switch (a)
        {
            case float f: return b is float g && BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits(g);
            case double d: return b is double e && BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits(e);
            case byte[] x: return b is byte[] bytes && x.AsSpan().SequenceEqual(bytes);
            case object?[] x:
            {
                if (b is not object?[] fields || x.Length != fields.Length) return false;
                for (var i = 0; i < x.Length; i++) if (!Same(x[i], fields[i])) return false;
                return true;
            }
            case List<object?> x:
            {
                if (b is not List<object?> items || x.Count != items.Count) return false;
                for (var i = 0; i < x.Count; i++) if (!Same(x[i], items[i])) return false;
                return true;
            }
            case List<KeyValuePair<object?, object?>> x:
            {
                if (b is not List<KeyValuePair<object?, object?>> entries || x.Count != entries.Count) return false;
                for (var i = 0; i < x.Count; i++)
                    if (!Same(x[i].Key, entries[i].Key) || !Same(x[i].Value, entries[i].Value)) return false;
                return true;
            }
            default:
                return a.GetType() == b.GetType() && a.Equals(b);
        }
    }

    /// <summary>A readable rendering for failure messages (floats with their bits, strings quoted).</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        float f => string.Create(CultureInfo.InvariantCulture, $"{f:R}f(0x{BitConverter.SingleToInt32Bits(f):X8})"),
        double d => string.Create(CultureInfo.InvariantCulture, $"{d:R}d(0x{BitConverter.DoubleToInt64Bits(d):X16})"),
        string s => "\"" + (s.Length > 40 ? s[..40] + "…" : s) + "\"",
        byte[] b => "0x" + Convert.ToHexString(b.Length > 32 ? b[..32] : b) + (b.Length > 32 ? "…" : ""),
        object?[] x => "{" + string.Join(", ", x.Select(Show)) + "}",
        List<object?> x => "[" + string.Join(", ", x.Select(Show)) + "]",
        List<KeyValuePair<object?, object?>> x => "map[" + string.Join(", ", x.Select(e => Show(e.Key) + "->" + Show(e.Value))) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + ":" + value.GetType().Name,
        _ => value.ToString() ?? "",
    };
}
