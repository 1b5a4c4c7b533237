namespace DeltaSharp.Parquet.Schema;

/// <summary>
/// How a leaf column's physical Parquet values become the storage of its Spark type
/// (<see cref="DeltaSharp.Types.PhysicalKind"/>). The schema layer decides it once per column so the decoders
/// never re-derive it from annotations.
/// </summary>
public enum LeafConversion
{
    /// <summary>The physical value is already the storage: BOOLEAN→bool, INT32→int (integer, date, uint16),
    /// INT64→long (long, decimal p≤18, timestamp/time in microseconds), FLOAT, DOUBLE, byte arrays→binary/string.</summary>
    None,

    /// <summary>INT32 annotated INT(8, signed) → sbyte.</summary>
    Int32ToByte,

    /// <summary>INT32 annotated INT(16, signed) or INT(8, unsigned) → short.</summary>
    Int32ToShort,

    /// <summary>INT32 annotated INT(32, unsigned) → long, zero-extended.</summary>
    UInt32ToLong,

    /// <summary>INT64 annotated INT(64, unsigned) → decimal(20,0) as an unsigned Int128.</summary>
    UInt64ToDecimal,

    /// <summary>INT32 annotated DECIMAL → the long unscaled value (sign-extended).</summary>
    DecimalFromInt32,

    /// <summary>BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY annotated DECIMAL: big-endian two's complement → long (p ≤ 18) or Int128.</summary>
    DecimalFromBytes,

    /// <summary>INT64 TIMESTAMP(MILLIS) → microseconds (× 1000).</summary>
    TimestampMillisToMicros,

    /// <summary>INT64 TIMESTAMP(NANOS) → microseconds (floor division by 1000).</summary>
    TimestampNanosToMicros,

    /// <summary>INT96 (nanoseconds of day, Julian day; legacy Impala/Spark timestamps) → microseconds since the epoch.</summary>
    Int96ToTimestampMicros,

    /// <summary>INT32 TIME(MILLIS) → long microseconds of the day (× 1000).</summary>
    TimeMillisToMicros,

    /// <summary>INT64 TIME(NANOS) → long microseconds of the day (÷ 1000).</summary>
    TimeNanosToMicros,

    /// <summary>FIXED_LEN_BYTE_ARRAY(2) FLOAT16 → float.</summary>
    Float16ToFloat,

    /// <summary>FIXED_LEN_BYTE_ARRAY(16) UUID → its 36-character lowercase text as a string.</summary>
    UuidToString,
}
