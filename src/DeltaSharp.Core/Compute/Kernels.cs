using System.Runtime.CompilerServices;
using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>A total element operation (never fails).</summary>
internal interface IUnaryOp<TA, TR>
{
    static abstract TR Invoke(TA a);
}

/// <summary>A total element operation of two arguments.</summary>
internal interface IBinaryOp<TA, TB, TR>
{
    static abstract TR Invoke(TA a, TB b);
}

/// <summary>An element operation that may fail (overflow, division by zero, malformed input); never throws.</summary>
internal interface ICheckedUnaryOp<TA, TR>
{
    static abstract bool TryInvoke(TA a, out TR result);
}

/// <summary>An element operation of two arguments that may fail; never throws.</summary>
internal interface ICheckedBinaryOp<TA, TB, TR>
{
    static abstract bool TryInvoke(TA a, TB b, out TR result);
}

/// <summary>Reads element i of an argument: a column's array or one repeated scalar. Structs, so loops specialise.</summary>
internal interface ISource<T>
{
    T this[int index] { get; }
}

internal readonly struct ArraySource<T>(T[] values) : ISource<T>
{
    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => values[index];
    }
}

internal readonly struct ConstSource<T>(T value) : ISource<T>
{
    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => value;
    }
}

/// <summary>
/// The vectorised loops every fixed-width kernel runs: unary and binary, total or checked, over column arrays with
/// a specialised path for each scalar/column combination. Results are new dense vectors of rowCount rows whose
/// validity is the AND of the inputs' (SQL null propagation). A checked op that fails on a valid row raises the
/// kernel's error, or yields null when no error factory is given (TRY semantics / non-ANSI).
/// </summary>
internal static class Kernels
{
    public static PrimitiveVector<T> NewVector<T>(DataType type, int rowCount) where T : unmanaged =>
        new(type, rowCount) { Length = rowCount };

    public static ColumnarValue NullScalar(DataType type) => ColumnarValue.OfScalar(type, null);

    public static bool IsNullScalar(in ColumnarValue v) => v.IsScalar && v.Scalar is null;

    /// <summary>A vector of rowCount nulls.</summary>
    public static ColumnVector AllNull(DataType type, int rowCount)
    {
        var v = ColumnVector.Create(type, rowCount);
        SetAllNull(v, rowCount);
        return v;
    }

    /// <summary>Makes a fresh (empty) vector rowCount rows of nulls.</summary>
    public static void SetAllNull(ColumnVector v, int rowCount)
    {
        v.EnsureCapacity(rowCount);
        if (v is StructVector s)
            foreach (var c in s.Children) SetAllNull(c, rowCount);
        v.Length = rowCount;
        v.EnsureValidity(rowCount).SetRange(0, Math.Max(rowCount, 1), false);
    }

    /// <summary>A column or scalar of nulls, matching whether any argument is a column.</summary>
    public static ColumnarValue NullResult(DataType type, int rowCount, bool scalar) =>
        scalar ? NullScalar(type) : ColumnarValue.Of(AllNull(type, rowCount));

    public static bool AllScalar(ColumnarValue[] args)
    {
        foreach (var a in args)
            if (!a.IsScalar) return false;
        return true;
    }

    /// <summary>ANDs the given bitmaps (null = all valid) into <paramref name="dst"/>'s validity for rows [0, rowCount).</summary>
    public static void AndValidity(ColumnVector dst, ValidityBitmap? a, ValidityBitmap? b, int rowCount)
    {
        if (a is null && b is null) return;
        var words = (rowCount + 63) >> 6;
        var d = dst.EnsureValidity(rowCount).Words;
        var aw = a?.Words;
        var bw = b?.Words;
        for (var w = 0; w < words; w++)
        {
            var m = ulong.MaxValue;
            if (aw is not null && w < aw.Length) m &= aw[w];
            if (bw is not null && w < bw.Length) m &= bw[w];
            d[w] &= m;
        }
    }

