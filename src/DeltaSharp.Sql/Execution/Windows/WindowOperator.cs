using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Windows;

/// <summary>
/// Window functions: buffers the input, and for each distinct (PARTITION BY, ORDER BY) sorts a row permutation,
/// finds partitions and peer groups, and computes every function of that window over its frames. Output: the input
/// rows (in input order) with one extra column per function.
/// </summary>
internal sealed class WindowOperator(PhysicalOperator input, IReadOnlyList<BoundWindowCall> functions, StructType schema) : PhysicalOperator
{
    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [input];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var buffer = new RowBuffer(input.Schema);
        foreach (var b in input.Execute(context)) buffer.Append(b);
        var n = buffer.RowCount;
        var all = buffer.AsBatch();
        var evaluator = context.CreateEvaluator();
        var rows = EvalInput.Of(all);
        var results = new ColumnVector[functions.Count];

        var specs = new List<(IReadOnlyList<BoundExpression> Partition, IReadOnlyList<SortOrder> Order, List<int> Functions)>();
        for (var f = 0; f < functions.Count; f++)
        {
            var w = functions[f];
            var spec = specs.FindIndex(s => s.Partition.SequenceEqual(w.PartitionBy) && s.Order.SequenceEqual(w.OrderBy));
            if (spec < 0) specs.Add((w.PartitionBy, w.OrderBy, [f]));
            else specs[spec].Functions.Add(f);
        }

        foreach (var (partition, order, fns) in specs)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var partKeys = partition.Select(p => evaluator.EvaluateToVector(p, rows)).ToArray();
            var orderKeys = order.Select(o => evaluator.EvaluateToVector(o.Expression, rows)).ToArray();
            var sortKeys = partition.Select(p => new SortOrder(p, false, true)).Concat(order).ToArray();
            var perm = SortOperator.SortPermutation([.. partKeys, .. orderKeys], sortKeys, n);
            var frame = new WindowFrameCursor(perm, partKeys, orderKeys, order);
            var inverse = new int[n];
            for (var k = 0; k < n; k++) inverse[perm[k]] = k;
            foreach (var f in fns)
            {
                var sorted = WindowFunctionEvaluator.Compute(functions[f], frame, evaluator, rows, perm, context.Evaluation);
                results[f] = VectorCopier.Gather(sorted, inverse);
            }
        }

        var size = context.BatchSize;
        for (var start = 0; start < n; start += size)
        {
            var count = Math.Min(size, n - start);
            var cols = new ColumnVector[Schema.Count];
            for (var c = 0; c < buffer.Columns.Length; c++) cols[c] = VectorCopier.Slice(buffer.Columns[c], start, count);
            for (var f = 0; f < results.Length; f++) cols[buffer.Columns.Length + f] = VectorCopier.Slice(results[f], start, count);
            yield return new ColumnBatch(Schema, cols, count);
        }
    }

    public override string Describe() => $"Window [{string.Join(", ", functions)}]";
}

/// <summary>Partition and peer-group boundaries of a sorted permutation (positions are indices into the permutation).</summary>
internal sealed class WindowFrameCursor
{
    public WindowFrameCursor(int[] perm, ColumnVector[] partitionKeys, ColumnVector[] orderKeys, IReadOnlyList<SortOrder> order)
    {
        Permutation = perm;
        OrderKeys = orderKeys;
        Order = order;
        var n = perm.Length;
        PartitionStart = new int[n];
        PartitionEnd = new int[n];
        PeerStart = new int[n];
        PeerEnd = new int[n];
        var ps = 0;
        for (var k = 1; k <= n; k++)
        {
            if (k < n && SameKeys(partitionKeys, perm[k - 1], perm[k])) continue;
            for (var j = ps; j < k; j++)
            {
                PartitionStart[j] = ps;
                PartitionEnd[j] = k;
            }
            var peer = ps;
            for (var j = ps + 1; j <= k; j++)
            {
                if (j < k && SameKeys(orderKeys, perm[j - 1], perm[j])) continue;
                for (var x = peer; x < j; x++)
                {
                    PeerStart[x] = peer;
                    PeerEnd[x] = j;
                }
                peer = j;
            }
            ps = k;
        }
    }

    public int[] Permutation { get; }
    public ColumnVector[] OrderKeys { get; }
    public IReadOnlyList<SortOrder> Order { get; }

    /// <summary>First position of the partition of position k.</summary>
    public int[] PartitionStart { get; }

    /// <summary>One past the last position of the partition of position k.</summary>
    public int[] PartitionEnd { get; }

    /// <summary>First position of k's peer group (equal ORDER BY keys).</summary>
    public int[] PeerStart { get; }

    /// <summary>One past the last position of k's peer group.</summary>
    public int[] PeerEnd { get; }

    private static bool SameKeys(ColumnVector[] keys, int a, int b)
    {
        foreach (var k in keys)
            if (!VectorComparer.KeyEquals(k, a, k, b)) return false;
        return true;
    }
}
