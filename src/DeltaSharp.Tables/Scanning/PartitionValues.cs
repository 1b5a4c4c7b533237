using System.Globalization;
using System.Text;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Typed partition values from the raw strings of add.partitionValues (PROTOCOL.md "Partition Value Serialization"),
/// boxed as <see cref="ValueConverter"/> does: null and "" are null for every type; numbers in invariant notation;
/// dates yyyy-MM-dd; timestamps "yyyy-MM-dd HH:mm:ss[.ffffff]" (zone-less: read as UTC, as delta-rs and
/// delta-kernel-rs do) or ISO-8601 with a zone; timestamp_ntz zone-less wall clock; binary as the UTF-8 bytes of the
/// string. Thread-safe.
/// </summary>
public static class PartitionValues
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd",
    ];

    /// <summary>Parses one raw partition value of a column of <paramref name="type"/>. Throws DeltaException
    /// DELTA_FAILED_CAST_PARTITION_VALUE naming the value, column and type when it cannot be read.</summary>
    public static object? Parse(string? raw, DataType type, string column)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (string.IsNullOrEmpty(raw)) return null;
        return TryParse(raw, type, out var value)
            ? value
            : throw new DeltaException("DELTA_FAILED_CAST_PARTITION_VALUE",
                $"Failed to cast partition value '{raw}' of column '{column}' to {type.DeltaName}; the log holds a value that is not a valid {type.DeltaName}.");
    }

    /// <summary>Parses a non-empty raw value; false when the text is not a valid value of <paramref name="type"/>.</summary>
    public static bool TryParse(string raw, DataType type, out object? value)
    {
        ArgumentNullException.ThrowIfNull(raw);
        value = null;
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case StringType:
                value = raw;
                return true;
            case BinaryType:
                value = Encoding.UTF8.GetBytes(raw);
                return true;
            case BooleanType:
                if (raw.Equals("true", StringComparison.OrdinalIgnoreCase)) value = true;
                else if (raw.Equals("false", StringComparison.OrdinalIgnoreCase)) value = false;
                return value is not null;
            case ByteType:
                if (sbyte.TryParse(raw, NumberStyles.AllowLeadingSign, inv, out var i8)) value = i8;
                return value is not null;
            case ShortType:
                if (short.TryParse(raw, NumberStyles.AllowLeadingSign, inv, out var i16)) value = i16;
                return value is not null;
            case IntegerType:
                if (int.TryParse(raw, NumberStyles.AllowLeadingSign, inv, out var i32)) value = i32;
                return value is not null;
            case LongType:
                if (long.TryParse(raw, NumberStyles.AllowLeadingSign, inv, out var i64)) value = i64;
                return value is not null;
            case FloatType:
                if (float.TryParse(raw, NumberStyles.Float, inv, out var f)) value = f;
                return value is not null;
            case DoubleType:
                if (double.TryParse(raw, NumberStyles.Float, inv, out var d)) value = d;
                return value is not null;
            case DecimalType dec:
                if (DecimalValue.TryParse(raw, dec.Scale, out var dv) && FitsPrecision(dv, dec.Precision)) value = dv;
                return value is not null;
            case DateType:
                if (TryParseDate(raw, out var date)) value = date;
                return value is not null;
            case TimestampType:
                if (TryParseTimestamp(raw, utc: true, out var ts)) value = ts;
                return value is not null;
            case TimestampNtzType:
                if (TryParseTimestamp(raw, utc: false, out var ntz)) value = ntz;
                return value is not null;
            default:
                return false;
        }
    }

    internal static bool TryParseDate(string raw, out DateOnly date) =>
        DateOnly.TryParseExact(raw.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        || DateOnly.TryParseExact(raw.Trim(), "yyyy-M-d", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>A timestamp in any of Delta's text forms. <paramref name="utc"/>: the result is UTC (zone-less text read
    /// as UTC, zoned text converted); otherwise the wall-clock value with Kind Unspecified.</summary>
    internal static bool TryParseTimestamp(string raw, bool utc, out DateTime value)
    {
        var styles = utc ? DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal : DateTimeStyles.None;
        if (!DateTime.TryParseExact(raw.Trim(), TimestampFormats, CultureInfo.InvariantCulture, styles, out value)) return false;
        value = utc
            ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
            : DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Unspecified);
        return true;
    }

    private static bool FitsPrecision(DecimalValue value, int precision) =>
        Int128.Abs(value.Unscaled) < DecimalValue.PowerOfTen(precision);
}
