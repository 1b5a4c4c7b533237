using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Catalog;

/// <summary>
/// Tables held in memory, for tests and examples: each write adds a version (with a commit time from the
/// <see cref="TimeProvider"/>), so time travel works as on a Delta table. Names are case-insensitive; a one-part
/// name also answers to <c>default.t</c> and <c>spark_catalog.default.t</c>. Thread-safe.
/// </summary>
public sealed class InMemoryTableProvider(TimeProvider? time = null) : ITableProvider
{
    private readonly Dictionary<TableIdentifier, InMemoryTable> _tables = [];
    private readonly Lock _gate = new();

    public TimeProvider Time { get; } = time ?? TimeProvider.System;

    /// <summary>Creates an empty table (version 0). Throws when it exists.</summary>
    public InMemoryTable CreateTable(TableIdentifier name, StructType schema, IReadOnlyList<string>? partitionColumns = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            var key = Normalize(name);
            if (_tables.ContainsKey(key))
                throw new SqlAnalysisException("TABLE_OR_VIEW_ALREADY_EXISTS", $"Cannot create table or view {name} because it already exists.");
            var table = new InMemoryTable(name, schema, partitionColumns ?? [], Time);
            _tables[key] = table;
            return table;
        }
    }

    /// <summary>Creates a table named <paramref name="name"/> holding <paramref name="rows"/> (boxed values, see
    /// <see cref="InMemoryTable.Append(IEnumerable{object?[]})"/>).</summary>
    public InMemoryTable CreateTable(string name, StructType schema, IEnumerable<object?[]> rows)
    {
        var table = CreateTable(TableIdentifier.Named(name.Split('.')), schema);
        table.Append(rows);
        return table;
    }

    /// <summary>Removes a table; false when there is none.</summary>
    public bool DropTable(TableIdentifier name)
    {
        lock (_gate) return _tables.Remove(Normalize(name));
    }

    public InMemoryTable? GetTable(TableIdentifier name)
    {
        lock (_gate) return _tables.GetValueOrDefault(Normalize(name));
    }

    public ITableSource? FindTable(TableIdentifier name, TableVersionSpec version) => GetTable(name)?.At(version);

    public ITableSink? FindSink(TableIdentifier name) => GetTable(name);

    private static TableIdentifier Normalize(TableIdentifier name)
    {
        if (name.IsPath) return name;
        var parts = name.Parts;
        if (parts.Count == 3 && string.Equals(parts[0], "spark_catalog", StringComparison.OrdinalIgnoreCase) && string.Equals(parts[1], "default", StringComparison.OrdinalIgnoreCase))
            return TableIdentifier.Named(parts[2]);
        if (parts.Count == 2 && string.Equals(parts[0], "default", StringComparison.OrdinalIgnoreCase))
            return TableIdentifier.Named(parts[1]);
        return name;
    }
}

/// <summary>
/// A versioned in-memory table: every write is a new version with its commit time. Reading a version returns
/// the batches written up to it. Thread-safe for writes; sources are immutable snapshots.
/// </summary>
public sealed class InMemoryTable : ITableSink
{
    private readonly List<(long Version, DateTimeOffset Time, IReadOnlyList<ColumnBatch> Batches)> _versions = [];
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    internal InMemoryTable(TableIdentifier name, StructType schema, IReadOnlyList<string> partitionColumns, TimeProvider time)
    {
        Name = name;
        Schema = schema;
        PartitionColumns = partitionColumns;
        _time = time;
        _versions.Add((0, time.GetUtcNow(), []));
    }

    public TableIdentifier Name { get; }
    public StructType Schema { get; }
    public IReadOnlyList<string> PartitionColumns { get; }

    /// <summary>The latest version.</summary>
    public long Version
    {
        get { lock (_gate) return _versions[^1].Version; }
    }

    /// <summary>Commit times of every version, oldest first.</summary>
    public IReadOnlyList<(long Version, DateTimeOffset Timestamp)> History
    {
        get { lock (_gate) return _versions.Select(v => (v.Version, v.Time)).ToArray(); }
    }

    /// <summary>The last predicate a scan of this table was given (for push-down tests).</summary>
    public DeltaSharp.Expressions.Expression? LastPushedPredicate { get; internal set; }

    /// <summary>The columns the last scan asked for (for column-pruning tests).</summary>
    public IReadOnlyList<string>? LastScannedColumns { get; internal set; }

