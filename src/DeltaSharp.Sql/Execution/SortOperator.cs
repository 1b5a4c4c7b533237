using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Full sort: buffers the input, evaluates the keys, sorts a row permutation (stable; nulls first or last per key),
/// emits in batches. With a limit only the first <c>limit</c> rows are emitted.
/// </summary>
internal sealed class SortOperator(PhysicalOperator input, IReadOnlyList<SortOrder> keys, long? limit = null) : PhysicalOperator
{
    public override StructType Schema => input.Schema;
    public override IReadOnlyList<PhysicalOperator> Children => [input];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var buffer = new RowBuffer(Schema);
        var keyBuffers = keys.Select(k => ColumnVector.Create(k.Expression.Type, 1024)).ToArray();
        var evaluator = context.CreateEvaluator();
        foreach (var batch in input.Execute(context))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var rows = EvalInput.Of(batch);
            for (var k = 0; k < keys.Count; k++)
            {
                var v = evaluator.EvaluateToVector(keys[k].Expression, rows);
                VectorCopier.AppendRange(keyBuffers[k], v, 0, rows.Count);
            }
            buffer.Append(batch);
        }
        var order = SortPermutation(keyBuffers, keys, buffer.RowCount);
        if (limit is { } l && l < order.Length) order = order[..(int)l];
        foreach (var b in EmitOrdered(buffer, order, context.BatchSize)) yield return b;
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
    public static int[] SortPermutation(ColumnVector[] keyVectors, IReadOnlyList<SortOrder> keys, int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        if (keys.Count == 0 || count < 2) return order;
        var comparer = new RowOrderComparer(keyVectors, keys);
        Array.Sort(order, comparer);
        return order;
    }

    public override string Describe() => $"Sort [{string.Join(", ", keys)}]{(limit is { } l ? $" limit={l}" : "")}";
}

/// <summary>Compares rows of key vectors by sort orders (nulls first/last, descending), ties by row index (stable).</summary>
internal sealed class RowOrderComparer(ColumnVector[] vectors, IReadOnlyList<SortOrder> keys) : IComparer<int>
{
    public int Compare(int x, int y)
    {
        for (var k = 0; k < vectors.Length; k++)
        {
            var v = vectors[k];
            var xn = v.IsNull(x);
            var yn = v.IsNull(y);
            int c;
            if (xn || yn)
            {
                if (xn && yn) continue;
                c = xn == keys[k].NullsFirst ? -1 : 1;
                return c;
            }
            c = VectorComparer.Compare(v, x, v, y);
            if (c != 0) return keys[k].Descending ? -c : c;
        }
        return x.CompareTo(y);
    }
}
