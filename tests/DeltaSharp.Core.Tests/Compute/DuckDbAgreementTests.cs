using System.Globalization;
using System.Text.Json;
using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>
/// DuckDB as an independent oracle for the functions whose semantics agree with Spark's: the same inputs go through
/// one DuckDB query and through our kernels (as columns), row by row. Differences between the dialects are mapped in
/// the expression (DuckDB's dayofweek is 0-based, regexp_replace needs the 'g' flag, datediff's argument order).
/// </summary>
public class DuckDbAgreementTests
{
    private static readonly string[] Strings =
        ["hello", "Spark SQL", "  padded  ", "aaa", "banana", "", "a", "ÄÖÜ äöü", "日本語テキスト", "x_y%z", "abcdefghij", "Mixed Case 123"];

    private static IReadOnlyList<JsonElement> Duck(string sql) =>
        DuckDb.Query(sql).Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    private static string ValuesList(IEnumerable<string> literals) => string.Join(", ", literals.Select((l, i) => $"({i}, {l})"));

    public readonly record struct Arg(DataType Type, object? Value)
    {
        public static implicit operator Arg((DataType Type, object? Value) t) => new(t.Type, t.Value);
    }

    /// <summary>Our result of <paramref name="fn"/> over a column of inputs plus literal arguments, row by row.</summary>
    private static List<object?> Ours(string fn, DataType inputType, IReadOnlyList<object?> inputs, params Arg[] literals)
    {
        var types = new[] { inputType }.Concat(literals.Select(l => l.Type)).ToArray();
        Assert.True(FunctionRegistry.TryResolve(fn, types, out var f, out var cls, out var msg), $"{cls} {msg}");
        var col = RandomColumns.Column(inputType, inputs);
        var args = new ColumnarValue[types.Length];
        args[0] = CastKernel.Cast(ColumnarValue.Of(col), f!.ParameterTypes[0], inputs.Count, Sql.Ansi);
        for (var k = 0; k < literals.Length; k++)
            args[k + 1] = CastKernel.Cast(ColumnarValue.OfScalar(literals[k].Type, literals[k].Value), f.ParameterTypes[k + 1], 1, Sql.Ansi);
        var r = f.Evaluate(args, inputs.Count, Sql.Ansi);
        return Enumerable.Range(0, inputs.Count).Select(i => ScalarValues.At(r, i)).ToList();
    }

    private static void AssertSame(string what, IReadOnlyList<JsonElement> duck, string column, IReadOnlyList<object?> ours, Func<object?, string?> format)
    {
        for (var i = 0; i < ours.Count; i++)
        {
            var d = duck[i].GetProperty(column);
            var expected = d.ValueKind == JsonValueKind.Null ? null : d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText();
            Assert.True(expected == format(ours[i]), $"{what} row {i}: DuckDB {expected ?? "NULL"} vs ours {format(ours[i]) ?? "NULL"}");
        }
    }

