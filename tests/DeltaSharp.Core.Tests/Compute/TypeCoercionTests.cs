using DeltaSharp.Compute;
using DeltaSharp.Types;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>Spark's AnsiTypeCoercion / TypeCoercion rules, from the rule definitions and the ANSI compliance page's
/// least-common-type table.</summary>
public class TypeCoercionTests
{
    private static readonly DataType Int = DataType.Integer, Long = DataType.Long, Dbl = DataType.Double, Str = DataType.String;

    [Fact]
    public void TightestCommonType_WidensNumbers()
    {
        Assert.Equal(Long, TypeCoercion.FindTightestCommonType(Int, Long));
        Assert.Equal(Dbl, TypeCoercion.FindTightestCommonType(Int, DataType.Float)); // ANSI skips float
        Assert.Equal(DataType.Float, TypeCoercion.FindTightestCommonType(Int, DataType.Float, ansi: false));
        Assert.Equal(new DecimalType(12, 2), TypeCoercion.FindTightestCommonType(Int, new DecimalType(12, 2)));
        Assert.Null(TypeCoercion.FindTightestCommonType(Int, new DecimalType(5, 2)));
        Assert.Equal(DataType.Timestamp, TypeCoercion.FindTightestCommonType(DataType.Date, DataType.Timestamp));
        Assert.Equal(DataType.TimestampNtz, TypeCoercion.FindTightestCommonType(DataType.Date, DataType.TimestampNtz));
        Assert.Null(TypeCoercion.FindTightestCommonType(Int, Str));
    }

    [Fact]
    public void WiderType_DecimalAndString()
    {
        Assert.Equal(new DecimalType(12, 2), TypeCoercion.FindWiderTypeForTwo(Int, new DecimalType(5, 2)));
        Assert.Equal(Dbl, TypeCoercion.FindWiderTypeForTwo(Dbl, new DecimalType(5, 2)));
        Assert.Equal(Long, TypeCoercion.FindWiderTypeForTwo(Str, Int));
        Assert.Equal(Dbl, TypeCoercion.FindWiderTypeForTwo(Str, DataType.Float));
        Assert.Equal(DataType.Date, TypeCoercion.FindWiderTypeForTwo(Str, DataType.Date));
        Assert.Equal(Str, TypeCoercion.FindWiderTypeForTwo(Str, Int, ansi: false));
        Assert.Null(TypeCoercion.FindWiderTypeForTwo(Str, DataType.DayTimeInterval));
        Assert.Equal(new ArrayType(Long), TypeCoercion.FindWiderTypeForTwo(new ArrayType(Int), new ArrayType(Long)));
    }

    [Fact]
    public void WiderCommonType_OverAList()
    {
        Assert.Equal(new DecimalType(22, 2), TypeCoercion.FindWiderCommonType([Long, new DecimalType(5, 2), DataType.Null]));
        Assert.Null(TypeCoercion.FindWiderCommonType([Int, DataType.Date]));
        Assert.Equal(Int, TypeCoercion.FindWiderCommonType([DataType.Null, Int]));
    }

    [Fact]
    public void DecimalResultTypes_FollowDecimalPrecision()
    {
        var a = new DecimalType(10, 2);
        var b = new DecimalType(5, 3);
        Assert.Equal(new DecimalType(12, 3), TypeCoercion.AddResultType(a, b));
        Assert.Equal(new DecimalType(16, 5), TypeCoercion.MultiplyResultType(a, b));
        Assert.Equal(new DecimalType(19, 8), TypeCoercion.DivideResultType(a, b)); // s = max(6, 2+5+1), p = 10-2+3+s
    }

    [Fact]
    public void AdjustPrecisionScale_CapsAt38()
    {
        Assert.Equal(new DecimalType(38, 6), TypeCoercion.AdjustPrecisionScale(77, 36));
        Assert.Equal(new DecimalType(38, 2), TypeCoercion.AdjustPrecisionScale(40, 2));
        Assert.Equal(new DecimalType(38, 10), TypeCoercion.AdjustPrecisionScale(40, 12));
        // intDig 36, decDig 13, diff 11 → decDig 13 - 6 = 7
        Assert.Equal(new DecimalType(38, 7), TypeCoercion.DivideResultType(new DecimalType(38, 2), new DecimalType(10, 0), allowPrecisionLoss: false));
    }

    [Fact]
    public void IntegerLiterals_AreTypedBySize()
    {
        Assert.Equal(Int, TypeCoercion.IntegerLiteralType(2147483647));
        Assert.Equal(Long, TypeCoercion.IntegerLiteralType(2147483648));
        Assert.Equal(new DecimalType(19, 0), TypeCoercion.IntegerLiteralType(System.Numerics.BigInteger.Parse("9223372036854775808", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new DecimalType(1, 0), TypeCoercion.DecimalForLiteral(2));
        Assert.Equal(new DecimalType(3, 0), TypeCoercion.DecimalForLiteral(-100));
    }

    [Fact]
    public void ImplicitCast_OfFunctionArguments()
    {
        Assert.Equal(Dbl, TypeCoercion.ImplicitCast(Int, ExpectedType.Double));
        Assert.Equal(Str, TypeCoercion.ImplicitCast(Int, ExpectedType.String));
        Assert.Null(TypeCoercion.ImplicitCast(Dbl, ExpectedType.Integral));
        Assert.Equal(DataType.Date, TypeCoercion.ImplicitCast(Str, ExpectedType.Date));
        Assert.Equal(DataType.Timestamp, TypeCoercion.ImplicitCast(DataType.Date, ExpectedType.Timestamp));
        Assert.Null(TypeCoercion.ImplicitCast(DataType.Timestamp, ExpectedType.Date));
        Assert.Equal(new DecimalType(10, 0), TypeCoercion.ImplicitCast(Int, ExpectedType.AnyDecimal));
    }
}
