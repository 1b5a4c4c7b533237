using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>
/// parquet.thrift <c>DataPageHeaderV2</c>: repetition then definition levels (RLE, no length prefix, never
/// compressed) precede the values section, which is compressed when <see cref="IsCompressed"/>. Mutable, not thread-safe.
/// </summary>
public sealed class DataPageHeaderV2 : IThriftStruct<DataPageHeaderV2>
{
    /// <summary>1: required i32 num_values, including nulls.</summary>
    public int NumValues { get; set; }

    /// <summary>2: required i32 num_nulls.</summary>
    public int NumNulls { get; set; }

    /// <summary>3: required i32 num_rows.</summary>
    public int NumRows { get; set; }

    /// <summary>4: required Encoding encoding of the values.</summary>
    public Encoding Encoding { get; set; }

    /// <summary>5: required i32 definition_levels_byte_length.</summary>
    public int DefinitionLevelsByteLength { get; set; }

    /// <summary>6: required i32 repetition_levels_byte_length.</summary>
    public int RepetitionLevelsByteLength { get; set; }

    /// <summary>7: optional bool is_compressed = true.</summary>
    public bool IsCompressed { get; set; } = true;

    /// <summary>8: optional Statistics statistics.</summary>
    public Statistics? Statistics { get; set; }

    internal static DataPageHeaderV2 Read(ref ThriftCompactReader reader)
    {
        var result = new DataPageHeaderV2();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.I32);
                    result.NumValues = reader.ReadI32();
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.I32);
                    result.NumNulls = reader.ReadI32();
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.I32);
                    result.NumRows = reader.ReadI32();
                    break;
                case 4:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Encoding = (Encoding)reader.ReadI32();
                    break;
                case 5:
                    reader.ExpectType(type, ThriftType.I32);
                    result.DefinitionLevelsByteLength = reader.ReadI32();
                    break;
                case 6:
                    reader.ExpectType(type, ThriftType.I32);
                    result.RepetitionLevelsByteLength = reader.ReadI32();
                    break;
                case 7:
                    reader.ExpectType(type, ThriftType.Bool);
                    result.IsCompressed = reader.ReadBool();
                    break;
                case 8:
                    reader.ExpectType(type, ThriftType.Struct);
                    result.Statistics = Statistics.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
            if (id is >= 1 and <= 6) seen |= 1 << id;
        }
        reader.EndStruct(saved);
        if ((seen & 0b111_1110) != 0b111_1110) ThriftThrow.MissingField(nameof(DataPageHeaderV2), MissingName(seen));
        return result;
    }

    private static string MissingName(int seen) =>
        (seen & 1 << 1) == 0 ? "num_values"
        : (seen & 1 << 2) == 0 ? "num_nulls"
        : (seen & 1 << 3) == 0 ? "num_rows"
        : (seen & 1 << 4) == 0 ? "encoding"
        : (seen & 1 << 5) == 0 ? "definition_levels_byte_length"
        : "repetition_levels_byte_length";

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, NumNulls);
        writer.WriteI32Field(3, NumRows);
        writer.WriteI32Field(4, (int)Encoding);
        writer.WriteI32Field(5, DefinitionLevelsByteLength);
        writer.WriteI32Field(6, RepetitionLevelsByteLength);
        writer.WriteBoolField(7, IsCompressed);
        if (Statistics is not null)
        {
            writer.WriteFieldHeader(ThriftType.Struct, 8);
            Statistics.Write(ref writer);
        }
        writer.EndStruct(saved);
    }

    static DataPageHeaderV2 IThriftStruct<DataPageHeaderV2>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<DataPageHeaderV2>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
