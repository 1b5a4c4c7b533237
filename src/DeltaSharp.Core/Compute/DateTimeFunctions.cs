using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// Date and time functions with Spark semantics: current_date/current_timestamp/now read the statement's timestamp
/// (one value per statement); field extraction (year … second, dayofweek 1 = Sunday, weekofyear ISO); date_add,
/// date_sub, datediff, add_months (end-of-month clamp), months_between (31-day months, rounded to 8 digits),
/// date_trunc/trunc, last_day, next_day, make_date/make_timestamp, to_date/to_timestamp/date_format/unix_timestamp/
/// from_unixtime with Spark datetime patterns. Timestamps are interpreted in the session time zone.
/// </summary>
internal static class DateTimeFunctions
{
    private static readonly ExpectedType IntArg = ExpectedType.Int;

    public static void Register(FunctionTable t)
    {
        t.Add("current_date", 0, 0, r => r.Ok([], DataType.Date, (_, n, c) => ColumnarValue.OfScalar(DataType.Date, CastKernel.Today(c))));
        t.Alias("curdate", "current_date");
        t.Add("current_timestamp", 0, 0, r => r.Ok([], DataType.Timestamp, (_, _, c) => ColumnarValue.OfScalar(DataType.Timestamp, CastKernel.MicrosOf(c.StatementTimestamp))));
        t.Alias("now", "current_timestamp");
        t.Add("localtimestamp", 0, 0, r => r.Ok([], DataType.TimestampNtz, (_, _, c) =>
            ColumnarValue.OfScalar(DataType.TimestampNtz, SparkDateTime.UtcToLocal(c.SessionTimeZone, CastKernel.MicrosOf(c.StatementTimestamp)))));
        t.Add("current_timezone", 0, 0, r => r.Ok([], DataType.String, (_, _, c) =>
            ColumnarValue.OfScalar(DataType.String, c.SessionTimeZone == TimeZoneInfo.Utc ? "UTC" : c.SessionTimeZone.Id)));

        // Field extraction: date fields take a date (timestamps are cast to date in the session zone).
        AddDateField<YearOp>(t, "year");
        AddDateField<MonthOp>(t, "month");
        AddDateField<DayOp>(t, "day");
        t.Alias("dayofmonth", "day");
        AddDateField<QuarterOp>(t, "quarter");
        AddDateField<DayOfWeekOp>(t, "dayofweek");
        AddDateField<WeekdayOp>(t, "weekday");
        AddDateField<DayOfYearOp>(t, "dayofyear");
        AddDateField<WeekOfYearOp>(t, "weekofyear");
        AddTimeField(t, "hour", tod => (int)(tod / SparkDateTime.MicrosPerHour));
        AddTimeField(t, "minute", tod => (int)(tod / SparkDateTime.MicrosPerMinute % 60));
        AddTimeField(t, "second", tod => (int)(tod / SparkDateTime.MicrosPerSecond % 60));

        t.Add("date_add", 2, 2, Sig.Simple([ExpectedType.Date, IntArg], DataType.Date, (a, n, c) => DateAddDays(a[0], a[1], n, negate: false)));
        t.Alias("dateadd", "date_add");
        t.Add("date_sub", 2, 2, Sig.Simple([ExpectedType.Date, IntArg], DataType.Date, (a, n, c) => DateAddDays(a[0], a[1], n, negate: true)));
        t.Add("datediff", 2, 2, Sig.Simple([ExpectedType.Date, ExpectedType.Date], DataType.Integer, (a, n, _) => Kernels.Binary<int, int, int, DiffOp>(a[0], a[1], n, DataType.Integer)));
        t.Alias("date_diff", "datediff");
        t.Add("add_months", 2, 2, Sig.Simple([ExpectedType.Date, IntArg], DataType.Date, (a, n, _) =>
            RowKernel.Map(a, n, DataType.Date, (r, i, o) => ((PrimitiveVector<int>)o).Append(AddMonths(r[0].Int(i), r[1].Int(i))))));
        t.Add("months_between", 2, 3, Sig.Fixed([ExpectedType.Timestamp, ExpectedType.Timestamp, ExpectedType.Boolean], _ => DataType.Double, (_, _) => MonthsBetween));
        t.Add("last_day", 1, 1, Sig.Simple([ExpectedType.Date], DataType.Date, (a, n, _) => RowKernel.Map(a, n, DataType.Date, (r, i, o) =>
        {
            var (y, m, _) = SparkDateTime.CivilFromDays(r[0].Int(i));
            ((PrimitiveVector<int>)o).Append((int)SparkDateTime.DaysFromCivil(y, m, SparkDateTime.DaysInMonth(y, m)));
        })));
        t.Add("next_day", 2, 2, Sig.Simple([ExpectedType.Date, ExpectedType.String], DataType.Date, NextDay));
        t.Add("trunc", 2, 2, Sig.Simple([ExpectedType.Date, ExpectedType.String], DataType.Date, TruncDate));
        t.Add("date_trunc", 2, 2, Sig.Simple([ExpectedType.String, ExpectedType.Timestamp], DataType.Timestamp, DateTrunc));
        t.Add("make_date", 3, 3, Sig.Simple([IntArg, IntArg, IntArg], DataType.Date, MakeDate));
        t.Add("make_timestamp", 6, 7, Sig.Fixed([IntArg, IntArg, IntArg, IntArg, IntArg, ExpectedType.Of(new DecimalType(16, 6)), ExpectedType.String],
            _ => DataType.Timestamp, (_, _) => (a, n, c) => MakeTimestamp(a, n, c, ntz: false)));
        t.Add("make_timestamp_ntz", 6, 6, Sig.Fixed([IntArg, IntArg, IntArg, IntArg, IntArg, ExpectedType.Of(new DecimalType(16, 6))],
            _ => DataType.TimestampNtz, (_, _) => (a, n, c) => MakeTimestamp(a, n, c, ntz: true)));

        t.Add("to_date", 1, 2, r => BindParse(r, DataType.Date, "to_date", tryMode: false));
        t.Add("try_to_date", 1, 2, r => BindParse(r, DataType.Date, "try_to_date", tryMode: true));
        t.Add("to_timestamp", 1, 2, r => BindParse(r, DataType.Timestamp, "to_timestamp", tryMode: false));
        t.Add("try_to_timestamp", 1, 2, r => BindParse(r, DataType.Timestamp, "try_to_timestamp", tryMode: true));
        t.Add("to_timestamp_ntz", 1, 2, r => BindParse(r, DataType.TimestampNtz, "to_timestamp_ntz", tryMode: false));
        t.Add("to_timestamp_ltz", 1, 2, r => BindParse(r, DataType.Timestamp, "to_timestamp_ltz", tryMode: false));
        t.Add("date_format", 2, 2, Sig.Simple([ExpectedType.Timestamp, ExpectedType.String], DataType.String, DateFormat));
        t.Add("unix_timestamp", 0, 2, r => BindUnixTimestamp(r));
        t.Alias("to_unix_timestamp", "unix_timestamp");
        t.Add("from_unixtime", 1, 2, Sig.Fixed([ExpectedType.Long, ExpectedType.String], _ => DataType.String, (_, _) => FromUnixTime));

        t.Add("timestamp_seconds", 1, 1, Sig.Fixed([ExpectedType.Numeric], _ => DataType.Timestamp, (types, _) => (a, n, c) =>
            CastKernel.Cast(a[0], DataType.Timestamp, n, c with { AnsiMode = true })));
        t.Add("timestamp_millis", 1, 1, Sig.Simple([ExpectedType.Long], DataType.Timestamp, (a, n, c) => ScaleToMicros(a[0], n, 1000)));
        t.Add("timestamp_micros", 1, 1, Sig.Simple([ExpectedType.Long], DataType.Timestamp, (a, n, c) => ScaleToMicros(a[0], n, 1)));
        t.Add("unix_seconds", 1, 1, Sig.Simple([ExpectedType.Timestamp], DataType.Long, (a, n, _) => RowKernel.Map(a, n, DataType.Long, (r, i, o) =>
            ((PrimitiveVector<long>)o).Append(SparkDateTime.FloorDiv(r[0].Long(i), SparkDateTime.MicrosPerSecond)))));
        t.Add("unix_millis", 1, 1, Sig.Simple([ExpectedType.Timestamp], DataType.Long, (a, n, _) => RowKernel.Map(a, n, DataType.Long, (r, i, o) =>
            ((PrimitiveVector<long>)o).Append(SparkDateTime.FloorDiv(r[0].Long(i), 1000)))));
        t.Add("unix_micros", 1, 1, Sig.Simple([ExpectedType.Timestamp], DataType.Long, (a, n, _) =>
            RowKernel.Map(a, n, DataType.Long, (r, i, o) => ((PrimitiveVector<long>)o).Append(r[0].Long(i)))));
        t.Add("unix_date", 1, 1, Sig.Simple([ExpectedType.Date], DataType.Integer, (a, n, _) =>
            RowKernel.Map(a, n, DataType.Integer, (r, i, o) => ((PrimitiveVector<int>)o).Append(r[0].Int(i)))));
        t.Add("date_from_unix_date", 1, 1, Sig.Simple([IntArg], DataType.Date, (a, n, _) =>
            RowKernel.Map(a, n, DataType.Date, (r, i, o) => ((PrimitiveVector<int>)o).Append(r[0].Int(i)))));
    }

