using System.Globalization;
using System.Text;

namespace DeltaSharp.Types;

/// <summary>
/// A Spark/Delta data type. Instances are immutable; primitive types are singletons and complex types
/// compare structurally. <see cref="SimpleString"/> is Spark's <c>simpleString</c> (<c>decimal(10,2)</c>,
/// <c>array&lt;int&gt;</c>); <see cref="DeltaName"/> is the name used in a Delta <c>schemaString</c>.
/// </summary>
public abstract class DataType : IEquatable<DataType>
{
    private protected DataType() { }

    /// <summary>Spark's simpleString, e.g. <c>int</c>, <c>bigint</c>, <c>struct&lt;a:int&gt;</c>.</summary>
    public abstract string SimpleString { get; }

    /// <summary>The primitive type name in Delta's JSON schema (<c>integer</c>, <c>long</c>, …); for complex
    /// types the same as <see cref="SimpleString"/>.</summary>
    public virtual string DeltaName => SimpleString;

    /// <summary>How values of this type are stored in a <see cref="Columnar.ColumnVector"/>.</summary>
    public abstract PhysicalKind Physical { get; }

    public bool IsPrimitive => this is not (StructType or ArrayType or MapType);

    public abstract bool Equals(DataType? other);
    public override bool Equals(object? obj) => obj is DataType other && Equals(other);
    public abstract override int GetHashCode();
    public override string ToString() => SimpleString;

    public static bool operator ==(DataType? left, DataType? right) => left is null ? right is null : left.Equals(right);
    public static bool operator !=(DataType? left, DataType? right) => !(left == right);

    public static BooleanType Boolean => BooleanType.Instance;
    public static ByteType Byte => ByteType.Instance;
    public static ShortType Short => ShortType.Instance;
    public static IntegerType Integer => IntegerType.Instance;
    public static LongType Long => LongType.Instance;
    public static FloatType Float => FloatType.Instance;
    public static DoubleType Double => DoubleType.Instance;
    public static StringType String => StringType.Instance;
    public static BinaryType Binary => BinaryType.Instance;
    public static DateType Date => DateType.Instance;
    public static TimestampType Timestamp => TimestampType.Instance;
    public static TimestampNtzType TimestampNtz => TimestampNtzType.Instance;

    /// <summary>The type of an untyped NULL literal (Spark's <c>void</c>).</summary>
    public static NullType Null => NullType.Instance;

    /// <summary><c>interval day to second</c>.</summary>
    public static DayTimeIntervalType DayTimeInterval => DayTimeIntervalType.DayToSecond;

    /// <summary><c>interval year to month</c>.</summary>
    public static YearMonthIntervalType YearMonthInterval => YearMonthIntervalType.YearToMonth;

