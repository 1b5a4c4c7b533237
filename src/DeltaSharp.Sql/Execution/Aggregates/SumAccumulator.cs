using System.Numerics;
using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>
/// sum over integral inputs: a long sum per group (Spark's sum(int) is bigint; an overflow is ARITHMETIC_OVERFLOW
/// under ANSI, null otherwise). avg of integral inputs goes through <see cref="DoubleSumAccumulator"/> (Spark sums
/// them as double).
/// </summary>
internal sealed class LongSumAccumulator : Accumulator
{
    private long[] _sums = new long[16];
    private long[] _counts = new long[16];
    private bool[] _overflow = new bool[16];

    public override void Resize(int groupCount)
    {
        if (groupCount <= _sums.Length) return;
        var n = Math.Max(groupCount, _sums.Length * 2);
        Array.Resize(ref _sums, n);
        Array.Resize(ref _counts, n);
        Array.Resize(ref _overflow, n);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        switch (args[0])
        {
            case PrimitiveVector<long> v: Add(v, groupIds, count); break;
            case PrimitiveVector<int> v: Add(v, groupIds, count); break;
            case PrimitiveVector<short> v: Add(v, groupIds, count); break;
            case PrimitiveVector<sbyte> v: Add(v, groupIds, count); break;
            default: throw new NotSupportedException(args[0].Type.ToString());
        }
    }

    private void Add<T>(PrimitiveVector<T> v, ReadOnlySpan<int> groupIds, int count) where T : unmanaged, IBinaryInteger<T>
    {
        var values = v.Values;
        var sums = _sums;
        var counts = _counts;
        var hasNulls = v.HasNulls;
        for (var i = 0; i < count; i++)
        {
            if (hasNulls && v.IsNull(i)) continue;
            var g = groupIds[i];
            var x = long.CreateTruncating(values[i]);
            var s = sums[g];
            var r = s + x;
            if (((s ^ r) & (x ^ r)) < 0) _overflow[g] = true;
            sums[g] = r;
            counts[g]++;
        }
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context)
    {
        if (_counts[group] == 0)
        {
            VectorsAppend.Null(output);
            return;
        }
        if (_overflow[group])
        {
            if (context.AnsiMode)
                throw new ComputeException("ARITHMETIC_OVERFLOW", "long overflow. Use 'try_sum' to tolerate overflow and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.");
            VectorsAppend.Null(output);
            return;
        }
        ((PrimitiveVector<long>)output).Append(_sums[group]);
    }

    public override bool CanMerge => true;

    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = (LongSumAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            var t = map[g];
            var s = _sums[t];
            var x = o._sums[g];
            var r = s + x;
            if (((s ^ r) & (x ^ r)) < 0 || o._overflow[g]) _overflow[t] = true;
            _sums[t] = r;
            _counts[t] += o._counts[g];
        }
    }
}

/// <summary>sum / avg over float / double: double sum per group (result double).</summary>
internal sealed class DoubleSumAccumulator(bool average) : Accumulator
{
    private double[] _sums = new double[16];
    private long[] _counts = new long[16];

    public override void Resize(int groupCount)
    {
        if (groupCount <= _sums.Length) return;
        var n = Math.Max(groupCount, _sums.Length * 2);
        Array.Resize(ref _sums, n);
        Array.Resize(ref _counts, n);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        switch (args[0])
        {
            case PrimitiveVector<double> v: Add(v, groupIds, count); break;
            case PrimitiveVector<float> v: Add(v, groupIds, count); break;
            default: throw new NotSupportedException(args[0].Type.ToString());
        }
    }

    private void Add<T>(PrimitiveVector<T> v, ReadOnlySpan<int> groupIds, int count) where T : unmanaged, IFloatingPoint<T>
    {
        var values = v.Values;
        var hasNulls = v.HasNulls;
        for (var i = 0; i < count; i++)
        {
            if (hasNulls && v.IsNull(i)) continue;
            var g = groupIds[i];
            _sums[g] += double.CreateTruncating(values[i]);
            _counts[g]++;
        }
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context)
    {
        if (_counts[group] == 0) VectorsAppend.Null(output);
        else ((PrimitiveVector<double>)output).Append(average ? _sums[group] / _counts[group] : _sums[group]);
    }

