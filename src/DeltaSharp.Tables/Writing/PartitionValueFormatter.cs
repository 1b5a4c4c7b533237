using System.Globalization;
using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The raw partition value strings Spark writes into <c>add.partitionValues</c> (PROTOCOL.md "Partition Value
/// Serialization"): numbers as text (floats as Java prints them), decimals in plain notation with their scale,
/// dates <c>yyyy-MM-dd</c>, timestamps as ISO-8601 UTC with microseconds (<c>2024-01-01T10:00:00.000000Z</c>),
/// timestamp_ntz as <c>yyyy-MM-dd HH:mm:ss[.ffffff]</c>, booleans <c>true</c>/<c>false</c>; null and the empty
/// string are null. Stateless.
/// </summary>
internal static class PartitionValueFormatter
{
    /// <summary>True for the types a partition column may have.</summary>
    public static bool IsSupported(DataType type) => type.IsPrimitive;

    public static string? Format(ColumnVector vector, int row)
    {
        if (vector.IsNull(row)) return null;
        var type = vector.Type;
        switch (vector)
        {
            case PrimitiveVector<bool> b: return b[row] ? "true" : "false";
            case PrimitiveVector<sbyte> i8: return i8[row].ToString(CultureInfo.InvariantCulture);
            case PrimitiveVector<short> i16: return i16[row].ToString(CultureInfo.InvariantCulture);
            case PrimitiveVector<int> i32:
                return type is DateType ? FormatDate(i32[row]) : i32[row].ToString(CultureInfo.InvariantCulture);
            case PrimitiveVector<long> i64:
                return type switch
                {
                    TimestampType => FormatTimestamp(i64[row]),
                    TimestampNtzType => FormatTimestampNtz(i64[row]),
                    DecimalType d => new DecimalValue(i64[row], d.Scale).ToString(),
                    _ => i64[row].ToString(CultureInfo.InvariantCulture),
                };
            case PrimitiveVector<Int128> i128: return new DecimalValue(i128[row], ((DecimalType)type).Scale).ToString();
            case PrimitiveVector<float> f: return DeltaSharp.Compute.JavaNumberFormat.FloatToString(f[row]);
            case PrimitiveVector<double> d64: return DeltaSharp.Compute.JavaNumberFormat.DoubleToString(d64[row]);
            case BinaryVector bin:
            {
                var text = Encoding.UTF8.GetString(bin.GetBytes(row));
                return text.Length == 0 ? null : text; // Spark stores an empty partition string as null
            }
            default:
                throw new DeltaException("DELTA_INVALID_PARTITION_COLUMN_TYPE",
                    $"Partition columns must have a primitive type; got {type.SimpleString}. Choose a primitive column to partition by.");
        }
    }

    public static string FormatDate(int days)
    {
        var d = ValueConverter.DateFromDays(days)
            ?? throw new DeltaException("DELTA_INVALID_PARTITION_VALUE", $"Date {days} days from the epoch is outside 0001-01-01..9999-12-31 and cannot be a partition value.");
        return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public static string FormatTimestamp(long micros)
    {
        var t = ValueConverter.TimestampFromMicros(micros, DateTimeKind.Utc)
            ?? throw new DeltaException("DELTA_INVALID_PARTITION_VALUE", $"Timestamp {micros} µs from the epoch is outside 0001..9999 and cannot be a partition value.");
        return t.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Spark's cast of timestamp_ntz to string: fraction digits only as needed (trailing zeros dropped).</summary>
    public static string FormatTimestampNtz(long micros)
    {
        var t = ValueConverter.TimestampFromMicros(micros, DateTimeKind.Unspecified)
            ?? throw new DeltaException("DELTA_INVALID_PARTITION_VALUE", $"Timestamp {micros} µs from the epoch is outside 0001..9999 and cannot be a partition value.");
        var text = t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture).TrimEnd('0');
        return text.EndsWith('.') ? text[..^1] : text;
    }
}
