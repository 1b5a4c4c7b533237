using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>RowGroup</c>: one column chunk per leaf, in schema order. Mutable, not thread-safe.</summary>
public sealed class RowGroup : IThriftStruct<RowGroup>
{
    /// <summary>1: required list&lt;ColumnChunk&gt; columns.</summary>
    public List<ColumnChunk> Columns { get; set; } = [];

    /// <summary>2: required i64 total_byte_size (uncompressed).</summary>
    public long TotalByteSize { get; set; }

    /// <summary>3: required i64 num_rows.</summary>
    public long NumRows { get; set; }

    /// <summary>4: optional list&lt;SortingColumn&gt; sorting_columns.</summary>
    public List<SortingColumn>? SortingColumns { get; set; }

    /// <summary>5: optional i64 file_offset of the first page.</summary>
    public long? FileOffset { get; set; }

    /// <summary>6: optional i64 total_compressed_size.</summary>
    public long? TotalCompressedSize { get; set; }

    /// <summary>7: optional i16 ordinal.</summary>
    public short? Ordinal { get; set; }

    internal static RowGroup Read(ref ThriftCompactReader reader)
    {
        var result = new RowGroup();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    result.Columns = ThriftCollections.ReadStructList<ColumnChunk>(ref reader, type);
                    seen |= 1;
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.I64);
                    result.TotalByteSize = reader.ReadI64();
                    seen |= 2;
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.I64);
                    result.NumRows = reader.ReadI64();
                    seen |= 4;
                    break;
                case 4:
                    result.SortingColumns = ThriftCollections.ReadStructList<SortingColumn>(ref reader, type);
                    break;
                case 5:
                    reader.ExpectType(type, ThriftType.I64);
                    result.FileOffset = reader.ReadI64();
                    break;
                case 6:
                    reader.ExpectType(type, ThriftType.I64);
                    result.TotalCompressedSize = reader.ReadI64();
                    break;
                case 7:
                    reader.ExpectType(type, ThriftType.I16);
                    result.Ordinal = reader.ReadI16();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        if ((seen & 1) == 0) ThriftThrow.MissingField(nameof(RowGroup), "columns");
        if ((seen & 2) == 0) ThriftThrow.MissingField(nameof(RowGroup), "total_byte_size");
        if ((seen & 4) == 0) ThriftThrow.MissingField(nameof(RowGroup), "num_rows");
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        ThriftCollections.WriteStructList(ref writer, 1, Columns);
        writer.WriteI64Field(2, TotalByteSize);
        writer.WriteI64Field(3, NumRows);
        if (SortingColumns is not null) ThriftCollections.WriteStructList(ref writer, 4, SortingColumns);
        if (FileOffset is { } fo) writer.WriteI64Field(5, fo);
        if (TotalCompressedSize is { } tcs) writer.WriteI64Field(6, tcs);
        if (Ordinal is { } ord) writer.WriteI16Field(7, ord);
        writer.EndStruct(saved);
    }

    static RowGroup IThriftStruct<RowGroup>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<RowGroup>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