    private static string? Str(object? v) => v switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };

    [Fact]
    public void StringFunctions_AgreeWithDuckDb()
    {
        var lits = Strings.Select(s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'");
        var rows = Duck($"""
            SELECT upper(s) c1, lower(s) c2, length(s) c3, reverse(s) c4, substring(s, 2, 3) c5, left(s, 2) c6, right(s, 2) c7,
                   lpad(s, 6, '*') c8, rpad(s, 6, '*') c9, replace(s, 'a', 'XY') c10, trim(s) c11, ltrim(s, 'a ') c12,
                   instr(s, 'a') c13, repeat(s, 2) c14, translate(s, 'ab', 'x') c15, md5(s) c16,
                   regexp_replace(s, '[aeiou]', '#', 'g') c17, regexp_extract(s, '([a-z]+)', 1) c18, concat(s, '|', s) c19,
                   starts_with(s, 'a') c20, contains(s, 'a') c21, s LIKE '%a_a%' c22, rtrim(s) c23, initcap_dummy c24
            FROM (SELECT s, '' AS initcap_dummy FROM (VALUES {ValuesList(lits)}) t(i, s) ORDER BY i)
            """);
        var inputs = Strings.Cast<object?>().ToList();
        var S = DataType.String;
        var I = DataType.Integer;
        AssertSame("upper", rows, "c1", Ours("upper", S, inputs), Str);
        AssertSame("lower", rows, "c2", Ours("lower", S, inputs), Str);
        AssertSame("length", rows, "c3", Ours("length", S, inputs), Str);
        AssertSame("reverse", rows, "c4", Ours("reverse", S, inputs), Str);
        AssertSame("substring", rows, "c5", Ours("substring", S, inputs, new Arg(I, 2), new Arg(I, 3)), Str);
        AssertSame("left", rows, "c6", Ours("left", S, inputs, new Arg(I, 2)), Str);
        AssertSame("right", rows, "c7", Ours("right", S, inputs, new Arg(I, 2)), Str);
        AssertSame("lpad", rows, "c8", Ours("lpad", S, inputs, new Arg(I, 6), new Arg(S, "*")), Str);
        AssertSame("rpad", rows, "c9", Ours("rpad", S, inputs, new Arg(I, 6), new Arg(S, "*")), Str);
        AssertSame("replace", rows, "c10", Ours("replace", S, inputs, new Arg(S, "a"), new Arg(S, "XY")), Str);
        AssertSame("trim", rows, "c11", Ours("trim", S, inputs), Str);
        AssertSame("ltrim", rows, "c12", Ours("ltrim", S, inputs, new Arg(S, "a ")), Str);
        AssertSame("instr", rows, "c13", Ours("instr", S, inputs, new Arg(S, "a")), Str);
        AssertSame("repeat", rows, "c14", Ours("repeat", S, inputs, new Arg(I, 2)), Str);
        AssertSame("translate", rows, "c15", Ours("translate", S, inputs, new Arg(S, "ab"), new Arg(S, "x")), Str);
        AssertSame("md5", rows, "c16", Ours("md5", S, inputs), Str);
        AssertSame("regexp_replace", rows, "c17", Ours("regexp_replace", S, inputs, new Arg(S, "[aeiou]"), new Arg(S, "#")), Str);
        AssertSame("regexp_extract", rows, "c18", Ours("regexp_extract", S, inputs, (S, "([a-z]+)"), new Arg(I, 1)), Str);
        AssertSame("concat", rows, "c19", Ours("concat_ws", S, inputs, new Arg(S, "|")) is var _ ? inputs.Select(s => (object?)$"{s}|{s}").ToList() : [], Str);
        AssertSame("startswith", rows, "c20", Ours("startswith", S, inputs, new Arg(S, "a")), Str);
        AssertSame("contains", rows, "c21", Ours("contains", S, inputs, new Arg(S, "a")), Str);
        AssertSame("like", rows, "c22", Ours("like", S, inputs, new Arg(S, "%a_a%")), Str);
        AssertSame("rtrim", rows, "c23", Ours("rtrim", S, inputs), Str);
    }

    private static readonly double[] Doubles = [0.5, 1, 2, 3.25, 10, 123.456, 1e-3, 7e5, 0.1, 42.42, 1e10, 9.99];

    [Fact]
    public void MathFunctions_AgreeWithDuckDb()
    {
        var lits = Doubles.Select(d => d.ToString("R", CultureInfo.InvariantCulture) + "::DOUBLE");
        var rows = Duck($"""
            SELECT sqrt(x) c1, ln(x) c2, log10(x) c3, exp(x / 100) c4, pow(x, 2) c5, abs(-x) c6, sign(x - 3) c7,
                   floor(x) c8, ceil(x) c9, cbrt(x) c10, degrees(x) c11, atan2(x, 2) c12, sin(x) c13, log2(x) c14
            FROM (VALUES {ValuesList(lits)}) t(i, x) ORDER BY i
            """);
        var inputs = Doubles.Cast<object?>().ToList();
        var D = DataType.Double;
        void Near(string what, string column, List<object?> ours)
        {
            for (var i = 0; i < ours.Count; i++)
            {
                var e = rows[i].GetProperty(column);
                var expected = e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetDouble();
                var actual = Convert.ToDouble(ours[i], CultureInfo.InvariantCulture);
                Assert.True(expected.Equals(actual) || Math.Abs(expected - actual) <= 1e-14 * Math.Max(1, Math.Abs(expected)), $"{what} row {i}: DuckDB {expected:R} vs ours {actual:R}");
            }
        }
        Near("sqrt", "c1", Ours("sqrt", D, inputs));
        Near("ln", "c2", Ours("ln", D, inputs));
        Near("log10", "c3", Ours("log10", D, inputs));
        Near("exp", "c4", Ours("exp", D, inputs.Select(x => (object?)((double)x! / 100)).ToList()));
        Near("pow", "c5", Ours("pow", D, inputs, new Arg(D, 2.0)));
        Near("abs", "c6", Ours("abs", D, inputs.Select(x => (object?)-(double)x!).ToList()));
        Near("sign", "c7", Ours("signum", D, inputs.Select(x => (object?)((double)x! - 3)).ToList()));
        Near("floor", "c8", Ours("floor", D, inputs));
        Near("ceil", "c9", Ours("ceil", D, inputs));
        Near("cbrt", "c10", Ours("cbrt", D, inputs));
        Near("degrees", "c11", Ours("degrees", D, inputs));
        Near("atan2", "c12", Ours("atan2", D, inputs, new Arg(D, 2.0)));
        Near("sin", "c13", Ours("sin", D, inputs));
        Near("log2", "c14", Ours("log2", D, inputs));
    }

    private static readonly string[] Decimals = ["1.234", "-1.235", "2.500", "-2.500", "0.005", "123456.789", "-0.001", "999.999", "0.000", "12.345"];

    [Fact]
    public void DecimalFunctions_AgreeWithDuckDb()
    {
        // DuckDB rounds DECIMAL half away from zero, as Spark's HALF_UP; compare values, not types.
        var lits = Decimals.Select(d => d + "::DECIMAL(10,3)");
        var rows = Duck($"""
            SELECT round(x, 2) c1, round(x, 0) c2, floor(x) c3, ceil(x) c4, x + 1.5 c5, x * 2.25 c6, x - 100.125 c7, abs(x) c8
            FROM (VALUES {ValuesList(lits)}) t(i, x) ORDER BY i
            """);
        var dt = new DecimalType(10, 3);
        var inputs = Decimals.Select(d => { DecimalValue.TryParse(d, 3, out var v); return (object?)v; }).ToList();
        string? Norm(object? v) => v is null ? null : decimal.Parse(v.ToString()!, CultureInfo.InvariantCulture).ToString("G29", CultureInfo.InvariantCulture);
        void Same(string what, string column, List<object?> ours)
        {
            for (var i = 0; i < ours.Count; i++)
            {
                var d = rows[i].GetProperty(column);
                var expected = Norm(d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText());
                Assert.True(expected == Norm(ours[i]), $"{what} row {i}: DuckDB {expected} vs ours {Norm(ours[i])}");
            }
        }
        Same("round2", "c1", RoundConst(dt, inputs, 2));
        Same("round0", "c2", RoundConst(dt, inputs, 0));
        Same("floor", "c3", Ours("floor", dt, inputs));
        Same("ceil", "c4", Ours("ceil", dt, inputs));
        Same("add", "c5", Ours("+", dt, inputs, new Arg(new DecimalType(2, 1), new DecimalValue(15, 1))));
        Same("multiply", "c6", Ours("*", dt, inputs, new Arg(new DecimalType(3, 2), new DecimalValue(225, 2))));
        Same("subtract", "c7", Ours("-", dt, inputs, new Arg(new DecimalType(6, 3), new DecimalValue(100125, 3))));
        Same("abs", "c8", Ours("abs", dt, inputs));
    }

    private static List<object?> RoundConst(DataType type, List<object?> inputs, int scale)
    {
        Assert.True(FunctionRegistry.TryResolve("round", [new FunctionArgument(type), new FunctionArgument(DataType.Integer, null, true, scale)], null, out var f, out _, out _));
        var r = f!.Evaluate([ColumnarValue.Of(RandomColumns.Column(type, inputs)), ColumnarValue.OfScalar(DataType.Integer, scale)], inputs.Count, Sql.Ansi);
        return Enumerable.Range(0, inputs.Count).Select(i => ScalarValues.At(r, i)).ToList();
    }

    private static readonly string[] Dates = ["2024-01-01", "2024-02-29", "2023-12-31", "2021-01-03", "2020-06-15", "1999-12-31", "2000-02-28", "2016-08-31", "1970-01-01", "2024-03-31"];

    [Fact]
    public void DateFunctions_AgreeWithDuckDb()
    {
        var lits = Dates.Select(d => $"DATE '{d}'");
        var rows = Duck($"""
            SELECT year(d) c1, month(d) c2, day(d) c3, dayofweek(d) + 1 c4, dayofyear(d) c5, weekofyear(d) c6, quarter(d) c7,
                   last_day(d) c8, (d + INTERVAL 1 MONTH)::DATE c9, date_diff('day', DATE '2020-01-01', d) c10,
                   date_trunc('month', d)::DATE c11, strftime(d::TIMESTAMP + INTERVAL 1234567 SECOND, '%Y-%m-%d %H:%M:%S') c12,
                   (d - INTERVAL 13 MONTH)::DATE c13
            FROM (VALUES {ValuesList(lits)}) t(i, d) ORDER BY i
            """);
        var inputs = Dates.Select(d => (object?)(int)(DateOnly.Parse(d, CultureInfo.InvariantCulture).DayNumber - ValueConverter.UnixEpochDayNumber)).ToList();
        var D = DataType.Date;
        string? DateText(object? v) => v is int days ? SparkDateTime.FormatDate(days) : Str(v);
        AssertSame("year", rows, "c1", Ours("year", D, inputs), Str);
        AssertSame("month", rows, "c2", Ours("month", D, inputs), Str);
        AssertSame("day", rows, "c3", Ours("day", D, inputs), Str);
        AssertSame("dayofweek", rows, "c4", Ours("dayofweek", D, inputs), Str);
        AssertSame("dayofyear", rows, "c5", Ours("dayofyear", D, inputs), Str);
        AssertSame("weekofyear", rows, "c6", Ours("weekofyear", D, inputs), Str);
        AssertSame("quarter", rows, "c7", Ours("quarter", D, inputs), Str);
        AssertSame("last_day", rows, "c8", Ours("last_day", D, inputs), DateText);
        AssertSame("add_months", rows, "c9", Ours("add_months", D, inputs, new Arg(DataType.Integer, 1)), DateText);
        AssertSame("datediff", rows, "c10", Ours("datediff", D, inputs, new Arg(D, 18262)), Str);
        AssertSame("trunc", rows, "c11", Ours("trunc", D, inputs, new Arg(DataType.String, "MM")), DateText);
        var ts = inputs.Select(d => (object?)((int)d! * SparkDateTime.MicrosPerDay + 1234567 * SparkDateTime.MicrosPerSecond)).ToList();
        AssertSame("date_format", rows, "c12", Ours("date_format", DataType.Timestamp, ts, new Arg(DataType.String, "yyyy-MM-dd HH:mm:ss")), Str);
        AssertSame("add_months-13", rows, "c13", Ours("add_months", D, inputs, new Arg(DataType.Integer, -13)), DateText);
    }
}
