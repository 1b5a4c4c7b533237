using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>
/// parquet.thrift <c>Statistics</c> of a column chunk or page. Values are PLAIN-encoded without the length
/// prefix of BYTE_ARRAY. <see cref="Min"/>/<see cref="Max"/> are the deprecated signed-order fields; prefer
/// <see cref="MinValue"/>/<see cref="MaxValue"/>, whose order is given by the file's column orders. Mutable, not thread-safe.
/// </summary>
public sealed class Statistics : IThriftStruct<Statistics>
{
    /// <summary>1: optional binary max (deprecated).</summary>
    public byte[]? Max { get; set; }

    /// <summary>2: optional binary min (deprecated).</summary>
    public byte[]? Min { get; set; }

    /// <summary>3: optional i64 null_count. Absent is not zero.</summary>
    public long? NullCount { get; set; }

    /// <summary>4: optional i64 distinct_count.</summary>
    public long? DistinctCount { get; set; }

    /// <summary>5: optional binary max_value.</summary>
    public byte[]? MaxValue { get; set; }

    /// <summary>6: optional binary min_value.</summary>
    public byte[]? MinValue { get; set; }

    /// <summary>7: optional bool is_max_value_exact.</summary>
    public bool? IsMaxValueExact { get; set; }

    /// <summary>8: optional bool is_min_value_exact.</summary>
    public bool? IsMinValueExact { get; set; }

    /// <summary>9: optional i64 nan_count (FLOAT/DOUBLE/FLOAT16 only).</summary>
    public long? NanCount { get; set; }

    internal static Statistics Read(ref ThriftCompactReader reader)
    {
        var result = new Statistics();
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.Binary);
                    result.Max = reader.ReadBinaryArray();
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.Binary);
                    result.Min = reader.ReadBinaryArray();
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.I64);
                    result.NullCount = reader.ReadI64();
                    break;
                case 4:
                    reader.ExpectType(type, ThriftType.I64);
                    result.DistinctCount = reader.ReadI64();
                    break;
                case 5:
                    reader.ExpectType(type, ThriftType.Binary);
                    result.MaxValue = reader.ReadBinaryArray();
                    break;
                case 6:
                    reader.ExpectType(type, ThriftType.Binary);
                    result.MinValue = reader.ReadBinaryArray();
                    break;
                case 7:
                    reader.ExpectType(type, ThriftType.Bool);
                    result.IsMaxValueExact = reader.ReadBool();
                    break;
                case 8:
                    reader.ExpectType(type, ThriftType.Bool);
                    result.IsMinValueExact = reader.ReadBool();
                    break;
                case 9:
                    reader.ExpectType(type, ThriftType.I64);
                    result.NanCount = reader.ReadI64();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        if (Max is not null) writer.WriteBinaryField(1, Max);
        if (Min is not null) writer.WriteBinaryField(2, Min);
        if (NullCount is { } nullCount) writer.WriteI64Field(3, nullCount);
        if (DistinctCount is { } distinct) writer.WriteI64Field(4, distinct);
        if (MaxValue is not null) writer.WriteBinaryField(5, MaxValue);
        if (MinValue is not null) writer.WriteBinaryField(6, MinValue);
        if (IsMaxValueExact is { } maxExact) writer.WriteBoolField(7, maxExact);
        if (IsMinValueExact is { } minExact) writer.WriteBoolField(8, minExact);
        if (NanCount is { } nanCount) writer.WriteI64Field(9, nanCount);
        writer.EndStruct(saved);
    }

    static Statistics IThriftStruct<Statistics>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<Statistics>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
