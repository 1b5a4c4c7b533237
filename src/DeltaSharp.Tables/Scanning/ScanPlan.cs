using DeltaSharp.Expressions;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Scanning;

/// <summary>A column a predicate refers to: a partition column, or a data column (top-level or nested through
/// structs) with its logical field chain and canonical dotted path (the key of <see cref="FileStatistics"/>).</summary>
internal sealed record ResolvedColumn(PartitionColumn? Partition, IReadOnlyList<StructField> Fields, string LogicalPath, DataType Type);

/// <summary>Everything a scan resolves once: column mapping mode, output schema, partition columns, the stats parser
/// and the predicate's column resolution. Immutable; the stats parser is built on first use. Thread-safe.</summary>
internal sealed class ScanPlan
{
    private readonly Dictionary<string, PartitionColumn> _partitionColumns;
    private readonly Lazy<StatsParser> _statsParser;
    private readonly Lazy<StatsParser> _skippingStatsParser;
    // Keyed by reference: the predicate's own ColumnRef nodes come back on every file (ColumnRef's value hash joins its path).
    private readonly Dictionary<ColumnRef, ResolvedColumn?> _resolved = new(ReferenceEqualityComparer.Instance);

    private ScanPlan(Snapshot snapshot, ColumnMappingMode mode, StructType outputSchema, PartitionColumn?[] outputPartitions,
        Dictionary<string, PartitionColumn> partitionColumns, Expression? predicate, int batchSize)
    {
        Snapshot = snapshot;
        Mode = mode;
        OutputSchema = outputSchema;
        OutputPartitions = outputPartitions;
        _partitionColumns = partitionColumns;
        Predicate = predicate;
        BatchSize = batchSize;
        _statsParser = new Lazy<StatsParser>(() => new StatsParser(snapshot.Schema, mode));
        if (predicate is not null)
            foreach (var column in predicate.ReferencedColumns()) _resolved.TryAdd(column, ResolveCore(column));
        var statsColumns = _resolved.Values.Where(r => r is { Partition: null }).Select(r => r!.LogicalPath).ToHashSet(StringComparer.Ordinal);
        _skippingStatsParser = new Lazy<StatsParser>(() => new StatsParser(snapshot.Schema, mode, statsColumns));
    }

    public Snapshot Snapshot { get; }

    public ColumnMappingMode Mode { get; }

    public StructType OutputSchema { get; }

    /// <summary>Per output field: its partition column, or null for a data column.</summary>
    public IReadOnlyList<PartitionColumn?> OutputPartitions { get; }

    public Expression? Predicate { get; }

    public int BatchSize { get; }

    public StatsParser StatsParser => _statsParser.Value;

    /// <summary>A parser of only the stats columns the predicate names.</summary>
    public StatsParser SkippingStatsParser => _skippingStatsParser.Value;

    public IEnumerable<PartitionColumn> PartitionColumns => _partitionColumns.Values;

    public static ScanPlan Create(Snapshot snapshot, IReadOnlyList<string>? columns, Expression? predicate, int batchSize)
    {
        var mode = ColumnMapping.ModeOf(snapshot.Protocol, snapshot.Metadata);
        var schema = snapshot.Schema;
        var partitions = new Dictionary<string, PartitionColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in snapshot.PartitionColumns)
        {
            var i = schema.IndexOf(name);
            if (i < 0)
                throw new DeltaException("DELTA_PARTITION_COLUMN_NOT_FOUND",
                    $"Partition column '{name}' is not in the table schema ({string.Join(", ", schema.Fields.Select(f => f.Name))}).");
            var field = schema[i];
            partitions[field.Name] = new PartitionColumn(field.Name, ColumnMapping.PhysicalName(field, mode), field.Type);
        }
        StructField[] output;
        if (columns is null)
        {
            output = [.. schema.Fields];
        }
        else
        {
            output = new StructField[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                var i = schema.IndexOf(columns[c]);
                if (i < 0)
                    throw new DeltaException("UNRESOLVED_COLUMN",
                        $"Column '{columns[c]}' is not in the table; the columns are: {string.Join(", ", schema.Fields.Select(f => f.Name))}.");
                output[c] = schema[i];
            }
        }
        var outputPartitions = new PartitionColumn?[output.Length];
        for (var c = 0; c < output.Length; c++) outputPartitions[c] = partitions.GetValueOrDefault(output[c].Name);
        return new ScanPlan(snapshot, mode, new StructType(output), outputPartitions, partitions, predicate, batchSize);
    }

    /// <summary>The typed partition values of <paramref name="add"/> by logical name (missing keys read as null).</summary>
    public IReadOnlyDictionary<string, object?> ParsePartitionValues(AddFile add)
    {
        var result = new Dictionary<string, object?>(_partitionColumns.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var p in _partitionColumns.Values) result[p.LogicalName] = p.ValueOf(add);
        return result;
    }

    /// <summary>Resolves a predicate's column reference (case-insensitive, as Spark); null when it names no column of
    /// the table or goes through an array/map. The predicate's columns are resolved once, when the plan is made.</summary>
    public ResolvedColumn? Resolve(ColumnRef column) =>
        _resolved.TryGetValue(column, out var r) ? r : ResolveCore(column);

    private ResolvedColumn? ResolveCore(ColumnRef column)
    {
        if (column.Path.Count == 0) return null;
        if (column.Path.Count == 1 && _partitionColumns.TryGetValue(column.Path[0], out var p))
            return new ResolvedColumn(p, [], p.LogicalName, p.Type);
        DataType current = Snapshot.Schema;
        var fields = new List<StructField>(column.Path.Count);
        foreach (var name in column.Path)
        {
            if (current is not StructType st) return null;
            var i = st.IndexOf(name);
            if (i < 0) return null;
            fields.Add(st[i]);
            current = st[i].Type;
        }
        if (fields.Count == 1 && _partitionColumns.ContainsKey(fields[0].Name)) return null;
        return new ResolvedColumn(null, fields, string.Join('.', fields.Select(f => f.Name)), current);
    }
}