    public static ValidityBitmap? ValidityOf(in ColumnarValue v) => v.IsScalar ? null : v.Vector!.Validity;

    public static T[] ArrayOf<T>(in ColumnarValue v) where T : unmanaged => ((PrimitiveVector<T>)v.Vector!).Values;

    public static bool IsValid(ColumnVector v, int row) => v.Validity is not { } bm || bm.IsValid(row);

    // ---- unary ----

    public static ColumnarValue Unary<TA, TR, TOp>(in ColumnarValue a, int rowCount, DataType resultType)
        where TA : unmanaged where TR : unmanaged where TOp : IUnaryOp<TA, TR>
    {
        if (a.IsScalar)
            return a.Scalar is null ? NullScalar(resultType)
                : ColumnarValue.OfScalar(resultType, ScalarValues.Box(resultType, TOp.Invoke(ScalarValues.Unbox<TA>(a.Type, a.Scalar))));
        var r = NewVector<TR>(resultType, rowCount);
        var src = ArrayOf<TA>(a);
        var dst = r.Values;
        for (var i = 0; i < rowCount; i++) dst[i] = TOp.Invoke(src[i]);
        AndValidity(r, a.Vector!.Validity, null, rowCount);
        return ColumnarValue.Of(r);
    }

    public static ColumnarValue UnaryChecked<TA, TR, TOp>(in ColumnarValue a, int rowCount, DataType resultType, Func<TA, ComputeException>? error)
        where TA : unmanaged where TR : unmanaged where TOp : ICheckedUnaryOp<TA, TR>
    {
        if (a.IsScalar)
        {
            if (a.Scalar is null) return NullScalar(resultType);
            var x = ScalarValues.Unbox<TA>(a.Type, a.Scalar);
            if (TOp.TryInvoke(x, out var res)) return ColumnarValue.OfScalar(resultType, ScalarValues.Box(resultType, res));
            if (error is not null) throw error(x);
            return NullScalar(resultType);
        }
        var r = NewVector<TR>(resultType, rowCount);
        var src = ArrayOf<TA>(a);
        var dst = r.Values;
        var ok = true;
        for (var i = 0; i < rowCount; i++) ok &= TOp.TryInvoke(src[i], out dst[i]);
        AndValidity(r, a.Vector!.Validity, null, rowCount);
        if (!ok)
        {
            for (var i = 0; i < rowCount; i++)
            {
                if (!IsValid(r, i) || TOp.TryInvoke(src[i], out _)) continue;
                if (error is not null) throw error(src[i]);
                r.SetNull(i);
            }
        }
        return ColumnarValue.Of(r);
    }

    // ---- binary ----

    public static ColumnarValue Binary<TA, TB, TR, TOp>(in ColumnarValue a, in ColumnarValue b, int rowCount, DataType resultType)
        where TA : unmanaged where TB : unmanaged where TR : unmanaged where TOp : IBinaryOp<TA, TB, TR>
    {
        if (a.IsScalar && b.IsScalar)
        {
            if (a.Scalar is null || b.Scalar is null) return NullScalar(resultType);
            return ColumnarValue.OfScalar(resultType, ScalarValues.Box(resultType,
                TOp.Invoke(ScalarValues.Unbox<TA>(a.Type, a.Scalar), ScalarValues.Unbox<TB>(b.Type, b.Scalar))));
        }
        if (IsNullScalar(a) || IsNullScalar(b)) return ColumnarValue.Of(AllNull(resultType, rowCount));
        var r = NewVector<TR>(resultType, rowCount);
        if (a.IsScalar)
            Loop<TA, TB, TR, TOp, ConstSource<TA>, ArraySource<TB>>(new(ScalarValues.Unbox<TA>(a.Type, a.Scalar!)), new(ArrayOf<TB>(b)), r.Values, rowCount);
        else if (b.IsScalar)
            Loop<TA, TB, TR, TOp, ArraySource<TA>, ConstSource<TB>>(new(ArrayOf<TA>(a)), new(ScalarValues.Unbox<TB>(b.Type, b.Scalar!)), r.Values, rowCount);
        else
            Loop<TA, TB, TR, TOp, ArraySource<TA>, ArraySource<TB>>(new(ArrayOf<TA>(a)), new(ArrayOf<TB>(b)), r.Values, rowCount);
        AndValidity(r, ValidityOf(a), ValidityOf(b), rowCount);
        return ColumnarValue.Of(r);
    }

