using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>Arithmetic operators.</summary>
internal enum ArithmeticOp
{
    Add,
    Subtract,
    Multiply,
    /// <summary><c>/</c>: double or decimal.</summary>
    Divide,
    /// <summary><c>div</c>: bigint result.</summary>
    IntegralDivide,
    Remainder,
    Pmod,
}

/// <summary>How a kernel reacts to overflow and division by zero.</summary>
internal enum EvalMode
{
    /// <summary>Follow <see cref="EvaluationContext.AnsiMode"/>: error in ANSI, Java semantics (wrap / null) otherwise.</summary>
    Context,
    /// <summary>try_* functions: null.</summary>
    Try,
}

/// <summary>
/// Kernels of <c>+ - * / div % pmod</c>, unary minus and abs on numbers and ANSI intervals, with Spark's overflow
/// rules: ANSI raises ARITHMETIC_OVERFLOW (BINARY_ARITHMETIC_OVERFLOW for tinyint/smallint) and DIVIDE_BY_ZERO,
/// try_* return null, non-ANSI wraps like Java and returns null on division by zero. Decimals follow
/// <see cref="DecimalMath"/> and raise NUMERIC_VALUE_OUT_OF_RANGE (null when not ANSI).
/// </summary>
internal static class ArithmeticFunctions
{
    public static string Symbol(ArithmeticOp op) => op switch
    {
        ArithmeticOp.Add => "+",
        ArithmeticOp.Subtract => "-",
        ArithmeticOp.Multiply => "*",
        ArithmeticOp.Divide => "/",
        ArithmeticOp.IntegralDivide => "div",
        ArithmeticOp.Remainder => "%",
        _ => "pmod",
    };

    public static string TryName(ArithmeticOp op) => op switch
    {
        ArithmeticOp.Add => "try_add",
        ArithmeticOp.Subtract => "try_subtract",
        ArithmeticOp.Multiply => "try_multiply",
        ArithmeticOp.Remainder or ArithmeticOp.Pmod => "try_mod",
        _ => "try_divide",
    };

    /// <summary>The kernel for operands already cast to <paramref name="operandType"/> producing <paramref name="resultType"/>.</summary>
    public static KernelFn Kernel(ArithmeticOp op, DataType operandType, DataType resultType, EvalMode mode) =>
        (args, n, ctx) =>
        {
            var m = mode == EvalMode.Try ? Mode.Try : ctx.AnsiMode ? Mode.Ansi : Mode.Legacy;
            return Evaluate(op, args[0], args[1], n, operandType, resultType, m);
        };

    internal enum Mode { Ansi, Legacy, Try }

    public static ColumnarValue Evaluate(ArithmeticOp op, in ColumnarValue a, in ColumnarValue b, int n, DataType operandType, DataType resultType, Mode mode)
    {
        switch (operandType)
        {
            case DecimalType:
                return DecimalBinary(op, a, b, n, resultType, mode);
            case ByteType: return Integral<sbyte>(op, a, b, n, operandType, resultType, mode);
            case ShortType: return Integral<short>(op, a, b, n, operandType, resultType, mode);
            case IntegerType or YearMonthIntervalType: return Integral<int>(op, a, b, n, operandType, resultType, mode);
            case LongType or DayTimeIntervalType: return Integral<long>(op, a, b, n, operandType, resultType, mode);
            case FloatType: return Floating<float>(op, a, b, n, resultType, mode);
            case DoubleType: return Floating<double>(op, a, b, n, resultType, mode);
            default: throw new NotSupportedException($"No arithmetic on {operandType}.");
        }
    }

    // ---- integral ----

