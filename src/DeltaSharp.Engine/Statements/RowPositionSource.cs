using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Statements;

/// <summary>
/// The rows of a snapshot with two extra columns, <see cref="FileColumn"/> (index into <see cref="Files"/>) and
/// <see cref="PositionColumn"/> (row position in that file), so that DELETE / UPDATE / MERGE can run their condition
/// through the SQL engine and learn which rows of which file to mark (<see cref="FileRowReader"/>; rows already
/// deleted by a deletion vector are left out). The predicate the planner pushes into the scan prunes files by
/// partition values and stats (Delta's file skipping for DML); <see cref="ReadPredicates"/> / <see cref="ScannedFiles"/>
/// record what was read for the conflict checker. With <see cref="PartitionValuesOnly"/> each candidate file yields
/// one row holding its partition values (data columns NULL, position 0) without opening the file: a condition over
/// partition columns only then names whole files (metadata-only DELETE, replaceWhere on partitions).
/// </summary>
internal sealed class RowPositionSource : ITableSource
{
    public const string FileColumn = "__deltasharp_file";
    public const string PositionColumn = "__deltasharp_pos";

    private readonly List<AddFile> _files = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<Expression> _predicates = [];

    public RowPositionSource(Snapshot snapshot, string displayName, bool partitionValuesOnly = false, Expression? extraFilter = null)
    {
        Snapshot = snapshot;
        DisplayName = displayName;
        PartitionValuesOnly = partitionValuesOnly;
        ExtraFilter = extraFilter;
        Schema = new StructType([.. snapshot.Schema.Fields, new StructField(FileColumn, DataType.Integer, false), new StructField(PositionColumn, DataType.Long, false)]);
    }

    public Snapshot Snapshot { get; }

    /// <summary>The files scanned so far, by the index the <see cref="FileColumn"/> holds.</summary>
    public IReadOnlyList<AddFile> Files => _files;

    /// <summary>Every candidate file scanned (after file skipping).</summary>
    public IReadOnlyList<AddFile> ScannedFiles => _files;

    /// <summary>The filters scans used to choose files; empty with <see cref="ReadWholeTable"/>.</summary>
    public IReadOnlyList<Expression> ReadPredicates => _predicates;

    /// <summary>True when a scan had no filter (every file was a candidate).</summary>
    public bool ReadWholeTable { get; private set; }

    /// <summary>Data files opened (for tests of file skipping; 0 in <see cref="PartitionValuesOnly"/> mode).</summary>
    public int FilesOpened { get; private set; }

    public bool PartitionValuesOnly { get; }

    /// <summary>A filter over the table's columns the caller adds to every scan (e.g. a MERGE's target-only ON conjuncts).</summary>
    public Expression? ExtraFilter { get; }

    public string DisplayName { get; }

    public StructType Schema { get; }

    public IReadOnlyList<string> PartitionColumns => Snapshot.PartitionColumns;

    /// <summary>Records the reads of the scans on <paramref name="change"/>'s transaction.</summary>
    public void RecordOn(RowLevelChange change)
    {
        if (ReadWholeTable || _predicates.Count == 0) change.Transaction.ReadWholeTable();
        else foreach (var p in _predicates) change.Transaction.ReadPredicate(p);
        change.Transaction.ReadFiles(_files);
    }

    public IEnumerable<ColumnBatch> Scan(IReadOnlyList<string> columns, Expression? pushedPredicate)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var filter = (pushedPredicate, ExtraFilter) switch
        {
            (null, null) => null,
            ({ } p, null) => p,
            (null, { } x) => x,
            ({ } p, { } x) => new And(p, x),
        };
        var builder = Snapshot.Scan();
        if (filter is null) ReadWholeTable = true;
        else
        {
            builder.Where(filter);
            _predicates.Add(filter);
        }
        var candidates = builder.Build().Files;
        foreach (var c in candidates)
            if (!_index.ContainsKey(c.Add.Path))
            {
                _index[c.Add.Path] = _files.Count;
                _files.Add(c.Add);
            }
        return PartitionValuesOnly ? PartitionRows(columns, candidates) : Rows(columns, candidates.Select(c => c.Add).ToList());
    }

    private IEnumerable<ColumnBatch> Rows(IReadOnlyList<string> columns, IReadOnlyList<AddFile> candidates)
    {
        var tableColumns = columns.Where(c => c is not FileColumn and not PositionColumn).ToArray();
        var read = tableColumns.Length > 0 ? tableColumns : Snapshot.Schema.Count > 0 ? [Snapshot.Schema[0].Name] : [];
        var outSchema = new StructType(columns.Select(c => Schema[Schema.IndexOf(c)]));
        foreach (var add in candidates)
        {
            var f = _index[add.Path];
            FilesOpened++;
            foreach (var positioned in FileRowReader.Read(Snapshot, add, read))
            {
                var b = positioned.Batch;
                var cols = new ColumnVector[columns.Count];
                for (var c = 0; c < cols.Length; c++)
                {
                    cols[c] = columns[c] switch
                    {
                        FileColumn => Repeat(f, b.RowCount),
                        PositionColumn => Positions(positioned.FirstRowPosition, b.RowCount),
                        _ => b.Columns[Array.IndexOf(read, columns[c]) is var i and >= 0 ? i : throw new ArgumentException($"No column {columns[c]}.", nameof(columns))],
                    };
                }
                yield return new ColumnBatch(outSchema, cols, b.RowCount, b.Selection);
            }
        }
    }

    /// <summary>One row per live candidate file: its partition values, NULL data columns, position 0.</summary>
    private IEnumerable<ColumnBatch> PartitionRows(IReadOnlyList<string> columns, IReadOnlyList<Tables.Scanning.ScanFile> candidates)
    {
        var outSchema = new StructType(columns.Select(c => Schema[Schema.IndexOf(c)]));
        var batch = ColumnBatch.Create(outSchema, Math.Max(1, candidates.Count));
        foreach (var c in candidates)
        {
            var f = _index[c.Add.Path];
            for (var k = 0; k < columns.Count; k++)
            {
                object? value = columns[k] switch
                {
                    FileColumn => f,
                    PositionColumn => 0L,
                    var name => PartitionColumns.Contains(name, StringComparer.OrdinalIgnoreCase) ? c.PartitionValues.GetValueOrDefault(name) : null,
                };
                PhysicalValues.Append(batch.Columns[k], value);
            }
            batch.RowCount++;
        }
        if (batch.RowCount > 0) yield return batch;
    }

    private static PrimitiveVector<int> Repeat(int value, int rows)
    {
        var v = new PrimitiveVector<int>(DataType.Integer, Math.Max(1, rows));
        for (var r = 0; r < rows; r++) v.Append(value);
        return v;
    }

    private static PrimitiveVector<long> Positions(long first, int rows)
    {
        var v = new PrimitiveVector<long>(DataType.Long, Math.Max(1, rows));
        for (var r = 0; r < rows; r++) v.Append(first + r);
        return v;
    }
}

/// <summary>A provider that answers one reserved name with a <see cref="RowPositionSource"/> and every other name
/// through the session's provider (subqueries in a DML condition).</summary>
internal sealed class RowPositionProvider(ITableProvider inner, RowPositionSource source) : ITableProvider
{
    public const string TargetName = "__deltasharp_target";

    public ITableSource? FindTable(TableIdentifier name, TableVersionSpec version) =>
        !name.IsPath && name.Parts.Count == 1 && name.Parts[0] == TargetName && version.IsLatest ? source : inner.FindTable(name, version);

    public ITableSink? FindSink(TableIdentifier name) => inner.FindSink(name);
}