    /// <summary>
    /// Parses a primitive type name as Delta's schema JSON or Spark SQL writes it (<c>integer</c>, <c>int</c>,
    /// <c>bigint</c>, <c>decimal(10,2)</c>, <c>timestamp_ntz</c>). Complex types use the JSON form.
    /// </summary>
    public static DataType ParsePrimitive(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Trim().ToLowerInvariant();
        switch (n)
        {
            case "boolean": return Boolean;
            case "byte": case "tinyint": return Byte;
            case "short": case "smallint": return Short;
            case "integer": case "int": return Integer;
            case "long": case "bigint": return Long;
            case "float": case "real": return Float;
            case "double": return Double;
            case "string": return String;
            case "binary": return Binary;
            case "date": return Date;
            case "timestamp": case "timestamp_ltz": return Timestamp;
            case "timestamp_ntz": return TimestampNtz;
            case "void": return Null;
            case "decimal": case "dec": case "numeric": return new DecimalType(DecimalType.DefaultPrecision, 0);
        }
        if (n.StartsWith("decimal(", StringComparison.Ordinal) && n.EndsWith(')'))
        {
            var inner = n["decimal(".Length..^1].Split(',');
            if (inner.Length is 1 or 2
                && int.TryParse(inner[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                && (inner.Length == 1 ? true : int.TryParse(inner[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                var s = inner.Length == 2 ? int.Parse(inner[1].Trim(), CultureInfo.InvariantCulture) : 0;
                return new DecimalType(p, s);
            }
        }
        if (n.StartsWith("interval ", StringComparison.Ordinal))
        {
            if (DayTimeIntervalType.TryParse(n, out var dt)) return dt;
            if (YearMonthIntervalType.TryParse(n, out var ym)) return ym;
        }
        throw new ArgumentException($"Unknown data type '{name}'.", nameof(name));
    }
}

/// <summary>The storage layout of a type inside column vectors.</summary>
public enum PhysicalKind
{
    Boolean,   // bool[]
    Int8,      // sbyte[]
    Int16,     // short[]
    Int32,     // int[]  (integer, date = days since 1970-01-01)
    Int64,     // long[] (long, timestamp/timestamp_ntz = microseconds since epoch, decimal p<=18 unscaled)
    Int128,    // Int128[] (decimal p>18 unscaled)
    Float32,
    Float64,
    Binary,    // UTF-8 bytes + offsets (string, binary)
    Struct,
    List,
    Map,
}

public abstract class PrimitiveType : DataType
{
    private protected PrimitiveType() { }
    public override bool Equals(DataType? other) => other is not null && other.GetType() == GetType();
    public override int GetHashCode() => GetType().GetHashCode();
}

public sealed class BooleanType : PrimitiveType
{
    internal static readonly BooleanType Instance = new();
    private BooleanType() { }
    public override string SimpleString => "boolean";
    public override PhysicalKind Physical => PhysicalKind.Boolean;
}

public sealed class ByteType : PrimitiveType
{
    internal static readonly ByteType Instance = new();
    private ByteType() { }
    public override string SimpleString => "tinyint";
    public override string DeltaName => "byte";
    public override PhysicalKind Physical => PhysicalKind.Int8;
}

public sealed class ShortType : PrimitiveType
{
    internal static readonly ShortType Instance = new();
    private ShortType() { }
    public override string SimpleString => "smallint";
    public override string DeltaName => "short";
    public override PhysicalKind Physical => PhysicalKind.Int16;
}

public sealed class IntegerType : PrimitiveType
{
    internal static readonly IntegerType Instance = new();
    private IntegerType() { }
    public override string SimpleString => "int";
    public override string DeltaName => "integer";
    public override PhysicalKind Physical => PhysicalKind.Int32;
}

public sealed class LongType : PrimitiveType
{
    internal static readonly LongType Instance = new();
    private LongType() { }
    public override string SimpleString => "bigint";
    public override string DeltaName => "long";
    public override PhysicalKind Physical => PhysicalKind.Int64;
}

public sealed class FloatType : PrimitiveType
{
    internal static readonly FloatType Instance = new();
    private FloatType() { }
    public override string SimpleString => "float";
    public override PhysicalKind Physical => PhysicalKind.Float32;
}

public sealed class DoubleType : PrimitiveType
{
    internal static readonly DoubleType Instance = new();
    private DoubleType() { }
    public override string SimpleString => "double";
    public override PhysicalKind Physical => PhysicalKind.Float64;
}

public sealed class StringType : PrimitiveType
{
    internal static readonly StringType Instance = new();
    private StringType() { }
    public override string SimpleString => "string";
    public override PhysicalKind Physical => PhysicalKind.Binary;
}

public sealed class BinaryType : PrimitiveType
{
    internal static readonly BinaryType Instance = new();
    private BinaryType() { }
    public override string SimpleString => "binary";
    public override PhysicalKind Physical => PhysicalKind.Binary;
}

/// <summary>Days since 1970-01-01 (proleptic Gregorian), stored as int.</summary>
public sealed class DateType : PrimitiveType
{
    internal static readonly DateType Instance = new();
    private DateType() { }
    public override string SimpleString => "date";
    public override PhysicalKind Physical => PhysicalKind.Int32;
}

/// <summary>An instant: microseconds since 1970-01-01T00:00:00Z, stored as long.</summary>
public sealed class TimestampType : PrimitiveType
{
    internal static readonly TimestampType Instance = new();
    private TimestampType() { }
    public override string SimpleString => "timestamp";
    public override PhysicalKind Physical => PhysicalKind.Int64;
}

/// <summary>A wall-clock date-time without zone: microseconds since 1970-01-01T00:00:00, stored as long.</summary>
public sealed class TimestampNtzType : PrimitiveType
{
    internal static readonly TimestampNtzType Instance = new();
    private TimestampNtzType() { }
    public override string SimpleString => "timestamp_ntz";
    public override PhysicalKind Physical => PhysicalKind.Int64;
}

/// <summary>The type of an untyped NULL (Spark's <c>NullType</c>, shown as <c>void</c>). A vector of this type
/// holds only nulls; it is stored like a boolean vector.</summary>
public sealed class NullType : PrimitiveType
{
    internal static readonly NullType Instance = new();
    private NullType() { }
    public override string SimpleString => "void";
    public override PhysicalKind Physical => PhysicalKind.Boolean;
}

/// <summary>
/// Spark's ANSI day-time interval (<c>interval day to second</c>, <c>interval hour</c>, …): a duration in
/// microseconds stored as long. The start and end fields only affect the type's name and how values print;
/// 0 = DAY, 1 = HOUR, 2 = MINUTE, 3 = SECOND.
/// </summary>
public sealed class DayTimeIntervalType : DataType
{
    public const byte Day = 0, Hour = 1, Minute = 2, Second = 3;
    private static readonly string[] FieldNames = ["day", "hour", "minute", "second"];

    internal static readonly DayTimeIntervalType DayToSecond = new(Day, Second);

    public DayTimeIntervalType(byte startField = Day, byte endField = Second)
    {
        if (startField > Second || endField > Second || endField < startField)
            throw new ArgumentOutOfRangeException(nameof(endField), $"Invalid day-time interval fields ({startField}, {endField}).");
        StartField = startField;
        EndField = endField;
    }

    public byte StartField { get; }
    public byte EndField { get; }

    public static string FieldName(byte field) => FieldNames[field];

    public override string SimpleString => IntervalFieldText.Format(FieldNames, StartField, EndField);

    public override PhysicalKind Physical => PhysicalKind.Int64;
    public override bool Equals(DataType? other) => other is DayTimeIntervalType d && d.StartField == StartField && d.EndField == EndField;
    public override int GetHashCode() => HashCode.Combine(1, StartField, EndField);

    internal static bool TryParse(string lower, out DayTimeIntervalType type)
    {
        type = DayToSecond;
        if (!IntervalFieldText.TryParse(lower, FieldNames, out var start, out var end)) return false;
        type = new DayTimeIntervalType(start, end);
        return true;
    }
}

/// <summary>The type text of an ANSI interval type: <c>interval day</c>, <c>interval day to second</c>, … (field names
/// lower-case, as Spark's simpleString).</summary>
internal static class IntervalFieldText
{
    public static string Format(string[] names, byte start, byte end) =>
        start == end ? "interval " + names[start] : $"interval {names[start]} to {names[end]}";

    public static bool TryParse(string lower, string[] names, out byte start, out byte end)
    {
        start = end = 0;
        var parts = lower.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (2 or 4) || parts[0] != "interval") return false;
        var s = Array.IndexOf(names, parts[1]);
        var e = parts.Length == 4 && parts[2] == "to" ? Array.IndexOf(names, parts[3]) : parts.Length == 2 ? s : -1;
        if (s < 0 || e < s) return false;
        (start, end) = ((byte)s, (byte)e);
        return true;
    }
}

/// <summary>
/// Spark's ANSI year-month interval (<c>interval year to month</c>, <c>interval year</c>, <c>interval month</c>):
/// a number of months stored as int. 0 = YEAR, 1 = MONTH.
/// </summary>
public sealed class YearMonthIntervalType : DataType
{
    public const byte Year = 0, Month = 1;
    private static readonly string[] FieldNames = ["year", "month"];

    internal static readonly YearMonthIntervalType YearToMonth = new(Year, Month);

    public YearMonthIntervalType(byte startField = Year, byte endField = Month)
    {
        if (startField > Month || endField > Month || endField < startField)
            throw new ArgumentOutOfRangeException(nameof(endField), $"Invalid year-month interval fields ({startField}, {endField}).");
        StartField = startField;
        EndField = endField;
    }

    public byte StartField { get; }
    public byte EndField { get; }

    public override string SimpleString => IntervalFieldText.Format(FieldNames, StartField, EndField);

    public override PhysicalKind Physical => PhysicalKind.Int32;
    public override bool Equals(DataType? other) => other is YearMonthIntervalType d && d.StartField == StartField && d.EndField == EndField;
    public override int GetHashCode() => HashCode.Combine(2, StartField, EndField);

    internal static bool TryParse(string lower, out YearMonthIntervalType type)
    {
        type = YearToMonth;
        if (!IntervalFieldText.TryParse(lower, FieldNames, out var start, out var end)) return false;
        type = new YearMonthIntervalType(start, end);
        return true;
    }
}

/// <summary>
/// decimal(p,s) with 1 ≤ p ≤ 38 and 0 ≤ s ≤ p (Spark's rules). Values are unscaled integers: long when
/// p ≤ 18, Int128 otherwise.
/// </summary>
public sealed class DecimalType : DataType
{
    public const int MaxPrecision = 38;
    public const int MaxLongDigits = 18;
    public const int DefaultPrecision = 10;

    public DecimalType(int precision, int scale)
    {
        if (precision < 1 || precision > MaxPrecision)
            throw new ArgumentOutOfRangeException(nameof(precision), precision, $"Decimal precision {precision} exceeds max precision {MaxPrecision} (DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION) or is below 1.");
        if (scale < 0 || scale > precision)
            throw new ArgumentOutOfRangeException(nameof(scale), scale, $"Decimal scale ({scale}) cannot be negative or greater than precision ({precision}).");
        Precision = precision;
        Scale = scale;
    }

    public int Precision { get; }
    public int Scale { get; }
    public bool IsLong => Precision <= MaxLongDigits;
    public override string SimpleString => string.Create(CultureInfo.InvariantCulture, $"decimal({Precision},{Scale})");
    public override PhysicalKind Physical => IsLong ? PhysicalKind.Int64 : PhysicalKind.Int128;
    public override bool Equals(DataType? other) => other is DecimalType d && d.Precision == Precision && d.Scale == Scale;
    public override int GetHashCode() => HashCode.Combine(Precision, Scale);
}

/// <summary>One field of a struct. Metadata holds Delta column metadata (column mapping ids, comments) as raw JSON values.</summary>
public sealed class StructField : IEquatable<StructField>
{
    public StructField(string name, DataType type, bool nullable = true, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        Name = name;
        Type = type;
        Nullable = nullable;
        Metadata = metadata ?? EmptyMetadata;
    }

    private static readonly IReadOnlyDictionary<string, string> EmptyMetadata = new Dictionary<string, string>();

    public string Name { get; }
    public DataType Type { get; }
    public bool Nullable { get; }

    /// <summary>Field metadata; values are raw JSON text (<c>"5"</c>, <c>"\"col-1\""</c>).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public bool Equals(StructField? other) =>
        other is not null && other.Name == Name && other.Type.Equals(Type) && other.Nullable == Nullable;
    public override bool Equals(object? obj) => obj is StructField f && Equals(f);
    public override int GetHashCode() => HashCode.Combine(Name, Type, Nullable);
    public override string ToString() => $"{Name}: {Type.SimpleString}{(Nullable ? "" : " NOT NULL")}";
}

public sealed class StructType : DataType
{
    private readonly StructField[] _fields;

    public StructType(IEnumerable<StructField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = fields.ToArray();
    }

    public StructType(params StructField[] fields) : this((IEnumerable<StructField>)fields) { }

    public IReadOnlyList<StructField> Fields => _fields;
    public int Count => _fields.Length;
    public StructField this[int index] => _fields[index];

    /// <summary>Index of the field with the given name (exact match first, then case-insensitive), or -1.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < _fields.Length; i++)
            if (_fields[i].Name == name) return i;
        for (var i = 0; i < _fields.Length; i++)
            if (string.Equals(_fields[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    public override string SimpleString
    {
        get
        {
            var sb = new StringBuilder("struct<");
            for (var i = 0; i < _fields.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(_fields[i].Name).Append(':').Append(_fields[i].Type.SimpleString);
            }
            return sb.Append('>').ToString();
        }
    }

    public override PhysicalKind Physical => PhysicalKind.Struct;
    public override bool Equals(DataType? other) => other is StructType s && s._fields.AsSpan().SequenceEqual(_fields);
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var f in _fields) h.Add(f);
        return h.ToHashCode();
    }
}

public sealed class ArrayType : DataType
{
    public ArrayType(DataType elementType, bool containsNull = true)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        ElementType = elementType;
        ContainsNull = containsNull;
    }

    public DataType ElementType { get; }
    public bool ContainsNull { get; }
    public override string SimpleString => $"array<{ElementType.SimpleString}>";
    public override PhysicalKind Physical => PhysicalKind.List;
    public override bool Equals(DataType? other) => other is ArrayType a && a.ElementType.Equals(ElementType) && a.ContainsNull == ContainsNull;
    public override int GetHashCode() => HashCode.Combine(ElementType, ContainsNull);
}

public sealed class MapType : DataType
{
    public MapType(DataType keyType, DataType valueType, bool valueContainsNull = true)
    {
        ArgumentNullException.ThrowIfNull(keyType);
        ArgumentNullException.ThrowIfNull(valueType);
        KeyType = keyType;
        ValueType = valueType;
        ValueContainsNull = valueContainsNull;
    }

    public DataType KeyType { get; }
    public DataType ValueType { get; }
    public bool ValueContainsNull { get; }
    public override string SimpleString => $"map<{KeyType.SimpleString},{ValueType.SimpleString}>";
    public override PhysicalKind Physical => PhysicalKind.Map;
    public override bool Equals(DataType? other) =>
        other is MapType m && m.KeyType.Equals(KeyType) && m.ValueType.Equals(ValueType) && m.ValueContainsNull == ValueContainsNull;
    public override int GetHashCode() => HashCode.Combine(KeyType, ValueType, ValueContainsNull);
}
