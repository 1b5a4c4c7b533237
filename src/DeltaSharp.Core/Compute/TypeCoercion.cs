using System.Numerics;
using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// Spark's type coercion rules (AnsiTypeCoercion in ANSI mode, the default of Spark 4; TypeCoercion otherwise):
/// tightest and wider common types, string promotion, the operand type of comparisons and arithmetic, implicit
/// casts of function arguments, and the decimal precision/scale of arithmetic results (DecimalPrecision, precision
/// capped at 38 with allowPrecisionLoss). Pure functions, thread-safe.
/// </summary>
public static class TypeCoercion
{
    /// <summary>Spark's minimum scale kept when a decimal result exceeds precision 38 (MINIMUM_ADJUSTED_SCALE).</summary>
    public const int MinimumAdjustedScale = 6;

    private static readonly DataType[] NumericPrecedence =
        [DataType.Byte, DataType.Short, DataType.Integer, DataType.Long, DataType.Float, DataType.Double];

    public static bool IsIntegral(DataType t) => t is ByteType or ShortType or IntegerType or LongType;
    public static bool IsFractional(DataType t) => t is FloatType or DoubleType;
    public static bool IsNumeric(DataType t) => IsIntegral(t) || IsFractional(t) || t is DecimalType;
    public static bool IsDatetime(DataType t) => t is DateType or TimestampType or TimestampNtzType;
    public static bool IsAnyTimestamp(DataType t) => t is TimestampType or TimestampNtzType;
    public static bool IsInterval(DataType t) => t is DayTimeIntervalType or YearMonthIntervalType;

    /// <summary>Spark's AtomicType: every primitive type except null and intervals.</summary>
    public static bool IsAtomic(DataType t) => t.IsPrimitive && t is not NullType && !IsInterval(t);

    /// <summary>True for types whose values can be ordered (comparisons, min/max, sort).</summary>
    public static bool IsOrderable(DataType t) => t switch
    {
        NullType => true,
        ArrayType a => IsOrderable(a.ElementType),
        StructType s => s.Fields.All(f => IsOrderable(f.Type)),
        MapType => false,
        _ => true,
    };

    // ---- common types ----

    /// <summary>findTightestCommonType: the narrowest type both widen to without loss, or null.</summary>
    public static DataType? FindTightestCommonType(DataType a, DataType b, bool ansi = true)
    {
        if (a == b) return a;
        if (a is NullType) return b;
        if (b is NullType) return a;
        if (IsIntegral(a) && b is DecimalType db && IsWiderThan(db, a)) return b;
        if (a is DecimalType da && IsIntegral(b) && IsWiderThan(da, b)) return a;
        if (IsNumeric(a) && IsNumeric(b) && a is not DecimalType && b is not DecimalType)
        {
            var wider = NumericPrecedence[Math.Max(Array.IndexOf(NumericPrecedence, a), Array.IndexOf(NumericPrecedence, b))];
            // ANSI: integral with float gives double (no precision loss on the integral side).
            return ansi && wider is FloatType ? DataType.Double : wider;
        }
        if (IsDatetime(a) && IsDatetime(b)) return WiderDateTimeType(a, b);
        if (a is DayTimeIntervalType x && b is DayTimeIntervalType y)
            return new DayTimeIntervalType(Math.Min(x.StartField, y.StartField), Math.Max(x.EndField, y.EndField));
        if (a is YearMonthIntervalType u && b is YearMonthIntervalType v)
            return new YearMonthIntervalType(Math.Min(u.StartField, v.StartField), Math.Max(u.EndField, v.EndField));
        return FindTypeForComplex(a, b, (p, q) => FindTightestCommonType(p, q, ansi));
    }

    /// <summary>findWiderTypeForTwo: tightest, then decimal widening, then string promotion, then complex types.</summary>
    public static DataType? FindWiderTypeForTwo(DataType a, DataType b, bool ansi = true) =>
        FindTightestCommonType(a, b, ansi)
        ?? FindWiderTypeForDecimal(a, b)
        ?? (ansi ? FindWiderTypeForString(a, b) : LegacyStringPromotion(a, b))
        ?? FindTypeForComplex(a, b, (p, q) => FindWiderTypeForTwo(p, q, ansi));

