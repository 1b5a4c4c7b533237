using System.Globalization;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Gives every field of a schema (nested ones too) a column mapping id and a physical name when the table turns on
/// column mapping (PROTOCOL.md "Writer Requirements for Column Mapping": globally unique physical names, ids
/// tracked by delta.columnMapping.maxColumnId). Fields that already have both keep them. Stateless.
/// </summary>
internal static class ColumnMappingAssigner
{
    /// <summary>The schema with ids and physical names, and the highest id used. New physical names are
    /// "col-&lt;uuid&gt;", or the logical name when <paramref name="logicalNamesAsPhysical"/> (turning mapping on for a
    /// table whose data files already use the logical names).</summary>
    public static (StructType Schema, long MaxColumnId) Assign(StructType schema, long maxColumnId, bool logicalNamesAsPhysical = false)
    {
        var max = Math.Max(maxColumnId, MaxExistingId(schema));
        var result = (StructType)AssignType(schema, ref max, logicalNamesAsPhysical);
        return (result, max);
    }

    private static DataType AssignType(DataType type, ref long max, bool logicalNamesAsPhysical)
    {
        switch (type)
        {
            case StructType s:
            {
                var fields = new StructField[s.Count];
                for (var i = 0; i < fields.Length; i++)
                {
                    var f = s[i];
                    var metadata = new Dictionary<string, string>(f.Metadata, StringComparer.Ordinal);
                    if (!metadata.ContainsKey(PhysicalSchema.ColumnIdKey))
                        metadata[PhysicalSchema.ColumnIdKey] = (++max).ToString(CultureInfo.InvariantCulture);
                    if (!metadata.ContainsKey(PhysicalSchema.PhysicalNameKey))
                        metadata[PhysicalSchema.PhysicalNameKey] = JsonString(logicalNamesAsPhysical ? f.Name : "col-" + Guid.NewGuid().ToString());
                    fields[i] = new StructField(f.Name, AssignType(f.Type, ref max, logicalNamesAsPhysical), f.Nullable, metadata);
                }
                return new StructType(fields);
            }
            case ArrayType a: return new ArrayType(AssignType(a.ElementType, ref max, logicalNamesAsPhysical), a.ContainsNull);
            case MapType m:
            {
                var key = AssignType(m.KeyType, ref max, logicalNamesAsPhysical);
                return new MapType(key, AssignType(m.ValueType, ref max, logicalNamesAsPhysical), m.ValueContainsNull);
            }
            default: return type;
        }
    }

    /// <summary>A metadata value is raw JSON text: the string quoted and escaped.</summary>
    private static string JsonString(string value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            w.WriteStringValue(value);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static long MaxExistingId(DataType type) => type switch
    {
        StructType s => s.Fields.Select(f =>
            Math.Max(f.Metadata.TryGetValue(PhysicalSchema.ColumnIdKey, out var id) && long.TryParse(id, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : 0,
                MaxExistingId(f.Type))).DefaultIfEmpty(0).Max(),
        ArrayType a => MaxExistingId(a.ElementType),
        MapType m => Math.Max(MaxExistingId(m.KeyType), MaxExistingId(m.ValueType)),
        _ => 0,
    };
}
