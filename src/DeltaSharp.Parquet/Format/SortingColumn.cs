using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>parquet.thrift <c>SortingColumn</c>: sort order of one leaf column within a row group. Mutable, not thread-safe.</summary>
public sealed class SortingColumn : IThriftStruct<SortingColumn>
{
    /// <summary>1: required i32 column_idx — ordinal of the leaf column in the row group.</summary>
    public int ColumnIdx { get; set; }

    /// <summary>2: required bool descending.</summary>
    public bool Descending { get; set; }

    /// <summary>3: required bool nulls_first.</summary>
    public bool NullsFirst { get; set; }

    internal static SortingColumn Read(ref ThriftCompactReader reader)
    {
        var result = new SortingColumn();
        var seen = 0;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            switch (id)
            {
                case 1:
                    reader.ExpectType(type, ThriftType.I32);
                    result.ColumnIdx = reader.ReadI32();
                    seen |= 1;
                    break;
                case 2:
                    reader.ExpectType(type, ThriftType.Bool);
                    result.Descending = reader.ReadBool();
                    seen |= 2;
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.Bool);
                    result.NullsFirst = reader.ReadBool();
                    seen |= 4;
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        if ((seen & 1) == 0) ThriftThrow.MissingField(nameof(SortingColumn), "column_idx");
        if ((seen & 2) == 0) ThriftThrow.MissingField(nameof(SortingColumn), "descending");
        if ((seen & 4) == 0) ThriftThrow.MissingField(nameof(SortingColumn), "nulls_first");
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        writer.WriteI32Field(1, ColumnIdx);
        writer.WriteBoolField(2, Descending);
        writer.WriteBoolField(3, NullsFirst);
        writer.EndStruct(saved);
    }

    static SortingColumn IThriftStruct<SortingColumn>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<SortingColumn>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
