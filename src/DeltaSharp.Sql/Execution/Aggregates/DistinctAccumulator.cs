using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>
/// <c>agg(DISTINCT args)</c>: forwards to the inner accumulator only the first row of each (group, args) tuple, so
/// count(DISTINCT x), sum(DISTINCT x), … see every distinct value once.
/// </summary>
internal sealed class DistinctAccumulator : Accumulator
{
    private readonly Accumulator _inner;
    private readonly GroupHashTable _seen;
    private int[] _ids = new int[256];
    private int[] _firstRows = new int[256];

    public DistinctAccumulator(Accumulator inner, IReadOnlyList<DataType> argTypes)
    {
        _inner = inner;
        _seen = new GroupHashTable([DataType.Integer, .. argTypes]);
    }

    public override void Resize(int groupCount) => _inner.Resize(groupCount);

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        if (_ids.Length < count)
        {
            _ids = new int[count];
            _firstRows = new int[count];
        }
        var groups = new PrimitiveVector<int>(DataType.Integer, count);
        groupIds[..count].CopyTo(groups.Values);
        groups.Length = count;
        var keys = new ColumnVector[args.Length + 1];
        keys[0] = groups;
        args.CopyTo(keys, 1);
        var before = _seen.GroupCount;
        _seen.FindOrInsert(keys, count, _ids);
        // Ids are handed out in row order, so a row is the first of its tuple when its id is the next new one.
        var next = before;
        var n = 0;
        for (var i = 0; i < count; i++)
        {
            if (_ids[i] == next)
            {
                _firstRows[n++] = i;
                next++;
            }
        }
        if (n == 0) return;
        var rows = _firstRows.AsSpan(0, n);
        var subArgs = new ColumnVector[args.Length];
        for (var a = 0; a < args.Length; a++) subArgs[a] = VectorCopier.Gather(args[a], rows);
        var subGroups = new int[n];
        for (var i = 0; i < n; i++) subGroups[i] = groupIds[rows[i]];
        _inner.Update(subGroups, subArgs, n, context);
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context) => _inner.WriteResult(group, output, context);
}
