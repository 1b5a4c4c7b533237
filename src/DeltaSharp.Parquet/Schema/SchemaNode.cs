using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Schema;

/// <summary>
/// One node of a Parquet schema tree: a group (with <see cref="Children"/>) or a leaf (with
/// <see cref="PhysicalType"/> and <see cref="Column"/>). Annotations are normalised: <see cref="LogicalType"/> is
/// the element's logical type, or the one its legacy converted type stands for (LogicalTypes.md, "backward
/// compatibility"), and <see cref="Precision"/>/<see cref="Scale"/> come from a DECIMAL logical type when present.
/// Immutable once its <see cref="ParquetSchema"/> is built.
/// </summary>
public sealed class SchemaNode
{
    private readonly List<SchemaNode> _children = [];

    internal SchemaNode(SchemaElement element, SchemaNode? parent, FieldRepetitionType repetition, LogicalType? logicalType)
    {
        Element = element;
        Parent = parent;
        Repetition = repetition;
        LogicalType = logicalType;
        PhysicalType = element.Type;
        TypeLength = element.TypeLength ?? 0;
        ConvertedType = element.ConvertedType;
        FieldId = element.FieldId;
        if (logicalType?.Decimal is { } d)
        {
            Precision = d.Precision;
            Scale = d.Scale;
        }
        else
        {
            Precision = element.Precision;
            Scale = element.Scale;
        }

        if (parent is null)
        {
            Path = [];
        }
        else
        {
            Path = [.. parent.Path, element.Name];
            MaxDefinitionLevel = parent.MaxDefinitionLevel + (repetition == FieldRepetitionType.Required ? 0 : 1);
            MaxRepetitionLevel = parent.MaxRepetitionLevel + (repetition == FieldRepetitionType.Repeated ? 1 : 0);
        }
    }

    /// <summary>The Thrift element this node was built from.</summary>
    public SchemaElement Element { get; }

    public string Name => Element.Name;

    /// <summary>Repetition; the root reports <see cref="FieldRepetitionType.Required"/>.</summary>
    public FieldRepetitionType Repetition { get; }

    /// <summary>Set on leaves only.</summary>
    public PhysicalType? PhysicalType { get; }

    /// <summary>Byte width of FIXED_LEN_BYTE_ARRAY leaves; 0 when not set.</summary>
    public int TypeLength { get; }

    /// <summary>The element's legacy annotation as written.</summary>
    public ConvertedType? ConvertedType { get; }

    /// <summary>The effective logical type (see the type summary); null when unannotated.</summary>
    public LogicalType? LogicalType { get; }

    public int? Precision { get; }

    public int? Scale { get; }

    public int? FieldId { get; }

    public IReadOnlyList<SchemaNode> Children => _children;

    public SchemaNode? Parent { get; }

    public bool IsRoot => Parent is null;

    public bool IsLeaf => PhysicalType is not null;

    /// <summary>Names from the top-level field down to this node (empty for the root).</summary>
    public IReadOnlyList<string> Path { get; }

    public int MaxDefinitionLevel { get; }

    public int MaxRepetitionLevel { get; }

    /// <summary>Index of the first leaf at or under this node, in file order.</summary>
    public int FirstLeafIndex { get; internal set; }

    /// <summary>Number of leaves at or under this node; they are contiguous from <see cref="FirstLeafIndex"/>.</summary>
    public int LeafCount { get; internal set; }

    /// <summary>The column of a leaf; null for groups.</summary>
    public ColumnDescriptor? Column { get; internal set; }

    /// <summary>Index of the child with this name (exact match first, then case-insensitive), or -1.</summary>
    public int IndexOfChild(string name)
    {
        for (var i = 0; i < _children.Count; i++)
            if (_children[i].Name == name) return i;
        for (var i = 0; i < _children.Count; i++)
            if (string.Equals(_children[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>Index of the child with this Parquet field id, or -1.</summary>
    public int IndexOfChildFieldId(int fieldId)
    {
        for (var i = 0; i < _children.Count; i++)
            if (_children[i].FieldId == fieldId) return i;
        return -1;
    }

    internal void AddChild(SchemaNode child) => _children.Add(child);

    public override string ToString() => Parent is null ? Name : string.Join('.', Path);
}
