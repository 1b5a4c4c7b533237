using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>The comparison operators.</summary>
internal enum ComparisonOp
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// <summary><c>&lt;=&gt;</c>: never null; two nulls are equal.</summary>
    NullSafeEqual,
}

/// <summary>
/// Comparison kernels (= &lt;&gt; &lt; &lt;= &gt; &gt;= &lt;=&gt;) over two arguments of one type (the binder casts both sides to
/// <see cref="TypeCoercion.ComparisonType"/>). Fixed-width types run generic loops with a scalar/column path each;
/// strings and binary compare bytes in place (UTF-8 byte order = code point order, as Spark); nested values use
/// <see cref="ValueComparer"/>. Floating point follows Spark: NaN = NaN and NaN is the largest value.
/// </summary>
internal static class ComparisonFunctions
{
    public static KernelFn Kernel(ComparisonOp op) => (args, n, _) => Compare(op, args[0], args[1], n);

    public static ColumnarValue Compare(ComparisonOp op, in ColumnarValue a, in ColumnarValue b, int n)
    {
        if (op == ComparisonOp.NullSafeEqual) return NullSafe(a, b, n);
        var type = a.Type is NullType ? b.Type : a.Type;
        if (a.Type is NullType || b.Type is NullType)
            return Kernels.NullResult(DataType.Boolean, n, a.IsScalar && b.IsScalar);
        return type.Physical switch
        {
            PhysicalKind.Boolean => Typed<bool, BoolLt, BoolLe>(op, a, b, n),
            PhysicalKind.Int8 => Integral<sbyte>(op, a, b, n),
            PhysicalKind.Int16 => Integral<short>(op, a, b, n),
            PhysicalKind.Int32 => Integral<int>(op, a, b, n),
            PhysicalKind.Int64 => Integral<long>(op, a, b, n),
            PhysicalKind.Int128 => Integral<Int128>(op, a, b, n),
            PhysicalKind.Float32 => Floating<float>(op, a, b, n),
            PhysicalKind.Float64 => Floating<double>(op, a, b, n),
            PhysicalKind.Binary => Bytes(op, a, b, n),
            _ => Generic(op, a, b, n, type),
        };
    }

    public static bool FromOrder(ComparisonOp op, int c) => op switch
    {
        ComparisonOp.Equal or ComparisonOp.NullSafeEqual => c == 0,
        ComparisonOp.NotEqual => c != 0,
        ComparisonOp.Less => c < 0,
        ComparisonOp.LessOrEqual => c <= 0,
        ComparisonOp.Greater => c > 0,
        _ => c >= 0,
    };

    private static ColumnarValue Integral<T>(ComparisonOp op, in ColumnarValue a, in ColumnarValue b, int n)
        where T : unmanaged, IComparisonOperators<T, T, bool> => op switch
    {
        ComparisonOp.Equal => Kernels.Binary<T, T, bool, Eq<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.NotEqual => Kernels.Binary<T, T, bool, Ne<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.Less => Kernels.Binary<T, T, bool, Lt<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.LessOrEqual => Kernels.Binary<T, T, bool, Le<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.Greater => Kernels.Binary<T, T, bool, Lt<T>>(b, a, n, DataType.Boolean),
        _ => Kernels.Binary<T, T, bool, Le<T>>(b, a, n, DataType.Boolean),
    };

    private static ColumnarValue Floating<T>(ComparisonOp op, in ColumnarValue a, in ColumnarValue b, int n)
        where T : unmanaged, IFloatingPointIeee754<T> => op switch
    {
        ComparisonOp.Equal => Kernels.Binary<T, T, bool, FEq<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.NotEqual => Kernels.Binary<T, T, bool, FNe<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.Less => Kernels.Binary<T, T, bool, FLt<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.LessOrEqual => Kernels.Binary<T, T, bool, FLe<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.Greater => Kernels.Binary<T, T, bool, FLt<T>>(b, a, n, DataType.Boolean),
        _ => Kernels.Binary<T, T, bool, FLe<T>>(b, a, n, DataType.Boolean),
    };

