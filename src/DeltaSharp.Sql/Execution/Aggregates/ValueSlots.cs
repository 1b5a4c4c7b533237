using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution.Aggregates;

/// <summary>
/// One retained value per group (min, max, first, last): typed arrays for fixed-width types, byte arrays for
/// string/binary, boxed values otherwise. A slot is empty, null, or holds a value.
/// </summary>
internal abstract class ValueSlots
{
    public static ValueSlots For(DataType type) => type.Physical switch
    {
        PhysicalKind.Boolean => new PrimitiveSlots<bool>(),
        PhysicalKind.Int8 => new PrimitiveSlots<sbyte>(),
        PhysicalKind.Int16 => new PrimitiveSlots<short>(),
        PhysicalKind.Int32 => new PrimitiveSlots<int>(),
        PhysicalKind.Int64 => new PrimitiveSlots<long>(),
        PhysicalKind.Int128 => new PrimitiveSlots<Int128>(),
        PhysicalKind.Float32 => new PrimitiveSlots<float>(),
        PhysicalKind.Float64 => new PrimitiveSlots<double>(),
        PhysicalKind.Binary => new BytesSlots(),
        _ => new ObjectSlots(type),
    };

    protected byte[] State = new byte[16]; // 0 empty, 1 null, 2 value

    public virtual void Resize(int count)
    {
        if (count > State.Length) Array.Resize(ref State, Math.Max(count, State.Length * 2));
    }

    public bool IsEmpty(int slot) => State[slot] == 0;

    public bool HasValue(int slot) => State[slot] == 2;

    /// <summary>Stores row <paramref name="row"/> of <paramref name="source"/> (null when the row is null).</summary>
    public abstract void Set(int slot, ColumnVector source, int row);

    /// <summary>Compares the slot's value with a non-null row (slot must hold a value).</summary>
    public abstract int Compare(int slot, ColumnVector source, int row);

    /// <summary>Appends the slot's value (null when empty or null).</summary>
    public abstract void Write(int slot, ColumnVector output);

    /// <summary>Copies slot <paramref name="otherSlot"/> of <paramref name="other"/> (same kind) into <paramref name="slot"/>.</summary>
    public abstract void CopyFrom(ValueSlots other, int otherSlot, int slot);

    /// <summary>Compares two slots that both hold values.</summary>
    public abstract int CompareWith(int slot, ValueSlots other, int otherSlot);

    public void Clear(int slot) => State[slot] = 0;
}

internal sealed class PrimitiveSlots<T> : ValueSlots where T : unmanaged
{
    private T[] _values = new T[16];

    public override void Resize(int count)
    {
        base.Resize(count);
        if (count > _values.Length) Array.Resize(ref _values, Math.Max(count, _values.Length * 2));
    }

    public override void Set(int slot, ColumnVector source, int row)
    {
        if (source.IsNull(row))
        {
            State[slot] = 1;
            return;
        }
        _values[slot] = ((PrimitiveVector<T>)source)[row];
        State[slot] = 2;
    }

    public override int Compare(int slot, ColumnVector source, int row)
    {
        return CompareValues(_values[slot], ((PrimitiveVector<T>)source)[row]);
    }

    public override void Write(int slot, ColumnVector output)
    {
        var o = (PrimitiveVector<T>)output;
        if (State[slot] == 2) o.Append(_values[slot]);
        else o.AppendNull();
    }

    public override void CopyFrom(ValueSlots other, int otherSlot, int slot)
    {
        var o = (PrimitiveSlots<T>)other;
        _values[slot] = o._values[otherSlot];
        State[slot] = o.State[otherSlot];
    }

    public override int CompareWith(int slot, ValueSlots other, int otherSlot)
    {
        return CompareValues(_values[slot], ((PrimitiveSlots<T>)other)._values[otherSlot]);
    }

    /// <summary>Spark's order: doubles and floats with NaN greatest and -0.0 = 0.0, others by their natural order.</summary>
    private static int CompareValues(T s, T v)
    {
        if (typeof(T) == typeof(double)) return VectorComparer.CompareDouble((double)(object)s, (double)(object)v);
        if (typeof(T) == typeof(float)) return VectorComparer.CompareDouble((float)(object)s, (float)(object)v);
        return Comparer<T>.Default.Compare(s, v);
    }
}

internal sealed class BytesSlots : ValueSlots
{
    private byte[]?[] _values = new byte[]?[16];

    public override void Resize(int count)
    {
        base.Resize(count);
        if (count > _values.Length) Array.Resize(ref _values, Math.Max(count, _values.Length * 2));
    }

    public override void Set(int slot, ColumnVector source, int row)
    {
        if (source.IsNull(row))
        {
            State[slot] = 1;
            return;
        }
        _values[slot] = ((BinaryVector)source).GetBytes(row).ToArray();
        State[slot] = 2;
    }

    public override int Compare(int slot, ColumnVector source, int row) =>
        _values[slot].AsSpan().SequenceCompareTo(((BinaryVector)source).GetBytes(row));

    public override void Write(int slot, ColumnVector output)
    {
        var o = (BinaryVector)output;
        if (State[slot] == 2) o.Append(_values[slot]!);
        else o.AppendNull();
    }

    public override void CopyFrom(ValueSlots other, int otherSlot, int slot)
    {
        var o = (BytesSlots)other;
        _values[slot] = o._values[otherSlot];
        State[slot] = o.State[otherSlot];
    }

    public override int CompareWith(int slot, ValueSlots other, int otherSlot) =>
        _values[slot].AsSpan().SequenceCompareTo(((BytesSlots)other)._values[otherSlot]);
}

internal sealed class ObjectSlots(DataType type) : ValueSlots
{
    private ColumnVector?[] _values = new ColumnVector?[16];

    public override void Resize(int count)
    {
        base.Resize(count);
        if (count > _values.Length) Array.Resize(ref _values, Math.Max(count, _values.Length * 2));
    }

    public override void Set(int slot, ColumnVector source, int row)
    {
        if (source.IsNull(row))
        {
            State[slot] = 1;
            return;
        }
        _values[slot] = VectorCopier.Gather(source, [row]);
        State[slot] = 2;
    }

    public override int Compare(int slot, ColumnVector source, int row) => VectorComparer.Compare(_values[slot]!, 0, source, row);

    public override void Write(int slot, ColumnVector output)
    {
        if (State[slot] == 2) VectorCopier.AppendRange(output, _values[slot]!, 0, 1);
        else VectorCopier.AppendNulls(output, 1);
        _ = type;
    }

    public override void CopyFrom(ValueSlots other, int otherSlot, int slot)
    {
        var o = (ObjectSlots)other;
        _values[slot] = o._values[otherSlot];
        State[slot] = o.State[otherSlot];
    }

    public override int CompareWith(int slot, ValueSlots other, int otherSlot) =>
        VectorComparer.Compare(_values[slot]!, 0, ((ObjectSlots)other)._values[otherSlot]!, 0);
}
