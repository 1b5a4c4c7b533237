using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>Passes the first occurrence of each distinct row (streaming: later duplicates are deselected).</summary>
internal sealed class DistinctOperator(PhysicalOperator input) : PhysicalOperator
{
    public override StructType Schema => input.Schema;
    public override IReadOnlyList<PhysicalOperator> Children => [input];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var table = new GroupHashTable(Schema.Fields.Select(f => f.Type).ToArray());
        var ids = new int[256];
        foreach (var batch in input.Execute(context))
        {
            var dense = VectorCopier.Compact(batch);
            var n = dense.RowCount;
            if (ids.Length < n) ids = new int[n];
            var before = table.GroupCount;
            table.FindOrInsert(dense.Columns, n, ids);
            var selection = new SelectionVector(Math.Max(1, table.GroupCount - before));
            var next = before;
            for (var i = 0; i < n; i++)
                if (ids[i] == next)
                {
                    selection.Indices[selection.Count++] = i;
                    next++;
                }
            if (selection.Count == 0) continue;
            yield return selection.Count == n ? dense : new ColumnBatch(dense.Schema, dense.Columns, n, selection);
        }
    }

    public override string Describe() => "HashDistinct";
}
