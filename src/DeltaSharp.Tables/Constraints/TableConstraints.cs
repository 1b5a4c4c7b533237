using System.Text.Json;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Constraints;

/// <summary>
/// Reads the constraints a table declares: CHECK constraints from the metadata configuration
/// (PROTOCOL.md "Check Constraints": key <c>delta.constraints.{name}</c>, value the SQL expression; Delta stores the
/// name in lower case), column invariants from field metadata (PROTOCOL.md "Column Invariants": key
/// <c>delta.invariants</c>, a JSON string holding <c>{"expression":{"expression":"&lt;SQL&gt;"}}</c>) and NOT NULL
/// fields (nullable = false, also nested in structs). Stateless.
/// </summary>
public static class TableConstraints
{
    /// <summary>The configuration key prefix of CHECK constraints.</summary>
    public const string Prefix = "delta.constraints.";

    /// <summary>The field metadata key of a column invariant.</summary>
    public const string InvariantsKey = "delta.invariants";

    /// <summary>The configuration key of constraint <paramref name="name"/> (Delta lower-cases the name).</summary>
    public static string KeyFor(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Prefix + name.ToLowerInvariant();
    }

    /// <summary>The CHECK constraints of a configuration, in key order.</summary>
    public static IReadOnlyList<CheckConstraint> Checks(IReadOnlyDictionary<string, string> configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration
            .Where(kv => kv.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && kv.Key.Length > Prefix.Length)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new CheckConstraint(kv.Key[Prefix.Length..], kv.Value))];
    }

    /// <summary>The column invariants of a schema (fields reached through structs; Delta does not support them
    /// inside arrays or maps), named <c>EXPRESSION(expr)</c>.</summary>
    public static IReadOnlyList<CheckConstraint> Invariants(StructType schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var list = new List<CheckConstraint>();
        Collect(schema, list);
        return list;
    }

    /// <summary>Every CHECK constraint and invariant of a table.</summary>
    public static IReadOnlyList<CheckConstraint> All(IReadOnlyDictionary<string, string> configuration, StructType schema) =>
        [.. Checks(configuration), .. Invariants(schema)];

    /// <summary>The NOT NULL fields of a schema as paths of (field name, ordinal) from the top: top-level fields and
    /// fields nested in structs (a nested field is checked where its parent struct is not null).</summary>
    public static IReadOnlyList<IReadOnlyList<(string Name, int Ordinal)>> NotNullPaths(StructType schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var result = new List<IReadOnlyList<(string, int)>>();
        Walk(schema, [], result);
        return result;
    }

    private static void Walk(StructType type, List<(string, int)> prefix, List<IReadOnlyList<(string, int)>> result)
    {
        for (var i = 0; i < type.Count; i++)
        {
            var f = type[i];
            var path = new List<(string, int)>(prefix) { (f.Name, i) };
            if (!f.Nullable) result.Add(path);
            if (f.Type is StructType nested) Walk(nested, path, result);
        }
    }

    private static void Collect(StructType type, List<CheckConstraint> list)
    {
        foreach (var f in type.Fields)
        {
            if (f.Metadata.TryGetValue(InvariantsKey, out var raw) && InvariantExpression(raw) is { } expr)
                list.Add(new CheckConstraint($"EXPRESSION({expr})", expr) { IsInvariant = true });
            if (f.Type is StructType nested) Collect(nested, list);
        }
    }

    /// <summary>The SQL text of a delta.invariants metadata value (raw JSON: a string holding the JSON object, or the
    /// object itself); null when it is not in that shape.</summary>
    internal static string? InvariantExpression(string rawJson)
    {
        try
        {
            using var outer = JsonDocument.Parse(rawJson);
            var element = outer.RootElement;
            if (element.ValueKind == JsonValueKind.String)
            {
                using var inner = JsonDocument.Parse(element.GetString()!);
                return Extract(inner.RootElement);
            }
            return Extract(element);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Extract(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("expression", out var o) && o.ValueKind == JsonValueKind.Object
            && o.TryGetProperty("expression", out var s) && s.ValueKind == JsonValueKind.String
            ? s.GetString()
            : null;
}
