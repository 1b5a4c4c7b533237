using System.Numerics;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>
/// Exact decimal arithmetic on unscaled integers as Spark's <c>Decimal</c> does it: intermediate products and
/// quotients keep 39 significant digits (Spark's MATH_CONTEXT, HALF_UP), then the result is rounded HALF_UP to the
/// result type's scale and must fit its precision (toPrecision). Int128 fast paths, BigInteger when needed.
/// </summary>
internal static class DecimalMath
{
    private const int ContextDigits = DecimalType.MaxPrecision + 1;
    private static readonly BigInteger[] BigPow10 = BuildBigPow10(90);

    private static BigInteger[] BuildBigPow10(int n)
    {
        var p = new BigInteger[n + 1];
        p[0] = BigInteger.One;
        for (var i = 1; i <= n; i++) p[i] = p[i - 1] * 10;
        return p;
    }

    public static Int128 Pow10(int n) => DecimalValue.PowerOfTen(n);

    public static BigInteger BigPow(int n) => n < BigPow10.Length ? BigPow10[n] : BigInteger.Pow(10, n);

    /// <summary>Rescales (HALF_UP when the scale shrinks). Throws OverflowException when growing past Int128.</summary>
    public static Int128 Rescale(Int128 unscaled, int fromScale, int toScale)
    {
        if (toScale == fromScale) return unscaled;
        if (toScale > fromScale)
        {
            var k = toScale - fromScale;
            if (k > 38) throw new OverflowException();
            return checked(unscaled * Pow10(k));
        }
        return RoundDown(unscaled, fromScale - toScale);
    }

    /// <summary>Divides by 10^digits rounding HALF_UP (away from zero at .5).</summary>
    public static Int128 RoundDown(Int128 unscaled, int digits)
    {
        if (digits == 0) return unscaled;
        if (digits > 38) return 0;
        var div = Pow10(digits);
        var q = unscaled / div;
        var r = unscaled % div;
        if (r < 0) r = -r;
        if (r >= div - r) q += unscaled < 0 ? -1 : 1;
        return q;
    }

    public static BigInteger RoundDown(BigInteger unscaled, int digits)
    {
        if (digits <= 0) return digits == 0 ? unscaled : unscaled * BigPow(-digits);
        var div = BigPow(digits);
        var q = BigInteger.DivRem(unscaled, div, out var r);
        if (BigInteger.Abs(r) * 2 >= div) q += unscaled.Sign < 0 ? -1 : 1;
        return q;
    }

    /// <summary>True when |unscaled| &lt; 10^precision.</summary>
    public static bool FitsPrecision(Int128 unscaled, int precision) =>
        precision >= 39 || (unscaled < 0 ? -unscaled : unscaled) < Pow10(precision);

    public static int DigitCount(BigInteger v)
    {
        v = BigInteger.Abs(v);
        if (v.IsZero) return 1;
        var n = (int)Math.Floor(BigInteger.Log10(v)) + 1;
        // Log10 may be off by one near powers of ten.
        if (n > 0 && v < BigPow(n - 1)) n--;
        else if (v >= BigPow(n)) n++;
        return n;
    }

    /// <summary>Rounds an exact value (unscaled, scale) to 39 significant digits HALF_UP (Spark's MATH_CONTEXT).</summary>
    private static (BigInteger Unscaled, int Scale) ToContext(BigInteger unscaled, int scale)
    {
        var digits = DigitCount(unscaled);
        if (digits <= ContextDigits) return (unscaled, scale);
        var drop = digits - ContextDigits;
        return (RoundDown(unscaled, drop), scale - drop);
    }

    /// <summary>Spark's toPrecision(p, s, HALF_UP): false when the rounded value does not fit.</summary>
    public static bool TryToPrecision(BigInteger unscaled, int scale, DecimalType target, out Int128 result)
    {
        var v = RoundDown(unscaled, scale - target.Scale);
        if (BigInteger.Abs(v) >= BigPow(target.Precision))
        {
            result = default;
            return false;
        }
        result = (Int128)v;
        return true;
    }

    public static bool TryToPrecision(Int128 unscaled, int scale, DecimalType target, out Int128 result)
    {
        if (scale > target.Scale) result = RoundDown(unscaled, scale - target.Scale);
        else if (scale < target.Scale)
        {
            if (target.Scale - scale > 38) return TryToPrecision((BigInteger)unscaled, scale, target, out result);
            try { result = checked(unscaled * Pow10(target.Scale - scale)); }
            catch (OverflowException) { result = default; return false; }
        }
        else result = unscaled;
        return FitsPrecision(result, target.Precision);
    }

