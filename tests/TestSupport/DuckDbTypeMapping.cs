using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DeltaSharp.Types;

namespace DeltaSharp.TestSupport;

/// <summary>
/// THE ONE PLACE where the read-side interop tests translate what DuckDB reports about a file into what our
/// reader must produce. Everything here is derived from the file's description (duck.mjs describe: DuckDB's type
/// of each column plus the Parquet schema node it was read from), never from our reader's output.
///
/// Spark schema our reader must expose (the Parquet → Spark rules of LogicalTypes.md as Spark applies them):
/// <list type="table">
/// <item>BOOLEAN → boolean; TINYINT (INT_8) → byte; SMALLINT (INT_16) → short; INTEGER → integer; BIGINT → long</item>
/// <item>UTINYINT (UINT_8) → short; USMALLINT (UINT_16) → integer; UINTEGER (UINT_32) → long;
///       UBIGINT (UINT_64) → decimal(20,0)</item>
/// <item>FLOAT → float; DOUBLE → double (DuckDB writes HUGEINT as DOUBLE, so it arrives here as DOUBLE)</item>
/// <item>DECIMAL(p,s) → decimal(p,s)</item>
/// <item>VARCHAR, JSON, ENUM (written as UTF8 strings), UUID (FIXED_LEN_BYTE_ARRAY(16) UUID) → string</item>
/// <item>BLOB → binary; DATE → date</item>
/// <item>timestamps: INT96, or TIMESTAMP with isAdjustedToUTC=true, or a bare legacy TIMESTAMP_MILLIS/MICROS
///       converted type → timestamp (UTC, JSON "…Z"); TIMESTAMP with isAdjustedToUTC=false (any unit: MILLIS,
///       MICROS, NANOS) → timestamp_ntz (JSON without Z). NANOS are read at microsecond precision.</item>
/// <item>STRUCT → struct; LIST and fixed-size ARRAY → array; MAP → map. A field is nullable, an array
///       containsNull and a map valueContainsNull unless its Parquet node is REQUIRED.</item>
/// </list>
/// Value normalisations of DuckDB's JSON that follow from that mapping (the only ones applied):
/// UBIGINT integers become decimal(20,0) strings ("18446744073709551615"); a timestamp's zone marker follows the
/// Spark type above (DuckDB prints INT96 as a zone-less TIMESTAMP; the file says it is an instant).
/// </summary>
internal static class DuckDbTypeMapping
{
    /// <summary>The Spark schema our reader must report for a file DuckDB describes.</summary>
    public static StructType ExpectedSchema(JsonElement describe, IReadOnlyList<string>? columns = null)
    {
        var fields = new List<StructField>();
        foreach (var c in SelectColumns(describe, columns))
            fields.Add(new StructField(c.GetProperty("name").GetString()!, SparkType(c), Nullable(c)));
        return new StructType(fields);
    }

    /// <summary>DuckDB's rows rewritten to the values our reader must produce (see the class summary).</summary>
    public static List<string> ExpectedRows(IReadOnlyList<string> duckDbRows, JsonElement describe, IReadOnlyList<string>? columns = null)
    {
        var cols = SelectColumns(describe, columns);
        var result = new List<string>(duckDbRows.Count);
        foreach (var line in duckDbRows)
        {
            var row = JsonNode.Parse(line)!.AsObject();
            foreach (var c in cols)
            {
                var name = c.GetProperty("name").GetString()!;
                if (row.TryGetPropertyValue(name, out var value)) row[name] = Normalise(value, c);
            }
            result.Add(row.ToJsonString());
        }
        return result;
    }

    private static List<JsonElement> SelectColumns(JsonElement describe, IReadOnlyList<string>? columns)
    {
        var all = describe.GetProperty("columns").EnumerateArray().ToList();
        if (columns is null) return all;
        var selected = new List<JsonElement>();
        foreach (var name in columns)
            selected.Add(all.Find(c => c.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } found
                ? found : throw new ArgumentException($"Column '{name}' is not in {describe.GetProperty("file")}"));
        return selected;
    }

    /// <summary>The Spark type for one DuckDB type node of describe's output.</summary>
    public static DataType SparkType(JsonElement node)
    {
        var type = node.GetProperty("type").GetString()!;
        switch (type)
        {
            case "BOOLEAN": return DataType.Boolean;
            case "TINYINT": return DataType.Byte;
            case "SMALLINT": return DataType.Short;
            case "INTEGER": return DataType.Integer;
            case "BIGINT": return DataType.Long;
            case "UTINYINT": return DataType.Short;
            case "USMALLINT": return DataType.Integer;
            case "UINTEGER": return DataType.Long;
            case "UBIGINT": return new DecimalType(20, 0);
            case "FLOAT": return DataType.Float;
            case "DOUBLE": return DataType.Double;
            case "DECIMAL": return new DecimalType(node.GetProperty("precision").GetInt32(), node.GetProperty("scale").GetInt32());
            case "VARCHAR": case "UUID": return DataType.String;
            case "BLOB": return DataType.Binary;
            case "DATE": return DataType.Date;
            case "TIMESTAMP": case "TIMESTAMP WITH TIME ZONE": case "TIMESTAMP_MS": case "TIMESTAMP_S": case "TIMESTAMP_NS":
                return IsUtcTimestamp(node) ? DataType.Timestamp : DataType.TimestampNtz;
            case "STRUCT":
            {
                var fields = new List<StructField>();
                foreach (var f in node.GetProperty("fields").EnumerateArray())
                    fields.Add(new StructField(f.GetProperty("name").GetString()!, SparkType(f), Nullable(f)));
                return new StructType(fields);
            }
            case "LIST": case "ARRAY":
            {
                var element = node.GetProperty("element");
                return new ArrayType(SparkType(element), Nullable(element));
            }
            case "MAP":
            {
                var value = node.GetProperty("value");
                return new MapType(SparkType(node.GetProperty("key")), SparkType(value), Nullable(value));
            }
            default:
                throw new NotSupportedException($"No Spark mapping for DuckDB type {type} (describe node {node.GetRawText()}).");
        }
    }

