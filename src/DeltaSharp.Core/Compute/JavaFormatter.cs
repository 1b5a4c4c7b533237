using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>
/// java.util.Formatter as Spark's format_string/printf uses it: <c>%[index$][flags][width][.precision]conversion</c>
/// with conversions s S d o x X e E f g G c b B h H n %, flags - # + space 0 , ( and &lt; (previous argument). Null
/// arguments print "null". A conversion that does not fit its argument is Spark's error
/// (ILLEGAL_FORMAT_CONVERSION-like ComputeException).
/// </summary>
public static partial class JavaFormatter
{
    [GeneratedRegex(@"%(\d+\$|<)?([-#+ 0,(]*)?(\d+)?(\.\d+)?([a-zA-Z%])", RegexOptions.CultureInvariant)]
    private static partial Regex Specifier();

    public static string Format(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder(format.Length + 16);
        var last = 0;
        var ordinary = 0;
        var previous = -1;
        foreach (Match m in Specifier().Matches(format))
        {
            sb.Append(format, last, m.Index - last);
            last = m.Index + m.Length;
            var conv = m.Groups[5].Value[0];
            var flags = m.Groups[2].Value;
            var width = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : -1;
            var precision = m.Groups[4].Success ? int.Parse(m.Groups[4].Value[1..], CultureInfo.InvariantCulture) : -1;
            if (conv == '%') { sb.Append(Pad("%", width, flags.Contains('-'))); continue; }
            if (conv == 'n') { sb.Append('\n'); continue; }
            int index;
            if (m.Groups[1].Value == "<") index = previous;
            else if (m.Groups[1].Success) index = int.Parse(m.Groups[1].Value[..^1], CultureInfo.InvariantCulture) - 1;
            else index = ordinary++;
            if (index < 0 || index >= args.Count)
                throw new ComputeException("INVALID_PARAMETER_VALUE.FORMAT", $"The value of parameter(s) `strfmt` in `format_string` is invalid: Format specifier '{m.Value}' has no matching argument.");
            previous = index;
            sb.Append(Convert(m.Value, conv, flags, width, precision, args[index]));
        }
        sb.Append(format, last, format.Length - last);
        return sb.ToString();
    }

