using System.Globalization;
using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

#pragma warning disable CA1008, CA1028 // values follow parquet.thrift union field ids

/// <summary>The member of the parquet.thrift <c>LogicalType</c> union; values are the union's field ids.</summary>
public enum LogicalTypeKind
{
    /// <summary>A union member this library does not know (e.g. one added after parquet-format 2.11).</summary>
    Unrecognized = -1,
    String = 1,
    Map = 2,
    List = 3,
    Enum = 4,
    Decimal = 5,
    Date = 6,
    Time = 7,
    Timestamp = 8,
    // 9 is reserved for INTERVAL.
    Integer = 10,
    /// <summary>parquet.thrift <c>NullType UNKNOWN</c>: the column holds only nulls.</summary>
    Unknown = 11,
    Json = 12,
    Bson = 13,
    Uuid = 14,
    Float16 = 15,
    /// <summary>Recognised but not interpreted: readers treat the column as if it had no logical type.</summary>
    Variant = 16,
    /// <summary>Recognised but not interpreted (the CRS is not kept).</summary>
    Geometry = 17,
    /// <summary>Recognised but not interpreted (CRS and algorithm are not kept).</summary>
    Geography = 18,
}

/// <summary>parquet.thrift <c>TimeUnit</c> union; values are the union's field ids.</summary>
public enum TimeUnit
{
    Millis = 1,
    Micros = 2,
    Nanos = 3,
}

#pragma warning restore CA1008, CA1028

/// <summary>parquet.thrift <c>DecimalType</c> (renamed to avoid clashing with <c>DeltaSharp.Types.DecimalType</c>).</summary>
public sealed record DecimalLogicalType(int Scale, int Precision);

/// <summary>parquet.thrift <c>TimeType</c>.</summary>
public sealed record TimeLogicalType(bool IsAdjustedToUTC, TimeUnit Unit);

/// <summary>parquet.thrift <c>TimestampType</c>.</summary>
public sealed record TimestampLogicalType(bool IsAdjustedToUTC, TimeUnit Unit);

/// <summary>parquet.thrift <c>IntType</c>: bit width 8/16/32/64, signed or not.</summary>
public sealed record IntLogicalType(int BitWidth, bool IsSigned);

/// <summary>
/// parquet.thrift <c>LogicalType</c> union. <see cref="Kind"/> names the member; the payload property of that member
/// (<see cref="Decimal"/>, <see cref="Time"/>, <see cref="Timestamp"/>, <see cref="Integer"/>) is non-null exactly when
/// it is the member, and every other member is an empty struct. Immutable.
/// </summary>
public sealed class LogicalType : IThriftStruct<LogicalType>, IEquatable<LogicalType>
{
    private LogicalType(LogicalTypeKind kind, int fieldId)
    {
        Kind = kind;
        FieldId = fieldId;
    }

    public LogicalTypeKind Kind { get; }

    /// <summary>The union field id as read (equals <c>(int)Kind</c> except for <see cref="LogicalTypeKind.Unrecognized"/>).</summary>
    public int FieldId { get; }

    public DecimalLogicalType? Decimal { get; private init; }
    public TimeLogicalType? Time { get; private init; }
    public TimestampLogicalType? Timestamp { get; private init; }
    public IntLogicalType? Integer { get; private init; }

    public static LogicalType String { get; } = new(LogicalTypeKind.String, 1);
    public static LogicalType Map { get; } = new(LogicalTypeKind.Map, 2);
    public static LogicalType List { get; } = new(LogicalTypeKind.List, 3);
    public static LogicalType Enum { get; } = new(LogicalTypeKind.Enum, 4);
    public static LogicalType Date { get; } = new(LogicalTypeKind.Date, 6);
    public static LogicalType Unknown { get; } = new(LogicalTypeKind.Unknown, 11);
    public static LogicalType Json { get; } = new(LogicalTypeKind.Json, 12);
    public static LogicalType Bson { get; } = new(LogicalTypeKind.Bson, 13);
    public static LogicalType Uuid { get; } = new(LogicalTypeKind.Uuid, 14);
    public static LogicalType Float16 { get; } = new(LogicalTypeKind.Float16, 15);
    public static LogicalType Variant { get; } = new(LogicalTypeKind.Variant, 16);
    public static LogicalType Geometry { get; } = new(LogicalTypeKind.Geometry, 17);
    public static LogicalType Geography { get; } = new(LogicalTypeKind.Geography, 18);

    public static LogicalType ForDecimal(int scale, int precision) =>
        new(LogicalTypeKind.Decimal, 5) { Decimal = new DecimalLogicalType(scale, precision) };

    public static LogicalType ForTime(bool isAdjustedToUtc, TimeUnit unit) =>
        new(LogicalTypeKind.Time, 7) { Time = new TimeLogicalType(isAdjustedToUtc, unit) };

