using System.Text.Json;
using DeltaSharp.Types;

namespace DeltaSharp.TestSupport;

/// <summary>Parses Delta schema JSON types (PROTOCOL.md "Schema Serialization Format"): a primitive type name
/// string, or an object of type struct / array / map. Test-side only, so the corpus' expected schemas can guide
/// the row comparer.</summary>
internal static class DeltaSchemaJson
{
    public static DataType ParseType(JsonElement type)
    {
        if (type.ValueKind == JsonValueKind.String) return DataType.ParsePrimitive(type.GetString()!);
        if (type.ValueKind != JsonValueKind.Object || !type.TryGetProperty("type", out var kind))
            throw new FormatException($"Not a Delta type: {type.GetRawText()}");
        return kind.GetString() switch
        {
            "struct" => ParseStruct(type),
            "array" => new ArrayType(ParseType(type.GetProperty("elementType")), Flag(type, "containsNull")),
            "map" => new MapType(ParseType(type.GetProperty("keyType")), ParseType(type.GetProperty("valueType")),
                Flag(type, "valueContainsNull")),
            _ => throw new FormatException($"Unknown Delta type {type.GetRawText()}"),
        };
    }

    public static StructType ParseStruct(JsonElement structType)
    {
        var fields = new List<StructField>();
        foreach (var f in structType.GetProperty("fields").EnumerateArray())
            fields.Add(new StructField(f.GetProperty("name").GetString()!, ParseType(f.GetProperty("type")), Flag(f, "nullable")));
        return new StructType(fields);
    }

    private static bool Flag(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.False;
}
