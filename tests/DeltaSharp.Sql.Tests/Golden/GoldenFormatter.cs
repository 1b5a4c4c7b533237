using System.Globalization;
using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.Tests.Golden;

/// <summary>
/// Renders result values as the golden files write them (independently of the engine's own casts): NULL, (empty)
/// for '', true/false, integers, doubles as Java prints them (1.0, 1.0E7), decimals with their scale, dates
/// yyyy-MM-dd, timestamps yyyy-MM-dd HH:mm:ss[.ffffff] in UTC, arrays [a, b], structs {a, b}, maps {k -> v},
/// binary [0A FF], intervals as Spark prints them (INTERVAL '28' DAY).
/// </summary>
internal static class GoldenFormatter
{
    public static string Format(ColumnVector vector, int row) => vector.Type switch
    {
        DayTimeIntervalType dt when !vector.IsNull(row) => Compute.SparkIntervals.FormatDayTime(((PrimitiveVector<long>)vector)[row], dt),
        YearMonthIntervalType ym when !vector.IsNull(row) => Compute.SparkIntervals.FormatYearMonth(((PrimitiveVector<int>)vector)[row], ym),
        _ => FormatValue(vector.Type, vector.GetObject(row), top: true),
    };

    private static string FormatValue(DataType type, object? value, bool top)
    {
        switch (value)
        {
            case null: return "NULL";
            case string s: return top && s.Length == 0 ? "(empty)" : s;
            case bool b: return b ? "true" : "false";
            case double d: return FormatDouble(d);
            case float f: return FormatDouble(f, isFloat: true);
            case DecimalValue dv: return dv.ToString();
            case DateOnly date: return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case DateTime dt:
            {
                var text = dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var micros = (dt.Ticks / 10) % 1_000_000;
                return micros == 0 ? text : text + "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
            }
            case byte[] bytes: return "[" + string.Join(' ', bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture))) + "]";
            case List<KeyValuePair<object?, object?>> map:
            {
                var mt = (MapType)type;
                return "{" + string.Join(", ", map.Select(kv => FormatValue(mt.KeyType, kv.Key, false) + " -> " + FormatValue(mt.ValueType, kv.Value, false))) + "}";
            }
            case List<object?> list:
            {
                var et = ((ArrayType)type).ElementType;
                return "[" + string.Join(", ", list.Select(v => FormatValue(et, v, false))) + "]";
            }
            case object?[] fields:
            {
                var st = (StructType)type;
                return "{" + string.Join(", ", fields.Select((v, i) => FormatValue(st[i].Type, v, false))) + "}";
            }
            case IFormattable f: return f.ToString(null, CultureInfo.InvariantCulture);
            default: return value.ToString() ?? "";
        }
    }

    /// <summary>Java's Double.toString: plain between 1e-3 and 1e7 (with ".0" when integral), else d.dddE±n.</summary>
    public static string FormatDouble(double d, bool isFloat = false)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";
        var shortest = isFloat ? ((float)d).ToString("R", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
        // Digits and exponent of the shortest round-trip form.
        var negative = shortest.StartsWith('-');
        if (negative) shortest = shortest[1..];
        var exp = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(shortest[(e + 1)..], CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }
        var dot = shortest.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot < 0 ? shortest : shortest[..dot];
        var frac = dot < 0 ? "" : shortest[(dot + 1)..];
        var digits = (intPart + frac).TrimStart('0');
        var leadingZeros = (intPart + frac).Length - digits.Length;
        // value = 0.digits × 10^(pointPos)
        var pointPos = intPart.Length + exp - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var abs = Math.Abs(d);
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (abs >= 1e-3 && abs < 1e7)
        {
            if (pointPos <= 0) sb.Append("0.").Append('0', -pointPos).Append(digits);
            else if (pointPos >= digits.Length) sb.Append(digits).Append('0', pointPos - digits.Length).Append(".0");
            else sb.Append(digits, 0, pointPos).Append('.').Append(digits, pointPos, digits.Length - pointPos);
            return sb.ToString();
        }
        sb.Append(digits[0]).Append('.').Append(digits.Length > 1 ? digits[1..] : "0").Append('E').Append((pointPos - 1).ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }
}
