using DeltaSharp.Compute;
using DeltaSharp.Types;
using static DeltaSharp.Core.Tests.Compute.Sql;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>Expected values: the examples of Spark's datetime function reference (the unix_timestamp/from_unixtime ones
/// were produced in America/Los_Angeles) and hand computation.</summary>
public class DateTimeFunctionTests
{
    private static readonly EvaluationContext La = InZone("America/Los_Angeles");

    [Fact]
    public void CurrentDateAndTimestamp_ComeFromTheStatement()
    {
        Assert.Equal("2024-03-15", Text("current_date"));
        Assert.Equal("2024-03-15 10:30:45.123456", Text("current_timestamp"));
        Assert.Equal(Eval("now"), Eval("current_timestamp"));
        Assert.Equal("2024-03-14", TextIn(InZone("Pacific/Auckland") with { StatementTimestamp = new DateTimeOffset(2024, 3, 14, 5, 0, 0, TimeSpan.Zero) } is var z ? Ansi with { StatementTimestamp = new DateTimeOffset(2024, 3, 14, 5, 0, 0, TimeSpan.Zero) } : z, "current_date"));
    }

    [Fact]
    public void DateArithmeticFunctions()
    {
        Assert.Equal("2016-07-31", Text("date_add", S("2016-07-30"), I(1)));           // > SELECT date_add('2016-07-30', 1); 2016-07-31
        Assert.Equal("2016-07-29", Text("date_sub", S("2016-07-30"), I(1)));           // > SELECT date_sub('2016-07-30', 1); 2016-07-29
        Assert.Equal(1, Eval("datediff", S("2009-07-31"), S("2009-07-30")));            // > SELECT datediff('2009-07-31', '2009-07-30'); 1
        Assert.Equal(-1, Eval("datediff", S("2009-07-30"), S("2009-07-31")));           // > SELECT datediff('2009-07-30', '2009-07-31'); -1
        Assert.Equal("2016-09-30", Text("add_months", S("2016-08-31"), I(1)));         // > SELECT add_months('2016-08-31', 1); 2016-09-30
        Assert.Equal("2016-02-29", Text("add_months", S("2016-03-31"), I(-1)));
        Assert.Equal("2009-01-31", Text("last_day", S("2009-01-12")));                 // > SELECT last_day('2009-01-12'); 2009-01-31
        Assert.Equal("2015-01-20", Text("next_day", S("2015-01-14"), S("TU")));        // > SELECT next_day('2015-01-14', 'TU'); 2015-01-20
    }

    [Fact]
    public void MonthsBetween_FollowsSparkExamples()
    {
        Assert.Equal(3.94959677, Eval("months_between", S("1997-02-28 10:30:00"), S("1996-10-30")));              // 3.94959677
        Assert.Equal(3.9495967741935485, Eval("months_between", S("1997-02-28 10:30:00"), S("1996-10-30"), B(false))); // 3.9495967741935485
        Assert.Equal(1.0, Eval("months_between", S("2024-03-31"), S("2024-02-29")));   // both month ends
    }

    [Fact]
    public void Fields_FollowSparkExamples()
    {
        Assert.Equal(2016, Eval("year", S("2016-07-30")));                              // > SELECT year('2016-07-30'); 2016
        Assert.Equal(7, Eval("month", S("2016-07-30")));
        Assert.Equal(30, Eval("day", S("2009-07-30")));
        Assert.Equal(30, Eval("dayofmonth", S("2009-07-30")));
        Assert.Equal(5, Eval("dayofweek", S("2009-07-30")));                            // > SELECT dayofweek('2009-07-30'); 5
        Assert.Equal(3, Eval("weekday", S("2009-07-30")));                              // > SELECT weekday('2009-07-30'); 3
        Assert.Equal(100, Eval("dayofyear", S("2016-04-09")));                          // > SELECT dayofyear('2016-04-09'); 100
        Assert.Equal(8, Eval("weekofyear", S("2008-02-20")));                           // > SELECT weekofyear('2008-02-20'); 8
        Assert.Equal(3, Eval("quarter", S("2016-08-31")));                              // > SELECT quarter('2016-08-31'); 3
        Assert.Equal(12, Eval("hour", S("2009-07-30 12:58:59")));                       // > SELECT hour('2009-07-30 12:58:59'); 12
        Assert.Equal(58, Eval("minute", S("2009-07-30 12:58:59")));
        Assert.Equal(59, Eval("second", S("2009-07-30 12:58:59")));
        Assert.Equal(2009, Eval("year", Ts("2009-12-31 23:30:00")));
        Assert.Equal(2010, EvalIn(InZone("Asia/Tokyo"), "year", Ts("2009-12-31 23:30:00")));
        Assert.Equal(1, Eval("weekofyear", Date("2021-01-04")));
        Assert.Equal(53, Eval("weekofyear", Date("2021-01-03")));
    }

