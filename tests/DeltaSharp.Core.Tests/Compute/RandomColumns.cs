using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Core.Tests.Compute;

/// <summary>Random scalar values of a type with Spark's edge cases (extremes, NaN, ±Inf, -0.0, empty and unicode
/// strings, numeric- and date-looking strings), for property tests. Deterministic per <see cref="Random"/> seed.</summary>
internal static class RandomColumns
{
    private static readonly string[] Strings =
    [
        "", " ", "a", "Spark SQL", "  padded  ", "日本語", "😀x", "123", "-7", " 42 ", "1.5", "1e3", "abc", "2024-02-29", "2024-01-01 10:20:30",
        "2024-01-01T10:20:30.123456Z", "true", "NaN", "Infinity", "%_\\", "a,b,,c", "9999999999", "-2147483648", "0.000001", "2015-03",
    ];

    public static object? Value(DataType type, Random r, double nullRate = 0.2)
    {
        if (r.NextDouble() < nullRate) return null;
        var edge = r.Next(4) == 0;
        switch (type)
        {
            case BooleanType: return r.Next(2) == 0;
            case ByteType: return edge ? Pick<sbyte>(r, sbyte.MinValue, sbyte.MaxValue, 0, -1, 1) : (sbyte)r.Next(-20, 20);
            case ShortType: return edge ? Pick<short>(r, short.MinValue, short.MaxValue, 0, -1) : (short)r.Next(-1000, 1000);
            case IntegerType: return edge ? Pick(r, int.MinValue, int.MaxValue, 0, -1, 1) : r.Next(-100_000, 100_000);
            case LongType: return edge ? Pick(r, long.MinValue, long.MaxValue, 0L, -1L, (long)int.MaxValue + 1) : r.NextInt64(-10_000_000_000, 10_000_000_000);
            case FloatType: return edge ? Pick(r, float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, float.MaxValue, 0.1f) : (float)(r.NextDouble() * 2000 - 1000);
            case DoubleType: return edge ? Pick(r, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, double.MaxValue, 1e-300, 2.5, 0.125) : Math.Round(r.NextDouble() * 2000 - 1000, r.Next(0, 6));
            case DecimalType d:
            {
                var digits = r.Next(0, d.Precision + 1);
                Int128 v = 0;
                for (var i = 0; i < digits; i++) v = v * 10 + r.Next(10);
                if (edge) v = DecimalValue.PowerOfTen(d.Precision) - 1;
                return new DecimalValue(r.Next(2) == 0 ? -v : v, d.Scale);
            }
            case StringType: return Strings[r.Next(Strings.Length)];
            case BinaryType: return System.Text.Encoding.UTF8.GetBytes(Strings[r.Next(Strings.Length)]);
            case DateType: return edge ? Pick(r, 0, -1, 11016, 2932896, -719162) : r.Next(-30000, 30000);
            case TimestampType or TimestampNtzType: return edge ? Pick(r, 0L, -1L, 253402300799999999L, -62135596800000000L) : r.NextInt64(-2_000_000_000_000_000, 4_000_000_000_000_000);
            case ArrayType at:
            {
                var n = r.Next(0, 4);
                var list = new List<object?>();
                for (var i = 0; i < n; i++) list.Add(Value(at.ElementType, r, 0.15));
                return list;
            }
            default: throw new NotSupportedException(type.ToString());
        }
    }

    private static T Pick<T>(Random r, params T[] options) => options[r.Next(options.Length)];

    public static ColumnVector Column(DataType type, IReadOnlyList<object?> values)
    {
        var v = ColumnVector.Create(type, values.Count);
        foreach (var x in values) ScalarValues.Append(v, x);
        return v;
    }
}
