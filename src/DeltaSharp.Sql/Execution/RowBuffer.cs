using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Rows copied out of batches into one growing vector per column (for operators that must hold their whole input:
/// sort, window, join build). Not thread-safe.
/// </summary>
internal sealed class RowBuffer
{
    public RowBuffer(StructType schema)
    {
        Schema = schema;
        Columns = new ColumnVector[schema.Count];
        for (var i = 0; i < Columns.Length; i++) Columns[i] = ColumnVector.Create(schema[i].Type, 1024);
    }

    public StructType Schema { get; }
    public ColumnVector[] Columns { get; }
    public int RowCount { get; private set; }

    /// <summary>Copies the live rows of <paramref name="batch"/>.</summary>
    public void Append(ColumnBatch batch)
    {
        var n = batch.LiveRowCount;
        if (n == 0) return;
        for (var c = 0; c < Columns.Length; c++)
        {
            if (batch.Selection is { } sel) VectorCopier.AppendRows(Columns[c], batch.Columns[c], sel.Span);
            else VectorCopier.AppendRange(Columns[c], batch.Columns[c], 0, n);
        }
        RowCount += n;
    }

    /// <summary>All rows as one batch (sharing the buffer's vectors).</summary>
    public ColumnBatch AsBatch() => new(Schema, Columns, RowCount);

    /// <summary>The rows in the order of <paramref name="order"/>, in batches of at most <paramref name="batchSize"/>.</summary>
    public IEnumerable<ColumnBatch> Emit(int[]? order, int batchSize)
    {
        for (var start = 0; start < RowCount; start += batchSize)
        {
            var count = Math.Min(batchSize, RowCount - start);
            var cols = new ColumnVector[Columns.Length];
            for (var c = 0; c < cols.Length; c++)
                cols[c] = order is null ? VectorCopier.Slice(Columns[c], start, count) : VectorCopier.Gather(Columns[c], order.AsSpan(start, count));
            yield return new ColumnBatch(Schema, cols, count);
        }
    }
}
