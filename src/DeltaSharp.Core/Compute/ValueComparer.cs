using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>
/// Spark's ordering and equality of non-null scalar values of one type (the slow, general path used for nested
/// values, greatest/least, array_contains, …): numbers by value with NaN equal to itself and greater than every
/// other value and -0.0 = 0.0; strings and binary by unsigned bytes (UTF-8, i.e. code point order); false &lt; true;
/// arrays and structs element by element with null first.
/// </summary>
internal static class ValueComparer
{
    public static int Compare(object a, object b, DataType type)
    {
        switch (type)
        {
            case BooleanType: return ((bool)a).CompareTo((bool)b);
            case ByteType: return Convert.ToSByte(a).CompareTo(Convert.ToSByte(b));
            case ShortType: return Convert.ToInt16(a).CompareTo(Convert.ToInt16(b));
            case IntegerType or DateType or YearMonthIntervalType: return ScalarValues.Unbox<int>(type, a).CompareTo(ScalarValues.Unbox<int>(type, b));
            case LongType or TimestampType or TimestampNtzType or DayTimeIntervalType: return ScalarValues.Unbox<long>(type, a).CompareTo(ScalarValues.Unbox<long>(type, b));
            case FloatType: return CompareDouble(Convert.ToSingle(a), Convert.ToSingle(b));
            case DoubleType: return CompareDouble(Convert.ToDouble(a), Convert.ToDouble(b));
            case DecimalType d: return AsDecimal(a, d).CompareTo(AsDecimal(b, d));
            case StringType: return CompareUtf8(a, b);
            case BinaryType: return ((byte[])a).AsSpan().SequenceCompareTo((byte[])b);
            case ArrayType at:
            {
                var x = (System.Collections.IList)a;
                var y = (System.Collections.IList)b;
                for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
                {
                    var c = CompareNullable(x[i], y[i], at.ElementType);
                    if (c != 0) return c;
                }
                return x.Count.CompareTo(y.Count);
            }
            case StructType st:
            {
                var x = (IReadOnlyList<object?>)a;
                var y = (IReadOnlyList<object?>)b;
                for (var i = 0; i < st.Count; i++)
                {
                    var c = CompareNullable(x[i], y[i], st[i].Type);
                    if (c != 0) return c;
                }
                return 0;
            }
            case MapType mt:
            {
                // Maps are not orderable in Spark; equality only (entries in order).
                var x = ((IEnumerable<KeyValuePair<object?, object?>>)a).ToList();
                var y = ((IEnumerable<KeyValuePair<object?, object?>>)b).ToList();
                for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
                {
                    var c = CompareNullable(x[i].Key, y[i].Key, mt.KeyType);
                    if (c == 0) c = CompareNullable(x[i].Value, y[i].Value, mt.ValueType);
                    if (c != 0) return c;
                }
                return x.Count.CompareTo(y.Count);
            }
            case NullType: return 0;
            default: throw new NotSupportedException($"Cannot compare values of {type}.");
        }
    }

    /// <summary>Nulls first.</summary>
    public static int CompareNullable(object? a, object? b, DataType type)
    {
        if (a is null) return b is null ? 0 : -1;
        if (b is null) return 1;
        return Compare(a, b, type);
    }

    public static bool Equal(object a, object b, DataType type) => Compare(a, b, type) == 0;

    public static int CompareDouble(double a, double b)
    {
        if (a < b) return -1;
        if (a > b) return 1;
        if (a == b) return 0;
        var an = double.IsNaN(a);
        var bn = double.IsNaN(b);
        return an == bn ? 0 : an ? 1 : -1;
    }

    private static DecimalValue AsDecimal(object v, DecimalType d) => v is DecimalValue dv ? dv : new DecimalValue(ScalarValues.Unbox<Int128>(new DecimalType(38, d.Scale), v), d.Scale);

    private static int CompareUtf8(object a, object b)
    {
        var x = (string)a;
        var y = (string)b;
        // Code point order = UTF-8 byte order; string.CompareOrdinal compares UTF-16 units, which differs only for
        // supplementary characters versus U+E000..U+FFFF.
        var c = string.CompareOrdinal(x, y);
        if (c == 0) return 0;
        var i = 0;
        while (i < x.Length && i < y.Length && x[i] == y[i]) i++;
        if (i < x.Length && i < y.Length && (char.IsSurrogate(x[i]) || char.IsSurrogate(y[i])))
            return System.Text.Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(y));
        return Math.Sign(c);
    }
}
