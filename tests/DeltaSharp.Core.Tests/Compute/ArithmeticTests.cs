using DeltaSharp.Compute;
using DeltaSharp.Types;
using static DeltaSharp.Core.Tests.Compute.Sql;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>Expected values: the examples of Spark's SQL function reference (ExpressionDescription) and hand computation.</summary>
public class ArithmeticTests
{
    [Fact]
    public void Divide_Integers_GivesDouble() // > SELECT 3 / 2; 1.5  > SELECT 2L / 2L; 1.0
    {
        Assert.Equal("1.5", Text("/", I(3), I(2)));
        Assert.Equal("1.0", Text("/", L(2), L(2)));
        Assert.Equal("double", TypeOf("/", I(3), I(2)));
    }

    [Fact]
    public void IntegralDivide_TruncatesToBigint() // > SELECT 3 div 2; 1
    {
        Assert.Equal(1L, Eval("div", I(3), I(2)));
        Assert.Equal(-1L, Eval("div", I(-3), I(2)));
        Assert.Equal("bigint", TypeOf("div", I(3), I(2)));
    }

    [Fact]
    public void Remainder_WithDecimal_FollowsDecimalRules() // > SELECT 2 % 1.8; 0.2   > SELECT MOD(2, 1.8); 0.2
    {
        Assert.Equal("0.2", Text("%", I(2), Dec("1.8")));
        Assert.Equal("0.2", Text("mod", I(2), Dec("1.8")));
        Assert.Equal(-1, Eval("%", I(-7), I(3)));
        Assert.Equal(0, Eval("%", I(int.MinValue), I(-1)));
    }

    [Fact]
    public void Pmod_IsPositive() // > SELECT pmod(10, 3); 1   > SELECT pmod(-10, 3); 2
    {
        Assert.Equal(1, Eval("pmod", I(10), I(3)));
        Assert.Equal(2, Eval("pmod", I(-10), I(3)));
        Assert.Equal("2.0", Text("pmod", Db(-10), Db(3)));
    }

    [Fact]
    public void Add_IntOverflow_RaisesArithmeticOverflowInAnsi()
    {
        var ex = Throws("+", I(int.MaxValue), I(1));
        Assert.Equal("ARITHMETIC_OVERFLOW", ex.ErrorClass);
        Assert.Contains("integer overflow. Use 'try_add' to tolerate overflow and return NULL instead.", ex.Message, StringComparison.Ordinal);
        Assert.Equal(int.MinValue, EvalIn(Legacy, "+", I(int.MaxValue), I(1))); // Java wraps
        Assert.Null(Eval("try_add", I(int.MaxValue), I(1)));                  // > SELECT try_add(2147483647, 1); NULL
    }

    [Fact]
    public void Multiply_LongOverflow_IsDetected()
    {
        Assert.Equal("ARITHMETIC_OVERFLOW", Throws("*", L(long.MaxValue / 2), L(3)).ErrorClass);
        Assert.Null(Eval("try_multiply", L(long.MaxValue), L(2)));
        Assert.Equal(unchecked(long.MaxValue * 2), EvalIn(Legacy, "*", L(long.MaxValue), L(2)));
        Assert.Equal(6L, Eval("*", L(2), L(3)));
    }

    [Fact]
    public void TinyintOverflow_ReportsBinaryArithmeticOverflow()
    {
        var ex = Throws("+", By(100), By(100));
        Assert.Equal("BINARY_ARITHMETIC_OVERFLOW", ex.ErrorClass);
        Assert.Contains("100Y + 100Y caused overflow", ex.Message, StringComparison.Ordinal);
        Assert.Equal((sbyte)-56, EvalIn(Legacy, "+", By(100), By(100)));
        Assert.Equal("tinyint", TypeOf("+", By(1), By(1)));
    }