    // ---- fields ----

    private static void AddDateField<TOp>(FunctionTable t, string name) where TOp : IUnaryOp<int, int> => t.Add(name, 1, 1, r =>
    {
        // ANSI GetDateFieldOperations: a timestamp argument is cast to date.
        var arg = r[0] is TimestampType or TimestampNtzType ? DataType.Date : null;
        if (arg is null && TypeCoercion.ImplicitCast(r[0], ExpectedType.Date, r.Ansi) is null) return r.UnexpectedType(0, ExpectedType.Date);
        return r.Ok([DataType.Date], DataType.Integer, (a, n, _) => Kernels.Unary<int, int, TOp>(a[0], n, DataType.Integer));
    });

    private readonly struct YearOp : IUnaryOp<int, int> { public static int Invoke(int days) => SparkDateTime.CivilFromDays(days).Year; }
    private readonly struct MonthOp : IUnaryOp<int, int> { public static int Invoke(int days) => SparkDateTime.CivilFromDays(days).Month; }
    private readonly struct DayOp : IUnaryOp<int, int> { public static int Invoke(int days) => SparkDateTime.CivilFromDays(days).Day; }
    private readonly struct QuarterOp : IUnaryOp<int, int> { public static int Invoke(int days) => (SparkDateTime.CivilFromDays(days).Month - 1) / 3 + 1; }
    private readonly struct DayOfWeekOp : IUnaryOp<int, int> { public static int Invoke(int days) => SparkDateTime.IsoDayOfWeek(days) % 7 + 1; }
    private readonly struct WeekdayOp : IUnaryOp<int, int> { public static int Invoke(int days) => SparkDateTime.IsoDayOfWeek(days) - 1; }
    private readonly struct WeekOfYearOp : IUnaryOp<int, int> { public static int Invoke(int days) => IsoWeek(days); }

