using System.Buffers.Binary;
using System.Text;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>
/// Statistics computed from model values the way parquet.thrift defines them: null_count counts null level
/// entries; min/max follow the column order (signed for integers, dates, timestamps and decimals, numeric for
/// floats with NaN ignored, unsigned lexicographic for byte arrays, false &lt; true) and are PLAIN-encoded in the
/// footer, with a zero float min written as -0.0 and a zero max as +0.0.
/// </summary>
internal static class ExpectedStats
{
    public sealed record Stats(long NullCount, long ValueCount, object? Min, object? Max);

    public static Stats Compute(DataType type, IReadOnlyList<object?> entries)
    {
        long nulls = 0;
        object? min = null, max = null;
        foreach (var e in entries)
        {
            if (e is null)
            {
                nulls++;
                continue;
            }
            if (e is float f && float.IsNaN(f)) continue;
            if (e is double d && double.IsNaN(d)) continue;
            if (min is null || Compare(type, e, min) < 0) min = e;
            if (max is null || Compare(type, e, max) > 0) max = e;
        }
        return new Stats(nulls, entries.Count, min, max);
    }

    public static int Compare(DataType type, object a, object b) => (a, b) switch
    {
        (bool x, bool y) => x.CompareTo(y),
        (sbyte x, sbyte y) => x.CompareTo(y),
        (short x, short y) => x.CompareTo(y),
        (int x, int y) => x.CompareTo(y),
        (long x, long y) => x.CompareTo(y),
        (Int128 x, Int128 y) => x.CompareTo(y),
        (float x, float y) => x < y ? -1 : x > y ? 1 : 0,
        (double x, double y) => x < y ? -1 : x > y ? 1 : 0,
        (string x, string y) => Encoding.UTF8.GetBytes(x).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y)),
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        _ => throw new NotSupportedException($"{type.SimpleString}: {a.GetType().Name}"),
    };

    /// <summary>The boxing <see cref="ColumnStatistics"/> documents (that of <see cref="ValueConverter"/>).</summary>
    public static object? Boxed(DataType type, object? value) => value switch
    {
        null => null,
        long l when type is DecimalType d => new DecimalValue(l, d.Scale),
        Int128 i when type is DecimalType d => new DecimalValue(i, d.Scale),
        int days when type is DateType => ValueConverter.DateFromDays(days) is { } date ? date : days,
        long us when type is TimestampType => ValueConverter.TimestampFromMicros(us, DateTimeKind.Utc) is { } t ? t : us,
        long us when type is TimestampNtzType => ValueConverter.TimestampFromMicros(us, DateTimeKind.Unspecified) is { } t ? t : us,
        _ => value,
    };

    /// <summary>Equality of boxed statistics: floats numerically (the sign of a zero min/max is not specified
    /// for the in-memory result), DateTimes with their kind, byte arrays by content.</summary>
    public static bool SameBoxed(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (float x, float y) => x == y,
        (double x, double y) => x == y,
        (DateTime x, DateTime y) => x == y && x.Kind == y.Kind,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (not null, not null) => expected.GetType() == actual.GetType() && expected.Equals(actual),
        _ => false,
    };

    /// <summary>PLAIN encoding of a min (<paramref name="isMin"/>) or max statistic of <paramref name="type"/>.</summary>
    public static byte[] Plain(DataType type, object value, bool isMin)
    {
        switch (value)
        {
            case bool b: return [b ? (byte)1 : (byte)0];
            case sbyte s: return Int32(s);
            case short s: return Int32(s);
            case int i: return Int32(i);
            case long l when type is DecimalType { Precision: <= 9 }: return Int32(checked((int)l));
            case long l:
            {
                var bytes = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(bytes, l);
                return bytes;
            }
            case float f:
            {
                if (f == 0) f = isMin ? -0.0f : 0.0f;
                var bytes = new byte[4];
                BinaryPrimitives.WriteSingleLittleEndian(bytes, f);
                return bytes;
            }
            case double d:
            {
                if (d == 0) d = isMin ? -0.0 : 0.0;
                var bytes = new byte[8];
                BinaryPrimitives.WriteDoubleLittleEndian(bytes, d);
                return bytes;
            }
            case Int128 v:
            {
                // FIXED_LEN_BYTE_ARRAY(16) big-endian two's complement (decimal(38, s) needs 16 bytes).
                var bytes = new byte[16];
                BinaryPrimitives.WriteInt128BigEndian(bytes, v);
                return bytes;
            }
            case string s: return Encoding.UTF8.GetBytes(s);
            case byte[] b: return b;
            default: throw new NotSupportedException(value.GetType().Name);
        }
    }

    private static byte[] Int32(int v)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, v);
        return bytes;
    }
}
