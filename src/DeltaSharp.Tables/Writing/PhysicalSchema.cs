using System.Globalization;
using System.Text;
using System.Text.Json;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The schema data files are written with (PROTOCOL.md "Writer Requirements for Column Mapping"): under column
/// mapping ("name" or "id") every field, nested ones included, takes its <c>delta.columnMapping.physicalName</c> and
/// carries its <c>delta.columnMapping.id</c> as the Parquet field id; without mapping the logical names are kept.
/// Stateless.
/// </summary>
internal static class PhysicalSchema
{
    public const string PhysicalNameKey = "delta.columnMapping.physicalName";
    public const string ColumnIdKey = "delta.columnMapping.id";
    public const string ParquetFieldIdKey = "parquet.field.id";

    /// <summary>True when <paramref name="mode"/> is "name" or "id".</summary>
    public static bool IsMapped(string? mode) =>
        string.Equals(mode, "name", StringComparison.OrdinalIgnoreCase) || string.Equals(mode, "id", StringComparison.OrdinalIgnoreCase);

    /// <summary>The physical name of <paramref name="field"/> (its logical name when not mapped).</summary>
    public static string NameOf(StructField field, bool mapped)
    {
        if (!mapped) return field.Name;
        if (!field.Metadata.TryGetValue(PhysicalNameKey, out var raw))
            throw new DeltaException("DELTA_COLUMN_MAPPING_MISSING_PHYSICAL_NAME",
                $"Column '{field.Name}' has no {PhysicalNameKey} although the table uses column mapping; the schema metadata is incomplete.");
        return DecodeJsonString(raw);
    }

    /// <summary>Converts a logical type to the type stored in files, recursively.</summary>
    public static DataType Convert(DataType type, bool mapped) => type switch
    {
        StructType s => ConvertStruct(s, mapped),
        ArrayType a => new ArrayType(Convert(a.ElementType, mapped), a.ContainsNull),
        MapType m => new MapType(Convert(m.KeyType, mapped), Convert(m.ValueType, mapped), m.ValueContainsNull),
        _ => type,
    };

    public static StructType ConvertStruct(StructType schema, bool mapped)
    {
        var fields = new StructField[schema.Count];
        for (var i = 0; i < fields.Length; i++) fields[i] = ConvertField(schema[i], mapped);
        return new StructType(fields);
    }

    public static StructField ConvertField(StructField field, bool mapped)
    {
        if (!mapped) return new StructField(field.Name, Convert(field.Type, mapped), field.Nullable);
        Dictionary<string, string>? metadata = null;
        if (field.Metadata.TryGetValue(ColumnIdKey, out var id))
        {
            var idValue = long.Parse(id.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            metadata = new Dictionary<string, string> { [ParquetFieldIdKey] = idValue.ToString(CultureInfo.InvariantCulture) };
        }
        return new StructField(NameOf(field, mapped), Convert(field.Type, mapped), field.Nullable, metadata);
    }

    /// <summary>Decodes a field-metadata value (raw JSON text) holding a string; tolerates an unquoted value.</summary>
    public static string DecodeJsonString(string raw)
    {
        var trimmed = raw.Trim();
        if (!trimmed.StartsWith('"')) return trimmed;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(trimmed));
        reader.Read();
        return reader.GetString() ?? "";
    }
}
