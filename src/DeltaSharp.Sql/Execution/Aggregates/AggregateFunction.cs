using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>
/// A resolved aggregate function (Spark's name and result type rules): what the binder puts into an aggregate call
/// and what the hash aggregate and window operators instantiate accumulators from. Immutable; equal when name,
/// parameter types, result type and options agree.
/// </summary>
public sealed class AggregateFunction : IEquatable<AggregateFunction>
{
    private readonly Func<AggregateFunction, Accumulator> _factory;
    private readonly Func<AggregateFunction, Accumulator> _plainFactory;

    internal AggregateFunction(string name, IReadOnlyList<DataType> parameterTypes, DataType returnType, Func<AggregateFunction, Accumulator> factory, bool nullOnEmpty = true, bool ignoreNulls = false, Func<AggregateFunction, Accumulator>? plainFactory = null)
    {
        _plainFactory = plainFactory ?? factory;
        Name = name;
        ParameterTypes = parameterTypes;
        ReturnType = returnType;
        _factory = factory;
        NullOnEmpty = nullOnEmpty;
        IgnoreNulls = ignoreNulls;
    }

    /// <summary>Lower-case canonical name (<c>count</c>, <c>sum</c>, <c>stddev_samp</c>, …).</summary>
    public string Name { get; }

    /// <summary>Argument types after coercion (the binder casts arguments to them).</summary>
    public IReadOnlyList<DataType> ParameterTypes { get; }

    public DataType ReturnType { get; }

    /// <summary>False for count-like functions, which give 0 on no rows.</summary>
    public bool NullOnEmpty { get; }

    /// <summary>first / last / any_value with IGNORE NULLS (or the second argument true).</summary>
    public bool IgnoreNulls { get; }

    internal Accumulator CreateAccumulator() => _factory(this);

    /// <summary>The same function without its DISTINCT wrapper (for input that is already distinct).</summary>
    internal AggregateFunction WithoutDistinct() =>
        ReferenceEquals(_factory, _plainFactory) ? this : new AggregateFunction(Name, ParameterTypes, ReturnType, _plainFactory, NullOnEmpty, IgnoreNulls);

    public bool Equals(AggregateFunction? other) =>
        other is not null && other.Name == Name && other.ReturnType == ReturnType && other.IgnoreNulls == IgnoreNulls
        && other.ParameterTypes.SequenceEqual(ParameterTypes);

    public override bool Equals(object? obj) => obj is AggregateFunction f && Equals(f);

    public override int GetHashCode() => HashCode.Combine(Name, ReturnType, IgnoreNulls);

    public override string ToString() => Name;
}

/// <summary>
/// The state of one aggregate for many groups, updated a batch at a time. Group ids are dense (0..groups-1);
/// <see cref="Resize"/> is called before an update that uses new ids. Not thread-safe.
/// </summary>
internal abstract class Accumulator
{
    /// <summary>Makes room for groups [0, groupCount); new groups start empty.</summary>
    public abstract void Resize(int groupCount);

    /// <summary>Adds rows [0, count) of the dense arguments, row i to group <paramref name="groupIds"/>[i].</summary>
    public abstract void Update(ReadOnlySpan<int> groupIds, ColumnVector[] args, int count, EvaluationContext context);

    /// <summary>Adds rows [start, start+count) of the arguments, row start+i to group <paramref name="groupIds"/>[i]
    /// (window frames feed a partition piece by piece). The default copies the rows out and calls
    /// <see cref="Update"/>.</summary>
    public virtual void UpdateRange(ReadOnlySpan<int> groupIds, ColumnVector[] args, int start, int count, EvaluationContext context)
    {
        if (start == 0)
        {
            Update(groupIds, args, count, context);
            return;
        }
        var slices = new ColumnVector[args.Length];
        for (var i = 0; i < args.Length; i++) slices[i] = Vectors.VectorCopier.Slice(args[i], start, count);
        Update(groupIds, slices, count, context);
    }

    /// <summary>Adds rows [0, count) of the dense arguments, all to group 0 (an aggregate without GROUP BY);
    /// <paramref name="zeroIds"/> holds <paramref name="count"/> zeros. The default calls <see cref="Update"/>.</summary>
    public virtual void UpdateSingleGroup(ReadOnlySpan<int> zeroIds, ColumnVector[] args, int count, EvaluationContext context) =>
        Update(zeroIds, args, count, context);

    /// <summary>Appends the current result of <paramref name="group"/> to <paramref name="output"/> (state kept).</summary>
    public abstract void WriteResult(int group, ColumnVector output, EvaluationContext context);

    /// <summary>Whether <see cref="Merge"/> is supported and the result does not depend on input order (partial
    /// aggregation on several threads).</summary>
    public virtual bool CanMerge => false;

    /// <summary>Adds the state of <paramref name="other"/> (same function) into this one: other's group g goes into
    /// group <paramref name="map"/>[g] here (already within <see cref="Resize"/>d range).</summary>
    public virtual void Merge(Accumulator other, ReadOnlySpan<int> map) =>
        throw new NotSupportedException($"{GetType().Name} cannot merge partial states.");
}
