using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Interop.Tests.WeWrite;

/// <summary>
/// Builds column batches of any Spark schema from a seeded <see cref="Random"/>: deterministic for a seed, with
/// edge values (type extremes, NaN, ±Infinity, -0.0, empty strings and lists, 0001-01-01 / 9999-12-31) mixed
/// into random ones, and nulls at a given density at every nullable level (fields, list elements, map values;
/// never map keys or non-nullable fields).
/// </summary>
internal sealed class TestBatchGenerator(int seed, double nullDensity)
{
    private static readonly long MinMicros = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / 10;
    private static readonly int MinDays = ValueConverter.DaysFromDate(DateOnly.MinValue);
    private static readonly int MaxDays = ValueConverter.DaysFromDate(DateOnly.MaxValue);
    private const string Alphabet = "abcxyzABC019 _-/é日本🦆Ωß\"\\\n";

    private readonly Random _rng = new(seed);

    public ColumnBatch Next(StructType schema, int rows)
    {
        var batch = ColumnBatch.Create(schema, rows);
        for (var c = 0; c < schema.Count; c++)
            for (var r = 0; r < rows; r++)
                Append(batch.Columns[c], schema[c].Nullable);
        batch.RowCount = rows;
        return batch;
    }

    private bool Null(bool nullable) => nullable && nullDensity > 0 && _rng.NextDouble() < nullDensity;

    private bool Edge() => _rng.Next(8) == 0;

    private T Pick<T>(params T[] values) => values[_rng.Next(values.Length)];

    private void Append(ColumnVector v, bool nullable)
    {
        var isNull = Null(nullable);
        switch (v)
        {
            case PrimitiveVector<bool> b:
                if (isNull) b.AppendNull(); else b.Append(_rng.Next(2) == 1);
                break;
            case PrimitiveVector<sbyte> i8:
                if (isNull) i8.AppendNull();
                else i8.Append(Edge() ? Pick(sbyte.MinValue, sbyte.MaxValue, (sbyte)0, (sbyte)-1) : (sbyte)_rng.Next(-128, 128));
                break;
            case PrimitiveVector<short> i16:
                if (isNull) i16.AppendNull();
                else i16.Append(Edge() ? Pick(short.MinValue, short.MaxValue, (short)0) : (short)_rng.Next(short.MinValue, short.MaxValue + 1));
                break;
            case PrimitiveVector<int> i32:
                if (isNull) i32.AppendNull();
                else if (v.Type is DateType) i32.Append(Edge() ? Pick(MinDays, MaxDays, 0, -1, -141427 /* 1582-10-15 */) : _rng.Next(MinDays, MaxDays + 1));
                else i32.Append(Edge() ? Pick(int.MinValue, int.MaxValue, 0) : _rng.Next(int.MinValue, int.MaxValue));
                break;
            case PrimitiveVector<long> i64:
                if (isNull) i64.AppendNull();
                else i64.Append(v.Type switch
                {
                    TimestampType or TimestampNtzType => Edge() ? Pick(MinMicros, MaxMicros, 0L, -1L, 1L) : _rng.NextInt64(MinMicros, MaxMicros + 1),
                    DecimalType d => RandomUnscaledLong(d.Precision),
                    _ => Edge() ? Pick(long.MinValue, long.MaxValue, 0L, 9007199254740993L) : _rng.NextInt64(long.MinValue, long.MaxValue),
                });
                break;
            case PrimitiveVector<Int128> i128:
                if (isNull) i128.AppendNull(); else i128.Append(RandomUnscaledInt128(((DecimalType)v.Type).Precision));
                break;
            case PrimitiveVector<float> f32:
                if (isNull) f32.AppendNull();
                else f32.Append(Edge()
                    ? Pick(float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0.0f, 0.0f, float.MaxValue, float.MinValue, float.Epsilon, 0.1f)
                    : _rng.Next(4) == 0 ? RandomFiniteFloatBits() : (float)((_rng.NextDouble() - 0.5) * 2e6));
                break;
            case PrimitiveVector<double> f64:
                if (isNull) f64.AppendNull();
                else f64.Append(Edge()
                    ? Pick(double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, double.MaxValue, double.MinValue, double.Epsilon, 0.1)
                    : _rng.Next(4) == 0 ? RandomFiniteDoubleBits() : (_rng.NextDouble() - 0.5) * 1e9);
                break;
            case BinaryVector bin:
                if (isNull) bin.AppendNull();
                else if (v.Type is StringType) bin.Append(RandomString());
                else bin.Append(RandomBytes());
                break;
            case StructVector s:
                for (var i = 0; i < s.Children.Length; i++)
                    Append(s.Children[i], s.StructType[i].Nullable && !isNull);
                if (isNull) s.SetNull(s.Length);
                s.Length++;
                break;
            case ListVector l:
            {
                l.EnsureCapacity(l.Length + 1);
                var count = isNull ? 0 : _rng.Next(5);
                for (var i = 0; i < count; i++) Append(l.Elements, l.ArrayType.ContainsNull);
                if (isNull) l.SetNull(l.Length);
                l.Offsets[l.Length + 1] = l.Offsets[l.Length] + count;
                l.Length++;
                break;
            }
            case MapVector m:
            {
                m.EnsureCapacity(m.Length + 1);
                var count = isNull ? 0 : _rng.Next(4);
                var keys = new HashSet<string>(StringComparer.Ordinal);
                var added = 0;
                for (var i = 0; i < count; i++)
                {
                    // Keys are unique within a map and never null.
                    var before = m.Keys.Length;
                    Append(m.Keys, nullable: false);
                    if (!keys.Add(JsonValueWriter.ToJson(m.Keys, before)))
                    {
                        m.Keys.Length = before;
                        continue;
                    }
                    Append(m.Values, m.MapType.ValueContainsNull);
                    added++;
                }
                if (isNull) m.SetNull(m.Length);
                m.Offsets[m.Length + 1] = m.Offsets[m.Length] + added;
                m.Length++;
                break;
            }
            default:
                throw new NotSupportedException($"No generator for {v.Type}.");
        }
    }