    private readonly struct DayOfYearOp : IUnaryOp<int, int>
    {
        public static int Invoke(int days) => (int)(days - SparkDateTime.DaysFromCivil(SparkDateTime.CivilFromDays(days).Year, 1, 1)) + 1;
    }

    private static void AddTimeField(FunctionTable t, string name, Func<long, int> field) => t.Add(name, 1, 1, r =>
    {
        DataType type = r[0] is TimestampNtzType ? DataType.TimestampNtz : DataType.Timestamp;
        if (TypeCoercion.ImplicitCast(r[0], ExpectedType.Of(type), r.Ansi) is null) return r.UnexpectedType(0, ExpectedType.Timestamp);
        return r.Ok([type], DataType.Integer, (a, n, c) =>
        {
            var zone = type is TimestampType ? c.SessionTimeZone : TimeZoneInfo.Utc;
            return RowKernel.Map(a, n, DataType.Integer, (rd, i, o) =>
            {
                var local = SparkDateTime.UtcToLocal(zone, rd[0].Long(i));
                ((PrimitiveVector<int>)o).Append(field(SparkDateTime.FloorMod(local, SparkDateTime.MicrosPerDay)));
            });
        });
    });

    /// <summary>ISO-8601 week of year (weeks start on Monday; week 1 contains the year's first Thursday).</summary>
    public static int IsoWeek(long days)
    {
        var dow = SparkDateTime.IsoDayOfWeek(days);
        var thursday = days - dow + 4;
        var (y, _, _) = SparkDateTime.CivilFromDays(thursday);
        return (int)((thursday - SparkDateTime.DaysFromCivil(y, 1, 1)) / 7) + 1;
    }

