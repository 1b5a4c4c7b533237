using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// Text of ANSI intervals as Spark prints and parses them (IntervalUtils ANSI_STYLE):
/// <c>INTERVAL '1 02:03:04.5' DAY TO SECOND</c>, <c>INTERVAL '12' HOUR</c>, <c>INTERVAL '1-2' YEAR TO MONTH</c>.
/// </summary>
public static partial class SparkIntervals
{
    private static readonly string[] DayTimeNames = ["DAY", "HOUR", "MINUTE", "SECOND"];
    private static readonly string[] YearMonthNames = ["YEAR", "MONTH"];

    public static string FormatDayTime(long micros, DayTimeIntervalType type)
    {
        var sign = micros < 0 ? "-" : "";
        var rest = micros == long.MinValue ? (UInt128)long.MaxValue + 1 : (UInt128)Math.Abs(micros);
        var sb = new StringBuilder();
        UInt128[] unit = [(UInt128)SparkDateTime.MicrosPerDay, (UInt128)SparkDateTime.MicrosPerHour, (UInt128)SparkDateTime.MicrosPerMinute, (UInt128)SparkDateTime.MicrosPerSecond];
        for (int f = type.StartField; f <= type.EndField; f++)
        {
            if (f > type.StartField) sb.Append(f == DayTimeIntervalType.Hour ? ' ' : ':');
            if (f == DayTimeIntervalType.Second)
            {
                var secs = rest / unit[3];
                var frac = (long)(rest % unit[3]);
                var s = f == type.StartField ? secs.ToString() : ((long)secs).ToString("00", CultureInfo.InvariantCulture);
                sb.Append(s);
                if (frac != 0) sb.Append('.').Append(frac.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0'));
                rest = 0;
                continue;
            }
            var v = f == type.EndField ? rest / unit[f] : rest / unit[f];
            rest -= v * unit[f];
            sb.Append(f == type.StartField ? v.ToString() : ((long)v).ToString("00", CultureInfo.InvariantCulture));
        }
        var fields = type.StartField == type.EndField ? DayTimeNames[type.StartField] : $"{DayTimeNames[type.StartField]} TO {DayTimeNames[type.EndField]}";
        return $"INTERVAL '{sign}{sb}' {fields}";
    }

    public static string FormatYearMonth(int months, YearMonthIntervalType type)
    {
        var sign = months < 0 ? "-" : "";
        var abs = Math.Abs((long)months);
        string body = (type.StartField, type.EndField) switch
        {
            (YearMonthIntervalType.Year, YearMonthIntervalType.Year) => (abs / 12).ToString(CultureInfo.InvariantCulture),
            (YearMonthIntervalType.Month, _) => abs.ToString(CultureInfo.InvariantCulture),
            _ => $"{abs / 12}-{abs % 12}",
        };
        var fields = type.StartField == type.EndField ? YearMonthNames[type.StartField] : "YEAR TO MONTH";
        return $"INTERVAL '{sign}{body}' {fields}";
    }

    [GeneratedRegex(@"^\s*INTERVAL\s+'([^']*)'\s+([A-Za-z]+)(?:\s+TO\s+([A-Za-z]+))?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Wrapped();

    /// <summary>The body, field range and sign of an interval string: the bare body for the target's fields, or the
    /// full <c>INTERVAL '…' unit [TO unit]</c> form whose units (from <paramref name="names"/>) replace them.</summary>
    private static bool TryUnwrap(string text, string[] names, byte typeStart, byte typeEnd, out string body, out byte start, out byte end, out bool negative)
    {
        body = text.Trim();
        start = typeStart;
        end = typeEnd;
        negative = false;
        var m = Wrapped().Match(body);
        if (m.Success)
        {
            body = m.Groups[1].Value.Trim();
            var s = Array.IndexOf(names, m.Groups[2].Value.ToUpperInvariant());
            var e = m.Groups[3].Success ? Array.IndexOf(names, m.Groups[3].Value.ToUpperInvariant()) : s;
            if (s < 0 || e < s) return false;
            start = (byte)s;
            end = (byte)e;
        }
        if (body.StartsWith('-') || body.StartsWith('+'))
        {
            negative = body[0] == '-';
            body = body[1..];
        }
        return true;
    }

    /// <summary>Parses the interval body for the target's fields (or the full <c>INTERVAL '…' unit</c> form).</summary>
    public static bool TryParseDayTime(string text, DayTimeIntervalType type, out long micros)
    {
        micros = 0;
        if (!TryUnwrap(text, DayTimeNames, type.StartField, type.EndField, out var body, out var start, out var end, out var negative)) return false;
        var parts = new List<string>();
        var seps = new List<char>();
        var current = new StringBuilder();
        foreach (var c in body)
        {
            if (c is ' ' or ':')
            {
                parts.Add(current.ToString());
                seps.Add(c);
                current.Clear();
            }
            else current.Append(c);
        }
        parts.Add(current.ToString());
        if (parts.Count != end - start + 1) return false;
        decimal total = 0;
        long[] unit = [SparkDateTime.MicrosPerDay, SparkDateTime.MicrosPerHour, SparkDateTime.MicrosPerMinute, SparkDateTime.MicrosPerSecond];
        for (var i = 0; i < parts.Count; i++)
        {
            var f = start + i;
            if (i > 0 && seps[i - 1] != (f == DayTimeIntervalType.Hour ? ' ' : ':')) return false;
            var styles = f == DayTimeIntervalType.Second ? NumberStyles.AllowDecimalPoint : NumberStyles.None;
            if (!decimal.TryParse(parts[i], styles, CultureInfo.InvariantCulture, out var v)) return false;
            if (i > 0 && (f == DayTimeIntervalType.Hour ? v > 23 : v >= 60)) return false;
            total += v * unit[f];
        }
        total = decimal.Truncate(total);
        if (negative) total = -total;
        if (total > long.MaxValue || total < long.MinValue) return false;
        micros = (long)total;
        // Truncate to the target's end field.
        if (type.EndField != DayTimeIntervalType.Second) micros -= micros % unit[type.EndField];
        return true;
    }

    public static bool TryParseYearMonth(string text, YearMonthIntervalType type, out int months)
    {
        months = 0;
        if (!TryUnwrap(text, YearMonthNames, type.StartField, type.EndField, out var body, out var start, out var end, out var negative)) return false;
        long total;
        if (start != end)
        {
            var dash = body.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 || !long.TryParse(body[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                || !long.TryParse(body[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var mo) || mo > 11) return false;
            total = y * 12 + mo;
        }
        else
        {
            if (!long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) return false;
            total = start == YearMonthIntervalType.Year ? v * 12 : v;
        }
        if (negative) total = -total;
        if (total > int.MaxValue || total < int.MinValue) return false;
        months = (int)total;
        if (type.StartField == YearMonthIntervalType.Year && type.EndField == YearMonthIntervalType.Year) months -= months % 12;
        return true;
    }
}
