using System.Globalization;
using System.Text;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Floating-point text as Java's Double.toString / Float.toString write it (what Spark puts into stats JSON and
/// partition values): shortest round-trip digits, plain notation with at least one fraction digit for
/// 10^-3 ≤ |v| &lt; 10^7 (<c>1.0</c>, <c>0.234</c>), otherwise <c>d.dddE±n</c> (<c>4.661261177E7</c>, <c>1.0E-5</c>).
/// </summary>
internal static class JavaNumberText
{
    public static string Double(double v) =>
        double.IsNaN(v) ? "NaN"
        : double.IsPositiveInfinity(v) ? "Infinity"
        : double.IsNegativeInfinity(v) ? "-Infinity"
        : Format(v.ToString("R", CultureInfo.InvariantCulture), v);

    public static string Float(float v) =>
        float.IsNaN(v) ? "NaN"
        : float.IsPositiveInfinity(v) ? "Infinity"
        : float.IsNegativeInfinity(v) ? "-Infinity"
        : Format(v.ToString("R", CultureInfo.InvariantCulture), v);

    private static string Format(string shortest, double value)
    {
        if (value == 0) return double.IsNegative(value) ? "-0.0" : "0.0";
        // Split the shortest round-trip text into its significant digits and a decimal exponent:
        // value = 0.d1d2d3... × 10^pointPos
        var negative = shortest.StartsWith('-');
        var s = negative ? shortest[1..] : shortest;
        var exp = 0;
        var e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }
        var dot = s.IndexOf('.');
        var intPart = dot >= 0 ? s[..dot] : s;
        var fracPart = dot >= 0 ? s[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        var pointPos = intPart.Length + exp - leadingZeros; // position of the decimal point relative to digits[0]
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        var sb = new StringBuilder(24);
        if (negative) sb.Append('-');
        var abs = Math.Abs(value);
        if (abs >= 1e-3 && abs < 1e7)
        {
            if (pointPos <= 0)
            {
                sb.Append("0.").Append('0', -pointPos).Append(digits);
            }
            else if (pointPos >= digits.Length)
            {
                sb.Append(digits).Append('0', pointPos - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, pointPos).Append('.').Append(digits, pointPos, digits.Length - pointPos);
            }
        }
        else
        {
            sb.Append(digits[0]).Append('.');
            if (digits.Length > 1) sb.Append(digits, 1, digits.Length - 1);
            else sb.Append('0');
            sb.Append('E').Append((pointPos - 1).ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
