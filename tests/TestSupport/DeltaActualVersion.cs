using DeltaSharp.Types;

namespace DeltaSharp.TestSupport;

/// <summary>One active file of the engine's snapshot: the add action's path as in the log, its deletion vector's
/// uniqueId and cardinality (null without a DV) and raw partition values (physical names).</summary>
internal sealed record ActualActiveFile(
    string Path,
    string? DvUniqueId,
    long? DvCardinality,
    IReadOnlyDictionary<string, string?> PartitionValues)
{
    public string DecodedPath => DeltaPaths.Decode(Path);
}

/// <summary>What the engine read for one table version, in the corpus conventions: schema, partition columns,
/// visible rows as JSON (after deletion vectors; null when only the snapshot was read) and optionally the snapshot's
/// active files.</summary>
internal sealed record DeltaActualVersion(
    long Version,
    StructType Schema,
    IReadOnlyList<string> PartitionColumns,
    IReadOnlyList<string>? Rows,
    IReadOnlyList<ActualActiveFile>? ActiveFiles);
