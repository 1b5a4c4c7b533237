using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Columnar;

/// <summary>
/// Fixed-width values in a plain array. The element type follows <see cref="DataType.Physical"/>:
/// bool, sbyte, short, int (integer, date), long (long, timestamps in µs, decimal p ≤ 18 unscaled),
/// Int128 (decimal p &gt; 18 unscaled), float, double. Slots that are null hold unspecified values.
/// </summary>
public sealed class PrimitiveVector<T> : ColumnVector where T : unmanaged
{
    private T[] _values;

    public PrimitiveVector(DataType type, int capacity) : base(type)
    {
        _values = new T[Math.Max(1, capacity)];
    }

    /// <summary>The backing array; valid slots are [0, Length).</summary>
    public T[] Values => _values;

    public Span<T> Span => _values.AsSpan(0, Length);

    public T this[int index]
    {
        get => _values[index];
        set => _values[index] = value;
    }

    public override int Capacity => _values.Length;

    public override void EnsureCapacity(int capacity)
    {
        if (capacity > _values.Length)
            Array.Resize(ref _values, Math.Max(capacity, _values.Length * 2));
        if (Validity is not null) EnsureValidity(capacity);
    }

    /// <summary>Appends a value (grows as needed).</summary>
    public void Append(T value)
    {
        if (Length == _values.Length) EnsureCapacity(Length + 1);
        _values[Length++] = value;
    }

    public void AppendNull()
    {
        if (Length == _values.Length) EnsureCapacity(Length + 1);
        _values[Length] = default;
        SetNull(Length);
        Length++;
    }

    public override object? GetObject(int index) => IsNull(index) ? null : ValueConverter.Box(Type, _values[index]);
}
