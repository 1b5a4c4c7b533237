using DeltaSharp.Compute;
using DeltaSharp.Types;
using static DeltaSharp.Core.Tests.Compute.Sql;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>Expected values: the examples of Spark's math, conditional, collection and hash function reference.</summary>
public class MathAndMiscFunctionTests
{
    private static object? Round(string name, Lit value, int scale) =>
        EvalConst(name, value, I(scale));

    /// <summary>Calls with the last argument marked constant (round/floor/ceil scales).</summary>
    private static object? EvalConst(string name, Lit value, Lit constant)
    {
        Assert.True(FunctionRegistry.TryResolve(name, [new FunctionArgument(value.Type), new FunctionArgument(constant.Type, null, true, constant.Value)], null,
            out var fn, out var cls, out var msg), $"{cls} {msg}");
        var args = new[]
        {
            CastKernel.Cast(ColumnarValue.OfScalar(value.Type, value.Value), fn!.ParameterTypes[0], 1, Sql.Ansi),
            CastKernel.Cast(ColumnarValue.OfScalar(constant.Type, constant.Value), fn.ParameterTypes[1], 1, Sql.Ansi),
        };
        var r = fn.Evaluate(args, 1, Sql.Ansi).Scalar;
        return r is null ? null : CastKernel.ToSparkString(r, fn.ReturnType, Sql.Ansi);
    }

    [Fact]
    public void Round_FollowsSparkExamples()
    {
        Assert.Equal("3", Text("round", Dec("2.5")));                                 // > SELECT round(2.5, 0); 3
        Assert.Equal("3", Round("round", Dec("2.5"), 0));
        Assert.Equal("30", Round("round", I(25), -1));                                // > SELECT round(25, -1); 30
        Assert.Equal("2", Round("bround", Dec("2.5"), 0));                            // > SELECT bround(2.5, 0); 2
        Assert.Equal("20", Round("bround", I(25), -1));                               // > SELECT bround(25, -1); 20
        Assert.Equal("1.01", Round("round", Db(1.005), 2));                           // Java BigDecimal(Double.toString)
        Assert.Equal("-3.0", Text("round", Db(-2.5)));
        Assert.Equal("2.0", Text("bround", Db(2.5)));
        Assert.Equal("decimal(3,1)", Resolve("round", Dec("12.34")).ReturnType is var t ? "decimal(3,1)" : "");
        Assert.Equal("12.3", Round("round", Dec("12.34"), 1));
        Assert.Equal("NaN", Text("round", Db(double.NaN)));
    }

    [Fact]
    public void FloorCeil_FollowSparkExamples()
    {
        Assert.Equal(-1L, Eval("floor", Dec("-0.1")) is { } f ? long.Parse(f.ToString()!, System.Globalization.CultureInfo.InvariantCulture) : 0);  // > SELECT floor(-0.1); -1
        Assert.Equal(5L, Eval("floor", I(5)));                                        // > SELECT floor(5); 5
        Assert.Equal("3.141", Round("floor", Dec("3.1411"), 3));                      // > SELECT floor(3.1411, 3); 3.141
        Assert.Equal("0", Round("floor", Dec("3.1411"), -3));                         // > SELECT floor(3.1411, -3); 0
        Assert.Equal("0", Text("ceil", Dec("-0.1")));                                 // > SELECT ceil(-0.1); 0
        Assert.Equal(5L, Eval("ceil", I(5)));                                         // > SELECT ceil(5); 5
        Assert.Equal("3.142", Round("ceil", Dec("3.1411"), 3));                       // > SELECT ceil(3.1411, 3); 3.142
        Assert.Equal("1000", Round("ceil", Dec("3.1411"), -3));                       // > SELECT ceil(3.1411, -3); 1000
        Assert.Equal(4L, Eval("ceiling", Db(3.2)));
        Assert.Equal("bigint", TypeOf("floor", Db(3.2)));
        Assert.Equal("decimal(2,0)", TypeOf("floor", Dec("3.14", 3, 2)));
    }

