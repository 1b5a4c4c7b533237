using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Types;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>
/// Properties over every kernel family: a column evaluation equals the row-by-row scalar evaluation (the fast
/// column and column-vs-literal paths have a scalar twin), errors are raised exactly when some row's scalar call
/// raises (with the same error class), nulls propagate for null-intolerant functions, and TRY variants return null
/// exactly where the ANSI form raises.
/// </summary>
public class KernelPropertyTests
{
    private static readonly DataType Int = DataType.Integer, Long = DataType.Long, Dbl = DataType.Double, Str = DataType.String,
        Byte = DataType.Byte, Short = DataType.Short, Date = DataType.Date, Ts = DataType.Timestamp, Bool = DataType.Boolean;
    private static readonly DecimalType Dec5 = new(5, 2), Dec38 = new(38, 10), Dec18 = new(18, 4);

    public static readonly TheoryData<string, string> Calls = Build(
    [
        ("+", [Int, Int]), ("+", [Long, Long]), ("+", [Byte, Byte]), ("+", [Short, Short]), ("+", [Dbl, Dbl]), ("+", [Dec5, Dec38]), ("+", [Int, Dec5]),
        ("-", [Int, Int]), ("-", [Long, Long]), ("-", [Dec18, Dec18]), ("*", [Int, Int]), ("*", [Long, Long]), ("*", [Dec5, Dec5]), ("*", [Dec38, Dec18]),
        ("/", [Int, Int]), ("/", [Dbl, Dbl]), ("/", [Dec5, Dec18]), ("/", [Dec38, Dec5]), ("%", [Int, Int]), ("%", [Long, Long]), ("%", [Dbl, Dbl]),
        ("%", [Dec18, Dec5]), ("div", [Long, Long]), ("div", [Dec5, Dec5]), ("pmod", [Int, Int]), ("pmod", [Dec18, Dec5]), ("-", [Int]), ("abs", [Long]),
        ("abs", [Dec5]), ("try_add", [Int, Int]), ("try_multiply", [Long, Long]), ("try_divide", [Dec5, Dec5]),
        ("=", [Int, Int]), ("<", [Long, Long]), ("<=", [Dbl, Dbl]), (">", [Str, Str]), (">=", [Dec5, Dec38]), ("<>", [Bool, Bool]), ("<=>", [Str, Str]),
        ("=", [Date, Str]), ("<", [Int, Str]), ("=", [Ts, Date]), ("and", [Bool, Bool]), ("or", [Bool, Bool]), ("not", [Bool]), ("in", [Int, Int, Int]),
        ("in", [Str, Str, Str]), ("&", [Int, Int]), ("shiftleft", [Long, Int]),
        ("upper", [Str]), ("lower", [Str]), ("length", [Str]), ("substring", [Str, Int, Int]), ("substring", [Str, Int]), ("trim", [Str]), ("trim", [Str, Str]),
        ("lpad", [Str, Int, Str]), ("rpad", [Str, Int]), ("replace", [Str, Str, Str]), ("instr", [Str, Str]), ("locate", [Str, Str, Int]), ("left", [Str, Int]),
        ("right", [Str, Int]), ("concat", [Str, Str, Str]), ("concat_ws", [Str, Str, Str]), ("like", [Str, Str]), ("startswith", [Str, Str]),
        ("translate", [Str, Str, Str]), ("initcap", [Str]), ("reverse", [Str]), ("split", [Str, Str]), ("md5", [Str]), ("hash", [Str, Int]),
        ("year", [Date]), ("month", [Ts]), ("dayofweek", [Date]), ("hour", [Ts]), ("date_add", [Date, Int]), ("datediff", [Date, Date]),
        ("add_months", [Date, Int]), ("months_between", [Ts, Ts]), ("last_day", [Date]), ("trunc", [Date, Str]), ("date_trunc", [Str, Ts]),
        ("date_format", [Ts, Str]), ("to_date", [Str]), ("to_timestamp", [Str]), ("make_date", [Int, Int, Int]),
        ("round", [Dbl]), ("bround", [Dec18]), ("floor", [Dbl]), ("ceil", [Dec38]), ("sqrt", [Dbl]), ("ln", [Dbl]), ("pow", [Dbl, Dbl]),
        ("greatest", [Int, Int, Int]), ("least", [Str, Str]), ("coalesce", [Int, Int]), ("nullif", [Int, Int]), ("if", [Bool, Str, Str]), ("nvl2", [Int, Str, Str]),
        ("array_contains", [new ArrayType(Int), Int]), ("element_at", [new ArrayType(Int), Int]), ("size", [new ArrayType(Str)]),
    ]);

