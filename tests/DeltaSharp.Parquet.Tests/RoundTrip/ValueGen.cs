using System.Text;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>How the values of a generated column are distributed.</summary>
public enum ValueShape
{
    /// <summary>Fresh random values with some edge values mixed in (dictionaries grow past small limits).</summary>
    Mixed,
    /// <summary>A small pool of values, repeated (dictionary encoding stays on).</summary>
    Pool,
    /// <summary>Increasing values / shared prefixes (small deltas, long common prefixes).</summary>
    Sequential,
    /// <summary>Only the extremes of the type (min, max, zero, NaN, ±Inf, -0.0, empty …).</summary>
    Edges,
}

/// <summary>Seeded value generators in <see cref="RowModel"/> form for every Spark leaf type and for nested types.</summary>
internal static class ValueGen
{
    private static readonly float[] FloatEdges =
    [
        float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, 0.0f, float.Epsilon, -float.Epsilon,
        float.MaxValue, float.MinValue, 1f, -1f,
        BitConverter.Int32BitsToSingle(0x7FC00001), // quiet NaN with a payload
        BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00000)), // negative NaN
        BitConverter.Int32BitsToSingle(0x7F800001), // signalling NaN
    ];

    private static readonly double[] DoubleEdges =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.Epsilon, -double.Epsilon,
        double.MaxValue, double.MinValue, 1.0, -1.0,
        BitConverter.Int64BitsToDouble(0x7FF8000000000001),
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8000000000000)),
        BitConverter.Int64BitsToDouble(0x7FF0000000000001),
    ];

    private static readonly string[] StringEdges =
    [
        "", "\0", "a", "A", "zzzz", "\u00e9t\u00e9", "\u65e5\u672c\u8a9e", "\U0001F600", "\U0010FFFF", "\uFFFF",
        "e\u0301", "line\nbreak", new string('x', 300), "\u0000\u0000end",
    ];

    private static readonly byte[][] BinaryEdges =
    [
        [], [0], [0xFF], [0x00, 0x00], [0xFF, 0xFF, 0xFF, 0xFF], [0x80], [0x7F], [.. Enumerable.Repeat((byte)0xAB, 200)],
    ];

    // Code points by script, so strings mix 1-, 2-, 3- and 4-byte UTF-8 sequences.
    private static readonly (int Lo, int Hi)[] Scripts =
    [
        (0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3),
        (0x1F300, 0x1F64F), (0x20000, 0x2A6DF), (0x300, 0x36F), (0xE000, 0xF8FF),
    ];

    /// <summary>A column of <paramref name="n"/> values of leaf <paramref name="type"/>; each is null with
    /// probability <paramref name="nullRate"/>.</summary>
    public static object?[] Column(DataType type, Random r, int n, double nullRate, ValueShape shape)
    {
        var values = new object?[n];
        object[]? pool = null;
        if (shape == ValueShape.Pool)
        {
            pool = new object[r.Next(1, 40)];
            for (var i = 0; i < pool.Length; i++) pool[i] = r.Next(4) == 0 ? Edge(type, r) : Any(type, r);
        }
        for (var i = 0; i < n; i++)
        {
            if (nullRate > 0 && r.NextDouble() < nullRate) continue;
            values[i] = shape switch
            {
                ValueShape.Pool => pool![r.Next(pool.Length)],
                ValueShape.Sequential => Sequential(type, i, r),
                ValueShape.Edges => Edge(type, r),
                _ => r.Next(8) == 0 ? Edge(type, r) : Any(type, r),
            };
        }
        return values;
    }

    /// <summary>A uniformly random value of the type's whole range (floats: random bit patterns too).</summary>
    public static object Any(DataType type, Random r)
    {
        switch (type)
        {
            case BooleanType: return r.Next(2) == 1;
            case ByteType: return (sbyte)r.Next(sbyte.MinValue, sbyte.MaxValue + 1);
            case ShortType: return (short)r.Next(short.MinValue, short.MaxValue + 1);
            case IntegerType: return r.Next(3) == 0 ? r.Next(-1000, 1000) : (int)r.NextInt64(int.MinValue, (long)int.MaxValue + 1);
            case DateType: return r.Next(3) == 0 ? (int)r.NextInt64(int.MinValue, (long)int.MaxValue + 1) : r.Next(-719_162, 2_932_897);
            case LongType:
            case TimestampType:
            case TimestampNtzType:
                return r.Next(3) == 0 ? r.NextInt64(-100_000_000_000_000, 100_000_000_000_000) : NextLong(r);
            case FloatType:
                return r.Next(3) == 0 ? BitConverter.Int32BitsToSingle(r.Next() ^ (r.Next(2) << 31)) : (float)((r.NextDouble() - 0.5) * Math.Pow(10, r.Next(-5, 8)));
            case DoubleType:
                return r.Next(3) == 0 ? BitConverter.Int64BitsToDouble(NextLong(r)) : (r.NextDouble() - 0.5) * Math.Pow(10, r.Next(-20, 20));
            case DecimalType { IsLong: true } d:
            {
                var bound = (long)DeltaSharp.Values.DecimalValue.PowerOfTen(d.Precision) - 1;
                var digits = r.Next(1, d.Precision + 1); // spread the magnitudes, not just the top of the range
                var b = Math.Min(bound, (long)DeltaSharp.Values.DecimalValue.PowerOfTen(digits) - 1);
                return r.NextInt64(-b, b + 1);
            }
            case DecimalType d:
            {
                var digits = r.Next(1, d.Precision + 1);
                var bound = DeltaSharp.Values.DecimalValue.PowerOfTen(digits) - 1;
                var v = (Int128)(((UInt128)(ulong)NextLong(r) << 64 | (ulong)NextLong(r)) % (UInt128)(bound + 1));
                return r.Next(2) == 0 ? v : -v;
            }
            case StringType: return RandomString(r, r.Next(8) == 0 ? r.Next(50, 400) : r.Next(0, 16));
            case BinaryType:
            {
                var b = new byte[r.Next(8) == 0 ? r.Next(50, 300) : r.Next(0, 24)];
                r.NextBytes(b);
                return b;
            }
            default: throw new NotSupportedException(type.SimpleString);
        }
    }

    /// <summary>An extreme of the type.</summary>
    public static object Edge(DataType type, Random r)
    {
        switch (type)
        {
            case BooleanType: return r.Next(2) == 1;
            case ByteType: return Pick(r, sbyte.MinValue, sbyte.MaxValue, (sbyte)0, (sbyte)-1, (sbyte)1);
            case ShortType: return Pick(r, short.MinValue, short.MaxValue, (short)0, (short)-1, (short)1);
            case IntegerType: return Pick(r, int.MinValue, int.MaxValue, 0, -1, 1, int.MinValue + 1, int.MaxValue - 1);
            case DateType: return Pick(r, int.MinValue, int.MaxValue, 0, -1, -719_162, 2_932_896);
            case LongType: return Pick(r, long.MinValue, long.MaxValue, 0L, -1L, 1L, long.MinValue + 1, long.MaxValue - 1);
            case TimestampType or TimestampNtzType:
                return Pick(r, long.MinValue, long.MaxValue, 0L, -1L, -62_135_596_800_000_000L, 253_402_300_799_999_999L);
            case FloatType: return FloatEdges[r.Next(FloatEdges.Length)];
            case DoubleType: return DoubleEdges[r.Next(DoubleEdges.Length)];
            case DecimalType { IsLong: true } d:
            {
                var bound = (long)DeltaSharp.Values.DecimalValue.PowerOfTen(d.Precision) - 1;
                return Pick(r, bound, -bound, 0L, 1L, -1L, bound - 1, -bound + 1);
            }
            case DecimalType d:
            {
                var bound = DeltaSharp.Values.DecimalValue.PowerOfTen(d.Precision) - 1;
                return Pick(r, bound, -bound, Int128.Zero, Int128.One, Int128.NegativeOne, (Int128)long.MinValue, (Int128)long.MaxValue + 1, (Int128)ulong.MaxValue);
            }
            case StringType: return StringEdges[r.Next(StringEdges.Length)];
            case BinaryType: return BinaryEdges[r.Next(BinaryEdges.Length)].ToArray();
            default: throw new NotSupportedException(type.SimpleString);
        }
    }

    /// <summary>The i-th value of an increasing sequence (small deltas; strings share long prefixes).</summary>
    public static object Sequential(DataType type, int i, Random r) => type switch
    {
        BooleanType => i / 7 % 2 == 0,
        ByteType => (sbyte)(i % 256 - 128),
        ShortType => (short)(i * 3 % 65536 - 32768),
        IntegerType or DateType => int.MinValue / 2 + i * 5 + r.Next(3),
        LongType or TimestampType or TimestampNtzType => 1_600_000_000_000_000L + i * 1_000_003L + r.Next(1000),
        FloatType => i * 0.25f,
        DoubleType => i * 0.001 - 7,
        DecimalType { IsLong: true } d => (long)(i % ((long)DeltaSharp.Values.DecimalValue.PowerOfTen(d.Precision) - 1)) - 500,
        DecimalType => (Int128)i * 1_000_000_007L - (Int128)long.MaxValue * 3,
        StringType => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"customer/2024/region-\u00e9/{i / 10:D6}/{i % 10}"),
        BinaryType => Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"prefix-prefix-{i:D8}")),
        _ => throw new NotSupportedException(type.SimpleString),
    };

    /// <summary>A random value of any (possibly nested) type; nullable parts are null with probability <paramref name="nullRate"/>,
    /// arrays and maps are empty with probability <paramref name="emptyRate"/>.</summary>
    public static object? Nested(DataType type, bool nullable, Random r, double nullRate, double emptyRate)
    {
        if (nullable && nullRate > 0 && r.NextDouble() < nullRate) return null;
        switch (type)
        {
            case StructType s:
            {
                var fields = new object?[s.Count];
                for (var i = 0; i < s.Count; i++) fields[i] = Nested(s[i].Type, s[i].Nullable, r, nullRate, emptyRate);
                return fields;
            }
            case ArrayType a:
            {
                var n = r.NextDouble() < emptyRate ? 0 : r.Next(1, 6);
                var list = new List<object?>(n);
                for (var i = 0; i < n; i++) list.Add(Nested(a.ElementType, a.ContainsNull, r, nullRate, emptyRate));
                return list;
            }
            case MapType m:
            {
                var n = r.NextDouble() < emptyRate ? 0 : r.Next(1, 5);
                var list = new List<KeyValuePair<object?, object?>>(n);
                for (var i = 0; i < n; i++)
                    list.Add(new(Nested(m.KeyType, false, r, nullRate, emptyRate), Nested(m.ValueType, m.ValueContainsNull, r, nullRate, emptyRate)));
                return list;
            }
            default:
                return r.Next(6) == 0 ? Edge(type, r) : Any(type, r);
        }
    }

    private static T Pick<T>(Random r, params T[] values) => values[r.Next(values.Length)];

    private static long NextLong(Random r) => (long)((ulong)(uint)r.Next() << 33 ^ (ulong)(uint)r.Next() << 11 ^ (ulong)(uint)r.Next());

    private static string RandomString(Random r, int codePoints)
    {
        var sb = new StringBuilder();
        var script = Scripts[r.Next(Scripts.Length)];
        for (var i = 0; i < codePoints; i++)
        {
            if (r.Next(5) == 0) script = Scripts[r.Next(Scripts.Length)];
            sb.Append(char.ConvertFromUtf32(r.Next(script.Lo, script.Hi + 1)));
        }
        return sb.ToString();
    }
}
