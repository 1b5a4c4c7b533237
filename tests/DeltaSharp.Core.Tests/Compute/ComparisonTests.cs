using DeltaSharp.Types;
using static DeltaSharp.Core.Tests.Compute.Sql;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>Expected values from Spark's operator reference examples and Spark's NaN/null rules.</summary>
public class ComparisonTests
{
    [Fact]
    public void Equal_FollowsSparkExamples()
    {
        Assert.Equal(true, Eval("=", I(2), I(2)));                            // > SELECT 2 = 2; true
        Assert.Equal(true, Eval("=", I(1), S("1")));                          // > SELECT 1 = '1'; true
        Assert.Null(Eval("=", B(true), Null));                                // > SELECT true = NULL; NULL
        Assert.Null(Eval("=", Null, Null));                                   // > SELECT NULL = NULL; NULL
        Assert.Equal(true, Eval("<=>", Null, Null));                          // > SELECT NULL <=> NULL; true
        Assert.Equal(false, Eval("<=>", B(true), Null));                      // > SELECT true <=> NULL; false
        Assert.Equal(true, Eval("<=>", I(2), I(2)));
    }

    [Fact]
    public void Ordering_FollowsSparkExamples()
    {
        Assert.Equal(true, Eval("<", I(1), I(2)));                            // > SELECT 1 < 2; true
        Assert.Equal(false, Eval("<", Dec("1.1"), S("1")));                   // > SELECT 1.1 < '1'; false
        Assert.Equal(true, Eval(">=", I(2), I(1)));
        Assert.Equal(true, Eval("<=", Date("2009-07-30"), Date("2009-08-01")));
        Assert.Equal(true, Eval("<", S("abc"), S("abd")));
        Assert.Equal(true, Eval("<", S("Z"), S("a")));                        // byte order, not culture order
    }

    [Fact]
    public void NaN_EqualsItselfAndIsLargest()
    {
        Assert.Equal(true, Eval("=", Db(double.NaN), Db(double.NaN)));
        Assert.Equal(true, Eval(">", Db(double.NaN), Db(double.PositiveInfinity)));
        Assert.Equal(false, Eval("<", Db(double.NaN), Db(1)));
        Assert.Equal(true, Eval("=", Db(0.0), Db(-0.0)));
    }

    [Fact]
    public void DateAgainstString_CastsTheStringToDate()
    {
        Assert.Equal(true, Eval("=", Date("2024-01-05"), S("2024-01-05")));
        Assert.Equal(true, Eval("<", Date("2024-01-05"), S("2024-02")));
        Assert.Equal("CAST_INVALID_INPUT", Throws("=", Date("2024-01-05"), S("not a date")).ErrorClass);
        Assert.Equal(true, Eval("=", Ts("2017-03-01 00:00:00"), Date("2017-03-01")));
    }

    [Fact]
    public void DecimalsOfDifferentScale_CompareByValue()
    {
        Assert.Equal(true, Eval("=", Dec("1.50"), Dec("1.5")));
        Assert.Equal(true, Eval("<", I(1), Dec("1.5")));
        Assert.Equal(true, Eval("=", Dec("1.0"), Db(1)));
    }

    [Fact]
    public void IncomparableTypes_AreBindErrors()
    {
        Assert.Equal("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", BindError("=", DataType.Integer, DataType.Date).Class);
        Assert.Equal("DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES", BindError("<", DataType.Boolean, DataType.Integer).Class);
    }

    [Fact]
    public void AndOr_AreThreeValued()
    {
        Assert.Equal(false, Eval("and", B(false), Null));
        Assert.Null(Eval("and", B(true), Null));
        Assert.Equal(true, Eval("or", B(true), Null));
        Assert.Null(Eval("or", B(false), Null));
        Assert.Null(Eval("not", Null));
        Assert.Equal(false, Eval("not", B(true)));
    }

    [Fact]
    public void In_IsNullWhenNoMatchAndANullInTheList()
    {
        Assert.Equal(true, Eval("in", I(1), I(1), I(2)));
        Assert.Equal(false, Eval("in", I(3), I(1), I(2)));
        Assert.Null(Eval("in", I(3), I(1), Null));
        Assert.Equal(true, Eval("in", I(1), I(1), Null));
        Assert.Null(Eval("in", Null, I(1)));
        Assert.Equal(true, Eval("in", S("b"), S("a"), S("b")));
        Assert.Equal(true, Eval("in", L(2), I(1), Dec("2.0")));
    }
}

/// <summary>IN over a column with a literal list (the hash-set path) agrees with the row path for every physical kind.</summary>
public class InListColumnTests
{
    [Theory]
    [InlineData("decimal(10,2)")]
    [InlineData("decimal(30,2)")]
    [InlineData("timestamp")]
    [InlineData("date")]
    [InlineData("string")]
    [InlineData("bigint")]
    public void ColumnIn_MatchesRowByRow(string typeName)
    {
        var type = DataType.ParsePrimitive(typeName);
        var r = new Random(7);
        var values = Enumerable.Range(0, 50).Select(_ => RandomColumns.Value(type, r)).ToList();
        var list = values.Take(5).Where(v => v is not null).Select(v => DeltaSharp.Compute.ColumnarValue.OfScalar(type, v)).ToList();
        Assert.True(DeltaSharp.Compute.FunctionRegistry.TryResolve("in", Enumerable.Repeat(type, list.Count + 1).ToArray(), out var f, out _, out _));
        var col = DeltaSharp.Compute.ColumnarValue.Of(RandomColumns.Column(type, values));
        var result = f!.Evaluate([col, .. list], values.Count, Sql.Ansi);
        for (var i = 0; i < values.Count; i++)
        {
            var single = f.Evaluate([DeltaSharp.Compute.ColumnarValue.OfScalar(type, values[i]), .. list], 1, Sql.Ansi).Scalar;
            Assert.Equal(single, DeltaSharp.Compute.ScalarValues.At(result, i));
            if (values[i] is not null && i < 5) Assert.Equal(true, single);
        }
    }
}