    // ---- arithmetic on dates ----

    private static ColumnarValue DateAddDays(in ColumnarValue date, in ColumnarValue days, int n, bool negate) => negate
        ? Kernels.Binary<int, int, int, DateSubOp>(date, days, n, DataType.Date)
        : Kernels.Binary<int, int, int, DateAddOp>(date, days, n, DataType.Date);

    private readonly struct DateAddOp : IBinaryOp<int, int, int> { public static int Invoke(int a, int b) => a + b; }
    private readonly struct DateSubOp : IBinaryOp<int, int, int> { public static int Invoke(int a, int b) => a - b; }
    private readonly struct DiffOp : IBinaryOp<int, int, int> { public static int Invoke(int a, int b) => a - b; }

    /// <summary>LocalDate.plusMonths: the day is clamped to the target month's length.</summary>
    public static int AddMonths(int days, int months)
    {
        var (y, m, d) = SparkDateTime.CivilFromDays(days);
        var total = (long)y * 12 + (m - 1) + months;
        var ny = SparkDateTime.FloorDiv(total, 12);
        var nm = (int)(total - ny * 12) + 1;
        return (int)SparkDateTime.DaysFromCivil(ny, nm, Math.Min(d, SparkDateTime.DaysInMonth(ny, nm)));
    }

    /// <summary>Adds months to a timestamp's local date-time (time of day kept).</summary>
    public static long AddMonthsToTimestamp(long micros, int months, TimeZoneInfo? zone)
    {
        var local = zone is null ? micros : SparkDateTime.UtcToLocal(zone, micros);
        var days = SparkDateTime.FloorDiv(local, SparkDateTime.MicrosPerDay);
        var tod = local - days * SparkDateTime.MicrosPerDay;
        var shifted = AddMonths((int)days, months) * SparkDateTime.MicrosPerDay + tod;
        return zone is null ? shifted : SparkDateTime.LocalToUtc(zone, shifted);
    }

    /// <summary>Spark's timestampAddDayTime: whole days are added to the local date (DST-aware), the rest as micros.</summary>
    public static long AddDayTime(long micros, long interval, TimeZoneInfo? zone)
    {
        if (zone is null || zone == TimeZoneInfo.Utc) return checked(micros + interval);
        var days = interval / SparkDateTime.MicrosPerDay;
        var rest = interval - days * SparkDateTime.MicrosPerDay;
        if (days == 0) return checked(micros + rest);
        var local = SparkDateTime.UtcToLocal(zone, micros);
        var shifted = SparkDateTime.LocalToUtc(zone, checked(local + days * SparkDateTime.MicrosPerDay));
        return checked(shifted + rest);
    }

    private static ColumnarValue MonthsBetween(ColumnarValue[] a, int n, EvaluationContext c)
    {
        var zone = c.SessionTimeZone;
        return RowKernel.Map(a, n, DataType.Double, (r, i, o) =>
        {
            var roundOff = r.Length < 3 || r[2].Bool(i);
            ((PrimitiveVector<double>)o).Append(MonthsBetween(r[0].Long(i), r[1].Long(i), roundOff, zone));
        });
    }

