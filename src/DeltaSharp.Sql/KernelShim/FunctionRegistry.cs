using System.Globalization;
using System.Numerics;
using DeltaSharp.Compute;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.KernelShim;

// TEMPORARY shim of H-kernels' FunctionRegistry (see ShimRowFunction).
internal static class FunctionRegistry
{
    public static bool TryResolve(string name, IReadOnlyList<DataType> argTypes, out ScalarFunction? fn, out string? errorClass, out string? message)
    {
        fn = null;
        errorClass = null;
        message = null;
        var n = name.ToLowerInvariant();
        var t = argTypes;
        switch (n)
        {
            case "=" or "==" or "<=>" or "<" or "<=" or ">" or ">=" or "!=" or "<>":
            {
                if (t.Count != 2) break;
                var w = TypeCoercion.FindWiderType(t[0], t[1]);
                if (w is null) return Mismatch(out errorClass, out message, n, t);
                var nullSafe = n == "<=>";
                fn = ShimRowFunction.Create(n, [w, w], DataType.Boolean, (a, _) =>
                {
                    if (nullSafe && (a[0] is null || a[1] is null)) return a[0] is null && a[1] is null;
                    var c = CompareObjects(a[0]!, a[1]!);
                    return n switch
                    {
                        "=" or "==" or "<=>" => c == 0,
                        "<" => c < 0,
                        "<=" => c <= 0,
                        ">" => c > 0,
                        ">=" => c >= 0,
                        _ => c != 0,
                    };
                }, nullIntolerant: !nullSafe);
                return true;
            }
            case "+" or "-" or "*" or "/" or "%" or "div":
            {
                if (t.Count != 2) break;
                if (n is "+" or "-" && t[0] is DateType && IsIntegral(t[1]))
                {
                    var sign = n == "-" ? -1 : 1;
                    fn = ShimRowFunction.Create(n, [DataType.Date, DataType.Integer], DataType.Date, (a, _) => (int)a[0]! + sign * Convert.ToInt32(a[1], CultureInfo.InvariantCulture));
                    return true;
                }
                if (!IsNumeric(t[0]) || !IsNumeric(t[1])) return Mismatch(out errorClass, out message, n, t);
                var w = TypeCoercion.FindWiderType(t[0], t[1])!;
                if (n == "/" && w is not DecimalType) w = DataType.Double;
                if (n == "div") w = DataType.Long;
                if (w is DecimalType || t[0] is DecimalType || t[1] is DecimalType)
                {
                    if (w is DecimalType)
                    {
                        var d1 = AsDecimal(t[0]);
                        var d2 = AsDecimal(t[1]);
                        var rt = DecimalResult(n, d1, d2);
                        fn = ShimRowFunction.Create(n, [d1, d2], rt, (a, ctx) => DecimalOp(n, (DecimalValue)a[0]!, (DecimalValue)a[1]!, rt));
                        return true;
                    }
                }
                var op = n;
                var target = w;
                fn = ShimRowFunction.Create(n, [w, w], w, (a, ctx) => NumericOp(op, a[0]!, a[1]!, target));
                return true;
            }
            case "negative":
                if (t.Count == 1 && IsNumeric(t[0]))
                {
                    var ty = t[0];
                    fn = ShimRowFunction.Create(n, [ty], ty, (a, _) => a[0] switch
                    {
                        int i => -i, long l => -l, double d => -d, float f => -f, short s => (short)-s, sbyte b => (sbyte)-b,
                        DecimalValue dv => new DecimalValue(-dv.Unscaled, dv.Scale), _ => null,
                    });
                    return true;
                }
                break;
            case "upper" or "lower":
                if (t.Count == 1)
                {
                    fn = ShimRowFunction.Create(n, [DataType.String], DataType.String, (a, _) => n == "upper" ? ((string)a[0]!).ToUpperInvariant() : ((string)a[0]!).ToLowerInvariant());
                    return true;
                }
                break;
            case "length":
                if (t.Count == 1)
                {
                    fn = ShimRowFunction.Create(n, [DataType.String], DataType.Integer, (a, _) => new StringInfo((string)a[0]!).LengthInTextElements);
                    return true;
                }
                break;
            case "concat":
            {
                var ps = t.Select(_ => (DataType)DataType.String).ToArray();
                fn = ShimRowFunction.Create(n, ps, DataType.String, (a, _) => string.Concat(a.Select(x => (string)x!)));
                return true;
            }
            case "abs":
                if (t.Count == 1 && IsNumeric(t[0]))
                {
                    fn = ShimRowFunction.Create(n, [t[0]], t[0], (a, _) => a[0] switch
                    {
                        int i => Math.Abs(i), long l => Math.Abs(l), double d => Math.Abs(d), DecimalValue dv => new DecimalValue(Int128.Abs(dv.Unscaled), dv.Scale), _ => a[0],
                    });
                    return true;
                }
                break;
            case "current_date":
                if (t.Count == 0)
                {
                    fn = ShimRowFunction.Create(n, [], DataType.Date, (_, ctx) =>
                        ValueConverter.DaysFromDate(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ctx.StatementTimestamp, ctx.SessionTimeZone).DateTime)));
                    return true;
                }
                break;
            case "current_timestamp" or "now":
                if (t.Count == 0)
                {
                    fn = ShimRowFunction.Create(n, [], DataType.Timestamp, (_, ctx) => ValueConverter.MicrosFromTimestamp(ctx.StatementTimestamp.UtcDateTime));
                    return true;
                }
                break;
            case "date_sub" or "date_add":
                if (t.Count == 2)
                {
                    var sign = n == "date_sub" ? -1 : 1;
                    fn = ShimRowFunction.Create(n, [DataType.Date, DataType.Integer], DataType.Date, (a, _) => (int)a[0]! + sign * (int)a[1]!);
                    return true;
                }
                break;
            case "year" or "month" or "day":
                if (t.Count == 1)
                {
                    fn = ShimRowFunction.Create(n, [DataType.Date], DataType.Integer, (a, _) =>
                    {
                        var d = ValueConverter.DateFromDays((int)a[0]!)!.Value;
                        return n == "year" ? d.Year : n == "month" ? d.Month : d.Day;
                    });
                    return true;
                }
                break;
            case "round":
                if (t.Count is 1 or 2 && IsNumeric(t[0]))
                {
                    if (t[0] is DecimalType dt)
                    {
                        fn = ShimRowFunction.Create(n, t.Count == 1 ? [dt] : [dt, DataType.Integer], dt, (a, _) => a[0]);
                        return true;
                    }
                    fn = ShimRowFunction.Create(n, t.Count == 1 ? [DataType.Double] : [DataType.Double, DataType.Integer], DataType.Double,
                        (a, _) => Math.Round((double)a[0]!, a.Length > 1 ? (int)a[1]! : 0, MidpointRounding.AwayFromZero));
                    return true;
                }
                break;
            default:
                errorClass = "UNRESOLVED_ROUTINE";
                message = $"Cannot resolve routine `{name}` on search path [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`].";
                return false;
        }
        errorClass = "WRONG_NUM_ARGS.WITHOUT_SUGGESTION";
        message = $"The `{name}` requires a different number of parameters but the actual number is {t.Count}.";
        return false;
    }

    private static bool Mismatch(out string? errorClass, out string? message, string op, IReadOnlyList<DataType> t)
    {
        errorClass = "DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES";
        message = $"Cannot resolve \"{op}\" due to data type mismatch: the left and right operands of the binary operator have incompatible types (\"{t[0].SimpleString.ToUpperInvariant()}\" and \"{t[1].SimpleString.ToUpperInvariant()}\").";
        return false;
    }

    public static bool IsIntegral(DataType t) => t is ByteType or ShortType or IntegerType or LongType;
    public static bool IsNumeric(DataType t) => IsIntegral(t) || t is FloatType or DoubleType or DecimalType;

    private static DecimalType AsDecimal(DataType t) => t switch
    {
        DecimalType d => d,
        ByteType => new DecimalType(3, 0),
        ShortType => new DecimalType(5, 0),
        IntegerType => new DecimalType(10, 0),
        _ => new DecimalType(20, 0),
    };

    private static DecimalType DecimalResult(string op, DecimalType a, DecimalType b)
    {
        int p, s;
        switch (op)
        {
            case "+" or "-":
                s = Math.Max(a.Scale, b.Scale);
                p = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale) + s + 1;
                break;
            case "*":
                p = a.Precision + b.Precision + 1;
                s = a.Scale + b.Scale;
                break;
            case "/":
                s = Math.Max(6, a.Scale + b.Precision + 1);
                p = a.Precision - a.Scale + b.Scale + s;
                break;
            default:
                s = Math.Max(a.Scale, b.Scale);
                p = Math.Min(a.Precision - a.Scale, b.Precision - b.Scale) + s;
                break;
        }
        if (p <= 38) return new DecimalType(p, s);
        var intDigits = p - s;
        var minScale = Math.Min(s, 6);
        return new DecimalType(38, Math.Max(38 - intDigits, minScale));
    }

    private static DecimalValue DecimalOp(string op, DecimalValue a, DecimalValue b, DecimalType rt)
    {
        BigInteger x = a.Unscaled, y = b.Unscaled;
        BigInteger r;
        int scale;
        switch (op)
        {
            case "+" or "-":
                scale = Math.Max(a.Scale, b.Scale);
                x *= BigInteger.Pow(10, scale - a.Scale);
                y *= BigInteger.Pow(10, scale - b.Scale);
                r = op == "+" ? x + y : x - y;
                break;
            case "*":
                r = x * y;
                scale = a.Scale + b.Scale;
                break;
            case "/":
                if (y.IsZero) throw new ComputeException("DIVIDE_BY_ZERO", "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
                // x/10^sa ÷ y/10^sb at scale rt.Scale: x * 10^(rt.Scale + sb - sa) / y, rounded half up
                var shift = rt.Scale + b.Scale - a.Scale;
                var num = shift >= 0 ? x * BigInteger.Pow(10, shift) : x;
                var den = shift >= 0 ? y : y * BigInteger.Pow(10, -shift);
                var q = BigInteger.DivRem(num, den, out var rem);
                if (BigInteger.Abs(rem) * 2 >= BigInteger.Abs(den)) q += (num.Sign * den.Sign);
                return new DecimalValue((Int128)q, rt.Scale);
            default:
                scale = Math.Max(a.Scale, b.Scale);
                x *= BigInteger.Pow(10, scale - a.Scale);
                y *= BigInteger.Pow(10, scale - b.Scale);
                r = BigInteger.Remainder(x, y);
                break;
        }
        // to result scale, half up
        if (scale > rt.Scale)
        {
            var div = BigInteger.Pow(10, scale - rt.Scale);
            var q = BigInteger.DivRem(r, div, out var rem);
            if (BigInteger.Abs(rem) * 2 >= div) q += r.Sign;
            r = q;
        }
        else r *= BigInteger.Pow(10, rt.Scale - scale);
        if (BigInteger.Abs(r) >= BigInteger.Pow(10, rt.Precision))
            throw new ComputeException("NUMERIC_VALUE_OUT_OF_RANGE", $"The value cannot be represented as {rt.SimpleString}.");
        return new DecimalValue((Int128)r, rt.Scale);
    }

    private static object? NumericOp(string op, object a, object b, DataType w)
    {
        switch (w)
        {
            case DoubleType or FloatType:
            {
                var x = Convert.ToDouble(a, CultureInfo.InvariantCulture);
                var y = Convert.ToDouble(b, CultureInfo.InvariantCulture);
                if (op is "/" or "%" && y == 0) return op == "/" ? throw DivZero() : null;
                double r = op switch { "+" => x + y, "-" => x - y, "*" => x * y, "/" => x / y, _ => Math.IEEERemainder(x, y) };
                if (op == "%") r = x % y;
                return w is FloatType ? (float)r : r;
            }
            default:
            {
                var x = Convert.ToInt64(a, CultureInfo.InvariantCulture);
                var y = Convert.ToInt64(b, CultureInfo.InvariantCulture);
                if (op is "%" or "div" && y == 0) throw DivZero();
                long r;
                try
                {
                    r = op switch { "+" => checked(x + y), "-" => checked(x - y), "*" => checked(x * y), "div" => x / y, _ => x % y };
                }
                catch (OverflowException)
                {
                    throw new ComputeException("ARITHMETIC_OVERFLOW", "Overflow.");
                }
                return w switch
                {
                    IntegerType => r is < int.MinValue or > int.MaxValue ? throw new ComputeException("ARITHMETIC_OVERFLOW", "integer overflow.") : (object)(int)r,
                    ShortType => (short)r,
                    ByteType => (sbyte)r,
                    _ => r,
                };
            }
        }
    }

    private static ComputeException DivZero() => new("DIVIDE_BY_ZERO", "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead.");

    public static int CompareObjects(object a, object b) => (a, b) switch
    {
        (string x, string y) => string.CompareOrdinal(x, y),
        (DecimalValue x, DecimalValue y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (double x, double y) => Execution.Vectors.VectorComparer.CompareDouble(x, y),
        (float x, float y) => Execution.Vectors.VectorComparer.CompareDouble(x, y),
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        _ => Convert.ToInt64(a, CultureInfo.InvariantCulture).CompareTo(Convert.ToInt64(b, CultureInfo.InvariantCulture)),
    };
}
