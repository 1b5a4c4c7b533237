using System.Globalization;
using System.Text.Json;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.Format;

/// <summary>
/// Parses a Delta <c>schemaString</c> (PROTOCOL.md, "Schema Serialization Format") into a StructType. With
/// <c>physical</c>, field names become <c>delta.columnMapping.physicalName</c> and <c>delta.columnMapping.id</c>
/// becomes the Parquet field id metadata, i.e. the schema Delta hands to the Parquet writer under column mapping.
/// </summary>
internal static class DeltaSchemaJson
{
    public static StructType Parse(string json, bool physical = false)
    {
        using var doc = JsonDocument.Parse(json);
        return ParseStruct(doc.RootElement, physical);
    }

    private static StructType ParseStruct(JsonElement e, bool physical)
    {
        var fields = new List<StructField>();
        foreach (var f in e.GetProperty("fields").EnumerateArray())
        {
            var name = f.GetProperty("name").GetString()!;
            Dictionary<string, string>? metadata = null;
            if (f.TryGetProperty("metadata", out var md) && physical)
            {
                if (md.TryGetProperty("delta.columnMapping.physicalName", out var pn)) name = pn.GetString()!;
                if (md.TryGetProperty("delta.columnMapping.id", out var id))
                    metadata = new() { ["parquet.field.id"] = id.GetInt64().ToString(CultureInfo.InvariantCulture) };
            }
            fields.Add(new StructField(name, ParseType(f.GetProperty("type"), physical), f.GetProperty("nullable").GetBoolean(), metadata));
        }
        return new StructType(fields);
    }

    private static DataType ParseType(JsonElement t, bool physical)
    {
        if (t.ValueKind == JsonValueKind.String) return DataType.ParsePrimitive(t.GetString()!);
        return t.GetProperty("type").GetString() switch
        {
            "struct" => ParseStruct(t, physical),
            "array" => new ArrayType(ParseType(t.GetProperty("elementType"), physical), t.GetProperty("containsNull").GetBoolean()),
            "map" => new MapType(ParseType(t.GetProperty("keyType"), physical), ParseType(t.GetProperty("valueType"), physical),
                t.GetProperty("valueContainsNull").GetBoolean()),
            var other => throw new InvalidOperationException($"unknown type {other}"),
        };
    }
}
