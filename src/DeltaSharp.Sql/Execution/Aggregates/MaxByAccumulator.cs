using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>
/// max_by(x, ord) / min_by(x, ord): the x of the row with the largest (smallest) ord; rows with a NULL ord are
/// skipped; ties keep the first row seen.
/// </summary>
internal sealed class MaxByAccumulator(DataType valueType, DataType orderType, bool max) : Accumulator
{
    private readonly ValueSlots _values = ValueSlots.For(valueType);
    private readonly ValueSlots _orders = ValueSlots.For(orderType);

    public override void Resize(int groupCount)
    {
        _values.Resize(groupCount);
        _orders.Resize(groupCount);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context) =>
        UpdateRange(groupIds, args, 0, count, context);

    public override void UpdateRange(ReadOnlySpan<int> groupIds, ColumnVector[] args, int start, int count, EvaluationContext context)
    {
        var x = args[0];
        var ord = args[1];
        for (var i = 0; i < count; i++)
        {
            var row = start + i;
            if (ord.IsNull(row)) continue;
            var g = groupIds[i];
            if (_orders.HasValue(g))
            {
                var c = _orders.Compare(g, ord, row);
                if (max ? c >= 0 : c <= 0) continue;
            }
            _orders.Set(g, ord, row);
            _values.Set(g, x, row);
        }
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context) => _values.Write(group, output);

    public override bool CanMerge => true;

    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = (MaxByAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            if (!o._orders.HasValue(g)) continue;
            var t = map[g];
            if (_orders.HasValue(t))
            {
                var c = _orders.CompareWith(t, o._orders, g);
                if (max ? c >= 0 : c <= 0) continue;
            }
            _orders.CopyFrom(o._orders, g, t);
            _values.CopyFrom(o._values, g, t);
        }
    }
}
