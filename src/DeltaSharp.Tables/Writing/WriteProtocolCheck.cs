using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Refuses to write tables whose protocol asks for writer behaviour this engine does not implement
/// (PROTOCOL.md "Table Features": "to write a table, writers must implement and respect all features listed in
/// writerFeatures"; "Writer Version Requirements" for versions 2–6). Features that only matter when they are
/// active (invariants, CHECK constraints, generated and identity columns, row tracking) are refused only when the
/// table actually uses them; invariants and CHECK constraints are allowed when the writer evaluates them
/// (<see cref="Constraints.WriteConstraints"/> with a <see cref="Constraints.ICheckConstraintCompiler"/>). Stateless.
/// </summary>
internal static class WriteProtocolCheck
{
    public const int MaxWriterVersion = 7;

    /// <summary>Writer features this engine writes correctly (some only while inactive; see <see cref="Unsupported"/>).</summary>
    public static IReadOnlySet<string> KnownWriterFeatures { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "appendOnly", "invariants", "checkConstraints", "changeDataFeed", "generatedColumns", "columnMapping",
        "identityColumns", "deletionVectors", "timestampNtz", "domainMetadata", "v2Checkpoint", "inCommitTimestamp",
        "vacuumProtocolCheck", "clustering", "typeWidening", "typeWidening-preview", "allowColumnDefaults", "rowTracking",
    };

    /// <param name="evaluatesChecks">True when the writer evaluates CHECK constraints and invariants (a
    /// <see cref="Constraints.ICheckConstraintCompiler"/> is supplied); tables using them are refused otherwise.</param>
    public static void EnsureWritable(Protocol protocol, Metadata metadata, StructType schema, string table, bool evaluatesChecks = false)
    {
        var problems = Unsupported(protocol, metadata, schema, evaluatesChecks);
        if (problems.Count == 0) return;
        throw new DeltaException("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE",
            $"Unable to write table {table}: it requires writer behaviour this engine does not implement: {string.Join("; ", problems)}. " +
            "Write it with an engine that supports these features, or remove them from the table.");
    }

    /// <summary>The reasons the protocol cannot be written (empty when it can).</summary>
    public static List<string> Unsupported(Protocol protocol, Metadata metadata, StructType schema, bool evaluatesChecks = false)
    {
        var problems = new List<string>();
        if (protocol.MinWriterVersion > MaxWriterVersion)
        {
            problems.Add($"minWriterVersion {protocol.MinWriterVersion} (this engine writes up to {MaxWriterVersion})");
            return problems;
        }
        var features = protocol.SupportsWriterFeatures
            ? new HashSet<string>(protocol.WriterFeatures ?? [], StringComparer.Ordinal)
            : LegacyFeatures(protocol.MinWriterVersion);
        foreach (var f in features)
            if (!KnownWriterFeatures.Contains(f)) problems.Add($"writer feature '{f}'");

        var config = metadata.Configuration;
        if (!evaluatesChecks && features.Contains("invariants") && AnyFieldHas(schema, "delta.invariants"))
            problems.Add("column invariants (delta.invariants) are not evaluated");
        if (!evaluatesChecks && features.Contains("checkConstraints") && config.Keys.Any(k => k.StartsWith("delta.constraints.", StringComparison.OrdinalIgnoreCase)))
            problems.Add("CHECK constraints (delta.constraints.*) are not evaluated");
        if (features.Contains("generatedColumns") && AnyFieldHas(schema, "delta.generationExpression"))
            problems.Add("generated columns are not computed");
        if (features.Contains("identityColumns") && AnyFieldHas(schema, "delta.identity.start"))
            problems.Add("identity columns are not generated");
        if (features.Contains("rowTracking") && !(config.TryGetValue("delta.rowTrackingSuspended", out var s) && bool.TryParse(s, out var suspended) && suspended))
            problems.Add("row tracking (baseRowId / defaultRowCommitVersion) is not assigned");
        return problems;
    }

    /// <summary>The features implied by a legacy writer version (PROTOCOL.md "Writer Version Requirements").</summary>
    private static HashSet<string> LegacyFeatures(int writerVersion)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (writerVersion >= 2) { set.Add("appendOnly"); set.Add("invariants"); }
        if (writerVersion >= 3) set.Add("checkConstraints");
        if (writerVersion >= 4) { set.Add("changeDataFeed"); set.Add("generatedColumns"); }
        if (writerVersion >= 5) set.Add("columnMapping");
        if (writerVersion >= 6) set.Add("identityColumns");
        return set;
    }

    /// <summary>True when the table's feature set includes <paramref name="feature"/> (by name at writer 7, by version below).</summary>
    public static bool Supports(Protocol protocol, string feature) =>
        protocol.SupportsWriterFeatures ? protocol.HasWriterFeature(feature) : LegacyFeatures(protocol.MinWriterVersion).Contains(feature);

    private static bool AnyFieldHas(DataType type, string key) => type switch
    {
        StructType s => s.Fields.Any(f => f.Metadata.ContainsKey(key) || AnyFieldHas(f.Type, key)),
        ArrayType a => AnyFieldHas(a.ElementType, key),
        MapType m => AnyFieldHas(m.KeyType, key) || AnyFieldHas(m.ValueType, key),
        _ => false,
    };
}
