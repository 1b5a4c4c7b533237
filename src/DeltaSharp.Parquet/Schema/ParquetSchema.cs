using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Schema;

/// <summary>
/// The schema of a Parquet file as a tree, built from the depth-first <see cref="FileMetaData.Schema"/> list and
/// validated (child counts, repetitions, leaf types). Gives the leaves in file order as
/// <see cref="ColumnDescriptor"/>s, which leaves each top-level field spans, lookups by name and field id, and the
/// Spark schema (<see cref="ToSparkSchema"/>). Immutable and thread-safe.
/// </summary>
public sealed class ParquetSchema
{
    /// <summary>Deepest nesting accepted; deeper trees are refused rather than risking the stack.</summary>
    public const int MaxNestingDepth = 256;

    private readonly ColumnDescriptor[] _columns;
    private readonly Dictionary<int, SchemaNode> _byFieldId = [];
    private StructType? _sparkSchema;

    /// <summary>Builds the tree from schema elements (root first, depth-first).</summary>
    /// <exception cref="ParquetFormatException">The elements do not form a valid schema ("invalid schema: …") or a
    /// leaf has a type/annotation combination that cannot be read ("unsupported Parquet type: …").</exception>
    public ParquetSchema(IReadOnlyList<SchemaElement> elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        Elements = elements;
        if (elements.Count == 0) Invalid("the schema has no root element");

        var rootElement = elements[0];
        if (rootElement.Type is not null) Invalid($"the root '{rootElement.Name}' is a primitive column, not a group");
        if (rootElement.RepetitionType == FieldRepetitionType.Optional) Invalid($"the root '{rootElement.Name}' must not be optional");
        Root = new SchemaNode(rootElement, null, FieldRepetitionType.Required, null);

        var leaves = new List<SchemaNode>();
        var next = 1;
        var rootChildren = rootElement.NumChildren ?? 0;
        if (rootChildren < 0) Invalid($"the root '{rootElement.Name}' has a negative number of children ({rootChildren})");
        for (var i = 0; i < rootChildren; i++) next = BuildNode(elements, next, Root, 1, leaves);
        if (next != elements.Count)
            Invalid(string.Create(CultureInfo.InvariantCulture,
                $"{elements.Count - next} schema element(s) after the end of the tree (the root declares {rootChildren} children)"));
        Root.FirstLeafIndex = 0;
        Root.LeafCount = leaves.Count;

        _columns = new ColumnDescriptor[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            var (type, conversion) = ParquetLeafTypeMapper.Map(leaf);
            leaf.Column = _columns[i] = new ColumnDescriptor(i, leaf, type, conversion);
        }
    }

    /// <summary>Builds the schema of <paramref name="metadata"/>.</summary>
    public static ParquetSchema FromMetadata(FileMetaData metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new ParquetSchema(metadata.Schema);
    }

    /// <summary>The schema elements Spark 3.5 writes for <paramref name="schema"/>; see <see cref="SparkToParquetSchemaConverter"/>.</summary>
    public static List<SchemaElement> FromSparkSchema(StructType schema) => SparkToParquetSchemaConverter.FromSparkSchema(schema);

    /// <summary>The elements this schema was built from.</summary>
    public IReadOnlyList<SchemaElement> Elements { get; }

    public SchemaNode Root { get; }

    /// <summary>The top-level fields.</summary>
    public IReadOnlyList<SchemaNode> Fields => Root.Children;

    /// <summary>Leaves in file order; <c>Columns[i]</c> is described by <c>RowGroup.Columns[i]</c>.</summary>
    public IReadOnlyList<ColumnDescriptor> Columns => _columns;

    /// <summary>Index of the top-level field with this name (exact match first, then case-insensitive), or -1.</summary>
    public int IndexOfField(string name) => Root.IndexOfChild(name);

    /// <summary>Index of the top-level field with this Parquet field id, or -1.</summary>
    public int IndexOfFieldId(int fieldId) => Root.IndexOfChildFieldId(fieldId);

    /// <summary>The leaves a top-level field spans: <c>Columns[start..start+count]</c>.</summary>
    public (int Start, int Count) GetLeafRange(int fieldIndex)
    {
        var node = Root.Children[fieldIndex];
        return (node.FirstLeafIndex, node.LeafCount);
    }

    /// <summary>Finds the node with this field id anywhere in the tree (the first in depth-first order).</summary>
    public bool TryGetNodeByFieldId(int fieldId, [NotNullWhen(true)] out SchemaNode? node) => _byFieldId.TryGetValue(fieldId, out node);

    /// <summary>
    /// The Spark schema, following Spark's ParquetToSparkSchemaConverter and the backward-compatibility rules of
    /// LogicalTypes.md for lists and maps. Field ids go to <c>StructField.Metadata["parquet.field.id"]</c>.
    /// Deviations from Spark 3.5 (which refuses these): TIME → long microseconds of the day; TIMESTAMP(NANOS) →
    /// timestamp/timestamp_ntz; UUID → string; FLOAT16 → float; INTERVAL → binary; UNKNOWN (null type) → the
    /// type of the unannotated physical column.
    /// </summary>
    /// <exception cref="ParquetFormatException">A LIST or MAP group does not have a shape any rule accepts.</exception>
    public StructType ToSparkSchema() => _sparkSchema ??= ParquetToSparkSchemaConverter.Convert(Root);

