using System.Globalization;
using System.Numerics;
using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>
/// CAST and TRY_CAST with Spark 4 semantics for every pair among boolean, tinyint…bigint, float, double, decimal,
/// string, binary, date, timestamp, timestamp_ntz, ANSI intervals and nested types (elementwise). ANSI mode raises
/// CAST_INVALID_INPUT (malformed text), CAST_OVERFLOW (out of range) and NUMERIC_VALUE_OUT_OF_RANGE (decimal
/// precision); TRY and non-ANSI return null instead (non-ANSI narrows integers like Java and truncates '1.9' to 1).
/// Strings print as Spark does: Java's Double.toString, plain decimals, <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c>
/// timestamps in the session time zone, <c>[1, 2]</c>, <c>{a, 1}</c>, <c>{k -> v}</c>. Thread-safe.
/// </summary>
public static class CastKernel
{
    private enum Mode { Ansi, Legacy, Try }

    /// <summary>Spark's Cast.canAnsiCast (or canCast when <paramref name="ansi"/> is false).</summary>
    public static bool CanCast(DataType from, DataType to, bool ansi = true)
    {
        if (from == to || from is NullType) return true;
        bool num(DataType t) => TypeCoercion.IsNumeric(t);
        switch (from, to)
        {
            case (_, StringType) when from.IsPrimitive: return true;
            case (ArrayType or MapType or StructType, StringType): return true;
            case (StringType, _) when to.IsPrimitive: return true;
            case (_, BooleanType) when num(from): return true;
            case (BooleanType, _) when num(to): return true;
            case (_, _) when num(from) && num(to): return true;
            case (DateType or TimestampNtzType or TimestampType, TimestampType or TimestampNtzType or DateType): return true;
            case (_, TimestampType) when num(from): return true;
            case (TimestampType, _) when num(to): return true;
            case (DayTimeIntervalType, DayTimeIntervalType) or (YearMonthIntervalType, YearMonthIntervalType): return true;
            case (_, DayTimeIntervalType or YearMonthIntervalType) when TypeCoercion.IsIntegral(from) || from is DecimalType: return true;
            case (DayTimeIntervalType or YearMonthIntervalType, _) when TypeCoercion.IsIntegral(to) || to is DecimalType: return true;
            case (ArrayType fa, ArrayType ta): return CanCast(fa.ElementType, ta.ElementType, ansi);
            case (MapType fm, MapType tm): return CanCast(fm.KeyType, tm.KeyType, ansi) && CanCast(fm.ValueType, tm.ValueType, ansi);
            case (StructType fs, StructType ts):
                if (fs.Count != ts.Count) return false;
                for (var i = 0; i < fs.Count; i++)
                    if (!CanCast(fs[i].Type, ts[i].Type, ansi)) return false;
                return true;
        }
        if (!ansi)
        {
            if (from is BooleanType && to is TimestampType) return true;
            if (from is DateType && (num(to) || to is BooleanType)) return true;
            if (from is TimestampType && to is BooleanType) return true;
            if (TypeCoercion.IsIntegral(from) && to is BinaryType) return true;
        }
        return false;
    }

    /// <summary>The error Spark reports at bind time when <see cref="CanCast"/> is false.</summary>
    public static ComputeException CannotCast(DataType from, DataType to) => new("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
        $"cannot cast {ComputeErrors.QuotedType(from)} to {ComputeErrors.QuotedType(to)}.");