    private static string Convert(string spec, char conv, string flags, int width, int precision, object? arg)
    {
        var left = flags.Contains('-');
        var upper = char.IsUpper(conv);
        string body;
        switch (char.ToLowerInvariant(conv))
        {
            case 's':
                body = arg is null ? "null" : arg is double d ? JavaNumberFormat.DoubleToString(d) : arg is float f ? JavaNumberFormat.FloatToString(f)
                    : arg is bool b ? (b ? "true" : "false") : arg is byte[] bytes ? "[B@" + bytes.GetHashCode().ToString("x", CultureInfo.InvariantCulture)
                    : System.Convert.ToString(arg, CultureInfo.InvariantCulture) ?? "null";
                if (precision >= 0 && body.Length > precision) body = body[..precision];
                break;
            case 'b': body = arg is null ? "false" : arg is bool bb ? (bb ? "true" : "false") : "true"; break;
            case 'h': body = arg is null ? "null" : arg.GetHashCode().ToString("x", CultureInfo.InvariantCulture); break;
            case 'c':
                body = arg switch
                {
                    null => "null",
                    string s when s.Length == 1 => s,
                    int i => char.ConvertFromUtf32(i),
                    sbyte sb => ((char)(byte)sb).ToString(),
                    short sh => ((char)sh).ToString(),
                    _ => throw Illegal(conv, arg),
                };
                break;
            case 'd':
                if (arg is null) { body = "null"; break; }
                body = Integral(arg, conv) is { } big ? Group(big.ToString(CultureInfo.InvariantCulture), flags) : throw Illegal(conv, arg);
                body = Sign(body, flags);
                break;
            case 'o' or 'x':
                if (arg is null) { body = "null"; break; }
                {
                    var (value, bits) = arg switch
                    {
                        sbyte v => ((BigInteger)v, 8),
                        short v => ((BigInteger)v, 16),
                        int v => ((BigInteger)v, 32),
                        long v => ((BigInteger)v, 64),
                        _ => throw Illegal(conv, arg),
                    };
                    if (value < 0) value += BigInteger.One << bits;
                    body = conv is 'o' ? ToOctal(value) : value.ToString(conv == 'X' ? "X" : "x", CultureInfo.InvariantCulture).TrimStart('0');
                    if (body.Length == 0) body = "0";
                    if (flags.Contains('#')) body = (conv is 'o' ? "0" : upper ? "0X" : "0x") + body;
                }
                break;
            case 'e' or 'f' or 'g':
            {
                if (arg is null) { body = "null"; break; }
                var p = precision < 0 ? 6 : precision;
                double? dv = arg switch { double x => x, float x => x, _ => null };
                if (dv is { } x2 && (double.IsNaN(x2) || double.IsInfinity(x2)))
                {
                    body = double.IsNaN(x2) ? "NaN" : x2 > 0 ? (flags.Contains('+') ? "+Infinity" : "Infinity") : flags.Contains('(') ? "(Infinity)" : "-Infinity";
                    break;
                }
                decimal? mv = arg switch
                {
                    DecimalValue dec => decimal.TryParse(dec.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : null,
                    _ => null,
                };
                if (dv is null && mv is null) throw Illegal(conv, arg);
                var num = dv ?? (double)mv!.Value;
                var neg = double.IsNegative(num);
                var abs = Math.Abs(num);
                string digits = char.ToLowerInvariant(conv) switch
                {
                    'f' => mv is { } m2 ? Math.Round(Math.Abs(m2), Math.Min(p, 28), MidpointRounding.AwayFromZero).ToString("F" + p, CultureInfo.InvariantCulture)
                        : RoundHalfUp(abs, p),
                    'e' => JavaExp(abs, p),
                    _ => abs != 0 && (abs < 1e-4 || abs >= Math.Pow(10, Math.Max(p, 1))) ? JavaExp(abs, Math.Max(p, 1) - 1) : RoundHalfUp(abs, Math.Max(Math.Max(p, 1) - 1 - (abs == 0 ? 0 : (int)Math.Floor(Math.Log10(abs))), 0)),
                };
                if (char.ToLowerInvariant(conv) != 'e' && flags.Contains(','))
                {
                    var dot = digits.IndexOf('.', StringComparison.Ordinal);
                    digits = Group(dot < 0 ? digits : digits[..dot], ",") + (dot < 0 ? "" : digits[dot..]);
                }
                body = neg ? (flags.Contains('(') ? "(" + digits + ")" : "-" + digits) : flags.Contains('+') ? "+" + digits : flags.Contains(' ') ? " " + digits : digits;
                if (upper) body = body.ToUpperInvariant();
                break;
            }
            default:
                throw new ComputeException("INVALID_PARAMETER_VALUE.FORMAT", $"The value of parameter(s) `strfmt` in `format_string` is invalid: Unknown format conversion '{conv}' in '{spec}'.");
        }
        if (upper && conv is 'S' or 'B' or 'H' or 'C') body = body.ToUpperInvariant();
        if (width > body.Length && flags.Contains('0') && !left && conv is 'd' or 'o' or 'x' or 'X' or 'e' or 'E' or 'f' or 'g' or 'G')
        {
            var signLen = body.Length > 0 && body[0] is '-' or '+' or ' ' or '(' ? 1 : 0;
            return body[..signLen] + new string('0', width - body.Length) + body[signLen..];
        }
        return Pad(body, width, left);
    }

    private static BigInteger? Integral(object arg, char conv) => arg switch
    {
        sbyte v => v,
        short v => v,
        int v => v,
        long v => v,
        _ => null,
    };

    private static string Sign(string body, string flags)
    {
        var neg = body.StartsWith('-');
        if (neg) return flags.Contains('(') ? "(" + body[1..] + ")" : body;
        return flags.Contains('+') ? "+" + body : flags.Contains(' ') ? " " + body : body;
    }

    private static string Group(string digits, string flags)
    {
        if (!flags.Contains(',')) return digits;
        var neg = digits.StartsWith('-');
        var d = neg ? digits[1..] : digits;
        var sb = new StringBuilder();
        for (var i = 0; i < d.Length; i++)
        {
            if (i > 0 && (d.Length - i) % 3 == 0) sb.Append(',');
            sb.Append(d[i]);
        }
        return (neg ? "-" : "") + sb;
    }

    private static string ToOctal(BigInteger v)
    {
        if (v.IsZero) return "0";
        var sb = new StringBuilder();
        while (v > 0)
        {
            sb.Insert(0, (char)('0' + (int)(v % 8)));
            v /= 8;
        }
        return sb.ToString();
    }

    /// <summary>Java's %f rounds the shortest decimal representation of the double HALF_UP.</summary>
    private static string RoundHalfUp(double abs, int precision)
    {
        if (abs < 7.9e27 && precision <= 28
            && decimal.TryParse(abs.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var m))
            return Math.Round(m, precision, MidpointRounding.AwayFromZero).ToString("F" + precision, CultureInfo.InvariantCulture);
        return abs.ToString("F" + precision, CultureInfo.InvariantCulture);
    }

    private static string JavaExp(double abs, int precision)
    {
        var s = abs.ToString((precision == 0 ? "0" : "0." + new string('0', precision)) + "e+00", CultureInfo.InvariantCulture);
        return s;
    }

    private static string Pad(string s, int width, bool left) =>
        width <= s.Length ? s : left ? s + new string(' ', width - s.Length) : new string(' ', width - s.Length) + s;

    private static ComputeException Illegal(char conv, object arg) => new("ILLEGAL_FORMAT_CONVERSION",
        $"{conv} != {JavaClassName(arg)}");

    private static string JavaClassName(object arg) => arg switch
    {
        string => "java.lang.String",
        int => "java.lang.Integer",
        long => "java.lang.Long",
        double => "java.lang.Double",
        float => "java.lang.Float",
        bool => "java.lang.Boolean",
        DecimalValue => "java.math.BigDecimal",
        _ => arg.GetType().Name,
    };
}
