using DeltaSharp.Columnar;
using DeltaSharp.Compute;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>Which statistic a <see cref="VarianceAccumulator"/> returns.</summary>
internal enum VarianceKind
{
    SampleVariance,
    PopulationVariance,
    SampleStddev,
    PopulationStddev,
}

/// <summary>
/// variance / var_samp / var_pop / stddev / stddev_samp / stddev_pop over double input (Welford's update, as Spark's
/// CentralMomentAgg). Null on no rows; the sample forms are null for a single row (Spark 3+ default).
/// </summary>
internal sealed class VarianceAccumulator(VarianceKind kind) : Accumulator
{
    private double[] _n = new double[16];
    private double[] _mean = new double[16];
    private double[] _m2 = new double[16];

    public override void Resize(int groupCount)
    {
        if (groupCount <= _n.Length) return;
        var n = Math.Max(groupCount, _n.Length * 2);
        Array.Resize(ref _n, n);
        Array.Resize(ref _mean, n);
        Array.Resize(ref _m2, n);
    }

    public override void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context)
    {
        var v = (PrimitiveVector<double>)args[0];
        for (var i = 0; i < count; i++)
        {
            if (v.IsNull(i)) continue;
            var g = groupIds[i];
            var x = v[i];
            var n = _n[g] + 1;
            var delta = x - _mean[g];
            var deltaN = delta / n;
            _mean[g] += deltaN;
            _m2[g] += delta * (delta - deltaN);
            _n[g] = n;
        }
    }

    public override void WriteResult(int group, ColumnVector output, EvaluationContext context)
    {
        var o = (PrimitiveVector<double>)output;
        var n = _n[group];
        if (n == 0)
        {
            o.AppendNull();
            return;
        }
        var sample = kind is VarianceKind.SampleVariance or VarianceKind.SampleStddev;
        if (sample && n == 1)
        {
            o.AppendNull();
            return;
        }
        var variance = _m2[group] / (sample ? n - 1 : n);
        o.Append(kind is VarianceKind.SampleStddev or VarianceKind.PopulationStddev ? Math.Sqrt(variance) : variance);
    }

    public override bool CanMerge => true;

    /// <summary>Chan et al.'s combination of two partial moments.</summary>
    public override void Merge(Accumulator other, ReadOnlySpan<int> map)
    {
        var o = (VarianceAccumulator)other;
        for (var g = 0; g < map.Length; g++)
        {
            var nb = o._n[g];
            if (nb == 0) continue;
            var t = map[g];
            var na = _n[t];
            if (na == 0)
            {
                _n[t] = nb;
                _mean[t] = o._mean[g];
                _m2[t] = o._m2[g];
                continue;
            }
            var n = na + nb;
            var delta = o._mean[g] - _mean[t];
            _mean[t] += delta * nb / n;
            _m2[t] += o._m2[g] + delta * delta * na * nb / n;
            _n[t] = n;
        }
    }
}