    public static LogicalType ForTimestamp(bool isAdjustedToUtc, TimeUnit unit) =>
        new(LogicalTypeKind.Timestamp, 8) { Timestamp = new TimestampLogicalType(isAdjustedToUtc, unit) };

    public static LogicalType ForInteger(int bitWidth, bool isSigned) =>
        new(LogicalTypeKind.Integer, 10) { Integer = new IntLogicalType(bitWidth, isSigned) };

    /// <summary>A union member unknown to this library; written back as an empty struct.</summary>
    public static LogicalType ForUnrecognized(int fieldId) => new(LogicalTypeKind.Unrecognized, fieldId);

    /// <summary>True for members that readers interpret; Variant/Geometry/Geography/unrecognised ones are ignored
    /// (the column is read as if it had no logical type, as older readers do).</summary>
    public bool IsInterpreted => Kind is not (LogicalTypeKind.Unrecognized or LogicalTypeKind.Variant
        or LogicalTypeKind.Geometry or LogicalTypeKind.Geography);

    public bool Equals(LogicalType? other) =>
        other is not null && other.Kind == Kind && other.FieldId == FieldId && Equals(other.Decimal, Decimal)
        && Equals(other.Time, Time) && Equals(other.Timestamp, Timestamp) && Equals(other.Integer, Integer);

