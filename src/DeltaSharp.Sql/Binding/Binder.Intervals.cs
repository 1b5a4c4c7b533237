using System.Globalization;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.Binding;

internal sealed partial class Binder
{
    private static bool IsInterval(SqlExpression e) =>
        e is IntervalLiteral or UnitToUnitIntervalLiteral or TypedLiteral { Type: TypedLiteralType.Interval };

    private bool IsMixedInterval(SqlExpression e)
    {
        if (!IsInterval(e)) return false;
        var (months, days, micros) = ParseInterval(e);
        return months != 0 && (days != 0 || micros != 0);
    }

    /// <summary>
    /// An interval literal as Spark's ANSI interval types: only year/month units → <c>interval year to month</c>
    /// (int months), only day … second units → <c>interval day to second</c> family (long microseconds), the start
    /// and end fields from the units written (<c>INTERVAL 12 HOURS</c> is <c>interval hour</c>).
    /// </summary>
    private BoundExpression BindIntervalLiteral(SqlExpression e)
    {
        var (months, days, micros) = ParseInterval(e);
        var units = IntervalUnits(e);
        var yearMonth = units.All(u => u is IntervalUnit.Year or IntervalUnit.Month);
        var dayTime = units.All(u => u is not (IntervalUnit.Year or IntervalUnit.Month));
        if (!yearMonth && !dayTime)
            throw Error("INVALID_INTERVAL_FORMAT.MIXED_INTERVAL_UNITS", $"Cannot mix year-month and day-time fields: {ColumnNamer.Pretty(e)}.", e);
        if (yearMonth)
        {
            var start = units.Contains(IntervalUnit.Year) ? YearMonthIntervalType.Year : YearMonthIntervalType.Month;
            var end = units.Contains(IntervalUnit.Month) ? YearMonthIntervalType.Month : YearMonthIntervalType.Year;
            return new BoundLiteral(months, new YearMonthIntervalType(start, end));
        }
        static byte Field(IntervalUnit u) => u switch
        {
            IntervalUnit.Week or IntervalUnit.Day => DayTimeIntervalType.Day,
            IntervalUnit.Hour => DayTimeIntervalType.Hour,
            IntervalUnit.Minute => DayTimeIntervalType.Minute,
            _ => DayTimeIntervalType.Second,
        };
        var fields = units.Select(Field).ToArray();
        long total;
        try
        {
            total = checked(days * 86_400_000_000L + micros);
        }
        catch (OverflowException)
        {
            throw Error("INVALID_INTERVAL_FORMAT", $"The interval {ColumnNamer.Pretty(e)} is out of range.", e);
        }
        return new BoundLiteral(total, new DayTimeIntervalType(fields.Min(), fields.Max()));
    }

