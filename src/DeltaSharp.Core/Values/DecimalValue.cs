using System.Globalization;
using System.Numerics;
using System.Text;

namespace DeltaSharp.Values;

/// <summary>
/// An exact decimal: an unscaled 128-bit integer and a scale (value = Unscaled × 10^-Scale). Covers Spark's
/// decimal(38, s) range, which <see cref="decimal"/> (28 digits) does not. Equality is numeric within the
/// same scale only (1.0 ≠ 1.00 structurally; use <see cref="CompareTo"/> for numeric order).
/// </summary>
public readonly record struct DecimalValue(Int128 Unscaled, int Scale) : IComparable<DecimalValue>
{
    private static readonly Int128[] Pow10 = BuildPow10();

    private static Int128[] BuildPow10()
    {
        var p = new Int128[39];
        p[0] = 1;
        for (var i = 1; i < p.Length; i++) p[i] = p[i - 1] * 10;
        return p;
    }

    public static Int128 PowerOfTen(int n) => Pow10[n];

    /// <summary>Plain notation with exactly <see cref="Scale"/> fraction digits (<c>-12.30</c>, <c>0.00</c>, <c>7</c>).</summary>
    public override string ToString()
    {
        var neg = Unscaled < 0;
        var digits = (neg ? BigInteger.Negate((BigInteger)Unscaled) : (BigInteger)Unscaled).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(digits.Length + 3);
        if (neg) sb.Append('-');
        if (Scale == 0) return sb.Append(digits).ToString();
        if (digits.Length <= Scale) digits = new string('0', Scale - digits.Length + 1) + digits;
        sb.Append(digits, 0, digits.Length - Scale).Append('.').Append(digits, digits.Length - Scale, Scale);
        return sb.ToString();
    }

    /// <summary>Parses plain or exponent notation into exactly <paramref name="scale"/> fraction digits; false when the
    /// text has more significant fraction digits than the scale allows or does not fit 38 digits.</summary>
    public static bool TryParse(string text, int scale, out DecimalValue value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        var exp = 0;
        var e = t.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(t.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp)) return false;
            t = t[..e];
        }
        var neg = false;
        if (t.StartsWith('-')) { neg = true; t = t[1..]; }
        else if (t.StartsWith('+')) t = t[1..];
        var dot = t.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? t : t[..dot];
        var frac = dot < 0 ? "" : t[(dot + 1)..];
        if (intPart.Length + frac.Length == 0) return false;
        foreach (var c in intPart) if (c is < '0' or > '9') return false;
        foreach (var c in frac) if (c is < '0' or > '9') return false;
        var all = intPart + frac;
        var shift = scale - frac.Length + exp; // multiply digits by 10^shift
        BigInteger n = all.Length == 0 ? BigInteger.Zero : BigInteger.Parse(all, CultureInfo.InvariantCulture);
        if (shift >= 0) n *= BigInteger.Pow(10, shift);
        else
        {
            var div = BigInteger.Pow(10, -shift);
            if (!(n % div).IsZero) return false;
            n /= div;
        }
        if (neg) n = -n;
        if (BigInteger.Abs(n) >= BigInteger.Pow(10, 38)) return false;
        value = new DecimalValue((Int128)n, scale);
        return true;
    }

    public int CompareTo(DecimalValue other)
    {
        if (Scale == other.Scale) return Unscaled.CompareTo(other.Unscaled);
        var a = (BigInteger)Unscaled * BigInteger.Pow(10, Math.Max(0, other.Scale - Scale));
        var b = (BigInteger)other.Unscaled * BigInteger.Pow(10, Math.Max(0, Scale - other.Scale));
        return a.CompareTo(b);
    }

    public static bool operator <(DecimalValue left, DecimalValue right) => left.CompareTo(right) < 0;
    public static bool operator >(DecimalValue left, DecimalValue right) => left.CompareTo(right) > 0;
    public static bool operator <=(DecimalValue left, DecimalValue right) => left.CompareTo(right) <= 0;
    public static bool operator >=(DecimalValue left, DecimalValue right) => left.CompareTo(right) >= 0;
}