    /// <summary>findWiderCommonType over a list (CASE, COALESCE, IN, GREATEST, UNION, array(), …); null when none.</summary>
    public static DataType? FindWiderCommonType(IReadOnlyList<DataType> types, bool ansi = true)
    {
        DataType? r = DataType.Null;
        foreach (var t in types)
        {
            r = FindWiderTypeForTwo(r, t, ansi);
            if (r is null) return null;
        }
        return r;
    }

    /// <summary>Decimal widening: decimal with decimal/integral → wider decimal; decimal with float/double → double.</summary>
    public static DataType? FindWiderTypeForDecimal(DataType a, DataType b) => (a, b) switch
    {
        (DecimalType x, DecimalType y) => WiderDecimal(x, y),
        (DecimalType x, _) when IsIntegral(b) => WiderDecimal(DecimalForType(b), x),
        (_, DecimalType y) when IsIntegral(a) => WiderDecimal(DecimalForType(a), y),
        (DecimalType, _) when IsFractional(b) => DataType.Double,
        (_, DecimalType) when IsFractional(a) => DataType.Double,
        _ => null,
    };

    /// <summary>ANSI string promotion (AnsiStringPromotionTypeCoercion.findWiderTypeForString): string with an
    /// integral → bigint, with float/double → double, with another atomic type → that type, with an interval → none.</summary>
    public static DataType? FindWiderTypeForString(DataType a, DataType b)
    {
        if (a is StringType)
        {
            if (IsIntegral(b)) return DataType.Long;
            if (IsFractional(b)) return DataType.Double;
            if (b is NullType) return a;
            if (IsInterval(b)) return null;
            if (IsAtomic(b)) return b;
            return null;
        }
        return b is StringType && a is not StringType ? FindWiderTypeForString(b, a) : null;
    }

    /// <summary>Non-ANSI: string with any atomic type except binary/boolean widens to string.</summary>
    private static DataType? LegacyStringPromotion(DataType a, DataType b)
    {
        if (a is StringType && IsAtomic(b) && b is not (BinaryType or BooleanType)) return DataType.String;
        if (b is StringType && IsAtomic(a) && a is not (BinaryType or BooleanType)) return DataType.String;
        return null;
    }

    private static DataType WiderDateTimeType(DataType a, DataType b)
    {
        if (a is TimestampType || b is TimestampType) return DataType.Timestamp;
        if (a is TimestampNtzType || b is TimestampNtzType) return DataType.TimestampNtz;
        return DataType.Date;
    }

    private static DataType? FindTypeForComplex(DataType a, DataType b, Func<DataType, DataType, DataType?> find)
    {
        switch (a, b)
        {
            case (ArrayType x, ArrayType y):
                return find(x.ElementType, y.ElementType) is { } e ? new ArrayType(e, x.ContainsNull || y.ContainsNull) : null;
            case (MapType x, MapType y):
                if (find(x.KeyType, y.KeyType) is not { } k || find(x.ValueType, y.ValueType) is not { } v) return null;
                return new MapType(k, v, x.ValueContainsNull || y.ValueContainsNull);
            case (StructType x, StructType y) when x.Count == y.Count:
            {
                var fields = new StructField[x.Count];
                for (var i = 0; i < x.Count; i++)
                {
                    if (!string.Equals(x[i].Name, y[i].Name, StringComparison.OrdinalIgnoreCase)) return null;
                    if (find(x[i].Type, y[i].Type) is not { } t) return null;
                    fields[i] = new StructField(x[i].Name, t, x[i].Nullable || y[i].Nullable);
                }
                return new StructType(fields);
            }
            default:
                return null;
        }
    }

    // ---- operators ----

