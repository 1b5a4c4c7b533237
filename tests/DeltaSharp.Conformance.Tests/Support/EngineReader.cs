using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>Reads a table version with DeltaSharp into the harness' <see cref="DeltaActualVersion"/>: snapshot by
/// version, full scan (rows deselected by a deletion vector do not count), active files from the snapshot.</summary>
internal static class EngineReader
{
    /// <summary>Conformance reads switch the deleted-file retention check off (the corpus README "Old tables and
    /// the deleted-file retention rule"); a separate test shows the check refuses old versions.</summary>
    public static DeltaTableOptions ConformanceOptions { get; } = new() { EnforceTimeTravelWithinDeletedFileRetention = false };

    public static DeltaActualVersion Read(string tableDir, long version, DeltaTableOptions? options = null) =>
        FromSnapshot(DeltaTable.ForPath(tableDir, options ?? ConformanceOptions).AtVersion(version));

    /// <summary>The snapshot only (schema, partition columns, active files; no rows): separates log-replay
    /// problems from scan problems.</summary>
    public static DeltaActualVersion ReadSnapshot(string tableDir, long version, DeltaTableOptions? options = null) =>
        FromSnapshot(DeltaTable.ForPath(tableDir, options ?? ConformanceOptions).AtVersion(version), scan: false);

    public static DeltaActualVersion FromSnapshot(Snapshot snapshot, bool scan = true)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var rows = scan ? RowJson.FromBatches(snapshot.Scan().Build().ReadBatches()) : null;
        var files = snapshot.ActiveFiles
            .Select(a => new ActualActiveFile(a.Path, a.DeletionVector?.UniqueId, a.DeletionVector?.Cardinality, a.PartitionValues))
            .ToList();
        return new DeltaActualVersion(snapshot.Version, snapshot.Schema, snapshot.PartitionColumns, rows, files);
    }
}
