using System.Globalization;
using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>
/// Math functions with Spark's types and edge cases: round (HALF_UP) and bround (HALF_EVEN) on the decimal value of
/// doubles (Java's BigDecimal(Double.toString)), keeping integral and decimal types (decimal result precision as
/// RoundBase); floor/ceil of double → bigint, of decimal(p,s) → decimal(p-s+1,0), with a scale → decimal; ln/log/
/// log10/log2/log1p give null outside their domain; pow/sqrt/exp/trig on double; sign; greatest/least skipping nulls;
/// rand/randn/random/uuid (non-deterministic).
/// </summary>
internal static class MathFunctions
{
    private static readonly ExpectedType Dbl = ExpectedType.Double;

    public static void Register(FunctionTable t)
    {
        t.Add("round", 1, 2, r => BindRound(r, MidpointRounding.AwayFromZero));
        t.Add("bround", 1, 2, r => BindRound(r, MidpointRounding.ToEven));
        t.Add("floor", 1, 2, r => BindFloorCeil(r, ceil: false));
        t.Add("ceil", 1, 2, r => BindFloorCeil(r, ceil: true));
        t.Alias("ceiling", "ceil");
        Unary(t, "sqrt", Math.Sqrt);
        Unary(t, "cbrt", Math.Cbrt);
        Unary(t, "exp", Math.Exp);
        Unary(t, "expm1", x => Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1);
        Unary(t, "ln", Math.Log, domainMin: 0);
        Unary(t, "log10", Math.Log10, domainMin: 0);
        Unary(t, "log2", Math.Log2, domainMin: 0);
        Unary(t, "log1p", x => Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x), domainMin: -1);
        t.Add("log", 1, 2, r => r.Count == 1
            ? Sig.Simple([Dbl], DataType.Double, UnaryKernel(Math.Log, 0))(r)
            : Sig.Simple([Dbl, Dbl], DataType.Double, (a, n, _) => RowKernel.Map(a, n, DataType.Double, (x, i, o) =>
            {
                var b = x[0].Double(i);
                var v = x[1].Double(i);
                if (b <= 0 || v <= 0) ScalarValues.AppendNull(o);
                else ((PrimitiveVector<double>)o).Append(Math.Log(v) / Math.Log(b));
            }))(r));
        Unary(t, "sin", Math.Sin);
        Unary(t, "cos", Math.Cos);
        Unary(t, "tan", Math.Tan);
        Unary(t, "asin", Math.Asin);
        Unary(t, "acos", Math.Acos);
        Unary(t, "atan", Math.Atan);
        Unary(t, "sinh", Math.Sinh);
        Unary(t, "cosh", Math.Cosh);
        Unary(t, "tanh", Math.Tanh);
        Unary(t, "cot", x => 1 / Math.Tan(x));
        Unary(t, "degrees", x => x * (180.0 / Math.PI));
        Unary(t, "radians", x => x / 180.0 * Math.PI);
        Unary(t, "signum", x => double.IsNaN(x) ? double.NaN : Math.Sign(x));
        t.Alias("sign", "signum");
        Binary(t, "pow", Math.Pow);
        t.Alias("power", "pow");
        Binary(t, "atan2", Math.Atan2);
        Binary(t, "hypot", double.Hypot);
        t.Add("pi", 0, 0, r => r.Ok([], DataType.Double, (_, _, _) => ColumnarValue.OfScalar(DataType.Double, Math.PI)));
        t.Add("e", 0, 0, r => r.Ok([], DataType.Double, (_, _, _) => ColumnarValue.OfScalar(DataType.Double, Math.E)));
        t.Add("greatest", 2, -1, r => BindExtreme(r, greatest: true));
        t.Add("least", 2, -1, r => BindExtreme(r, greatest: false));
        t.Add("factorial", 1, 1, Sig.Simple([ExpectedType.Int], DataType.Long, (a, n, _) => RowKernel.Map(a, n, DataType.Long, (x, i, o) =>
        {
            var v = x[0].Int(i);
            if (v is < 0 or > 20) { ScalarValues.AppendNull(o); return; }
            long f = 1;
            for (var k = 2; k <= v; k++) f *= k;
            ((PrimitiveVector<long>)o).Append(f);
        })));
        t.Add("rand", 0, 1, r => BindRandom(r, gaussian: false));
        t.Alias("random", "rand");
        t.Add("randn", 0, 1, r => BindRandom(r, gaussian: true));
        t.Add("uuid", 0, 0, r => r.Ok([], DataType.String, (_, n, _) =>
        {
            var v = new BinaryVector(DataType.String, n, n * 36);
            for (var i = 0; i < Math.Max(n, 1); i++) v.Append(Guid.NewGuid().ToString("D"));
            return n == 0 ? ColumnarValue.OfScalar(DataType.String, Guid.NewGuid().ToString("D")) : ColumnarValue.Of(v);
        }, deterministic: false));
    }

    private static KernelFn UnaryKernel(Func<double, double> f, double? domainMin) => (a, n, _) => RowKernel.Map(a, n, DataType.Double, (x, i, o) =>
    {
        var v = x[0].Double(i);
        if (domainMin is { } min && v <= min) ScalarValues.AppendNull(o);
        else ((PrimitiveVector<double>)o).Append(f(v));
    });

    private static void Unary(FunctionTable t, string name, Func<double, double> f, double? domainMin = null) =>
        t.Add(name, 1, 1, Sig.Simple([Dbl], DataType.Double, UnaryKernel(f, domainMin)));

    private static void Binary(FunctionTable t, string name, Func<double, double, double> f) =>
        t.Add(name, 2, 2, Sig.Simple([Dbl, Dbl], DataType.Double, (a, n, _) => RowKernel.Map(a, n, DataType.Double, (x, i, o) =>
            ((PrimitiveVector<double>)o).Append(f(x[0].Double(i), x[1].Double(i))))));

    // ---- rounding ----

    private static BindResult BindRound(BindRequest r, MidpointRounding mode)
    {
        var input = r[0] is StringType or NullType ? DataType.Double : r[0];
        if (!TypeCoercion.IsNumeric(input)) return r.UnexpectedType(0, ExpectedType.Numeric);
        if (r.Count == 2 && !TypeCoercion.IsIntegral(r[1]) && r[1] is not NullType) return r.UnexpectedType(1, ExpectedType.Int);
        var scale = r.Count == 2 ? r.ConstantInt(1) : 0;
        if (r.Count == 2 && scale is null)
            return BindRequest.Fail("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                $"Cannot resolve {r.SqlExpr} due to data type mismatch: the input `scale` should be a foldable \"INT\" expression; however, got \"{r.ArgText(1)}\".");
        var s = scale!.Value;
        var rt = input is DecimalType d ? RoundedDecimalType(d, s) : input;
        DataType[] types = r.Count == 2 ? [input, DataType.Integer] : [input];
        var vs = ValueScale(s);
        return r.Ok(types, rt, (a, n, _) => RowKernel.Map(a, n, rt, (x, i, o) => AppendRounded(o, x[0], i, input, rt, vs, mode, ceilFloor: 0)));
    }

    /// <summary>The scale the value is rounded at: any scale beyond ±400 rounds every double (at most ~340 significant
    /// positions) and decimal (38 digits) as ±400 does, and keeps 10^scale computable (round(x, -2147483648) is 0).</summary>
    private static int ValueScale(int scale) => Math.Clamp(scale, -400, 400);

    /// <summary>RoundBase.dataType for decimals: one more integral digit; negative scales give decimal(·, 0).</summary>
    private static DecimalType RoundedDecimalType(DecimalType d, int scale)
    {
        var integral = d.Precision - d.Scale + 1;
        if (scale < 0) return new DecimalType((int)Math.Min(Math.Max(integral, -(long)scale + 1), DecimalType.MaxPrecision), 0);
        var newScale = Math.Min(d.Scale, scale);
        return new DecimalType(Math.Min(integral + newScale, DecimalType.MaxPrecision), newScale);
    }

    /// <summary>Appends the value of row i rounded to <paramref name="scale"/> (ceilFloor: 0 = mode, 1 = ceiling, -1 = floor).</summary>
    private static void AppendRounded(ColumnVector o, ArgReader x, int i, DataType input, DataType rt, int scale, MidpointRounding mode, int ceilFloor)
    {
        switch (input)
        {
            case FloatType or DoubleType:
            {
                var v = x.Double(i);
                if (!double.IsFinite(v)) { ScalarValues.Append(o, rt is FloatType ? (float)v : v); return; }
                var text = input is FloatType ? JavaNumberFormat.FloatToString((float)v) : JavaNumberFormat.DoubleToString(v);
                SparkStringParsing.TryParseBigDecimal(System.Text.Encoding.ASCII.GetBytes(text), out var unscaled, out var sc);
                var rounded = RoundBig(unscaled, sc, scale, mode, ceilFloor);
                var text2 = scale < 0 ? (rounded * DecimalMath.BigPow(-scale)).ToString(CultureInfo.InvariantCulture) : DecimalMath.ToPlainString(rounded, scale);
                var d = double.Parse(text2, CultureInfo.InvariantCulture);
                if (rt is FloatType) ((PrimitiveVector<float>)o).Append((float)d);
                else if (rt is DoubleType) ((PrimitiveVector<double>)o).Append(d);
                else ScalarValues.Append(o, ToDecimalResult(rounded, Math.Max(scale, 0), (DecimalType)rt, scale));
                return;
            }
            case DecimalType:
            {
                var dv = x.Decimal(i);
                var rounded = RoundBig(dv.Unscaled, dv.Scale, scale, mode, ceilFloor);
                ScalarValues.Append(o, ToDecimalResult(rounded, Math.Max(scale, 0), (DecimalType)rt, scale));
                return;
            }
            default:
            {
                var v = x.Long(i);
                if (scale >= 0) { AppendIntegral(o, v); return; }
                var rounded = RoundBig(v, 0, scale, mode, ceilFloor) * DecimalMath.BigPow(-scale);
                if (rt is DecimalType) { ScalarValues.Append(o, new DecimalValue((Int128)rounded, 0)); return; }
                AppendIntegral(o, unchecked((long)(ulong)(rounded & ulong.MaxValue)));
                return;
            }
        }
    }

    private static void AppendIntegral(ColumnVector o, long v)
    {
        switch (o)
        {
            case PrimitiveVector<sbyte> b: b.Append(unchecked((sbyte)v)); break;
            case PrimitiveVector<short> s: s.Append(unchecked((short)v)); break;
            case PrimitiveVector<int> x: x.Append(unchecked((int)v)); break;
            default: ((PrimitiveVector<long>)o).Append(v); break;
        }
    }

    /// <summary>Rounds (unscaled, scale) to <paramref name="target"/> fraction digits; returns the unscaled value at that scale
    /// (for a negative target, the value divided by 10^-target).</summary>
    private static BigInteger RoundBig(BigInteger unscaled, int scale, int target, MidpointRounding mode, int ceilFloor)
    {
        var drop = scale - target;
        if (drop <= 0) return unscaled * DecimalMath.BigPow(-drop);
        var div = DecimalMath.BigPow(drop);
        var q = BigInteger.DivRem(unscaled, div, out var rem);
        if (rem.IsZero) return q;
        if (ceilFloor > 0) return unscaled.Sign > 0 ? q + 1 : q;
        if (ceilFloor < 0) return unscaled.Sign < 0 ? q - 1 : q;
        var twice = BigInteger.Abs(rem) * 2;
        var c = twice.CompareTo(div);
        var up = c > 0 || (c == 0 && (mode == MidpointRounding.AwayFromZero || !q.IsEven));
        return up ? q + unscaled.Sign : q;
    }

    private static DecimalValue ToDecimalResult(BigInteger rounded, int scale, DecimalType rt, int requested)
    {
        if (requested < 0) rounded *= DecimalMath.BigPow(-requested);
        var v = DecimalMath.RoundDown(rounded, scale - rt.Scale);
        return new DecimalValue((Int128)v, rt.Scale);
    }

    private static BindResult BindFloorCeil(BindRequest r, bool ceil)
    {
        var input = r[0] is StringType or NullType ? DataType.Double : r[0];
        if (!TypeCoercion.IsNumeric(input)) return r.UnexpectedType(0, ExpectedType.Numeric);
        if (r.Count == 1)
        {
            var rt = input is DecimalType d ? new DecimalType(Math.Min(d.Precision - d.Scale + 1, DecimalType.MaxPrecision), 0) : (DataType)DataType.Long;
            return r.Ok([input is DecimalType ? input : TypeCoercion.IsIntegral(input) ? DataType.Long : DataType.Double], rt, (a, n, _) =>
                RowKernel.Map(a, n, rt, (x, i, o) =>
                {
                    if (input is DecimalType) { AppendRounded(o, x[0], i, input, rt, 0, MidpointRounding.AwayFromZero, ceil ? 1 : -1); return; }
                    if (TypeCoercion.IsIntegral(input)) { ((PrimitiveVector<long>)o).Append(x[0].Long(i)); return; }
                    var v = x[0].Double(i);
                    ((PrimitiveVector<long>)o).Append((long)(ceil ? Math.Ceiling(v) : Math.Floor(v)));
                }));
        }
        if (!TypeCoercion.IsIntegral(r[1])) return r.UnexpectedType(1, ExpectedType.Int);
        var scale = r.ConstantInt(1);
        if (scale is null)
            return BindRequest.Fail("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT",
                $"Cannot resolve {r.SqlExpr} due to data type mismatch: the input `scale` should be a foldable \"INT\" expression; however, got \"{r.ArgText(1)}\".");
        var dec = input as DecimalType ?? TypeCoercion.DecimalForType(input);
        var result = RoundedDecimalType(dec, scale.Value);
        return r.Ok([dec, DataType.Integer], result, (a, n, _) => RowKernel.Map(a, n, result, (x, i, o) =>
            AppendRounded(o, x[0], i, dec, result, ValueScale(scale.Value), MidpointRounding.AwayFromZero, ceil ? 1 : -1)));
    }

    // ---- greatest / least ----

    private static BindResult BindExtreme(BindRequest r, bool greatest)
    {
        var common = TypeCoercion.FindWiderCommonType(r.Args, r.Ansi);
        if (common is null) return r.DataDiffTypes();
        if (!TypeCoercion.IsOrderable(common) || common is MapType) return r.InvalidOrdering(common);
        if (common is NullType) common = DataType.Null;
        return r.Ok(Enumerable.Repeat(common, r.Count).ToArray(), common, (a, n, _) => RowKernel.Map(a, n, common, (x, i, o) =>
        {
            object? best = null;
            foreach (var arg in x)
            {
                if (arg.IsNull(i)) continue;
                var v = arg.Object(i)!;
                if (best is null) { best = v; continue; }
                var c = ValueComparer.Compare(v, best, common);
                if (greatest ? c > 0 : c < 0) best = v;
            }
            ScalarValues.Append(o, best);
        }, nullIntolerant: false), nullIntolerant: false);
    }

    // ---- random ----

    private static BindResult BindRandom(BindRequest r, bool gaussian)
    {
        if (r.Count == 1 && !TypeCoercion.IsIntegral(r[0]) && r[0] is not NullType) return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.Int, ExpectedType.Long));
        DataType[] types = r.Count == 1 ? [DataType.Long] : [];
        return r.Ok(types, DataType.Double, (a, n, _) =>
        {
            var seed = a.Length == 1 && a[0].IsScalar && a[0].Scalar is { } s ? (int?)(int)Convert.ToInt64(s, CultureInfo.InvariantCulture) : null;
            var rng = seed is { } sd ? new Random(sd) : Random.Shared;
            double Next() => gaussian ? Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble()) : rng.NextDouble();
            var v = Kernels.NewVector<double>(DataType.Double, Math.Max(n, 1));
            for (var i = 0; i < Math.Max(n, 1); i++) v.Values[i] = Next();
            return ColumnarValue.Of(v);
        }, deterministic: false, nullIntolerant: false);
    }
}