    public long Write(IEnumerable<ColumnBatch> batches, TableWriteMode mode)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var copies = new List<ColumnBatch>();
        long rows = 0;
        foreach (var b in batches)
        {
            if (b.Columns.Length != Schema.Count)
                throw new ArgumentException($"A batch for {Name} needs {Schema.Count} columns, not {b.Columns.Length}.", nameof(batches));
            var dense = VectorCopier.Compact(b);
            var cols = new ColumnVector[dense.Columns.Length];
            for (var c = 0; c < cols.Length; c++) cols[c] = VectorCopier.Slice(dense.Columns[c], 0, dense.RowCount);
            copies.Add(new ColumnBatch(Schema, cols, dense.RowCount));
            rows += dense.RowCount;
        }
        lock (_gate)
        {
            var previous = mode == TableWriteMode.Append ? _versions[^1].Batches : [];
            _versions.Add((_versions[^1].Version + 1, _time.GetUtcNow(), [.. previous, .. copies]));
        }
        return rows;
    }

    /// <summary>Appends rows given as boxed values (ValueConverter boxing or the physical convention: int days,
    /// long micros, DecimalValue, string, …) as one new version.</summary>
    public void Append(IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var batch = ColumnBatch.Create(Schema, 16);
        var n = 0;
        foreach (var row in rows)
        {
            for (var c = 0; c < Schema.Count; c++) PhysicalValues.Append(batch.Columns[c], row[c]);
            n++;
        }
        batch.RowCount = n;
        Write([batch], TableWriteMode.Append);
    }

    /// <summary>The source for <paramref name="spec"/>; throws when the version does not exist.</summary>
    public ITableSource At(TableVersionSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_gate)
        {
            switch (spec.Kind)
            {
                case TableVersionKind.Version:
                    foreach (var v in _versions)
                        if (v.Version == spec.Version) return new Source(this, v.Version, v.Batches);
                    throw new SqlAnalysisException("DELTA_VERSION_NOT_FOUND",
                        $"Cannot time travel Delta table to version {spec.Version}. Available versions: [{_versions[0].Version}, {_versions[^1].Version}].");
                case TableVersionKind.Timestamp:
                {
                    if (spec.Timestamp > _versions[^1].Time)
                        throw new SqlAnalysisException("DELTA_TIMESTAMP_GREATER_THAN_COMMIT",
                            $"The provided timestamp ({spec.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}) is after the latest version available to this table ({_versions[^1].Time.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}). Please use a timestamp before or at {_versions[^1].Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}.");
                    for (var i = _versions.Count - 1; i >= 0; i--)
                        if (_versions[i].Time <= spec.Timestamp) return new Source(this, _versions[i].Version, _versions[i].Batches);
                    throw new SqlAnalysisException("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION",
                        $"The provided timestamp ({spec.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}) is before the earliest version available to this table ({_versions[0].Time.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}). Please use a timestamp after {_versions[0].Time.UtcDateTime:yyyy-MM-dd HH:mm:ss}.");
                }
                default:
                    return new Source(this, _versions[^1].Version, _versions[^1].Batches);
            }
        }
    }

    private sealed class Source(InMemoryTable table, long version, IReadOnlyList<ColumnBatch> batches) : ITableSource
    {
        public string DisplayName => table.Name.ToString();
        public StructType Schema => table.Schema;
        public IReadOnlyList<string> PartitionColumns => table.PartitionColumns;
        public long? Version => version;
        public long? EstimatedRowCount => batches.Sum(b => (long)b.RowCount);

        public IEnumerable<ColumnBatch> Scan(IReadOnlyList<string> columns, DeltaSharp.Expressions.Expression? pushedPredicate)
        {
            table.LastPushedPredicate = pushedPredicate;
            table.LastScannedColumns = columns;
            var ordinals = columns.Select(c =>
            {
                var i = table.Schema.IndexOf(c);
                return i >= 0 ? i : throw new ArgumentException($"No column {c} in {table.Name}.", nameof(columns));
            }).ToArray();
            var schema = new StructType(ordinals.Select(i => table.Schema[i]));
            return Iterate(ordinals, schema);
        }

        /// <summary>One part per stored batch (each write adds batches), so parallel scans have something to split.</summary>
        public IReadOnlyList<Func<IEnumerable<ColumnBatch>>> ScanParts(IReadOnlyList<string> columns, DeltaSharp.Expressions.Expression? pushedPredicate)
        {
            table.LastPushedPredicate = pushedPredicate;
            table.LastScannedColumns = columns;
            var ordinals = columns.Select(c => table.Schema.IndexOf(c)).ToArray();
            var schema = new StructType(ordinals.Select(i => table.Schema[i]));
            return batches.Select(b => (Func<IEnumerable<ColumnBatch>>)(() => Iterate(ordinals, schema, [b]))).ToArray();
        }

        private IEnumerable<ColumnBatch> Iterate(int[] ordinals, StructType schema) => Iterate(ordinals, schema, batches);

        private static IEnumerable<ColumnBatch> Iterate(int[] ordinals, StructType schema, IReadOnlyList<ColumnBatch> batches)
        {
            foreach (var b in batches)
            {
                var cols = new ColumnVector[ordinals.Length];
                for (var c = 0; c < cols.Length; c++) cols[c] = b.Columns[ordinals[c]];
                yield return new ColumnBatch(schema, cols, b.RowCount);
            }
        }

        public string Explain(IReadOnlyList<string> columns, DeltaSharp.Expressions.Expression? pushedPredicate) =>
            $"in-memory table {table.Name} version {version}: {batches.Count} batch(es), {EstimatedRowCount} row(s)";
    }
}
