using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Aggregates;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Hash aggregation: group keys go through a <see cref="GroupHashTable"/> (null is a group, NaN equals NaN), each
/// aggregate keeps per-group state in an accumulator updated a batch at a time. Over a parallel scan chain each
/// worker aggregates its parts and the partial states are merged. Output: keys, then aggregate results. Without
/// keys there is exactly one output row, also for an empty input.
/// </summary>
internal sealed class HashAggregateOperator(PhysicalOperator input, IReadOnlyList<BoundExpression> groups, IReadOnlyList<BoundAggregateCall> aggregates, StructType schema) : PhysicalOperator
{
    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [input];

    private IReadOnlyList<BoundExpression> Groups => groups;
    private IReadOnlyList<BoundAggregateCall> Aggregates => aggregates;

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        PartialAggregation? result = null;
        // Partial aggregation per worker, merged at the end, when the input is a parallel scan chain and every
        // function can merge (order-sensitive ones such as first() or collect_list() run sequentially).
        if (input is ExchangeOperator exchange && aggregates.All(a => a.Function.CreateAccumulator().CanMerge))
        {
            var partials = exchange.TryConsumeParallel(context, () => new PartialAggregation(this, context), (p, b) => p.Add(b));
            if (partials is not null)
            {
                result = partials[0];
                for (var i = 1; i < partials.Count; i++) result.MergeFrom(partials[i]);
            }
        }
        if (result is null)
        {
            result = new PartialAggregation(this, context);
            foreach (var batch in input.Execute(context))
            {
                context.Cancellation.ThrowIfCancellationRequested();
                result.Add(batch);
            }
        }
        foreach (var b in result.Emit(context)) yield return b;
    }

    private static ColumnVector[] EvaluateArgs(ExpressionEvaluator evaluator, BoundAggregateCall call, EvalInput rows)
    {
        var args = new ColumnVector[call.Arguments.Count];
        for (var i = 0; i < args.Length; i++) args[i] = evaluator.EvaluateToVector(call.Arguments[i], rows);
        return args;
    }

    /// <summary>Groups and accumulator states over some of the input (one per worker, or one for all).</summary>
    private sealed class PartialAggregation
    {
        private readonly HashAggregateOperator _op;
        private readonly ExpressionEvaluator _evaluator;
        private readonly EvaluationContext _eval;
        private readonly Accumulator[] _accumulators;
        private readonly GroupHashTable? _table;
        private int _groupCount;
        private int[] _ids = new int[256];
        private int[] _positions = new int[256];

        public PartialAggregation(HashAggregateOperator op, ExecutionContext context)
        {
            _op = op;
            _evaluator = context.CreateEvaluator();
            _eval = context.Evaluation;
            _accumulators = op.Aggregates.Select(a => a.Function.CreateAccumulator()).ToArray();
            _table = op.Groups.Count > 0 ? new GroupHashTable(op.Groups.Select(g => g.Type).ToArray()) : null;
            _groupCount = _table is null ? 1 : 0;
            foreach (var a in _accumulators) a.Resize(_groupCount);
        }

        public void Add(ColumnBatch batch)
        {
            var rows = EvalInput.Of(batch);
            var n = rows.Count;
            if (_ids.Length < n)
            {
                _ids = new int[n];
                _positions = new int[n];
            }
            // Without keys _ids is never written, so it holds zeros (group 0) for every row.
            if (_table is not null)
            {
                var keys = new ColumnVector[_op.Groups.Count];
                for (var k = 0; k < keys.Length; k++) keys[k] = _evaluator.EvaluateToVector(_op.Groups[k], rows);
                _table.FindOrInsert(keys, n, _ids);
                _groupCount = _table.GroupCount;
            }
            for (var a = 0; a < _accumulators.Length; a++)
            {
                var call = _op.Aggregates[a];
                var acc = _accumulators[a];
                acc.Resize(_groupCount);
                if (call.Filter is null)
                {
                    if (_table is null) acc.UpdateSingleGroup(_ids.AsSpan(0, n), EvaluateArgs(_evaluator, call, rows), n, _eval);
                    else acc.Update(_ids.AsSpan(0, n), EvaluateArgs(_evaluator, call, rows), n, _eval);
                    continue;
                }
                var m = _evaluator.SelectTrue(call.Filter, rows, _positions);
                if (m == 0) continue;
                var sub = rows.Subset(_positions.AsSpan(0, m));
                var subIds = new int[m];
                for (var i = 0; i < m; i++) subIds[i] = _ids[_positions[i]];
                acc.Update(subIds, EvaluateArgs(_evaluator, call, sub), m, _eval);
            }
        }

        /// <summary>Folds another partial aggregation into this one.</summary>
        public void MergeFrom(PartialAggregation other)
        {
            var map = new int[other._groupCount];
            if (_table is not null && other._table is not null && other._groupCount > 0)
            {
                _table.FindOrInsert(other._table.Keys, other._groupCount, map);
                _groupCount = _table.GroupCount;
            }
            for (var a = 0; a < _accumulators.Length; a++)
            {
                _accumulators[a].Resize(_groupCount);
                _accumulators[a].Merge(other._accumulators[a], map);
            }
        }

        public IEnumerable<ColumnBatch> Emit(ExecutionContext context)
        {
            var size = context.BatchSize;
            var schema = _op.Schema;
            for (var start = 0; start < _groupCount; start += size)
            {
                var count = Math.Min(size, _groupCount - start);
                var cols = new ColumnVector[schema.Count];
                for (var k = 0; k < _op.Groups.Count; k++) cols[k] = VectorCopier.Slice(_table!.Keys[k], start, count);
                for (var a = 0; a < _accumulators.Length; a++)
                {
                    var output = ColumnVector.Create(_op.Aggregates[a].Type, count);
                    for (var g = start; g < start + count; g++) _accumulators[a].WriteResult(g, output, _eval);
                    cols[_op.Groups.Count + a] = output;
                }
                yield return new ColumnBatch(schema, cols, count);
            }
        }
    }

    public override string Describe() =>
        $"HashAggregate keys=[{string.Join(", ", groups)}], functions=[{string.Join(", ", aggregates)}]";
}
