using System.Globalization;
using System.Text;
using System.Text.Json;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Logical ↔ physical column names (PROTOCOL.md "Column Mapping"): in name and id mode every field (nested too)
/// carries delta.columnMapping.physicalName and delta.columnMapping.id in its metadata; data files, partition values
/// and stats use the physical names, and id mode matches Parquet columns by field id. Thread-safe.
/// </summary>
public static class ColumnMapping
{
    public const string ModeKey = "delta.columnMapping.mode";
    public const string PhysicalNameKey = "delta.columnMapping.physicalName";
    public const string IdKey = "delta.columnMapping.id";

    /// <summary>The Parquet reader/writer's field-id metadata key.</summary>
    public const string ParquetFieldIdKey = "parquet.field.id";

    /// <summary>The mode of a table. The property only counts when the protocol supports column mapping (reader
    /// version 2, or 3 with the columnMapping feature). An unknown mode is DELTA_MODE_NOT_SUPPORTED.</summary>
    public static ColumnMappingMode ModeOf(Protocol protocol, Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(metadata);
        if (!metadata.Configuration.TryGetValue(ModeKey, out var raw)) return ColumnMappingMode.None;
        var supported = protocol.MinReaderVersion == 2 || (protocol.MinReaderVersion >= 3 && protocol.HasReaderFeature("columnMapping"));
        if (!supported) return ColumnMappingMode.None;
        return raw.Trim().ToLowerInvariant() switch
        {
            "none" or "" => ColumnMappingMode.None,
            "name" => ColumnMappingMode.Name,
            "id" => ColumnMappingMode.Id,
            _ => throw new DeltaException("DELTA_MODE_NOT_SUPPORTED",
                $"Column mapping mode '{raw}' is not supported; the valid modes are none, name and id."),
        };
    }

    /// <summary>The name of <paramref name="field"/> in data files, partition values and stats.</summary>
    public static string PhysicalName(StructField field, ColumnMappingMode mode)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (mode == ColumnMappingMode.None) return field.Name;
        if (!field.Metadata.TryGetValue(PhysicalNameKey, out var raw))
            throw new DeltaException("DELTA_COLUMN_MAPPING_MISSING_PHYSICAL_NAME",
                $"Column '{field.Name}' has no {PhysicalNameKey} in its metadata although the table uses column mapping; the schema metadata is incomplete.");
        return JsonString(raw);
    }

    /// <summary>delta.columnMapping.id of <paramref name="field"/>, or null when absent.</summary>
    public static int? FieldId(StructField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Metadata.TryGetValue(IdKey, out var raw) && int.TryParse(raw.Trim().Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    /// <summary>The Parquet field id of a field read from a data file (its "parquet.field.id" metadata), or null.</summary>
    public static int? ParquetFieldId(StructField fileField)
    {
        ArgumentNullException.ThrowIfNull(fileField);
        return fileField.Metadata.TryGetValue(ParquetFieldIdKey, out var raw)
               && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;
    }

    /// <summary>
    /// The schema data files use: every field (nested through structs, arrays and maps) renamed to its physical name
    /// and, in name/id mode, carrying its column id as "parquet.field.id" (PROTOCOL.md "Writer Requirements for Column
    /// Mapping"). Identity in mode none.
    /// </summary>
    public static StructType PhysicalSchema(StructType logical, ColumnMappingMode mode)
    {
        ArgumentNullException.ThrowIfNull(logical);
        return mode == ColumnMappingMode.None ? logical : (StructType)PhysicalType(logical, mode);
    }

    /// <summary>The type data files store for a logical type, recursively: fields as <see cref="PhysicalField"/>.</summary>
    internal static DataType PhysicalType(DataType type, ColumnMappingMode mode) => type switch
    {
        StructType s => new StructType(s.Fields.Select(f => PhysicalField(f, mode))),
        ArrayType a => new ArrayType(PhysicalType(a.ElementType, mode), a.ContainsNull),
        MapType m => new MapType(PhysicalType(m.KeyType, mode), PhysicalType(m.ValueType, mode), m.ValueContainsNull),
        _ => type,
    };

    /// <summary>A field as data files store it: its physical name, its physical type and, in name/id mode, its column
    /// id as "parquet.field.id" and no other metadata (in mode none: the logical name and no metadata at all).</summary>
    internal static StructField PhysicalField(StructField field, ColumnMappingMode mode)
    {
        ArgumentNullException.ThrowIfNull(field);
        var id = mode == ColumnMappingMode.None ? null : FieldId(field);
        var meta = id is { } i
            ? new Dictionary<string, string> { [ParquetFieldIdKey] = i.ToString(CultureInfo.InvariantCulture) }
            : null;
        return new StructField(PhysicalName(field, mode), PhysicalType(field.Type, mode), field.Nullable, meta);
    }

    /// <summary>The string of a metadata value kept as raw JSON ("\"col-1\"" → col-1); non-strings as written.</summary>
    internal static string JsonString(string raw)
    {
        var t = raw.AsSpan().Trim();
        if (t.Length < 2 || t[0] != '"') return raw;
        if (t.IndexOf('\\') < 0) return t[1..^1].ToString();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(t.ToString()));
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : raw;
    }
}