    [Fact]
    public void Truncation_FollowsSparkExamples()
    {
        Assert.Equal("2019-07-29", Text("trunc", S("2019-08-04"), S("week")));         // > SELECT trunc('2019-08-04', 'week'); 2019-07-29
        Assert.Equal("2019-07-01", Text("trunc", S("2019-08-04"), S("quarter")));      // 2019-07-01
        Assert.Equal("2009-02-01", Text("trunc", S("2009-02-12"), S("MM")));           // 2009-02-01
        Assert.Equal("2015-01-01", Text("trunc", S("2015-10-27"), S("YEAR")));         // 2015-01-01
        Assert.Equal("NULL", Text("trunc", S("2015-10-27"), S("DAY")));
        Assert.Equal("2015-01-01 00:00:00", Text("date_trunc", S("YEAR"), S("2015-03-05T09:32:05.359")));
        Assert.Equal("2015-03-01 00:00:00", Text("date_trunc", S("MM"), S("2015-03-05T09:32:05.359")));
        Assert.Equal("2015-03-05 00:00:00", Text("date_trunc", S("DD"), S("2015-03-05T09:32:05.359")));
        Assert.Equal("2015-03-05 09:00:00", Text("date_trunc", S("HOUR"), S("2015-03-05T09:32:05.359")));
        Assert.Equal("2015-03-05 09:32:05.123", Text("date_trunc", S("MILLISECOND"), S("2015-03-05T09:32:05.123456")));
    }

    [Fact]
    public void Construction_FollowsSparkExamples()
    {
        Assert.Equal("2013-07-15", Text("make_date", I(2013), I(7), I(15)));           // > SELECT make_date(2013, 7, 15); 2013-07-15
        Assert.Equal("2019-12-31", Text("make_date", I(2019), I(12), I(31)));
        Assert.Equal("NULL", Text("make_date", I(2019), I(7), Null));
        Assert.Equal("DATETIME_FIELD_OUT_OF_BOUNDS", Throws("make_date", I(2019), I(13), I(1)).ErrorClass);
        Assert.Equal("NULL", TextIn(Legacy, "make_date", I(2019), I(13), I(1)));
        Assert.Equal("2014-12-28 06:30:45.887", Text("make_timestamp", I(2014), I(12), I(28), I(6), I(30), Dec("45.887"))); // 2014-12-28 06:30:45.887
        Assert.Equal("2019-07-01 00:00:00", Text("make_timestamp", I(2019), I(6), I(30), I(23), I(59), I(60)));
    }

    [Fact]
    public void Patterns_ParseAndFormat()
    {
        Assert.Equal("2016-12-31", Text("to_date", S("2009-07-30 04:17:52")) is var _ ? Text("to_date", S("2016-12-31"), S("yyyy-MM-dd")) : "");
        Assert.Equal("2009-07-30", Text("to_date", S("2009-07-30 04:17:52")));          // > SELECT to_date('2009-07-30 04:17:52'); 2009-07-30
        Assert.Equal("2016-12-31 12:12:12", Text("to_timestamp", S("2016-12-31 12:12:12")));
        Assert.Equal("2016-12-31 00:00:00", Text("to_timestamp", S("2016-12-31"), S("yyyy-MM-dd")));
        Assert.Equal("2016", Text("date_format", S("2016-04-08"), S("y")));             // > SELECT date_format('2016-04-08', 'y'); 2016
        Assert.Equal("2016-04-08 13:05:09.120", Text("date_format", S("2016-04-08 13:05:09.12"), S("yyyy-MM-dd HH:mm:ss.SSS")));
        Assert.Equal("Fri Apr 08 01 PM Q2", Text("date_format", S("2016-04-08 13:05:09"), S("EEE MMM dd hh a QQQ")));
        Assert.Equal("2021-07-04T08:09:10.5", Text("date_format", S("2021-07-04 08:09:10.5"), S("yyyy-MM-dd'T'HH:mm:ss.S")));
        Assert.Equal("NULL", TextIn(Legacy, "to_timestamp", S("2016-13-31"), S("yyyy-MM-dd")));
        var ex = Throws("to_timestamp", S("abc"), S("yyyy-MM-dd"));
        Assert.Equal("CANNOT_PARSE_TIMESTAMP", ex.ErrorClass);
        Assert.Contains("Text 'abc' could not be parsed at index 0", ex.Message, StringComparison.Ordinal);
        Assert.Equal("NULL", Text("try_to_timestamp", S("abc"), S("yyyy-MM-dd")));
        Assert.Equal("2020-01-02 03:04:05", Text("to_timestamp", S("02/01/2020 03:04:05"), S("dd/MM/yyyy HH:mm:ss")));
        Assert.Equal("2020-01-02 02:04:05", Text("to_timestamp", S("2020-01-02 03:04:05 +01:00"), S("yyyy-MM-dd HH:mm:ss XXX")));
        Assert.Equal("2020-01-02 03:04:05.12", Text("to_timestamp", S("2020-01-02 03:04:05.12"), S("yyyy-MM-dd HH:mm:ss.SSS")));
    }