    private static ColumnarValue Integral<T>(ArithmeticOp op, in ColumnarValue a, in ColumnarValue b, int n, DataType type, DataType rt, Mode mode)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
    {
        // Interval arithmetic always fails on overflow (IntervalMathUtils.*Exact).
        var interval = TypeCoercion.IsInterval(type);
        if (mode == Mode.Legacy && !interval)
        {
            return op switch
            {
                ArithmeticOp.Add => Kernels.Binary<T, T, T, Add<T>>(a, b, n, rt),
                ArithmeticOp.Subtract => Kernels.Binary<T, T, T, Sub<T>>(a, b, n, rt),
                ArithmeticOp.Multiply => Kernels.Binary<T, T, T, Mul<T>>(a, b, n, rt),
                ArithmeticOp.IntegralDivide => Kernels.BinaryChecked<T, T, long, DivLegacy<T>>(a, b, n, rt, null),
                ArithmeticOp.Remainder => Kernels.BinaryChecked<T, T, T, Rem<T>>(a, b, n, rt, null),
                ArithmeticOp.Pmod => Kernels.BinaryChecked<T, T, T, Pmod<T>>(a, b, n, rt, null),
                _ => throw new NotSupportedException(),
            };
        }
        var error = mode == Mode.Try ? null : OverflowError<T>(op, type);
        return op switch
        {
            ArithmeticOp.Add => Kernels.BinaryChecked<T, T, T, Add<T>>(a, b, n, rt, error),
            ArithmeticOp.Subtract => Kernels.BinaryChecked<T, T, T, Sub<T>>(a, b, n, rt, error),
            ArithmeticOp.Multiply => Kernels.BinaryChecked<T, T, T, Mul<T>>(a, b, n, rt, error),
            ArithmeticOp.IntegralDivide => Kernels.BinaryChecked<T, T, long, Div<T>>(a, b, n, rt, error),
            ArithmeticOp.Remainder => Kernels.BinaryChecked<T, T, T, Rem<T>>(a, b, n, rt, error),
            ArithmeticOp.Pmod => Kernels.BinaryChecked<T, T, T, Pmod<T>>(a, b, n, rt, error),
            _ => throw new NotSupportedException(),
        };
    }

    private static Func<T, T, ComputeException> OverflowError<T>(ArithmeticOp op, DataType type) where T : unmanaged, IBinaryInteger<T>
    {
        var tryName = TryName(op);
        return (x, y) =>
        {
            if (op is ArithmeticOp.IntegralDivide or ArithmeticOp.Remainder or ArithmeticOp.Pmod && y == T.Zero)
                return ComputeErrors.DivideByZero();
            if (op == ArithmeticOp.IntegralDivide) return ComputeErrors.ArithmeticOverflow("Overflow in integral divide", "try_divide");
            return type switch
            {
                ByteType or ShortType => ComputeErrors.BinaryArithmeticOverflow(ComputeErrors.SqlValue(x, type), Symbol(op), ComputeErrors.SqlValue(y, type), tryName),
                IntegerType => ComputeErrors.ArithmeticOverflow("integer overflow", tryName),
                _ => ComputeErrors.ArithmeticOverflow("long overflow", tryName),
            };
        };
    }

    private readonly struct Add<T> : IBinaryOp<T, T, T>, ICheckedBinaryOp<T, T, T> where T : IBinaryInteger<T>
    {
        public static T Invoke(T a, T b) => a + b;

        public static bool TryInvoke(T a, T b, out T r)
        {
            r = a + b;
            return ((a ^ r) & (b ^ r)) >= T.Zero;
        }
    }

    private readonly struct Sub<T> : IBinaryOp<T, T, T>, ICheckedBinaryOp<T, T, T> where T : IBinaryInteger<T>
    {
        public static T Invoke(T a, T b) => a - b;

        public static bool TryInvoke(T a, T b, out T r)
        {
            r = a - b;
            return ((a ^ b) & (a ^ r)) >= T.Zero;
        }
    }

    private readonly struct Mul<T> : IBinaryOp<T, T, T>, ICheckedBinaryOp<T, T, T> where T : IBinaryInteger<T>
    {
        public static T Invoke(T a, T b) => a * b;

        public static bool TryInvoke(T a, T b, out T r)
        {
            if (typeof(T) == typeof(long))
            {
                var x = (long)(object)a;
                var y = (long)(object)b;
                var high = Math.BigMul(x, y, out var low);
                r = (T)(object)low;
                return high == (low >> 63);
            }
            var p = long.CreateTruncating(a) * long.CreateTruncating(b);
            r = T.CreateTruncating(p);
            return long.CreateTruncating(r) == p;
        }
    }