    /// <summary>Spark's monthsBetween: whole months when the days of month match or both are month ends, otherwise
    /// the day and time difference over a 31-day month; rounded to 8 fraction digits when roundOff.</summary>
    public static double MonthsBetween(long micros1, long micros2, bool roundOff, TimeZoneInfo zone)
    {
        var l1 = SparkDateTime.UtcToLocal(zone, micros1);
        var l2 = SparkDateTime.UtcToLocal(zone, micros2);
        var d1 = SparkDateTime.FloorDiv(l1, SparkDateTime.MicrosPerDay);
        var d2 = SparkDateTime.FloorDiv(l2, SparkDateTime.MicrosPerDay);
        var (y1, m1, day1) = SparkDateTime.CivilFromDays(d1);
        var (y2, m2, day2) = SparkDateTime.CivilFromDays(d2);
        var monthDiff = (double)((long)y1 * 12 + m1 - ((long)y2 * 12 + m2));
        var end1 = day1 == SparkDateTime.DaysInMonth(y1, m1);
        var end2 = day2 == SparkDateTime.DaysInMonth(y2, m2);
        if (day1 == day2 || (end1 && end2)) return monthDiff;
        var sec1 = (l1 - d1 * SparkDateTime.MicrosPerDay) / SparkDateTime.MicrosPerSecond;
        var sec2 = (l2 - d2 * SparkDateTime.MicrosPerDay) / SparkDateTime.MicrosPerSecond;
        var secondsDiff = (double)((day1 - day2) * 86400L + sec1 - sec2);
        var diff = monthDiff + secondsDiff / (31 * 86400.0);
        return roundOff ? Math.Floor(diff * 1e8 + 0.5) / 1e8 : diff;
    }

    private static readonly string[][] DayNames =
    [
        ["MO", "MON", "MONDAY"], ["TU", "TUE", "TUESDAY"], ["WE", "WED", "WEDNESDAY"], ["TH", "THU", "THURSDAY"],
        ["FR", "FRI", "FRIDAY"], ["SA", "SAT", "SATURDAY"], ["SU", "SUN", "SUNDAY"],
    ];

    private static ColumnarValue NextDay(ColumnarValue[] a, int n, EvaluationContext c) => RowKernel.Map(a, n, DataType.Date, (r, i, o) =>
    {
        var name = r[1].String(i).Trim().ToUpperInvariant();
        var target = Array.FindIndex(DayNames, names => names.Contains(name));
        if (target < 0)
        {
            if (c.AnsiMode) throw new ComputeException("ILLEGAL_DAY_OF_WEEK", $"Illegal input for day of week: {r[1].String(i)}.");
            ScalarValues.AppendNull(o);
            return;
        }
        var days = r[0].Int(i);
        var dow = SparkDateTime.IsoDayOfWeek(days) - 1;
        var delta = (target - dow + 7) % 7;
        ((PrimitiveVector<int>)o).Append(days + (delta == 0 ? 7 : delta));
    });

    // ---- truncation ----

    private static ColumnarValue TruncDate(ColumnarValue[] a, int n, EvaluationContext c) => RowKernel.Map(a, n, DataType.Date, (r, i, o) =>
    {
        var level = r[1].String(i).Trim().ToUpperInvariant();
        var days = r[0].Int(i);
        var (y, m, _) = SparkDateTime.CivilFromDays(days);
        long? result = level switch
        {
            "YEAR" or "YYYY" or "YY" => SparkDateTime.DaysFromCivil(y, 1, 1),
            "QUARTER" => SparkDateTime.DaysFromCivil(y, (m - 1) / 3 * 3 + 1, 1),
            "MONTH" or "MM" or "MON" => SparkDateTime.DaysFromCivil(y, m, 1),
            "WEEK" => days - (SparkDateTime.IsoDayOfWeek(days) - 1),
            _ => null,
        };
        if (result is { } v) ((PrimitiveVector<int>)o).Append((int)v);
        else ScalarValues.AppendNull(o);
    });

