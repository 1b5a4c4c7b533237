using DeltaSharp.Columnar;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>Joins without equality keys (cross joins, inequality conditions): every left row against every buffered
/// right row, checked a chunk of pairs at a time.</summary>
internal sealed class NestedLoopJoinOperator(PhysicalOperator left, PhysicalOperator right, JoinKind kind, BoundExpression? condition, StructType schema) : PhysicalOperator
{
    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [left, right];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var evaluator = context.CreateEvaluator();
        var build = new RowBuffer(right.Schema);
        foreach (var batch in right.Execute(context)) build.Append(batch);
        var output = new JoinOutput(kind, Schema, left.Schema, build, condition);
        var rightCount = build.RowCount;
        foreach (var batch in left.Execute(context))
        {
            var leftRows = JoinOutput.LiveRows(batch);
            var n = leftRows.Length;
            // Left rows in groups so that one group's pairs stay near the batch size.
            var step = Math.Max(1, context.BatchSize / Math.Max(1, rightCount));
            for (var start = 0; start < n; start += step)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var end = Math.Min(n, start + step);
                var li = new List<int>();
                var ri = new List<int>();
                for (var i = start; i < end; i++)
                    for (var r = 0; r < rightCount; r++)
                    {
                        li.Add(i);
                        ri.Add(r);
                    }
                output.FilterPairs(evaluator, batch, leftRows, li, ri);
                // Emit for the left rows of this group only (outer/semi/anti logic needs each row's full pair set).
                var sub = SubBatch(batch, leftRows, start, end);
                for (var k = 0; k < li.Count; k++) li[k] -= start;
                foreach (var b in output.Emit(sub.Batch, sub.Rows, end - start, li, ri, context.BatchSize)) yield return b;
            }
        }
        foreach (var b in output.EmitUnmatchedRight(context.BatchSize)) yield return b;
    }

    private static (ColumnBatch Batch, int[] Rows) SubBatch(ColumnBatch batch, int[] leftRows, int start, int end) =>
        (batch, leftRows[start..end]);

    public override string Describe() => $"NestedLoopJoin {kind}{(condition is null ? "" : $" condition={condition}")}";
}
