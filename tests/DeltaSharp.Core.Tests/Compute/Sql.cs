using System.Globalization;
using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>A typed SQL literal for tests.</summary>
public readonly record struct Lit(DataType Type, object? Value)
{
    public override string ToString() => Value is null ? "NULL" : $"{Value}:{Type.SimpleString}";
}

/// <summary>
/// Calls functions the way the binder will: resolve by name and argument types, cast each argument to the
/// resolved parameter type with <see cref="CastKernel"/>, evaluate. Every call also evaluates the same arguments
/// as columns (with a null row and a repeated row around the value) and asserts the column path agrees with the
/// scalar path, so each example doubles as a vector/scalar test.
/// </summary>
public static class Sql
{
    public static readonly EvaluationContext Ansi = new()
    {
        StatementTimestamp = new DateTimeOffset(2024, 3, 15, 10, 30, 45, 123, TimeSpan.Zero).AddTicks(4560),
        SessionTimeZone = TimeZoneInfo.Utc,
        AnsiMode = true,
    };

    public static readonly EvaluationContext Legacy = Ansi with { AnsiMode = false };

    public static EvaluationContext InZone(string zone) => Ansi with { SessionTimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) };

    // ---- literals (Spark literal typing) ----
    public static Lit Null => new(DataType.Null, null);
    public static Lit I(int v) => new(DataType.Integer, v);
    public static Lit L(long v) => new(DataType.Long, v);
    public static Lit Sh(short v) => new(DataType.Short, v);
    public static Lit By(sbyte v) => new(DataType.Byte, v);
    public static Lit Db(double v) => new(DataType.Double, v);
    public static Lit Fl(float v) => new(DataType.Float, v);
    public static Lit S(string v) => new(DataType.String, v);
    public static Lit B(bool v) => new(DataType.Boolean, v);
    public static Lit Bin(params byte[] v) => new(DataType.Binary, v);

    /// <summary>A decimal literal typed as Spark types <c>1.50</c>: decimal(digits, fraction digits).</summary>
    public static Lit Dec(string text)
    {
        var t = text.TrimStart('-');
        var dot = t.IndexOf('.', StringComparison.Ordinal);
        var scale = dot < 0 ? 0 : t.Length - dot - 1;
        var digits = t.Replace(".", "", StringComparison.Ordinal).TrimStart('0').Length;
        var precision = Math.Max(Math.Max(digits, scale), 1);
        Assert.True(DecimalValue.TryParse(text, scale, out var v));
        return new(new DecimalType(precision, scale), v);
    }

    public static Lit Dec(string text, int precision, int scale)
    {
        Assert.True(DecimalValue.TryParse(text, scale, out var v));
        return new(new DecimalType(precision, scale), v);
    }

    public static Lit Date(string iso) => new(DataType.Date, (int)(DateOnly.Parse(iso, CultureInfo.InvariantCulture).DayNumber - ValueConverter.UnixEpochDayNumber));

    /// <summary>A timestamp literal in UTC ("2024-01-02 03:04:05.678").</summary>
    public static Lit Ts(string text) => new(DataType.Timestamp, Micros(text));

    public static Lit Ntz(string text) => new(DataType.TimestampNtz, Micros(text));

    public static long Micros(string text)
    {
        var dt = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return (dt.Ticks - ValueConverter.UnixEpochTicks) / 10;
    }

    public static Lit DayTime(long micros, byte start = 0, byte end = 3) => new(new DayTimeIntervalType(start, end), micros);
    public static Lit YearMonth(int months, byte start = 0, byte end = 1) => new(new YearMonthIntervalType(start, end), months);

    public static Lit Arr(DataType element, params object?[] items) => new(new ArrayType(element), items.ToList());

    // ---- calls ----

    public static ScalarFunction Resolve(string name, params Lit[] args)
    {
        var ok = FunctionRegistry.TryResolve(name, args.Select(a => a.Type).ToArray(), out var fn, out var cls, out var msg);
        Assert.True(ok, $"{name}: [{cls}] {msg}");
        return fn!;
    }

    public static object? Eval(string name, params Lit[] args) => EvalIn(Ansi, name, args);

    public static object? EvalIn(EvaluationContext ctx, string name, params Lit[] args)
    {
        var fn = Resolve(name, args);
        var values = new ColumnarValue[args.Length];
        for (var i = 0; i < args.Length; i++)
            values[i] = CastKernel.Cast(ColumnarValue.OfScalar(args[i].Type, args[i].Value), fn.ParameterTypes[i], 1, ctx);
        var scalar = fn.Evaluate(values, 1, ctx);
        Assert.True(scalar.IsScalar, $"{name} on scalars returned a column");
        Assert.Equal(fn.ReturnType, scalar.Type);
        if (fn.Deterministic) AssertColumnAgrees(fn, values, scalar.Scalar, ctx);
        return scalar.Scalar;
    }

    /// <summary>Evaluates the same call over columns [value, NULL-row when every arg is a column, value] and
    /// checks rows 0 and 2 equal the scalar result.</summary>
    private static void AssertColumnAgrees(ScalarFunction fn, ColumnarValue[] scalars, object? expected, EvaluationContext ctx)
    {
        if (scalars.Length == 0) return;
        for (var asColumn = 0; asColumn < scalars.Length; asColumn++)
        {
            var args = new ColumnarValue[scalars.Length];
            for (var i = 0; i < scalars.Length; i++)
            {
                if (i != asColumn && i % 2 == 1) { args[i] = scalars[i]; continue; }
                var v = ColumnVector.Create(scalars[i].Type, 3);
                ScalarValues.Append(v, scalars[i].Scalar);
                // A null middle row checks null propagation; functions that look at nulls get the value again.
                if (fn.NullIntolerant) ScalarValues.AppendNull(v);
                else ScalarValues.Append(v, scalars[i].Scalar);
                ScalarValues.Append(v, scalars[i].Scalar);
                args[i] = ColumnarValue.Of(v);
            }
            var result = fn.Evaluate(args, 3, ctx);
            Assert.False(result.IsScalar);
            Assert.Equal(3, result.Vector!.Length);
            Assert.Equal(Canonical(expected), Canonical(ScalarValues.At(result.Vector, 0)));
            Assert.Equal(Canonical(expected), Canonical(ScalarValues.At(result.Vector, 2)));
            if (fn.NullIntolerant && asColumn == 0) Assert.Null(ScalarValues.At(result.Vector, 1));
        }
    }

    /// <summary>A comparable form of a scalar (lists and arrays by content).</summary>
    public static object? Canonical(object? v) => v switch
    {
        null => null,
        byte[] b => Convert.ToHexString(b),
        double d when double.IsNaN(d) => "NaN",
        object?[] s => "(" + string.Join(", ", s.Select(x => Canonical(x)?.ToString() ?? "null")) + ")",
        System.Collections.IList l => "[" + string.Join(", ", l.Cast<object?>().Select(x => Canonical(x)?.ToString() ?? "null")) + "]",
        IEnumerable<KeyValuePair<object?, object?>> m => "{" + string.Join(", ", m.Select(kv => $"{Canonical(kv.Key)} -> {Canonical(kv.Value)}")) + "}",
        _ => v,
    };

    /// <summary>The result as Spark prints it (CAST(result AS STRING)); "NULL" for null.</summary>
    public static string Text(string name, params Lit[] args) => TextIn(Ansi, name, args);

    public static string TextIn(EvaluationContext ctx, string name, params Lit[] args)
    {
        var fn = Resolve(name, args);
        var v = EvalIn(ctx, name, args);
        return v is null ? "NULL" : CastKernel.ToSparkString(v, fn.ReturnType, ctx)!;
    }

    public static ComputeException Throws(string name, params Lit[] args) => ThrowsIn(Ansi, name, args);

    public static ComputeException ThrowsIn(EvaluationContext ctx, string name, params Lit[] args) =>
        Assert.Throws<ComputeException>(() => EvalIn(ctx, name, args));

    /// <summary>The type the function returns for these arguments.</summary>
    public static string TypeOf(string name, params Lit[] args) => Resolve(name, args).ReturnType.SimpleString;

    /// <summary>Resolution failure: (error class, message).</summary>
    public static (string Class, string Message) BindError(string name, params DataType[] types)
    {
        Assert.False(FunctionRegistry.TryResolve(name, types, out _, out var cls, out var msg));
        return (cls!, msg!);
    }

    /// <summary>CAST(value AS type) printed as Spark prints the result.</summary>
    public static string Cast(Lit value, DataType to, EvaluationContext? ctx = null, bool tryMode = false)
    {
        ctx ??= Ansi;
        var r = CastKernel.Cast(ColumnarValue.OfScalar(value.Type, value.Value), to, 1, ctx, tryMode);
        // Column path must agree.
        var col = ColumnVector.Create(value.Type, 2);
        ScalarValues.Append(col, value.Value);
        ScalarValues.AppendNull(col);
        var rc = CastKernel.Cast(ColumnarValue.Of(col), to, 2, ctx, tryMode);
        Assert.Equal(Canonical(r.Scalar), Canonical(ScalarValues.At(rc, 0)));
        Assert.Null(ScalarValues.At(rc, 1));
        return r.Scalar is null ? "NULL" : CastKernel.ToSparkString(r.Scalar, to, ctx)!;
    }

    public static BigInteger Big(string s) => BigInteger.Parse(s, CultureInfo.InvariantCulture);
}