    /// <summary>
    /// The type both sides of a comparison (= &lt;&gt; &lt; &lt;= &gt; &gt;= &lt;=&gt;) are cast to, or null when they cannot be
    /// compared (Spark: DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES). ANSI: string promotion, decimal widening, tightest
    /// common type. Non-ANSI: Spark's legacy findCommonTypeForBinaryComparison (string vs number → double, …).
    /// </summary>
    public static DataType? ComparisonType(DataType left, DataType right, bool ansi = true)
    {
        if (left == right) return left;
        if (ansi)
        {
            if (FindWiderTypeForString(left, right) is { } s) return s;
        }
        else if (LegacyComparisonType(left, right) is { } legacy)
        {
            return legacy;
        }
        if (FindWiderTypeForDecimal(left, right) is { } d) return d;
        return FindTightestCommonType(left, right, ansi) ?? (ansi ? null : FindWiderTypeForTwo(left, right, false));
    }

    private static DataType? LegacyComparisonType(DataType l, DataType r) => (l, r) switch
    {
        (StringType, DateType) or (DateType, StringType) => DataType.Date,
        (StringType, TimestampType) or (TimestampType, StringType) => DataType.Timestamp,
        (StringType, NullType) or (NullType, StringType) => DataType.String,
        (TimestampType, DateType) or (DateType, TimestampType) => DataType.Timestamp,
        (DecimalType, StringType) or (StringType, DecimalType) => DataType.Double,
        (StringType, _) when IsAtomic(r) && r is not StringType => IsNumeric(r) ? DataType.Double : r,
        (_, StringType) when IsAtomic(l) && l is not StringType => IsNumeric(l) ? DataType.Double : l,
        _ => null,
    };

    /// <summary>
    /// The common operand type of <c>+ - * % pmod</c> on numbers (before the decimal result rule): string promotion,
    /// decimal widening (integral → decimal, float/double with decimal → double), then the tightest common type.
    /// Null when the operands are not both numeric after promotion.
    /// </summary>
    public static DataType? ArithmeticOperandType(DataType left, DataType right, bool ansi = true)
    {
        if (left is NullType && right is NullType) return null;
        if (ansi) { left = PromoteForArithmetic(left, right); right = PromoteForArithmetic(right, left); }
        else
        {
            if (left is StringType) left = DataType.Double;
            if (right is StringType) right = DataType.Double;
        }
        if (left is NullType) left = right;
        if (right is NullType) right = left;
        if (!IsNumeric(left) || !IsNumeric(right)) return null;
        if (left is DecimalType || right is DecimalType)
        {
            if (IsFractional(left) || IsFractional(right)) return DataType.Double;
            var dl = left as DecimalType ?? DecimalForType(left);
            var dr = right as DecimalType ?? DecimalForType(right);
            return dl == dr ? dl : WiderDecimal(dl, dr);
        }
        return FindTightestCommonType(left, right, ansi);
    }

    private static DataType PromoteForArithmetic(DataType self, DataType other) =>
        self is StringType && FindWiderTypeForString(self, other) is { } p ? p : self;

    // ---- implicit casts of function arguments ----

    /// <summary>
    /// The type an argument of type <paramref name="from"/> is implicitly cast to for a parameter expecting
    /// <paramref name="expected"/>, or null when Spark refuses (AnsiTypeCoercion.implicitCast / canANSIStoreAssign).
    /// </summary>
    public static DataType? ImplicitCast(DataType from, ExpectedType expected, bool ansi = true)
    {
        if (expected.Accepts(from)) return from;
        if (from is NullType) return expected.DefaultConcreteType;
        if (expected is ExpectedType.OneOf collection)
        {
            foreach (var option in collection.Options)
                if (ImplicitCast(from, option, ansi) is { } t) return t;
            return null;
        }
        if (expected == ExpectedType.AnyDecimal && IsNumeric(from)) return DecimalForType(from);
        if (IsFractional(from) && expected == ExpectedType.Integral) return null;
        if (from is DecimalType && expected == ExpectedType.Integral) return null;
        if (from is StringType && (expected.IsConcreteAtomic || expected == ExpectedType.Numeric || expected == ExpectedType.AnyDecimal
                                   || expected == ExpectedType.AnyTimestamp))
            return expected.DefaultConcreteType;
        if (from is ArrayType fa && expected is ExpectedType.ArrayOf ea)
            return ImplicitCast(fa.ElementType, ea.Element, ansi) is { } et ? new ArrayType(et, true) : null;
        var concrete = expected.DefaultConcreteType;
        if (concrete is null) return null;
        return CanStoreAssign(from, concrete, ansi) ? concrete : null;
    }