    private static ColumnarValue DateTrunc(ColumnarValue[] a, int n, EvaluationContext c)
    {
        var zone = c.SessionTimeZone;
        return RowKernel.Map(a, n, DataType.Timestamp, (r, i, o) =>
        {
            var level = r[0].String(i).Trim().ToUpperInvariant();
            var micros = r[1].Long(i);
            long? result = level switch
            {
                "MICROSECOND" => micros,
                "MILLISECOND" => micros - SparkDateTime.FloorMod(micros, 1000),
                "SECOND" => micros - SparkDateTime.FloorMod(micros, SparkDateTime.MicrosPerSecond),
                "MINUTE" => TruncLocal(micros, zone, SparkDateTime.MicrosPerMinute),
                "HOUR" => TruncLocal(micros, zone, SparkDateTime.MicrosPerHour),
                "DAY" or "DD" => TruncLocal(micros, zone, SparkDateTime.MicrosPerDay),
                "WEEK" or "MONTH" or "MM" or "MON" or "QUARTER" or "YEAR" or "YYYY" or "YY" => TruncToDate(micros, zone, level),
                _ => null,
            };
            if (result is { } v) ((PrimitiveVector<long>)o).Append(v);
            else ScalarValues.AppendNull(o);
        });
    }

    private static long TruncLocal(long micros, TimeZoneInfo zone, long unit)
    {
        var local = SparkDateTime.UtcToLocal(zone, micros);
        return SparkDateTime.LocalToUtc(zone, local - SparkDateTime.FloorMod(local, unit));
    }

    private static long TruncToDate(long micros, TimeZoneInfo zone, string level)
    {
        var local = SparkDateTime.UtcToLocal(zone, micros);
        var days = SparkDateTime.FloorDiv(local, SparkDateTime.MicrosPerDay);
        var (y, m, _) = SparkDateTime.CivilFromDays(days);
        var start = level switch
        {
            "WEEK" => days - (SparkDateTime.IsoDayOfWeek(days) - 1),
            "MONTH" or "MM" or "MON" => SparkDateTime.DaysFromCivil(y, m, 1),
            "QUARTER" => SparkDateTime.DaysFromCivil(y, (m - 1) / 3 * 3 + 1, 1),
            _ => SparkDateTime.DaysFromCivil(y, 1, 1),
        };
        return SparkDateTime.LocalToUtc(zone, start * SparkDateTime.MicrosPerDay);
    }

    // ---- construction ----

    private static ColumnarValue MakeDate(ColumnarValue[] a, int n, EvaluationContext c) => RowKernel.Map(a, n, DataType.Date, (r, i, o) =>
    {
        int y = r[0].Int(i), m = r[1].Int(i), d = r[2].Int(i);
        if (CheckDate(y, m, d, c.AnsiMode, o)) ((PrimitiveVector<int>)o).Append((int)SparkDateTime.DaysFromCivil(y, m, d));
    });

    private static bool CheckDate(long y, int m, int d, bool ansi, ColumnVector o)
    {
        string? error = null;
        if (y < -999_999_999 || y > 999_999_999) error = $"Invalid value for Year (valid values -999999999 - 999999999): {y}";
        else if (m is < 1 or > 12) error = $"Invalid value for MonthOfYear (valid values 1 - 12): {m}";
        else if (d < 1 || d > 31) error = $"Invalid value for DayOfMonth (valid values 1 - 28/31): {d}";
        else if (d > SparkDateTime.DaysInMonth(y, m))
            error = d == 29 ? $"Invalid date 'February 29' as '{y}' is not a leap year" : $"Invalid date '{MonthName(m)} {d}'";
        if (error is null) return true;
        if (ansi) throw ComputeErrors.DateTimeFieldOutOfBounds(error);
        ScalarValues.AppendNull(o);
        return false;
    }

    private static string MonthName(int m) => new[] { "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER" }[m - 1];

