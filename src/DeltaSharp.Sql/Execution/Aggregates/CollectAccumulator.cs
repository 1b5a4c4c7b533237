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
        Span<int> one = stackalloc int[1];
        for (var i = 0; i < count; i++)
        {
            if (v.IsNull(i)) continue;
            var g = groupIds[i];
            if (distinct && !FirstTime(g, v, i)) continue;
            one[0] = i;
            VectorCopier.AppendRows(_values, v, one);
            (_rows[g] ??= []).Add(_values.Length - 1);
        }
    }

    private bool FirstTime(int group, ColumnVector v, int row)
    {
        _seen ??= new GroupHashTable([DataType.Integer, elementType]);
        var key0 = new PrimitiveVector<int>(DataType.Integer, 1);
        key0.Append(group);
        var key1 = VectorCopier.Gather(v, [row]);
        var before = _seen.GroupCount;
        Span<int> id = stackalloc int[1];
        _seen.FindOrInsert([key0, key1], 1, id);
        return _seen.GroupCount > before;
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
