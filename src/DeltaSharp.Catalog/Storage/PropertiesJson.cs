using System.Text;
using System.Text.Json;

namespace DeltaSharp.Catalog.Storage;

/// <summary>A table's properties snapshot as a JSON object of strings, keys in ordinal order.</summary>
internal static class PropertiesJson
{
    public static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>(StringComparer.Ordinal).AsReadOnly();

    public static string Write(IReadOnlyDictionary<string, string>? properties)
    {
        if (properties is null || properties.Count == 0) return "{}";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            var keys = properties.Keys.ToArray();
            Array.Sort(keys, StringComparer.Ordinal);
            foreach (var key in keys)
            {
                ArgumentNullException.ThrowIfNull(properties[key], $"properties[{key}]");
                writer.WriteString(key, properties[key]);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static IReadOnlyDictionary<string, string> Read(string json)
    {
        if (json is "{}" or "") return Empty;
        using var doc = JsonDocument.Parse(json);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
            result[p.Name] = p.Value.GetString() ?? "";
        return result.AsReadOnly();
    }
}