    private long RandomUnscaledLong(int precision)
    {
        var max = (long)DecimalValue.PowerOfTen(precision) - 1;
        return Edge() ? Pick(max, -max, 0L, 1L, -1L) : _rng.NextInt64(-max, max + 1);
    }

    private Int128 RandomUnscaledInt128(int precision)
    {
        var max = DecimalValue.PowerOfTen(precision) - 1;
        if (Edge()) return Pick(max, -max, Int128.Zero, Int128.One, Int128.NegativeOne);
        // Uniform enough for a test: high and low halves from the generator, reduced into range.
        var raw = new Int128((ulong)_rng.NextInt64(long.MinValue, long.MaxValue), (ulong)_rng.NextInt64(long.MinValue, long.MaxValue));
        var digits = _rng.Next(1, precision + 1); // spread magnitudes, not only 38-digit values
        var bound = DecimalValue.PowerOfTen(digits);
        var value = raw % bound;
        return value > max ? max : value < -max ? -max : value;
    }

    private float RandomFiniteFloatBits()
    {
        while (true)
        {
            var f = BitConverter.Int32BitsToSingle(_rng.Next(int.MinValue, int.MaxValue));
            if (float.IsFinite(f)) return f;
        }
    }

    private double RandomFiniteDoubleBits()
    {
        while (true)
        {
            var d = BitConverter.Int64BitsToDouble(_rng.NextInt64(long.MinValue, long.MaxValue));
            if (double.IsFinite(d)) return d;
        }
    }

    // Short strings (≤ 30 UTF-16 units) so file statistics are never truncated; text elements are whole
    // (surrogate pairs stay together).
    private string RandomString()
    {
        if (Edge()) return Pick("", " ", "a", "zzz", "NULL", "日本語");
        var sb = new StringBuilder();
        var target = _rng.Next(0, 16);
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(Alphabet);
        var list = new List<string>();
        while (elements.MoveNext()) list.Add((string)elements.Current);
        for (var i = 0; i < target; i++) sb.Append(list[_rng.Next(list.Count)]);
        return sb.ToString();
    }

    private byte[] RandomBytes()
    {
        if (Edge()) return Pick(Array.Empty<byte>(), [0], [0xFF, 0x00], [0x80]);
        var bytes = new byte[_rng.Next(0, 24)];
        _rng.NextBytes(bytes);
        return bytes;
    }
}
