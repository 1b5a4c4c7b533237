using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

/// <summary>Hash map from byte strings to dictionary indices; distinct values are kept as data + offsets.
/// Each slot holds the value's hash next to its index, so a probe touches the value bytes only when the hashes
/// agree (large dictionaries miss the cache on every extra array they touch).</summary>
internal sealed class BinaryDictionary
{
    private long[] _slots = new long[1024];    // (hash << 32) | (entry index + 1); 0 = empty
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

    /// <summary>A fast 32-bit hash of short byte strings: 8-byte words mixed by multiply-rotate, the tail read as
    /// an overlapping word, then a final avalanche so that the low bits (the slot index) depend on every byte.</summary>
    internal static uint Hash(ReadOnlySpan<byte> value)
    {
        const ulong K1 = 0x9E3779B97F4A7C15UL;
        const ulong K2 = 0xBF58476D1CE4E5B9UL;
        ref var p = ref MemoryMarshal.GetReference(value);
        var n = value.Length;
        var h = (ulong)n * K1;
        if (n >= 8)
        {
            var i = 0;
            for (; i <= n - 8; i += 8)
                h = BitOperations.RotateLeft(h ^ (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i)) * K2), 29) * K1;
            if (i < n)
                h = BitOperations.RotateLeft(h ^ (Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, n - 8)) * K2), 29) * K1;
        }
        else if (n >= 4)
        {
            var x = Unsafe.ReadUnaligned<uint>(ref p) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, n - 4)) << 32);
            h = BitOperations.RotateLeft(h ^ (x * K2), 29) * K1;
        }
        else if (n > 0)
        {
            var x = p | ((ulong)Unsafe.Add(ref p, n >> 1) << 8) | ((ulong)Unsafe.Add(ref p, n - 1) << 16);
            h = BitOperations.RotateLeft(h ^ (x * K2), 29) * K1;
        }
        h ^= h >> 32;
        h *= K2;
        h ^= h >> 29;
        return (uint)h;
    }

    public int GetOrAdd(ReadOnlySpan<byte> value)
    {
        var hash = Hash(value);
        var mask = _slots.Length - 1;
        var i = (int)hash & mask;
        while (true)
        {
            var s = _slots[i];
            if (s == 0) break;
            if ((uint)((ulong)s >> 32) == hash)
            {
                var e = (int)(uint)s - 1;
                if (Get(e).SequenceEqual(value)) return e;
            }
            i = (i + 1) & mask;
        }
        if (_count + 1 >= _offsets.Length) Array.Resize(ref _offsets, _offsets.Length * 2);
        var start = _offsets[_count];
        if (start + value.Length > _data.Length)
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(start + value.Length, (long)_data.Length * 2)));
        value.CopyTo(_data.AsSpan(start));
        _offsets[_count + 1] = start + value.Length;
        _slots[i] = (long)(((ulong)hash << 32) | (uint)(_count + 1));
        _count++;
        if (_count * 2 > _slots.Length) Grow();
        return _count - 1;
    }

    private void Grow()
    {
        var slots = new long[_slots.Length * 2];
        var mask = slots.Length - 1;
        foreach (var s in _slots)
        {
            if (s == 0) continue;
            var i = (int)((ulong)s >> 32) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = s;
        }
        _slots = slots;
    }
}
