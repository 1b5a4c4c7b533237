using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// Three-valued AND/OR/NOT, IN lists and the bitwise operators. AND is false when either side is false (even if the
/// other is null), OR is true when either side is true; otherwise a null side gives null. <c>x IN (…)</c> is true on a
/// match, null when there is no match but x or a list element is null, false otherwise.
/// </summary>
internal static class LogicalFunctions
{
    public static ColumnarValue And(ColumnarValue[] args, int n, EvaluationContext ctx) => AndOr(args[0], args[1], n, isAnd: true);

    public static ColumnarValue Or(ColumnarValue[] args, int n, EvaluationContext ctx) => AndOr(args[0], args[1], n, isAnd: false);

    private static ColumnarValue AndOr(in ColumnarValue a, in ColumnarValue b, int n, bool isAnd)
    {
        var x = new ArgReader(a);
        var y = new ArgReader(b);
        var scalar = a.IsScalar && b.IsScalar;
        var rows = scalar ? 1 : n;
        var r = Kernels.NewVector<bool>(DataType.Boolean, rows);
        var dst = r.Values;
        for (var i = 0; i < rows; i++)
        {
            var xn = x.IsNull(i);
            var yn = y.IsNull(i);
            var xv = !xn && x.Bool(i);
            var yv = !yn && y.Bool(i);
            if (isAnd)
            {
                if ((!xn && !xv) || (!yn && !yv)) dst[i] = false;
                else if (xn || yn) r.SetNull(i);
                else dst[i] = true;
            }
            else
            {
                if (xv || yv) dst[i] = true;
                else if (xn || yn) r.SetNull(i);
                else dst[i] = false;
            }
        }
        return RowKernel.Finish(r, scalar);
    }

    public static ColumnarValue Not(ColumnarValue[] args, int n, EvaluationContext ctx) =>
        Kernels.Unary<bool, bool, NotOp>(args[0], n, DataType.Boolean);

    private readonly struct NotOp : IUnaryOp<bool, bool> { public static bool Invoke(bool a) => !a; }

    // ---- IN ----

    public static BindResult BindIn(BindRequest r)
    {
        var common = TypeCoercion.FindWiderCommonType(r.Args, r.Ansi);
        if (common is null) return r.DataDiffTypes();
        if (common is MapType) return r.InvalidOrdering(common);
        if (common is NullType) common = DataType.Boolean;
        var types = Enumerable.Repeat(common, r.Count).ToArray();
        return r.Ok(types, DataType.Boolean, (a, n, _) => In(a, n, common), nullIntolerant: false);
    }

    private static ColumnarValue In(ColumnarValue[] args, int n, DataType type)
    {
        var listScalar = true;
        for (var i = 1; i < args.Length; i++) listScalar &= args[i].IsScalar;
        if (listScalar && type is not DecimalType && type.Physical is PhysicalKind.Int32 or PhysicalKind.Int64 or PhysicalKind.Binary or PhysicalKind.Int16 or PhysicalKind.Int8 && !args[0].IsScalar)
            return InSet(args, n, type);
        return RowKernel.Map(args, n, DataType.Boolean, (r, i, o) =>
        {
            var output = (PrimitiveVector<bool>)o;
            if (r[0].IsNull(i))
            {
                output.AppendNull();
                return;
            }
            var v = r[0].Object(i)!;
            var sawNull = false;
            for (var k = 1; k < r.Length; k++)
            {
                if (r[k].IsNull(i))
                {
                    sawNull = true;
                    continue;
                }
                if (ValueComparer.Equal(v, r[k].Object(i)!, type))
                {
                    output.Append(true);
                    return;
                }
            }
            if (sawNull) output.AppendNull();
            else output.Append(false);
        }, nullIntolerant: false);
    }

