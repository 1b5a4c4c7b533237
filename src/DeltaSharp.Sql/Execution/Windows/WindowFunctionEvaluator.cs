using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Aggregates;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Windows;

/// <summary>
/// Computes one window function over the sorted rows of a <see cref="WindowFrameCursor"/>; the result vector is in
/// sorted order. Ranking: row_number, rank, dense_rank, percent_rank, cume_dist, ntile. Offsets: lag, lead,
/// nth_value. Aggregates over frames: whole partition (one pass), running frames (incremental), other frames
/// (recomputed per row).
/// </summary>
internal static class WindowFunctionEvaluator
{
    public static ColumnVector Compute(BoundWindowCall call, WindowFrameCursor cursor, ExpressionEvaluator evaluator, EvalInput rows, int[] perm, EvaluationContext context)
    {
        var n = perm.Length;
        switch (call.Kind)
        {
            case WindowFunctionKind.RowNumber:
                return Ints(n, k => k - cursor.PartitionStart[k] + 1);
            case WindowFunctionKind.Rank:
                return Ints(n, k => cursor.PeerStart[k] - cursor.PartitionStart[k] + 1);
            case WindowFunctionKind.DenseRank:
            {
                var result = new PrimitiveVector<int>(DataType.Integer, n) { Length = n };
                var dense = 0;
                for (var k = 0; k < n; k++)
                {
                    if (k == cursor.PartitionStart[k]) dense = 0;
                    if (k == cursor.PeerStart[k]) dense++;
                    result[k] = dense;
                }
                return result;
            }
            case WindowFunctionKind.PercentRank:
                return Doubles(n, k =>
                {
                    var size = cursor.PartitionEnd[k] - cursor.PartitionStart[k];
                    return size <= 1 ? 0.0 : (double)(cursor.PeerStart[k] - cursor.PartitionStart[k]) / (size - 1);
                });
            case WindowFunctionKind.CumeDist:
                return Doubles(n, k => (double)(cursor.PeerEnd[k] - cursor.PartitionStart[k]) / (cursor.PartitionEnd[k] - cursor.PartitionStart[k]));
            case WindowFunctionKind.Ntile:
            {
                var buckets = call.Offset;
                return Ints(n, k =>
                {
                    var size = cursor.PartitionEnd[k] - cursor.PartitionStart[k];
                    var pos = k - cursor.PartitionStart[k];
                    var per = size / buckets;
                    var extra = size % buckets;
                    var big = extra * (per + 1);
                    return (int)(pos < big ? pos / (per + 1) + 1 : extra + (pos - big) / Math.Max(1, per) + 1);
                });
            }
            case WindowFunctionKind.Lag or WindowFunctionKind.Lead:
                return Offset(call, cursor, evaluator, rows, perm);
            case WindowFunctionKind.NthValue:
                return NthValue(call, cursor, evaluator, rows, perm);
            default:
                return Aggregate(call, cursor, evaluator, rows, perm, context);
        }
    }

    private static PrimitiveVector<int> Ints(int n, Func<int, long> value)
    {
        var result = new PrimitiveVector<int>(DataType.Integer, n) { Length = n };
        for (var k = 0; k < n; k++) result[k] = (int)value(k);
        return result;
    }

    private static PrimitiveVector<double> Doubles(int n, Func<int, double> value)
    {
        var result = new PrimitiveVector<double>(DataType.Double, n) { Length = n };
        for (var k = 0; k < n; k++) result[k] = value(k);
        return result;
    }

    private static ColumnVector Sorted(BoundExpression e, ExpressionEvaluator evaluator, EvalInput rows, int[] perm) =>
        VectorCopier.Gather(evaluator.EvaluateToVector(e, rows), perm);

    private static ColumnVector Offset(BoundWindowCall call, WindowFrameCursor cursor, ExpressionEvaluator evaluator, EvalInput rows, int[] perm)
    {
        var n = perm.Length;
        var values = Sorted(call.Arguments[0], evaluator, rows, perm);
        var pool = ColumnVector.Create(call.Type, n * 2);
        VectorCopier.AppendRange(pool, values, 0, n);
        var hasDefault = call.Arguments.Count > 1;
        if (hasDefault) VectorCopier.AppendRange(pool, Sorted(call.Arguments[1], evaluator, rows, perm), 0, n);
        var pick = new int[n];
        var sign = call.Kind == WindowFunctionKind.Lag ? -1 : 1;
        for (var k = 0; k < n; k++)
        {
            int target;
            if (!call.IgnoreNulls) target = k + sign * (int)call.Offset;
            else
            {
                target = -1;
                var seen = 0;
                for (var j = k + sign; j >= cursor.PartitionStart[k] && j < cursor.PartitionEnd[k]; j += sign)
                {
                    if (values.IsNull(j)) continue;
                    if (++seen == call.Offset)
                    {
                        target = j;
                        break;
                    }
                }
                if (call.Offset == 0) target = k;
            }
            var inside = target >= cursor.PartitionStart[k] && target < cursor.PartitionEnd[k];
            pick[k] = inside ? target : hasDefault ? n + k : -1;
        }
        return VectorCopier.GatherOrNull(pool, pick);
    }

