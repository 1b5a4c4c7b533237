using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>ColumnMetaData</c>: where a column chunk's pages are and how they are encoded. Mutable, not thread-safe.</summary>
public sealed class ColumnMetaData : IThriftStruct<ColumnMetaData>
{
    /// <summary>1: required Type type.</summary>
    public PhysicalType Type { get; set; }

    /// <summary>2: required list&lt;Encoding&gt; encodings. Values unknown to <see cref="Format.Encoding"/> are kept as numbers.</summary>
    public List<Encoding> Encodings { get; set; } = [];

    /// <summary>3: required list&lt;string&gt; path_in_schema.</summary>
    public List<string> PathInSchema { get; set; } = [];

    /// <summary>4: required CompressionCodec codec.</summary>
    public CompressionCodec Codec { get; set; }

    /// <summary>5: required i64 num_values (including nulls).</summary>
    public long NumValues { get; set; }

    /// <summary>6: required i64 total_uncompressed_size (including page headers).</summary>
    public long TotalUncompressedSize { get; set; }

    /// <summary>7: required i64 total_compressed_size (including page headers).</summary>
    public long TotalCompressedSize { get; set; }

    /// <summary>8: optional list&lt;KeyValue&gt; key_value_metadata.</summary>
    public List<KeyValue>? KeyValueMetadata { get; set; }

    /// <summary>9: required i64 data_page_offset.</summary>
    public long DataPageOffset { get; set; }

    /// <summary>10: optional i64 index_page_offset.</summary>
    public long? IndexPageOffset { get; set; }

    /// <summary>11: optional i64 dictionary_page_offset.</summary>
    public long? DictionaryPageOffset { get; set; }

    /// <summary>12: optional Statistics statistics.</summary>
    public Statistics? Statistics { get; set; }

    /// <summary>13: optional list&lt;PageEncodingStats&gt; encoding_stats.</summary>
    public List<PageEncodingStats>? EncodingStats { get; set; }

    /// <summary>14: optional i64 bloom_filter_offset.</summary>
    public long? BloomFilterOffset { get; set; }

    /// <summary>15: optional i32 bloom_filter_length.</summary>
    public int? BloomFilterLength { get; set; }

    private const int Required = 1 << 1 | 1 << 2 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 6 | 1 << 7 | 1 << 9;

    internal static ColumnMetaData Read(ref ThriftCompactReader reader)
    {
        var result = new ColumnMetaData();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Type = (PhysicalType)reader.ReadI32();
                    break;
                case 2:
                    var raw = ThriftCollections.ReadI32List(ref reader, type);
                    var encodings = new List<Encoding>(raw.Count);
                    foreach (var e in raw) encodings.Add((Encoding)e);
                    result.Encodings = encodings;
                    break;
                case 3:
                    result.PathInSchema = ThriftCollections.ReadStringList(ref reader, type);
                    break;
                case 4:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Codec = (CompressionCodec)reader.ReadI32();
                    break;
                case 5:
                    reader.ExpectType(type, ThriftType.I64);
                    result.NumValues = reader.ReadI64();
                    break;
                case 6:
                    reader.ExpectType(type, ThriftType.I64);
                    result.TotalUncompressedSize = reader.ReadI64();
                    break;
                case 7:
                    reader.ExpectType(type, ThriftType.I64);
                    result.TotalCompressedSize = reader.ReadI64();
                    break;
                case 8:
                    result.KeyValueMetadata = ThriftCollections.ReadStructList<KeyValue>(ref reader, type);
                    break;
                case 9:
                    reader.ExpectType(type, ThriftType.I64);
                    result.DataPageOffset = reader.ReadI64();
                    break;
                case 10:
                    reader.ExpectType(type, ThriftType.I64);
                    result.IndexPageOffset = reader.ReadI64();
                    break;
                case 11:
                    reader.ExpectType(type, ThriftType.I64);
                    result.DictionaryPageOffset = reader.ReadI64();
                    break;
                case 12:
                    reader.ExpectType(type, ThriftType.Struct);
                    result.Statistics = Statistics.Read(ref reader);
                    break;
                case 13:
                    result.EncodingStats = ThriftCollections.ReadStructList<PageEncodingStats>(ref reader, type);
                    break;
                case 14:
                    reader.ExpectType(type, ThriftType.I64);
                    result.BloomFilterOffset = reader.ReadI64();
                    break;
                case 15:
                    reader.ExpectType(type, ThriftType.I32);
                    result.BloomFilterLength = reader.ReadI32();
                    break;
                default:
                    // 16 size_statistics, 17 geospatial_statistics and anything newer.
                    reader.Skip(type);
                    break;
            }
            if (id is > 0 and < 32) seen |= 1 << id;
        }
        reader.EndStruct(saved);
        if ((seen & Required) != Required) ThriftThrow.MissingField(nameof(ColumnMetaData), MissingName(seen));
        return result;
    }

    private static string MissingName(int seen) =>
        (seen & 1 << 1) == 0 ? "type"
        : (seen & 1 << 2) == 0 ? "encodings"
        : (seen & 1 << 3) == 0 ? "path_in_schema"
        : (seen & 1 << 4) == 0 ? "codec"
        : (seen & 1 << 5) == 0 ? "num_values"
        : (seen & 1 << 6) == 0 ? "total_uncompressed_size"
        : (seen & 1 << 7) == 0 ? "total_compressed_size"
        : "data_page_offset";

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.WriteI32Field(1, (int)Type);
        writer.WriteFieldHeader(ThriftType.List, 2);
        writer.WriteListHeader(ThriftType.I32, Encodings.Count);
        foreach (var e in Encodings) writer.WriteI32((int)e);
        ThriftCollections.WriteStringList(ref writer, 3, PathInSchema);
        writer.WriteI32Field(4, (int)Codec);
        writer.WriteI64Field(5, NumValues);
        writer.WriteI64Field(6, TotalUncompressedSize);
        writer.WriteI64Field(7, TotalCompressedSize);
        if (KeyValueMetadata is not null) ThriftCollections.WriteStructList(ref writer, 8, KeyValueMetadata);
        writer.WriteI64Field(9, DataPageOffset);
        if (IndexPageOffset is { } index) writer.WriteI64Field(10, index);
        if (DictionaryPageOffset is { } dict) writer.WriteI64Field(11, dict);
        if (Statistics is not null)
        {
            writer.WriteFieldHeader(ThriftType.Struct, 12);
            Statistics.Write(ref writer);
        }
        if (EncodingStats is not null) ThriftCollections.WriteStructList(ref writer, 13, EncodingStats);
        if (BloomFilterOffset is { } bloomOffset) writer.WriteI64Field(14, bloomOffset);
        if (BloomFilterLength is { } bloomLength) writer.WriteI32Field(15, bloomLength);
        writer.EndStruct(saved);
    }

    static ColumnMetaData IThriftStruct<ColumnMetaData>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<ColumnMetaData>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
