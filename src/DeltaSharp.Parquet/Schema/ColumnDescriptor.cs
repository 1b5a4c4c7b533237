using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Schema;

/// <summary>
/// One leaf column of a Parquet schema: its position among the column chunks of a row group, its path, levels,
/// and the Spark type of one of its values with the conversion from the physical type. Immutable.
/// </summary>
public sealed class ColumnDescriptor
{
    internal ColumnDescriptor(int index, SchemaNode node, DataType dataType, LeafConversion conversion)
    {
        Index = index;
        Node = node;
        Path = [.. node.Path];
        PhysicalType = node.PhysicalType!.Value;
        TypeLength = node.TypeLength;
        MaxDefinitionLevel = node.MaxDefinitionLevel;
        MaxRepetitionLevel = node.MaxRepetitionLevel;
        DataType = dataType;
        Conversion = conversion;
    }

    /// <summary>Position in leaf (file) order; the index of this column's chunk in <see cref="RowGroup.Columns"/>.</summary>
    public int Index { get; }

    /// <summary>Names from the top-level field down to the leaf, as in <see cref="ColumnMetaData.PathInSchema"/>.</summary>
    public string[] Path { get; }

    /// <summary>The path joined with '.'.</summary>
    public string DottedPath => string.Join('.', Path);

    public SchemaNode Node { get; }

    public PhysicalType PhysicalType { get; }

    /// <summary>Byte width of FIXED_LEN_BYTE_ARRAY values; 0 for other types.</summary>
    public int TypeLength { get; }

    public int MaxDefinitionLevel { get; }

    public int MaxRepetitionLevel { get; }

    /// <summary>The Spark type of one value of this leaf (never a struct, array or map).</summary>
    public DataType DataType { get; }

    public LeafConversion Conversion { get; }

    public override string ToString() => $"{DottedPath}: {PhysicalType} -> {DataType.SimpleString} (D={MaxDefinitionLevel}, R={MaxRepetitionLevel})";
}
