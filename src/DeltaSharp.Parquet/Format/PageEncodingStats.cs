using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>PageEncodingStats</c>: how many pages of a type used an encoding. Mutable, not thread-safe.</summary>
public sealed class PageEncodingStats : IThriftStruct<PageEncodingStats>
{
    /// <summary>1: required PageType page_type.</summary>
    public PageType PageType { get; set; }

    /// <summary>2: required Encoding encoding.</summary>
    public Encoding Encoding { get; set; }

    /// <summary>3: required i32 count.</summary>
    public int Count { get; set; }

    internal static PageEncodingStats Read(ref ThriftCompactReader reader)
    {
        var result = new PageEncodingStats();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.I32);
                    result.PageType = (PageType)reader.ReadI32();
                    seen |= 1;
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Encoding = (Encoding)reader.ReadI32();
                    seen |= 2;
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Count = reader.ReadI32();
                    seen |= 4;
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        if ((seen & 1) == 0) ThriftThrow.MissingField(nameof(PageEncodingStats), "page_type");
        if ((seen & 2) == 0) ThriftThrow.MissingField(nameof(PageEncodingStats), "encoding");
        if ((seen & 4) == 0) ThriftThrow.MissingField(nameof(PageEncodingStats), "count");
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.WriteI32Field(1, (int)PageType);
        writer.WriteI32Field(2, (int)Encoding);
        writer.WriteI32Field(3, Count);
        writer.EndStruct(saved);
    }

    static PageEncodingStats IThriftStruct<PageEncodingStats>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<PageEncodingStats>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
