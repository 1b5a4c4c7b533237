using DeltaSharp.Columnar;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;

namespace DeltaSharp.Engine;

/// <summary>
/// The write side of a Delta table: INSERT INTO commits one WRITE (Append) with <see cref="Append.Run"/>, INSERT
/// OVERWRITE one WRITE (Overwrite) with <see cref="Overwrite.Run"/>, on the latest snapshot at the time of the
/// write. The operation result is handed to the session (lastCommitVersionInSession) and kept in
/// <see cref="LastResult"/>.
/// </summary>
internal sealed class DeltaTableSink(ResolvedTable table, DeltaTableOptions options, Action<OperationResult> onCommit) : ITableSink
{
    private Snapshot? _snapshot;

    public ResolvedTable Table { get; } = table;

    /// <summary>The snapshot the write starts from (read on first use).</summary>
    public Snapshot Snapshot => _snapshot ??= DeltaTable.ForPath(Table.Location, options).Latest();

    public StructType Schema => Snapshot.Schema;

    public OperationResult? LastResult { get; private set; }

    /// <summary>Set when the rows written come from a read of this same table (INSERT INTO t SELECT … FROM t): the
    /// commit then records the read, so it is not a blind append and conflicts with concurrent changes.</summary>
    public bool ReadsTarget { get; set; }

    public long Write(IEnumerable<ColumnBatch> batches, TableWriteMode mode)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var dense = Dense(batches);
        var options = ReadsTarget ? new OperationOptions { Configure = txn => txn.ReadWholeTable() } : OperationOptions.Default;
        var result = mode == TableWriteMode.Overwrite ? Overwrite.Run(Snapshot, dense, options: options) : Append.Run(Snapshot, dense, options);
        LastResult = result;
        onCommit(result);
        return result.Files.NumWrittenRows;
    }

    /// <summary>Batches without selection vectors, in the table's schema (the SQL engine's names may differ in case).</summary>
    private IEnumerable<ColumnBatch> Dense(IEnumerable<ColumnBatch> batches)
    {
        var schema = Schema;
        foreach (var b in batches)
        {
            var compact = b.Selection is null ? b : VectorCopier.Compact(b);
            if (compact.RowCount == 0) continue;
            yield return new ColumnBatch(schema, compact.Columns, compact.RowCount);
        }
    }
}
