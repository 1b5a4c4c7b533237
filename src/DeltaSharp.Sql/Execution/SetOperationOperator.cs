using DeltaSharp.Columnar;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// UNION ALL (concatenation), INTERSECT [ALL] and EXCEPT [ALL] (the right input hashed with row counts, the left
/// streamed). Rows compare as in grouping: null equals null. UNION DISTINCT is planned as a distinct over UNION ALL.
/// </summary>
internal sealed class SetOperationOperator(PhysicalOperator left, PhysicalOperator right, SetOperator op, bool all, StructType schema) : PhysicalOperator
{
    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [left, right];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        if (op == SetOperator.Union)
        {
            foreach (var b in left.Execute(context)) yield return Retag(b);
            foreach (var b in right.Execute(context)) yield return Retag(b);
            yield break;
        }
        var types = Schema.Fields.Select(f => f.Type).ToArray();
        var table = new GroupHashTable(types);
        var counts = new List<long>();
        var ids = new int[256];
        foreach (var batch in right.Execute(context))
        {
            var dense = VectorCopier.Compact(batch);
            if (ids.Length < dense.RowCount) ids = new int[dense.RowCount];
            table.FindOrInsert(dense.Columns, dense.RowCount, ids);
            while (counts.Count < table.GroupCount) counts.Add(0);
            for (var i = 0; i < dense.RowCount; i++) counts[ids[i]]++;
        }
        var emitted = new GroupHashTable(types); // distinct forms: each left row once
        var emittedIds = new int[256];
        foreach (var batch in left.Execute(context))
        {
            var dense = VectorCopier.Compact(batch);
            var n = dense.RowCount;
            var found = new int[n];
            table.Find(dense.Columns, n, found);
            var keep = new bool[n];
            if (all)
            {
                for (var i = 0; i < n; i++)
                {
                    var g = found[i];
                    var inRight = g >= 0 && counts[g] > 0;
                    if (inRight) counts[g]--;
                    keep[i] = op == SetOperator.Intersect ? inRight : !inRight;
                }
            }
            else
            {
                if (emittedIds.Length < n) emittedIds = new int[n];
                var before = emitted.GroupCount;
                emitted.FindOrInsert(dense.Columns, n, emittedIds);
                var next = before;
                for (var i = 0; i < n; i++)
                {
                    var first = emittedIds[i] == next;
                    if (first) next++;
                    keep[i] = first && (op == SetOperator.Intersect ? found[i] >= 0 : found[i] < 0);
                }
            }
            var selection = new SelectionVector(n);
            for (var i = 0; i < n; i++)
                if (keep[i]) selection.Indices[selection.Count++] = i;
            if (selection.Count > 0) yield return new ColumnBatch(Schema, dense.Columns, n, selection);
        }
    }

    private ColumnBatch Retag(ColumnBatch b) => new(Schema, b.Columns, b.RowCount, b.Selection);

    public override string Describe() => $"{op}{(all ? " ALL" : "")}";
}
