using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>IndexPageHeader</c>: empty (index pages are unused); kept so page headers round-trip.</summary>
public sealed class IndexPageHeader : IThriftStruct<IndexPageHeader>
{
    internal static IndexPageHeader Read(ref ThriftCompactReader reader)
    {
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out _)) reader.Skip(type);
        reader.EndStruct(saved);
        return new IndexPageHeader();
    }

    internal static void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.EndStruct(saved);
    }

    static IndexPageHeader IThriftStruct<IndexPageHeader>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<IndexPageHeader>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