    private static ColumnarValue Typed<T, TLt, TLe>(ComparisonOp op, in ColumnarValue a, in ColumnarValue b, int n)
        where T : unmanaged, IEquatable<T> where TLt : IBinaryOp<T, T, bool> where TLe : IBinaryOp<T, T, bool> => op switch
    {
        ComparisonOp.Equal => Kernels.Binary<T, T, bool, EqE<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.NotEqual => Kernels.Binary<T, T, bool, NeE<T>>(a, b, n, DataType.Boolean),
        ComparisonOp.Less => Kernels.Binary<T, T, bool, TLt>(a, b, n, DataType.Boolean),
        ComparisonOp.LessOrEqual => Kernels.Binary<T, T, bool, TLe>(a, b, n, DataType.Boolean),
        ComparisonOp.Greater => Kernels.Binary<T, T, bool, TLt>(b, a, n, DataType.Boolean),
        _ => Kernels.Binary<T, T, bool, TLe>(b, a, n, DataType.Boolean),
    };

    private static ColumnarValue Bytes(ComparisonOp op, in ColumnarValue a, in ColumnarValue b, int n)
    {
        if (a.IsScalar && b.IsScalar)
        {
            if (a.Scalar is null || b.Scalar is null) return Kernels.NullScalar(DataType.Boolean);
            var x = new ArgReader(a);
            var y = new ArgReader(b);
            return ColumnarValue.OfScalar(DataType.Boolean, FromOrder(op, x.Bytes(0).SequenceCompareTo(y.Bytes(0))));
        }
        if (Kernels.IsNullScalar(a) || Kernels.IsNullScalar(b)) return ColumnarValue.Of(Kernels.AllNull(DataType.Boolean, n));
        var r = Kernels.NewVector<bool>(DataType.Boolean, n);
        var dst = r.Values;
        if (a.IsScalar || b.IsScalar)
        {
            // column op literal: the literal's bytes once, compared in place against each row.
            var swapped = a.IsScalar;
            var col = (BinaryVector)(swapped ? b.Vector! : a.Vector!);
            var lit = new ArgReader(swapped ? a : b).Bytes(0);
            var effective = swapped ? Swap(op) : op;
            var data = col.Data;
            var off = col.Offsets;
            if (effective == ComparisonOp.Equal || effective == ComparisonOp.NotEqual)
            {
                var want = effective == ComparisonOp.Equal;
                for (var i = 0; i < n; i++)
                {
                    var len = off[i + 1] - off[i];
                    dst[i] = (len == lit.Length && data.AsSpan(off[i], len).SequenceEqual(lit)) == want;
                }
            }
            else
            {
                for (var i = 0; i < n; i++) dst[i] = FromOrder(effective, data.AsSpan(off[i], off[i + 1] - off[i]).SequenceCompareTo(lit));
            }
        }
        else
        {
            var x = (BinaryVector)a.Vector!;
            var y = (BinaryVector)b.Vector!;
            for (var i = 0; i < n; i++) dst[i] = FromOrder(op, x.GetBytes(i).SequenceCompareTo(y.GetBytes(i)));
        }
        Kernels.AndValidity(r, Kernels.ValidityOf(a), Kernels.ValidityOf(b), n);
        return ColumnarValue.Of(r);
    }

    public static ComparisonOp Swap(ComparisonOp op) => op switch
    {
        ComparisonOp.Less => ComparisonOp.Greater,
        ComparisonOp.LessOrEqual => ComparisonOp.GreaterOrEqual,
        ComparisonOp.Greater => ComparisonOp.Less,
        ComparisonOp.GreaterOrEqual => ComparisonOp.LessOrEqual,
        _ => op,
    };