    private static void Loop<TA, TB, TR, TOp, SA, SB>(SA a, SB b, TR[] dst, int rowCount)
        where TOp : IBinaryOp<TA, TB, TR> where SA : struct, ISource<TA> where SB : struct, ISource<TB>
    {
        for (var i = 0; i < rowCount; i++) dst[i] = TOp.Invoke(a[i], b[i]);
    }

    public static ColumnarValue BinaryChecked<TA, TB, TR, TOp>(in ColumnarValue a, in ColumnarValue b, int rowCount, DataType resultType,
        Func<TA, TB, ComputeException>? error)
        where TA : unmanaged where TB : unmanaged where TR : unmanaged where TOp : ICheckedBinaryOp<TA, TB, TR>
    {
        if (a.IsScalar && b.IsScalar)
        {
            if (a.Scalar is null || b.Scalar is null) return NullScalar(resultType);
            var x = ScalarValues.Unbox<TA>(a.Type, a.Scalar);
            var y = ScalarValues.Unbox<TB>(b.Type, b.Scalar);
            if (TOp.TryInvoke(x, y, out var res)) return ColumnarValue.OfScalar(resultType, ScalarValues.Box(resultType, res));
            if (error is not null) throw error(x, y);
            return NullScalar(resultType);
        }
        if (IsNullScalar(a) || IsNullScalar(b)) return ColumnarValue.Of(AllNull(resultType, rowCount));
        var r = NewVector<TR>(resultType, rowCount);
        AndValidity(r, ValidityOf(a), ValidityOf(b), rowCount);
        if (a.IsScalar)
            CheckedLoop<TA, TB, TR, TOp, ConstSource<TA>, ArraySource<TB>>(new(ScalarValues.Unbox<TA>(a.Type, a.Scalar!)), new(ArrayOf<TB>(b)), r, rowCount, error);
        else if (b.IsScalar)
            CheckedLoop<TA, TB, TR, TOp, ArraySource<TA>, ConstSource<TB>>(new(ArrayOf<TA>(a)), new(ScalarValues.Unbox<TB>(b.Type, b.Scalar!)), r, rowCount, error);
        else
            CheckedLoop<TA, TB, TR, TOp, ArraySource<TA>, ArraySource<TB>>(new(ArrayOf<TA>(a)), new(ArrayOf<TB>(b)), r, rowCount, error);
        return ColumnarValue.Of(r);
    }

    private static void CheckedLoop<TA, TB, TR, TOp, SA, SB>(SA a, SB b, PrimitiveVector<TR> r, int rowCount, Func<TA, TB, ComputeException>? error)
        where TR : unmanaged where TOp : ICheckedBinaryOp<TA, TB, TR> where SA : struct, ISource<TA> where SB : struct, ISource<TB>
    {
        var dst = r.Values;
        var ok = true;
        // Fast pass over every slot (null slots hold arbitrary values, so a failure there is only a hint) …
        for (var i = 0; i < rowCount; i++) ok &= TOp.TryInvoke(a[i], b[i], out dst[i]);
        if (ok) return;
        // … then a careful pass that fails only on valid rows.
        for (var i = 0; i < rowCount; i++)
        {
            if (!IsValid(r, i) || TOp.TryInvoke(a[i], b[i], out _)) continue;
            if (error is not null) throw error(a[i], b[i]);
            r.SetNull(i);
        }
    }
}
