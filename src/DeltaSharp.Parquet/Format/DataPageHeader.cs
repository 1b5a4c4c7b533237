using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>DataPageHeader</c> (data page v1: levels and values share one compressed block). Mutable, not thread-safe.</summary>
public sealed class DataPageHeader : IThriftStruct<DataPageHeader>
{
    /// <summary>1: required i32 num_values, including nulls.</summary>
    public int NumValues { get; set; }

    /// <summary>2: required Encoding encoding of the values.</summary>
    public Encoding Encoding { get; set; }

    /// <summary>3: required Encoding definition_level_encoding.</summary>
    public Encoding DefinitionLevelEncoding { get; set; }

    /// <summary>4: required Encoding repetition_level_encoding.</summary>
    public Encoding RepetitionLevelEncoding { get; set; }

    /// <summary>5: optional Statistics statistics.</summary>
    public Statistics? Statistics { get; set; }

    internal static DataPageHeader Read(ref ThriftCompactReader reader)
    {
        var result = new DataPageHeader();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.I32);
                    result.NumValues = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Encoding = (Encoding)reader.ReadI32();
                    seen |= 2;
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.I32);
                    result.DefinitionLevelEncoding = (Encoding)reader.ReadI32();
                    seen |= 4;
                    break;
                case 4:
                    reader.ExpectType(type, ThriftType.I32);
                    result.RepetitionLevelEncoding = (Encoding)reader.ReadI32();
                    seen |= 8;
                    break;
                case 5:
                    reader.ExpectType(type, ThriftType.Struct);
                    result.Statistics = Statistics.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        if ((seen & 1) == 0) ThriftThrow.MissingField(nameof(DataPageHeader), "num_values");
        if ((seen & 2) == 0) ThriftThrow.MissingField(nameof(DataPageHeader), "encoding");
        if ((seen & 4) == 0) ThriftThrow.MissingField(nameof(DataPageHeader), "definition_level_encoding");
        if ((seen & 8) == 0) ThriftThrow.MissingField(nameof(DataPageHeader), "repetition_level_encoding");
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.WriteI32Field(1, NumValues);
        writer.WriteI32Field(2, (int)Encoding);
        writer.WriteI32Field(3, (int)DefinitionLevelEncoding);
        writer.WriteI32Field(4, (int)RepetitionLevelEncoding);
        if (Statistics is not null)
        {
            writer.WriteFieldHeader(ThriftType.Struct, 5);
            Statistics.Write(ref writer);
        }
        writer.EndStruct(saved);
    }

    static DataPageHeader IThriftStruct<DataPageHeader>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<DataPageHeader>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