    /// <summary>Spark's Cast.canANSIStoreAssign (plus the non-ANSI extras when <paramref name="ansi"/> is false).</summary>
    public static bool CanStoreAssign(DataType from, DataType to, bool ansi = true)
    {
        if (from == to || from is NullType) return true;
        if (IsNumeric(from) && IsNumeric(to)) return true;
        if (to is StringType && (IsAtomic(from) || IsInterval(from))) return true;
        if (from is DateType && IsAnyTimestamp(to)) return true;
        if (IsAnyTimestamp(from) && IsAnyTimestamp(to)) return true;
        if (from is DayTimeIntervalType && to is DayTimeIntervalType) return true;
        if (from is YearMonthIntervalType && to is YearMonthIntervalType) return true;
        if (from is ArrayType fa && to is ArrayType ta) return (ta.ContainsNull || !fa.ContainsNull) && CanStoreAssign(fa.ElementType, ta.ElementType, ansi);
        if (from is MapType fm && to is MapType tm)
            return (tm.ValueContainsNull || !fm.ValueContainsNull) && CanStoreAssign(fm.KeyType, tm.KeyType, ansi) && CanStoreAssign(fm.ValueType, tm.ValueType, ansi);
        if (from is StructType fs && to is StructType ts && fs.Count == ts.Count)
        {
            for (var i = 0; i < fs.Count; i++)
                if ((!ts[i].Nullable && fs[i].Nullable) || !CanStoreAssign(fs[i].Type, ts[i].Type, ansi)) return false;
            return true;
        }
        if (!ansi)
        {
            if (from is StringType && (IsNumeric(to) || IsDatetime(to) || to is BinaryType or BooleanType)) return true;
            if (IsAnyTimestamp(from) && to is DateType) return true;
        }
        return false;
    }

    // ---- decimals ----

    /// <summary>DecimalType.forType: byte → (3,0), short → (5,0), int → (10,0), long → (20,0), float → (14,7), double → (30,15).</summary>
    public static DecimalType DecimalForType(DataType t) => t switch
    {
        DecimalType d => d,
        ByteType => new DecimalType(3, 0),
        ShortType => new DecimalType(5, 0),
        IntegerType => new DecimalType(10, 0),
        LongType => new DecimalType(20, 0),
        FloatType => new DecimalType(14, 7),
        DoubleType => new DecimalType(30, 15),
        _ => throw new ArgumentException($"No decimal type for {t}.", nameof(t)),
    };

    /// <summary>The decimal type of an integer literal with the minimum precision (spark.sql.legacy.literal.pickMinimumPrecision):
    /// the binder casts an integral literal to this before an operator with a decimal.</summary>
    public static DecimalType DecimalForLiteral(long value)
    {
        var digits = value == 0 ? 1 : (int)Math.Floor(Math.Log10(Math.Abs((double)value))) + 1;
        var abs = value == long.MinValue ? (BigInteger)long.MaxValue + 1 : (BigInteger)Math.Abs(value);
        if (abs >= BigInteger.Pow(10, digits)) digits++;
        else if (digits > 1 && abs < BigInteger.Pow(10, digits - 1)) digits--;
        return new DecimalType(Math.Max(1, digits), 0);
    }

    /// <summary>Decimal (p,s) is wider than an integral type when it holds all its values.</summary>
    public static bool IsWiderThan(DecimalType d, DataType other)
    {
        var o = other is DecimalType od ? od : IsIntegral(other) ? DecimalForType(other) : null;
        return o is not null && d.Precision - d.Scale >= o.Precision - o.Scale && d.Scale >= o.Scale;
    }

