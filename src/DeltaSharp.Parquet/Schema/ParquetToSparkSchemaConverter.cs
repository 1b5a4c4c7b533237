using System.Globalization;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Schema;

/// <summary>
/// Parquet groups to Spark types, after Spark's ParquetToSparkSchemaConverter and the backward-compatibility rules
/// of LogicalTypes.md ("Lists", "Maps", and unannotated repeated fields).
/// </summary>
internal static class ParquetToSparkSchemaConverter
{
    /// <summary>Metadata key Spark uses for Parquet field ids.</summary>
    public const string FieldIdMetadataKey = "parquet.field.id";

    public static StructType Convert(SchemaNode root) => ConvertFields(root);

    private static StructType ConvertFields(SchemaNode group)
    {
        var fields = new StructField[group.Children.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var child = group.Children[i];
            var type = ConvertField(child);
            var metadata = child.FieldId is { } id
                ? new Dictionary<string, string> { [FieldIdMetadataKey] = id.ToString(CultureInfo.InvariantCulture) }
                : null;
            fields[i] = child.Repetition switch
            {
                FieldRepetitionType.Optional => new StructField(child.Name, type, true, metadata),
                FieldRepetitionType.Required => new StructField(child.Name, type, false, metadata),
                // A repeated field outside a LIST/MAP is a required list of required elements.
                _ => new StructField(child.Name, new ArrayType(type, false), false, metadata),
            };
        }
        return new StructType(fields);
    }

    /// <summary>The type of a node regardless of its own repetition.</summary>
    private static DataType ConvertField(SchemaNode node) =>
        node.IsLeaf ? node.Column!.DataType : ConvertGroup(node);

    private static DataType ConvertGroup(SchemaNode group)
    {
        var kind = group.LogicalType?.Kind;
        if (kind == LogicalTypeKind.List) return ConvertList(group);
        // MAP_KEY_VALUE on the outer group is a known writer mistake for MAP (LogicalTypes.md, Maps).
        if (kind == LogicalTypeKind.Map || group.ConvertedType == ConvertedType.MapKeyValue) return ConvertMap(group);
        if (kind is not null)
            ParquetSchema.Invalid($"group '{group}' is annotated {group.LogicalType}, which only applies to primitive columns");
        return ConvertFields(group);
    }

    private static ArrayType ConvertList(SchemaNode list)
    {
        if (list.Children.Count != 1 || list.Children[0].Repetition != FieldRepetitionType.Repeated)
            ParquetSchema.Invalid($"LIST group '{list}' must have exactly one repeated child");
        var repeated = list.Children[0];
        if (IsElementType(repeated, list.Name))
            return new ArrayType(ConvertField(repeated), containsNull: false);
        var element = repeated.Children[0];
        return new ArrayType(ConvertField(element), containsNull: element.Repetition == FieldRepetitionType.Optional);
    }

    // LogicalTypes.md, Lists, backward-compatibility rules 1-4: the repeated field itself is the (required) element.
    // Otherwise (rule 5, the standard 3-level form) its single child is the element.
    private static bool IsElementType(SchemaNode repeated, string listName) =>
        repeated.IsLeaf
        || repeated.Children.Count > 1
        || repeated.Children[0].Repetition == FieldRepetitionType.Repeated
        || repeated.Name == "array"
        || repeated.Name == listName + "_tuple";

    private static MapType ConvertMap(SchemaNode map)
    {
        if (map.Children.Count != 1 || map.Children[0].IsLeaf)
            ParquetSchema.Invalid($"MAP group '{map}' must have exactly one child, a repeated group of key and value");
        var keyValue = map.Children[0];
        if (keyValue.Repetition != FieldRepetitionType.Repeated || keyValue.Children.Count != 2)
            ParquetSchema.Invalid($"MAP group '{map}' must contain a repeated group with exactly two fields (key, value)");
        // Key and value are identified by position; their names are not enforced.
        var key = keyValue.Children[0];
        var value = keyValue.Children[1];
        return new MapType(ConvertField(key), ConvertField(value), valueContainsNull: value.Repetition == FieldRepetitionType.Optional);
    }
}
