using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeltaSharp.Columnar;

namespace DeltaSharp.Sql.Execution.Vectors;

/// <summary>
/// Hashes the rows of dense vectors for grouping and joins, consistent with <see cref="VectorComparer.KeyEquals"/>:
/// equal keys hash equally (NaN and -0.0 are normalised as Spark's grouping does; null has its own hash).
/// Deterministic within a process.
/// </summary>
internal static class VectorHasher
{
    private const ulong NullHash = 0x5bd1e9955bd1e995UL;
    private const ulong Seed = 0x9E3779B97F4A7C15UL;

    /// <summary>Hashes rows [0, count) of <paramref name="vector"/> into <paramref name="hashes"/>: the first key column
    /// sets them (<paramref name="combine"/> false), later ones mix into them.</summary>
    public static void Hash(ColumnVector vector, int count, Span<ulong> hashes, bool combine)
    {
        switch (vector)
        {
            case PrimitiveVector<bool> v: HashPrimitive(v, count, hashes, combine, static b => b ? 1UL : 0UL); break;
            case PrimitiveVector<sbyte> v: HashPrimitive(v, count, hashes, combine, static x => (ulong)x); break;
            case PrimitiveVector<short> v: HashPrimitive(v, count, hashes, combine, static x => (ulong)x); break;
            case PrimitiveVector<int> v: HashPrimitive(v, count, hashes, combine, static x => (ulong)x); break;
            case PrimitiveVector<long> v: HashPrimitive(v, count, hashes, combine, static x => (ulong)x); break;
            case PrimitiveVector<Int128> v: HashPrimitive(v, count, hashes, combine, static x => (ulong)x ^ Mix((ulong)(x >> 64))); break;
            case PrimitiveVector<float> v: HashPrimitive(v, count, hashes, combine, static x => NormalizeBits((double)x)); break;
            case PrimitiveVector<double> v: HashPrimitive(v, count, hashes, combine, NormalizeBits); break;
            case BinaryVector b:
                for (var i = 0; i < count; i++)
                {
                    var h = b.IsNull(i) ? NullHash : HashBytes(b.GetBytes(i));
                    hashes[i] = combine ? Combine(hashes[i], h) : h;
                }
                break;
            default:
                for (var i = 0; i < count; i++)
                {
                    var h = HashRow(vector, i);
                    hashes[i] = combine ? Combine(hashes[i], h) : h;
                }
                break;
        }
    }

    /// <summary>The hash of one value (any vector kind, nested ones recursively).</summary>
    public static ulong HashRow(ColumnVector vector, int row)
    {
        if (vector.IsNull(row)) return NullHash;
        switch (vector)
        {
            case PrimitiveVector<bool> v: return Mix(v[row] ? 1UL : 0UL);
            case PrimitiveVector<sbyte> v: return Mix((ulong)v[row]);
            case PrimitiveVector<short> v: return Mix((ulong)v[row]);
            case PrimitiveVector<int> v: return Mix((ulong)v[row]);
            case PrimitiveVector<long> v: return Mix((ulong)v[row]);
            case PrimitiveVector<Int128> v: return Mix((ulong)v[row] ^ Mix((ulong)(v[row] >> 64)));
            case PrimitiveVector<float> v: return Mix(NormalizeBits(v[row]));
            case PrimitiveVector<double> v: return Mix(NormalizeBits(v[row]));
            case BinaryVector b: return HashBytes(b.GetBytes(row));
            case StructVector s:
            {
                var h = Seed;
                foreach (var c in s.Children) h = Combine(h, HashRow(c, row));
                return h;
            }
            case ListVector l:
            {
                var h = Seed ^ (ulong)(l.Offsets[row + 1] - l.Offsets[row]);
                for (var i = l.Offsets[row]; i < l.Offsets[row + 1]; i++) h = Combine(h, HashRow(l.Elements, i));
                return h;
            }
            case MapVector m:
            {
                var h = Seed ^ (ulong)(m.Offsets[row + 1] - m.Offsets[row]);
                for (var i = m.Offsets[row]; i < m.Offsets[row + 1]; i++)
                    h = Combine(Combine(h, HashRow(m.Keys, i)), HashRow(m.Values, i));
                return h;
            }
            default:
                throw new NotSupportedException($"Cannot hash a {vector.GetType().Name}.");
        }
    }

    private static void HashPrimitive<T>(PrimitiveVector<T> v, int count, Span<ulong> hashes, bool combine, Func<T, ulong> bits) where T : unmanaged
    {
        var values = v.Values;
        if (!v.HasNulls)
        {
            if (combine) for (var i = 0; i < count; i++) hashes[i] = Combine(hashes[i], Mix(bits(values[i])));
            else for (var i = 0; i < count; i++) hashes[i] = Mix(bits(values[i]));
            return;
        }
        for (var i = 0; i < count; i++)
        {
            var h = v.IsNull(i) ? NullHash : Mix(bits(values[i]));
            hashes[i] = combine ? Combine(hashes[i], h) : h;
        }
    }

    /// <summary>Spark groups NaN with NaN and -0.0 with 0.0.</summary>
    private static ulong NormalizeBits(double d)
    {
        if (double.IsNaN(d)) return 0x7FF8000000000000UL;
        if (d == 0) return 0;
        return (ulong)BitConverter.DoubleToInt64Bits(d);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong h, ulong v) => Mix(h * 31 + v + Seed);

    /// <summary>Hash of a byte string: one multiply-mix for up to 16 bytes, a word loop beyond.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong HashBytes(ReadOnlySpan<byte> bytes)
    {
        var len = bytes.Length;
        ref var start = ref MemoryMarshal.GetReference(bytes);
        if (len >= 8)
        {
            if (len <= 16)
            {
                var a = Unsafe.ReadUnaligned<ulong>(ref start);
                var b = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, len - 8));
                return Mix(a ^ BitOperations.RotateLeft(b, 29) ^ ((ulong)len * 0x9E3779B97F4A7C15UL));
            }
            return HashLong(bytes);
        }
        ulong v = 0;
        if (len >= 4)
        {
            v = Unsafe.ReadUnaligned<uint>(ref start) | ((ulong)Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, len - 4)) << 32);
        }
        else if (len > 0)
        {
            v = start | ((ulong)Unsafe.Add(ref start, len >> 1) << 8) | ((ulong)Unsafe.Add(ref start, len - 1) << 16);
        }
        return Mix(v ^ ((ulong)len * 0xC2B2AE3D27D4EB4FUL));
    }

    private static ulong HashLong(ReadOnlySpan<byte> bytes)
    {
        var h = Seed ^ ((ulong)bytes.Length * 0x87c37b91114253d5UL);
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var w in words) h = BitOperations.RotateLeft((h ^ w) * 0x9E3779B97F4A7C15UL, 31);
        var tail = bytes.Length & 7;
        if (tail != 0) h ^= Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref MemoryMarshal.GetReference(bytes), bytes.Length - 8));
        return Mix(h);
    }
}
