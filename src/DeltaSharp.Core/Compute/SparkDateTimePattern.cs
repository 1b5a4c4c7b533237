using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace DeltaSharp.Compute;

/// <summary>
/// Spark's datetime patterns (https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html, java.time
/// DateTimeFormatter letters) compiled once per pattern text: formats local date-times and parses text strictly
/// (whole input, case-insensitive text fields, fields absent from the pattern default to 1970-01-01 00:00:00).
/// Supported letters: G y M L d D Q q E a h K k H m s S V z O X x Z, quoted text and optional sections [ ].
/// Immutable and thread-safe; <see cref="Get"/> caches compiled patterns.
/// </summary>
public sealed class SparkDateTimePattern
{
    private static readonly ConcurrentDictionary<string, SparkDateTimePattern> Cache = new(StringComparer.Ordinal);
    private static readonly string[] MonthsShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    private static readonly string[] MonthsLong = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] DaysShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] DaysLong = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private const string Letters = "GyMLdDQqEahKkHmsSVzOXxZ";

    private readonly Token[] _tokens;

    private SparkDateTimePattern(string pattern, Token[] tokens)
    {
        Pattern = pattern;
        _tokens = tokens;
    }

    public string Pattern { get; }

    /// <summary>The compiled pattern; throws ComputeException INVALID_DATETIME_PATTERN for letters Spark rejects.</summary>
    public static SparkDateTimePattern Get(string pattern) => Cache.TryGetValue(pattern, out var p) ? p : Cache.GetOrAdd(pattern, Compile(pattern));

    private abstract record Token;
    private sealed record LiteralToken(string Text) : Token;
    private sealed record FieldToken(char Letter, int Count) : Token;
    private sealed record OptionalToken(Token[] Inner) : Token;

    private static SparkDateTimePattern Compile(string pattern)
    {
        var pos = 0;
        var tokens = CompileSection(pattern, ref pos, nested: false);
        return new SparkDateTimePattern(pattern, tokens);
    }

    private static Token[] CompileSection(string p, ref int i, bool nested)
    {
        var list = new List<Token>();
        while (i < p.Length)
        {
            var c = p[i];
            if (c == '\'')
            {
                var end = i + 1;
                var sb = new StringBuilder();
                if (end < p.Length && p[end] == '\'')
                {
                    list.Add(new LiteralToken("'"));
                    i += 2;
                    continue;
                }
                while (end < p.Length)
                {
                    if (p[end] == '\'')
                    {
                        if (end + 1 < p.Length && p[end + 1] == '\'')
                        {
                            sb.Append('\'');
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    sb.Append(p[end++]);
                }
                if (end >= p.Length) throw Invalid(p, "unterminated quote");
                list.Add(new LiteralToken(sb.ToString()));
                i = end + 1;
                continue;
            }
            if (c == '[')
            {
                i++;
                list.Add(new OptionalToken(CompileSection(p, ref i, nested: true)));
                continue;
            }
            if (c == ']')
            {
                if (!nested) throw Invalid(p, "unmatched ']'");
                i++;
                return [.. list];
            }
            if (char.IsAsciiLetter(c))
            {
                var n = 1;
                while (i + n < p.Length && p[i + n] == c) n++;
                if (Letters.IndexOf(c, StringComparison.Ordinal) < 0)
                {
                    if (c is 'Y' or 'w' or 'u' or 'e' or 'c' or 'W' or 'F')
                        throw new ComputeException("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_WEEK_BASED_PATTERN",
                            $"Spark >= 3.0: All week-based patterns are unsupported since Spark 3.0, detected week-based character: {c}. Please use the SQL function EXTRACT instead.");
                    throw Invalid(p, $"Illegal pattern character '{c}'");
                }
                if ((c is 'M' or 'L' or 'E' && n > 5) || (c is 'd' or 'H' or 'h' or 'K' or 'k' or 'm' or 's' && n > 2) || (c is 'D' && n > 3)
                    || (c is 'Q' or 'q' && n > 5) || (c == 'a' && n > 1) || (c == 'S' && n > 9) || (c == 'G' && n > 5))
                    throw new ComputeException("INCONSISTENT_BEHAVIOR_CROSS_VERSION.DATETIME_PATTERN_RECOGNITION",
                        $"Spark >= 3.0: Fail to recognize '{p}' pattern in the DateTimeFormatter. You can form a valid datetime pattern with the guide from 'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'.");
                list.Add(new FieldToken(c, n));
                i += n;
                continue;
            }
            list.Add(new LiteralToken(c.ToString()));
            i++;
        }
        if (nested) throw Invalid(p, "unterminated '['");
        return [.. list];
    }

    private static ComputeException Invalid(string pattern, string detail) => new("INVALID_DATETIME_PATTERN.WITH_SUGGESTION",
        $"Unrecognized datetime pattern: {pattern} ({detail}). You can form a valid datetime pattern with the guide from 'https://spark.apache.org/docs/latest/sql-ref-datetime-pattern.html'.");

    // ---- formatting ----

    /// <summary>Formats local wall-clock micros; <paramref name="zone"/> and <paramref name="utcMicros"/> feed zone letters.</summary>
    public string Format(long localMicros, TimeZoneInfo zone, long utcMicros)
    {
        var sb = new StringBuilder(Pattern.Length + 8);
        var days = SparkDateTime.FloorDiv(localMicros, SparkDateTime.MicrosPerDay);
        var tod = localMicros - days * SparkDateTime.MicrosPerDay;
        var (y, m, d) = SparkDateTime.CivilFromDays(days);
        var ctx = new FormatContext(y, m, d, days, tod, zone, localMicros - utcMicros);
        AppendTokens(sb, _tokens, ctx);
        return sb.ToString();
    }

    private readonly record struct FormatContext(int Year, int Month, int Day, long Days, long TimeOfDay, TimeZoneInfo Zone, long OffsetMicros);

    private static void AppendTokens(StringBuilder sb, Token[] tokens, in FormatContext c)
    {
        foreach (var t in tokens)
        {
            switch (t)
            {
                case LiteralToken l: sb.Append(l.Text); break;
                case OptionalToken o: AppendTokens(sb, o.Inner, c); break;
                case FieldToken f: AppendField(sb, f.Letter, f.Count, c); break;
            }
        }
    }

    private static void AppendField(StringBuilder sb, char letter, int n, in FormatContext c)
    {
        var hour = (int)(c.TimeOfDay / SparkDateTime.MicrosPerHour);
        switch (letter)
        {
            case 'G': sb.Append(n == 4 ? (c.Year > 0 ? "Anno Domini" : "Before Christ") : n == 5 ? (c.Year > 0 ? "A" : "B") : c.Year > 0 ? "AD" : "BC"); break;
            case 'y':
            {
                var yoe = c.Year > 0 ? c.Year : 1 - c.Year;
                if (n == 2) Pad(sb, yoe % 100, 2);
                else if (n == 4 && yoe > 9999) sb.Append('+').Append(yoe.ToString(CultureInfo.InvariantCulture));
                else Pad(sb, yoe, n);
                break;
            }
            case 'M' or 'L':
                if (n >= 3) sb.Append(n == 3 ? MonthsShort[c.Month - 1] : n == 4 ? MonthsLong[c.Month - 1] : MonthsLong[c.Month - 1][..1]);
                else Pad(sb, c.Month, n);
                break;
            case 'd': Pad(sb, c.Day, n); break;
            case 'D': Pad(sb, (int)(c.Days - SparkDateTime.DaysFromCivil(c.Year, 1, 1)) + 1, n); break;
            case 'Q' or 'q':
            {
                var q = (c.Month - 1) / 3 + 1;
                if (n <= 2) Pad(sb, q, n);
                else sb.Append(n == 3 ? $"Q{q}" : n == 4 ? q switch { 1 => "1st quarter", 2 => "2nd quarter", 3 => "3rd quarter", _ => "4th quarter" } : q.ToString(CultureInfo.InvariantCulture));
                break;
            }
            case 'E':
            {
                var dow = SparkDateTime.IsoDayOfWeek(c.Days) - 1;
                sb.Append(n == 4 ? DaysLong[dow] : n == 5 ? DaysLong[dow][..1] : DaysShort[dow]);
                break;
            }
            case 'a': sb.Append(hour < 12 ? "AM" : "PM"); break;
            case 'h': Pad(sb, hour % 12 == 0 ? 12 : hour % 12, n); break;
            case 'K': Pad(sb, hour % 12, n); break;
            case 'k': Pad(sb, hour == 0 ? 24 : hour, n); break;
            case 'H': Pad(sb, hour, n); break;
            case 'm': Pad(sb, (int)(c.TimeOfDay / SparkDateTime.MicrosPerMinute % 60), n); break;
            case 's': Pad(sb, (int)(c.TimeOfDay / SparkDateTime.MicrosPerSecond % 60), n); break;
            case 'S':
            {
                var nanos = c.TimeOfDay % SparkDateTime.MicrosPerSecond * 1000;
                sb.Append(nanos.ToString("000000000", CultureInfo.InvariantCulture)[..n]);
                break;
            }
            case 'V': sb.Append(ZoneId(c.Zone)); break;
            case 'z': sb.Append(n == 4 ? ZoneId(c.Zone) : ShortZoneName(c.Zone, c.OffsetMicros)); break;
            case 'O': sb.Append(LocalizedOffset(c.OffsetMicros, n == 4)); break;
            case 'X': sb.Append(c.OffsetMicros == 0 ? "Z" : Offset(c.OffsetMicros, n)); break;
            case 'x': sb.Append(Offset(c.OffsetMicros, n)); break;
            case 'Z': sb.Append(n <= 3 ? Offset(c.OffsetMicros, 2) : n == 4 ? LocalizedOffset(c.OffsetMicros, true) : c.OffsetMicros == 0 ? "Z" : Offset(c.OffsetMicros, 3)); break;
        }
    }

    private static void Pad(StringBuilder sb, int v, int width)
    {
        if (v < 0)
        {
            sb.Append('-');
            v = -v;
        }
        var s = v.ToString(CultureInfo.InvariantCulture);
        if (s.Length < width) sb.Append('0', width - s.Length);
        sb.Append(s);
    }

    private static string ZoneId(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    private static string ShortZoneName(TimeZoneInfo zone, long offsetMicros)
    {
        if (zone == TimeZoneInfo.Utc) return "UTC";
        return zone.Id switch
        {
            "America/Los_Angeles" => offsetMicros == -7 * SparkDateTime.MicrosPerHour ? "PDT" : "PST",
            "America/New_York" => offsetMicros == -4 * SparkDateTime.MicrosPerHour ? "EDT" : "EST",
            "America/Chicago" => offsetMicros == -5 * SparkDateTime.MicrosPerHour ? "CDT" : "CST",
            "America/Denver" => offsetMicros == -6 * SparkDateTime.MicrosPerHour ? "MDT" : "MST",
            "Europe/London" => offsetMicros == SparkDateTime.MicrosPerHour ? "BST" : "GMT",
            "Europe/Paris" or "Europe/Berlin" or "Europe/Amsterdam" => offsetMicros == 2 * SparkDateTime.MicrosPerHour ? "CEST" : "CET",
            "Asia/Tokyo" => "JST",
            "Asia/Shanghai" => "CST",
            _ => zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime ? "UTC" : LocalizedOffset(offsetMicros, true),
        };
    }

    private static string LocalizedOffset(long offsetMicros, bool full)
    {
        if (offsetMicros == 0) return "GMT";
        var total = (int)(offsetMicros / SparkDateTime.MicrosPerSecond);
        var sign = total < 0 ? '-' : '+';
        total = Math.Abs(total);
        var h = total / 3600;
        var m = total / 60 % 60;
        return full ? $"GMT{sign}{h:00}:{m:00}" : m == 0 ? $"GMT{sign}{h}" : $"GMT{sign}{h}:{m:00}";
    }

    /// <summary>X/x style offsets: 1 → +hh[mm], 2 → +hhmm, 3 → +hh:mm, 4 → +hhmm[ss], 5 → +hh:mm[:ss].</summary>
    private static string Offset(long offsetMicros, int n)
    {
        var total = (int)(offsetMicros / SparkDateTime.MicrosPerSecond);
        var sign = total < 0 ? '-' : '+';
        total = Math.Abs(total);
        int h = total / 3600, m = total / 60 % 60, s = total % 60;
        var hh = h.ToString("00", CultureInfo.InvariantCulture);
        var mm = m.ToString("00", CultureInfo.InvariantCulture);
        var ss = s.ToString("00", CultureInfo.InvariantCulture);
        return n switch
        {
            1 => m == 0 ? $"{sign}{hh}" : $"{sign}{hh}{mm}",
            2 => $"{sign}{hh}{mm}",
            3 => $"{sign}{hh}:{mm}",
            4 => s == 0 ? $"{sign}{hh}{mm}" : $"{sign}{hh}{mm}{ss}",
            _ => s == 0 ? $"{sign}{hh}:{mm}" : $"{sign}{hh}:{mm}:{ss}",
        };
    }

    // ---- parsing ----

    /// <summary>The parsed fields: wall-clock micros and the zone in the text (null when absent).</summary>
    public readonly record struct Parsed(long LocalMicros, TimeZoneInfo? Zone);

    /// <summary>Parses the whole text. On failure returns false with the index where parsing stopped.</summary>
    public bool TryParse(string text, out Parsed result, out int errorIndex)
    {
        result = default;
        var state = new ParseState();
        var pos = 0;
        if (!ParseTokens(text, ref pos, _tokens, state) || pos != text.Length)
        {
            errorIndex = Math.Min(pos, text.Length);
            return false;
        }
        errorIndex = -1;
        return state.TryResolve(out result);
    }

    private sealed class ParseState
    {
        public long? Year, Month, Day, DayOfYear, Hour, Hour12, Minute, Second, Nanos;
        public bool? Pm;
        public bool Bce;
        public TimeZoneInfo? Zone;

        public ParseState Clone() => (ParseState)MemberwiseClone();

        public void CopyFrom(ParseState o)
        {
            Year = o.Year; Month = o.Month; Day = o.Day; DayOfYear = o.DayOfYear; Hour = o.Hour; Hour12 = o.Hour12;
            Minute = o.Minute; Second = o.Second; Nanos = o.Nanos; Pm = o.Pm; Bce = o.Bce; Zone = o.Zone;
        }

        public bool TryResolve(out Parsed result)
        {
            result = default;
            var year = Year ?? 1970;
            if (Bce) year = 1 - year;
            long days;
            if (DayOfYear is { } doy && Month is null && Day is null)
            {
                if (doy < 1 || doy > (SparkDateTime.IsLeapYear(year) ? 366 : 365)) return false;
                days = SparkDateTime.DaysFromCivil(year, 1, 1) + doy - 1;
            }
            else
            {
                var month = (int)(Month ?? 1);
                var day = (int)(Day ?? 1);
                if (!SparkDateTime.IsValidDate(year, month, day)) return false;
                days = SparkDateTime.DaysFromCivil(year, month, day);
                if (DayOfYear is { } d2 && d2 != days - SparkDateTime.DaysFromCivil(year, 1, 1) + 1) return false;
            }
            long hour;
            if (Hour is { } h) hour = h;
            else if (Hour12 is { } h12) hour = h12 % 12 + (Pm == true ? 12 : 0);
            else hour = Pm == true ? 12 : 0;
            if (hour > 23 || (Minute ?? 0) > 59 || (Second ?? 0) > 59) return false;
            var tod = hour * SparkDateTime.MicrosPerHour + (Minute ?? 0) * SparkDateTime.MicrosPerMinute + (Second ?? 0) * SparkDateTime.MicrosPerSecond + (Nanos ?? 0) / 1000;
            result = new Parsed(days * SparkDateTime.MicrosPerDay + tod, Zone);
            return true;
        }
    }

    private static bool ParseTokens(string s, ref int pos, Token[] tokens, ParseState st)
    {
        for (var k = 0; k < tokens.Length; k++)
        {
            var t = tokens[k];
            switch (t)
            {
                case LiteralToken l:
                    if (string.Compare(s, pos, l.Text, 0, l.Text.Length, StringComparison.OrdinalIgnoreCase) != 0 || pos + l.Text.Length > s.Length) return false;
                    pos += l.Text.Length;
                    break;
                case OptionalToken o:
                {
                    var save = pos;
                    var copy = st.Clone();
                    if (!ParseTokens(s, ref pos, o.Inner, copy)) pos = save;
                    else st.CopyFrom(copy);
                    break;
                }
                case FieldToken f:
                {
                    // A number field directly followed by another number field parses with its fixed width (adjacent value parsing).
                    var adjacent = k + 1 < tokens.Length && tokens[k + 1] is FieldToken next && IsNumeric(next);
                    if (!ParseField(s, ref pos, f, st, adjacent)) return false;
                    break;
                }
            }
        }
        return true;
    }

    private static bool IsNumeric(FieldToken f) => f.Letter switch
    {
        'y' or 'd' or 'D' or 'h' or 'K' or 'k' or 'H' or 'm' or 's' or 'S' => true,
        'M' or 'L' or 'Q' or 'q' => f.Count <= 2,
        _ => false,
    };

    private static bool ParseField(string s, ref int pos, FieldToken f, ParseState st, bool adjacent)
    {
        var n = f.Count;
        switch (f.Letter)
        {
            case 'y':
            {
                if (n == 2)
                {
                    if (!Digits(s, ref pos, 2, 2, out var yy)) return false;
                    st.Year = 2000 + yy;
                    return true;
                }
                var sign = 1;
                if (n >= 4 && pos < s.Length && s[pos] is '+' or '-')
                {
                    sign = s[pos] == '-' ? -1 : 1;
                    pos++;
                }
                if (!Digits(s, ref pos, n == 1 ? 1 : n, adjacent ? n : (n >= 4 ? 9 : n == 1 ? 9 : n), out var y)) return false;
                st.Year = sign * y;
                return true;
            }
            case 'M' or 'L':
                if (n >= 3) return ParseText(s, ref pos, n == 3 ? MonthsShort : MonthsLong, v => st.Month = v + 1);
                return Number(s, ref pos, n, adjacent, v => st.Month = v);
            case 'd': return Number(s, ref pos, n, adjacent, v => st.Day = v);
            case 'D': return Number(s, ref pos, n, adjacent, v => st.DayOfYear = v, max: 3);
            case 'Q' or 'q':
                if (n <= 2) return Number(s, ref pos, n, adjacent, v => st.Month ??= (v - 1) * 3 + 1);
                return ParseText(s, ref pos, ["Q1", "Q2", "Q3", "Q4"], _ => { });
            case 'E': return ParseText(s, ref pos, n == 4 ? DaysLong : DaysShort, _ => { });
            case 'G': return ParseText(s, ref pos, ["BC", "AD"], v => st.Bce = v == 0);
            case 'a': return ParseText(s, ref pos, ["AM", "PM"], v => st.Pm = v == 1);
            case 'h': return Number(s, ref pos, n, adjacent, v => st.Hour12 = v);
            case 'K': return Number(s, ref pos, n, adjacent, v => st.Hour12 = v);
            case 'k': return Number(s, ref pos, n, adjacent, v => st.Hour = v == 24 ? 0 : v);
            case 'H': return Number(s, ref pos, n, adjacent, v => st.Hour = v);
            case 'm': return Number(s, ref pos, n, adjacent, v => st.Minute = v);
            case 's': return Number(s, ref pos, n, adjacent, v => st.Second = v);
            case 'S':
            {
                // Spark parses a run of S as a fraction of 1..n digits.
                var start = pos;
                if (!Digits(s, ref pos, 1, n, out var frac)) return false;
                var digits = pos - start;
                for (var i = digits; i < 9; i++) frac *= 10;
                st.Nanos = frac;
                return true;
            }
            case 'X' or 'x' or 'Z':
            {
                if (f.Letter is 'X' or 'Z' && pos < s.Length && s[pos] is 'Z' or 'z')
                {
                    pos++;
                    st.Zone = TimeZoneInfo.Utc;
                    return true;
                }
                var start = pos;
                if (pos < s.Length && s[pos] is '+' or '-') pos++;
                else return false;
                while (pos < s.Length && (char.IsAsciiDigit(s[pos]) || s[pos] == ':')) pos++;
                if (!SparkDateTime.TryParseOffsetSeconds(s[start..pos], out var secs)) return false;
                st.Zone = SparkDateTime.FixedOffset(secs);
                return true;
            }
            case 'V' or 'z' or 'O':
            {
                var start = pos;
                while (pos < s.Length && (char.IsAsciiLetterOrDigit(s[pos]) || s[pos] is '/' or '_' or '+' or '-' or ':')) pos++;
                if (pos == start || !SparkDateTime.TryGetZone(s[start..pos], out var zone)) return false;
                st.Zone = zone;
                return true;
            }
        }
        return false;
    }

    private static bool Number(string s, ref int pos, int n, bool adjacent, Action<long> set, int max = 2)
    {
        if (!Digits(s, ref pos, n, n == 1 && !adjacent ? Math.Max(max, 2) : n, out var v)) return false;
        set(v);
        return true;
    }

    private static bool Digits(string s, ref int pos, int min, int max, out long value)
    {
        value = 0;
        var start = pos;
        while (pos < s.Length && pos - start < max && char.IsAsciiDigit(s[pos]))
        {
            value = value * 10 + (s[pos] - '0');
            pos++;
        }
        return pos - start >= min;
    }

    private static bool ParseText(string s, ref int pos, string[] options, Action<int> set)
    {
        for (var i = 0; i < options.Length; i++)
        {
            var o = options[i];
            if (pos + o.Length <= s.Length && string.Compare(s, pos, o, 0, o.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                pos += o.Length;
                set(i);
                return true;
            }
        }
        return false;
    }
}