    /// <summary>Casts <paramref name="input"/> (rowCount rows, or a scalar) to <paramref name="to"/>.</summary>
    public static ColumnarValue Cast(in ColumnarValue input, DataType to, int rowCount, EvaluationContext context, bool tryMode = false)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(context);
        var from = input.Type;
        if (from == to) return input;
        if (from is NullType || Kernels.IsNullScalar(input)) return Kernels.NullResult(to, rowCount, input.IsScalar);
        var mode = tryMode ? Mode.Try : context.AnsiMode ? Mode.Ansi : Mode.Legacy;
        return CastValue(input, from, to, rowCount, context, mode);
    }

    /// <summary>Casts one scalar value (scalar representation of <see cref="ColumnarValue"/>).</summary>
    public static object? CastScalar(object? value, DataType from, DataType to, EvaluationContext context, bool tryMode = false) =>
        Cast(ColumnarValue.OfScalar(from, value), to, 1, context, tryMode).Scalar;

    /// <summary>Spark's text of a value (what CAST(x AS STRING) gives), null for null.</summary>
    public static string? ToSparkString(object? value, DataType type, EvaluationContext context) =>
        (string?)CastScalar(value, type, DataType.String, context);

    private static ColumnarValue CastValue(in ColumnarValue input, DataType from, DataType to, int n, EvaluationContext ctx, Mode mode)
    {
        switch (to)
        {
            case StringType: return ToStringValue(input, from, n, ctx, mode);
            case BooleanType: return ToBoolean(input, from, n, mode);
            case ByteType or ShortType or IntegerType or LongType: return ToIntegral(input, from, to, n, mode);
            case FloatType or DoubleType: return ToFloating(input, from, to, n, mode);
            case DecimalType dt: return ToDecimal(input, from, dt, n, mode);
            case DateType: return ToDate(input, from, n, ctx, mode);
            case TimestampType or TimestampNtzType: return ToTimestamp(input, from, to, n, ctx, mode);
            case BinaryType: return ToBinary(input, from, n, mode);
            case DayTimeIntervalType or YearMonthIntervalType: return ToInterval(input, from, to, n, mode);
            case ArrayType or MapType or StructType: return ToNested(input, from, to, n, ctx, mode);
            default: throw CannotCast(from, to);
        }
    }

    private static void Fail(Mode mode, ColumnVector output, Func<ComputeException> error)
    {
        if (mode == Mode.Ansi) throw error();
        ScalarValues.AppendNull(output);
    }

    private static ColumnarValue Rows(in ColumnarValue input, int n, DataType to, RowBody body) => RowKernel.Map([input], n, to, body);

    internal static int Today(EvaluationContext ctx)
    {
        var micros = MicrosOf(ctx.StatementTimestamp);
        return (int)SparkDateTime.FloorDiv(SparkDateTime.UtcToLocal(ctx.SessionTimeZone, micros), SparkDateTime.MicrosPerDay);
    }

    internal static long MicrosOf(DateTimeOffset instant) => (instant.UtcTicks - ValueConverter.UnixEpochTicks) / 10;

    // ---- boolean ----

    private static ColumnarValue ToBoolean(in ColumnarValue input, DataType from, int n, Mode mode) => Rows(input, n, DataType.Boolean, (r, i, o) =>
    {
        var v = (PrimitiveVector<bool>)o;
        switch (from)
        {
            case StringType:
                if (SparkStringParsing.TryParseBoolean(r[0].Bytes(i), out var b)) v.Append(b);
                else Fail(mode, o, () => ComputeErrors.CastInvalidInput(r[0].String(i), from, DataType.Boolean));
                break;
            case FloatType or DoubleType: v.Append(r[0].Double(i) != 0); break;
            case DecimalType: v.Append(r[0].Decimal(i).Unscaled != 0); break;
            case DateType: v.AppendNull(); break;
            default: v.Append(r[0].Long(i) != 0); break;
        }
    });

    // ---- integral ----

    private static (long Min, long Max) Range(DataType t) => t switch
    {
        ByteType => (sbyte.MinValue, sbyte.MaxValue),
        ShortType => (short.MinValue, short.MaxValue),
        IntegerType => (int.MinValue, int.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    private static void AppendIntegral(ColumnVector o, long v)
    {
        switch (o)
        {
            case PrimitiveVector<sbyte> b: b.Append(unchecked((sbyte)v)); break;
            case PrimitiveVector<short> s: s.Append(unchecked((short)v)); break;
            case PrimitiveVector<int> x: x.Append(unchecked((int)v)); break;
            default: ((PrimitiveVector<long>)o).Append(v); break;
        }
    }

    private static ColumnarValue ToIntegral(in ColumnarValue input, DataType from, DataType to, int n, Mode mode)
    {
        var (min, max) = Range(to);
        if (TypeCoercion.IsIntegral(from) && Range(from).Max <= max)
            return Widen(input, from, to, n);
        return Rows(input, n, to, (r, i, o) =>
        {
            switch (from)
            {
                case ByteType or ShortType or IntegerType or LongType:
                {
                    var v = r[0].Long(i);
                    if (v >= min && v <= max || mode == Mode.Legacy) AppendIntegral(o, v);
                    else Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                    break;
                }
                case FloatType or DoubleType:
                {
                    var d = r[0].Double(i);
                    if (Math.Floor(d) <= max && Math.Ceiling(d) >= min) AppendIntegral(o, to is LongType ? (long)d : (long)Math.Truncate(d));
                    else if (mode == Mode.Legacy) AppendIntegral(o, to is LongType ? (long)d : (int)d);
                    else Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                    break;
                }
                case DecimalType:
                {
                    var dv = r[0].Decimal(i);
                    var q = (BigInteger)dv.Unscaled / DecimalMath.BigPow(dv.Scale);
                    if (q >= min && q <= max) AppendIntegral(o, (long)q);
                    else if (mode == Mode.Legacy) AppendIntegral(o, unchecked((long)(ulong)(q & ulong.MaxValue)));
                    else Fail(mode, o, () => ComputeErrors.CastOverflow(dv, from, to));
                    break;
                }
                case StringType:
                {
                    if (SparkStringParsing.TryParseLong(r[0].Bytes(i), mode == Mode.Legacy, out var v) && v >= min && v <= max) AppendIntegral(o, v);
                    else Fail(mode, o, () => ComputeErrors.CastInvalidInput(r[0].String(i), from, to));
                    break;
                }
                case BooleanType: AppendIntegral(o, r[0].Bool(i) ? 1 : 0); break;
                case TimestampType:
                {
                    var secs = SparkDateTime.FloorDiv(r[0].Long(i), SparkDateTime.MicrosPerSecond);
                    if (secs >= min && secs <= max || mode == Mode.Legacy) AppendIntegral(o, secs);
                    else Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                    break;
                }
                case DateType: ScalarValues.AppendNull(o); break;
                case DayTimeIntervalType dt:
                {
                    var v = r[0].Long(i) / DayTimeUnit(dt.EndField);
                    if (v >= min && v <= max) AppendIntegral(o, v);
                    else Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                    break;
                }
                case YearMonthIntervalType ym:
                {
                    long v = ym.EndField == YearMonthIntervalType.Year ? r[0].Int(i) / 12 : r[0].Int(i);
                    if (v >= min && v <= max) AppendIntegral(o, v);
                    else Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                    break;
                }
                default: throw CannotCast(from, to);
            }
        });
    }

    private static ColumnarValue Widen(in ColumnarValue input, DataType from, DataType to, int n) => (from, to) switch
    {
        (ByteType, ShortType) => Kernels.Unary<sbyte, short, Conv<sbyte, short>>(input, n, to),
        (ByteType, IntegerType) => Kernels.Unary<sbyte, int, Conv<sbyte, int>>(input, n, to),
        (ByteType, LongType) => Kernels.Unary<sbyte, long, Conv<sbyte, long>>(input, n, to),
        (ShortType, IntegerType) => Kernels.Unary<short, int, Conv<short, int>>(input, n, to),
        (ShortType, LongType) => Kernels.Unary<short, long, Conv<short, long>>(input, n, to),
        _ => Kernels.Unary<int, long, Conv<int, long>>(input, n, to),
    };

    private readonly struct Conv<TA, TR> : IUnaryOp<TA, TR> where TA : INumberBase<TA> where TR : INumberBase<TR>
    {
        public static TR Invoke(TA a) => TR.CreateTruncating(a);
    }

    // ---- floating point ----

    private static ColumnarValue ToFloating(in ColumnarValue input, DataType from, DataType to, int n, Mode mode)
    {
        var toFloat = to is FloatType;
        switch (from)
        {
            case IntegerType when !toFloat: return Kernels.Unary<int, double, Conv<int, double>>(input, n, to);
            case LongType when !toFloat: return Kernels.Unary<long, double, Conv<long, double>>(input, n, to);
            case FloatType when !toFloat: return Kernels.Unary<float, double, Conv<float, double>>(input, n, to);
        }
        return Rows(input, n, to, (r, i, o) =>
        {
            double d;
            switch (from)
            {
                case StringType:
                    if (toFloat)
                    {
                        if (SparkStringParsing.TryParseFloat(r[0].Bytes(i), out var f)) ((PrimitiveVector<float>)o).Append(f);
                        else Fail(mode, o, () => ComputeErrors.CastInvalidInput(r[0].String(i), from, to));
                        return;
                    }
                    if (!SparkStringParsing.TryParseDouble(r[0].Bytes(i), out d))
                    {
                        Fail(mode, o, () => ComputeErrors.CastInvalidInput(r[0].String(i), from, to));
                        return;
                    }
                    break;
                case FloatType or DoubleType: d = r[0].Double(i); break;
                case DecimalType: d = DecimalToDouble(r[0].Decimal(i)); break;
                case BooleanType: d = r[0].Bool(i) ? 1 : 0; break;
                case TimestampType: d = r[0].Long(i) / (double)SparkDateTime.MicrosPerSecond; break;
                case DateType: ScalarValues.AppendNull(o); return;
                default:
                    if (toFloat)
                    {
                        ((PrimitiveVector<float>)o).Append(r[0].Long(i));
                        return;
                    }
                    d = r[0].Long(i);
                    break;
            }
            if (toFloat)
            {
                if (from is DecimalType) ((PrimitiveVector<float>)o).Append(float.Parse(r[0].Decimal(i).ToString(), CultureInfo.InvariantCulture));
                else ((PrimitiveVector<float>)o).Append((float)d);
            }
            else ((PrimitiveVector<double>)o).Append(d);
        });
    }

    internal static double DecimalToDouble(DecimalValue v) =>
        v.Scale == 0 && Int128.Abs(v.Unscaled) < (Int128)1 << 53 ? (double)v.Unscaled : double.Parse(v.ToString(), CultureInfo.InvariantCulture);

    // ---- decimal ----

    private static ColumnarValue ToDecimal(in ColumnarValue input, DataType from, DecimalType to, int n, Mode mode) => Rows(input, n, to, (r, i, o) =>
    {
        BigInteger unscaled;
        int scale;
        switch (from)
        {
            case DecimalType:
            {
                var dv = r[0].Decimal(i);
                if (DecimalMath.TryToPrecision(dv.Unscaled, dv.Scale, to, out var res)) ArithmeticFunctions.AppendDecimal(o, res);
                else Fail(mode, o, () => ComputeErrors.NumericValueOutOfRange(dv.ToString(), to.Precision, to.Scale));
                return;
            }
            case StringType:
                if (!SparkStringParsing.TryParseBigDecimal(r[0].Bytes(i), out unscaled, out scale))
                {
                    Fail(mode, o, () => ComputeErrors.CastInvalidInput(r[0].String(i), from, to));
                    return;
                }
                break;
            case FloatType or DoubleType:
            {
                var d = r[0].Double(i);
                if (!double.IsFinite(d))
                {
                    Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                    return;
                }
                var text = from is FloatType ? JavaNumberFormat.FloatToString((float)d) : JavaNumberFormat.DoubleToString(d);
                SparkStringParsing.TryParseBigDecimal(Encoding.ASCII.GetBytes(text), out unscaled, out scale);
                break;
            }
            case BooleanType: unscaled = r[0].Bool(i) ? 1 : 0; scale = 0; break;
            case TimestampType: unscaled = r[0].Long(i); scale = 6; break;
            case DateType: ScalarValues.AppendNull(o); return;
            case DayTimeIntervalType dt: unscaled = r[0].Long(i); scale = 0; unscaled /= DayTimeUnit(dt.EndField); break;
            case YearMonthIntervalType ym: unscaled = ym.EndField == YearMonthIntervalType.Year ? r[0].Int(i) / 12 : r[0].Int(i); scale = 0; break;
            default: unscaled = r[0].Long(i); scale = 0; break;
        }
        if (scale < -DecimalType.MaxPrecision * 2)
        {
            Fail(mode, o, () => ComputeErrors.NumericValueOutOfRange(DecimalMath.ToPlainString(unscaled, scale), to.Precision, to.Scale));
            return;
        }
        if (DecimalMath.TryToPrecision(unscaled, scale, to, out var v)) ArithmeticFunctions.AppendDecimal(o, v);
        else Fail(mode, o, () => ComputeErrors.NumericValueOutOfRange(DecimalMath.ToPlainString(unscaled, scale), to.Precision, to.Scale));
    });

    // ---- date / timestamp ----

    private static ColumnarValue ToDate(in ColumnarValue input, DataType from, int n, EvaluationContext ctx, Mode mode)
    {
        var zone = ctx.SessionTimeZone;
        return Rows(input, n, DataType.Date, (r, i, o) =>
        {
            var v = (PrimitiveVector<int>)o;
            switch (from)
            {
                case StringType:
                    if (SparkStringParsing.TryParseDate(r[0].Bytes(i), out var d)) v.Append(d);
                    else Fail(mode, o, () => ComputeErrors.CastInvalidInput(r[0].String(i), from, DataType.Date));
                    break;
                case TimestampType: v.Append((int)SparkDateTime.FloorDiv(SparkDateTime.UtcToLocal(zone, r[0].Long(i)), SparkDateTime.MicrosPerDay)); break;
                case TimestampNtzType: v.Append((int)SparkDateTime.FloorDiv(r[0].Long(i), SparkDateTime.MicrosPerDay)); break;
                default: throw CannotCast(from, DataType.Date);
            }
        });
    }

    private static ColumnarValue ToTimestamp(in ColumnarValue input, DataType from, DataType to, int n, EvaluationContext ctx, Mode mode)
    {
        var zone = ctx.SessionTimeZone;
        var ntz = to is TimestampNtzType;
        var today = from is StringType ? Today(ctx) : 0;
        return Rows(input, n, to, (r, i, o) =>
        {
            var v = (PrimitiveVector<long>)o;
            switch (from)
            {
                case StringType:
                {
                    var ok = ntz
                        ? SparkStringParsing.TryParseTimestampNtz(r[0].Bytes(i), today, out var us)
                        : SparkStringParsing.TryParseTimestamp(r[0].Bytes(i), zone, today, out us);
                    if (ok) v.Append(us);
                    else Fail(mode, o, () => ComputeErrors.CastInvalidInput(r[0].String(i), from, to));
                    break;
                }
                case DateType:
                {
                    var local = r[0].Int(i) * SparkDateTime.MicrosPerDay;
                    v.Append(ntz ? local : SparkDateTime.LocalToUtc(zone, local));
                    break;
                }
                case TimestampType: v.Append(SparkDateTime.UtcToLocal(zone, r[0].Long(i))); break;
                case TimestampNtzType: v.Append(SparkDateTime.LocalToUtc(zone, r[0].Long(i))); break;
                case BooleanType: v.Append(r[0].Bool(i) ? 1 : 0); break;
                case FloatType or DoubleType:
                {
                    var d = r[0].Double(i);
                    var us = d * SparkDateTime.MicrosPerSecond;
                    if (double.IsFinite(d) && us < 9.2233720368547758E18 && us >= -9.2233720368547758E18) v.Append((long)us);
                    else if (mode == Mode.Legacy && double.IsFinite(d)) v.Append((long)us);
                    else Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                    break;
                }
                case DecimalType:
                {
                    var dv = r[0].Decimal(i);
                    var us = (BigInteger)dv.Unscaled * DecimalMath.BigPow(6) / DecimalMath.BigPow(dv.Scale);
                    if (us >= long.MinValue && us <= long.MaxValue) v.Append((long)us);
                    else Fail(mode, o, () => ComputeErrors.CastOverflow(dv, from, to));
                    break;
                }
                default:
                {
                    var secs = r[0].Long(i);
                    var high = Math.BigMul(secs, SparkDateTime.MicrosPerSecond, out long low);
                    if (high == (low >> 63)) v.Append(low);
                    else if (mode == Mode.Legacy) v.Append(secs > 0 ? long.MaxValue : long.MinValue);
                    else Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                    break;
                }
            }
        });
    }

    // ---- binary ----

    private static ColumnarValue ToBinary(in ColumnarValue input, DataType from, int n, Mode mode)
    {
        if (from is StringType)
        {
            if (input.IsScalar) return ColumnarValue.OfScalar(DataType.Binary, Encoding.UTF8.GetBytes((string)input.Scalar!));
            var src = (BinaryVector)input.Vector!;
            var dst = new BinaryVector(DataType.Binary, n, src.DataLength);
            for (var i = 0; i < n; i++)
            {
                if (src.IsNull(i)) dst.AppendNull();
                else dst.Append(src.GetBytes(i));
            }
            return ColumnarValue.Of(dst);
        }
        return Rows(input, n, DataType.Binary, (r, i, o) =>
        {
            var v = r[0].Long(i);
            var size = from switch { ByteType => 1, ShortType => 2, IntegerType => 4, _ => 8 };
            var bytes = new byte[size];
            for (var k = 0; k < size; k++) bytes[k] = (byte)(v >> (8 * (size - 1 - k)));
            ((BinaryVector)o).Append(bytes);
        });
    }

    // ---- intervals ----

    internal static long DayTimeUnit(byte field) => field switch
    {
        DayTimeIntervalType.Day => SparkDateTime.MicrosPerDay,
        DayTimeIntervalType.Hour => SparkDateTime.MicrosPerHour,
        DayTimeIntervalType.Minute => SparkDateTime.MicrosPerMinute,
        _ => SparkDateTime.MicrosPerSecond,
    };

    private static ColumnarValue ToInterval(in ColumnarValue input, DataType from, DataType to, int n, Mode mode) => Rows(input, n, to, (r, i, o) =>
    {
        switch (to, from)
        {
            case (DayTimeIntervalType dt, StringType):
                if (SparkIntervals.TryParseDayTime(r[0].String(i), dt, out var us)) ((PrimitiveVector<long>)o).Append(us);
                else Fail(mode, o, () => ComputeErrors.CastInvalidInput(r[0].String(i), from, to));
                break;
            case (YearMonthIntervalType ym, StringType):
                if (SparkIntervals.TryParseYearMonth(r[0].String(i), ym, out var months)) ((PrimitiveVector<int>)o).Append(months);
                else Fail(mode, o, () => ComputeErrors.CastInvalidInput(r[0].String(i), from, to));
                break;
            case (DayTimeIntervalType dt, DayTimeIntervalType):
            {
                var v = r[0].Long(i);
                ((PrimitiveVector<long>)o).Append(v - v % DayTimeUnit(dt.EndField));
                break;
            }
            case (YearMonthIntervalType ym, YearMonthIntervalType):
            {
                var v = r[0].Int(i);
                ((PrimitiveVector<int>)o).Append(ym.EndField == YearMonthIntervalType.Year ? v - v % 12 : v);
                break;
            }
            case (DayTimeIntervalType dt, _):
            {
                var v = from is DecimalType ? (long)((BigInteger)r[0].Decimal(i).Unscaled / DecimalMath.BigPow(r[0].Decimal(i).Scale)) : r[0].Long(i);
                var high = Math.BigMul(v, DayTimeUnit(dt.EndField), out long low);
                if (high == (low >> 63)) ((PrimitiveVector<long>)o).Append(low);
                else Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                break;
            }
            case (YearMonthIntervalType ym, _):
            {
                var v = from is DecimalType ? (long)((BigInteger)r[0].Decimal(i).Unscaled / DecimalMath.BigPow(r[0].Decimal(i).Scale)) : r[0].Long(i);
                var m = ym.EndField == YearMonthIntervalType.Year ? v * 12 : v;
                if (m >= int.MinValue && m <= int.MaxValue) ((PrimitiveVector<int>)o).Append((int)m);
                else Fail(mode, o, () => ComputeErrors.CastOverflow(r[0].Object(i), from, to));
                break;
            }
            default: throw CannotCast(from, to);
        }
    });

    // ---- strings ----

    private static ColumnarValue ToStringValue(in ColumnarValue input, DataType from, int n, EvaluationContext ctx, Mode mode)
    {
        if (from is BinaryType)
        {
            if (input.IsScalar) return ColumnarValue.OfScalar(DataType.String, Encoding.UTF8.GetString((byte[])input.Scalar!));
            var src = (BinaryVector)input.Vector!;
            var dst = new BinaryVector(DataType.String, n, src.DataLength);
            for (var i = 0; i < n; i++)
            {
                if (src.IsNull(i)) dst.AppendNull();
                else dst.Append(src.GetBytes(i));
            }
            return ColumnarValue.Of(dst);
        }
        var zone = ctx.SessionTimeZone;
        var ansi = mode != Mode.Legacy;
        return Rows(input, n, DataType.String, (r, i, o) =>
        {
            var b = (BinaryVector)o;
            if (TypeCoercion.IsIntegral(from))
            {
                Span<byte> tmp = stackalloc byte[24];
                r[0].Long(i).TryFormat(tmp, out var written, default, CultureInfo.InvariantCulture);
                b.Append(tmp[..written]);
                return;
            }
            b.Append(Format(r[0].Object(i)!, from, zone, ansi));
        });
    }

    /// <summary>The string of a non-null scalar of <paramref name="type"/> as Spark's cast prints it.</summary>
    internal static string Format(object value, DataType type, TimeZoneInfo zone, bool plainDecimal = true)
    {
        switch (type)
        {
            case StringType: return (string)value;
            case BooleanType: return (bool)value ? "true" : "false";
            case ByteType or ShortType or IntegerType or LongType: return Convert.ToString(value, CultureInfo.InvariantCulture)!;
            case FloatType: return JavaNumberFormat.FloatToString(Convert.ToSingle(value, CultureInfo.InvariantCulture));
            case DoubleType: return JavaNumberFormat.DoubleToString(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case DecimalType d:
            {
                var dv = value is DecimalValue x ? x : new DecimalValue(ScalarValues.Unbox<Int128>(new DecimalType(38, d.Scale), value), d.Scale);
                return plainDecimal ? dv.ToString() : JavaBigDecimalString(dv);
            }
            case DateType: return SparkDateTime.FormatDate(ScalarValues.Unbox<int>(type, value));
            case TimestampType: return SparkDateTime.FormatTimestamp(ScalarValues.Unbox<long>(type, value), zone);
            case TimestampNtzType: return SparkDateTime.FormatLocal(ScalarValues.Unbox<long>(type, value));
            case BinaryType: return Encoding.UTF8.GetString((byte[])value);
            case DayTimeIntervalType dt: return SparkIntervals.FormatDayTime(ScalarValues.Unbox<long>(type, value), dt);
            case YearMonthIntervalType ym: return SparkIntervals.FormatYearMonth(ScalarValues.Unbox<int>(type, value), ym);
            case ArrayType at:
            {
                var sb = new StringBuilder("[");
                var first = true;
                foreach (var item in (System.Collections.IList)value)
                {
                    if (!first) sb.Append(',');
                    if (item is null) sb.Append(first ? "null" : " null");
                    else sb.Append(first ? "" : " ").Append(Format(item, at.ElementType, zone, plainDecimal));
                    first = false;
                }
                return sb.Append(']').ToString();
            }
            case StructType st:
            {
                var fields = (IReadOnlyList<object?>)value;
                var sb = new StringBuilder("{");
                for (var k = 0; k < st.Count; k++)
                {
                    if (k > 0) sb.Append(',');
                    if (fields[k] is null) sb.Append(k == 0 ? "null" : " null");
                    else sb.Append(k == 0 ? "" : " ").Append(Format(fields[k]!, st[k].Type, zone, plainDecimal));
                }
                return sb.Append('}').ToString();
            }
            case MapType mt:
            {
                var sb = new StringBuilder("{");
                var first = true;
                foreach (var kv in (IEnumerable<KeyValuePair<object?, object?>>)value)
                {
                    if (!first) sb.Append(", ");
                    sb.Append(Format(kv.Key!, mt.KeyType, zone, plainDecimal)).Append(" ->");
                    sb.Append(kv.Value is null ? " null" : " " + Format(kv.Value, mt.ValueType, zone, plainDecimal));
                    first = false;
                }
                return sb.Append('}').ToString();
            }
            default: return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
    }

    /// <summary>java.math.BigDecimal.toString: scientific notation when the adjusted exponent is below -6.</summary>
    private static string JavaBigDecimalString(DecimalValue v)
    {
        var digits = BigInteger.Abs(v.Unscaled).ToString(CultureInfo.InvariantCulture);
        var adjusted = -v.Scale + (digits.Length - 1);
        if (v.Scale >= 0 && adjusted >= -6) return v.ToString();
        var sb = new StringBuilder();
        if (v.Unscaled < 0) sb.Append('-');
        sb.Append(digits[0]);
        if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
        sb.Append('E').Append(adjusted >= 0 ? "+" : "").Append(adjusted.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    // ---- nested ----

    private static ColumnarValue ToNested(in ColumnarValue input, DataType from, DataType to, int n, EvaluationContext ctx, Mode mode)
    {
        var tryMode = mode == Mode.Try;
        var context = mode == Mode.Legacy ? ctx with { AnsiMode = false } : ctx;
        if (input.IsScalar)
        {
            var value = CastNestedScalar(input.Scalar!, from, to, context, tryMode);
            return ColumnarValue.OfScalar(to, value);
        }
        var src = input.Vector!;
        switch (src, to)
        {
            case (ListVector list, ArrayType at):
            {
                var elements = Cast(ColumnarValue.Of(list.Elements), at.ElementType, list.Elements.Length, context, tryMode);
                var dst = new ListVector(at, n);
                for (var i = 0; i < n; i++)
                {
                    if (list.IsNull(i))
                    {
                        ScalarValues.AppendNull(dst);
                        continue;
                    }
                    var items = new List<object?>();
                    for (var k = list.Offsets[i]; k < list.Offsets[i + 1]; k++) items.Add(ScalarValues.At(elements, k));
                    ScalarValues.Append(dst, items);
                }
                return ColumnarValue.Of(dst);
            }
            case (StructVector sv, StructType st):
            {
                var dst = new StructVector(st, n) { Length = n };
                for (var k = 0; k < st.Count; k++)
                {
                    var child = Cast(ColumnarValue.Of(sv.Children[k]), st[k].Type, n, context, tryMode);
                    dst.Children[k] = ScalarValues.Materialize(child, n);
                }
                if (sv.Validity is not null) Kernels.AndValidity(dst, sv.Validity, null, n);
                return ColumnarValue.Of(dst);
            }
            default:
                return RowKernel.Map([input], n, to, (r, i, o) => ScalarValues.Append(o, CastNestedScalar(r[0].Object(i)!, from, to, context, tryMode)));
        }
    }

    private static object? CastNestedScalar(object value, DataType from, DataType to, EvaluationContext ctx, bool tryMode)
    {
        switch (from, to)
        {
            case (ArrayType fa, ArrayType ta):
                return ((System.Collections.IList)value).Cast<object?>().Select(e => CastScalar(e, fa.ElementType, ta.ElementType, ctx, tryMode)).ToList();
            case (MapType fm, MapType tm):
                return ((IEnumerable<KeyValuePair<object?, object?>>)value)
                    .Select(kv => new KeyValuePair<object?, object?>(CastScalar(kv.Key, fm.KeyType, tm.KeyType, ctx, tryMode), CastScalar(kv.Value, fm.ValueType, tm.ValueType, ctx, tryMode)))
                    .ToList();
            case (StructType fs, StructType ts):
            {
                var fields = (IReadOnlyList<object?>)value;
                var result = new object?[ts.Count];
                for (var i = 0; i < ts.Count; i++) result[i] = CastScalar(fields[i], fs[i].Type, ts[i].Type, ctx, tryMode);
                return result;
            }
            default: throw CannotCast(from, to);
        }
    }
}
