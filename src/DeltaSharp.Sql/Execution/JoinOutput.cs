using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// What hash and nested-loop joins share: candidate pairs (left live-row position, right buffered row) are checked
/// against the residual condition, then turned into output rows according to the join kind.
/// </summary>
internal sealed class JoinOutput(JoinKind kind, StructType schema, StructType leftSchema, RowBuffer right, BoundExpression? residual)
{
    private readonly StructType _pairSchema = new(leftSchema.Fields.Concat(right.Schema.Fields));

    public bool[]? MatchedRight { get; } = kind is JoinKind.RightOuter or JoinKind.FullOuter ? new bool[right.RowCount] : null;

    /// <summary>Applies the residual to pairs (in place) and returns how many survive.</summary>
    public int FilterPairs(ExpressionEvaluator evaluator, ColumnBatch left, int[] leftRows, List<int> li, List<int> ri)
    {
        if (residual is null || li.Count == 0) return li.Count;
        var pairs = Combine(left, leftRows, li, ri, 0, li.Count, _pairSchema);
        var rows = EvalInput.Of(pairs);
        var positions = new int[rows.Count];
        var n = evaluator.SelectTrue(residual, rows, positions);
        for (var k = 0; k < n; k++)
        {
            li[k] = li[positions[k]];
            ri[k] = ri[positions[k]];
        }
        li.RemoveRange(n, li.Count - n);
        ri.RemoveRange(n, ri.Count - n);
        return n;
    }

    /// <summary>Output batches for one probed left batch whose surviving pairs are (li, ri); leftRows maps live
    /// positions to physical rows; liveCount is the number of live left rows.</summary>
    public IEnumerable<ColumnBatch> Emit(ColumnBatch left, int[] leftRows, int liveCount, List<int> li, List<int> ri, int batchSize)
    {
        if (MatchedRight is { } matched)
            foreach (var r in ri) matched[r] = true;
        switch (kind)
        {
            case JoinKind.LeftSemi or JoinKind.LeftAnti:
            {
                var has = new bool[liveCount];
                foreach (var l in li) has[l] = true;
                var want = kind == JoinKind.LeftSemi;
                var selection = new SelectionVector(liveCount);
                for (var i = 0; i < liveCount; i++)
                    if (has[i] == want) selection.Indices[selection.Count++] = leftRows[i];
                if (selection.Count > 0) yield return new ColumnBatch(schema, left.Columns, left.RowCount, selection);
                yield break;
            }
            case JoinKind.LeftOuter or JoinKind.FullOuter:
            {
                var has = new bool[liveCount];
                foreach (var l in li) has[l] = true;
                for (var i = 0; i < liveCount; i++)
                    if (!has[i])
                    {
                        li.Add(i);
                        ri.Add(-1);
                    }
                break;
            }
        }
        for (var start = 0; start < li.Count; start += batchSize)
            yield return Combine(left, leftRows, li, ri, start, Math.Min(batchSize, li.Count - start), schema);
    }

    /// <summary>For right and full joins after the probe: right rows that never matched, with null left columns.</summary>
    public IEnumerable<ColumnBatch> EmitUnmatchedRight(int batchSize)
    {
        if (MatchedRight is not { } matched) yield break;
        var rows = new List<int>();
        for (var r = 0; r < matched.Length; r++)
            if (!matched[r]) rows.Add(r);
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, rows.Count - start);
            var cols = new ColumnVector[schema.Count];
            var lw = leftSchema.Count;
            for (var c = 0; c < lw; c++)
            {
                cols[c] = ColumnVector.Create(leftSchema[c].Type, count);
                VectorCopier.AppendNulls(cols[c], count);
            }
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows).Slice(start, count);
            for (var c = 0; c < right.Columns.Length; c++) cols[lw + c] = VectorCopier.Gather(right.Columns[c], span);
            yield return new ColumnBatch(schema, cols, count);
        }
    }

    private ColumnBatch Combine(ColumnBatch left, int[] leftRows, List<int> li, List<int> ri, int start, int count, StructType outSchema)
    {
        var lrows = new int[count];
        var rrows = new int[count];
        for (var k = 0; k < count; k++)
        {
            var l = li[start + k];
            lrows[k] = l < 0 ? -1 : leftRows[l];
            rrows[k] = ri[start + k];
        }
        var cols = new ColumnVector[outSchema.Count];
        var lw = leftSchema.Count;
        for (var c = 0; c < lw; c++) cols[c] = VectorCopier.GatherOrNull(left.Columns[c], lrows);
        for (var c = 0; c < right.Columns.Length; c++) cols[lw + c] = VectorCopier.GatherOrNull(right.Columns[c], rrows);
        return new ColumnBatch(outSchema, cols, count);
    }

    /// <summary>Physical row index of each live row of a batch.</summary>
    public static int[] LiveRows(ColumnBatch batch)
    {
        var n = batch.LiveRowCount;
        var rows = new int[n];
        if (batch.Selection is { } s) s.Span.CopyTo(rows);
        else for (var i = 0; i < n; i++) rows[i] = i;
        return rows;
    }
}
