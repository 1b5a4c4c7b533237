using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Sort: buffers the input, evaluates the keys, sorts a row permutation (stable; see <see cref="RowSorter"/>) and
/// emits in batches. With a limit (ORDER BY … LIMIT n) it keeps only candidates: the buffer is cut back to the best
/// n rows whenever it grows past a bound, and rows whose first key is worse than the current n-th row are not
/// buffered at all.
/// </summary>
internal sealed class SortOperator(PhysicalOperator input, IReadOnlyList<SortOrder> keys, long? limit = null) : PhysicalOperator
{
    public override StructType Schema => input.Schema;
    public override IReadOnlyList<PhysicalOperator> Children => [input];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var evaluator = context.CreateEvaluator();
        var keep = limit is { } l && l < int.MaxValue / 4 ? (int)l : -1;
        var state = new SortBuffer(Schema, keys);
        var bound = keep >= 0 ? Math.Max(keep * 2, 8192) : int.MaxValue;
        foreach (var batch in input.Execute(context))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var rows = EvalInput.Of(batch);
            var keyVectors = new ColumnVector[keys.Count];
            for (var k = 0; k < keys.Count; k++) keyVectors[k] = evaluator.EvaluateToVector(keys[k].Expression, rows);
            if (keep == 0) continue;
            if (keep > 0 && state.Threshold is { } threshold)
            {
                // Only rows that can still enter the top n.
                var dense = VectorCopier.Compact(batch);
                var chosen = threshold.Candidates(keyVectors[0], rows.Count);
                if (chosen.Length == 0) continue;
                state.Append(dense, keyVectors, chosen);
            }
            else state.Append(VectorCopier.Compact(batch), keyVectors, null);
            if (state.RowCount > bound) state.Truncate(keep);
        }
        var order = state.Order();
        if (keep >= 0 && keep < order.Length) order = order[..keep];
        foreach (var b in EmitOrdered(state.Rows, order, context.BatchSize)) yield return b;
    }

    private static IEnumerable<ColumnBatch> EmitOrdered(RowBuffer buffer, int[] order, int batchSize)
    {
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var count = Math.Min(batchSize, order.Length - start);
            var cols = new ColumnVector[buffer.Columns.Length];
            for (var c = 0; c < cols.Length; c++) cols[c] = VectorCopier.Gather(buffer.Columns[c], order.AsSpan(start, count));
            yield return new ColumnBatch(buffer.Schema, cols, count);
        }
    }

    /// <summary>The stable sorted order of rows [0, count) by the key vectors.</summary>
    public static int[] SortPermutation(ColumnVector[] keyVectors, IReadOnlyList<SortOrder> keys, int count) =>
        RowSorter.Sort(keyVectors, keys, count);

    public override string Describe() => $"Sort [{string.Join(", ", keys)}]{(limit is { } l ? $" limit={l}" : "")}";

    /// <summary>Buffered rows and their key values.</summary>
    private sealed class SortBuffer(StructType schema, IReadOnlyList<SortOrder> keys)
    {
        public RowBuffer Rows { get; private set; } = new(schema);
        private ColumnVector[] _keys = keys.Select(k => ColumnVector.Create(k.Expression.Type, 1024)).ToArray();

        public int RowCount => Rows.RowCount;

        /// <summary>The first key of the current n-th row, once the buffer has been cut back.</summary>
        public TopThreshold? Threshold { get; private set; }

        public void Append(ColumnBatch dense, ColumnVector[] keyVectors, int[]? rows)
        {
            if (rows is null)
            {
                Rows.Append(dense);
                for (var k = 0; k < _keys.Length; k++) VectorCopier.AppendRange(_keys[k], keyVectors[k], 0, dense.RowCount);
                return;
            }
            var selection = new SelectionVector(rows.Length);
            rows.CopyTo(selection.Indices, 0);
            selection.Count = rows.Length;
            Rows.Append(new ColumnBatch(dense.Schema, dense.Columns, dense.RowCount, selection));
            for (var k = 0; k < _keys.Length; k++) VectorCopier.AppendRows(_keys[k], keyVectors[k], rows);
        }

        public int[] Order() => RowSorter.Sort(_keys, keys, Rows.RowCount);

        /// <summary>Keeps the best <paramref name="n"/> rows and records the n-th row's first key.</summary>
        public void Truncate(int n)
        {
            var order = Order();
            if (order.Length > n) order = order[..n];
            var rows = new RowBuffer(Rows.Schema);
            var selection = new SelectionVector(order.Length);
            order.CopyTo(selection.Indices, 0);
            selection.Count = order.Length;
            rows.Append(new ColumnBatch(Rows.Schema, Rows.Columns, Rows.RowCount, selection));
            _keys = _keys.Select(k => VectorCopier.Gather(k, order)).ToArray();
            Rows = rows;
            if (order.Length == n && n > 0 && SortKeyEncoding.Supports(_keys[0], out _))
                Threshold = new TopThreshold(_keys[0], n - 1, keys[0]);
        }
    }

    /// <summary>The first-key value a row must reach (ties included) to stay among the best n.</summary>
    private sealed class TopThreshold
    {
        private readonly bool _isNull;
        private readonly long _encoded;
        private readonly SortOrder _order;

        public TopThreshold(ColumnVector keys, int row, SortOrder order)
        {
            _order = order;
            _isNull = keys.IsNull(row);
            _encoded = _isNull ? 0 : SortKeyEncoding.Encode(keys, row, order.Descending);
        }

        public int[] Candidates(ColumnVector firstKey, int count)
        {
            var chosen = new List<int>();
            for (var i = 0; i < count; i++)
            {
                var isNull = firstKey.IsNull(i);
                bool pass;
                if (_isNull) pass = isNull || !_order.NullsFirst;
                else if (isNull) pass = _order.NullsFirst;
                else pass = SortKeyEncoding.Encode(firstKey, i, _order.Descending) <= _encoded;
                if (pass) chosen.Add(i);
            }
            return chosen.ToArray();
        }
    }
}
