using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>
/// parquet.thrift <c>PageHeader</c>, which precedes every page of a column chunk. Exactly one of the
/// <c>*Header</c> properties matching <see cref="Type"/> is expected to be set. Mutable, not thread-safe.
/// </summary>
public sealed class PageHeader : IThriftStruct<PageHeader>
{
    /// <summary>1: required PageType type.</summary>
    public PageType Type { get; set; }

    /// <summary>2: required i32 uncompressed_page_size (excluding this header).</summary>
    public int UncompressedPageSize { get; set; }

    /// <summary>3: required i32 compressed_page_size (excluding this header).</summary>
    public int CompressedPageSize { get; set; }

    /// <summary>4: optional i32 crc — CRC-32 of the page bytes as stored.</summary>
    public int? Crc { get; set; }

    /// <summary>5: optional DataPageHeader data_page_header.</summary>
    public DataPageHeader? DataPageHeader { get; set; }

    /// <summary>6: optional IndexPageHeader index_page_header.</summary>
    public IndexPageHeader? IndexPageHeader { get; set; }

    /// <summary>7: optional DictionaryPageHeader dictionary_page_header.</summary>
    public DictionaryPageHeader? DictionaryPageHeader { get; set; }

    /// <summary>8: optional DataPageHeaderV2 data_page_header_v2.</summary>
    public DataPageHeaderV2? DataPageHeaderV2 { get; set; }

    internal static PageHeader Read(ref ThriftCompactReader reader)
    {
        var result = new PageHeader();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Type = (PageType)reader.ReadI32();
                    seen |= 1;
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.I32);
                    result.UncompressedPageSize = reader.ReadI32();
                    seen |= 2;
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.I32);
                    result.CompressedPageSize = reader.ReadI32();
                    seen |= 4;
                    break;
                case 4:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Crc = reader.ReadI32();
                    break;
                case 5:
                    reader.ExpectType(type, ThriftType.Struct);
                    result.DataPageHeader = DataPageHeader.Read(ref reader);
                    break;
                case 6:
                    reader.ExpectType(type, ThriftType.Struct);
                    result.IndexPageHeader = IndexPageHeader.Read(ref reader);
                    break;
                case 7:
                    reader.ExpectType(type, ThriftType.Struct);
                    result.DictionaryPageHeader = DictionaryPageHeader.Read(ref reader);
                    break;
                case 8:
                    reader.ExpectType(type, ThriftType.Struct);
                    result.DataPageHeaderV2 = DataPageHeaderV2.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        if ((seen & 1) == 0) ThriftThrow.MissingField(nameof(PageHeader), "type");
        if ((seen & 2) == 0) ThriftThrow.MissingField(nameof(PageHeader), "uncompressed_page_size");
        if ((seen & 4) == 0) ThriftThrow.MissingField(nameof(PageHeader), "compressed_page_size");
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.WriteI32Field(1, (int)Type);
        writer.WriteI32Field(2, UncompressedPageSize);
        writer.WriteI32Field(3, CompressedPageSize);
        if (Crc is { } crc) writer.WriteI32Field(4, crc);
        if (DataPageHeader is not null)
        {
            writer.WriteFieldHeader(ThriftType.Struct, 5);
            DataPageHeader.Write(ref writer);
        }
        if (IndexPageHeader is not null)
        {
            writer.WriteFieldHeader(ThriftType.Struct, 6);
            IndexPageHeader.Write(ref writer);
        }
        if (DictionaryPageHeader is not null)
        {
            writer.WriteFieldHeader(ThriftType.Struct, 7);
            DictionaryPageHeader.Write(ref writer);
        }
        if (DataPageHeaderV2 is not null)
        {
            writer.WriteFieldHeader(ThriftType.Struct, 8);
            DataPageHeaderV2.Write(ref writer);
        }
        writer.EndStruct(saved);
    }

    static PageHeader IThriftStruct<PageHeader>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<PageHeader>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
