using DeltaSharp.Types;

namespace DeltaSharp.Columnar;

/// <summary>A struct column: one child vector per field, all of the same Length as the parent.</summary>
public sealed class StructVector : ColumnVector
{
    private int _capacity;

    public StructVector(StructType type, int capacity) : base(type)
    {
        _capacity = Math.Max(1, capacity);
        Children = new ColumnVector[type.Count];
        for (var i = 0; i < type.Count; i++) Children[i] = Create(type[i].Type, capacity);
    }

    public StructType StructType => (StructType)Type;
    public ColumnVector[] Children { get; }
    public override int Capacity => _capacity;

    public override void EnsureCapacity(int capacity)
    {
        if (capacity > _capacity) _capacity = capacity;
        foreach (var c in Children) c.EnsureCapacity(capacity);
        if (Validity is not null) EnsureValidity(capacity);
    }

    public override void Reset()
    {
        base.Reset();
        foreach (var c in Children) c.Reset();
    }

    public override object? GetObject(int index)
    {
        if (IsNull(index)) return null;
        var values = new object?[Children.Length];
        for (var i = 0; i < Children.Length; i++) values[i] = Children[i].GetObject(index);
        return values;
    }
}

/// <summary>An array column: Length+1 offsets into one element vector. Row i holds Elements[Offsets[i]..Offsets[i+1]].</summary>
public sealed class ListVector : ColumnVector
{
    private int[] _offsets;

    public ListVector(ArrayType type, int capacity) : base(type)
    {
        _offsets = new int[Math.Max(1, capacity) + 1];
        Elements = Create(type.ElementType, capacity);
    }

    public ArrayType ArrayType => (ArrayType)Type;
    public int[] Offsets => _offsets;
    public ColumnVector Elements { get; }
    public override int Capacity => _offsets.Length - 1;

    public override void EnsureCapacity(int capacity)
    {
        if (capacity + 1 > _offsets.Length) Array.Resize(ref _offsets, Math.Max(capacity + 1, _offsets.Length * 2));
        if (Validity is not null) EnsureValidity(capacity);
    }

    public override void Reset()
    {
        base.Reset();
        _offsets[0] = 0;
        Elements.Reset();
    }

    public override object? GetObject(int index)
    {
        if (IsNull(index)) return null;
        var list = new List<object?>(_offsets[index + 1] - _offsets[index]);
        for (var i = _offsets[index]; i < _offsets[index + 1]; i++) list.Add(Elements.GetObject(i));
        return list;
    }
}

/// <summary>A map column: Length+1 offsets into parallel key and value vectors.</summary>
public sealed class MapVector : ColumnVector
{
    private int[] _offsets;

    public MapVector(MapType type, int capacity) : base(type)
    {
        _offsets = new int[Math.Max(1, capacity) + 1];
        Keys = Create(type.KeyType, capacity);
        Values = Create(type.ValueType, capacity);
    }

    public MapType MapType => (MapType)Type;
    public int[] Offsets => _offsets;
    public ColumnVector Keys { get; }
    public ColumnVector Values { get; }
    public override int Capacity => _offsets.Length - 1;

    public override void EnsureCapacity(int capacity)
    {
        if (capacity + 1 > _offsets.Length) Array.Resize(ref _offsets, Math.Max(capacity + 1, _offsets.Length * 2));
        if (Validity is not null) EnsureValidity(capacity);
    }

    public override void Reset()
    {
        base.Reset();
        _offsets[0] = 0;
        Keys.Reset();
        Values.Reset();
    }

    public override object? GetObject(int index)
    {
        if (IsNull(index)) return null;
        var list = new List<KeyValuePair<object?, object?>>(_offsets[index + 1] - _offsets[index]);
        for (var i = _offsets[index]; i < _offsets[index + 1]; i++)
            list.Add(new KeyValuePair<object?, object?>(Keys.GetObject(i), Values.GetObject(i)));
        return list;
    }
}
