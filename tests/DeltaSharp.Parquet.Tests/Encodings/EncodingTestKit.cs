using System.Buffers;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Encodings;
using DeltaSharp.Types;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Parquet.Tests.Encodings;

/// <summary>A property-test case: values are drawn from <see cref="Random"/>(Seed) in a given shape, so a failing
/// case is reproducible from its printout.</summary>
public sealed record Case(int Seed, int Length, int Shape, int ChunkSeed)
{
    public override string ToString() => $"Case(seed {Seed}, length {Length}, shape {Shape}, chunks {ChunkSeed})";
}

internal static class EncodingTestKit
{
    public const int Shapes = 7;

    public static readonly Gen<int> Lengths = Gen.Frequency(
        (4, Gen.Elements(0, 1, 2, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 511, 513, 1000)),
        (3, Gen.Choose(0, 3000)),
        (1, Gen.Choose(3000, 40000)));

    public static readonly Gen<Case> Cases =
        from seed in Gen.Choose(0, int.MaxValue)
        from length in Lengths
        from shape in Gen.Choose(0, Shapes - 1)
        from chunk in Gen.Choose(0, int.MaxValue)
        select new Case(seed, length, shape, chunk);

    public static void Check(Action<Case> test, int maxTest = 150) =>
        Prop.ForAll(Arb.From(Cases), test).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));

    public static void Check<T>(Gen<T> gen, Action<T> test, int maxTest = 150) =>
        Prop.ForAll(Arb.From(gen), test).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));

    // Shapes: 0 uniform, 1 small, 2 runs, 3 extremes, 4 increasing, 5 constant, 6 mixed runs and noise.
    public static long[] Longs(Random r, int n, int shape, int bits = 64)
    {
        var values = new long[n];
        long min = bits == 64 ? long.MinValue : -(1L << (bits - 1));
        long max = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
        long Uniform() => bits == 64 ? r.NextInt64(long.MinValue, long.MaxValue) : r.NextInt64(min, max + 1);
        var run = 0;
        long current = 0;
        for (var i = 0; i < n; i++)
        {
            values[i] = shape switch
            {
                0 => Uniform(),
                1 => r.Next(-50, 50),
                2 => run-- > 0 ? current : (current = r.Next(-3, 4)) + 0 * (run = r.Next(0, 40)),
                3 => r.Next(4) switch { 0 => min, 1 => max, 2 => 0, _ => r.Next(2) == 0 ? min + 1 : max - 1 },
                4 => i == 0 ? min + 5 : values[i - 1] + r.Next(0, 1000),
                5 => 42,
                _ => r.Next(3) == 0 ? Uniform() : (run-- > 0 ? current : (current = r.Next(0, 8)) + 0 * (run = r.Next(0, 20))),
            };
            if (values[i] > max || values[i] < min) values[i] = r.NextInt64(min, max);
        }
        return values;
    }

    public static int[] Ints(Random r, int n, int shape) => Array.ConvertAll(Longs(r, n, shape, 32), v => (int)v);

    /// <summary>Non-negative values that fit <paramref name="bitWidth"/> bits.</summary>
    public static int[] Levels(Random r, int n, int shape, int bitWidth)
    {
        var max = bitWidth == 0 ? 0L : (1L << bitWidth) - 1;
        var values = new int[n];
        var run = 0;
        var current = 0;
        for (var i = 0; i < n; i++)
        {
            values[i] = shape switch
            {
                0 => (int)r.NextInt64(0, max + 1),
                1 => (int)Math.Min(max, r.Next(0, 3)),
                2 or 6 => run-- > 0 ? current : (current = (int)r.NextInt64(0, max + 1)) + 0 * (run = r.Next(0, 30)),
                3 => r.Next(2) == 0 ? 0 : (int)max,
                4 => (int)Math.Min(max, i),
                _ => (int)max,
            };
        }
        return values;
    }

    public static float[] Floats(Random r, int n, int shape) =>
        Array.ConvertAll(Ints(r, n, shape), v => shape == 1 ? v / 8f : BitConverter.Int32BitsToSingle(v));

    public static double[] Doubles(Random r, int n, int shape) =>
        Array.ConvertAll(Longs(r, n, shape), v => shape == 1 ? v / 8d : BitConverter.Int64BitsToDouble(v));

    public static bool[] Bools(Random r, int n, int shape) => Array.ConvertAll(Levels(r, n, shape, 1), v => v != 0);

    public static Int96[] Int96s(Random r, int n, int shape) =>
        Array.ConvertAll(Longs(r, n, shape), v => new Int96((ulong)v, (uint)(v >> 17)));

    /// <summary>Byte arrays; shape 2 and 4 share prefixes, 5 is all empty, 3 mixes empty and long values.</summary>
    public static byte[][] ByteArrays(Random r, int n, int shape, int fixedLength = -1)
    {
        var values = new byte[n][];
        byte[] previous = [];
        for (var i = 0; i < n; i++)
        {
            var len = fixedLength >= 0 ? fixedLength : shape switch
            {
                3 => r.Next(4) == 0 ? r.Next(200, 2000) : 0,
                5 => 0,
                _ => r.Next(0, 24),
            };
            var v = new byte[len];
            r.NextBytes(v);
            if (shape is 2 or 4 && previous.Length > 0)
            {
                var shared = r.Next(0, Math.Min(previous.Length, len) + 1);
                previous.AsSpan(0, shared).CopyTo(v);
            }
            if (shape == 1) for (var j = 0; j < v.Length; j++) v[j] = (byte)('a' + v[j] % 3);
            values[i] = v;
            previous = v;
        }
        return values;
    }

    public static BinaryVector NewVector(int capacity = 4) => new(DataType.Binary, capacity);

    public static BinaryVector ToVector(byte[][] values)
    {
        var v = NewVector(values.Length);
        foreach (var b in values) v.Append(b);
        return v;
    }

    public static byte[] Encode(Func<IBufferWriter<byte>, int> write)
    {
        var w = new ArrayBufferWriter<byte>();
        var n = write(w);
        Assert.Equal(w.WrittenCount, n);
        return w.WrittenSpan.ToArray();
    }

    /// <summary>Reads a decoder to the end in random chunk sizes with random skips interleaved, checking every
    /// value read against <paramref name="expected"/> by its bits.</summary>
    public static void ReadInChunks<T>(IValueDecoder<T> decoder, T[] expected, int chunkSeed, bool skips = true) where T : unmanaged
    {
        var r = new Random(chunkSeed);
        var i = 0;
        var buffer = new T[700];
        while (i < expected.Length)
        {
            var k = r.Next(3) == 0 ? r.Next(1, 10) : r.Next(1, buffer.Length + 1);
            if (skips && r.Next(4) == 0)
            {
                var skipped = decoder.Skip(k);
                Assert.Equal(Math.Min(k, expected.Length - i), skipped);
                i += skipped;
                continue;
            }
            var got = decoder.Read(buffer.AsSpan(0, k));
            Assert.Equal(Math.Min(k, expected.Length - i), got);
            AssertBitsEqual<T>(expected.AsSpan(i, got), buffer.AsSpan(0, got), i);
            i += got;
        }
        Assert.Equal(0, decoder.Read(buffer.AsSpan(0, 5)));
        Assert.Equal(0, decoder.Skip(3));
    }

    public static void AssertBitsEqual<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, int at = 0) where T : unmanaged
    {
        var e = System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected);
        var a = System.Runtime.InteropServices.MemoryMarshal.AsBytes(actual);
        if (e.SequenceEqual(a)) return;
        for (var i = 0; i < expected.Length; i++)
        {
            var ei = System.Runtime.InteropServices.MemoryMarshal.AsBytes(expected.Slice(i, 1));
            var ai = System.Runtime.InteropServices.MemoryMarshal.AsBytes(actual.Slice(i, 1));
            if (!ei.SequenceEqual(ai)) Assert.Fail($"value {at + i}: expected {expected[i]}, got {actual[i]}");
        }
        Assert.Fail("length mismatch");
    }

    /// <summary>Byte-array twin of <see cref="ReadInChunks{T}"/>: appends to one vector across calls (skipped values
    /// are not appended) and checks its contents.</summary>
    public static void ReadInChunks(IByteArrayDecoder decoder, byte[][] expected, int chunkSeed, bool skips = true)
    {
        var r = new Random(chunkSeed);
        var vector = NewVector(1);
        var kept = new List<byte[]>();
        var i = 0;
        while (i < expected.Length)
        {
            var k = r.Next(3) == 0 ? r.Next(1, 10) : r.Next(1, 700);
            if (skips && r.Next(4) == 0)
            {
                var skipped = decoder.Skip(k);
                Assert.Equal(Math.Min(k, expected.Length - i), skipped);
                i += skipped;
                continue;
            }
            if (r.Next(5) == 0)
            {
                // A new batch: the column reader resets its vector between batches.
                vector.Reset();
                kept.Clear();
            }
            var got = decoder.Read(vector, k);
            Assert.Equal(Math.Min(k, expected.Length - i), got);
            for (var j = 0; j < got; j++) kept.Add(expected[i + j]);
            i += got;
        }
        Assert.Equal(0, decoder.Read(vector, 5));
        Assert.Equal(0, decoder.Skip(3));
        AssertVector(kept, vector);
    }

    public static void AssertVector(IReadOnlyList<byte[]> expected, BinaryVector actual)
    {
        Assert.Equal(expected.Count, actual.Length);
        Assert.Equal(0, actual.Offsets[0]);
        for (var i = 0; i < expected.Count; i++)
            if (!actual.GetBytes(i).SequenceEqual(expected[i]))
                Assert.Fail($"value {i}: expected {Convert.ToHexString(expected[i])}, got {Convert.ToHexString(actual.GetBytes(i))}");
    }

    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