    /// <summary>Integral divide to bigint: fails on zero and on MinValue div -1.</summary>
    private readonly struct Div<T> : ICheckedBinaryOp<T, T, long> where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        public static bool TryInvoke(T a, T b, out long r)
        {
            var x = long.CreateTruncating(a);
            var y = long.CreateTruncating(b);
            if (y == 0 || (x == long.MinValue && y == -1))
            {
                r = 0;
                return false;
            }
            r = x / y;
            return true;
        }
    }

    private readonly struct DivLegacy<T> : ICheckedBinaryOp<T, T, long> where T : IBinaryInteger<T>
    {
        public static bool TryInvoke(T a, T b, out long r)
        {
            var x = long.CreateTruncating(a);
            var y = long.CreateTruncating(b);
            if (y == 0)
            {
                r = 0;
                return false;
            }
            r = y == -1 ? unchecked(-x) : x / y;
            return true;
        }
    }

    /// <summary>Java's %: sign of the dividend; fails only on a zero divisor.</summary>
    private readonly struct Rem<T> : ICheckedBinaryOp<T, T, T> where T : IBinaryInteger<T>, ISignedNumber<T>
    {
        public static bool TryInvoke(T a, T b, out T r)
        {
            if (b == T.Zero)
            {
                r = T.Zero;
                return false;
            }
            r = b == T.NegativeOne ? T.Zero : a % b;
            return true;
        }
    }

    private readonly struct Pmod<T> : ICheckedBinaryOp<T, T, T> where T : IBinaryInteger<T>, ISignedNumber<T>
    {
        public static bool TryInvoke(T a, T b, out T r)
        {
            if (b == T.Zero)
            {
                r = T.Zero;
                return false;
            }
            if (b == T.NegativeOne)
            {
                r = T.Zero;
                return true;
            }
            var m = a % b;
            if (m < T.Zero)
            {
                // byte/short compute in int like Spark; int/long wrap like Java.
                if (typeof(T) == typeof(sbyte) || typeof(T) == typeof(short))
                    m = T.CreateTruncating((long.CreateTruncating(m) + long.CreateTruncating(b)) % long.CreateTruncating(b));
                else
                    m = (m + b) % b;
            }
            r = m;
            return true;
        }
    }

    // ---- floating point ----

    private static ColumnarValue Floating<T>(ArithmeticOp op, in ColumnarValue a, in ColumnarValue b, int n, DataType rt, Mode mode)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Func<T, T, ComputeException>? zero = mode == Mode.Ansi ? (_, _) => ComputeErrors.DivideByZero() : null;
        return op switch
        {
            ArithmeticOp.Add => Kernels.Binary<T, T, T, FAdd<T>>(a, b, n, rt),
            ArithmeticOp.Subtract => Kernels.Binary<T, T, T, FSub<T>>(a, b, n, rt),
            ArithmeticOp.Multiply => Kernels.Binary<T, T, T, FMul<T>>(a, b, n, rt),
            ArithmeticOp.Divide => Kernels.BinaryChecked<T, T, T, FDiv<T>>(a, b, n, rt, zero),
            ArithmeticOp.Remainder => Kernels.BinaryChecked<T, T, T, FRem<T>>(a, b, n, rt, zero),
            ArithmeticOp.Pmod => Kernels.BinaryChecked<T, T, T, FPmod<T>>(a, b, n, rt, zero),
            _ => throw new NotSupportedException(),
        };
    }

    private readonly struct FAdd<T> : IBinaryOp<T, T, T> where T : IFloatingPointIeee754<T> { public static T Invoke(T a, T b) => a + b; }
    private readonly struct FSub<T> : IBinaryOp<T, T, T> where T : IFloatingPointIeee754<T> { public static T Invoke(T a, T b) => a - b; }
    private readonly struct FMul<T> : IBinaryOp<T, T, T> where T : IFloatingPointIeee754<T> { public static T Invoke(T a, T b) => a * b; }

    private readonly struct FDiv<T> : ICheckedBinaryOp<T, T, T> where T : IFloatingPointIeee754<T>
    {
        public static bool TryInvoke(T a, T b, out T r)
        {
            r = a / b;
            return b != T.Zero;
        }
    }

    private readonly struct FRem<T> : ICheckedBinaryOp<T, T, T> where T : IFloatingPointIeee754<T>
    {
        public static bool TryInvoke(T a, T b, out T r)
        {
            r = a % b;
            return b != T.Zero;
        }
    }

    private readonly struct FPmod<T> : ICheckedBinaryOp<T, T, T> where T : IFloatingPointIeee754<T>
    {
        public static bool TryInvoke(T a, T b, out T r)
        {
            r = a % b;
            if (r < T.Zero) r = (r + b) % b;
            return b != T.Zero;
        }
    }

    // ---- decimal ----

    private delegate bool DecimalOp(DecimalValue a, DecimalValue b, DecimalType target, out Int128 result);

    private static ColumnarValue DecimalBinary(ArithmeticOp op, in ColumnarValue a, in ColumnarValue b, int n, DataType rt, Mode mode)
    {
        if (op is ArithmeticOp.Add or ArithmeticOp.Subtract or ArithmeticOp.Multiply && !(a.IsScalar && b.IsScalar)
            && a.Type is DecimalType { IsLong: true } ta && b.Type is DecimalType { IsLong: true } tb)
            return DecimalLongColumns(op, a, b, n, ta, tb, (DecimalType)rt, mode);
        var divides = op is ArithmeticOp.Divide or ArithmeticOp.IntegralDivide or ArithmeticOp.Remainder or ArithmeticOp.Pmod;
        if (op == ArithmeticOp.IntegralDivide)
        {
            var interim = TypeCoercion.IntegralDivideDecimalType((DecimalType)a.Type, (DecimalType)b.Type);
            return RowKernel.Map([a, b], n, rt, (r, i, o) =>
            {
                var x = r[0].Decimal(i);
                var y = r[1].Decimal(i);
                if (y.Unscaled == 0)
                {
                    if (mode == Mode.Ansi) throw ComputeErrors.DivideByZero();
                    ScalarValues.AppendNull(o);
                    return;
                }
                var q = DecimalMath.IntegralQuotient(x, y);
                if (BigInteger.Abs(q) >= DecimalMath.BigPow(interim.Precision) || q < long.MinValue || q > long.MaxValue)
                {
                    if (mode == Mode.Ansi) throw ComputeErrors.NumericValueOutOfRange(q.ToString(System.Globalization.CultureInfo.InvariantCulture), interim.Precision, 0);
                    ScalarValues.AppendNull(o);
                    return;
                }
                ((PrimitiveVector<long>)o).Append((long)q);
            });
        }
        DecimalOp f = op switch
        {
            ArithmeticOp.Add => DecimalMath.TryAdd,
            ArithmeticOp.Subtract => DecimalMath.TrySubtract,
            ArithmeticOp.Multiply => DecimalMath.TryMultiply,
            ArithmeticOp.Divide => DecimalMath.TryDivide,
            ArithmeticOp.Remainder => DecimalMath.TryRemainder,
            _ => DecimalMath.TryPmod,
        };
        var target = (DecimalType)rt;
        return RowKernel.Map([a, b], n, rt, (r, i, o) =>
        {
            var x = r[0].Decimal(i);
            var y = r[1].Decimal(i);
            if (divides && y.Unscaled == 0)
            {
                if (mode == Mode.Ansi) throw ComputeErrors.DivideByZero();
                ScalarValues.AppendNull(o);
                return;
            }
            if (f(x, y, target, out var v))
            {
                AppendDecimal(o, v);
                return;
            }
            if (mode == Mode.Ansi) throw ComputeErrors.NumericValueOutOfRange(ExactText(op, x, y), target.Precision, target.Scale);
            ScalarValues.AppendNull(o);
        });
    }

    /// <summary>
    /// + - * on decimals stored as long (p ≤ 18) over columns: exact in Int128 (|operands| &lt; 10^18 keep every
    /// intermediate below 10^37), HALF_UP to the result scale, precision check. Same results as <see cref="DecimalMath"/>
    /// (the 39-digit context never applies below 10^37); the scalar path goes through DecimalMath.
    /// </summary>
    private static ColumnarValue DecimalLongColumns(ArithmeticOp op, in ColumnarValue a, in ColumnarValue b, int n, DecimalType ta, DecimalType tb, DecimalType rt, Mode mode)
    {
        if (Kernels.IsNullScalar(a) || Kernels.IsNullScalar(b)) return ColumnarValue.Of(Kernels.AllNull(rt, n));
        var xa = a.IsScalar ? null : Kernels.ArrayOf<long>(a);
        var xb = b.IsScalar ? null : Kernels.ArrayOf<long>(b);
        var ca = a.IsScalar ? ScalarValues.Unbox<long>(ta, a.Scalar!) : 0L;
        var cb = b.IsScalar ? ScalarValues.Unbox<long>(tb, b.Scalar!) : 0L;
        var multiply = op == ArithmeticOp.Multiply;
        var s = multiply ? ta.Scale + tb.Scale : Math.Max(ta.Scale, tb.Scale);
        var fa = multiply ? Int128.One : DecimalMath.Pow10(s - ta.Scale);
        var fb = multiply ? Int128.One : DecimalMath.Pow10(s - tb.Scale);
        var negate = op == ArithmeticOp.Subtract;
        var drop = s - rt.Scale;
        var limit = DecimalMath.Pow10(rt.Precision);
        var output = ColumnVector.Create(rt, n);
        output.Length = n;
        var longs = (output as PrimitiveVector<long>)?.Values;
        var bigs = (output as PrimitiveVector<Int128>)?.Values;
        Kernels.AndValidity(output, Kernels.ValidityOf(a), Kernels.ValidityOf(b), n);
        List<int>? failed = null;
        for (var i = 0; i < n; i++)
        {
            Int128 x = xa is null ? ca : xa[i];
            Int128 y = xb is null ? cb : xb[i];
            var v = multiply ? x * y : negate ? x * fa - y * fb : x * fa + y * fb;
            if (drop > 0) v = DecimalMath.RoundDown(v, drop);
            if ((v < 0 ? -v : v) >= limit)
            {
                (failed ??= []).Add(i);
                v = 0;
            }
            if (longs is not null) longs[i] = (long)v;
            else bigs![i] = v;
        }
        if (failed is not null)
        {
            foreach (var i in failed)
            {
                if (!Kernels.IsValid(output, i)) continue;
                if (mode == Mode.Ansi)
                {
                    var x = new DecimalValue(xa is null ? ca : xa[i], ta.Scale);
                    var y = new DecimalValue(xb is null ? cb : xb[i], tb.Scale);
                    throw ComputeErrors.NumericValueOutOfRange(ExactText(op, x, y), rt.Precision, rt.Scale);
                }
                output.SetNull(i);
            }
        }
        return ColumnarValue.Of(output);
    }

    public static void AppendDecimal(ColumnVector o, Int128 unscaled)
    {
        if (o is PrimitiveVector<long> l) l.Append((long)unscaled);
        else ((PrimitiveVector<Int128>)o).Append(unscaled);
    }

    private static string ExactText(ArithmeticOp op, DecimalValue x, DecimalValue y)
    {
        var s = Math.Max(x.Scale, y.Scale);
        var bx = (BigInteger)x.Unscaled * DecimalMath.BigPow(s - x.Scale);
        var by = (BigInteger)y.Unscaled * DecimalMath.BigPow(s - y.Scale);
        return op switch
        {
            ArithmeticOp.Add => DecimalMath.ToPlainString(bx + by, s),
            ArithmeticOp.Subtract => DecimalMath.ToPlainString(bx - by, s),
            ArithmeticOp.Multiply => DecimalMath.ToPlainString((BigInteger)x.Unscaled * y.Unscaled, x.Scale + y.Scale),
            _ => DecimalMath.ToPlainString(bx * DecimalMath.BigPow(38) / by, 38),
        };
    }

    // ---- unary ----

    /// <summary>Unary minus (<c>negate</c>) and <c>abs</c>.</summary>
    public static KernelFn Unary(bool abs, DataType type) => (args, n, ctx) =>
    {
        var a = args[0];
        var ansi = ctx.AnsiMode || TypeCoercion.IsInterval(type);
        switch (type)
        {
            case ByteType: return IntegralUnary<sbyte>(a, n, type, abs, ansi);
            case ShortType: return IntegralUnary<short>(a, n, type, abs, ansi);
            case IntegerType or YearMonthIntervalType: return IntegralUnary<int>(a, n, type, abs, ansi);
            case LongType or DayTimeIntervalType: return IntegralUnary<long>(a, n, type, abs, ansi);
            case FloatType: return abs ? Kernels.Unary<float, float, FAbs<float>>(a, n, type) : Kernels.Unary<float, float, FNeg<float>>(a, n, type);
            case DoubleType: return abs ? Kernels.Unary<double, double, FAbs<double>>(a, n, type) : Kernels.Unary<double, double, FNeg<double>>(a, n, type);
            case DecimalType:
                return RowKernel.Map(args, n, type, (r, i, o) =>
                {
                    var v = r[0].Decimal(i).Unscaled;
                    AppendDecimal(o, abs && v < 0 || !abs ? -v : v);
                });
            default: throw new NotSupportedException($"No negation of {type}.");
        }
    };

    private static ColumnarValue IntegralUnary<T>(in ColumnarValue a, int n, DataType type, bool abs, bool ansi)
        where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
    {
        if (!ansi) return abs ? Kernels.Unary<T, T, IAbs<T>>(a, n, type) : Kernels.Unary<T, T, INeg<T>>(a, n, type);
        var message = type switch
        {
            IntegerType => "integer overflow",
            LongType => "long overflow",
            _ => null,
        };
        Func<T, ComputeException> error = x => message is not null
            ? ComputeErrors.ArithmeticOverflow(message, null)
            : new ComputeException("ARITHMETIC_OVERFLOW", $"- {ComputeErrors.SqlValue(x, type)} caused overflow. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
        return Kernels.UnaryChecked<T, T, INeg<T>>(abs ? AbsInput(a, n, type) : a, n, type, error) is var r && abs ? Reabs<T>(r, n, type) : r;
    }

    // abs(x) = x < 0 ? -x : x; implemented as -(-|x|) to share the checked negation.
    private static ColumnarValue AbsInput(in ColumnarValue a, int n, DataType type) => a;

    private static ColumnarValue Reabs<T>(ColumnarValue negated, int n, DataType type) where T : unmanaged, IBinaryInteger<T>, ISignedNumber<T>, IMinMaxValue<T>
    {
        // negated = -x (checked). abs = x >= 0 ? x : -x  =  negated <= 0 ? -negated : negated
        if (negated.IsScalar)
            return negated.Scalar is null ? negated : ColumnarValue.OfScalar(type, T.Abs((T)negated.Scalar));
        var v = ((PrimitiveVector<T>)negated.Vector!).Values;
        for (var i = 0; i < n; i++) v[i] = v[i] < T.Zero ? -v[i] : v[i];
        return negated;
    }

    private readonly struct INeg<T> : IUnaryOp<T, T>, ICheckedUnaryOp<T, T> where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        public static T Invoke(T a) => -a;

        public static bool TryInvoke(T a, out T r)
        {
            r = -a;
            return a != T.MinValue;
        }
    }

    private readonly struct IAbs<T> : IUnaryOp<T, T> where T : IBinaryInteger<T>
    { public static T Invoke(T a) => a < T.Zero ? -a : a; }

    private readonly struct FNeg<T> : IUnaryOp<T, T> where T : IFloatingPointIeee754<T> { public static T Invoke(T a) => -a; }
    private readonly struct FAbs<T> : IUnaryOp<T, T> where T : IFloatingPointIeee754<T> { public static T Invoke(T a) => T.Abs(a); }
}