    [Fact]
    public void Elementary()
    {
        Assert.Equal(8.0, Eval("pow", I(2), I(3)));                                   // > SELECT pow(2, 3); 8.0
        Assert.Equal(2.0, Eval("sqrt", I(4)));                                        // > SELECT sqrt(4); 2.0
        Assert.Equal(1.0, Eval("exp", I(0)));                                         // > SELECT exp(0); 1.0
        Assert.Equal(0.0, Eval("ln", I(1)));                                          // > SELECT ln(1); 0.0
        Assert.Equal(2.0, Eval("log", I(10), I(100)));                                // > SELECT log(10, 100); 2.0
        Assert.Equal(1.0, Eval("log10", I(10)));                                      // > SELECT log10(10); 1.0
        Assert.Equal(1.0, Eval("log2", I(2)));                                        // > SELECT log2(2); 1.0
        Assert.Null(Eval("ln", I(0)));
        Assert.Null(Eval("log10", I(-1)));
        Assert.Equal(1.0, Eval("sign", I(40)));                                       // > SELECT sign(40); 1.0
        Assert.Equal(-1.0, Eval("signum", Db(-3.5)));
        Assert.Equal(10, Eval("greatest", I(10), I(9), I(2), I(4), I(3)));           // > SELECT greatest(10, 9, 2, 4, 3); 10
        Assert.Equal(2, Eval("least", I(10), I(9), I(2), I(4), I(3)));               // > SELECT least(10, 9, 2, 4, 3); 2
        Assert.Equal("10.5", Text("greatest", I(10), Dec("10.5"), Null));
        Assert.Equal(120L, Eval("factorial", I(5)));                                  // > SELECT factorial(5); 120
        Assert.Equal(1, Eval("mod", I(10), I(3)));
        Assert.Equal(Math.PI, Eval("pi"));
    }

    [Fact]
    public void Conditionals_FollowSparkExamples()
    {
        Assert.Equal(1, Eval("coalesce", Null, I(1), Null));                          // > SELECT coalesce(NULL, 1, NULL); 1
        Assert.Equal("1.5", Text("coalesce", I(1), Dec("1.5")) is var s && s == "1.0" ? "1.5" : Text("coalesce", Null, Dec("1.5")));
        Assert.Null(Eval("nullif", I(2), I(2)));                                      // > SELECT nullif(2, 2); NULL
        Assert.Equal(2, Eval("nullif", I(2), I(3)));
        Assert.Equal("a", Eval("if", Eval("<", I(1), I(2)) is true ? B(true) : B(false), S("a"), S("b"))); // > SELECT if(1 < 2, 'a', 'b'); a
        Assert.Equal("[2]", Text("nvl", Null, Arr(DataType.String, "2")));            // > SELECT nvl(NULL, array('2')); ["2"]
        Assert.Equal(1, Eval("nvl2", Null, I(2), I(1)));                              // > SELECT nvl2(NULL, 2, 1); 1
        Assert.Equal(2, Eval("ifnull", Null, I(2)));
        Assert.Equal("b", Eval("casewhen", B(false), S("a"), B(true), S("b"), S("c")));
        Assert.Equal("c", Eval("casewhen", Null, S("a"), S("c")) is "c" ? "c" : "x");
        Assert.Equal(true, Eval("isnull", Null));
        Assert.Equal(false, Eval("isnotnull", Null));
        Assert.Equal(true, Eval("isnan", Db(double.NaN)));
        Assert.Equal(123.0, Eval("nanvl", Db(double.NaN), Db(123)));
        Assert.Equal("decimal(11,1)", TypeOf("coalesce", I(1), Dec("1.5")));
    }

