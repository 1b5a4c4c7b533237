using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Aggregates;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Hash aggregation: group keys go through a <see cref="GroupHashTable"/> (null is a group, NaN equals NaN), each
/// aggregate keeps per-group state in an accumulator updated a batch at a time. Output: keys, then aggregate
/// results. Without keys there is exactly one output row, also for an empty input.
/// </summary>
internal sealed class HashAggregateOperator(PhysicalOperator input, IReadOnlyList<BoundExpression> groups, IReadOnlyList<BoundAggregateCall> aggregates, StructType schema) : PhysicalOperator
{
    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [input];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var evaluator = context.CreateEvaluator();
        var eval = context.Evaluation;
        var accumulators = aggregates.Select(a => a.Function.CreateAccumulator()).ToArray();
        var table = groups.Count > 0 ? new GroupHashTable(groups.Select(g => g.Type).ToArray()) : null;
        var groupCount = table is null ? 1 : 0;
        foreach (var a in accumulators) a.Resize(groupCount);
        var ids = new int[256];
        var positions = new int[256];

        foreach (var batch in input.Execute(context))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var rows = EvalInput.Of(batch);
            var n = rows.Count;
            if (ids.Length < n)
            {
                ids = new int[n];
                positions = new int[n];
            }
            if (table is null) Array.Clear(ids, 0, n);
            else
            {
                var keys = new ColumnVector[groups.Count];
                for (var k = 0; k < keys.Length; k++) keys[k] = evaluator.EvaluateToVector(groups[k], rows);
                table.FindOrInsert(keys, n, ids);
                groupCount = table.GroupCount;
            }
            for (var a = 0; a < accumulators.Length; a++)
            {
                var call = aggregates[a];
                var acc = accumulators[a];
                acc.Resize(groupCount);
                if (call.Filter is null)
                {
                    acc.Update(ids.AsSpan(0, n), EvaluateArgs(evaluator, call, rows), n, eval);
                    continue;
                }
                var m = evaluator.SelectTrue(call.Filter, rows, positions);
                if (m == 0) continue;
                var sub = rows.Subset(positions.AsSpan(0, m));
                var subIds = new int[m];
                for (var i = 0; i < m; i++) subIds[i] = ids[positions[i]];
                acc.Update(subIds, EvaluateArgs(evaluator, call, sub), m, eval);
            }
        }

        var size = context.BatchSize;
        for (var start = 0; start < groupCount; start += size)
        {
            var count = Math.Min(size, groupCount - start);
            var cols = new ColumnVector[Schema.Count];
            for (var k = 0; k < groups.Count; k++) cols[k] = VectorCopier.Slice(table!.Keys[k], start, count);
            for (var a = 0; a < accumulators.Length; a++)
            {
                var output = ColumnVector.Create(aggregates[a].Type, count);
                for (var g = start; g < start + count; g++) accumulators[a].WriteResult(g, output, eval);
                cols[groups.Count + a] = output;
            }
            yield return new ColumnBatch(Schema, cols, count);
        }
    }

    private static ColumnVector[] EvaluateArgs(ExpressionEvaluator evaluator, BoundAggregateCall call, EvalInput rows)
    {
        var args = new ColumnVector[call.Arguments.Count];
        for (var i = 0; i < args.Length; i++) args[i] = evaluator.EvaluateToVector(call.Arguments[i], rows);
        return args;
    }

    public override string Describe() =>
        $"HashAggregate keys=[{string.Join(", ", groups)}], functions=[{string.Join(", ", aggregates)}]";
}
