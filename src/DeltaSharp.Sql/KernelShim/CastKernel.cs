using System.Globalization;
using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Parsing;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.KernelShim;

// TEMPORARY shim of H-kernels' CastKernel (see ShimRowFunction).
internal static class CastKernel
{
    public static bool CanCast(DataType from, DataType to)
    {
        if (from == to) return true;
        if (to is StringType) return from.IsPrimitive;
        if (from is StringType) return to.IsPrimitive;
        if (FunctionRegistry.IsNumeric(from) && FunctionRegistry.IsNumeric(to)) return true;
        if (from is BooleanType && FunctionRegistry.IsNumeric(to)) return true;
        if (to is BooleanType && FunctionRegistry.IsNumeric(from)) return true;
        if (from is DateType && to is TimestampType or TimestampNtzType) return true;
        if (to is DateType && from is TimestampType or TimestampNtzType) return true;
        if (from is TimestampType && to is TimestampNtzType || from is TimestampNtzType && to is TimestampType) return true;
        if (from is TimestampType && to is LongType or DoubleType) return true;
        return false;
    }

    public static ColumnarValue Cast(ColumnarValue value, DataType target, int rowCount, EvaluationContext context, bool tryCast)
    {
        if (value.Type == target) return value;
        var ansi = context.AnsiMode && !tryCast;
        if (value.IsScalar) return ColumnarValue.OfScalar(target, CastObject(value.Scalar, value.Type, target, context, ansi));
        var src = value.Vector!;
        var output = ColumnVector.Create(target, Math.Max(1, rowCount));
        for (var r = 0; r < rowCount; r++) PhysicalValues.Append(output, CastObject(PhysicalValues.Get(src, r), value.Type, target, context, ansi));
        return ColumnarValue.Of(output);
    }

    private static object? CastObject(object? v, DataType from, DataType to, EvaluationContext ctx, bool ansi)
    {
        if (v is null) return null;
        try
        {
            return CastCore(v, from, to, ctx);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            if (!ansi) return null;
            if (from is StringType)
                throw new ComputeException("CAST_INVALID_INPUT", $"The value '{v}' of the type \"STRING\" cannot be cast to \"{to.SimpleString.ToUpperInvariant()}\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead.");
            throw new ComputeException("CAST_OVERFLOW", $"The value {v} of the type \"{from.SimpleString.ToUpperInvariant()}\" cannot be cast to \"{to.SimpleString.ToUpperInvariant()}\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead.");
        }
    }

