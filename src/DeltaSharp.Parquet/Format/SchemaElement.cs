using System.Globalization;
using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Format;

/// <summary>
/// parquet.thrift <c>SchemaElement</c>: one node of the schema tree, flattened depth-first in
/// <see cref="FileMetaData.Schema"/>. A leaf has <see cref="Type"/>; a group has <see cref="NumChildren"/>.
/// Mutable, not thread-safe.
/// </summary>
public sealed class SchemaElement : IThriftStruct<SchemaElement>
{
    /// <summary>1: optional Type type — set on leaves only.</summary>
    public PhysicalType? Type { get; set; }

    /// <summary>2: optional i32 type_length — the byte width of FIXED_LEN_BYTE_ARRAY.</summary>
    public int? TypeLength { get; set; }

    /// <summary>3: optional FieldRepetitionType repetition_type — absent only on the root.</summary>
    public FieldRepetitionType? RepetitionType { get; set; }

    /// <summary>4: required string name.</summary>
    public string Name { get; set; } = "";

    /// <summary>5: optional i32 num_children — set on groups only.</summary>
    public int? NumChildren { get; set; }

    /// <summary>6: optional ConvertedType converted_type (legacy annotation).</summary>
    public ConvertedType? ConvertedType { get; set; }

    /// <summary>7: optional i32 scale (legacy DECIMAL).</summary>
    public int? Scale { get; set; }

    /// <summary>8: optional i32 precision (legacy DECIMAL).</summary>
    public int? Precision { get; set; }

    /// <summary>9: optional i32 field_id.</summary>
    public int? FieldId { get; set; }

    /// <summary>10: optional LogicalType logicalType.</summary>
    public LogicalType? LogicalType { get; set; }

    public override string ToString()
    {
        var kind = Type is { } t ? t.ToString() : string.Create(CultureInfo.InvariantCulture, $"group[{NumChildren}]");
        return $"{RepetitionType?.ToString() ?? "root"} {kind} {Name}" +
            (LogicalType is not null ? $" ({LogicalType})" : ConvertedType is { } c ? $" ({c})" : "");
    }

    internal static SchemaElement Read(ref ThriftCompactReader reader)
    {
        var result = new SchemaElement();
        var hasName = false;
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
                    reader.ExpectType(type, ThriftType.I32);
                    result.TypeLength = reader.ReadI32();
                    break;
                case 3:
                    reader.ExpectType(type, ThriftType.I32);
                    result.RepetitionType = (FieldRepetitionType)reader.ReadI32();
                    break;
                case 4:
                    reader.ExpectType(type, ThriftType.Binary);
                    result.Name = reader.ReadString();
                    hasName = true;
                    break;
                case 5:
                    reader.ExpectType(type, ThriftType.I32);
                    result.NumChildren = reader.ReadI32();
                    break;
                case 6:
                    reader.ExpectType(type, ThriftType.I32);
                    result.ConvertedType = (ConvertedType)reader.ReadI32();
                    break;
                case 7:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Scale = reader.ReadI32();
                    break;
                case 8:
                    reader.ExpectType(type, ThriftType.I32);
                    result.Precision = reader.ReadI32();
                    break;
                case 9:
                    reader.ExpectType(type, ThriftType.I32);
                    result.FieldId = reader.ReadI32();
                    break;
                case 10:
                    reader.ExpectType(type, ThriftType.Struct);
                    result.LogicalType = LogicalType.Read(ref reader);
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }
        reader.EndStruct(saved);
        if (!hasName) ThriftThrow.MissingField(nameof(SchemaElement), "name");
        return result;
    }

    internal void Write(ref ThriftCompactWriter writer)
    {
        var saved = writer.BeginStruct();
        if (Type is { } t) writer.WriteI32Field(1, (int)t);
        if (TypeLength is { } len) writer.WriteI32Field(2, len);
        if (RepetitionType is { } rep) writer.WriteI32Field(3, (int)rep);
        writer.WriteStringField(4, Name);
        if (NumChildren is { } n) writer.WriteI32Field(5, n);
        if (ConvertedType is { } ct) writer.WriteI32Field(6, (int)ct);
        if (Scale is { } scale) writer.WriteI32Field(7, scale);
        if (Precision is { } precision) writer.WriteI32Field(8, precision);
        if (FieldId is { } fieldId) writer.WriteI32Field(9, fieldId);
        if (LogicalType is not null)
        {
            writer.WriteFieldHeader(ThriftType.Struct, 10);
            LogicalType.Write(ref writer);
        }
        writer.EndStruct(saved);
    }

    static SchemaElement IThriftStruct<SchemaElement>.Read(ref ThriftCompactReader reader) => Read(ref reader);
    void IThriftStruct<SchemaElement>.Write(ref ThriftCompactWriter writer) => Write(ref writer);
}