    public static bool TryAdd(DecimalValue a, DecimalValue b, DecimalType target, out Int128 result)
    {
        var s = Math.Max(a.Scale, b.Scale);
        try
        {
            var x = a.Scale == s ? a.Unscaled : checked(a.Unscaled * Pow10(s - a.Scale));
            var y = b.Scale == s ? b.Unscaled : checked(b.Unscaled * Pow10(s - b.Scale));
            return TryToPrecision(checked(x + y), s, target, out result);
        }
        catch (OverflowException)
        {
            var bx = (BigInteger)a.Unscaled * BigPow(s - a.Scale) + (BigInteger)b.Unscaled * BigPow(s - b.Scale);
            var (u, sc) = ToContext(bx, s);
            return TryToPrecision(u, sc, target, out result);
        }
    }

    public static bool TrySubtract(DecimalValue a, DecimalValue b, DecimalType target, out Int128 result) =>
        TryAdd(a, new DecimalValue(-b.Unscaled, b.Scale), target, out result);

    public static bool TryMultiply(DecimalValue a, DecimalValue b, DecimalType target, out Int128 result)
    {
        var s = a.Scale + b.Scale;
        if (Int128.Abs(a.Unscaled) <= long.MaxValue && Int128.Abs(b.Unscaled) <= long.MaxValue)
        {
            // |product| < 2^126: exact in Int128 and at most 38 digits, within the 39-digit context.
            return TryToPrecision(a.Unscaled * b.Unscaled, s, target, out result);
        }
        var (u, sc) = ToContext((BigInteger)a.Unscaled * b.Unscaled, s);
        return TryToPrecision(u, sc, target, out result);
    }

    /// <summary>a / b (b ≠ 0): the quotient to 39 significant digits HALF_UP, then to the target scale.</summary>
    public static bool TryDivide(DecimalValue a, DecimalValue b, DecimalType target, out Int128 result)
    {
        if (a.Unscaled == 0)
        {
            result = 0;
            return true;
        }
        var na = BigInteger.Abs(a.Unscaled);
        var nb = BigInteger.Abs(b.Unscaled);
        // Q = floor(|A| * 10^k / |B|) with at least 40 digits; value = Q * 10^-(k + sa - sb).
        var k = Math.Max(0, ContextDigits + 1 + DigitCount(nb) - DigitCount(na) + 1);
        var q = BigInteger.DivRem(na * BigPow(k), nb, out var rem);
        var scale = k + a.Scale - b.Scale;
        var digits = DigitCount(q);
        if (digits > ContextDigits)
        {
            var drop = digits - ContextDigits;
            var div = BigPow(drop);
            var q2 = BigInteger.DivRem(q, div, out var r2);
            if (r2 * 2 >= div) q2 += 1;
            q = q2;
            scale -= drop;
        }
        else if (!rem.IsZero && rem * 2 >= nb)
        {
            q += 1; // not reached with ≥ 40 digits, kept for safety
        }
        if ((a.Unscaled < 0) != (b.Unscaled < 0)) q = -q;
        return TryToPrecision(q, scale, target, out result);
    }

    /// <summary>a % b (b ≠ 0) with the sign of a (Java BigDecimal.remainder).</summary>
    public static bool TryRemainder(DecimalValue a, DecimalValue b, DecimalType target, out Int128 result)
    {
        var s = Math.Max(a.Scale, b.Scale);
        var x = (BigInteger)a.Unscaled * BigPow(s - a.Scale);
        var y = (BigInteger)b.Unscaled * BigPow(s - b.Scale);
        return TryToPrecision(BigInteger.Remainder(x, y), s, target, out result);
    }

    /// <summary>Positive modulus: r = a % b; if r &lt; 0 then (r + b) % b.</summary>
    public static bool TryPmod(DecimalValue a, DecimalValue b, DecimalType target, out Int128 result)
    {
        var s = Math.Max(a.Scale, b.Scale);
        var x = (BigInteger)a.Unscaled * BigPow(s - a.Scale);
        var y = (BigInteger)b.Unscaled * BigPow(s - b.Scale);
        var r = BigInteger.Remainder(x, y);
        if (r.Sign < 0) r = BigInteger.Remainder(r + y, y);
        return TryToPrecision(r, s, target, out result);
    }

    /// <summary>The integral part of a / b truncated toward zero (b ≠ 0), as BigInteger.</summary>
    public static BigInteger IntegralQuotient(DecimalValue a, DecimalValue b)
    {
        var s = Math.Max(a.Scale, b.Scale);
        var x = (BigInteger)a.Unscaled * BigPow(s - a.Scale);
        var y = (BigInteger)b.Unscaled * BigPow(s - b.Scale);
        return BigInteger.Divide(x, y);
    }

    public static string ToPlainString(BigInteger unscaled, int scale)
    {
        if (scale <= 0) return (unscaled * BigPow(-scale)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var neg = unscaled.Sign < 0;
        var digits = BigInteger.Abs(unscaled).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (digits.Length <= scale) digits = new string('0', scale - digits.Length + 1) + digits;
        return (neg ? "-" : "") + digits[..^scale] + "." + digits[^scale..];
    }
}
