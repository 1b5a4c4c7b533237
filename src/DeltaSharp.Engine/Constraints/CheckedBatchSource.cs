using DeltaSharp.Columnar;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Constraints;

/// <summary>
/// The batch being checked, as a one-table source for the SQL engine: the table's columns plus <see cref="RowColumn"/>
/// (the physical row index in the batch, so a violation names its row). <see cref="Current"/> is swapped before each
/// run of a prepared query; the columns the last scan asked for (the ones the CHECK expression reads) are kept in
/// <see cref="ReadColumns"/>. Not thread-safe (one per compiled check).
/// </summary>
internal sealed class CheckedBatchSource : ITableSource
{
    public const string TableName = "__deltasharp_checked_rows";
    public const string RowColumn = "__deltasharp_row";

    public CheckedBatchSource(StructType tableSchema)
    {
        TableSchema = tableSchema;
        Schema = new StructType([.. tableSchema.Fields, new StructField(RowColumn, DataType.Integer, false)]);
    }

    public StructType TableSchema { get; }

    public string DisplayName => TableName;

    public StructType Schema { get; }

    public IReadOnlyList<string> PartitionColumns => [];

    /// <summary>The batch the next scan returns (in <see cref="TableSchema"/>).</summary>
    public ColumnBatch? Current { get; set; }

    /// <summary>The table columns the last scan asked for, in the table's spelling.</summary>
    public IReadOnlyList<string> ReadColumns { get; private set; } = [];

    public IEnumerable<ColumnBatch> Scan(IReadOnlyList<string> columns, DeltaSharp.Expressions.Expression? pushedPredicate)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var batch = Current;
        var read = new List<string>();
        var fields = new StructField[columns.Count];
        var vectors = new ColumnVector[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var i = Schema.IndexOf(columns[c]);
            if (i < 0) throw new ArgumentException($"No column {columns[c]} in the checked batch.", nameof(columns));
            fields[c] = Schema[i];
            if (i == TableSchema.Count)
            {
                var rows = batch?.RowCount ?? 0;
                var v = new PrimitiveVector<int>(DataType.Integer, Math.Max(1, rows));
                for (var r = 0; r < rows; r++) v.Append(r);
                vectors[c] = v;
            }
            else
            {
                read.Add(TableSchema[i].Name);
                vectors[c] = batch?.Columns[i] ?? ColumnVector.Create(TableSchema[i].Type, 1);
            }
        }
        ReadColumns = read;
        if (batch is null || batch.RowCount == 0) yield break;
        yield return new ColumnBatch(new StructType(fields), vectors, batch.RowCount, batch.Selection);
    }
}

/// <summary>Answers the reserved name with the checked batch; any other table name is unknown in a CHECK
/// expression (Delta does not allow subqueries there).</summary>
internal sealed class CheckedBatchProvider(CheckedBatchSource source) : ITableProvider
{
    public ITableSource? FindTable(TableIdentifier name, TableVersionSpec version) =>
        !name.IsPath && name.Parts.Count == 1 && name.Parts[0] == CheckedBatchSource.TableName ? source : null;
}
