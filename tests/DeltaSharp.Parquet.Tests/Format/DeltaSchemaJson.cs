using System.Globalization;
using System.Text.Json;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.Format;

/// <summary>
/// Parses a Delta <c>schemaString</c> (PROTOCOL.md, "Schema Serialization Format") with Core's <see cref="SchemaJson"/>.
/// With <c>physical</c>, field names become <c>delta.columnMapping.physicalName</c> and <c>delta.columnMapping.id</c>
/// becomes the Parquet field id metadata (the only metadata kept), i.e. the schema Delta hands to the Parquet writer
/// under column mapping (PROTOCOL.md "Writer Requirements for Column Mapping"). Tables' ColumnMapping.PhysicalSchema
/// does the same for the engine; this test project references only Core and Parquet, so it keeps this small copy.
/// </summary>
internal static class DeltaSchemaJson
{
    public static StructType Parse(string json, bool physical = false)
    {
        var logical = SchemaJson.ParseStruct(json);
        return physical ? (StructType)Physical(logical) : logical;
    }

    private static DataType Physical(DataType type) => type switch
    {
        StructType s => new StructType(s.Fields.Select(PhysicalField)),
        ArrayType a => new ArrayType(Physical(a.ElementType), a.ContainsNull),
        MapType m => new MapType(Physical(m.KeyType), Physical(m.ValueType), m.ValueContainsNull),
        _ => type,
    };

    private static StructField PhysicalField(StructField field)
    {
        var name = field.Name;
        if (field.Metadata.TryGetValue("delta.columnMapping.physicalName", out var rawName))
        {
            using var doc = JsonDocument.Parse(rawName); // metadata values are kept as raw JSON: "\"col-…\""
            name = doc.RootElement.GetString()!;
        }
        var metadata = field.Metadata.TryGetValue("delta.columnMapping.id", out var rawId)
            ? new Dictionary<string, string> { ["parquet.field.id"] = long.Parse(rawId, NumberStyles.Integer, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) }
            : null;
        return new StructField(name, Physical(field.Type), field.Nullable, metadata);
    }
}