    /// <summary>column IN (literals): one hash set of the list, probed per row.</summary>
    private static ColumnarValue InSet(ColumnarValue[] args, int n, DataType type)
    {
        var sawNull = false;
        var r = Kernels.NewVector<bool>(DataType.Boolean, n);
        var dst = r.Values;
        var col = args[0].Vector!;
        if (type.Physical == PhysicalKind.Binary)
        {
            var set = new HashSet<byte[]>(ByteArrayComparer.Instance);
            for (var i = 1; i < args.Length; i++)
            {
                if (args[i].Scalar is null) sawNull = true;
                else set.Add(new ArgReader(args[i]).Bytes(0).ToArray());
            }
            var lookup = set.GetAlternateLookup<ReadOnlySpan<byte>>();
            var b = (BinaryVector)col;
            for (var i = 0; i < n; i++) dst[i] = lookup.Contains(b.GetBytes(i));
        }
        else
        {
            var set = new HashSet<long>();
            for (var i = 1; i < args.Length; i++)
            {
                if (args[i].Scalar is null) sawNull = true;
                else set.Add(new ArgReader(args[i]).Long(0));
            }
            var reader = new ArgReader(args[0]);
            for (var i = 0; i < n; i++) dst[i] = set.Contains(reader.Long(i));
        }
        Kernels.AndValidity(r, col.Validity, null, n);
        if (sawNull)
            for (var i = 0; i < n; i++)
                if (!dst[i]) r.SetNull(i);
        return ColumnarValue.Of(r);
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();
        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);
        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);
        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var h = new HashCode();
            h.AddBytes(alternate);
            return h.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }

    // ---- bitwise ----

    public static ColumnarValue Bitwise(char op, in ColumnarValue a, in ColumnarValue b, int n, DataType type) => type switch
    {
        ByteType => Bitwise<sbyte>(op, a, b, n, type),
        ShortType => Bitwise<short>(op, a, b, n, type),
        IntegerType => Bitwise<int>(op, a, b, n, type),
        _ => Bitwise<long>(op, a, b, n, type),
    };

    private static ColumnarValue Bitwise<T>(char op, in ColumnarValue a, in ColumnarValue b, int n, DataType type) where T : unmanaged, IBinaryInteger<T> => op switch
    {
        '&' => Kernels.Binary<T, T, T, BitAnd<T>>(a, b, n, type),
        '|' => Kernels.Binary<T, T, T, BitOr<T>>(a, b, n, type),
        _ => Kernels.Binary<T, T, T, BitXor<T>>(a, b, n, type),
    };

    public static ColumnarValue BitNot(in ColumnarValue a, int n, DataType type) => type switch
    {
        ByteType => Kernels.Unary<sbyte, sbyte, BitNotOp<sbyte>>(a, n, type),
        ShortType => Kernels.Unary<short, short, BitNotOp<short>>(a, n, type),
        IntegerType => Kernels.Unary<int, int, BitNotOp<int>>(a, n, type),
        _ => Kernels.Unary<long, long, BitNotOp<long>>(a, n, type),
    };

    public static ColumnarValue Shift(int kind, in ColumnarValue a, in ColumnarValue b, int n, DataType type) => (type, kind) switch
    {
        (IntegerType, 0) => Kernels.Binary<int, int, int, Shl<int>>(a, b, n, type),
        (IntegerType, 1) => Kernels.Binary<int, int, int, Shr<int>>(a, b, n, type),
        (IntegerType, _) => Kernels.Binary<int, int, int, Ushr<int>>(a, b, n, type),
        (_, 0) => Kernels.Binary<long, int, long, Shl<long>>(a, b, n, type),
        (_, 1) => Kernels.Binary<long, int, long, Shr<long>>(a, b, n, type),
        _ => Kernels.Binary<long, int, long, Ushr<long>>(a, b, n, type),
    };

    private readonly struct BitAnd<T> : IBinaryOp<T, T, T> where T : IBinaryInteger<T> { public static T Invoke(T a, T b) => a & b; }
    private readonly struct BitOr<T> : IBinaryOp<T, T, T> where T : IBinaryInteger<T> { public static T Invoke(T a, T b) => a | b; }
    private readonly struct BitXor<T> : IBinaryOp<T, T, T> where T : IBinaryInteger<T> { public static T Invoke(T a, T b) => a ^ b; }
    private readonly struct BitNotOp<T> : IUnaryOp<T, T> where T : IBinaryInteger<T> { public static T Invoke(T a) => ~a; }
    private readonly struct Shl<T> : IBinaryOp<T, int, T> where T : IBinaryInteger<T> { public static T Invoke(T a, int b) => a << b; }
    private readonly struct Shr<T> : IBinaryOp<T, int, T> where T : IBinaryInteger<T> { public static T Invoke(T a, int b) => a >> b; }
    private readonly struct Ushr<T> : IBinaryOp<T, int, T> where T : IBinaryInteger<T> { public static T Invoke(T a, int b) => a >>> b; }
}