    private static ColumnVector NthValue(BoundWindowCall call, WindowFrameCursor cursor, ExpressionEvaluator evaluator, EvalInput rows, int[] perm)
    {
        var n = perm.Length;
        var values = Sorted(call.Arguments[0], evaluator, rows, perm);
        var pick = new int[n];
        for (var k = 0; k < n; k++)
        {
            var (start, end) = FrameOf(call.Frame, cursor, k);
            pick[k] = -1;
            var seen = 0;
            for (var j = start; j < end; j++)
            {
                if (call.IgnoreNulls && values.IsNull(j)) continue;
                if (++seen == call.Offset)
                {
                    pick[k] = j;
                    break;
                }
            }
        }
        return VectorCopier.GatherOrNull(values, pick);
    }

    /// <summary>Frame of position k as [start, end) positions.</summary>
    public static (int Start, int End) FrameOf(Expressions.WindowFrame frame, WindowFrameCursor cursor, int k)
    {
        var ps = cursor.PartitionStart[k];
        var pe = cursor.PartitionEnd[k];
        if (frame.Unit == FrameUnit.Rows)
        {
            var s = frame.Start.Unbounded ? ps : (int)Math.Clamp(k + frame.Start.Offset, ps, pe);
            var e = frame.End.Unbounded ? pe : (int)Math.Clamp(k + frame.End.Offset + 1, ps, pe);
            return (s, Math.Max(s, e));
        }
        int start, end;
        if (frame.Start.Unbounded) start = ps;
        else if (frame.Start.Offset == 0) start = cursor.PeerStart[k];
        else start = RangeEdge(cursor, k, frame.Start.Offset, lower: true);
        if (frame.End.Unbounded) end = pe;
        else if (frame.End.Offset == 0) end = cursor.PeerEnd[k];
        else end = RangeEdge(cursor, k, frame.End.Offset, lower: false);
        return (start, Math.Max(start, end));
    }

    // RANGE with a value offset: rows whose order key lies within [key + lowOffset, key + highOffset] (ascending) or
    // the mirrored interval (descending). Null keys form their own peer group.
    private static int RangeEdge(WindowFrameCursor cursor, int k, long offset, bool lower)
    {
        // Key vectors are in input order; positions are in sorted order.
        var key = cursor.OrderKeys[0];
        var perm = cursor.Permutation;
        var ps = cursor.PartitionStart[k];
        var pe = cursor.PartitionEnd[k];
        if (key.IsNull(perm[k])) return lower ? cursor.PeerStart[k] : cursor.PeerEnd[k];
        var desc = cursor.Order[0].Descending;
        var x = Convert.ToDouble(PhysicalValues.Get(key, perm[k]), System.Globalization.CultureInfo.InvariantCulture);
        var bound = desc ? x - offset : x + offset;
        bool Within(int j)
        {
            if (key.IsNull(perm[j])) return false;
            var v = Convert.ToDouble(PhysicalValues.Get(key, perm[j]), System.Globalization.CultureInfo.InvariantCulture);
            return lower ? (desc ? v <= bound : v >= bound) : (desc ? v >= bound : v <= bound);
        }
        if (lower)
        {
            var j = ps;
            while (j < pe && !Within(j)) j++;
            return j;
        }
        var e = pe;
        while (e > ps && !Within(e - 1)) e--;
        return e;
    }

    private static ColumnVector Aggregate(BoundWindowCall call, WindowFrameCursor cursor, ExpressionEvaluator evaluator, EvalInput rows, int[] perm, EvaluationContext context)
    {
        var n = perm.Length;
        var fn = call.Aggregate!;
        var args = call.Arguments.Select(a => Sorted(a, evaluator, rows, perm)).ToArray();
        var output = ColumnVector.Create(call.Type, n);
        var frame = call.Frame;
        var zeros = new int[Math.Max(1, n)];

        if (frame.Start.Unbounded && frame.End.Unbounded)
        {
            // One group per partition, one pass.
            var groups = new int[n];
            var partitions = 0;
            for (var k = 0; k < n; k++)
            {
                if (k == cursor.PartitionStart[k] && k > 0) partitions++;
                groups[k] = partitions;
            }
            var acc = fn.CreateAccumulator();
            acc.Resize(n == 0 ? 1 : partitions + 1);
            if (n > 0) acc.Update(groups, args, n, context);
            for (var k = 0; k < n; k++) acc.WriteResult(groups[k], output, context);
            return output;
        }

        if (frame.Start.Unbounded)
        {
            // Running frame: the end only moves forward within a partition.
            Accumulator? acc = null;
            var added = 0;
            for (var k = 0; k < n; k++)
            {
                if (k == cursor.PartitionStart[k])
                {
                    acc = fn.CreateAccumulator();
                    acc.Resize(1);
                    added = k;
                }
                var (_, end) = FrameOf(frame, cursor, k);
                if (end > added)
                {
                    acc!.UpdateRange(zeros.AsSpan(0, end - added), args, added, end - added, context);
                    added = end;
                }
                acc!.WriteResult(0, output, context);
            }
            return output;
        }

        for (var k = 0; k < n; k++)
        {
            var (start, end) = FrameOf(frame, cursor, k);
            var acc = fn.CreateAccumulator();
            acc.Resize(1);
            if (end > start) acc.UpdateRange(zeros.AsSpan(0, end - start), args, start, end - start, context);
            acc.WriteResult(0, output, context);
        }
        return output;
    }
}
