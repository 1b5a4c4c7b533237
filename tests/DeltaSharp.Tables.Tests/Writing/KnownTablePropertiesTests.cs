using System.Text.Json;
using DeltaSharp.Tables.Writing;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Tables.Tests.Writing;

/// <summary>Table property keys being set are normalised and checked as Delta's DeltaConfigs.validateConfigurations
/// does: known keys case-insensitive and canonical, delta.feature.* lower-cased, delta.constraints.* as written,
/// unknown delta.* keys refused (DELTA_UNKNOWN_CONFIGURATION), other keys free-form.</summary>
public sealed class KnownTablePropertiesTests
{
    [Theory]
    [InlineData("DELTA.APPENDONLY", "delta.appendOnly")]
    [InlineData("delta.enabledeletionvectors", "delta.enableDeletionVectors")]
    [InlineData("Delta.ColumnMapping.Mode", "delta.columnMapping.mode")]
    [InlineData("delta.feature.vacuumProtocolCheck", "delta.feature.vacuumprotocolcheck")]
    [InlineData("delta.constraints.Positive", "delta.constraints.Positive")]
    [InlineData("delta.universalFormat.config.iceberg.anything", "delta.universalFormat.config.iceberg.anything")]
    [InlineData("Owner", "Owner")]
    [InlineData("deltax.key", "deltax.key")]
    public void KeysBeingSetAreNormalisedAsDeltaStoresThem(string written, string stored) =>
        Assert.Equal(stored, KnownTableProperties.NormalizeForSet(written));

    [Theory]
    [InlineData("delta.key")]
    [InlineData("delta.parquet.vorder.enabled")]
    [InlineData("DELTA.enableDeletionVector")]
    public void UnknownDeltaKeysAreRefusedNamingTheKeyAsWritten(string key)
    {
        var e = Assert.Throws<DeltaException>(() => KnownTableProperties.NormalizeForSet(key));
        Assert.Equal("DELTA_UNKNOWN_CONFIGURATION", e.ErrorClass);
        Assert.Contains("Unknown configuration was specified: " + key + "\n", e.Message, StringComparison.Ordinal);
        Assert.Contains("spark.databricks.delta.allowArbitraryProperties.enabled=true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ArbitraryPropertiesAreKeptAsWrittenWhenAllowed() =>
        Assert.Equal("delta.Key", KnownTableProperties.NormalizeForSet("delta.Key", allowArbitrary: true));

    [Fact]
    public void UnsetNormalisationNeverThrows()
    {
        Assert.Equal("delta.unknown", KnownTableProperties.Canonical("delta.unknown"));
        Assert.Equal("delta.checkpointInterval", KnownTableProperties.Canonical("delta.CHECKPOINTINTERVAL"));
    }

    [Fact]
    public void EveryDeltaKeyInTheConformanceTablesIsAccepted()
    {
        // Real tables written by Spark and Databricks: their configuration keys must all be settable here.
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(RepoPaths.ConformanceTablesDir, "*.json", SearchOption.AllDirectories)
                     .Where(f => f.Contains("_delta_log", StringComparison.Ordinal)))
            foreach (var line in File.ReadLines(file))
            {
                if (!line.Contains("\"metaData\"", StringComparison.Ordinal)) continue;
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("metaData", out var m) && m.TryGetProperty("configuration", out var c))
                    foreach (var p in c.EnumerateObject()) keys.Add(p.Name);
            }
        Assert.Contains("delta.checkpointInterval", keys);
        Assert.All(keys, k => Assert.True(KnownTableProperties.IsAccepted(k), k));
    }
}
