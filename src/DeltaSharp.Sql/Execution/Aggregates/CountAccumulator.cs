using DeltaSharp.Columnar;
using DeltaSharp.Compute;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary><c>count(*)</c> (no arguments) or <c>count(a, b, …)</c>: rows where every argument is non-null. bigint, 0 on no rows.</summary>
internal sealed class CountAccumulator : Accumulator
{
    private long[] _counts = new long[16];

    public override void Resize(int groupCount)
    {
        if (groupCount > _counts.Length) Array.Resize(ref _counts, Math.Max(groupCount, _counts.Length * 2));
    }

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context) =>
        UpdateRange(groupIds, args, 0, count, context);

    public override void UpdateRange(ReadOnlySpan<int> groupIds, ColumnVector[] args, int start, int count, EvaluationContext context)
    {
        var counts = _counts;
        var anyNulls = false;
        foreach (var a in args) anyNulls |= a.HasNulls;
        if (!anyNulls)
        {
            for (var i = 0; i < count; i++) counts[groupIds[i]]++;
            return;
        }
        for (var i = 0; i < count; i++)
        {
            var valid = true;
            foreach (var a in args)
                if (a.IsNull(start + i)) { valid = false; break; }
            if (valid) counts[groupIds[i]]++;
        }
    }

    public override void UpdateSingleGroup(ReadOnlySpan<int> zeroIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        var anyNulls = false;
        foreach (var a in args) anyNulls |= a.HasNulls;
        if (anyNulls) UpdateRange(zeroIds, args, 0, count, context);
        else _counts[0] += count;
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context) =>
        ((PrimitiveVector<long>)output).Append(_counts[group]);

    public override bool CanMerge => true;

    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = ((CountAccumulator)other)._counts;
        for (var g = 0; g < map.Length; g++) _counts[map[g]] += o[g];
    }
}

/// <summary><c>count_if(cond)</c>: rows where the condition is true. bigint, 0 on no rows.</summary>
internal sealed class CountIfAccumulator : Accumulator
{
    private long[] _counts = new long[16];

    public override void Resize(int groupCount)
    {
        if (groupCount > _counts.Length) Array.Resize(ref _counts, Math.Max(groupCount, _counts.Length * 2));
    }

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        var v = (PrimitiveVector<bool>)args[0];
        for (var i = 0; i < count; i++)
            if (!v.IsNull(i) && v[i]) _counts[groupIds[i]]++;
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context) =>
        ((PrimitiveVector<long>)output).Append(_counts[group]);

    public override bool CanMerge => true;

    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = ((CountIfAccumulator)other)._counts;
        for (var g = 0; g < map.Length; g++) _counts[map[g]] += o[g];
    }
}