    private static ColumnarValue MakeTimestamp(ColumnarValue[] a, int n, EvaluationContext c, bool ntz) =>
        RowKernel.Map(a, n, ntz ? DataType.TimestampNtz : DataType.Timestamp, (r, i, o) =>
        {
            int y = r[0].Int(i), mo = r[1].Int(i), d = r[2].Int(i), h = r[3].Int(i), mi = r[4].Int(i);
            var sec = r[5].Decimal(i);
            var secMicros = (long)((BigInteger)sec.Unscaled * 1_000_000 / DecimalMath.BigPow(sec.Scale));
            string? error = null;
            if (h is < 0 or > 23) error = $"Invalid value for HourOfDay (valid values 0 - 23): {h}";
            else if (mi is < 0 or > 59) error = $"Invalid value for MinuteOfHour (valid values 0 - 59): {mi}";
            else if (secMicros < 0 || secMicros > 60 * SparkDateTime.MicrosPerSecond || (secMicros >= 60 * SparkDateTime.MicrosPerSecond && secMicros % SparkDateTime.MicrosPerSecond != 0))
                error = $"Invalid value for SecondOfMinute (valid values 0 - 59): {secMicros / SparkDateTime.MicrosPerSecond}";
            if (error is not null)
            {
                if (c.AnsiMode) throw ComputeErrors.DateTimeFieldOutOfBounds(error);
                ScalarValues.AppendNull(o);
                return;
            }
            if (!CheckDate(y, mo, d, c.AnsiMode, o)) return;
            var zone = c.SessionTimeZone;
            if (!ntz && r.Length > 6 && !r[6].IsNull(i) && !SparkDateTime.TryGetZone(r[6].String(i), out zone))
            {
                if (c.AnsiMode) throw new ComputeException("INVALID_TIMEZONE", $"The timezone: {r[6].String(i)} is invalid. The timezone must be either a region-based zone ID or a zone offset.");
                ScalarValues.AppendNull(o);
                return;
            }
            var local = SparkDateTime.DaysFromCivil(y, mo, d) * SparkDateTime.MicrosPerDay + h * SparkDateTime.MicrosPerHour + mi * SparkDateTime.MicrosPerMinute + secMicros;
            ((PrimitiveVector<long>)o).Append(ntz ? local : SparkDateTime.LocalToUtc(zone, local));
        }, nullIntolerant: true);

    private static ColumnarValue ScaleToMicros(in ColumnarValue a, int n, long factor) => RowKernel.Map([a], n, DataType.Timestamp, (r, i, o) =>
    {
        var high = Math.BigMul(r[0].Long(i), factor, out long low);
        if (high != (low >> 63)) throw ComputeErrors.ArithmeticOverflow("long overflow", null);
        ((PrimitiveVector<long>)o).Append(low);
    });

    // ---- parsing and formatting with patterns ----

