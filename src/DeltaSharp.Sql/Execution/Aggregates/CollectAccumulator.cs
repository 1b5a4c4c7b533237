using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>
/// collect_list / collect_set: the non-null values of each group as an array (input order; a set keeps the first
/// occurrence of each value). An empty group gives an empty array, as in Spark.
/// </summary>
internal sealed class CollectAccumulator(DataType elementType, bool distinct) : Accumulator
{
    private readonly ColumnVector _values = ColumnVector.Create(elementType, 64);
    private readonly List<List<int>?> _rows = [];
    private GroupHashTable? _seen;

    public override void Resize(int groupCount)
    {
        while (_rows.Count < groupCount) _rows.Add(null);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        var v = args[0];
        bool[]? first = null;
        if (distinct)
        {
            // One hash probe per row for the whole batch: a row is kept when its (group, value) is new.
            _seen ??= new GroupHashTable([DataType.Integer, elementType]);
            var groups = new PrimitiveVector<int>(DataType.Integer, count) { Length = count };
            groupIds[..count].CopyTo(groups.Values);
            var ids = new int[count];
            var before = _seen.GroupCount;
            _seen.FindOrInsert([groups, v], count, ids);
            first = new bool[count];
            var next = before;
            for (var i = 0; i < count; i++)
                if (ids[i] == next)
                {
                    first[i] = true;
                    next++;
                }
        }
        Span<int> one = stackalloc int[1];
        for (var i = 0; i < count; i++)
        {
            if (v.IsNull(i) || first is not null && !first[i]) continue;
            one[0] = i;
            VectorCopier.AppendRows(_values, v, one);
            (_rows[groupIds[i]] ??= []).Add(_values.Length - 1);
        }
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context)
    {
        var list = (ListVector)output;
        var n = list.Length;
        list.EnsureCapacity(n + 1);
        var rows = _rows[group];
        if (rows is not null) VectorCopier.AppendRows(list.Elements, _values, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        list.Offsets[n + 1] = list.Elements.Length;
        list.Length = n + 1;
        list.Validity?.SetValid(n);
    }
}
