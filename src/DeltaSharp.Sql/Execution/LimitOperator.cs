using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>Skips <c>offset</c> rows and passes at most <c>limit</c> rows; stops pulling its input when done.</summary>
internal sealed class LimitOperator(PhysicalOperator input, long? limit, long offset) : PhysicalOperator
{
    public override StructType Schema => input.Schema;
    public override IReadOnlyList<PhysicalOperator> Children => [input];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var toSkip = offset;
        var remaining = limit ?? long.MaxValue;
        if (remaining == 0) yield break;
        foreach (var batch in input.Execute(context))
        {
            var n = batch.LiveRowCount;
            var skip = (int)Math.Min(toSkip, n);
            toSkip -= skip;
            var take = (int)Math.Min(remaining, n - skip);
            if (take <= 0) continue;
            remaining -= take;
            if (skip == 0 && take == n) yield return batch;
            else
            {
                var selection = new SelectionVector(take);
                for (var i = 0; i < take; i++) selection.Indices[i] = batch.RowIndex(skip + i);
                selection.Count = take;
                yield return new ColumnBatch(batch.Schema, batch.Columns, batch.RowCount, selection);
            }
            if (remaining == 0) yield break;
        }
    }

    public override string Describe() => $"Limit {(limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "ALL")}{(offset > 0 ? $" OFFSET {offset}" : "")}";
}
