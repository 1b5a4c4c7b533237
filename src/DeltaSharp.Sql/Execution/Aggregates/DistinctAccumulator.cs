using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>
/// <c>agg(DISTINCT args)</c>: forwards to the inner accumulator only the first row of each (group, args) tuple, so
/// count(DISTINCT x), sum(DISTINCT x), … see every distinct value once. While every row belongs to group 0 (an
/// aggregate without GROUP BY) the seen set holds the arguments alone, so a single string or integer argument takes
/// the hash table's typed path; the first other group id moves it to (group, args) tuples. Partial states merge (each
/// tuple new to this state is forwarded to the inner accumulator), so the aggregate can run on several threads.
/// </summary>
internal sealed class DistinctAccumulator : Accumulator
{
    private readonly Accumulator _inner;
    private readonly IReadOnlyList<DataType> _argTypes;
    private GroupHashTable? _global;
    private GroupHashTable? _seen;
    private EvaluationContext? _context;
    private int[] _ids = new int[256];
    private int[] _firstRows = new int[256];

    public DistinctAccumulator(Accumulator inner, IReadOnlyList<DataType> argTypes)
    {
        _inner = inner;
        _argTypes = argTypes;
        _global = new GroupHashTable(argTypes);
    }

    public override void Resize(int groupCount) => _inner.Resize(groupCount);

    public override bool CanMerge => true;

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        _context = context;
        if (_global is not null && !AllZero(groupIds[..count])) ToTuples();
        Insert(groupIds[..count], args, count, context);
    }

    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = (DistinctAccumulator)other;
        var context = _context ?? o._context;
        if (context is null) return; // neither side saw a row
        _context = context;
        var table = o._global ?? o._seen!;
        var n = table.GroupCount;
        if (n == 0) return;
        var keys = table.Keys;
        Span<int> groups = n <= 1024 ? stackalloc int[n] : new int[n];
        ColumnVector[] args;
        if (o._global is not null)
        {
            var target = map.Length > 0 ? map[0] : 0;
            groups.Fill(target);
            args = keys;
        }
        else
        {
            var source = (PrimitiveVector<int>)keys[0];
            for (var i = 0; i < n; i++) groups[i] = map[source[i]];
            args = keys[1..];
        }
        if (_global is not null && !AllZero(groups)) ToTuples();
        Insert(groups, args, n, context);
    }

    private static bool AllZero(ReadOnlySpan<int> ids)
    {
        foreach (var id in ids)
            if (id != 0) return false;
        return true;
    }

    /// <summary>Moves the argument-only seen set of group 0 into a (group, args) set.</summary>
    private void ToTuples()
    {
        var global = _global!;
        _global = null;
        _seen = new GroupHashTable([DataType.Integer, .. _argTypes]);
        var n = global.GroupCount;
        if (n == 0) return;
        var groups = new PrimitiveVector<int>(DataType.Integer, n) { Length = n };
        var ids = new int[n];
        _seen.FindOrInsert([groups, .. global.Keys], n, ids);
    }

    private void Insert(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        if (_ids.Length < count)
        {
            _ids = new int[count];
            _firstRows = new int[count];
        }
        int before;
        if (_global is not null)
        {
            before = _global.GroupCount;
            _global.FindOrInsert(args, count, _ids);
        }
        else
        {
            var groups = new PrimitiveVector<int>(DataType.Integer, count);
            groupIds[..count].CopyTo(groups.Values);
            groups.Length = count;
            var keys = new ColumnVector[args.Length + 1];
            keys[0] = groups;
            args.CopyTo(keys, 1);
            before = _seen!.GroupCount;
            _seen.FindOrInsert(keys, count, _ids);
        }
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
        if (n == count) args.CopyTo(subArgs, 0);
        else
            for (var a = 0; a < args.Length; a++) subArgs[a] = VectorCopier.Gather(args[a], rows);
        var subGroups = new int[n];
        for (var i = 0; i < n; i++) subGroups[i] = groupIds[rows[i]];
        _inner.Update(subGroups, subArgs, n, context);
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context) => _inner.WriteResult(group, output, context);
}
