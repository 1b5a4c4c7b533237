using DeltaSharp.Parquet.Encodings;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Reading;

/// <summary>Chooses the physical decoder and the conversion for a leaf column and its Spark type.</summary>
internal static class LeafDecoders
{
    public static LeafDecoder Create(ColumnDescriptor column, DataType target)
    {
        var conversion = ResolveConversion(column, target);
        return column.PhysicalType switch
        {
            PhysicalType.Boolean => new FixedLeafDecoder<bool>(target, column.PhysicalType, conversion),
            PhysicalType.Int32 => new FixedLeafDecoder<int>(target, column.PhysicalType, conversion),
            PhysicalType.Int64 => new FixedLeafDecoder<long>(target, column.PhysicalType, conversion),
            PhysicalType.Int96 => new FixedLeafDecoder<Int96>(target, column.PhysicalType, conversion),
            PhysicalType.Float => new FixedLeafDecoder<float>(target, column.PhysicalType, conversion),
            PhysicalType.Double => new FixedLeafDecoder<double>(target, column.PhysicalType, conversion),
            PhysicalType.ByteArray or PhysicalType.FixedLenByteArray =>
                new ByteArrayLeafDecoder(target, column.PhysicalType, column.TypeLength, conversion),
            _ => throw new ParquetFormatException($"column '{column.DottedPath}' has unknown physical type {(int)column.PhysicalType}"),
        };
    }

    public static ValueConversion ResolveConversion(ColumnDescriptor column, DataType target)
    {
        var physical = column.PhysicalType;
        var node = column.Node;
        var unsigned = IsUnsigned(node);
        var ok = target switch
        {
            BooleanType when physical == PhysicalType.Boolean => ValueConversion.Identity,
            ByteType when physical == PhysicalType.Int32 => ValueConversion.Int32ToInt8,
            ShortType when physical == PhysicalType.Int32 => ValueConversion.Int32ToInt16,
            IntegerType when physical == PhysicalType.Int32 => ValueConversion.Identity,
            LongType when physical == PhysicalType.Int64 => ValueConversion.Identity,
            LongType when physical == PhysicalType.Int32 => unsigned ? ValueConversion.UInt32ToInt64
                : IsTimeMillis(node) ? ValueConversion.Int32MillisToMicros : ValueConversion.Int32ToInt64,
            DateType when physical == PhysicalType.Int32 => ValueConversion.Identity,
            TimestampType or TimestampNtzType when physical == PhysicalType.Int96 => ValueConversion.Int96ToMicros,
            TimestampType or TimestampNtzType when physical == PhysicalType.Int64 => TimestampUnit(node) switch
            {
                TimeUnitKind.Millis => ValueConversion.Int64MillisToMicros,
                TimeUnitKind.Nanos => ValueConversion.Int64NanosToMicros,
                _ => ValueConversion.Identity,
            },
            DecimalType { IsLong: true } when physical == PhysicalType.Int32 => ValueConversion.Int32ToInt64,
            DecimalType { IsLong: true } when physical == PhysicalType.Int64 => ValueConversion.Identity,
            DecimalType { IsLong: true } when physical is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => ValueConversion.BytesToDecimal64,
            DecimalType { IsLong: false } when physical == PhysicalType.Int32 => ValueConversion.Int32ToInt128,
            DecimalType { IsLong: false } when physical == PhysicalType.Int64 => unsigned ? ValueConversion.UInt64ToInt128 : ValueConversion.Int64ToInt128,
            DecimalType { IsLong: false } when physical is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => ValueConversion.BytesToDecimal128,
            FloatType when physical == PhysicalType.Float => ValueConversion.Identity,
            FloatType when physical == PhysicalType.FixedLenByteArray => ValueConversion.Float16ToFloat,
            DoubleType when physical == PhysicalType.Double => ValueConversion.Identity,
            StringType when physical == PhysicalType.FixedLenByteArray && node.LogicalType?.Kind == LogicalTypeKind.Uuid => ValueConversion.UuidToString,
            StringType or BinaryType when physical is PhysicalType.ByteArray or PhysicalType.FixedLenByteArray => ValueConversion.Identity,
            _ => (ValueConversion?)null,
        };
        return ok ?? throw new ParquetFormatException(
            $"column '{column.DottedPath}' of physical type {physical} cannot be read as {target.SimpleString}");
    }

    internal enum TimeUnitKind { Millis, Micros, Nanos }

    internal static TimeUnitKind TimestampUnit(SchemaNode node)
    {
        if (node.LogicalType?.Timestamp is { } ts) return UnitOf(ts.Unit);
        if (node.LogicalType?.Time is { } t) return UnitOf(t.Unit);
        return node.ConvertedType switch
        {
            ConvertedType.TimestampMillis or ConvertedType.TimeMillis => TimeUnitKind.Millis,
            _ => TimeUnitKind.Micros,
        };
    }

    private static TimeUnitKind UnitOf(TimeUnit unit) => unit switch
    {
        TimeUnit.Millis => TimeUnitKind.Millis,
        TimeUnit.Nanos => TimeUnitKind.Nanos,
        _ => TimeUnitKind.Micros,
    };

    private static bool IsTimeMillis(SchemaNode node) =>
        node.ConvertedType == ConvertedType.TimeMillis || (node.LogicalType?.Time is { } t && UnitOf(t.Unit) == TimeUnitKind.Millis);

    internal static bool IsUnsigned(SchemaNode node) =>
        node.LogicalType?.Integer is { IsSigned: false }
        || node.ConvertedType is ConvertedType.Uint8 or ConvertedType.Uint16 or ConvertedType.Uint32 or ConvertedType.Uint64;
}
