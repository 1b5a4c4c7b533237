using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>
/// EXTRACT(field FROM source) / date_part('field', source) with Spark's field names and synonyms: YEAR, QUARTER,
/// MONTH, WEEK (ISO), DAY, DAYOFWEEK (1 = Sunday), DAYOFWEEK_ISO (1 = Monday), DOY, HOUR, MINUTE → int; SECOND →
/// decimal(8,6) with the fraction; and the fields of ANSI intervals. The field must be a constant.
/// </summary>
internal static class DatePartFunctions
{
    private static readonly DecimalType SecondType = new(8, 6);

    public static void Register(FunctionTable t)
    {
        t.Add("date_part", 2, 2, Bind);
        t.Alias("datepart", "date_part");
        t.Alias("extract", "date_part");
    }

    private static string? Field(BindRequest r)
    {
        if (r.ConstantString(0) is { } s) return s;
        if (r.ArgSql is { } sql && sql.Count > 0 && sql[0].All(c => char.IsLetter(c) || c == '_')) return sql[0];
        return null;
    }

    private static BindResult Bind(BindRequest r)
    {
        var raw = Field(r);
        if (raw is null)
            return BindRequest.Fail("NON_FOLDABLE_ARGUMENT", $"The function `{r.Name}` requires the parameter `field` to be a foldable expression of the type \"STRING\", but the actual argument is a non-foldable.");
        var field = Canonical(raw.Trim().ToUpperInvariant());
        var source = r[1] is StringType ? DataType.Timestamp : r[1];
        if (source is YearMonthIntervalType ym)
        {
            if (field is not ("YEAR" or "MONTH")) return Unsupported(r, raw, source);
            DataType ymType = field == "YEAR" ? DataType.Integer : DataType.Byte;
            return r.Ok([DataType.String, source], ymType, (a, n, _) => RowKernel.Map(a, n, ymType, (x, i, o) =>
            {
                var months = x[1].Int(i);
                if (field == "YEAR") ((PrimitiveVector<int>)o).Append(months / 12);
                else ((PrimitiveVector<sbyte>)o).Append((sbyte)(months % 12));
            }));
        }
        if (source is DayTimeIntervalType)
        {
            if (field is not ("DAY" or "HOUR" or "MINUTE" or "SECOND")) return Unsupported(r, raw, source);
            DataType rt = field == "SECOND" ? SecondType : field == "DAY" ? DataType.Integer : DataType.Byte;
            return r.Ok([DataType.String, source], rt, (a, n, _) => RowKernel.Map(a, n, rt, (x, i, o) =>
            {
                var us = x[1].Long(i);
                switch (field)
                {
                    case "DAY": ((PrimitiveVector<int>)o).Append((int)(us / SparkDateTime.MicrosPerDay)); break;
                    case "HOUR": ((PrimitiveVector<sbyte>)o).Append((sbyte)(us / SparkDateTime.MicrosPerHour % 24)); break;
                    case "MINUTE": ((PrimitiveVector<sbyte>)o).Append((sbyte)(us / SparkDateTime.MicrosPerMinute % 60)); break;
                    default: ((PrimitiveVector<long>)o).Append(us % SparkDateTime.MicrosPerMinute); break;
                }
            }));
        }
        if (!TypeCoercion.IsDatetime(source)) return r.UnexpectedType(1, ExpectedType.Either(ExpectedType.Date, ExpectedType.Timestamp, ExpectedType.AnyDayTimeInterval, ExpectedType.AnyYearMonthInterval));
        var timeField = field is "HOUR" or "MINUTE" or "SECOND";
        if (timeField && source is DateType) source = DataType.Timestamp;
        var known = field is "YEAR" or "QUARTER" or "MONTH" or "WEEK" or "DAY" or "DAYOFWEEK" or "DAYOFWEEK_ISO" or "DOY" or "HOUR" or "MINUTE" or "SECOND" or "YEAROFWEEK";
        if (!known) return Unsupported(r, raw, source);
        DataType result = field == "SECOND" ? SecondType : DataType.Integer;
        var src = source;
        return r.Ok([DataType.String, source], result, (a, n, c) => RowKernel.Map(a, n, result, (x, i, o) =>
        {
            long local = src switch
            {
                DateType => x[1].Int(i) * SparkDateTime.MicrosPerDay,
                TimestampNtzType => x[1].Long(i),
                _ => SparkDateTime.UtcToLocal(c.SessionTimeZone, x[1].Long(i)),
            };
            var days = SparkDateTime.FloorDiv(local, SparkDateTime.MicrosPerDay);
            var tod = local - days * SparkDateTime.MicrosPerDay;
            var (y, m, d) = SparkDateTime.CivilFromDays(days);
            if (field == "SECOND")
            {
                ScalarValues.Append(o, new DecimalValue(tod % SparkDateTime.MicrosPerMinute, 6));
                return;
            }
            var v = field switch
            {
                "YEAR" => y,
                "QUARTER" => (m - 1) / 3 + 1,
                "MONTH" => m,
                "WEEK" => DateTimeFunctions.IsoWeek(days),
                "YEAROFWEEK" => SparkDateTime.CivilFromDays(days - SparkDateTime.IsoDayOfWeek(days) + 4).Year,
                "DAY" => d,
                "DAYOFWEEK" => SparkDateTime.IsoDayOfWeek(days) % 7 + 1,
                "DAYOFWEEK_ISO" => SparkDateTime.IsoDayOfWeek(days),
                "DOY" => (int)(days - SparkDateTime.DaysFromCivil(y, 1, 1)) + 1,
                "HOUR" => (int)(tod / SparkDateTime.MicrosPerHour),
                _ => (int)(tod / SparkDateTime.MicrosPerMinute % 60),
            };
            ((PrimitiveVector<int>)o).Append(v);
        }));
    }

    private static BindResult Unsupported(BindRequest r, string field, DataType source) => BindRequest.Fail("INVALID_EXTRACT_FIELD",
        $"Cannot extract {field} from {ComputeErrors.TypeSql(source)}.");

    private static string Canonical(string f) => f switch
    {
        "Y" or "YEARS" or "YR" or "YRS" => "YEAR",
        "QTR" => "QUARTER",
        "MON" or "MONS" or "MONTHS" => "MONTH",
        "W" or "WEEKS" => "WEEK",
        "D" or "DAYS" => "DAY",
        "DOW" => "DAYOFWEEK",
        "DOW_ISO" => "DAYOFWEEK_ISO",
        "H" or "HOURS" or "HR" or "HRS" => "HOUR",
        "M" or "MIN" or "MINS" or "MINUTES" => "MINUTE",
        "S" or "SEC" or "SECONDS" or "SECS" => "SECOND",
        _ => f,
    };
}