    private static TheoryData<string, string> Build((string Fn, DataType[] Args)[] calls)
    {
        var data = new TheoryData<string, string>();
        foreach (var (fn, args) in calls) data.Add(fn, string.Join(";", args.Select(a => a.SimpleString)));
        return data;
    }

    private static DataType Parse(string s) => s.StartsWith("array<", StringComparison.Ordinal)
        ? new ArrayType(DataType.ParsePrimitive(s[6..^1]))
        : DataType.ParsePrimitive(s);

    [Theory]
    [MemberData(nameof(Calls))]
    public void ColumnEvaluation_EqualsRowByRowScalarEvaluation(string fn, string argTypes)
    {
        var types = argTypes.Split(';').Select(Parse).ToArray();
        Assert.True(FunctionRegistry.TryResolve(fn, types, out var f, out var cls, out var msg), $"{cls} {msg}");
        var gen = from seed in Gen.Choose(0, int.MaxValue)
                  from rows in Gen.Choose(1, 40)
                  from scalarArg in Gen.Choose(-1, types.Length - 1)
                  from ansi in Gen.Elements(true, false)
                  select (seed, rows, scalarArg, ansi);
        Prop.ForAll(Arb.From(gen), c => Check(f!, types, c.seed, c.rows, c.scalarArg, c.ansi))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    private static void Check(ScalarFunction f, DataType[] types, int seed, int rows, int scalarArg, bool ansi)
    {
        var r = new Random(seed);
        var ctx = Sql.Ansi with { AnsiMode = ansi };
        // Raw values of the argument types, then cast (as the binder would) to the parameter types with try semantics
        // so malformed strings become nulls rather than failing the whole column.
        var raw = types.Select(t => Enumerable.Range(0, rows).Select(_ => RandomColumns.Value(t, r)).ToList()).ToArray();
        if (scalarArg >= 0) for (var i = 1; i < rows; i++) raw[scalarArg][i] = raw[scalarArg][0];
        var args = new ColumnarValue[types.Length];
        for (var k = 0; k < types.Length; k++)
        {
            var col = ColumnarValue.Of(RandomColumns.Column(types[k], raw[k]));
            var cast = CastKernel.Cast(col, f.ParameterTypes[k], rows, ctx, tryMode: true);
            args[k] = k == scalarArg ? ColumnarValue.OfScalar(f.ParameterTypes[k], ScalarValues.At(cast, 0)) : cast;
        }
        ColumnarValue? column = null;
        ComputeException? columnError = null;
        try { column = f.Evaluate(args, rows, ctx); }
        catch (ComputeException e) { columnError = e; }
        catch (Exception e)
        {
            var text = string.Join(" | ", Enumerable.Range(0, rows).Select(i => string.Join(", ", args.Select(a => Sql.Canonical(ScalarValues.At(a, i)) ?? "NULL"))));
            throw new InvalidOperationException($"{f.Name} crashed ({e.GetType().Name}) on rows: {text}", e);
        }

        var rowErrors = new List<string>();
        for (var i = 0; i < rows; i++)
        {
            var scalars = args.Select(a => ColumnarValue.OfScalar(a.Type, ScalarValues.At(a, i))).ToArray();
            object? expected;
            try { expected = f.Evaluate(scalars, 1, ctx).Scalar; }
            catch (ComputeException e)
            {
                rowErrors.Add(e.ErrorClass);
                continue;
            }
            if (column is { } c && f.Deterministic)
            {
                var actual = ScalarValues.At(c, i);
                Assert.True(Equals(Sql.Canonical(expected), Sql.Canonical(actual)),
                    $"{f.Name}({string.Join(", ", scalars.Select(s => s.Scalar ?? "NULL"))}) row {i}: scalar {Sql.Canonical(expected) ?? "NULL"} vs column {Sql.Canonical(actual) ?? "NULL"}");
                if (f.NullIntolerant && scalars.Any(s => s.Scalar is null)) Assert.Null(actual);
            }
        }
        if (columnError is not null) Assert.Contains(columnError.ErrorClass, rowErrors);
        else Assert.Empty(rowErrors);
    }

    [Theory]
    [InlineData("+", "try_add")]
    [InlineData("-", "try_subtract")]
    [InlineData("*", "try_multiply")]
    [InlineData("/", "try_divide")]
    [InlineData("%", "try_mod")]
    public void TryVariant_IsNullExactlyWhereAnsiRaises(string op, string tryFn)
    {
        foreach (var t in new DataType[] { DataType.Integer, DataType.Long, new DecimalType(38, 0), new DecimalType(5, 2) })
        {
            Assert.True(FunctionRegistry.TryResolve(op, [t, t], out var ansiFn, out _, out _));
            Assert.True(FunctionRegistry.TryResolve(tryFn, [t, t], out var tryFn2, out _, out _));
            Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
            {
                var r = new Random(seed);
                var a = ColumnarValue.OfScalar(ansiFn!.ParameterTypes[0], CastKernel.CastScalar(RandomColumns.Value(t, r, 0), t, ansiFn.ParameterTypes[0], Sql.Ansi, true));
                var b = ColumnarValue.OfScalar(ansiFn.ParameterTypes[1], CastKernel.CastScalar(RandomColumns.Value(t, r, 0), t, ansiFn.ParameterTypes[1], Sql.Ansi, true));
                object? ansiResult;
                try { ansiResult = ansiFn.Evaluate([a, b], 1, Sql.Ansi).Scalar; }
                catch (ComputeException) { ansiResult = "error"; }
                var tryResult = tryFn2!.Evaluate([a, b], 1, Sql.Ansi).Scalar;
                if (ansiResult is "error") Assert.Null(tryResult);
                else Assert.Equal(Sql.Canonical(ansiResult), Sql.Canonical(tryResult));
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(200));
        }
    }

    [Fact]
    public void Cast_ColumnEqualsScalar_ForEveryPrimitivePair()
    {
        DataType[] all = [DataType.Boolean, DataType.Byte, DataType.Short, DataType.Integer, DataType.Long, DataType.Float, DataType.Double,
            new DecimalType(10, 2), new DecimalType(38, 6), DataType.String, DataType.Binary, DataType.Date, DataType.Timestamp, DataType.TimestampNtz];
        foreach (var from in all)
        foreach (var to in all)
        {
            if (!CastKernel.CanCast(from, to)) continue;
            foreach (var ansi in new[] { true, false })
            foreach (var tryMode in new[] { false, true })
            {
                var ctx = Sql.Ansi with { AnsiMode = ansi };
                var r = new Random(from.GetHashCode() ^ to.GetHashCode());
                var values = Enumerable.Range(0, 30).Select(_ => RandomColumns.Value(from, r)).ToList();
                var rowErrors = new List<string>();
                var expected = new List<object?>();
                foreach (var v in values)
                {
                    try { expected.Add(CastKernel.CastScalar(v, from, to, ctx, tryMode)); }
                    catch (ComputeException e) { rowErrors.Add(e.ErrorClass); expected.Add("error"); }
                }
                try
                {
                    var col = CastKernel.Cast(ColumnarValue.Of(RandomColumns.Column(from, values)), to, values.Count, ctx, tryMode);
                    Assert.Empty(rowErrors);
                    for (var i = 0; i < values.Count; i++)
                        Assert.True(Equals(Sql.Canonical(expected[i]), Sql.Canonical(ScalarValues.At(col, i))), $"cast {from} → {to} of {values[i]}");
                }
                catch (ComputeException e)
                {
                    Assert.False(tryMode, $"try_cast {from} → {to} raised {e.ErrorClass}");
                    Assert.Contains(e.ErrorClass, rowErrors);
                }
            }
        }
    }
}
