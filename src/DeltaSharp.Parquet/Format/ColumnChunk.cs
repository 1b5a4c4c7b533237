using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>ColumnChunk</c>: one leaf column of one row group. Mutable, not thread-safe.</summary>
public sealed class ColumnChunk : IThriftStruct<ColumnChunk>
{
    /// <summary>1: optional string file_path (only summary files use it).</summary>
    public string? FilePath { get; set; }

    /// <summary>2: required i64 file_offset = 0 (deprecated; a missing value reads as the default 0).</summary>
    public long FileOffset { get; set; }

    /// <summary>3: optional ColumnMetaData meta_data (writers must set it).</summary>
    public ColumnMetaData? MetaData { get; set; }

    /// <summary>4: optional i64 offset_index_offset.</summary>
    public long? OffsetIndexOffset { get; set; }

    /// <summary>5: optional i32 offset_index_length.</summary>
    public int? OffsetIndexLength { get; set; }

    /// <summary>6: optional i64 column_index_offset.</summary>
    public long? ColumnIndexOffset { get; set; }

    /// <summary>7: optional i32 column_index_length.</summary>
    public int? ColumnIndexLength { get; set; }

    internal static ColumnChunk Read(ref ThriftCompactReader reader)
    {
        var result = new ColumnChunk();
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.Binary);
                    result.FilePath = reader.ReadString();
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.I64);
                    result.FileOffset = reader.ReadI64();
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.Struct);
                    result.MetaData = ColumnMetaData.Read(ref reader);
                    break;
                case 4:
                    reader.ExpectType(type, ThriftType.I64);
                    result.OffsetIndexOffset = reader.ReadI64();
                    break;
                case 5:
                    reader.ExpectType(type, ThriftType.I32);
                    result.OffsetIndexLength = reader.ReadI32();
                    break;
                case 6:
                    reader.ExpectType(type, ThriftType.I64);
                    result.ColumnIndexOffset = reader.ReadI64();
                    break;
                case 7:
                    reader.ExpectType(type, ThriftType.I32);
                    result.ColumnIndexLength = reader.ReadI32();
                    break;
                case 8: // crypto_metadata
                case 9: // encrypted_column_metadata
                    ThriftThrow.Encrypted();
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
        if (FilePath is not null) writer.WriteStringField(1, FilePath);
        writer.WriteI64Field(2, FileOffset);
        if (MetaData is not null)
        {
            writer.WriteFieldHeader(ThriftType.Struct, 3);
            MetaData.Write(ref writer);
        }
        if (OffsetIndexOffset is { } oio) writer.WriteI64Field(4, oio);
        if (OffsetIndexLength is { } oil) writer.WriteI32Field(5, oil);
        if (ColumnIndexOffset is { } cio) writer.WriteI64Field(6, cio);
        if (ColumnIndexLength is { } cil) writer.WriteI32Field(7, cil);
        writer.EndStruct(saved);
    }

    static ColumnChunk IThriftStruct<ColumnChunk>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<ColumnChunk>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
