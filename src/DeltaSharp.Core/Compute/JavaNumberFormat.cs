using System.Globalization;
using System.Text;

namespace DeltaSharp.Compute;

/// <summary>
/// Java's Double.toString / Float.toString (JDK 19+: the shortest decimal that rounds back to the value), which is
/// how Spark casts float and double to string: plain notation with at least one fraction digit for
/// 10^-3 ≤ |x| &lt; 10^7 (<c>100.0</c>, <c>0.001</c>), otherwise computerized scientific notation (<c>1.0E7</c>,
/// <c>1.234E-5</c>); <c>NaN</c>, <c>Infinity</c>, <c>-Infinity</c>, <c>-0.0</c>.
/// </summary>
public static class JavaNumberFormat
{
    public static string DoubleToString(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsPositiveInfinity(value)) return "Infinity";
        if (double.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        return Format(value.ToString("R", CultureInfo.InvariantCulture), Math.Abs(value) >= 1e-3 && Math.Abs(value) < 1e7);
    }

    public static string FloatToString(float value)
    {
        if (float.IsNaN(value)) return "NaN";
        if (float.IsPositiveInfinity(value)) return "Infinity";
        if (float.IsNegativeInfinity(value)) return "-Infinity";
        if (value == 0) return float.IsNegative(value) ? "-0.0" : "0.0";
        return Format(value.ToString("R", CultureInfo.InvariantCulture), Math.Abs(value) >= 1e-3f && Math.Abs(value) < 1e7f);
    }

    /// <summary>Splits .NET's shortest round-trip text into digits and exponent and lays them out as Java does.</summary>
    private static string Format(string shortest, bool plain)
    {
        var neg = shortest.StartsWith('-');
        if (neg) shortest = shortest[1..];
        var exp = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }
        var dot = shortest.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? shortest : shortest[..dot];
        var frac = dot < 0 ? "" : shortest[(dot + 1)..];
        var digits = (intPart + frac).TrimStart('0');
        // value = 0.digits × 10^point
        var point = intPart.TrimStart('0').Length + exp;
        if (intPart.TrimStart('0').Length == 0)
        {
            var lead = frac.Length - frac.TrimStart('0').Length;
            point = -lead + exp;
        }
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var sb = new StringBuilder(digits.Length + 8);
        if (neg) sb.Append('-');
        if (plain)
        {
            if (point <= 0)
            {
                sb.Append("0.").Append('0', -point).Append(digits);
            }
            else if (point >= digits.Length)
            {
                sb.Append(digits).Append('0', point - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
            }
        }
        else
        {
            sb.Append(digits[0]).Append('.');
            sb.Append(digits.Length > 1 ? digits[1..] : "0");
            sb.Append('E').Append((point - 1).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
