using System.Runtime.CompilerServices;

namespace DeltaSharp.Parquet.Writing;

/// <summary>
/// Open-addressing hash map from fixed-width values (compared by bit pattern, so -0.0 ≠ 0.0 and NaNs keep their
/// payload) to dictionary indices, with the distinct values in insertion order.
/// </summary>
internal sealed class FixedDictionary<T> where T : unmanaged
{
    private int[] _slots = new int[1024];      // entry index + 1; 0 = empty
    private T[] _values = new T[256];
    private int _count;

    public int Count => _count;
    public ReadOnlySpan<T> Values => _values.AsSpan(0, _count);

    public void Clear()
    {
        Array.Clear(_slots);
        _count = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bits(T v)
    {
        if (Unsafe.SizeOf<T>() == 8) return Unsafe.As<T, ulong>(ref v);
        if (Unsafe.SizeOf<T>() == 4) return Unsafe.As<T, uint>(ref v);
        if (Unsafe.SizeOf<T>() == 2) return Unsafe.As<T, ushort>(ref v);
        return Unsafe.As<T, byte>(ref v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Hash(ulong bits) => (int)((bits * 0x9E3779B97F4A7C15UL) >> 32);

    /// <summary>Returns the index of <paramref name="value"/>, adding it when new.</summary>
    public int GetOrAdd(T value)
    {
        var bits = Bits(value);
        var mask = _slots.Length - 1;
        var i = Hash(bits) & mask;
        while (true)
        {
            var s = _slots[i];
            if (s == 0) break;
            if (Bits(_values[s - 1]) == bits) return s - 1;
            i = (i + 1) & mask;
        }
        if (_count == _values.Length) Array.Resize(ref _values, _count * 2);
        _values[_count] = value;
        _slots[i] = ++_count;
        if (_count * 2 > _slots.Length) Grow();
        return _count - 1;
    }

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var e = 0; e < _count; e++)
        {
            var i = Hash(Bits(_values[e])) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = e + 1;
        }
        _slots = slots;
    }
}

/// <summary>Hash map from byte strings to dictionary indices; distinct values are kept as data + offsets.</summary>
internal sealed class BinaryDictionary
{
    private int[] _slots = new int[1024];
    private int[] _hashes = new int[256];
    private int[] _offsets = new int[257];
    private byte[] _data = new byte[4096];
    private int _count;

    public int Count => _count;
    public int DataLength => _offsets[_count];
    public ReadOnlySpan<byte> Data => _data.AsSpan(0, _offsets[_count]);
    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, _count + 1);
    public ReadOnlySpan<byte> Get(int i) => _data.AsSpan(_offsets[i], _offsets[i + 1] - _offsets[i]);

    public void Clear()
    {
        Array.Clear(_slots);
        _count = 0;
        _offsets[0] = 0;
    }

    private static int Hash(ReadOnlySpan<byte> value)
    {
        var h = new HashCode();
        h.AddBytes(value);
        return h.ToHashCode();
    }

    public int GetOrAdd(ReadOnlySpan<byte> value)
    {
        var hash = Hash(value);
        var mask = _slots.Length - 1;
        var i = hash & mask;
        while (true)
        {
            var s = _slots[i];
            if (s == 0) break;
            var e = s - 1;
            if (_hashes[e] == hash && Get(e).SequenceEqual(value)) return e;
            i = (i + 1) & mask;
        }
        if (_count + 1 >= _offsets.Length)
        {
            Array.Resize(ref _offsets, _offsets.Length * 2);
            Array.Resize(ref _hashes, _offsets.Length);
        }
        var start = _offsets[_count];
        if (start + value.Length > _data.Length)
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(start + value.Length, (long)_data.Length * 2)));
        value.CopyTo(_data.AsSpan(start));
        _hashes[_count] = hash;
        _offsets[_count + 1] = start + value.Length;
        _slots[i] = ++_count;
        if (_count * 2 > _slots.Length) Grow();
        return _count - 1;
    }

    private void Grow()
    {
        var slots = new int[_slots.Length * 2];
        var mask = slots.Length - 1;
        for (var e = 0; e < _count; e++)
        {
            var i = _hashes[e] & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = e + 1;
        }
        _slots = slots;
    }
}
