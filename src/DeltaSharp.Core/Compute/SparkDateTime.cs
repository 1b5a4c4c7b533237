using System.Globalization;
using System.Text;

namespace DeltaSharp.Compute;

/// <summary>
/// Calendar arithmetic on Spark's physical date/time values: dates as days since 1970-01-01 and timestamps as
/// microseconds since the epoch, on the proleptic Gregorian calendar over Spark's whole range (beyond
/// <see cref="DateTime"/>'s). Local/UTC conversions follow java.time: in a gap the local time moves forward by the
/// gap, in an overlap the earlier instant wins. Thread-safe.
/// </summary>
public static class SparkDateTime
{
    public const long MicrosPerSecond = 1_000_000L;
    public const long MicrosPerMinute = 60 * MicrosPerSecond;
    public const long MicrosPerHour = 60 * MicrosPerMinute;
    public const long MicrosPerDay = 24 * MicrosPerHour;

    /// <summary>(year, month 1-12, day 1-31) of a day number.</summary>
    public static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        var z = days + 719468;
        var era = (z >= 0 ? z : z - 146096) / 146097;
        var doe = z - era * 146097;
        var yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        var y = yoe + era * 400;
        var doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        var mp = (5 * doy + 2) / 153;
        var d = doy - (153 * mp + 2) / 5 + 1;
        var m = mp < 10 ? mp + 3 : mp - 9;
        return ((int)(y + (m <= 2 ? 1 : 0)), (int)m, (int)d);
    }

    /// <summary>Day number of a valid (year, month, day).</summary>
    public static long DaysFromCivil(long year, int month, int day)
    {
        var y = year - (month <= 2 ? 1 : 0);
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    public static bool IsLeapYear(long year) => (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    public static int DaysInMonth(long year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    public static bool IsValidDate(long year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DaysInMonth(year, month);

    public static long FloorDiv(long a, long b) => Math.DivRem(a, b) is var (q, r) && r != 0 && ((r < 0) != (b < 0)) ? q - 1 : q;

    public static long FloorMod(long a, long b) => a - FloorDiv(a, b) * b;

    /// <summary>ISO day of week, 1 = Monday … 7 = Sunday.</summary>
    public static int IsoDayOfWeek(long days) => (int)FloorMod(days + 3, 7) + 1;

    // ---- time zones ----

    private static readonly DateTime MinUtc = DateTime.SpecifyKind(DateTime.MinValue.AddDays(2), DateTimeKind.Utc);
    private static readonly DateTime MaxUtc = DateTime.SpecifyKind(DateTime.MaxValue.AddDays(-2), DateTimeKind.Utc);
    private const long EpochTicks = 621355968000000000L;

    /// <summary>The zone's UTC offset at an instant, in microseconds.</summary>
    public static long OffsetMicros(TimeZoneInfo zone, long utcMicros)
    {
        if (zone == TimeZoneInfo.Utc || zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime) return 0;
        var ticks = utcMicros / 10 < long.MaxValue / 100 ? EpochTicks + utcMicros * 10 : MaxUtc.Ticks;
        var dt = ticks < MinUtc.Ticks ? MinUtc : ticks > MaxUtc.Ticks ? MaxUtc : new DateTime(ticks, DateTimeKind.Utc);
        return zone.GetUtcOffset(dt).Ticks / 10;
    }

    /// <summary>Local wall-clock micros of an instant in the zone.</summary>
    public static long UtcToLocal(TimeZoneInfo zone, long utcMicros) => utcMicros + OffsetMicros(zone, utcMicros);

    /// <summary>The instant of a local wall-clock time (gap: shifted forward; overlap: earlier instant).</summary>
    public static long LocalToUtc(TimeZoneInfo zone, long localMicros)
    {
        if (zone == TimeZoneInfo.Utc) return localMicros;
        var o1 = OffsetMicros(zone, localMicros - OffsetMicros(zone, localMicros));
        var before = OffsetMicros(zone, localMicros - MicrosPerDay);
        var after = OffsetMicros(zone, localMicros + MicrosPerDay);
        long? best = null;
        foreach (var o in (ReadOnlySpan<long>)[o1, before, after])
        {
            if (OffsetMicros(zone, localMicros - o) != o) continue;
            var instant = localMicros - o;
            if (best is null || instant < best) best = instant;
        }
        // In a gap no offset is consistent: java.time keeps the offset before the transition.
        return best ?? localMicros - before;
    }

    /// <summary>Resolves a Spark zone id: Z, UTC, GMT, UT, ±hh[:mm[:ss]], ±hhmm, (UTC|GMT|UT)±…, region ids, and the
    /// short ids of java.time (PST, EST, …).</summary>
    public static bool TryGetZone(string id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        var s = id.Trim();
        if (s.Length == 0) return false;
        if (s is "Z" or "z" || s.Equals("UTC", StringComparison.OrdinalIgnoreCase) || s.Equals("GMT", StringComparison.OrdinalIgnoreCase)
            || s.Equals("UT", StringComparison.OrdinalIgnoreCase) || s.Equals("Etc/UTC", StringComparison.OrdinalIgnoreCase))
            return true;
        foreach (var prefix in (ReadOnlySpan<string>)["UTC", "GMT", "UT"])
        {
            if (s.Length > prefix.Length && s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && s[prefix.Length] is '+' or '-')
                return TryParseOffset(s[prefix.Length..], out zone);
        }
        if (s[0] is '+' or '-') return TryParseOffset(s, out zone);
        if (ShortIds.TryGetValue(s, out var mapped))
        {
            if (mapped[0] is '+' or '-') return TryParseOffset(mapped, out zone);
            s = mapped;
        }
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(s);
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }

    private static readonly Dictionary<string, string> ShortIds = new(StringComparer.Ordinal)
    {
        ["ACT"] = "Australia/Darwin", ["AET"] = "Australia/Sydney", ["AGT"] = "America/Argentina/Buenos_Aires",
        ["ART"] = "Africa/Cairo", ["AST"] = "America/Anchorage", ["BET"] = "America/Sao_Paulo", ["BST"] = "Asia/Dhaka",
        ["CAT"] = "Africa/Harare", ["CNT"] = "America/St_Johns", ["CST"] = "America/Chicago", ["CTT"] = "Asia/Shanghai",
        ["EAT"] = "Africa/Addis_Ababa", ["ECT"] = "Europe/Paris", ["IET"] = "America/Indiana/Indianapolis", ["IST"] = "Asia/Kolkata",
        ["JST"] = "Asia/Tokyo", ["MIT"] = "Pacific/Apia", ["NET"] = "Asia/Yerevan", ["NST"] = "Pacific/Auckland",
        ["PLT"] = "Asia/Karachi", ["PNT"] = "America/Phoenix", ["PRT"] = "America/Puerto_Rico", ["PST"] = "America/Los_Angeles",
        ["SST"] = "Pacific/Guadalcanal", ["VST"] = "Asia/Ho_Chi_Minh", ["EST"] = "-05:00", ["MST"] = "-07:00", ["HST"] = "-10:00",
        // Not in java.time's SHORT_IDS (Spark casts them to null), but Databricks' time-travel documentation writes
        // cast('2018-10-18 13:36:32 CEST' as timestamp): the summer-time abbreviations are read as their fixed
        // offsets (docs/decisions/0004-summer-time-zone-abbreviations.md).
        ["CEST"] = "+02:00", ["EEST"] = "+03:00", ["WEST"] = "+01:00",
        ["EDT"] = "-04:00", ["CDT"] = "-05:00", ["MDT"] = "-06:00", ["PDT"] = "-07:00",
    };

    /// <summary>Parses ±h, ±hh, ±hh:mm, ±hhmm, ±hh:mm:ss into a fixed-offset zone (|offset| ≤ 18h).</summary>
    public static bool TryParseOffset(string s, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (!TryParseOffsetSeconds(s, out var seconds)) return false;
        zone = FixedOffset(seconds);
        return true;
    }

    public static bool TryParseOffsetSeconds(string s, out int seconds)
    {
        seconds = 0;
        if (s.Length < 2 || s[0] is not ('+' or '-')) return false;
        var sign = s[0] == '-' ? -1 : 1;
        var body = s[1..];
        int h, m = 0, sec = 0;
        var parts = body.Split(':');
        if (parts.Length == 1)
        {
            if (body.Length is 1 or 2) h = ParseDigits(body);
            else if (body.Length == 4) { h = ParseDigits(body[..2]); m = ParseDigits(body[2..]); }
            else if (body.Length == 6) { h = ParseDigits(body[..2]); m = ParseDigits(body[2..4]); sec = ParseDigits(body[4..]); }
            else return false;
        }
        else if (parts.Length is 2 or 3)
        {
            if (parts[0].Length is < 1 or > 2 || parts[1].Length != 2) return false;
            h = ParseDigits(parts[0]);
            m = ParseDigits(parts[1]);
            if (parts.Length == 3) sec = parts[2].Length == 2 ? ParseDigits(parts[2]) : -1;
        }
        else return false;
        if (h < 0 || m < 0 || sec < 0 || h > 18 || m > 59 || sec > 59 || (h == 18 && (m > 0 || sec > 0))) return false;
        seconds = sign * (h * 3600 + m * 60 + sec);
        return true;
    }

    private static int ParseDigits(string s)
    {
        var v = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return s.Length == 0 ? -1 : v;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, TimeZoneInfo> FixedZones = new();

    public static TimeZoneInfo FixedOffset(int seconds) => seconds == 0 ? TimeZoneInfo.Utc : FixedZones.GetOrAdd(seconds, s =>
    {
        var sign = s < 0 ? "-" : "+";
        var a = Math.Abs(s);
        var name = string.Create(CultureInfo.InvariantCulture, $"{sign}{a / 3600:00}:{a / 60 % 60:00}{(a % 60 != 0 ? $":{a % 60:00}" : "")}");
        return TimeZoneInfo.CreateCustomTimeZone(name, TimeSpan.FromSeconds(s), name, name);
    });

    // ---- formatting ----

    /// <summary>yyyy-MM-dd (years beyond 9999 with '+', before year 0 with '-').</summary>
    public static string FormatDate(long days)
    {
        var (y, m, d) = CivilFromDays(days);
        var sb = new StringBuilder(12);
        AppendYear(sb, y);
        sb.Append('-').Append(Two(m)).Append('-').Append(Two(d));
        return sb.ToString();
    }

    /// <summary>Spark's default timestamp text: <c>yyyy-MM-dd HH:mm:ss[.SSSSSS]</c> with trailing fraction zeros removed.</summary>
    public static string FormatTimestamp(long micros, TimeZoneInfo zone) => FormatLocal(UtcToLocal(zone, micros));

    /// <summary>Formats wall-clock micros (timestamp_ntz, or a timestamp already shifted to local time).</summary>
    public static string FormatLocal(long localMicros)
    {
        var days = FloorDiv(localMicros, MicrosPerDay);
        var tod = localMicros - days * MicrosPerDay;
        var (y, m, d) = CivilFromDays(days);
        var sb = new StringBuilder(26);
        AppendYear(sb, y);
        sb.Append('-').Append(Two(m)).Append('-').Append(Two(d)).Append(' ');
        sb.Append(Two((int)(tod / MicrosPerHour))).Append(':').Append(Two((int)(tod / MicrosPerMinute % 60))).Append(':')
            .Append(Two((int)(tod / MicrosPerSecond % 60)));
        var frac = (int)(tod % MicrosPerSecond);
        if (frac != 0) sb.Append('.').Append(frac.ToString("000000", CultureInfo.InvariantCulture).TrimEnd('0'));
        return sb.ToString();
    }

    private static void AppendYear(StringBuilder sb, int y)
    {
        if (y > 9999) sb.Append('+').Append(y.ToString(CultureInfo.InvariantCulture));
        else if (y < 0) sb.Append('-').Append((-y).ToString("0000", CultureInfo.InvariantCulture));
        else sb.Append(y.ToString("0000", CultureInfo.InvariantCulture));
    }

    private static string Two(int v) => v < 10 ? "0" + v.ToString(CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
}
