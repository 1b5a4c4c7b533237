using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Tests.Writing;

/// <summary>Builds column batches from boxed rows for tests: int/long/…, string, DateOnly, DateTime (timestamps),
/// DecimalValue, byte[], object?[] for structs, IList for arrays, IList&lt;KeyValuePair&gt; for maps, null.</summary>
internal static class TestBatches
{
    public static ColumnBatch Build(StructType schema, params object?[][] rows)
    {
        var batch = ColumnBatch.Create(schema, Math.Max(1, rows.Length));
        foreach (var row in rows)
            for (var c = 0; c < schema.Count; c++) Append(batch.Columns[c], row[c]);
        batch.RowCount = rows.Length;
        return batch;
    }

    public static void Append(ColumnVector v, object? value)
    {
        switch (v)
        {
            case PrimitiveVector<bool> b: if (value is null) b.AppendNull(); else b.Append((bool)value); break;
            case PrimitiveVector<sbyte> i8: if (value is null) i8.AppendNull(); else i8.Append(Convert.ToSByte(value)); break;
            case PrimitiveVector<short> i16: if (value is null) i16.AppendNull(); else i16.Append(Convert.ToInt16(value)); break;
            case PrimitiveVector<int> i32:
                if (value is null) i32.AppendNull();
                else i32.Append(value is DateOnly d ? ValueConverter.DaysFromDate(d) : Convert.ToInt32(value));
                break;
            case PrimitiveVector<long> i64:
                if (value is null) i64.AppendNull();
                else i64.Append(value switch
                {
                    DateTime t => ValueConverter.MicrosFromTimestamp(t),
                    DecimalValue dv => (long)dv.Unscaled,
                    _ => Convert.ToInt64(value),
                });
                break;
            case PrimitiveVector<Int128> i128: if (value is null) i128.AppendNull(); else i128.Append(((DecimalValue)value).Unscaled); break;
            case PrimitiveVector<float> f: if (value is null) f.AppendNull(); else f.Append(Convert.ToSingle(value)); break;
            case PrimitiveVector<double> d64: if (value is null) d64.AppendNull(); else d64.Append(Convert.ToDouble(value)); break;
            case BinaryVector bin:
                if (value is null) bin.AppendNull();
                else if (value is byte[] bytes) bin.Append(bytes);
                else bin.Append((string)value);
                break;
            case StructVector s:
            {
                var index = s.Length;
                s.EnsureCapacity(index + 1);
                var fields = value as object?[];
                for (var i = 0; i < s.Children.Length; i++) Append(s.Children[i], fields?[i]);
                if (value is null) s.SetNull(index);
                s.Length = index + 1;
                break;
            }
            case ListVector l:
            {
                var index = l.Length;
                l.EnsureCapacity(index + 1);
                if (value is System.Collections.IList items)
                    foreach (var item in items) Append(l.Elements, item);
                else l.SetNull(index);
                l.Offsets[index + 1] = l.Elements.Length;
                l.Length = index + 1;
                break;
            }
            case MapVector m:
            {
                var index = m.Length;
                m.EnsureCapacity(index + 1);
                if (value is IEnumerable<KeyValuePair<object?, object?>> entries)
                    foreach (var (k, val) in entries)
                    {
                        Append(m.Keys, k);
                        Append(m.Values, val);
                    }
                else m.SetNull(index);
                m.Offsets[index + 1] = m.Keys.Length;
                m.Length = index + 1;
                break;
            }
            default:
                throw new NotSupportedException(v.GetType().Name);
        }
    }
}
