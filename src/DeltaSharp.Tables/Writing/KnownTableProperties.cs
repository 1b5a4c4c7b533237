namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The <c>delta.*</c> table properties a writer accepts, and the normalisation Delta applies to keys being set
/// (DeltaConfigs.validateConfigurations): a known key is matched case-insensitively and takes its canonical
/// spelling; <c>delta.feature.*</c> keys are lower-cased; <c>delta.constraints.*</c> pass as written (their own
/// command guards them); any other <c>delta.*</c> key is refused with DELTA_UNKNOWN_CONFIGURATION; keys outside
/// <c>delta.</c> are free-form. Only keys being set are checked, so a table whose log already carries an unknown key
/// still reads and writes. Stateless.
/// </summary>
public static class KnownTableProperties
{
    private const string DeltaPrefix = "delta.";
    private const string FeaturePrefix = "delta.feature.";
    private const string ConstraintPrefix = "delta.constraints.";
    // delta.universalFormat.config.<format>.<name>: free-form names for the converted formats (DeltaConfigs).
    private const string UniversalFormatConfigPrefix = "delta.universalformat.config.";

    /// <summary>Delta's table configurations (OSS DeltaConfigs, plus the Databricks properties its documentation
    /// lists and tables in the wild carry), in canonical spelling.</summary>
    public static IReadOnlyList<string> Keys { get; } =
    [
        // Protocol and table-creation settings
        "delta.minReaderVersion", "delta.minWriterVersion", "delta.ignoreProtocolDefaults",
        // Log, checkpoint and retention
        "delta.logRetentionDuration", "delta.sampleRetentionDuration", "delta.checkpointRetentionDuration",
        "delta.checkpointInterval", "delta.enableExpiredLogCleanup", "delta.enableFullRetentionRollback",
        "delta.dropFeatureTruncateHistory.retentionDuration", "delta.deletedFileRetentionDuration",
        "delta.setTransactionRetentionDuration", "delta.checkpointPolicy", "delta.checkpoint.writeStatsAsJson",
        "delta.checkpoint.writeStatsAsStruct", "delta.requireCheckpointProtectionBeforeVersion",
        // Data layout and statistics
        "delta.randomizeFilePrefixes", "delta.randomPrefixLength", "delta.dataSkippingNumIndexedCols",
        "delta.dataSkippingStatsColumns", "delta.autoOptimize", "delta.autoOptimize.optimizeWrite",
        "delta.autoOptimize.autoCompact", "delta.targetFileSize", "delta.tuneFileSizesForRewrites",
        "delta.parquet.compression.codec", "delta.compatibility.symlinkFormatManifest.enabled",
        // Features switched on by a property
        "delta.appendOnly", "delta.enableDeletionVectors", "delta.enableChangeDataFeed", "delta.enableChangeDataCapture",
        "delta.columnMapping.mode", "delta.columnMapping.maxColumnId", "delta.isolationLevel", "delta.enableRowTracking",
        "delta.rowTracking.materializedRowIdColumnName", "delta.rowTracking.materializedRowCommitVersionColumnName",
        "delta.enableTypeWidening", "delta.enableInCommitTimestamps", "delta.inCommitTimestampEnablementVersion",
        "delta.inCommitTimestampEnablementTimestamp", "delta.enableVariantShredding",
        // Universal format (Iceberg / Hudi conversion)
        "delta.universalFormat.enabledFormats", "delta.enableIcebergCompatV1", "delta.enableIcebergCompatV2",
        "delta.enableIcebergCompatV3", "delta.enableIcebergWriterCompatV1",
        // Coordinated commits (preview)
        "delta.coordinatedCommits.commitCoordinator-preview", "delta.coordinatedCommits.commitCoordinatorConf-preview",
        "delta.coordinatedCommits.tableConf-preview",
    ];

    private static readonly Dictionary<string, string> ByLowerCase =
        Keys.ToDictionary(k => k.ToLowerInvariant(), k => k, StringComparer.Ordinal);

    /// <summary>The canonical spelling of <paramref name="key"/> when it is a known Delta configuration (any case),
    /// a lower-cased <c>delta.feature.*</c> key, or <paramref name="key"/> unchanged otherwise. Never throws (UNSET
    /// TBLPROPERTIES normalises this way: DeltaConfigs.normalizeConfigKeys).</summary>
    public static string Canonical(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var lower = key.ToLowerInvariant();
        if (lower.StartsWith(FeaturePrefix, StringComparison.Ordinal)) return lower;
        if (lower.StartsWith(DeltaPrefix, StringComparison.Ordinal) && ByLowerCase.TryGetValue(lower, out var known)) return known;
        return key;
    }

    /// <summary>Whether <paramref name="key"/> may be set: not under <c>delta.</c>, a known configuration, a
    /// constraint, a feature or a universal-format configuration (any case).</summary>
    public static bool IsAccepted(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var lower = key.ToLowerInvariant();
        return !lower.StartsWith(DeltaPrefix, StringComparison.Ordinal)
            || lower.StartsWith(ConstraintPrefix, StringComparison.Ordinal)
            || lower.StartsWith(FeaturePrefix, StringComparison.Ordinal)
            || lower.StartsWith(UniversalFormatConfigPrefix, StringComparison.Ordinal)
            || ByLowerCase.ContainsKey(lower);
    }

    /// <summary>A key being set, normalised as Delta stores it (<see cref="Canonical"/>); an unknown <c>delta.*</c>
    /// key throws DELTA_UNKNOWN_CONFIGURATION unless <paramref name="allowArbitrary"/> (Spark's
    /// spark.databricks.delta.allowArbitraryProperties.enabled) keeps it as written.</summary>
    public static string NormalizeForSet(string key, bool allowArbitrary = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.StartsWith(ConstraintPrefix, StringComparison.OrdinalIgnoreCase)) return key;
        if (!allowArbitrary && !IsAccepted(key)) throw Unknown(key);
        return Canonical(key);
    }

    /// <summary>Properties being set (CREATE TABLE … TBLPROPERTIES, REPLACE TABLE, SET TBLPROPERTIES), each key
    /// normalised by <see cref="NormalizeForSet"/>; a later duplicate (after normalisation) wins.</summary>
    public static Dictionary<string, string> NormalizeForSet(IEnumerable<KeyValuePair<string, string>> properties, bool allowArbitrary = false)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties) result[NormalizeForSet(key, allowArbitrary)] = value;
        return result;
    }

    /// <summary>Delta's DELTA_UNKNOWN_CONFIGURATION, naming the key as it was written.</summary>
    public static DeltaException Unknown(string key) =>
        new("DELTA_UNKNOWN_CONFIGURATION",
            $"Unknown configuration was specified: {key}\nTo disable this check, set spark.databricks.delta.allowArbitraryProperties.enabled=true in the Spark session configuration.");
}
