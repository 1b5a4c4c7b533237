using System.Globalization;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The protocol and configuration of a new table (PROTOCOL.md "Table Features for New and Existing Tables").
/// By default what current Databricks creates: writer 7 with deletion vectors and in-commit timestamps switched on
/// (reader 3 with readerFeatures [deletionVectors]), plus exactly the features the schema and properties use
/// (columnMapping, timestampNtz, appendOnly, invariants, checkConstraints, changeDataFeed, and any
/// <c>delta.feature.X = supported</c>). The legacy choice (options or <c>delta.minWriterVersion</c> &lt; 7) gives
/// reader 1 / writer 2, raised only as far as the table's properties need. Stateless.
/// </summary>
internal static class NewTableProtocol
{
    private static readonly HashSet<string> ReaderWriterFeatures = new(StringComparer.Ordinal)
    {
        "columnMapping", "deletionVectors", "timestampNtz", "v2Checkpoint", "vacuumProtocolCheck", "typeWidening",
    };

    public static (Protocol Protocol, Dictionary<string, string> Configuration) Choose(
        StructType schema, IReadOnlyDictionary<string, string> properties, bool legacyRequested)
    {
        var config = new Dictionary<string, string>(properties, StringComparer.Ordinal);
        int? askedReader = TakeInt(config, "delta.minReaderVersion");
        int? askedWriter = TakeInt(config, "delta.minWriterVersion");
        var legacy = legacyRequested || askedWriter is < 7;

        var explicitFeatures = new List<string>();
        foreach (var key in config.Keys.Where(k => k.StartsWith("delta.feature.", StringComparison.Ordinal)).ToList())
        {
            var value = config[key].Trim();
            if (!value.Equals("supported", StringComparison.OrdinalIgnoreCase) && !value.Equals("enabled", StringComparison.OrdinalIgnoreCase))
                throw new DeltaException("DELTA_UNSUPPORTED_FEATURE_STATUS",
                    $"Table property '{key}' is '{config[key]}'; a table feature can only be set to 'supported'.");
            explicitFeatures.Add(key["delta.feature.".Length..]);
            config.Remove(key);
        }

        if (IsTrue(config, "delta.enableRowTracking"))
            throw new DeltaException("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE",
                "delta.enableRowTracking = true asks for row tracking, which this engine cannot write yet; create the table without it.");

        var columnMapping = PhysicalSchema.IsMapped(config.GetValueOrDefault("delta.columnMapping.mode"));
        var usesNtz = ContainsType<TimestampNtzType>(schema);
        var usesInvariants = HasFieldMetadata(schema, "delta.invariants");
        var usesConstraints = config.Keys.Any(k => k.StartsWith("delta.constraints.", StringComparison.Ordinal));
        var appendOnly = IsTrue(config, "delta.appendOnly");
        var cdf = IsTrue(config, "delta.enableChangeDataFeed");

        if (legacy)
        {
            var blockers = new List<string>();
            if (usesNtz) blockers.Add("a timestamp_ntz column (timestampNtz)");
            if (IsTrue(config, "delta.enableDeletionVectors")) blockers.Add("delta.enableDeletionVectors (deletionVectors)");
            if (IsTrue(config, "delta.enableInCommitTimestamps")) blockers.Add("delta.enableInCommitTimestamps (inCommitTimestamp)");
            if (explicitFeatures.Count > 0) blockers.Add("delta.feature.* properties");
            if (blockers.Count > 0)
                throw new DeltaException("DELTA_FEATURES_REQUIRE_TABLE_FEATURES_PROTOCOL",
                    $"A legacy protocol (reader 1 / writer 2) was asked for, but the table uses {string.Join(", ", blockers)}, which need reader 3 / writer 7 table features. " +
                    "Drop the legacy request or remove these settings.");
            var writer = 2;
            if (usesConstraints) writer = 3;
            if (cdf) writer = 4;
            if (columnMapping) writer = 5;
            var reader = columnMapping ? 2 : 1;
            return (new Protocol(Math.Max(reader, askedReader ?? 1), Math.Max(writer, askedWriter ?? 2)), config);
        }

        config.TryAdd("delta.enableDeletionVectors", "true");
        config.TryAdd("delta.enableInCommitTimestamps", "true");
        var readerFeatures = new List<string>();
        var writerFeatures = new List<string>();
        void Feature(string name)
        {
            if (!writerFeatures.Contains(name)) writerFeatures.Add(name);
            if (ReaderWriterFeatures.Contains(name) && !readerFeatures.Contains(name)) readerFeatures.Add(name);
        }
        if (IsTrue(config, "delta.enableDeletionVectors")) Feature("deletionVectors");
        if (IsTrue(config, "delta.enableInCommitTimestamps")) Feature("inCommitTimestamp");
        if (columnMapping) Feature("columnMapping");
        if (usesNtz) Feature("timestampNtz");
        if (appendOnly) Feature("appendOnly");
        if (usesInvariants) Feature("invariants");
        if (usesConstraints) Feature("checkConstraints");
        if (cdf) Feature("changeDataFeed");
        foreach (var f in explicitFeatures)
        {
            // delta.feature.* keys are stored lower-cased (DeltaConfigs); the protocol spells the feature canonically.
            var known = WriteProtocolCheck.KnownWriterFeatures.FirstOrDefault(k => k.Equals(f, StringComparison.OrdinalIgnoreCase))
                ?? throw new DeltaException("DELTA_UNSUPPORTED_FEATURES_FOR_WRITE",
                    $"Table feature '{f}' (delta.feature.{f}) is not supported by this engine; remove the property.");
            Feature(known);
        }
        var readerVersion = readerFeatures.Count > 0 ? 3 : 1;
        return (new Protocol(readerVersion, 7, readerVersion == 3 ? readerFeatures : null, writerFeatures), config);
    }

    private static int? TakeInt(Dictionary<string, string> config, string key)
    {
        if (!config.Remove(key, out var text)) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v is >= 1 and <= 7) return v;
        throw new DeltaException("DELTA_INVALID_PROTOCOL_VERSION", $"Table property '{key}' is '{text}'; it must be a protocol version from 1 to 7.");
    }

    private static bool IsTrue(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var v) && bool.TryParse(v.Trim(), out var b) && b;

    private static bool ContainsType<T>(DataType type) where T : DataType => type switch
    {
        T => true,
        StructType s => s.Fields.Any(f => ContainsType<T>(f.Type)),
        ArrayType a => ContainsType<T>(a.ElementType),
        MapType m => ContainsType<T>(m.KeyType) || ContainsType<T>(m.ValueType),
        _ => false,
    };

    private static bool HasFieldMetadata(DataType type, string key) => type switch
    {
        StructType s => s.Fields.Any(f => f.Metadata.ContainsKey(key) || HasFieldMetadata(f.Type, key)),
        ArrayType a => HasFieldMetadata(a.ElementType, key),
        MapType m => HasFieldMetadata(m.KeyType, key) || HasFieldMetadata(m.ValueType, key),
        _ => false,
    };
}
