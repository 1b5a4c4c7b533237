using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Adds the table features a metadata change starts to use (PROTOCOL.md "Table Features for New and Existing
/// Tables"): enabling in-commit timestamps, deletion vectors, append-only, change data feed, CHECK constraints or
/// column mapping, or adding a timestamp_ntz column, needs the matching feature in the protocol. A legacy protocol is moved to
/// writer 7 (and reader 3 when a reader feature is needed) listing the features its old versions implied, as the
/// protocol asks ("must assume a feature has been used"). Stateless.
/// </summary>
internal static class ProtocolUpgrade
{
    internal static readonly string[] ReaderWriterFeatures = ["columnMapping", "deletionVectors", "timestampNtz", "v2Checkpoint", "vacuumProtocolCheck", "typeWidening"];

    /// <summary>The protocol the metadata needs, or null when <paramref name="current"/> already suffices.</summary>
    public static Protocol? For(Protocol current, Metadata metadata, StructType schema)
    {
        var config = metadata.Configuration;
        var needed = new List<string>();
        if (IsTrue(config, "delta.enableInCommitTimestamps")) needed.Add("inCommitTimestamp");
        if (IsTrue(config, "delta.enableDeletionVectors")) needed.Add("deletionVectors");
        if (IsTrue(config, "delta.appendOnly")) needed.Add("appendOnly");
        if (IsTrue(config, "delta.enableChangeDataFeed")) needed.Add("changeDataFeed");
        if (config.Keys.Any(k => k.StartsWith("delta.constraints.", StringComparison.Ordinal))) needed.Add("checkConstraints");
        if (ContainsNtz(schema)) needed.Add("timestampNtz");
        if (PhysicalSchema.IsMapped(config.GetValueOrDefault("delta.columnMapping.mode"))) needed.Add("columnMapping");
        var missing = needed.Where(f => !WriteProtocolCheck.Supports(current, f)).ToList();
        if (missing.Count == 0) return null;
        return WithFeatures(current, missing);
    }

    /// <summary><paramref name="current"/> with <paramref name="features"/> added (writer 7; reader 3 when one of
    /// them is a reader-writer feature or the reader already lists features), e.g. for
    /// <c>delta.feature.&lt;name&gt; = 'supported'</c>.</summary>
    internal static Protocol WithFeatures(Protocol current, IEnumerable<string> features)
    {
        var missing = features.Where(f => !WriteProtocolCheck.Supports(current, f)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count == 0) return current;
        var writer = new List<string>(current.SupportsWriterFeatures ? current.WriterFeatures ?? [] : ImpliedWriterFeatures(current.MinWriterVersion));
        var reader = new List<string>(current.SupportsReaderFeatures ? current.ReaderFeatures ?? [] : ImpliedReaderFeatures(current.MinReaderVersion));
        foreach (var f in missing)
        {
            if (!writer.Contains(f)) writer.Add(f);
            if (ReaderWriterFeatures.Contains(f) && !reader.Contains(f)) reader.Add(f);
        }
        var readerVersion = reader.Count > 0 ? 3 : current.MinReaderVersion;
        return new Protocol(readerVersion, 7, readerVersion >= 3 ? reader : null, writer);
    }

    /// <summary>The writer features a legacy writer version implies (PROTOCOL.md "Writer Version Requirements").</summary>
    internal static List<string> ImpliedWriterFeatures(int writerVersion)
    {
        var list = new List<string>();
        if (writerVersion >= 2) list.AddRange(["appendOnly", "invariants"]);
        if (writerVersion >= 3) list.Add("checkConstraints");
        if (writerVersion >= 4) list.AddRange(["changeDataFeed", "generatedColumns"]);
        if (writerVersion >= 5) list.Add("columnMapping");
        if (writerVersion >= 6) list.Add("identityColumns");
        return list;
    }

    /// <summary>The reader features a legacy reader version implies (reader 2: column mapping).</summary>
    internal static List<string> ImpliedReaderFeatures(int readerVersion) => readerVersion >= 2 ? ["columnMapping"] : [];

    private static bool IsTrue(IReadOnlyDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var v) && bool.TryParse(v.Trim(), out var b) && b;

    private static bool ContainsNtz(DataType type) => type switch
    {
        TimestampNtzType => true,
        StructType s => s.Fields.Any(f => ContainsNtz(f.Type)),
        ArrayType a => ContainsNtz(a.ElementType),
        MapType m => ContainsNtz(m.KeyType) || ContainsNtz(m.ValueType),
        _ => false,
    };
}