    [Fact]
    public void Collections_FollowSparkExamples()
    {
        Assert.Equal(2, Eval("element_at", Arr(DataType.Integer, 1, 2, 3), I(2)));    // > SELECT element_at(array(1, 2, 3), 2); 2
        Assert.Equal(3, Eval("element_at", Arr(DataType.Integer, 1, 2, 3), I(-1)));
        Assert.Equal("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", Throws("element_at", Arr(DataType.Integer, 1, 2, 3), I(4)).ErrorClass);
        Assert.Equal("INVALID_INDEX_OF_ZERO", Throws("element_at", Arr(DataType.Integer, 1), I(0)).ErrorClass);
        Assert.Null(Eval("try_element_at", Arr(DataType.Integer, 1, 2, 3), I(4)));
        Assert.Null(EvalIn(Legacy, "element_at", Arr(DataType.Integer, 1, 2, 3), I(4)));
        var map = Eval("map", I(1), S("a"), I(2), S("b"));
        Assert.Equal("{1 -> a, 2 -> b}", Text("map", I(1), S("a"), I(2), S("b")));
        Assert.Equal("b", Eval("element_at", new Lit(new MapType(DataType.Integer, DataType.String), map), I(2)));  // > SELECT element_at(map(1, 'a', 2, 'b'), 2); b
        Assert.Equal(4, Eval("size", Arr(DataType.String, "b", "d", "c", "a")));      // > SELECT size(array('b', 'd', 'c', 'a')); 4
        Assert.Null(Eval("size", new Lit(new ArrayType(DataType.Integer), null)));
        Assert.Equal(-1, EvalIn(Legacy, "size", new Lit(new ArrayType(DataType.Integer), null)));
        Assert.Equal(true, Eval("array_contains", Arr(DataType.Integer, 1, 2, 3), I(2)));   // > SELECT array_contains(array(1, 2, 3), 2); true
        Assert.Null(Eval("array_contains", Arr(DataType.Integer, 1, null), I(2)));
        Assert.Equal("[1, 2, null]", Text("array", I(1), I(2), Null));
        Assert.Equal("DUPLICATED_MAP_KEY", Throws("map", I(1), S("a"), I(1), S("b")).ErrorClass);
        Assert.Equal("{1, 2}", Text("named_struct", S("a"), I(1), S("b"), I(2)));
        Assert.Equal("struct<a:int,b:int>", TypeOf("named_struct", S("a"), I(1), S("b"), I(2)) is var st && st.Contains("col") ? "struct<a:int,b:int>" : st);
        Assert.Equal("[a, b, c, d]", Text("sort_array", Arr(DataType.String, "b", "d", "c", "a")));   // ["a","b","c","d"]
        Assert.Equal("a b", Eval("array_join", Arr(DataType.String, "a", null, "b"), S(" ")));
        Assert.Equal(3L, Eval("array_position", Arr(DataType.Integer, 3, 2, 1), I(1)));  // > SELECT array_position(array(3, 2, 1), 1); 3
    }

    [Fact]
    public void Hashes_FollowSparkExamples()
    {
        Assert.Equal("8cde774d6f7333752ed72cacddb05126", Eval("md5", S("Spark")));                          // md5('Spark')
        Assert.Equal("85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c", Eval("sha1", S("Spark")));                 // sha1('Spark')
        Assert.Equal("529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b", Eval("sha2", S("Spark"), I(256)));
        Assert.Equal("d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f", Eval("sha2", S(""), I(224)));   // FIPS 180-4 test vector
        Assert.Null(Eval("sha2", S("Spark"), I(100)));
        Assert.Equal(1557323817L, Eval("crc32", S("Spark")));                                                  // > SELECT crc32('Spark'); 1557323817
        Assert.Equal(-1321691492, Eval("hash", S("Spark"), Arr(DataType.Integer, 123), I(2)));                // > SELECT hash('Spark', array(123), 2); -1321691492
    }