    // Double sums are order-sensitive in their last bits; merging is still allowed, as Spark's partial sums are.
    public override bool CanMerge => true;

    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = (DoubleSumAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            _sums[map[g]] += o._sums[g];
            _counts[map[g]] += o._counts[g];
        }
    }
}

/// <summary>
/// sum / avg over decimal(p, s): exact Int128 sums. sum gives decimal(min(38, p+10), s); avg gives
/// decimal(min(38, p+4), min(38, s+4)) rounded half-up, as Spark. A sum beyond the result precision is an error
/// under ANSI (null otherwise).
/// </summary>
internal sealed class DecimalSumAccumulator(bool average, DecimalType input, DecimalType result) : Accumulator
{
    // Unscaled sums: a long per group, with what overflowed it carried into an Int128 (rarely touched).
    private long[] _sums = new long[16];
    private Int128[] _carry = new Int128[16];
    private long[] _counts = new long[16];

    public override void Resize(int groupCount)
    {
        if (groupCount <= _sums.Length) return;
        var n = Math.Max(groupCount, _sums.Length * 2);
        Array.Resize(ref _sums, n);
        Array.Resize(ref _carry, n);
        Array.Resize(ref _counts, n);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        var sums = _sums;
        var counts = _counts;
        switch (args[0])
        {
            case PrimitiveVector<long> v:
            {
                var values = v.Values;
                var hasNulls = v.HasNulls;
                for (var i = 0; i < count; i++)
                {
                    if (hasNulls && v.IsNull(i)) continue;
                    var g = groupIds[i];
                    var x = values[i];
                    var s = sums[g];
                    var r = s + x;
                    if (((s ^ r) & (x ^ r)) < 0)
                    {
                        _carry[g] += s;
                        r = x;
                    }
                    sums[g] = r;
                    counts[g]++;
                }
                break;
            }
            case PrimitiveVector<Int128> v:
                for (var i = 0; i < count; i++)
                {
                    if (v.IsNull(i)) continue;
                    var g = groupIds[i];
                    _carry[g] = checked(_carry[g] + v[i]);
                    counts[g]++;
                }
                break;
            default: throw new NotSupportedException(args[0].Type.ToString());
        }
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context)
    {
        if (_counts[group] == 0)
        {
            VectorsAppend.Null(output);
            return;
        }
        var total = _carry[group] + _sums[group];
        Int128 value;
        if (!average) value = total; // same scale as the input
        else
        {
            // sum / count at result scale, half-up.
            var shift = result.Scale - input.Scale;
            var num = (BigInteger)total * BigInteger.Pow(10, shift);
            var q = BigInteger.DivRem(num, _counts[group], out var rem);
            if (BigInteger.Abs(rem) * 2 >= _counts[group]) q += num.Sign;
            value = (Int128)q;
        }
        if (Int128.Abs(value) >= Values.DecimalValue.PowerOfTen(result.Precision))
        {
            if (context.AnsiMode)
                throw new ComputeException("NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION", $"The {(average ? "average" : "sum")} cannot be represented as Decimal({result.Precision}, {result.Scale}). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead.");
            VectorsAppend.Null(output);
            return;
        }
        if (result.IsLong) ((PrimitiveVector<long>)output).Append((long)value);
        else ((PrimitiveVector<Int128>)output).Append(value);
    }

    public override bool CanMerge => true;

    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = (DecimalSumAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            var t = map[g];
            _carry[t] = checked(_carry[t] + o._carry[g] + o._sums[g]);
            _counts[t] += o._counts[g];
        }
    }
}

/// <summary>Appends a null to any vector.</summary>
internal static class VectorsAppend
{
    public static void Null(ColumnVector output) => Vectors.VectorCopier.AppendNulls(output, 1);
}
