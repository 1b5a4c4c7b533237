using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

#pragma warning disable CA1008, CA1028 // values follow parquet.thrift union field ids

/// <summary>The member of the parquet.thrift <c>ColumnOrder</c> union; values are the union's field ids.</summary>
public enum ColumnOrderKind
{
    /// <summary>A member unknown to this library: min/max statistics of the column must be ignored.</summary>
    Unrecognized = -1,
    TypeDefinedOrder = 1,
    Ieee754TotalOrder = 2,
    Int96TimestampOrder = 3,
}

#pragma warning restore CA1008, CA1028

/// <summary>parquet.thrift <c>ColumnOrder</c>: the order used for min_value/max_value of one leaf column. Mutable, not thread-safe.</summary>
public sealed class ColumnOrder : IThriftStruct<ColumnOrder>
{
    public ColumnOrder() { }

    public ColumnOrder(ColumnOrderKind kind) => Kind = kind;

    public ColumnOrderKind Kind { get; set; } = ColumnOrderKind.TypeDefinedOrder;

    /// <summary>The union field id of an unrecognised member (written back as an empty struct).</summary>
    public int FieldId { get; set; } = 1;

    /// <summary>True when statistics follow the order of the column's logical or physical type.</summary>
    public bool IsTypeDefinedOrder => Kind == ColumnOrderKind.TypeDefinedOrder;

    internal static ColumnOrder Read(ref ThriftCompactReader reader)
    {
        ColumnOrder? result = null;
        var saved = reader.BeginStruct();
        while (reader.ReadFieldHeader(out var type, out var id))
        {
            if (result is not null) ThriftThrow.Corrupt("ColumnOrder union has more than one member", reader.Position);
            if (id is >= 1 and <= 3)
            {
                ThriftCollections.ReadEmptyStruct(ref reader, type);
                result = new ColumnOrder((ColumnOrderKind)id) { FieldId = id };
            }
            else
            {
                reader.Skip(type);
                result = new ColumnOrder(ColumnOrderKind.Unrecognized) { FieldId = id };
            }
        }
        reader.EndStruct(saved);
        if (result is null) ThriftThrow.Corrupt("ColumnOrder union has no member", reader.Position);
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        var id = Kind == ColumnOrderKind.Unrecognized ? FieldId : (int)Kind;
        ThriftCollections.WriteEmptyStructField(ref writer, checked((short)id));
        writer.EndStruct(saved);
    }

    static ColumnOrder IThriftStruct<ColumnOrder>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<ColumnOrder>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