    private static BindResult BindParse(BindRequest r, DataType target, string name, bool tryMode)
    {
        if (r.Count == 1)
        {
            // Without a format these are casts (date or timestamp strings, dates, timestamps).
            var from = r[0] is NullType ? DataType.String : r[0];
            if (!(from is StringType || TypeCoercion.IsDatetime(from) || (target is not DateType && TypeCoercion.IsNumeric(from))))
                return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.String, ExpectedType.Date, ExpectedType.Timestamp));
            return r.Ok([from], target, (a, n, c) => CastKernel.Cast(a[0], target, n, c, tryMode));
        }
        if (!r.TryCoerce([ExpectedType.String, ExpectedType.String], out _, out var error)) return error;
        var input = TypeCoercion.IsDatetime(r[0]) ? r[0] : DataType.String;
        return r.Ok([input, DataType.String], target, (a, n, c) =>
        {
            if (input is not StringType) return CastKernel.Cast(a[0], target, n, c, tryMode);
            var zone = c.SessionTimeZone;
            var fail = c.AnsiMode && !tryMode;
            return RowKernel.Map(a, n, target, (rd, i, o) =>
            {
                var text = rd[0].String(i);
                var pattern = SparkDateTimePattern.Get(rd[1].String(i));
                if (!pattern.TryParse(text, out var parsed, out var at))
                {
                    if (fail) throw ComputeErrors.CannotParseTimestamp($"Text '{text}' could not be parsed at index {at}", "try_to_timestamp");
                    ScalarValues.AppendNull(o);
                    return;
                }
                if (target is DateType) ((PrimitiveVector<int>)o).Append((int)SparkDateTime.FloorDiv(parsed.LocalMicros, SparkDateTime.MicrosPerDay));
                else if (target is TimestampNtzType) ((PrimitiveVector<long>)o).Append(parsed.LocalMicros);
                else ((PrimitiveVector<long>)o).Append(SparkDateTime.LocalToUtc(parsed.Zone ?? zone, parsed.LocalMicros));
            });
        });
    }

    private static ColumnarValue DateFormat(ColumnarValue[] a, int n, EvaluationContext c)
    {
        var zone = c.SessionTimeZone;
        return RowKernel.Map(a, n, DataType.String, (r, i, o) =>
        {
            var micros = r[0].Long(i);
            var pattern = SparkDateTimePattern.Get(r[1].String(i));
            ((BinaryVector)o).Append(pattern.Format(SparkDateTime.UtcToLocal(zone, micros), zone, micros));
        });
    }

    private const string DefaultPattern = "yyyy-MM-dd HH:mm:ss";

    private static BindResult BindUnixTimestamp(BindRequest r)
    {
        if (r.Count == 0)
            return r.Ok([], DataType.Long, (_, _, c) => ColumnarValue.OfScalar(DataType.Long, SparkDateTime.FloorDiv(CastKernel.MicrosOf(c.StatementTimestamp), SparkDateTime.MicrosPerSecond)));
        var input = r[0] switch
        {
            TimestampType or TimestampNtzType or DateType => r[0],
            NullType => DataType.String,
            _ => TypeCoercion.ImplicitCast(r[0], ExpectedType.String, r.Ansi) is not null ? DataType.String : null,
        };
        if (input is null) return r.UnexpectedType(0, ExpectedType.Either(ExpectedType.String, ExpectedType.Date, ExpectedType.Timestamp));
        if (r.Count == 2 && TypeCoercion.ImplicitCast(r[1], ExpectedType.String, r.Ansi) is null) return r.UnexpectedType(1, ExpectedType.String);
        DataType[] types = r.Count == 2 ? [input, DataType.String] : [input];
        return r.Ok(types, DataType.Long, (a, n, c) =>
        {
            var zone = c.SessionTimeZone;
            return RowKernel.Map(a, n, DataType.Long, (rd, i, o) =>
            {
                long micros;
                switch (input)
                {
                    case TimestampType: micros = rd[0].Long(i); break;
                    case TimestampNtzType: micros = rd[0].Long(i); break;
                    case DateType: micros = SparkDateTime.LocalToUtc(zone, rd[0].Int(i) * SparkDateTime.MicrosPerDay); break;
                    default:
                    {
                        var text = rd[0].String(i);
                        var pattern = SparkDateTimePattern.Get(rd.Length > 1 ? rd[1].String(i) : DefaultPattern);
                        if (!pattern.TryParse(text, out var parsed, out var at))
                        {
                            if (c.AnsiMode) throw ComputeErrors.CannotParseTimestamp($"Text '{text}' could not be parsed at index {at}", "try_to_timestamp");
                            ScalarValues.AppendNull(o);
                            return;
                        }
                        micros = SparkDateTime.LocalToUtc(parsed.Zone ?? zone, parsed.LocalMicros);
                        break;
                    }
                }
                ((PrimitiveVector<long>)o).Append(SparkDateTime.FloorDiv(micros, SparkDateTime.MicrosPerSecond));
            });
        });
    }

    private static ColumnarValue FromUnixTime(ColumnarValue[] a, int n, EvaluationContext c)
    {
        var zone = c.SessionTimeZone;
        return RowKernel.Map(a, n, DataType.String, (r, i, o) =>
        {
            var micros = r[0].Long(i) * SparkDateTime.MicrosPerSecond;
            var pattern = SparkDateTimePattern.Get(r.Length > 1 ? r[1].String(i) : DefaultPattern);
            ((BinaryVector)o).Append(pattern.Format(SparkDateTime.UtcToLocal(zone, micros), zone, micros));
        });
    }
}