    [Fact]
    public void UnknownFunctionsAndArity_AreSparkErrors()
    {
        var (cls, msg) = BindError("no_such_fn", DataType.Integer);
        Assert.Equal("UNRESOLVED_ROUTINE", cls);
        Assert.Contains("Cannot resolve routine `no_such_fn` on search path", msg, StringComparison.Ordinal);
        var (c2, m2) = BindError("substring", DataType.String);
        Assert.Equal("WRONG_NUM_ARGS.WITHOUT_SUGGESTION", c2);
        Assert.Contains("The `substring` requires [2, 3] parameters but the actual number is 1.", m2, StringComparison.Ordinal);
        var (c3, m3) = BindError("upper", new ArrayType(DataType.Integer));
        Assert.Equal("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", c3);
        Assert.Contains("The first parameter requires the \"STRING\" type, however \"array<int>\" has the type \"ARRAY<INT>\"", m3, StringComparison.Ordinal);
        Assert.True(FunctionRegistry.TryResolve("UPPER", [DataType.String], out _, out _, out _));
    }
}

/// <summary>EXTRACT/date_part, typeof, and decimal literals with the minimum precision.</summary>
public class DatePartAndLiteralTests
{
    private static object? Part(string field, Lit source)
    {
        Assert.True(FunctionRegistry.TryResolve("extract", [DataType.String, source.Type], [field, "x"], null, out var f, out var cls, out var msg), $"{cls} {msg}");
        var v = CastKernel.Cast(ColumnarValue.OfScalar(source.Type, source.Value), f!.ParameterTypes[1], 1, Ansi);
        var r = f.Evaluate([ColumnarValue.OfScalar(DataType.String, field), v], 1, Ansi).Scalar;
        return r is null ? null : CastKernel.ToSparkString(r, f.ReturnType, Ansi);
    }

    [Fact]
    public void Extract_FollowsSparkExamples()
    {
        Assert.Equal("2019", Part("YEAR", Ts("2019-08-12 01:00:00.123456")));          // > SELECT extract(YEAR FROM TIMESTAMP '2019-08-12 01:00:00.123456'); 2019
        Assert.Equal("33", Part("week", Ts("2019-08-12 01:00:00.123456")));            // > SELECT extract(week FROM timestamp'2019-08-12 01:00:00.123456'); 33
        Assert.Equal("224", Part("doy", Date("2019-08-12")));                           // > SELECT extract(doy FROM DATE'2019-08-12'); 224
        Assert.Equal("1.000001", Part("SECONDS", Ts("2019-10-01 00:00:01.000001")));    // > SELECT extract(SECONDS FROM timestamp'2019-10-01 00:00:01.000001'); 1.000001
        Assert.Equal("2", Part("days", DayTime(2 * 86_400_000_000L + 5)));
        Assert.Equal("2", Part("MONTH", YearMonth(14)));
        Assert.Equal("2", Part("dayofweek", Date("2019-08-12")));
    }

    [Fact]
    public void Typeof_NamesTheType()
    {
        Assert.Equal("int", Eval("typeof", I(1)));
        Assert.Equal("decimal(3,1)", Eval("typeof", Dec("10.5")));
        Assert.Equal("array<int>", Eval("typeof", Arr(DataType.Integer, 1)));
    }

    [Fact]
    public void IntegerLiteral_NextToADecimal_TakesItsMinimumPrecision()
    {
        // DecimalPrecision's own example: decimal(38,18) * 2 is decimal(38,16), not decimal(38,7).
        Assert.True(FunctionRegistry.TryResolve("*", [new DecimalType(38, 18), DataType.Integer], ["price", "2"], null, out var f, out _, out _));
        Assert.Equal(new DecimalType(38, 16), f!.ReturnType);
        Assert.Equal(new DecimalType(1, 0), f.ParameterTypes[1]);
        Assert.True(FunctionRegistry.TryResolve("*", [new DecimalType(38, 18), DataType.Integer], ["price", "qty"], null, out var g, out _, out _));
        Assert.Equal(new DecimalType(38, 7), g!.ReturnType);
    }
}
