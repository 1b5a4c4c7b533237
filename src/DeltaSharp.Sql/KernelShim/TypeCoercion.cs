using DeltaSharp.Types;

namespace DeltaSharp.Sql.KernelShim;

// TEMPORARY shim of H-kernels' TypeCoercion (see ShimRowFunction).
internal static class TypeCoercion
{
    private static int Rank(DataType t) => t switch
    {
        ByteType => 1, ShortType => 2, IntegerType => 3, LongType => 4, FloatType => 6, DoubleType => 7, _ => -1,
    };

    public static DataType? FindWiderType(DataType a, DataType b)
    {
        if (a == b) return a;
        if (a is DecimalType da && b is DecimalType db)
        {
            var s = Math.Max(da.Scale, db.Scale);
            var i = Math.Max(da.Precision - da.Scale, db.Precision - db.Scale);
            return new DecimalType(Math.Min(38, i + s), s);
        }
        if (a is DecimalType d1 && FunctionRegistry.IsIntegral(b)) return FindWiderType(d1, IntegralDecimal(b));
        if (b is DecimalType d2 && FunctionRegistry.IsIntegral(a)) return FindWiderType(IntegralDecimal(a), d2);
        if (a is DecimalType && b is FloatType or DoubleType) return DataType.Double;
        if (b is DecimalType && a is FloatType or DoubleType) return DataType.Double;
        var ra = Rank(a);
        var rb = Rank(b);
        if (ra > 0 && rb > 0) return ra >= rb ? a : b;
        if (a is DateType && b is TimestampType) return b;
        if (b is DateType && a is TimestampType) return a;
        if (a is StringType && b is DateType or TimestampType) return b;
        if (b is StringType && a is DateType or TimestampType) return a;
        if (a is StringType && ra < 0 && Rank(b) > 0) return b;
        if (b is StringType && Rank(a) > 0) return a;
        return null;
    }

    private static DecimalType IntegralDecimal(DataType t) => t switch
    {
        ByteType => new DecimalType(3, 0), ShortType => new DecimalType(5, 0), IntegerType => new DecimalType(10, 0), _ => new DecimalType(20, 0),
    };
}