    private static object CastCore(object v, DataType from, DataType to, EvaluationContext ctx)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (to)
        {
            case StringType: return ToText(v, from, ctx);
            case BooleanType:
                if (v is string bs)
                {
                    var t = bs.Trim().ToLowerInvariant();
                    if (t is "true" or "t" or "yes" or "y" or "1") return true;
                    if (t is "false" or "f" or "no" or "n" or "0") return false;
                    throw new FormatException();
                }
                return v is DecimalValue dvb ? dvb.Unscaled != 0 : Convert.ToDouble(v, inv) != 0;
            case ByteType or ShortType or IntegerType or LongType:
            {
                long l;
                if (v is string s) l = long.Parse(s.Trim(), NumberStyles.AllowLeadingSign, inv);
                else if (v is bool b) l = b ? 1 : 0;
                else if (v is DecimalValue dv) l = (long)((BigInteger)dv.Unscaled / BigInteger.Pow(10, dv.Scale));
                else if (v is double or float)
                {
                    var d = Convert.ToDouble(v, inv);
                    if (double.IsNaN(d) || d >= 9.3e18 || d <= -9.3e18) throw new OverflowException();
                    l = (long)Math.Truncate(d);
                }
                else if (from is TimestampType) l = Math.DivRem((long)v, 1_000_000L).Quotient - ((long)v < 0 && (long)v % 1_000_000 != 0 ? 1 : 0);
                else l = Convert.ToInt64(v, inv);
                return to switch
                {
                    ByteType => checked((sbyte)l),
                    ShortType => checked((short)l),
                    IntegerType => checked((int)l),
                    _ => l,
                };
            }
            case FloatType or DoubleType:
            {
                double d = v switch
                {
                    string s => double.Parse(s.Trim(), NumberStyles.Float, inv),
                    bool b => b ? 1 : 0,
                    DecimalValue dv => double.Parse(dv.ToString(), inv),
                    long l when from is TimestampType => l / 1e6,
                    _ => Convert.ToDouble(v, inv),
                };
                return to is FloatType ? (float)d : d;
            }
            case DecimalType dt:
            {
                DecimalValue value;
                switch (v)
                {
                    case string s:
                        if (!TryParseRounded(s.Trim(), dt.Scale, out value)) throw new FormatException();
                        break;
                    case DecimalValue dv: value = Round(dv, dt.Scale); break;
                    case double or float:
                        var d = Convert.ToDouble(v, inv);
                        if (double.IsNaN(d) || double.IsInfinity(d)) throw new OverflowException();
                        if (!TryParseRounded(d.ToString("R", inv), dt.Scale, out value)) throw new OverflowException();
                        break;
                    case bool b: value = new DecimalValue(b ? DecimalValue.PowerOfTen(dt.Scale) : 0, dt.Scale); break;
                    default: value = new DecimalValue(Convert.ToInt64(v, inv) * DecimalValue.PowerOfTen(dt.Scale), dt.Scale); break;
                }
                if (Int128.Abs(value.Unscaled) >= DecimalValue.PowerOfTen(dt.Precision)) throw new OverflowException();
                return value;
            }
            case DateType:
                if (v is string ds)
                {
                    if (!DateTimeText.TryParseDate(ds, out var p)) throw new FormatException();
                    return ValueConverter.DaysFromDate(new DateOnly(p.Year, p.Month, p.Day));
                }
                if (from is TimestampType)
                {
                    var local = TimeZoneInfo.ConvertTime(FromMicros((long)v), ctx.SessionTimeZone);
                    return ValueConverter.DaysFromDate(DateOnly.FromDateTime(local.DateTime));
                }
                if (from is TimestampNtzType) return (int)Math.Floor((long)v / 86_400_000_000.0);
                break;
            case TimestampType:
                if (v is string ts)
                {
                    if (!DateTimeText.TryParseTimestamp(ts, out var p)) throw new FormatException();
                    var wall = new DateTime(p.Year, p.Month, p.Day, p.Hour, p.Minute, p.Second, DateTimeKind.Unspecified).AddTicks(p.Nanosecond / 100);
                    var zone = p.Zone is null ? ctx.SessionTimeZone : ParseZone(p.Zone);
                    var offset = zone.GetUtcOffset(wall);
                    return ValueConverter.MicrosFromTimestamp(DateTime.SpecifyKind(wall - offset, DateTimeKind.Utc));
                }
                if (from is DateType)
                {
                    var wall = ValueConverter.DateFromDays((int)v)!.Value.ToDateTime(TimeOnly.MinValue);
                    return ValueConverter.MicrosFromTimestamp(DateTime.SpecifyKind(wall - ctx.SessionTimeZone.GetUtcOffset(wall), DateTimeKind.Utc));
                }
                if (from is TimestampNtzType)
                {
                    var wall = ValueConverter.TimestampFromMicros((long)v, DateTimeKind.Unspecified)!.Value;
                    return ValueConverter.MicrosFromTimestamp(DateTime.SpecifyKind(wall - ctx.SessionTimeZone.GetUtcOffset(wall), DateTimeKind.Utc));
                }
                break;
            case TimestampNtzType:
                if (v is string ns)
                {
                    if (!DateTimeText.TryParseTimestamp(ns, out var p)) throw new FormatException();
                    var wall = new DateTime(p.Year, p.Month, p.Day, p.Hour, p.Minute, p.Second, DateTimeKind.Utc).AddTicks(p.Nanosecond / 100);
                    return ValueConverter.MicrosFromTimestamp(wall);
                }
                if (from is DateType) return (long)(int)v * 86_400_000_000L;
                if (from is TimestampType)
                {
                    var local = TimeZoneInfo.ConvertTime(FromMicros((long)v), ctx.SessionTimeZone);
                    return ValueConverter.MicrosFromTimestamp(DateTime.SpecifyKind(local.DateTime, DateTimeKind.Utc));
                }
                break;
        }
        throw new ArgumentException($"cannot cast {from} to {to}");
    }

    private static TimeZoneInfo ParseZone(string zone)
    {
        if (zone is "Z" or "UTC" or "GMT" or "UT") return TimeZoneInfo.Utc;
        if (zone[0] is '+' or '-')
        {
            var sign = zone[0] == '-' ? -1 : 1;
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            var h = int.Parse(digits.Length <= 2 ? digits : digits[..^2], CultureInfo.InvariantCulture);
            var m = digits.Length > 2 ? int.Parse(digits[^2..], CultureInfo.InvariantCulture) : 0;
            return TimeZoneInfo.CreateCustomTimeZone(zone, new TimeSpan(sign * h, sign * m, 0), zone, zone);
        }
        return TimeZoneInfo.FindSystemTimeZoneById(zone);
    }

    private static DateTimeOffset FromMicros(long micros) =>
        new(ValueConverter.TimestampFromMicros(micros, DateTimeKind.Utc)!.Value);

    private static DecimalValue Round(DecimalValue v, int scale)
    {
        if (v.Scale <= scale) return new DecimalValue(v.Unscaled * DecimalValue.PowerOfTen(scale - v.Scale), scale);
        var div = DecimalValue.PowerOfTen(v.Scale - scale);
        var q = Int128.DivRem(v.Unscaled, div);
        var r = q.Quotient;
        if (Int128.Abs(q.Remainder) * 2 >= div) r += Int128.Sign(v.Unscaled);
        return new DecimalValue(r, scale);
    }

    private static bool TryParseRounded(string s, int scale, out DecimalValue value)
    {
        for (var extra = 0; extra <= 40; extra += 10)
        {
            if (DecimalValue.TryParse(s, Math.Min(38, scale + extra), out var wide))
            {
                value = Round(wide, scale);
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string ToText(object v, DataType from, EvaluationContext ctx)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (from)
        {
            case DateType: return FormatDate((int)v);
            case TimestampType:
            {
                var local = TimeZoneInfo.ConvertTime(FromMicros((long)v), ctx.SessionTimeZone).DateTime;
                return FormatWall(local, (long)v);
            }
            case TimestampNtzType:
                return FormatWall(ValueConverter.TimestampFromMicros((long)v, DateTimeKind.Unspecified)!.Value, (long)v);
            case BooleanType: return (bool)v ? "true" : "false";
            case DoubleType: return FormatDouble((double)v);
            case FloatType: return FormatDouble((float)v);
            default: return v is IFormattable f ? f.ToString(null, inv) : v.ToString() ?? "";
        }
    }

    private static string FormatDate(int days)
    {
        var d = ValueConverter.DateFromDays(days)!.Value;
        return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static string FormatWall(DateTime wall, long micros)
    {
        var text = wall.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var frac = (int)(((micros % 1_000_000) + 1_000_000) % 1_000_000);
        return frac == 0 ? text : text + "." + frac.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
    }

    public static string FormatDouble(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "Infinity";
        if (double.IsNegativeInfinity(d)) return "-Infinity";
        var abs = Math.Abs(d);
        if (abs != 0 && (abs >= 1e7 || abs < 1e-3))
        {
            var s = d.ToString("E16", CultureInfo.InvariantCulture);
            var r = d.ToString("R", CultureInfo.InvariantCulture);
            // Java style: mantissa with at least one fraction digit, exponent without sign padding.
            var e = r.IndexOf('E', StringComparison.Ordinal);
            if (e < 0)
            {
                var exp = (int)Math.Floor(Math.Log10(abs));
                var mant = d / Math.Pow(10, exp);
                r = mant.ToString("R", CultureInfo.InvariantCulture) + "E" + exp.ToString(CultureInfo.InvariantCulture);
                e = r.IndexOf('E', StringComparison.Ordinal);
            }
            var m = r[..e];
            if (!m.Contains('.', StringComparison.Ordinal)) m += ".0";
            var ex = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
            _ = s;
            return m + "E" + ex.ToString(CultureInfo.InvariantCulture);
        }
        var t = d.ToString("R", CultureInfo.InvariantCulture);
        return t.Contains('.', StringComparison.Ordinal) ? t : t + ".0";
    }
}
