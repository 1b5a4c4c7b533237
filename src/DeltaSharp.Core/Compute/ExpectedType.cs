using DeltaSharp.Types;

namespace DeltaSharp.Compute;

/// <summary>
/// What a function parameter accepts (Spark's AbstractDataType): a concrete type, a family (numeric, integral,
/// any decimal, any timestamp, any array/map/struct) or a collection of alternatives. Drives implicit casts
/// (<see cref="TypeCoercion.ImplicitCast"/>) and the DATATYPE_MISMATCH messages. Immutable.
/// </summary>
public abstract class ExpectedType
{
    private protected ExpectedType() { }

    public abstract bool Accepts(DataType type);

    /// <summary>The type a cast targets when the argument must be converted (null when there is none).</summary>
    public abstract DataType? DefaultConcreteType { get; }

    /// <summary>How Spark names the requirement in messages: <c>"INT"</c>, <c>"NUMERIC"</c>, <c>("STRING" or "BINARY")</c>.</summary>
    public abstract string Sql { get; }

    internal virtual bool IsConcreteAtomic => false;

    public static ExpectedType Of(DataType type) => new Concrete(type);

    public static ExpectedType Either(params ExpectedType[] options) => new OneOf(options);

    public static readonly ExpectedType Any = new Family("ANY", _ => true, null);
    public static readonly ExpectedType Numeric = new Family("NUMERIC", TypeCoercion.IsNumeric, DataType.Double);
    public static readonly ExpectedType Integral = new Family("INTEGRAL", TypeCoercion.IsIntegral, DataType.Integer);
    public static readonly ExpectedType AnyDecimal = new Family("DECIMAL", t => t is DecimalType, new DecimalType(10, 0));
    public static readonly ExpectedType AnyTimestamp = new Family("(TIMESTAMP OR TIMESTAMP WITHOUT TIME ZONE)", TypeCoercion.IsAnyTimestamp, DataType.Timestamp);
    public static readonly ExpectedType AnyArray = new Family("ARRAY", t => t is ArrayType, null);
    public static readonly ExpectedType AnyMap = new Family("MAP", t => t is MapType, null);
    public static readonly ExpectedType AnyStruct = new Family("STRUCT", t => t is StructType, null);
    public static readonly ExpectedType AnyDayTimeInterval = new Family("INTERVAL DAY TO SECOND", t => t is DayTimeIntervalType, DataType.DayTimeInterval);
    public static readonly ExpectedType AnyYearMonthInterval = new Family("INTERVAL YEAR TO MONTH", t => t is YearMonthIntervalType, DataType.YearMonthInterval);
    public static readonly ExpectedType Orderable = new Family("ORDERABLE", TypeCoercion.IsOrderable, null);

    public static readonly ExpectedType String = Of(DataType.String);
    public static readonly ExpectedType Binary = Of(DataType.Binary);
    public static readonly ExpectedType Boolean = Of(DataType.Boolean);
    public static readonly ExpectedType Int = Of(DataType.Integer);
    public static readonly ExpectedType Long = Of(DataType.Long);
    public static readonly ExpectedType Double = Of(DataType.Double);
    public static readonly ExpectedType Date = Of(DataType.Date);
    public static readonly ExpectedType Timestamp = Of(DataType.Timestamp);
    public static readonly ExpectedType StringOrBinary = Either(String, Binary);

    public override string ToString() => Sql;

    /// <summary>Exactly one type.</summary>
    public sealed class Concrete(DataType type) : ExpectedType
    {
        public DataType Type { get; } = type;
        public override bool Accepts(DataType t) => t == Type;
        public override DataType? DefaultConcreteType => Type;
        public override string Sql => ComputeErrors.QuotedType(Type);
        internal override bool IsConcreteAtomic => TypeCoercion.IsAtomic(Type);
    }

    /// <summary>A family of types (Spark's NumericType, IntegralType, DecimalType, AnyTimestampType, …).</summary>
    public sealed class Family(string sql, Func<DataType, bool> accepts, DataType? defaultType) : ExpectedType
    {
        public override bool Accepts(DataType t) => accepts(t);
        public override DataType? DefaultConcreteType => defaultType;
        public override string Sql => sql.StartsWith('(') ? sql : "\"" + sql + "\"";
    }

    /// <summary>Any of several types (Spark's TypeCollection); the first convertible one wins.</summary>
    public sealed class OneOf(IReadOnlyList<ExpectedType> options) : ExpectedType
    {
        public IReadOnlyList<ExpectedType> Options { get; } = options;
        public override bool Accepts(DataType t) => Options.Any(o => o.Accepts(t));
        public override DataType? DefaultConcreteType => Options[0].DefaultConcreteType;
        public override string Sql => "(" + string.Join(" or ", Options.Select(o => o.Sql)) + ")";
    }

    /// <summary>An array whose element type matches <see cref="Element"/>.</summary>
    public sealed class ArrayOf(ExpectedType element) : ExpectedType
    {
        public ExpectedType Element { get; } = element;
        public override bool Accepts(DataType t) => t is ArrayType a && Element.Accepts(a.ElementType);
        public override DataType? DefaultConcreteType => Element.DefaultConcreteType is { } e ? new ArrayType(e) : null;
        public override string Sql => "\"ARRAY\"";
    }
}
