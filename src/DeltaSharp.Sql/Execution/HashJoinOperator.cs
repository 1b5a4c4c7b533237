using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Equi-join: the right input is buffered and hashed on its key expressions; each left batch probes it. Rows with a
/// null key never match (unless the key is null-safe, <c>&lt;=&gt;</c>). Other conditions are checked on the candidate
/// pairs. Supports inner, left/right/full outer, left semi and left anti joins.
/// </summary>
internal sealed class HashJoinOperator(
    PhysicalOperator left,
    PhysicalOperator right,
    JoinKind kind,
    IReadOnlyList<BoundExpression> leftKeys,
    IReadOnlyList<BoundExpression> rightKeys,
    IReadOnlyList<bool> nullSafe,
    BoundExpression? residual,
    StructType schema) : PhysicalOperator
{
    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [left, right];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var evaluator = context.CreateEvaluator();
        var build = new RowBuffer(right.Schema);
        var keyTypes = rightKeys.Select(k => k.Type).ToArray();
        var keyBuffers = keyTypes.Select(t => ColumnVector.Create(t, 1024)).ToArray();
        foreach (var batch in right.Execute(context))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var rows = EvalInput.Of(batch);
            for (var k = 0; k < keyBuffers.Length; k++) VectorCopier.AppendRange(keyBuffers[k], evaluator.EvaluateToVector(rightKeys[k], rows), 0, rows.Count);
            build.Append(batch);
        }
        var buildCount = build.RowCount;
        var table = new GroupHashTable(keyTypes);
        var ids = new int[Math.Max(1, buildCount)];
        table.FindOrInsert(keyBuffers, buildCount, ids);
        var head = new int[Math.Max(1, table.GroupCount)];
        Array.Fill(head, -1);
        var next = new int[Math.Max(1, buildCount)];
        for (var r = buildCount - 1; r >= 0; r--)
        {
            if (HasNullKey(keyBuffers, r)) continue;
            next[r] = head[ids[r]];
            head[ids[r]] = r;
        }

        var output = new JoinOutput(kind, Schema, left.Schema, build, residual);
        var groups = new int[256];
        var li = new List<int>();
        var ri = new List<int>();
        foreach (var batch in left.Execute(context))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var rows = EvalInput.Of(batch);
            var n = rows.Count;
            var probeKeys = new ColumnVector[leftKeys.Count];
            for (var k = 0; k < probeKeys.Length; k++) probeKeys[k] = evaluator.EvaluateToVector(leftKeys[k], rows);
            if (groups.Length < n) groups = new int[n];
            table.Find(probeKeys, n, groups);
            var checkNulls = false;
            for (var k = 0; k < probeKeys.Length; k++) checkNulls |= !nullSafe[k] && probeKeys[k].HasNulls;
            li.Clear();
            ri.Clear();
            for (var i = 0; i < n; i++)
            {
                var g = groups[i];
                if (g < 0 || checkNulls && HasNullKey(probeKeys, i)) continue;
                for (var r = head[g]; r >= 0; r = next[r])
                {
                    li.Add(i);
                    ri.Add(r);
                }
            }
            var leftRows = JoinOutput.LiveRows(batch);
            output.FilterPairs(evaluator, batch, leftRows, li, ri);
            foreach (var b in output.Emit(batch, leftRows, n, li, ri, context.BatchSize)) yield return b;
        }
        foreach (var b in output.EmitUnmatchedRight(context.BatchSize)) yield return b;
    }

    private bool HasNullKey(ColumnVector[] keys, int row)
    {
        for (var k = 0; k < keys.Length; k++)
            if (!nullSafe[k] && keys[k].IsNull(row)) return true;
        return false;
    }

    public override string Describe() =>
        $"HashJoin {kind} keys=[{string.Join(", ", leftKeys.Select((l, i) => $"{l} {(nullSafe[i] ? "<=>" : "=")} {rightKeys[i]}"))}]"
        + (residual is null ? "" : $" residual={residual}");
}
