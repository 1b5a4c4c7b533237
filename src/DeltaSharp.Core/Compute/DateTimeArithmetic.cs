using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// The date/time forms of the arithmetic operators (Spark's BinaryArithmeticWithDatetimeResolver): date ± int →
/// date_add/date_sub; date ± interval day → date; date ± other day-time interval → timestamp; date/timestamp ±
/// year-month interval; timestamp ± day-time interval (whole days added in local time); timestamp - timestamp →
/// interval day to second; date - date → interval day; interval * / number.
/// </summary>
internal static class DateTimeArithmetic
{
    private static readonly DayTimeIntervalType DayInterval = new(DayTimeIntervalType.Day, DayTimeIntervalType.Day);

    public static bool TryBind(BindRequest r, ArithmeticOp op, EvalMode mode, out BindResult result)
    {
        result = default;
        DataType l = r[0], rt = r[1];
        var interval = TypeCoercion.IsInterval(l) || TypeCoercion.IsInterval(rt);
        var datetime = TypeCoercion.IsDatetime(l) || TypeCoercion.IsDatetime(rt);
        if (op is ArithmeticOp.Multiply or ArithmeticOp.Divide && interval && !(TypeCoercion.IsInterval(l) && TypeCoercion.IsInterval(rt)))
        {
            result = BindIntervalScale(r, op);
            return result.Function is not null || result.ErrorClass is not null;
        }
        if (!datetime) return false;
        if (op == ArithmeticOp.Add)
        {
            if (TypeCoercion.IsDatetime(rt) && !TypeCoercion.IsDatetime(l))
            {
                // Commutative: put the date/time first.
                result = BindAdd(r, rt, l, swapped: true, negate: false);
                return result.Function is not null || result.ErrorClass is not null;
            }
            result = BindAdd(r, l, rt, swapped: false, negate: false);
            return result.Function is not null || result.ErrorClass is not null;
        }
        if (op != ArithmeticOp.Subtract) return false;
        if (TypeCoercion.IsDatetime(l) && (TypeCoercion.IsInterval(rt) || TypeCoercion.IsIntegral(rt) || rt is NullType && l is DateType))
        {
            result = BindAdd(r, l, rt, swapped: false, negate: true);
            return result.Function is not null || result.ErrorClass is not null;
        }
        // Differences of dates and timestamps.
        var lt = l is StringType ? (rt is DateType ? DataType.Date : rt) : l;
        var rr = rt is StringType ? (lt is DateType ? DataType.Date : lt) : rt;
        if (lt is DateType && rr is DateType)
        {
            result = r.Ok([DataType.Date, DataType.Date], DayInterval, (a, n, _) => RowKernel.Map(a, n, DayInterval, (x, i, o) =>
                ((PrimitiveVector<long>)o).Append((x[0].Int(i) - (long)x[1].Int(i)) * SparkDateTime.MicrosPerDay)));
            return true;
        }
        if (TypeCoercion.IsDatetime(lt) && TypeCoercion.IsDatetime(rr))
        {
            DataType common = TypeCoercion.FindTightestCommonType(lt, rr) is TimestampNtzType ? DataType.TimestampNtz : DataType.Timestamp;
            var type = DataType.DayTimeInterval;
            result = r.Ok([common, common], type, (a, n, _) => RowKernel.Map(a, n, type, (x, i, o) =>
                ((PrimitiveVector<long>)o).Append(checked(x[0].Long(i) - x[1].Long(i)))));
            return true;
        }
        return false;
    }

