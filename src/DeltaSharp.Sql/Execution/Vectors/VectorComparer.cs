using DeltaSharp.Columnar;

namespace DeltaSharp.Sql.Execution.Vectors;

/// <summary>
/// Compares single values of two vectors of the same type, as Spark orders and groups them: strings and binary by
/// unsigned bytes (UTF-8 code-point order), NaN above every other double and equal to itself, -0.0 equal to 0.0,
/// false before true, structs field by field, arrays element by element then by length.
/// </summary>
internal static class VectorComparer
{
    /// <summary>Grouping / join-key equality: null equals null here (callers that need SQL equality check nulls
    /// first).</summary>
    public static bool KeyEquals(ColumnVector a, int i, ColumnVector b, int j)
    {
        var an = a.IsNull(i);
        var bn = b.IsNull(j);
        if (an || bn) return an && bn;
        switch (a)
        {
            case PrimitiveVector<int> x: return x[i] == ((PrimitiveVector<int>)b)[j];
            case PrimitiveVector<long> x: return x[i] == ((PrimitiveVector<long>)b)[j];
            case BinaryVector x: return x.GetBytes(i).SequenceEqual(((BinaryVector)b).GetBytes(j));
            case PrimitiveVector<bool> x: return x[i] == ((PrimitiveVector<bool>)b)[j];
            case PrimitiveVector<sbyte> x: return x[i] == ((PrimitiveVector<sbyte>)b)[j];
            case PrimitiveVector<short> x: return x[i] == ((PrimitiveVector<short>)b)[j];
            case PrimitiveVector<Int128> x: return x[i] == ((PrimitiveVector<Int128>)b)[j];
            case PrimitiveVector<float> x: return CompareDouble(x[i], ((PrimitiveVector<float>)b)[j]) == 0;
            case PrimitiveVector<double> x: return CompareDouble(x[i], ((PrimitiveVector<double>)b)[j]) == 0;
            case StructVector x:
            {
                var y = (StructVector)b;
                for (var c = 0; c < x.Children.Length; c++)
                    if (!KeyEquals(x.Children[c], i, y.Children[c], j)) return false;
                return true;
            }
            case ListVector x:
            {
                var y = (ListVector)b;
                var n = x.Offsets[i + 1] - x.Offsets[i];
                if (n != y.Offsets[j + 1] - y.Offsets[j]) return false;
                for (var k = 0; k < n; k++)
                    if (!KeyEquals(x.Elements, x.Offsets[i] + k, y.Elements, y.Offsets[j] + k)) return false;
                return true;
            }
            case MapVector x:
            {
                var y = (MapVector)b;
                var n = x.Offsets[i + 1] - x.Offsets[i];
                if (n != y.Offsets[j + 1] - y.Offsets[j]) return false;
                for (var k = 0; k < n; k++)
                {
                    if (!KeyEquals(x.Keys, x.Offsets[i] + k, y.Keys, y.Offsets[j] + k)) return false;
                    if (!KeyEquals(x.Values, x.Offsets[i] + k, y.Values, y.Offsets[j] + k)) return false;
                }
                return true;
            }
            default:
                throw new NotSupportedException($"Cannot compare a {a.GetType().Name}.");
        }
    }

    /// <summary>Order of two non-null values (negative, zero, positive).</summary>
    public static int Compare(ColumnVector a, int i, ColumnVector b, int j)
    {
        switch (a)
        {
            case PrimitiveVector<int> x: return x[i].CompareTo(((PrimitiveVector<int>)b)[j]);
            case PrimitiveVector<long> x: return x[i].CompareTo(((PrimitiveVector<long>)b)[j]);
            case BinaryVector x: return x.GetBytes(i).SequenceCompareTo(((BinaryVector)b).GetBytes(j));
            case PrimitiveVector<double> x: return CompareDouble(x[i], ((PrimitiveVector<double>)b)[j]);
            case PrimitiveVector<bool> x: return x[i].CompareTo(((PrimitiveVector<bool>)b)[j]);
            case PrimitiveVector<sbyte> x: return x[i].CompareTo(((PrimitiveVector<sbyte>)b)[j]);
            case PrimitiveVector<short> x: return x[i].CompareTo(((PrimitiveVector<short>)b)[j]);
            case PrimitiveVector<Int128> x: return x[i].CompareTo(((PrimitiveVector<Int128>)b)[j]);
            case PrimitiveVector<float> x: return CompareDouble(x[i], ((PrimitiveVector<float>)b)[j]);
            case StructVector x:
            {
                var y = (StructVector)b;
                for (var c = 0; c < x.Children.Length; c++)
                {
                    var r = CompareNullsFirst(x.Children[c], i, y.Children[c], j);
                    if (r != 0) return r;
                }
                return 0;
            }
            case ListVector x:
            {
                var y = (ListVector)b;
                var n = x.Offsets[i + 1] - x.Offsets[i];
                var m = y.Offsets[j + 1] - y.Offsets[j];
                for (var k = 0; k < Math.Min(n, m); k++)
                {
                    var r = CompareNullsFirst(x.Elements, x.Offsets[i] + k, y.Elements, y.Offsets[j] + k);
                    if (r != 0) return r;
                }
                return n.CompareTo(m);
            }
            default:
                throw new NotSupportedException($"Values of type {a.Type} cannot be ordered.");
        }
    }

    /// <summary>Order with nulls first (for nested values, as Spark).</summary>
    public static int CompareNullsFirst(ColumnVector a, int i, ColumnVector b, int j)
    {
        var an = a.IsNull(i);
        var bn = b.IsNull(j);
        if (an || bn) return an == bn ? 0 : an ? -1 : 1;
        return Compare(a, i, b, j);
    }

    /// <summary>Spark's double order: -0.0 = 0.0, NaN = NaN and NaN above everything.</summary>
    public static int CompareDouble(double x, double y)
    {
        if (x == y) return 0;
        var xn = double.IsNaN(x);
        var yn = double.IsNaN(y);
        if (xn || yn) return xn == yn ? 0 : xn ? 1 : -1;
        return x < y ? -1 : 1;
    }
}
