using DeltaSharp.Types;

namespace DeltaSharp.Values;

/// <summary>
/// Boxing of physical values into the .NET objects used at row-at-a-time edges (tests, tools, the C# API):
/// boolean → bool, byte → sbyte, short → short, integer → int, long → long, float → float, double → double,
/// decimal → <see cref="DecimalValue"/>, string → string, binary → byte[], date → <see cref="DateOnly"/>,
/// timestamp → <see cref="DateTime"/> (UTC), timestamp_ntz → <see cref="DateTime"/> (Unspecified).
/// Timestamps outside DateTime's range box as their raw microsecond count (long).
/// </summary>
public static class ValueConverter
{
    public const long UnixEpochTicks = 621355968000000000L;
    public const int UnixEpochDayNumber = 719162; // DateOnly(1970,1,1).DayNumber

    public static object Box<T>(DataType type, T value) where T : unmanaged
    {
        switch (type)
        {
            case DateType when value is int days:
                return DateFromDays(days) is { } d ? d : days;
            case TimestampType when value is long us:
                return TimestampFromMicros(us, DateTimeKind.Utc) is { } t ? t : us;
            case TimestampNtzType when value is long us2:
                return TimestampFromMicros(us2, DateTimeKind.Unspecified) is { } t2 ? t2 : us2;
            case DecimalType dt when value is long l:
                return new DecimalValue(l, dt.Scale);
            case DecimalType dt2 when value is Int128 big:
                return new DecimalValue(big, dt2.Scale);
            default:
                return value;
        }
    }

    public static DateOnly? DateFromDays(int days)
    {
        var n = (long)UnixEpochDayNumber + days;
        if (n < DateOnly.MinValue.DayNumber || n > DateOnly.MaxValue.DayNumber) return null;
        return DateOnly.FromDayNumber((int)n);
    }

    public static DateTime? TimestampFromMicros(long micros, DateTimeKind kind)
    {
        // 100-ns ticks; guard the range before multiplying.
        long maxMicros = (DateTime.MaxValue.Ticks - UnixEpochTicks) / 10;
        const long minMicros = -(UnixEpochTicks / 10);
        if (micros < minMicros || micros > maxMicros) return null;
        return new DateTime(UnixEpochTicks + micros * 10, kind);
    }

    public static int DaysFromDate(DateOnly date) => date.DayNumber - UnixEpochDayNumber;

    public static long MicrosFromTimestamp(DateTime value) =>
        (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).Ticks / 10 - UnixEpochTicks / 10;
}