    /// <summary>widerDecimalType: max scale and max integer digits, bounded to 38.</summary>
    public static DecimalType WiderDecimal(DecimalType a, DecimalType b)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        var range = Math.Max(a.Precision - a.Scale, b.Precision - b.Scale);
        return Bounded(range + scale, scale);
    }

    public static DecimalType Bounded(int precision, int scale) =>
        new(Math.Max(1, Math.Min(precision, DecimalType.MaxPrecision)), Math.Min(scale, Math.Min(precision, DecimalType.MaxPrecision)));

    /// <summary>adjustPrecisionScale: above 38 digits keep the integer digits and at least min(scale, 6) fraction digits.</summary>
    public static DecimalType AdjustPrecisionScale(int precision, int scale)
    {
        if (precision <= DecimalType.MaxPrecision) return new DecimalType(Math.Max(precision, 1), scale);
        var intDigits = precision - scale;
        var minScale = Math.Min(scale, MinimumAdjustedScale);
        var adjusted = Math.Max(DecimalType.MaxPrecision - intDigits, minScale);
        return new DecimalType(DecimalType.MaxPrecision, adjusted);
    }

    private static DecimalType Result(int precision, int scale, bool allowPrecisionLoss) =>
        allowPrecisionLoss ? AdjustPrecisionScale(precision, scale) : Bounded(precision, scale);

    /// <summary>Result type of decimal + and -: p = max(s1,s2) + max(p1-s1, p2-s2) + 1, s = max(s1,s2).</summary>
    public static DecimalType AddResultType(DecimalType a, DecimalType b, bool allowPrecisionLoss = true)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        return Result(Math.Max(a.Precision - a.Scale, b.Precision - b.Scale) + scale + 1, scale, allowPrecisionLoss);
    }

    /// <summary>Result type of decimal *: p = p1 + p2 + 1, s = s1 + s2.</summary>
    public static DecimalType MultiplyResultType(DecimalType a, DecimalType b, bool allowPrecisionLoss = true) =>
        Result(a.Precision + b.Precision + 1, a.Scale + b.Scale, allowPrecisionLoss);

    /// <summary>Result type of decimal /: s = max(6, s1 + p2 + 1), p = p1 - s1 + s2 + s.</summary>
    public static DecimalType DivideResultType(DecimalType a, DecimalType b, bool allowPrecisionLoss = true)
    {
        if (allowPrecisionLoss)
        {
            var scale = Math.Max(MinimumAdjustedScale, a.Scale + b.Precision + 1);
            return AdjustPrecisionScale(a.Precision - a.Scale + b.Scale + scale, scale);
        }
        var intDig = Math.Min(DecimalType.MaxPrecision, a.Precision - a.Scale + b.Scale);
        var decDig = Math.Min(DecimalType.MaxPrecision, Math.Max(6, a.Scale + b.Precision + 1));
        var diff = intDig + decDig - DecimalType.MaxPrecision;
        if (diff > 0)
        {
            decDig -= diff / 2 + 1;
            intDig = DecimalType.MaxPrecision - decDig;
        }
        return Bounded(intDig + decDig, decDig);
    }

    /// <summary>Result type of decimal % and pmod: p = min(p1-s1, p2-s2) + max(s1,s2), s = max(s1,s2).</summary>
    public static DecimalType RemainderResultType(DecimalType a, DecimalType b, bool allowPrecisionLoss = true)
    {
        var scale = Math.Max(a.Scale, b.Scale);
        return Result(Math.Min(a.Precision - a.Scale, b.Precision - b.Scale) + scale, scale, allowPrecisionLoss);
    }

    /// <summary>The intermediate decimal type of decimal <c>div</c> (the result itself is bigint).</summary>
    public static DecimalType IntegralDivideDecimalType(DecimalType a, DecimalType b)
    {
        var intDig = a.Precision - a.Scale + b.Scale;
        return Bounded(intDig == 0 ? 1 : intDig, 0);
    }

    // ---- literals ----

    /// <summary>The type of an unsuffixed integer literal: int when it fits, else bigint, else decimal(p,0) (p ≤ 38); null when too large.</summary>
    public static DataType? IntegerLiteralType(BigInteger value)
    {
        if (value >= int.MinValue && value <= int.MaxValue) return DataType.Integer;
        if (value >= long.MinValue && value <= long.MaxValue) return DataType.Long;
        var digits = BigInteger.Abs(value).ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        return digits <= DecimalType.MaxPrecision ? new DecimalType(digits, 0) : null;
    }
}
