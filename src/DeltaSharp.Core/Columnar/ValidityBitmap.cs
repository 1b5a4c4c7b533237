using System.Numerics;
using System.Runtime.CompilerServices;

namespace DeltaSharp.Columnar;

/// <summary>
/// One bit per slot, 1 = valid (not null), as in Arrow. Grows on demand; bits beyond the length are
/// undefined. Not thread-safe.
/// </summary>
public sealed class ValidityBitmap
{
    private ulong[] _bits;

    public ValidityBitmap(int capacity)
    {
        _bits = new ulong[Math.Max(1, (capacity + 63) >> 6)];
    }

    public ulong[] Words => _bits;

    public void EnsureCapacity(int capacity)
    {
        var words = (capacity + 63) >> 6;
        if (words > _bits.Length)
            Array.Resize(ref _bits, Math.Max(words, _bits.Length * 2));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsValid(int index) => (_bits[index >> 6] & (1UL << (index & 63))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetValid(int index) => _bits[index >> 6] |= 1UL << (index & 63);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetNull(int index) => _bits[index >> 6] &= ~(1UL << (index & 63));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Set(int index, bool valid)
    {
        if (valid) SetValid(index); else SetNull(index);
    }

    /// <summary>Sets <paramref name="count"/> slots starting at <paramref name="start"/> to <paramref name="valid"/>.</summary>
    public void SetRange(int start, int count, bool valid)
    {
        if (count <= 0) return;
        var end = start + count;
        var first = start >> 6;
        var last = (end - 1) >> 6;
        var firstMask = ulong.MaxValue << (start & 63);
        var lastMask = ulong.MaxValue >> (63 - ((end - 1) & 63));
        if (first == last)
        {
            var m = firstMask & lastMask;
            if (valid) _bits[first] |= m; else _bits[first] &= ~m;
            return;
        }
        if (valid)
        {
            _bits[first] |= firstMask;
            _bits.AsSpan(first + 1, last - first - 1).Fill(ulong.MaxValue);
            _bits[last] |= lastMask;
        }
        else
        {
            _bits[first] &= ~firstMask;
            _bits.AsSpan(first + 1, last - first - 1).Clear();
            _bits[last] &= ~lastMask;
        }
    }

    /// <summary>Counts null slots in [0, length).</summary>
    public int CountNulls(int length)
    {
        var full = length >> 6;
        var valid = 0;
        for (var i = 0; i < full; i++) valid += BitOperations.PopCount(_bits[i]);
        var rem = length & 63;
        if (rem != 0) valid += BitOperations.PopCount(_bits[full] & ((1UL << rem) - 1));
        return length - valid;
    }
}