    private int BuildNode(IReadOnlyList<SchemaElement> elements, int index, SchemaNode parent, int depth, List<SchemaNode> leaves)
    {
        if (index >= elements.Count)
            Invalid(string.Create(CultureInfo.InvariantCulture,
                $"group '{parent}' declares more children than there are schema elements ({elements.Count})"));
        if (depth > MaxNestingDepth)
            Invalid(string.Create(CultureInfo.InvariantCulture, $"nesting deeper than {MaxNestingDepth} levels"));

        var element = elements[index];
        var name = parent.IsRoot ? element.Name : $"{parent}.{element.Name}";
        if (element.RepetitionType is not { } repetition) { Invalid($"field '{name}' has no repetition type"); return 0; }
        if (repetition is not (FieldRepetitionType.Required or FieldRepetitionType.Optional or FieldRepetitionType.Repeated))
            Invalid(string.Create(CultureInfo.InvariantCulture, $"field '{name}' has unsupported repetition type {(int)repetition}"));

        var node = new SchemaNode(element, parent, repetition, EffectiveLogicalType(element, name));
        parent.AddChild(node);
        if (node.FieldId is { } fieldId) _byFieldId.TryAdd(fieldId, node);
        node.FirstLeafIndex = leaves.Count;

        if (element.Type is { } physical)
        {
            if (element.NumChildren is > 0) Invalid($"primitive column '{name}' also declares children");
            if (physical is < PhysicalType.Boolean or > PhysicalType.FixedLenByteArray)
                Invalid(string.Create(CultureInfo.InvariantCulture, $"column '{name}' has unknown physical type {(int)physical}"));
            if (physical == PhysicalType.FixedLenByteArray && element.TypeLength is not > 0)
                Invalid($"FIXED_LEN_BYTE_ARRAY column '{name}' has no positive type_length");
            leaves.Add(node);
            node.LeafCount = 1;
            return index + 1;
        }

        var count = element.NumChildren ?? 0;
        if (count <= 0) Invalid($"group '{name}' has no children");
        var next = index + 1;
        for (var i = 0; i < count; i++) next = BuildNode(elements, next, node, depth + 1, leaves);
        node.LeafCount = leaves.Count - node.FirstLeafIndex;
        return next;
    }

    // LogicalTypes.md: the logical type wins; otherwise the converted type stands for its logical equivalent.
    // Members this library does not interpret (VARIANT, GEOMETRY, …) are treated like an absent logical type.
    private static LogicalType? EffectiveLogicalType(SchemaElement element, string name)
    {
        if (element.LogicalType is { IsInterpreted: true } logical) return logical;
        return element.ConvertedType switch
        {
            null => null,
            ConvertedType.Utf8 => LogicalType.String,
            ConvertedType.Map => LogicalType.Map,
            ConvertedType.List => LogicalType.List,
            ConvertedType.Enum => LogicalType.Enum,
            ConvertedType.Decimal => LegacyDecimal(element, name),
            ConvertedType.Date => LogicalType.Date,
            ConvertedType.TimeMillis => LogicalType.ForTime(true, TimeUnit.Millis),
            ConvertedType.TimeMicros => LogicalType.ForTime(true, TimeUnit.Micros),
            ConvertedType.TimestampMillis => LogicalType.ForTimestamp(true, TimeUnit.Millis),
            ConvertedType.TimestampMicros => LogicalType.ForTimestamp(true, TimeUnit.Micros),
            ConvertedType.Uint8 => LogicalType.ForInteger(8, false),
            ConvertedType.Uint16 => LogicalType.ForInteger(16, false),
            ConvertedType.Uint32 => LogicalType.ForInteger(32, false),
            ConvertedType.Uint64 => LogicalType.ForInteger(64, false),
            ConvertedType.Int8 => LogicalType.ForInteger(8, true),
            ConvertedType.Int16 => LogicalType.ForInteger(16, true),
            ConvertedType.Int32 => LogicalType.ForInteger(32, true),
            ConvertedType.Int64 => LogicalType.ForInteger(64, true),
            ConvertedType.Json => LogicalType.Json,
            ConvertedType.Bson => LogicalType.Bson,
            _ => null, // MAP_KEY_VALUE, INTERVAL and unknown values have no logical equivalent
        };
    }

    private static LogicalType LegacyDecimal(SchemaElement element, string name)
    {
        if (element.Precision is null) Invalid($"DECIMAL column '{name}' has no precision");
        return LogicalType.ForDecimal(element.Scale ?? 0, element.Precision.Value);
    }

    [DoesNotReturn]
    internal static void Invalid(string problem) => throw new ParquetFormatException(null, "invalid schema: " + problem);
}
