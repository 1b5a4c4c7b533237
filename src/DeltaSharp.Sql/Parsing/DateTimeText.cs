using System.Text.RegularExpressions;

namespace DeltaSharp.Sql.Parsing;

/// <summary>The fields of a date or timestamp string; <see cref="Zone"/> is the zone text as written (null when none).</summary>
internal readonly record struct DateTimeParts(int Year, int Month, int Day, int Hour, int Minute, int Second, int Nanosecond, string? Zone);

/// <summary>
/// Spark's accepted forms of date and timestamp strings (DateTimeUtils.stringToDate / stringToTimestamp), used to
/// check <c>DATE '…'</c> / <c>TIMESTAMP '…'</c> literals at parse time. Dates: <c>yyyy</c>, <c>yyyy-[m]m</c>,
/// <c>yyyy-[m]m-[d]d</c>, optionally followed by <c>' '</c> or <c>T</c> and anything (ignored for a date); years have
/// 4 to 7 digits and an optional sign. Timestamps add <c>[h]h:[m]m[:[s]s[.fraction]]</c> and an optional zone
/// (<c>Z</c>, <c>+01:00</c>, <c>UTC</c>, <c>Europe/Paris</c>, …). The binder converts; this only splits and checks.
/// </summary>
internal static partial class DateTimeText
{
    public static bool TryParseDate(string text, out DateTimeParts parts)
    {
        parts = default;
        var s = text.Trim();
        var i = 0;
        if (!TryParseDatePart(s, ref i, out var year, out var month, out var day)) return false;
        if (i < s.Length && s[i] is not (' ' or 'T')) return false;
        parts = new DateTimeParts(year, month, day, 0, 0, 0, 0, null);
        return true;
    }

    public static bool TryParseTimestamp(string text, out DateTimeParts parts)
    {
        parts = default;
        var s = text.Trim();
        var i = 0;
        if (!TryParseDatePart(s, ref i, out var year, out var month, out var day)) return false;
        if (i == s.Length)
        {
            parts = new DateTimeParts(year, month, day, 0, 0, 0, 0, null);
            return true;
        }
        if (s[i] is not (' ' or 'T')) return false;
        i++;
        if (i == s.Length)
        {
            parts = new DateTimeParts(year, month, day, 0, 0, 0, 0, null);
            return true;
        }
        if (!TryDigits(s, ref i, 1, 2, out var hour) || hour > 23) return false;
        if (i >= s.Length || s[i] != ':') return false;
        i++;
        if (!TryDigits(s, ref i, 1, 2, out var minute) || minute > 59) return false;
        var second = 0;
        var nanos = 0;
        if (i < s.Length && s[i] == ':')
        {
            i++;
            if (!TryDigits(s, ref i, 1, 2, out second) || second > 59) return false;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                var fractionStart = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]) && i - fractionStart < 9) i++;
                var fraction = s[fractionStart..i];
                nanos = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(9, '0'), System.Globalization.CultureInfo.InvariantCulture);
                if (i < s.Length && char.IsAsciiDigit(s[i])) return false;
            }
        }
        var zone = s[i..].Trim();
        if (zone.Length > 0 && !ZonePattern().IsMatch(zone)) return false;
        parts = new DateTimeParts(year, month, day, hour, minute, second, nanos, zone.Length == 0 ? null : zone);
        return true;
    }

    private static bool TryParseDatePart(string s, ref int i, out int year, out int month, out int day)
    {
        year = 0;
        month = 1;
        day = 1;
        var negative = false;
        if (i < s.Length && s[i] is '+' or '-')
        {
            negative = s[i] == '-';
            i++;
        }
        if (!TryDigits(s, ref i, 4, 7, out year)) return false;
        if (negative) year = -year;
        if (i < s.Length && s[i] == '-')
        {
            i++;
            if (!TryDigits(s, ref i, 1, 2, out month)) return false;
            if (i < s.Length && s[i] == '-')
            {
                i++;
                if (!TryDigits(s, ref i, 1, 2, out day)) return false;
            }
        }
        return month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);
    }

    private static bool TryDigits(string s, ref int i, int min, int max, out int value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]) && i - start < max)
        {
            value = value * 10 + (s[i] - '0');
            i++;
        }
        if (i < s.Length && char.IsAsciiDigit(s[i])) return false;
        return i - start >= min;
    }

    private static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeap(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    // Proleptic Gregorian, as Spark 3+.
    private static bool IsLeap(int year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    [GeneratedRegex(@"^(Z|[+-]\d{1,2}(:?\d{2}(:?\d{2})?)?|(UTC|GMT|UT)([+-]\d{1,2}(:?\d{2})?)?|[A-Za-z][A-Za-z0-9_/+\-]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex ZonePattern();
}