    private static ColumnarValue Generic(ComparisonOp op, in ColumnarValue a, in ColumnarValue b, int n, DataType type) =>
        RowKernel.Map([a, b], n, DataType.Boolean, (r, i, o) =>
            ((PrimitiveVector<bool>)o).Append(FromOrder(op, ValueComparer.Compare(r[0].Object(i)!, r[1].Object(i)!, type))));

    private static ColumnarValue NullSafe(in ColumnarValue a, in ColumnarValue b, int n)
    {
        var type = a.Type is NullType ? b.Type : a.Type;
        if (a.Type is NullType || b.Type is NullType || type.Physical is PhysicalKind.Struct or PhysicalKind.List or PhysicalKind.Map)
        {
            return RowKernel.Map([a, b], n, DataType.Boolean, (r, i, o) =>
            {
                var x = r[0].IsNull(i) || r[0].Type is NullType ? null : r[0].Object(i);
                var y = r[1].IsNull(i) || r[1].Type is NullType ? null : r[1].Object(i);
                ((PrimitiveVector<bool>)o).Append(x is null || y is null ? x is null && y is null : ValueComparer.Equal(x, y, type));
            }, nullIntolerant: false);
        }
        var eq = Compare(ComparisonOp.Equal, a, b, n);
        if (eq.IsScalar)
        {
            var an = a.IsScalar && a.Scalar is null;
            var bn = b.IsScalar && b.Scalar is null;
            return ColumnarValue.OfScalar(DataType.Boolean, an || bn ? an && bn : eq.Scalar);
        }
        var r = (PrimitiveVector<bool>)eq.Vector!;
        if (r.Validity is null) return eq;
        var values = r.Values;
        for (var i = 0; i < n; i++)
        {
            if (Kernels.IsValid(r, i)) continue;
            var an = a.IsScalar ? a.Scalar is null : a.Vector!.IsNull(i);
            var bn = b.IsScalar ? b.Scalar is null : b.Vector!.IsNull(i);
            values[i] = an && bn;
        }
        r.ClearValidity();
        return eq;
    }

    // ---- element ops ----

    private readonly struct Eq<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool>
    { public static bool Invoke(T a, T b) => a == b; }

    private readonly struct Ne<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool>
    { public static bool Invoke(T a, T b) => a != b; }

    private readonly struct Lt<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool>
    { public static bool Invoke(T a, T b) => a < b; }

    private readonly struct Le<T> : IBinaryOp<T, T, bool> where T : IComparisonOperators<T, T, bool>
    { public static bool Invoke(T a, T b) => a <= b; }

    private readonly struct EqE<T> : IBinaryOp<T, T, bool> where T : IEquatable<T>
    { public static bool Invoke(T a, T b) => a.Equals(b); }

    private readonly struct NeE<T> : IBinaryOp<T, T, bool> where T : IEquatable<T>
    { public static bool Invoke(T a, T b) => !a.Equals(b); }

    private readonly struct BoolLt : IBinaryOp<bool, bool, bool>
    { public static bool Invoke(bool a, bool b) => !a && b; }

    private readonly struct BoolLe : IBinaryOp<bool, bool, bool>
    { public static bool Invoke(bool a, bool b) => !a || b; }

    private readonly struct FEq<T> : IBinaryOp<T, T, bool> where T : IFloatingPointIeee754<T>
    { public static bool Invoke(T a, T b) => a == b || (T.IsNaN(a) && T.IsNaN(b)); }

    private readonly struct FNe<T> : IBinaryOp<T, T, bool> where T : IFloatingPointIeee754<T>
    { public static bool Invoke(T a, T b) => !(a == b || (T.IsNaN(a) && T.IsNaN(b))); }

    private readonly struct FLt<T> : IBinaryOp<T, T, bool> where T : IFloatingPointIeee754<T>
    { public static bool Invoke(T a, T b) => a < b || (T.IsNaN(b) && !T.IsNaN(a)); }

    private readonly struct FLe<T> : IBinaryOp<T, T, bool> where T : IFloatingPointIeee754<T>
    { public static bool Invoke(T a, T b) => a <= b || T.IsNaN(b); }
}
