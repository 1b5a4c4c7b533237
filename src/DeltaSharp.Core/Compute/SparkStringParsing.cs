using System.Globalization;
using System.Numerics;
using System.Text;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// Spark's parsing of strings in casts (UTF8String.toLong/toLongExact, Double.parseDouble with Spark's special
/// literals, Decimal.fromString, stringToDate, stringToTimestamp). Inputs are trimmed of whitespace and ISO control
/// characters. All methods return false on malformed input; none throws.
/// </summary>
public static class SparkStringParsing
{
    private static bool IsTrimmable(byte b) => b <= 0x20 || b == 0x7F;

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        var start = 0;
        var end = s.Length;
        while (start < end && IsTrimmable(s[start])) start++;
        while (end > start && IsTrimmable(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>An integral value. <paramref name="allowDecimal"/> (non-ANSI) accepts a fraction and truncates it
    /// (<c>'1.9'</c> → 1); ANSI (toLongExact) does not.</summary>
    public static bool TryParseLong(ReadOnlySpan<byte> text, bool allowDecimal, out long value)
    {
        value = 0;
        var s = Trim(text);
        if (s.Length == 0) return false;
        var i = 0;
        var negative = s[0] == '-';
        if (negative || s[0] == '+')
        {
            if (s.Length == 1) return false;
            i = 1;
        }
        long result = 0;
        const long stop = long.MinValue / 10;
        var digits = 0;
        for (; i < s.Length; i++)
        {
            var b = s[i];
            if (b == '.' && allowDecimal)
            {
                i++;
                break;
            }
            if (b is < (byte)'0' or > (byte)'9') return false;
            if (result < stop) return false;
            // Accumulate negatively so long.MinValue parses.
            result = result * 10 - (b - '0');
            if (result > 0) return false;
            digits++;
        }
        for (; i < s.Length; i++)
            if (s[i] is < (byte)'0' or > (byte)'9') return false;
        if (digits == 0 && !allowDecimal) return false;
        if (!negative)
        {
            if (result == long.MinValue) return false;
            result = -result;
        }
        value = result;
        return true;
    }

    /// <summary>A double as Java's Double.parseDouble with Spark's extra literals (inf, +inf, -inf, infinity, nan;
    /// any case). Java's trailing d/D/f/F suffix is accepted.</summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var s = Trim(text);
        if (s.Length == 0 || s.Length > 400) return false;
        Span<char> buf = stackalloc char[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] >= 0x80) return false;
            buf[i] = (char)s[i];
        }
        if (TrySpecial(buf, out value)) return true;
        return TryParseJavaFloating(buf, out value);
    }

    public static bool TryParseFloat(ReadOnlySpan<byte> text, out float value)
    {
        value = 0;
        var s = Trim(text);
        if (s.Length == 0 || s.Length > 400) return false;
        Span<char> buf = stackalloc char[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] >= 0x80) return false;
            buf[i] = (char)s[i];
        }
        if (TrySpecial(buf, out var d))
        {
            value = (float)d;
            return true;
        }
        if (!IsJavaFloatingSyntax(ref buf)) return false;
        return float.TryParse(buf, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool TrySpecial(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        Span<char> lower = stackalloc char[Math.Min(s.Length, 16)];
        if (s.Length > 16) return false;
        for (var i = 0; i < s.Length; i++) lower[i] = char.ToLowerInvariant(s[i]);
        switch (lower)
        {
            case "inf" or "+inf" or "infinity" or "+infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
            case "nan" or "+nan" or "-nan": value = double.NaN; return true;
        }
        return false;
    }

    private static bool TryParseJavaFloating(Span<char> s, out double value)
    {
        value = 0;
        if (!IsJavaFloatingSyntax(ref s)) return false;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>[sign] digits [. digits] [(e|E) [sign] digits] [d|D|f|F], with at least one mantissa digit.</summary>
    private static bool IsJavaFloatingSyntax(ref Span<char> s)
    {
        if (s.Length > 0 && s[^1] is 'd' or 'D' or 'f' or 'F') s = s[..^1];
        var i = 0;
        if (i < s.Length && s[i] is '+' or '-') i++;
        var mantissa = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; mantissa++; }
        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; mantissa++; }
        }
        if (mantissa == 0) return false;
        if (i < s.Length && s[i] is 'e' or 'E')
        {
            i++;
            if (i < s.Length && s[i] is '+' or '-') i++;
            var exp = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i])) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == s.Length;
    }

    /// <summary>A decimal in plain or exponent notation as an exact (unscaled, scale) pair (Java BigDecimal syntax).</summary>
    public static bool TryParseBigDecimal(ReadOnlySpan<byte> text, out BigInteger unscaled, out int scale)
    {
        unscaled = BigInteger.Zero;
        scale = 0;
        var s = Trim(text);
        if (s.Length == 0 || s.Length > 1000) return false;
        var i = 0;
        var negative = false;
        if (s[0] is (byte)'+' or (byte)'-')
        {
            negative = s[0] == '-';
            i++;
        }
        var digits = new StringBuilder(s.Length);
        var fraction = 0;
        var seenDot = false;
        for (; i < s.Length; i++)
        {
            var b = s[i];
            if (b == '.')
            {
                if (seenDot) return false;
                seenDot = true;
                continue;
            }
            if (b is (byte)'e' or (byte)'E') break;
            if (b is < (byte)'0' or > (byte)'9') return false;
            digits.Append((char)b);
            if (seenDot) fraction++;
        }
        if (digits.Length == 0) return false;
        var exponent = 0L;
        if (i < s.Length)
        {
            i++;
            if (i >= s.Length) return false;
            var expNeg = false;
            if (s[i] is (byte)'+' or (byte)'-')
            {
                expNeg = s[i] == '-';
                i++;
            }
            if (i >= s.Length) return false;
            for (; i < s.Length; i++)
            {
                if (s[i] is < (byte)'0' or > (byte)'9') return false;
                exponent = exponent * 10 + (s[i] - '0');
                if (exponent > 100_000) return false;
            }
            if (expNeg) exponent = -exponent;
        }
        unscaled = BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture);
        if (negative) unscaled = -unscaled;
        scale = (int)(fraction - exponent);
        return true;
    }

    /// <summary>Spark's string to boolean: t, true, y, yes, 1 / f, false, n, no, 0 (any case, trimmed).</summary>
    public static bool TryParseBoolean(ReadOnlySpan<byte> text, out bool value)
    {
        value = false;
        var s = Trim(text);
        if (s.Length > 5) return false;
        Span<char> lower = stackalloc char[s.Length];
        for (var i = 0; i < s.Length; i++) lower[i] = char.ToLowerInvariant((char)s[i]);
        switch (lower)
        {
            case "t" or "true" or "y" or "yes" or "1": value = true; return true;
            case "f" or "false" or "n" or "no" or "0": value = false; return true;
            default: return false;
        }
    }

    /// <summary>
    /// Spark's stringToDate: <c>[+-]yyyy*</c>, <c>[+-]yyyy*-[m]m</c>, <c>[+-]yyyy*-[m]m-[d]d</c>, optionally followed by
    /// ' ' or 'T' and anything (ignored). Years have 4 to 7 digits.
    /// </summary>
    public static bool TryParseDate(ReadOnlySpan<byte> text, out int days)
    {
        days = 0;
        var s = Trim(text);
        if (s.Length == 0) return false;
        Span<int> seg = [1, 1, 1];
        var sign = 1;
        var j = 0;
        if (s[0] is (byte)'-' or (byte)'+')
        {
            sign = s[0] == '-' ? -1 : 1;
            j = 1;
        }
        var i = 0;
        var value = 0;
        var digits = 0;
        while (j < s.Length && i < 3 && s[j] != ' ' && s[j] != 'T')
        {
            var b = s[j];
            if (i < 2 && b == '-')
            {
                if (!ValidDateDigits(i, digits)) return false;
                seg[i] = value;
                value = 0;
                digits = 0;
                i++;
            }
            else
            {
                if (b is < (byte)'0' or > (byte)'9') return false;
                value = value * 10 + (b - '0');
                digits++;
                if (digits > 7) return false;
            }
            j++;
        }
        if (!ValidDateDigits(i, digits)) return false;
        if (i < 2 && j < s.Length) return false;
        seg[i] = value;
        var year = sign * seg[0];
        if (!SparkDateTime.IsValidDate(year, seg[1], seg[2])) return false;
        days = (int)SparkDateTime.DaysFromCivil(year, seg[1], seg[2]);
        return true;
    }

    private static bool ValidDateDigits(int segment, int digits) =>
        segment == 0 ? digits is >= 4 and <= 7 : digits is > 0 and <= 2;

    /// <summary>
    /// Spark's stringToTimestamp: a date as <see cref="TryParseDate"/> optionally followed by ' ' or 'T' and
    /// <c>[h]h[:[m]m[:[s]s[.fraction]]]</c> and a zone (Z, ±h[h][[:]mm], UTC/GMT/UT±…, region id); or a time alone
    /// (then <paramref name="today"/> is the date). Fraction digits beyond microseconds are truncated. Returns the
    /// local wall-clock micros and the zone written in the text (null when absent).
    /// </summary>
    public static bool TryParseTimestampParts(ReadOnlySpan<byte> text, int today, out long localMicros, out TimeZoneInfo? zone)
    {
        localMicros = 0;
        zone = null;
        var s = Trim(text);
        if (s.Length == 0) return false;
        int days;
        int rest;
        var timeOnly = s[0] == 'T' || IsTimeOnly(s);
        if (timeOnly)
        {
            days = today;
            rest = s[0] == 'T' ? 1 : 0;
        }
        else
        {
            var end = 0;
            while (end < s.Length && s[end] != ' ' && s[end] != 'T') end++;
            // A date whose year part is followed by a zone-less time needs a full yyyy-mm-dd.
            if (!TryParseDate(s[..end], out days)) return false;
            if (end < s.Length && CountDashes(s[..end]) < 2) return false;
            rest = end < s.Length ? end + 1 : end;
        }
        long tod = 0;
        var j = rest;
        if (j < s.Length)
        {
            Span<int> t = [0, 0, 0];
            var seg = 0;
            var digits = 0;
            var value = 0;
            while (j < s.Length)
            {
                var b = s[j];
                if (b is >= (byte)'0' and <= (byte)'9')
                {
                    value = value * 10 + (b - '0');
                    if (++digits > 2) return false;
                    j++;
                    continue;
                }
                if (b == ':' && seg < 2)
                {
                    if (digits == 0) return false;
                    t[seg++] = value;
                    value = 0;
                    digits = 0;
                    j++;
                    continue;
                }
                break;
            }
            if (digits == 0)
            {
                // "2020-01-01 " (date and a separator only) is fine; anything else needs digits.
                if (j != rest || (j < s.Length && !StartsZone(s[j..]))) return false;
            }
            else t[seg] = value;
            long fraction = 0;
            if (j < s.Length && s[j] == '.' && seg == 2)
            {
                j++;
                var fd = 0;
                while (j < s.Length && s[j] is >= (byte)'0' and <= (byte)'9')
                {
                    if (fd < 6) fraction = fraction * 10 + (s[j] - '0');
                    fd++;
                    j++;
                }
                for (var k = Math.Min(fd, 6); k < 6; k++) fraction *= 10;
            }
            if (t[0] > 23 || t[1] > 59 || t[2] > 59) return false;
            tod = t[0] * SparkDateTime.MicrosPerHour + t[1] * SparkDateTime.MicrosPerMinute + t[2] * SparkDateTime.MicrosPerSecond + fraction;
            if (j < s.Length)
            {
                var zoneText = Encoding.ASCII.GetString(s[j..]).Trim();
                if (zoneText.Length == 0 || !SparkDateTime.TryGetZone(zoneText, out var z)) return false;
                zone = z;
            }
        }
        try
        {
            localMicros = checked((long)days * SparkDateTime.MicrosPerDay + tod);
        }
        catch (OverflowException)
        {
            return false;
        }
        return true;
    }

    private static bool StartsZone(ReadOnlySpan<byte> s) => s.Length > 0 && (s[0] is (byte)'Z' or (byte)'+' or (byte)'-' || char.IsAsciiLetter((char)s[0]));

    private static int CountDashes(ReadOnlySpan<byte> s)
    {
        var n = 0;
        for (var i = 1; i < s.Length; i++)
            if (s[i] == '-') n++;
        return n;
    }

    private static bool IsTimeOnly(ReadOnlySpan<byte> s)
    {
        // [h]h:… before any '-' of a date.
        for (var i = 0; i < s.Length && i < 3; i++)
        {
            if (s[i] == ':') return i > 0;
            if (s[i] is < (byte)'0' or > (byte)'9') return false;
        }
        return false;
    }

    /// <summary>A timestamp (instant) from text: the text's zone if any, else <paramref name="sessionZone"/>.</summary>
    public static bool TryParseTimestamp(ReadOnlySpan<byte> text, TimeZoneInfo sessionZone, int today, out long micros)
    {
        micros = 0;
        if (!TryParseTimestampParts(text, today, out var local, out var zone)) return false;
        micros = SparkDateTime.LocalToUtc(zone ?? sessionZone, local);
        return true;
    }

    /// <summary>A timestamp_ntz from text (a zone suffix is accepted and ignored, as Spark's cast does).</summary>
    public static bool TryParseTimestampNtz(ReadOnlySpan<byte> text, int today, out long micros) =>
        TryParseTimestampParts(text, today, out micros, out _);
}
