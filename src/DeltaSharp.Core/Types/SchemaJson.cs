using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DeltaSharp.Types;

/// <summary>
/// Delta's schema serialization (PROTOCOL.md "Schema Serialization Format"): the JSON of metaData.schemaString,
/// both directions, keeping field metadata (column mapping ids/physical names, comments, …) as raw JSON values.
/// Stateless and thread-safe.
/// </summary>
public static class SchemaJson
{
    /// <summary>Parses a struct type JSON. Throws FormatException naming the problem.</summary>
    public static StructType ParseStruct(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var type = ParseType(json);
        return type as StructType
            ?? throw new FormatException($"Delta schema JSON must be a struct type, found '{type.DeltaName}'.");
    }

    /// <summary>Parses any Delta type JSON: a primitive name string (<c>"long"</c>) or a struct/array/map object.</summary>
    public static DataType ParseType(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            Read(ref reader);
            var type = ReadType(ref reader, "schema");
            if (reader.Read())
                throw new FormatException($"Unexpected content after the schema JSON at byte {reader.TokenStartIndex}.");
            return type;
        }
        catch (JsonException e)
        {
            throw new FormatException($"Invalid Delta schema JSON: {e.Message}", e);
        }
    }

    /// <summary>Serialises a struct type exactly as Spark does (compact, field order kept, metadata kept).</summary>
    public static string Serialize(StructType schema) => SerializeType(schema);

    /// <summary>Serialises any type as Spark's <c>DataType.json</c> does (primitive types as a quoted name).</summary>
    public static string SerializeType(DataType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var sb = new StringBuilder(256);
        WriteType(sb, type);
        return sb.ToString();
    }

    // ---- parsing ----

    private static DataType ReadType(ref Utf8JsonReader reader, string where)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            var name = reader.GetString()!;
            try
            {
                return DataType.ParsePrimitive(name);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"Unsupported data type '{name}' in {where}.", e);
            }
        }
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new FormatException($"Expected a type name string or a type object in {where}, found {reader.TokenType}.");

        // Member order is free in JSON: collect the members first, then build the type.
        string? kind = null;
        List<StructField>? fields = null;
        DataType? elementType = null, keyType = null, valueType = null;
        bool containsNull = true, valueContainsNull = true;
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            var member = reader.GetString()!;
            Read(ref reader);
            switch (member)
            {
                case "type":
                    kind = ExpectString(ref reader, "type", where);
                    break;
                case "fields":
                    fields = ReadFields(ref reader, where);
                    break;
                case "elementType":
                    elementType = ReadType(ref reader, where + ".element");
                    break;
                case "containsNull":
                    containsNull = ExpectBool(ref reader, "containsNull", where);
                    break;
                case "keyType":
                    keyType = ReadType(ref reader, where + ".key");
                    break;
                case "valueType":
                    valueType = ReadType(ref reader, where + ".value");
                    break;
                case "valueContainsNull":
                    valueContainsNull = ExpectBool(ref reader, "valueContainsNull", where);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return kind switch
        {
            "struct" => new StructType(fields ?? throw new FormatException($"Struct type in {where} has no 'fields'.")),
            "array" => new ArrayType(elementType ?? throw new FormatException($"Array type in {where} has no 'elementType'."), containsNull),
            "map" => new MapType(
                keyType ?? throw new FormatException($"Map type in {where} has no 'keyType'."),
                valueType ?? throw new FormatException($"Map type in {where} has no 'valueType'."),
                valueContainsNull),
            null => throw new FormatException($"Type object in {where} has no 'type' member."),
            _ => throw new FormatException($"Unsupported complex type '{kind}' in {where} (expected struct, array or map)."),
        };
    }

    private static List<StructField> ReadFields(ref Utf8JsonReader reader, string where)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new FormatException($"'fields' in {where} must be an array.");
        var fields = new List<StructField>();
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndArray) return fields;
            fields.Add(ReadField(ref reader, where, fields.Count));
        }
    }

    private static StructField ReadField(ref Utf8JsonReader reader, string where, int index)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new FormatException($"Field #{index} in {where} must be an object.");
        string? name = null;
        DataType? type = null;
        var nullable = true;
        Dictionary<string, string>? metadata = null;
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) break;
            var member = reader.GetString()!;
            Read(ref reader);
            switch (member)
            {
                case "name":
                    name = ExpectString(ref reader, "name", where);
                    break;
                case "type":
                    type = ReadType(ref reader, $"{where}.{name ?? "#" + index.ToString(CultureInfo.InvariantCulture)}");
                    break;
                case "nullable":
                    nullable = ExpectBool(ref reader, "nullable", where);
                    break;
                case "metadata":
                    metadata = ReadMetadata(ref reader, where);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (name is null) throw new FormatException($"Field #{index} in {where} has no 'name'.");
        if (type is null) throw new FormatException($"Field '{name}' in {where} has no 'type'.");
        return new StructField(name, type, nullable, metadata);
    }

    private static Dictionary<string, string> ReadMetadata(ref Utf8JsonReader reader, string where)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new FormatException($"Field metadata in {where} must be an object.");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var raw = new StringBuilder();
        while (true)
        {
            Read(ref reader);
            if (reader.TokenType == JsonTokenType.EndObject) return metadata;
            var key = reader.GetString()!;
            Read(ref reader);
            raw.Clear();
            CopyCompact(ref reader, raw);
            metadata[key] = raw.ToString();
        }
    }

    /// <summary>Copies the current JSON value as compact text, keeping string escapes and number text as written.</summary>
    private static void CopyCompact(ref Utf8JsonReader reader, StringBuilder sb)
    {
        var depth = reader.CurrentDepth;
        var needComma = false;
        while (true)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    if (needComma) sb.Append(',');
                    sb.Append(reader.TokenType == JsonTokenType.StartObject ? '{' : '[');
                    needComma = false;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    sb.Append(reader.TokenType == JsonTokenType.EndObject ? '}' : ']');
                    needComma = true;
                    break;
                case JsonTokenType.PropertyName:
                    if (needComma) sb.Append(',');
                    AppendRawString(sb, ref reader);
                    sb.Append(':');
                    needComma = false;
                    break;
                case JsonTokenType.String:
                    if (needComma) sb.Append(',');
                    AppendRawString(sb, ref reader);
                    needComma = true;
                    break;
                default: // number, true, false, null: the literal text as written
                    if (needComma) sb.Append(',');
                    sb.Append(Encoding.UTF8.GetString(reader.ValueSpan));
                    needComma = true;
                    break;
            }
            if (reader.CurrentDepth == depth && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                return;
            Read(ref reader);
        }
    }

    private static void AppendRawString(StringBuilder sb, ref Utf8JsonReader reader)
    {
        sb.Append('"');
        if (reader.HasValueSequence) sb.Append(JsonEscape(reader.GetString()!));
        else sb.Append(Encoding.UTF8.GetString(reader.ValueSpan)); // still escaped as in the source
        sb.Append('"');
    }

    private static string JsonEscape(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        AppendEscaped(sb, s);
        return sb.ToString();
    }

    private static void Read(ref Utf8JsonReader reader)
    {
        if (!reader.Read()) throw new FormatException("Delta schema JSON ends unexpectedly.");
    }

    private static string ExpectString(ref Utf8JsonReader reader, string member, string where) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new FormatException($"'{member}' in {where} must be a string, found {reader.TokenType}.");

    private static bool ExpectBool(ref Utf8JsonReader reader, string member, string where) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        _ => throw new FormatException($"'{member}' in {where} must be true or false, found {reader.TokenType}."),
    };

    // ---- serialising (Spark's DataType.json: compact, members in Spark's order) ----

    private static void WriteType(StringBuilder sb, DataType type)
    {
        switch (type)
        {
            case StructType s:
                sb.Append("{\"type\":\"struct\",\"fields\":[");
                for (var i = 0; i < s.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteField(sb, s[i]);
                }
                sb.Append("]}");
                break;
            case ArrayType a:
                sb.Append("{\"type\":\"array\",\"elementType\":");
                WriteType(sb, a.ElementType);
                sb.Append(",\"containsNull\":").Append(a.ContainsNull ? "true" : "false").Append('}');
                break;
            case MapType m:
                sb.Append("{\"type\":\"map\",\"keyType\":");
                WriteType(sb, m.KeyType);
                sb.Append(",\"valueType\":");
                WriteType(sb, m.ValueType);
                sb.Append(",\"valueContainsNull\":").Append(m.ValueContainsNull ? "true" : "false").Append('}');
                break;
            default:
                sb.Append('"').Append(type.DeltaName).Append('"');
                break;
        }
    }

    private static void WriteField(StringBuilder sb, StructField field)
    {
        sb.Append("{\"name\":\"");
        AppendEscaped(sb, field.Name);
        sb.Append("\",\"type\":");
        WriteType(sb, field.Type);
        sb.Append(",\"nullable\":").Append(field.Nullable ? "true" : "false").Append(",\"metadata\":{");
        var first = true;
        foreach (var (key, raw) in field.Metadata)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append('"');
            AppendEscaped(sb, key);
            sb.Append("\":");
            AppendValidatedRaw(sb, raw, field.Name, key);
        }
        sb.Append("}}");
    }

    private static void AppendValidatedRaw(StringBuilder sb, string raw, string field, string key)
    {
        // Metadata values are raw JSON text; a malformed one would corrupt the log, so check before writing.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(raw));
        try
        {
            if (!reader.Read()) throw new FormatException($"Metadata '{key}' of field '{field}' is empty; it must be a JSON value (e.g. \"\\\"text\\\"\" or \"5\").");
            CopyCompact(ref reader, sb);
            if (reader.Read()) throw new FormatException($"Metadata '{key}' of field '{field}' holds more than one JSON value: {raw}");
        }
        catch (JsonException e)
        {
            throw new FormatException($"Metadata '{key}' of field '{field}' is not valid JSON text: {raw}", e);
        }
    }

    /// <summary>JSON string escaping as Jackson (Spark) does it: quote, backslash and control characters only.</summary>
    internal static void AppendEscaped(StringBuilder sb, string s)
    {
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
    }
}
