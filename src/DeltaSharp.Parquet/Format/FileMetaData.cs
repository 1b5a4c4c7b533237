using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>FileMetaData</c>: the footer of a Parquet file. Mutable, not thread-safe.</summary>
public sealed class FileMetaData : IThriftStruct<FileMetaData>
{
    /// <summary>1: required i32 version (writers use 1; readers accept 1 and 2).</summary>
    public int Version { get; set; } = 1;

    /// <summary>2: required list&lt;SchemaElement&gt; schema — the tree flattened depth-first, root first.</summary>
    public List<SchemaElement> Schema { get; set; } = [];

    /// <summary>3: required i64 num_rows.</summary>
    public long NumRows { get; set; }

    /// <summary>4: required list&lt;RowGroup&gt; row_groups.</summary>
    public List<RowGroup> RowGroups { get; set; } = [];

    /// <summary>5: optional list&lt;KeyValue&gt; key_value_metadata.</summary>
    public List<KeyValue>? KeyValueMetadata { get; set; }

    /// <summary>6: optional string created_by.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>7: optional list&lt;ColumnOrder&gt; column_orders — one per leaf, in leaf order.</summary>
    public List<ColumnOrder>? ColumnOrders { get; set; }

    internal static FileMetaData Read(ref ThriftCompactReader reader)
    {
        var result = new FileMetaData();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Version = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2:
                    result.Schema = ThriftCollections.ReadStructList<SchemaElement>(ref reader, type);
                    seen |= 2;
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.I64);
                    result.NumRows = reader.ReadI64();
                    seen |= 4;
                    break;
                case 4:
                    result.RowGroups = ThriftCollections.ReadStructList<RowGroup>(ref reader, type);
                    seen |= 8;
                    break;
                case 5:
                    result.KeyValueMetadata = ThriftCollections.ReadStructList<KeyValue>(ref reader, type);
                    break;
                case 6:
                    reader.ExpectType(type, ThriftType.Binary);
                    result.CreatedBy = reader.ReadString();
                    break;
                case 7:
                    result.ColumnOrders = ThriftCollections.ReadStructList<ColumnOrder>(ref reader, type);
                    break;
                case 8: // encryption_algorithm: an encrypted file with a plaintext footer
                case 9: // footer_signing_key_metadata
                    ThriftThrow.Encrypted();
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        if ((seen & 1) == 0) ThriftThrow.MissingField(nameof(FileMetaData), "version");
        if ((seen & 2) == 0) ThriftThrow.MissingField(nameof(FileMetaData), "schema");
        if ((seen & 4) == 0) ThriftThrow.MissingField(nameof(FileMetaData), "num_rows");
        if ((seen & 8) == 0) ThriftThrow.MissingField(nameof(FileMetaData), "row_groups");
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.WriteI32Field(1, Version);
        ThriftCollections.WriteStructList(ref writer, 2, Schema);
        writer.WriteI64Field(3, NumRows);
        ThriftCollections.WriteStructList(ref writer, 4, RowGroups);
        if (KeyValueMetadata is not null) ThriftCollections.WriteStructList(ref writer, 5, KeyValueMetadata);
        if (CreatedBy is not null) writer.WriteStringField(6, CreatedBy);
        if (ColumnOrders is not null) ThriftCollections.WriteStructList(ref writer, 7, ColumnOrders);
        writer.EndStruct(saved);
    }

    static FileMetaData IThriftStruct<FileMetaData>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<FileMetaData>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
