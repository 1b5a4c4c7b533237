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
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        BatchSize = batchSize;
        return this;
    }

    /// <summary>Resolves the projection (UNRESOLVED_COLUMN for an unknown name, listing the table's columns) and
    /// keeps the active files that may match the predicate (partition values exactly, stats conservatively).</summary>
    public Scan Build()
    {
        var plan = ScanPlan.Create(Snapshot, Columns, Predicate, BatchSize);
        var active = Snapshot.ActiveFiles;
        var files = new List<ScanFile>(active.Count);
        foreach (var add in active)
        {
            var file = new ScanFile(add, TableFilePaths.Resolve(Snapshot.TableRoot, add.Path, Snapshot.Store), plan);
            if (plan.Predicate is null || DataSkipping.MayMatch(plan.Predicate, file, plan)) files.Add(file);
        }
        return new Scan(Snapshot, plan.OutputSchema, files, plan);
    }
}

/// <summary>
/// A planned scan: the files kept after pruning and the batches they produce. Output batches have
/// <see cref="Schema"/> (logical names, table column order or the selected order); rows deleted by a deletion
/// vector are excluded through <see cref="ColumnBatch.Selection"/>. Thread-safe to enumerate from one thread at a time.
/// </summary>
public sealed class Scan
{
    private readonly ScanPlan _plan;

    internal Scan(Snapshot snapshot, StructType schema, IReadOnlyList<ScanFile> files, ScanPlan plan)
    {
        Snapshot = snapshot;
        Schema = schema;
        Files = files;
        _plan = plan;
    }

    public Snapshot Snapshot { get; }

    public StructType Schema { get; }

    public IReadOnlyList<ScanFile> Files { get; }

    /// <summary>Reads the kept files one after another (Parquet files resolved through the snapshot's file store).
    /// Throws DeltaException DELTA_FILE_NOT_FOUND_DETAILED when a data or DV file is missing.</summary>
    public IEnumerable<ColumnBatch> ReadBatches()
    {
        foreach (var file in Files)
            foreach (var batch in ScanFileReader.Read(file, _plan))
                yield return batch;
    }

    /// <summary>The batches of one of <see cref="Files"/> (what <see cref="ReadBatches"/> yields for it). Different
    /// files may be read concurrently, each from its own thread.</summary>
    public IEnumerable<ColumnBatch> ReadFile(ScanFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ScanFileReader.Read(file, _plan);
    }

    /// <summary>The rows of <paramref name="file"/> a scan without a predicate returns, from metadata only (as Spark and
    /// DuckDB answer count(*)): stats numRecords (PROTOCOL.md "Per-file Statistics"), or the Parquet footer's row count
    /// when the add has no stats, minus the deletion vector's cardinality.</summary>
    public long CountRows(ScanFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return ScanFileReader.CountLive(file, Snapshot);
    }
}

/// <summary>One file of a scan: its add action, resolved full path, typed partition values (logical names) and
/// parsed stats (null when the add has none). Partition values and stats are parsed on first use. Thread-safe.</summary>
public sealed class ScanFile
{
    private readonly ScanPlan? _plan;
    private IReadOnlyDictionary<string, object?>? _partitionValues;
    private FileStatistics? _stats;
    private FileStatistics? _skippingStats;
    private bool _skippingStatsParsed;
    private bool _statsParsed;

    public ScanFile(AddFile add, string fullPath, IReadOnlyDictionary<string, object?> partitionValues, FileStatistics? stats)
    {
        ArgumentNullException.ThrowIfNull(add);
        ArgumentNullException.ThrowIfNull(fullPath);
        ArgumentNullException.ThrowIfNull(partitionValues);
        Add = add;
        FullPath = fullPath;
        _partitionValues = partitionValues;
        _stats = stats;
        _statsParsed = true;
    }

    internal ScanFile(AddFile add, string fullPath, ScanPlan plan)
    {
        Add = add;
        FullPath = fullPath;
        _plan = plan;
    }

    public AddFile Add { get; }

    public string FullPath { get; }

    /// <summary>Typed partition values by logical column name (case-insensitive lookup).</summary>
    public IReadOnlyDictionary<string, object?> PartitionValues =>
        _partitionValues ??= _plan!.ParsePartitionValues(Add);

    /// <summary>The value of one partition column (parsed alone when the full map is not needed).</summary>
    internal object? PartitionValue(PartitionColumn column) =>
        _partitionValues is { } all ? all.GetValueOrDefault(column.LogicalName) : column.ValueOf(Add);

    /// <summary>Stats for data skipping: the full stats when already parsed, else only the predicate's columns.</summary>
    internal FileStatistics? SkippingStats
    {
        get
        {
            if (Volatile.Read(ref _statsParsed)) return _stats;
            if (!_skippingStatsParsed)
            {
                _skippingStats = _plan!.SkippingStatsParser.Parse(Add.Stats);
                _skippingStatsParsed = true;
            }
            return _skippingStats;
        }
    }

    public FileStatistics? Stats
    {
        get
        {
            if (!Volatile.Read(ref _statsParsed))
            {
                _stats = _plan!.StatsParser.Parse(Add.Stats);
                Volatile.Write(ref _statsParsed, true);
            }
            return _stats;
        }
    }
}

/// <summary>Parsed add.stats: numRecords, per-column min/max/nullCount (typed values, logical column paths), tightBounds.</summary>
public sealed record FileStatistics(
    long NumRecords,
    IReadOnlyDictionary<string, object?> MinValues,
    IReadOnlyDictionary<string, object?> MaxValues,
    IReadOnlyDictionary<string, long> NullCounts,
    bool? TightBounds);