    private static BindResult BindAdd(BindRequest r, DataType dt, DataType other, bool swapped, bool negate)
    {
        int di = swapped ? 1 : 0, oi = 1 - di;
        DataType[] Params(DataType d, DataType o) => swapped ? [o, d] : [d, o];
        var ansi = r.Ansi;
        if (dt is StringType)
        {
            if (other is DayTimeIntervalType or YearMonthIntervalType) dt = DataType.Timestamp;
            else return default;
        }
        switch (dt, other)
        {
            case (DateType, DayTimeIntervalType { StartField: DayTimeIntervalType.Day, EndField: DayTimeIntervalType.Day }):
                return r.Ok(Params(DataType.Date, other), DataType.Date, (a, n, _) => RowKernel.Map(a, n, DataType.Date, (x, i, o) =>
                {
                    var days = x[oi].Long(i) / SparkDateTime.MicrosPerDay;
                    ((PrimitiveVector<int>)o).Append(checked((int)(x[di].Int(i) + (negate ? -days : days))));
                }));
            case (DateType or TimestampType or TimestampNtzType, DayTimeIntervalType):
            {
                DataType ts = dt is TimestampNtzType ? DataType.TimestampNtz : DataType.Timestamp;
                var ntz = ts is TimestampNtzType;
                return r.Ok(Params(ts, other), ts, (a, n, c) => RowKernel.Map(a, n, ts, (x, i, o) =>
                {
                    var iv = x[oi].Long(i);
                    ((PrimitiveVector<long>)o).Append(DateTimeFunctions.AddDayTime(x[di].Long(i), negate ? checked(-iv) : iv, ntz ? null : c.SessionTimeZone));
                }));
            }
            case (DateType, YearMonthIntervalType):
                return r.Ok(Params(DataType.Date, other), DataType.Date, (a, n, _) => RowKernel.Map(a, n, DataType.Date, (x, i, o) =>
                    ((PrimitiveVector<int>)o).Append(DateTimeFunctions.AddMonths(x[di].Int(i), negate ? checked(-x[oi].Int(i)) : x[oi].Int(i)))));
            case (TimestampType or TimestampNtzType, YearMonthIntervalType):
            {
                var ntz = dt is TimestampNtzType;
                return r.Ok(Params(dt, other), dt, (a, n, c) => RowKernel.Map(a, n, dt, (x, i, o) =>
                    ((PrimitiveVector<long>)o).Append(DateTimeFunctions.AddMonthsToTimestamp(x[di].Long(i), negate ? checked(-x[oi].Int(i)) : x[oi].Int(i), ntz ? null : c.SessionTimeZone))));
            }
            case (DateType, _) when TypeCoercion.IsIntegral(other) || other is NullType:
            {
                if (other is LongType) return r.UnexpectedType(oi, ExpectedType.Either(ExpectedType.Int, ExpectedType.Of(DataType.Short), ExpectedType.Of(DataType.Byte)));
                return r.Ok(Params(DataType.Date, DataType.Integer), DataType.Date, (a, n, _) => RowKernel.Map(a, n, DataType.Date, (x, i, o) =>
                    ((PrimitiveVector<int>)o).Append(negate ? x[di].Int(i) - x[oi].Int(i) : x[di].Int(i) + x[oi].Int(i))));
            }
            case (DateType, StringType) when !negate && ansi:
                return r.Ok(Params(DataType.Date, DataType.Integer), DataType.Date, (a, n, _) => RowKernel.Map(a, n, DataType.Date, (x, i, o) =>
                    ((PrimitiveVector<int>)o).Append(x[di].Int(i) + x[oi].Int(i))));
            default:
                return default;
        }
    }

    private static BindResult BindIntervalScale(BindRequest r, ArithmeticOp op)
    {
        var intervalFirst = TypeCoercion.IsInterval(r[0]);
        if (op == ArithmeticOp.Divide && !intervalFirst) return default;
        var it = intervalFirst ? r[0] : r[1];
        var nt = intervalFirst ? r[1] : r[0];
        if (nt is NullType) nt = DataType.Double;
        if (nt is StringType) nt = DataType.Double;
        if (!TypeCoercion.IsNumeric(nt))
            return r.BinaryOpDiffTypes();
        var numType = TypeCoercion.IsIntegral(nt) ? DataType.Long : nt is DecimalType ? nt : DataType.Double;
        int ii = intervalFirst ? 0 : 1, ni = 1 - ii;
        DataType[] types = intervalFirst ? [it, numType] : [numType, it];
        var divide = op == ArithmeticOp.Divide;
        return r.Ok(types, it, (a, n, c) => RowKernel.Map(a, n, it, (x, i, o) =>
        {
            var v = it is DayTimeIntervalType ? x[ii].Long(i) : x[ii].Int(i);
            decimal factor = numType switch
            {
                LongType => x[ni].Long(i),
                DecimalType => (decimal)CastKernel.DecimalToDouble(x[ni].Decimal(i)),
                _ => (decimal)x[ni].Double(i),
            };
            if (divide && factor == 0) throw ComputeErrors.DivideByZero();
            var exact = divide ? v / factor : v * factor;
            var rounded = Math.Round(exact, MidpointRounding.AwayFromZero);
            if (it is DayTimeIntervalType)
            {
                if (rounded > long.MaxValue || rounded < long.MinValue) throw ComputeErrors.ArithmeticOverflow("long overflow", null);
                ((PrimitiveVector<long>)o).Append((long)rounded);
            }
            else
            {
                if (rounded > int.MaxValue || rounded < int.MinValue) throw ComputeErrors.ArithmeticOverflow("integer overflow", null);
                ((PrimitiveVector<int>)o).Append((int)rounded);
            }
        }));
    }
}