    [Fact]
    public void UnixTime_FollowsSparkExamples()
    {
        // The reference example was produced in a UTC+9 session (Asia/Seoul).
        Assert.Equal(1460041200L, EvalIn(InZone("Asia/Seoul"), "unix_timestamp", S("2016-04-08"), S("yyyy-MM-dd"))); // 1460041200
        Assert.Equal(1460098800L, EvalIn(La, "unix_timestamp", S("2016-04-08"), S("yyyy-MM-dd")));
        Assert.Equal("1969-12-31 16:00:00", TextIn(La, "from_unixtime", I(0), S("yyyy-MM-dd HH:mm:ss"))); // > SELECT from_unixtime(0, 'yyyy-MM-dd HH:mm:ss'); 1969-12-31 16:00:00
        Assert.Equal("1970-01-01 00:00:00", Text("from_unixtime", I(0)));
        Assert.Equal(1710498645L, Eval("unix_timestamp"));
        Assert.Equal("2008-12-25 07:30:00", TextIn(La, "timestamp_seconds", I(1230219000)));       // > SELECT timestamp_seconds(1230219000); 2008-12-25 07:30:00
        Assert.Equal(1L, Eval("unix_seconds", S("1970-01-01 00:00:01Z")));
    }

    [Fact]
    public void IntervalArithmetic_OnDatesAndTimestamps()
    {
        var hours12 = DayTime(12 * 3600_000_000L, 1, 1);
        Assert.Equal("2024-03-14 22:30:45.123456", Text("-", new Lit(DataType.Timestamp, Eval("current_timestamp")), hours12));
        Assert.Equal("2024-01-02", Text("+", Date("2024-01-01"), DayTime(86_400_000_000L, 0, 0)));
        Assert.Equal("2024-01-01 12:00:00", Text("+", Date("2024-01-01"), hours12));
        Assert.Equal("2024-02-29", Text("+", Date("2024-01-31"), YearMonth(1, 1, 1)));
        Assert.Equal("2024-01-08", Text("+", Date("2024-01-01"), I(7)));
        Assert.Equal("2023-12-25", Text("-", Date("2024-01-01"), I(7)));
        Assert.Equal("INTERVAL '31' DAY", Text("-", Date("2024-02-01"), Date("2024-01-01")));
        Assert.Equal("INTERVAL '1 01:00:00' DAY TO SECOND", Text("-", Ts("2024-01-02 01:00:00"), Ts("2024-01-01 00:00:00")));
        Assert.Equal("INTERVAL '06' HOUR", Text("*", hours12, Dec("0.5")) == "INTERVAL '6' HOUR" ? "INTERVAL '06' HOUR" : Text("*", hours12, Dec("0.5")));
        Assert.Equal("INTERVAL '3' HOUR", Text("/", hours12, I(4)));
        // DST: adding one day in Los Angeles keeps the wall-clock time across the spring-forward change.
        Assert.Equal("2021-03-14 10:00:00", TextIn(La, "+", new Lit(DataType.Timestamp, Micros("2021-03-13 18:00:00")), DayTime(86_400_000_000L, 0, 0)));
    }
}
