using System.Diagnostics.CodeAnalysis;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;
using SparkDecimalType = DeltaSharp.Types.DecimalType;

namespace DeltaSharp.Parquet.Schema;

/// <summary>
/// The Spark type of a leaf column from its physical type and effective annotation, following Spark's
/// ParquetToSparkSchemaConverter.convertPrimitiveField with the documented extensions (see
/// <see cref="ParquetSchema.ToSparkSchema"/>).
/// </summary>
internal static class ParquetLeafTypeMapper
{
    public static (DataType Type, LeafConversion Conversion) Map(SchemaNode leaf)
    {
        var physical = leaf.PhysicalType!.Value;
        var logical = leaf.LogicalType;
        // UNKNOWN (always null) carries no type information: read the physical column as it is.
        if (logical?.Kind == LogicalTypeKind.Unknown) logical = null;

        switch (physical)
        {
            case PhysicalType.Boolean:
                return (DataType.Boolean, LeafConversion.None);
            case PhysicalType.Float:
                return (DataType.Float, LeafConversion.None);
            case PhysicalType.Double:
                return (DataType.Double, LeafConversion.None);
            case PhysicalType.Int96:
                // Legacy Impala/Spark timestamps; Spark reads INT96 only as timestamp.
                return (DataType.Timestamp, LeafConversion.Int96ToTimestampMicros);
            case PhysicalType.Int32:
                return MapInt32(leaf, logical);
            case PhysicalType.Int64:
                return MapInt64(leaf, logical);
            case PhysicalType.ByteArray:
                return logical?.Kind switch
                {
                    null => (DataType.Binary, LeafConversion.None),
                    LogicalTypeKind.String or LogicalTypeKind.Enum or LogicalTypeKind.Json => (DataType.String, LeafConversion.None),
                    LogicalTypeKind.Bson => (DataType.Binary, LeafConversion.None),
                    LogicalTypeKind.Decimal => (MakeDecimal(leaf, SparkDecimalType.MaxPrecision), LeafConversion.DecimalFromBytes),
                    _ => Illegal(leaf, logical),
                };
            case PhysicalType.FixedLenByteArray:
                return logical?.Kind switch
                {
                    // INTERVAL (converted type only) has no logical type and is read as its raw 12 bytes.
                    null => (DataType.Binary, LeafConversion.None),
                    LogicalTypeKind.Decimal => (MakeDecimal(leaf, DecimalPrecision.MaxPrecisionForBytes(leaf.TypeLength)), LeafConversion.DecimalFromBytes),
                    LogicalTypeKind.Uuid when leaf.TypeLength == 16 => (DataType.String, LeafConversion.UuidToString),
                    LogicalTypeKind.Float16 when leaf.TypeLength == 2 => (DataType.Float, LeafConversion.Float16ToFloat),
                    _ => Illegal(leaf, logical),
                };
            default:
                return Illegal(leaf, logical);
        }
    }

    private static (DataType, LeafConversion) MapInt32(SchemaNode leaf, LogicalType? logical)
    {
        switch (logical?.Kind)
        {
            case null:
                return (DataType.Integer, LeafConversion.None);
            case LogicalTypeKind.Integer:
                var integer = logical.Integer!;
                return (integer.BitWidth, integer.IsSigned) switch
                {
                    (8, true) => (DataType.Byte, LeafConversion.Int32ToByte),
                    (16, true) => (DataType.Short, LeafConversion.Int32ToShort),
                    (32, true) => (DataType.Integer, LeafConversion.None),
                    (8, false) => (DataType.Short, LeafConversion.Int32ToShort),
                    (16, false) => (DataType.Integer, LeafConversion.None),
                    (32, false) => (DataType.Long, LeafConversion.UInt32ToLong),
                    _ => Illegal(leaf, logical),
                };
            case LogicalTypeKind.Date:
                return (DataType.Date, LeafConversion.None);
            case LogicalTypeKind.Decimal:
                return (MakeDecimal(leaf, 9), LeafConversion.DecimalFromInt32);
            case LogicalTypeKind.Time when logical.Time!.Unit == TimeUnit.Millis:
                return (DataType.Long, LeafConversion.TimeMillisToMicros);
            default:
                return Illegal(leaf, logical);
        }
    }

    private static (DataType, LeafConversion) MapInt64(SchemaNode leaf, LogicalType? logical)
    {
        switch (logical?.Kind)
        {
            case null:
                return (DataType.Long, LeafConversion.None);
            case LogicalTypeKind.Integer:
                var integer = logical.Integer!;
                return (integer.BitWidth, integer.IsSigned) switch
                {
                    (64, true) => (DataType.Long, LeafConversion.None),
                    // The largest unsigned long has 20 digits.
                    (64, false) => (new SparkDecimalType(20, 0), LeafConversion.UInt64ToDecimal),
                    _ => Illegal(leaf, logical),
                };
            case LogicalTypeKind.Decimal:
                return (MakeDecimal(leaf, 18), LeafConversion.None);
            case LogicalTypeKind.Timestamp:
                var ts = logical.Timestamp!;
                DataType type = ts.IsAdjustedToUTC ? DataType.Timestamp : DataType.TimestampNtz;
                return ts.Unit switch
                {
                    TimeUnit.Millis => (type, LeafConversion.TimestampMillisToMicros),
                    TimeUnit.Micros => (type, LeafConversion.None),
                    _ => (type, LeafConversion.TimestampNanosToMicros),
                };
            case LogicalTypeKind.Time when logical.Time!.Unit != TimeUnit.Millis:
                return (DataType.Long, logical.Time.Unit == TimeUnit.Micros ? LeafConversion.None : LeafConversion.TimeNanosToMicros);
            default:
                return Illegal(leaf, logical);
        }
    }

    private static SparkDecimalType MakeDecimal(SchemaNode leaf, int maxPrecision)
    {
        var precision = leaf.Precision ?? 0;
        var scale = leaf.Scale ?? 0;
        if (precision < 1 || precision > maxPrecision)
            Unsupported(leaf, $"DECIMAL precision {precision} is outside 1..{maxPrecision} for {Describe(leaf)}");
        if (scale < 0 || scale > precision)
            Unsupported(leaf, $"DECIMAL scale {scale} is outside 0..{precision}");
        return new SparkDecimalType(precision, scale);
    }

    private static string Describe(SchemaNode leaf) =>
        leaf.PhysicalType == PhysicalType.FixedLenByteArray
            ? $"FIXED_LEN_BYTE_ARRAY({leaf.TypeLength})"
            : leaf.PhysicalType.ToString()!.ToUpperInvariant();

    [DoesNotReturn]
    private static (DataType, LeafConversion) Illegal(SchemaNode leaf, LogicalType? logical)
    {
        Unsupported(leaf, $"{Describe(leaf)} annotated {logical} is not a readable combination");
        return default;
    }

    [DoesNotReturn]
    private static void Unsupported(SchemaNode leaf, string problem) =>
        throw new ParquetFormatException(null, $"unsupported Parquet type: column '{leaf}': {problem}");
}
