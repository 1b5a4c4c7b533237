namespace DeltaSharp.Parquet.Reading;

/// <summary>How a leaf column's physical Parquet values become the storage of its Spark type.</summary>
internal enum ValueConversion
{
    /// <summary>Physical values are stored as they are (int32→int, int64→long, float, double, boolean, bytes).</summary>
    Identity,
    Int32ToInt8,
    Int32ToInt16,
    /// <summary>INT32 as signed → long (DECIMAL(p≤9) into a long-backed decimal).</summary>
    Int32ToInt64,
    /// <summary>INT32 read as unsigned (UINT_32) → long.</summary>
    UInt32ToInt64,
    /// <summary>TIME_MILLIS (int32) → microseconds.</summary>
    Int32MillisToMicros,
    Int64MillisToMicros,
    Int64NanosToMicros,
    /// <summary>INT64 as signed → Int128 (never needed by Spark types but kept for decimal widening).</summary>
    Int64ToInt128,
    /// <summary>UINT_64 → decimal(20,0).</summary>
    UInt64ToInt128,
    Int32ToInt128,
    /// <summary>Legacy INT96 (nanos of day + Julian day) → microseconds since the epoch.</summary>
    Int96ToMicros,
    /// <summary>Big-endian two's complement bytes (FIXED_LEN_BYTE_ARRAY / BYTE_ARRAY DECIMAL) → long.</summary>
    BytesToDecimal64,
    BytesToDecimal128,
    /// <summary>16-byte UUID → canonical lower-case string.</summary>
    UuidToString,
    /// <summary>IEEE half float (2 bytes, little endian) → float.</summary>
    Float16ToFloat,
}