    public override bool Equals(object? obj) => obj is LogicalType other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, FieldId, Decimal, Time, Timestamp, Integer);

    /// <summary>The notation of LogicalTypes.md, e.g. <c>DECIMAL(10,2)</c>, <c>TIMESTAMP(MICROS,true)</c>, <c>INT(8,false)</c>.</summary>
    public override string ToString() => Kind switch
    {
        LogicalTypeKind.Decimal => string.Create(CultureInfo.InvariantCulture, $"DECIMAL({Decimal!.Precision},{Decimal.Scale})"),
        LogicalTypeKind.Time => string.Create(CultureInfo.InvariantCulture, $"TIME({Time!.Unit.ToString().ToUpperInvariant()},{(Time.IsAdjustedToUTC ? "true" : "false")})"),
        LogicalTypeKind.Timestamp => string.Create(CultureInfo.InvariantCulture, $"TIMESTAMP({Timestamp!.Unit.ToString().ToUpperInvariant()},{(Timestamp.IsAdjustedToUTC ? "true" : "false")})"),
        LogicalTypeKind.Integer => string.Create(CultureInfo.InvariantCulture, $"INT({Integer!.BitWidth},{(Integer.IsSigned ? "true" : "false")})"),
        LogicalTypeKind.Unrecognized => string.Create(CultureInfo.InvariantCulture, $"UNRECOGNIZED({FieldId})"),
        _ => Kind.ToString().ToUpperInvariant(),
    };

    internal static LogicalType Read(ref ThriftCompactReader reader)
    {
        LogicalType? result = null;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            if (result is not null) ThriftThrow.Corrupt("LogicalType union has more than one member", reader.Position);
            switch (id)
            {
                case 5:
                    result = ReadDecimal(ref reader, type);
                    break;
                case 7:
                case 8:
                    result = ReadTimeOrTimestamp(ref reader, type, id == 8);
                    break;
                case 10:
                    result = ReadInteger(ref reader, type);
                    break;
                case >= 1 and <= 18 when id != 9:
                    ThriftCollections.ReadEmptyStruct(ref reader, type);
                    result = FromEmptyMember(id);
                    break;
                default:
                    reader.Skip(type);
                    result = ForUnrecognized(id);
                    break;
            }
        }
        reader.EndStruct(saved);
        if (result is null) ThriftThrow.Corrupt("LogicalType union has no member", reader.Position);
        return result;
    }

    private static LogicalType FromEmptyMember(int id) => (LogicalTypeKind)id switch
    {
        LogicalTypeKind.String => String,
        LogicalTypeKind.Map => Map,
        LogicalTypeKind.List => List,
        LogicalTypeKind.Enum => Enum,
        LogicalTypeKind.Date => Date,
        LogicalTypeKind.Unknown => Unknown,
        LogicalTypeKind.Json => Json,
        LogicalTypeKind.Bson => Bson,
        LogicalTypeKind.Uuid => Uuid,
        LogicalTypeKind.Float16 => Float16,
        LogicalTypeKind.Variant => Variant,
        LogicalTypeKind.Geometry => Geometry,
        LogicalTypeKind.Geography => Geography,
        _ => ForUnrecognized(id),
    };

    private static LogicalType ReadDecimal(ref ThriftCompactReader reader, ThriftType type)
    {
        reader.ExpectType(type, ThriftType.Struct);
        int scale = 0, precision = 0, seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var t, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(t, ThriftType.I32);
                    scale = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2:
                    reader.ExpectType(t, ThriftType.I32);
                    precision = reader.ReadI32();
                    seen |= 2;
                    break;
                default:
                    reader.Skip(t);
                    break;
            }
        }
        reader.EndStruct(saved);
        if ((seen & 1) == 0) ThriftThrow.MissingField("DecimalType", "scale");
        if ((seen & 2) == 0) ThriftThrow.MissingField("DecimalType", "precision");
        return ForDecimal(scale, precision);
    }

    private static LogicalType ReadTimeOrTimestamp(ref ThriftCompactReader reader, ThriftType type, bool timestamp)
    {
        reader.ExpectType(type, ThriftType.Struct);
        var adjusted = false;
        var unit = TimeUnit.Millis;
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var t, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(t, ThriftType.Bool);
                    adjusted = reader.ReadBool();
                    seen |= 1;
                    break;
                case 2:
                    unit = ReadTimeUnit(ref reader, t);
                    seen |= 2;
                    break;
                default:
                    reader.Skip(t);
                    break;
            }
        }
        reader.EndStruct(saved);
        var name = timestamp ? "TimestampType" : "TimeType";
        if ((seen & 1) == 0) ThriftThrow.MissingField(name, "isAdjustedToUTC");
        if ((seen & 2) == 0) ThriftThrow.MissingField(name, "unit");
        return timestamp ? ForTimestamp(adjusted, unit) : ForTime(adjusted, unit);
    }

    private static TimeUnit ReadTimeUnit(ref ThriftCompactReader reader, ThriftType type)
    {
        reader.ExpectType(type, ThriftType.Struct);
        var unit = (TimeUnit)0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var t, out var id))
        {
            if (unit != 0) ThriftThrow.Corrupt("TimeUnit union has more than one member", reader.Position);
            if (id is >= 1 and <= 3)
            {
                ThriftCollections.ReadEmptyStruct(ref reader, t);
                unit = (TimeUnit)id;
            }
            else
            {
                ThriftThrow.Corrupt(string.Create(CultureInfo.InvariantCulture, $"unknown TimeUnit member {id}"), reader.Position);
            }
        }
        reader.EndStruct(saved);
        if (unit == 0) ThriftThrow.Corrupt("TimeUnit union has no member", reader.Position);
        return unit;
    }

    private static LogicalType ReadInteger(ref ThriftCompactReader reader, ThriftType type)
    {
        reader.ExpectType(type, ThriftType.Struct);
        int bitWidth = 0, seen = 0;
        var signed = false;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var t, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(t, ThriftType.Byte);
                    bitWidth = reader.ReadByte();
                    seen |= 1;
                    break;
                case 2:
                    reader.ExpectType(t, ThriftType.Bool);
                    signed = reader.ReadBool();
                    seen |= 2;
                    break;
                default:
                    reader.Skip(t);
                    break;
            }
        }
        reader.EndStruct(saved);
        if ((seen & 1) == 0) ThriftThrow.MissingField("IntType", "bitWidth");
        if ((seen & 2) == 0) ThriftThrow.MissingField("IntType", "isSigned");
        return ForInteger(bitWidth, signed);
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        switch (Kind)
        {
            case LogicalTypeKind.Decimal:
                writer.WriteFieldHeader(ThriftType.Struct, 5);
                var d = writer.BeginStruct();
                writer.WriteI32Field(1, Decimal!.Scale);
                writer.WriteI32Field(2, Decimal.Precision);
                writer.EndStruct(d);
                break;
            case LogicalTypeKind.Time:
                WriteTimeOrTimestamp(ref writer, 7, Time!.IsAdjustedToUTC, Time.Unit);
                break;
            case LogicalTypeKind.Timestamp:
                WriteTimeOrTimestamp(ref writer, 8, Timestamp!.IsAdjustedToUTC, Timestamp.Unit);
                break;
            case LogicalTypeKind.Integer:
                writer.WriteFieldHeader(ThriftType.Struct, 10);
                var i = writer.BeginStruct();
                writer.WriteByteField(1, checked((sbyte)Integer!.BitWidth));
                writer.WriteBoolField(2, Integer.IsSigned);
                writer.EndStruct(i);
                break;
            default:
                // Empty-struct members; an unrecognised member loses any payload it had.
                ThriftCollections.WriteEmptyStructField(ref writer, checked((short)FieldId));
                break;
        }
        writer.EndStruct(saved);
    }

    private static void WriteTimeOrTimestamp(ref ThriftCompactWriter writer, short fieldId, bool adjusted, TimeUnit unit)
    {
        writer.WriteFieldHeader(ThriftType.Struct, fieldId);
        var s = writer.BeginStruct();
        writer.WriteBoolField(1, adjusted);
        writer.WriteFieldHeader(ThriftType.Struct, 2);
        var u = writer.BeginStruct();
        ThriftCollections.WriteEmptyStructField(ref writer, (short)unit);
        writer.EndStruct(u);
        writer.EndStruct(s);
    }

    static LogicalType IThriftStruct<LogicalType>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<LogicalType>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
