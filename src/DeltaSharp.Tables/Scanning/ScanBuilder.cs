using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Scanning;

/// <summary>Builds a <see cref="Scan"/> of a snapshot: projected columns (logical names) and a predicate used for
/// partition pruning, stats-based file skipping and Parquet row-group skipping. Not thread-safe.</summary>
public sealed class ScanBuilder
{
    internal ScanBuilder(Snapshot snapshot) => Snapshot = snapshot;

    public Snapshot Snapshot { get; }

    internal IReadOnlyList<string>? Columns { get; private set; }

    internal Expression? Predicate { get; private set; }

    internal int BatchSize { get; private set; } = 8192;

    /// <summary>Only these top-level columns (logical names, partition columns allowed), in this order.</summary>
    public ScanBuilder Select(params IEnumerable<string> columns)
    {
        Columns = [.. columns];
        return this;
    }

    /// <summary>A predicate over logical column names; files/row groups that cannot match are skipped. Rows are
    /// NOT filtered by it (the caller filters).</summary>
    public ScanBuilder Where(Expression predicate)
    {
        Predicate = predicate;
        return this;
    }

    public ScanBuilder WithBatchSize(int batchSize)
    {
        BatchSize = batchSize;
        return this;
    }

    public Scan Build() => throw new NotImplementedException("H-scan");
}

/// <summary>
/// A planned scan: the files kept after pruning and the batches they produce. Output batches have
/// <see cref="Schema"/> (logical names, table column order or the selected order); rows deleted by a deletion
/// vector are excluded through <see cref="ColumnBatch.Selection"/>. Thread-safe to enumerate from one thread at a time.
/// </summary>
public sealed class Scan
{
    internal Scan(Snapshot snapshot, StructType schema, IReadOnlyList<ScanFile> files)
    {
        Snapshot = snapshot;
        Schema = schema;
        Files = files;
    }

    public Snapshot Snapshot { get; }

    public StructType Schema { get; }

    public IReadOnlyList<ScanFile> Files { get; }

    public IEnumerable<ColumnBatch> ReadBatches() => throw new NotImplementedException("H-scan");
}

/// <summary>One file of a scan: its add action, resolved full path, typed partition values (logical names) and
/// parsed stats (null when the add has none).</summary>
public sealed record ScanFile(AddFile Add, string FullPath, IReadOnlyDictionary<string, object?> PartitionValues, FileStatistics? Stats);

/// <summary>Parsed add.stats: numRecords, per-column min/max/nullCount (typed values, logical column paths), tightBounds.</summary>
public sealed record FileStatistics(
    long NumRecords,
    IReadOnlyDictionary<string, object?> MinValues,
    IReadOnlyDictionary<string, object?> MaxValues,
    IReadOnlyDictionary<string, long> NullCounts,
    bool? TightBounds);