    private static List<IntervalUnit> IntervalUnits(SqlExpression e) => e switch
    {
        IntervalLiteral il => il.Fields.Select(f => f.Unit).ToList(),
        UnitToUnitIntervalLiteral u => UnitsBetween(u.From, u.To),
        TypedLiteral t => t.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 1)
            .Select(w => Enum.TryParse<IntervalUnit>(w.ToLowerInvariant().TrimEnd('s'), true, out var unit) ? unit : IntervalUnit.Second).ToList(),
        _ => [],
    };

    /// <summary>
    /// <c>date|timestamp ± INTERVAL …</c> (Spark's TimeAdd / DateAddInterval): months and days are added on the wall
    /// clock of the session time zone, then the sub-day part as an exact duration. A date stays a date when the
    /// interval has no sub-day part.
    /// </summary>
    private BoundExpression BindIntervalArithmetic(BoundExpression left, SqlExpression interval, bool subtract, SqlNode node)
    {
        var (months, days, micros) = ParseInterval(interval);
        if (subtract)
        {
            months = -months;
            days = -days;
            micros = -micros;
        }
        var baseType = left.Type;
        if (baseType is StringType or NullType) left = Coerce(left, DataType.Timestamp);
        baseType = left.Type;
        if (baseType is DateType && micros == 0)
            return Remember(new BoundFunctionCall(IntervalFunctions.AddToDate(months, days), [left]), node);
        if (baseType is DateType)
        {
            left = Coerce(left, DataType.Timestamp);
            baseType = DataType.Timestamp;
        }
        if (baseType is TimestampType or TimestampNtzType)
            return Remember(new BoundFunctionCall(IntervalFunctions.AddToTimestamp(baseType, months, days, micros), [left]), node);
        throw Error("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            $"Cannot resolve {SqlExpr((SqlExpression)node)} due to data type mismatch: The first parameter requires the (\"DATE\" or \"TIMESTAMP\" or \"TIMESTAMP_NTZ\") type, however the operand has the type {SqlType(baseType)}.", node);
    }

    private (int Months, int Days, long Micros) ParseInterval(SqlExpression e)
    {
        try
        {
            return ParseIntervalFields(e);
        }
        catch (OverflowException)
        {
            // Months and days are ints, microseconds a long (Spark's CalendarInterval): e.g. INTERVAL 9223372036854775807 HOURS.
            throw Error("INVALID_INTERVAL_FORMAT", $"The interval {ColumnNamer.Pretty(e)} is out of range: months and days must fit an INT and the time part a BIGINT of microseconds.", e);
        }
    }

    private (int Months, int Days, long Micros) ParseIntervalFields(SqlExpression e)
    {
        int months = 0, days = 0;
        long micros = 0;
        switch (e)
        {
            case IntervalLiteral il:
                foreach (var f in il.Fields)
                {
                    if (!decimal.TryParse(f.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                        throw Error("INVALID_INTERVAL_FORMAT", $"Error parsing interval value '{f.Value}'.", f);
                    if (f.Unit is not (IntervalUnit.Second or IntervalUnit.Millisecond) && v != decimal.Truncate(v))
                        throw Error("INVALID_INTERVAL_FORMAT", $"The interval value '{f.Value}' must be an integer for unit {f.Unit.ToString().ToUpperInvariant()}.", f);
                    checked
                    {
                        switch (f.Unit)
                        {
                            case IntervalUnit.Year: months += (int)v * 12; break;
                            case IntervalUnit.Month: months += (int)v; break;
                            case IntervalUnit.Week: days += (int)v * 7; break;
                            case IntervalUnit.Day: days += (int)v; break;
                            case IntervalUnit.Hour: micros += (long)v * 3_600_000_000L; break;
                            case IntervalUnit.Minute: micros += (long)v * 60_000_000L; break;
                            case IntervalUnit.Second: micros += (long)(v * 1_000_000m); break;
                            case IntervalUnit.Millisecond: micros += (long)(v * 1_000m); break;
                            case IntervalUnit.Microsecond: micros += (long)v; break;
                            default: micros += (long)(v / 1_000m); break;
                        }
                    }
                }
                return (months, days, micros);
            case UnitToUnitIntervalLiteral u:
            {
                var text = u.Value.Trim();
                var negative = text.StartsWith('-');
                if (negative || text.StartsWith('+')) text = text[1..];
                var nums = text.Split([' ', ':', '-'], StringSplitOptions.RemoveEmptyEntries);
                var units = UnitsBetween(u.From, u.To);
                if (nums.Length != units.Count)
                    throw Error("INVALID_INTERVAL_FORMAT", $"Interval string '{u.Value}' does not match the {u.From.ToString().ToUpperInvariant()} TO {u.To.ToString().ToUpperInvariant()} format.", u);
                for (var i = 0; i < units.Count; i++)
                {
                    if (!decimal.TryParse(nums[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                        throw Error("INVALID_INTERVAL_FORMAT", $"Interval string '{u.Value}' does not match the {u.From.ToString().ToUpperInvariant()} TO {u.To.ToString().ToUpperInvariant()} format.", u);
                    switch (units[i])
                    {
                        case IntervalUnit.Year: months += (int)v * 12; break;
                        case IntervalUnit.Month: months += (int)v; break;
                        case IntervalUnit.Day: days += (int)v; break;
                        case IntervalUnit.Hour: micros += (long)v * 3_600_000_000L; break;
                        case IntervalUnit.Minute: micros += (long)v * 60_000_000L; break;
                        default: micros += (long)(v * 1_000_000m); break;
                    }
                }
                return negative ? (-months, -days, -micros) : (months, days, micros);
            }
            case TypedLiteral t:
            {
                // INTERVAL '1 day 2 hours': pairs of value and unit.
                var words = t.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (words.Length % 2 != 0) throw Error("INVALID_INTERVAL_FORMAT", $"Error parsing interval '{t.Value}'.", t);
                var fields = new List<IntervalField>();
                for (var i = 0; i < words.Length; i += 2)
                {
                    var unitText = words[i + 1].ToLowerInvariant().TrimEnd('s');
                    if (!Enum.TryParse<IntervalUnit>(unitText, ignoreCase: true, out var unit))
                        throw Error("INVALID_INTERVAL_FORMAT", $"Error parsing interval '{t.Value}': unknown unit {words[i + 1]}.", t);
                    fields.Add(new IntervalField(words[i], unit) { Span = t.Span });
                }
                return ParseInterval(new IntervalLiteral(new NodeList<IntervalField>(fields)) { Span = t.Span });
            }
            default:
                throw Error("INVALID_INTERVAL_FORMAT", "Not an interval.", e);
        }
    }

    private static List<IntervalUnit> UnitsBetween(IntervalUnit from, IntervalUnit to)
    {
        IntervalUnit[] order = [IntervalUnit.Year, IntervalUnit.Month, IntervalUnit.Day, IntervalUnit.Hour, IntervalUnit.Minute, IntervalUnit.Second];
        var a = Array.IndexOf(order, from);
        var b = Array.IndexOf(order, to);
        return order[a..(b + 1)].ToList();
    }
}

/// <summary>The scalar functions behind interval arithmetic (the interval is a constant of the function).</summary>
internal static class IntervalFunctions
{
    public static ScalarFunction AddToDate(int months, int days) =>
        new($"date_add_interval({months} months {days} days)", [DataType.Date], DataType.Date, (args, rows, ctx) =>
            Map<int, int>(args[0], rows, DataType.Date, d =>
            {
                var date = ValueConverter.DateFromDays(d)!.Value.AddMonths(months).AddDays(days);
                return ValueConverter.DaysFromDate(date);
            }));

    public static ScalarFunction AddToTimestamp(DataType type, int months, int days, long micros) =>
        new($"timestamp_add_interval({months} months {days} days {micros} us)", [type], type, (args, rows, ctx) =>
            Map<long, long>(args[0], rows, type, us =>
            {
                if (months == 0 && days == 0) return checked(us + micros);
                var zone = type is TimestampType ? ctx.SessionTimeZone : TimeZoneInfo.Utc;
                var utc = ValueConverter.TimestampFromMicros(us, DateTimeKind.Utc)!.Value;
                var wall = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
                var shifted = wall.AddMonths(months).AddDays(days);
                var back = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(zone.IsInvalidTime(shifted) ? shifted.AddHours(1) : shifted, DateTimeKind.Unspecified), zone);
                var sub = us - ValueConverter.MicrosFromTimestamp(utc); // keep sub-tick precision (none: DateTime has 100 ns)
                return checked(ValueConverter.MicrosFromTimestamp(back) + sub + micros);
            }));

    private static ColumnarValue Map<TIn, TOut>(ColumnarValue arg, int rows, DataType type, Func<TIn, TOut> f)
        where TIn : unmanaged where TOut : unmanaged
    {
        if (arg.IsScalar) return ColumnarValue.OfScalar(type, arg.Scalar is null ? null : f((TIn)arg.Scalar));
        var input = (Columnar.PrimitiveVector<TIn>)arg.Vector!;
        var output = new Columnar.PrimitiveVector<TOut>(type, rows) { Length = rows };
        for (var i = 0; i < rows; i++)
        {
            if (input.IsNull(i)) output.SetNull(i);
            else output[i] = f(input[i]);
        }
        return ColumnarValue.Of(output);
    }
}