    [Fact]
    public void DivideByZero_ErrorsInAnsi_NullOtherwise()
    {
        Assert.Equal("DIVIDE_BY_ZERO", Throws("/", I(1), I(0)).ErrorClass);
        Assert.Equal("DIVIDE_BY_ZERO", Throws("%", I(1), I(0)).ErrorClass);
        Assert.Equal("DIVIDE_BY_ZERO", Throws("div", I(1), I(0)).ErrorClass);
        Assert.Equal("DIVIDE_BY_ZERO", Throws("/", Dec("1.0"), Dec("0.0")).ErrorClass);
        Assert.Null(EvalIn(Legacy, "/", I(1), I(0)));
        Assert.Null(Eval("try_divide", I(1), I(0)));                          // > SELECT try_divide(1, 0); NULL
        Assert.Equal("1.5", Text("try_divide", I(3), I(2)));                  // > SELECT try_divide(3, 2); 1.5
        Assert.Contains("Use `try_divide` to tolerate divisor being 0", Throws("/", Db(1), Db(0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongMinDivMinusOne_Overflows()
    {
        Assert.Equal("ARITHMETIC_OVERFLOW", Throws("div", L(long.MinValue), L(-1)).ErrorClass);
        Assert.Equal(long.MinValue, EvalIn(Legacy, "div", L(long.MinValue), L(-1)));
    }

    [Theory]
    [InlineData("+", "1.10", "2.205", "decimal(5,3)", "3.305")]
    [InlineData("-", "1.10", "2.205", "decimal(5,3)", "-1.105")]
    [InlineData("*", "1.10", "2.205", "decimal(8,5)", "2.42550")]
    [InlineData("/", "1.0", "3", "decimal(7,6)", "0.333333")]
    [InlineData("/", "2", "3", "decimal(7,6)", "0.666667")]
    [InlineData("%", "10.5", "3", "decimal(2,1)", "1.5")]
    public void DecimalArithmetic_UsesSparkPrecisionAndScale(string op, string a, string b, string type, string expected)
    {
        Assert.Equal(type, TypeOf(op, Dec(a), Dec(b)));
        Assert.Equal(expected, Text(op, Dec(a), Dec(b)));
    }

    [Fact]
    public void DecimalWithInt_WidensIntToDecimal10()
    {
        // decimal(3,1) + int → decimal(3,1) + decimal(10,0) → decimal(12,1)
        Assert.Equal("decimal(12,1)", TypeOf("+", Dec("10.5"), I(1)));
        Assert.Equal("11.5", Text("+", Dec("10.5"), I(1)));
        Assert.Equal("double", TypeOf("+", Dec("10.5"), Db(1)));
    }

    [Fact]
    public void DecimalPrecisionLoss_KeepsSixFractionDigits()
    {
        // decimal(38,18) * decimal(38,18): p = 77, s = 36 → int digits 41 → adjusted decimal(38,6)
        Assert.Equal("decimal(38,6)", TypeOf("*", Dec("1", 38, 18), Dec("1", 38, 18)));
        Assert.Equal("decimal(38,6)", TypeOf("/", Dec("1", 38, 18), Dec("1", 38, 18)));
        Assert.Equal("1.000000", Text("*", Dec("1", 38, 18), Dec("1", 38, 18)));
    }

    [Fact]
    public void DecimalOverflow_RaisesNumericValueOutOfRange()
    {
        var big = Dec("99999999999999999999999999999999999999", 38, 0);
        var ex = Throws("+", big, big);
        Assert.Equal("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", ex.ErrorClass);
        Assert.Null(EvalIn(Legacy, "+", big, big));
        Assert.Null(Eval("try_add", big, big));
    }

    [Fact]
    public void DecimalDivision_RoundsHalfUp()
    {
        Assert.Equal("0.666667", Text("/", Dec("2.0"), Dec("3.0")));
        Assert.Equal("-0.666667", Text("/", Dec("-2.0"), Dec("3.0")));
    }

    [Fact]
    public void StringOperand_IsPromotedToBigintOrDouble()
    {
        Assert.Equal(2L, Eval("+", S("1"), I(1)));
        Assert.Equal("bigint", TypeOf("+", S("1"), I(1)));
        Assert.Equal("double", TypeOf("+", S("1"), Db(1)));
        Assert.Equal("CAST_INVALID_INPUT", Throws("+", S("1.5"), I(1)).ErrorClass);
        Assert.Equal("decimal(3,1)", TypeOf("+", S("1.5"), Dec("1.0")));
    }

    [Fact]
    public void UnaryMinusAndAbs()
    {
        Assert.Equal(-5, Eval("-", I(5)));
        Assert.Equal(1, Eval("abs", I(-1)));                                  // > SELECT abs(-1); 1
        Assert.Equal("ARITHMETIC_OVERFLOW", Throws("abs", I(int.MinValue)).ErrorClass);
        Assert.Equal(int.MinValue, EvalIn(Legacy, "-", I(int.MinValue)));
        Assert.Equal("1.5", Text("abs", Dec("-1.5")));
        Assert.Equal("-2.5", Text("negative", Db(2.5)));
    }

    [Fact]
    public void NullOperands_GiveNull()
    {
        Assert.Null(Eval("+", Null, I(1)));
        Assert.Null(Eval("*", Dec("1.5"), Null));
        Assert.Equal("double", TypeOf("+", Null, Null));
    }

    [Fact]
    public void Bitwise_FollowsSparkExamples()
    {
        Assert.Equal(-1, Eval("~", I(0)));                                    // > SELECT ~ 0; -1
        Assert.Equal(1, Eval("&", I(3), I(5)));                               // > SELECT 3 & 5; 1
        Assert.Equal(7, Eval("|", I(3), I(5)));                               // > SELECT 3 | 5; 7
        Assert.Equal(6, Eval("^", I(3), I(5)));                               // > SELECT 3 ^ 5; 6
        Assert.Equal(4, Eval("shiftleft", I(2), I(1)));                       // > SELECT shiftleft(2, 1); 4
        Assert.Equal(2, Eval("shiftright", I(4), I(1)));
        Assert.Equal(2, Eval("shiftrightunsigned", I(4), I(1)));
    }

    [Fact]
    public void Intervals_AddAndNegate()
    {
        var r = Eval("+", DayTime(3600_000_000L, 1, 1), DayTime(60_000_000L, 2, 2));
        Assert.Equal(3660_000_000L, r);
        Assert.Equal("interval hour to minute", TypeOf("+", DayTime(1, 1, 1), DayTime(1, 2, 2)));
        Assert.Equal(-14, Eval("-", YearMonth(14)));
    }

    [Fact]
    public void Arithmetic_OnBooleans_IsATypeError()
    {
        var (cls, msg) = BindError("+", DataType.Boolean, DataType.Boolean);
        Assert.Equal("DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE", cls);
        Assert.Contains("\"BOOLEAN\"", msg, StringComparison.Ordinal);
        Assert.Equal("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", BindError("+", DataType.Integer, DataType.Boolean).Class);
    }
}