    private static bool Nullable(JsonElement node) =>
        !(node.TryGetProperty("parquet", out var p) && p.TryGetProperty("repetition", out var r) && r.GetString() == "REQUIRED");

    /// <summary>Whether a timestamp column is an instant (Spark timestamp), from the Parquet node when known,
    /// else from DuckDB's type.</summary>
    private static bool IsUtcTimestamp(JsonElement node)
    {
        if (node.TryGetProperty("parquet", out var p))
        {
            if (p.TryGetProperty("physical", out var phys) && phys.GetString() == "INT96") return true;
            if (p.TryGetProperty("logical", out var logical))
            {
                var l = logical.GetString() ?? "";
                if (l.Contains("isAdjustedToUTC=1", StringComparison.Ordinal)) return true;
                if (l.Contains("isAdjustedToUTC=0", StringComparison.Ordinal)) return false;
            }
            if (p.TryGetProperty("converted", out var conv) && conv.GetString() is "TIMESTAMP_MILLIS" or "TIMESTAMP_MICROS") return true;
        }
        return node.GetProperty("type").GetString() == "TIMESTAMP WITH TIME ZONE";
    }

    private static JsonNode? Normalise(JsonNode? value, JsonElement node)
    {
        if (value is null) return null;
        var type = node.GetProperty("type").GetString()!;
        switch (type)
        {
            case "UBIGINT":
                // decimal(20,0): the same digits as a string.
                return JsonValue.Create(value.ToJsonString());
            case "TIMESTAMP": case "TIMESTAMP WITH TIME ZONE": case "TIMESTAMP_MS": case "TIMESTAMP_S": case "TIMESTAMP_NS":
            {
                var text = value.GetValue<string>();
                var utc = IsUtcTimestamp(node);
                if (utc && !text.EndsWith('Z')) return JsonValue.Create(text + "Z");
                if (!utc && text.EndsWith('Z')) return JsonValue.Create(text[..^1]);
                return value.DeepClone();
            }
            case "STRUCT":
            {
                var obj = value.AsObject();
                var result = new JsonObject();
                var fields = node.GetProperty("fields").EnumerateArray().ToList();
                foreach (var (name, v) in obj)
                {
                    var f = fields.Find(x => x.GetProperty("name").GetString() == name);
                    result[name] = f.ValueKind == JsonValueKind.Object ? Normalise(v, f) : v?.DeepClone();
                }
                return result;
            }
            case "LIST": case "ARRAY":
            {
                var element = node.GetProperty("element");
                var result = new JsonArray();
                foreach (var v in value.AsArray()) result.Add(Normalise(v, element));
                return result;
            }
            case "MAP":
            {
                var (k, vt) = (node.GetProperty("key"), node.GetProperty("value"));
                var result = new JsonArray();
                foreach (var entry in value.AsArray())
                    result.Add(new JsonObject { ["key"] = Normalise(entry!["key"], k), ["value"] = Normalise(entry["value"], vt) });
                return result;
            }
            default:
                return value.DeepClone();
        }
    }

    /// <summary>A readable field-by-field difference between two schemas, or null when equal.</summary>
    public static string? SchemaDifference(StructType expected, StructType actual)
    {
        if (expected.Equals(actual)) return null;
        var lines = new List<string> { $"Schemas differ (expected {expected.Count} fields, actual {actual.Count}):" };
        var n = Math.Max(expected.Count, actual.Count);
        for (var i = 0; i < n; i++)
        {
            var e = i < expected.Count ? expected[i].ToString() : "<none>";
            var a = i < actual.Count ? actual[i].ToString() : "<none>";
            var elementInfo = i < expected.Count && i < actual.Count ? NestedNullability(expected[i].Type, actual[i].Type) : "";
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"  {(e == a && elementInfo.Length == 0 ? "  " : "≠ ")}#{i}: expected {e}, actual {a}{elementInfo}"));
        }
        return string.Join('\n', lines);
    }

    // SimpleString hides containsNull / nullable of nested fields; say so when only those differ.
    private static string NestedNullability(DataType e, DataType a) =>
        e.SimpleString == a.SimpleString && !e.Equals(a) ? " (nested nullability differs: containsNull / valueContainsNull / field nullable)" : "";
}
