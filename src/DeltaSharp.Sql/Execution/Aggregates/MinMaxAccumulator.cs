using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>min / max of any orderable type (nulls ignored; null on no non-null rows). Spark's order: NaN is the largest double.</summary>
internal sealed class MinMaxAccumulator(DataType type, bool max) : Accumulator
{
    private readonly ValueSlots _slots = ValueSlots.For(type);

    public override void Resize(int groupCount) => _slots.Resize(groupCount);

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        var v = args[0];
        for (var i = 0; i < count; i++)
        {
            if (v.IsNull(i)) continue;
            var g = groupIds[i];
            if (!_slots.HasValue(g)) _slots.Set(g, v, i);
            else
            {
                var c = _slots.Compare(g, v, i);
                if (max ? c < 0 : c > 0) _slots.Set(g, v, i);
            }
        }
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context) => _slots.Write(group, output);

    public override bool CanMerge => true;

    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = ((MinMaxAccumulator)other)._slots;
        for (var g = 0; g < map.Length; g++)
        {
            if (!o.HasValue(g)) continue;
            var t = map[g];
            if (!_slots.HasValue(t)) _slots.CopyFrom(o, g, t);
            else
            {
                var c = _slots.CompareWith(t, o, g);
                if (max ? c < 0 : c > 0) _slots.CopyFrom(o, g, t);
            }
        }
    }
}

/// <summary>
/// first / last / any_value: the first (last) row's value in input order, or the first (last) non-null value with
/// IGNORE NULLS. Like Spark, "first" depends on the order rows arrive in.
/// </summary>
internal sealed class FirstLastAccumulator(DataType type, bool last, bool ignoreNulls) : Accumulator
{
    private readonly ValueSlots _slots = ValueSlots.For(type);

    public override void Resize(int groupCount) => _slots.Resize(groupCount);

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        var v = args[0];
        for (var i = 0; i < count; i++)
        {
            if (ignoreNulls && v.IsNull(i)) continue;
            var g = groupIds[i];
            if (last || _slots.IsEmpty(g)) _slots.Set(g, v, i);
        }
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context) => _slots.Write(group, output);
}

/// <summary>bool_and / every and bool_or / some / any: null on no non-null rows.</summary>
internal sealed class BoolAccumulator(bool and) : Accumulator
{
    private byte[] _state = new byte[16]; // 0 empty, 1 false, 2 true

    public override void Resize(int groupCount)
    {
        if (groupCount > _state.Length) Array.Resize(ref _state, Math.Max(groupCount, _state.Length * 2));
    }

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        var v = (PrimitiveVector<bool>)args[0];
        for (var i = 0; i < count; i++)
        {
            if (v.IsNull(i)) continue;
            var g = groupIds[i];
            var b = v[i];
            if (_state[g] == 0) _state[g] = b ? (byte)2 : (byte)1;
            else if (and && !b) _state[g] = 1;
            else if (!and && b) _state[g] = 2;
        }
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context)
    {
        var o = (PrimitiveVector<bool>)output;
        if (_state[group] == 0) o.AppendNull();
        else o.Append(_state[group] == 2);
    }

    public override bool CanMerge => true;

    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = ((BoolAccumulator)other)._state;
        for (var g = 0; g < map.Length; g++)
        {
            var t = map[g];
            if (o[g] == 0) continue;
            if (_state[t] == 0) _state[t] = o[g];
            else if (and && o[g] == 1) _state[t] = 1;
            else if (!and && o[g] == 2) _state[t] = 2;
        }
    }
}
