using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;
using DeltaSharp.Values;
using Encoding = DeltaSharp.Parquet.Format.Encoding;

namespace DeltaSharp.Parquet.Writing;

/// <summary>Writer for BOOLEAN, INT32, INT64, FLOAT and DOUBLE leaves (T = bool, int, long, float, double).</summary>
internal sealed class FixedColumnWriter<T> : ColumnChunkWriter where T : unmanaged
{
    private readonly FixedDictionary<T>? _dictionary;
    private readonly Encoding? _override;
    private bool _dictionaryMode;
    private bool _dictionaryUsed;
    private T[] _page = new T[256];               // grown on demand (see ColumnChunkWriter's initial sizes)
    private int[] _indices = new int[256];
    private int _count;
    private T[] _convert = new T[256];
    private bool _hasChunkStats, _hasFileStats;
    private T _chunkMin, _chunkMax, _fileMin, _fileMax;

    public FixedColumnWriter(ColumnDescriptor column, DataType type, ParquetWriteOptions options, Encoding? encodingOverride)
        : base(column, type, options)
    {
        _override = encodingOverride;
        if (options.EnableDictionary && encodingOverride is null && typeof(T) != typeof(bool))
        {
            _dictionary = new FixedDictionary<T>();
            _dictionaryMode = true;
        }
    }

    protected override int EstimatedPageValueBytes =>
        _dictionaryMode ? (_count * (BitWidth(Math.Max(1, _dictionary!.Count)) + 1)) / 8 : typeof(T) == typeof(bool) ? _count / 8 : _count * Unsafe.SizeOf<T>();

    protected override bool DictionaryFull =>
        _dictionaryMode && _dictionary!.Count * Unsafe.SizeOf<T>() > Options.DictionaryPageSizeLimit;

    protected override void AppendValues(ColumnVector source, ReadOnlySpan<int> indices)
    {
        if (_convert.Length < indices.Length) _convert = new T[indices.Length];
        var values = _convert.AsSpan(0, indices.Length);
        Gather(source, indices, values);
        UpdateStats(values);
        if (_count + values.Length > _page.Length)
        {
            var size = Math.Max(_count + values.Length, _page.Length * 2);
            Array.Resize(ref _page, size);
            Array.Resize(ref _indices, size);
        }
        if (_dictionaryMode)
        {
            var dict = _dictionary!;
            var idx = _indices.AsSpan(_count, values.Length);
            for (var i = 0; i < values.Length; i++) idx[i] = dict.GetOrAdd(values[i]);
            _dictionaryUsed = true;
        }
        else
        {
            values.CopyTo(_page.AsSpan(_count));
        }
        _count += values.Length;
    }

    private static void Gather(ColumnVector source, ReadOnlySpan<int> indices, Span<T> values)
    {
        switch (source)
        {
            case PrimitiveVector<T> same:
            {
                var src = same.Values;
                if (indices.Length > 0 && indices[^1] - indices[0] == indices.Length - 1)
                    src.AsSpan(indices[0], indices.Length).CopyTo(values); // contiguous run
                else
                    for (var i = 0; i < indices.Length; i++) values[i] = src[indices[i]];
                break;
            }
            case PrimitiveVector<sbyte> b when typeof(T) == typeof(int):
            {
                var v = MemoryMarshal.Cast<T, int>(values);
                for (var i = 0; i < indices.Length; i++) v[i] = b.Values[indices[i]];
                break;
            }
            case PrimitiveVector<short> s when typeof(T) == typeof(int):
            {
                var v = MemoryMarshal.Cast<T, int>(values);
                for (var i = 0; i < indices.Length; i++) v[i] = s.Values[indices[i]];
                break;
            }
            case PrimitiveVector<long> l when typeof(T) == typeof(int):
            {
                // decimal(p ≤ 9) is stored as a long unscaled value and written as INT32.
                var v = MemoryMarshal.Cast<T, int>(values);
                for (var i = 0; i < indices.Length; i++) v[i] = checked((int)l.Values[indices[i]]);
                break;
            }
            default:
                throw new ArgumentException($"Column '{string.Join('.', ((ColumnVector)source).Type)}' vector {source.GetType().Name} cannot be written as {typeof(T).Name}.");
        }
    }

    private void UpdateStats(ReadOnlySpan<T> values)
    {
        foreach (var v in values)
        {
            if (IsNaN(v)) continue;
            if (!_hasChunkStats)
            {
                _chunkMin = _chunkMax = v;
                _hasChunkStats = true;
            }
            else
            {
                if (Less(v, _chunkMin)) _chunkMin = v;
                if (Less(_chunkMax, v)) _chunkMax = v;
            }
        }
        if (_hasChunkStats)
        {
            if (!_hasFileStats)
            {
                _fileMin = _chunkMin;
                _fileMax = _chunkMax;
                _hasFileStats = true;
            }
            else
            {
                if (Less(_chunkMin, _fileMin)) _fileMin = _chunkMin;
                if (Less(_fileMax, _chunkMax)) _fileMax = _chunkMax;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsNaN(T v) =>
        (typeof(T) == typeof(float) && float.IsNaN(Unsafe.As<T, float>(ref v)))
        || (typeof(T) == typeof(double) && double.IsNaN(Unsafe.As<T, double>(ref v)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(T a, T b)
    {
        if (typeof(T) == typeof(int)) return Unsafe.As<T, int>(ref a) < Unsafe.As<T, int>(ref b);
        if (typeof(T) == typeof(long)) return Unsafe.As<T, long>(ref a) < Unsafe.As<T, long>(ref b);
        if (typeof(T) == typeof(float))
        {
            var x = Unsafe.As<T, float>(ref a);
            var y = Unsafe.As<T, float>(ref b);
            return x < y || (x == 0 && y == 0 && float.IsNegative(x) && !float.IsNegative(y));
        }
        if (typeof(T) == typeof(double))
        {
            var x = Unsafe.As<T, double>(ref a);
            var y = Unsafe.As<T, double>(ref b);
            return x < y || (x == 0 && y == 0 && double.IsNegative(x) && !double.IsNegative(y));
        }
        if (typeof(T) == typeof(bool)) return !Unsafe.As<T, bool>(ref a) && Unsafe.As<T, bool>(ref b);
        throw new NotSupportedException();
    }

    protected override Encoding EncodePageValues(ArrayBufferWriter<byte> output)
    {
        try
        {
            // Until a value enters the dictionary the chunk has no dictionary page, so a page of nulls only is
            // written as (empty) PLAIN: other readers refuse dictionary-encoded pages without a dictionary page.
            if (_dictionaryMode && _dictionaryUsed)
            {
                var width = Math.Max(1, BitWidth(_dictionary!.Count - 1));
                output.GetSpan(1)[0] = (byte)width;
                output.Advance(1);
                PageValueEncoding.WriteIndices(_indices.AsSpan(0, _count), width, output);
                return V2 ? Encoding.RleDictionary : Encoding.PlainDictionary;
            }
            var values = _page.AsSpan(0, _count);
            var encoding = _override ?? Encoding.Plain;
            PageValueEncoding.WriteFixed<T>(encoding, values, output);
            return encoding;
        }
        finally
        {
            _count = 0;
        }
    }

    protected override void OnPageFlushed()
    {
        if (_dictionaryMode && _dictionary!.Count * Unsafe.SizeOf<T>() > Options.DictionaryPageSizeLimit)
            _dictionaryMode = false; // fall back to PLAIN for the rest of this chunk (pages so far keep the dictionary)
    }

    protected override int DictionaryCount => _dictionaryUsed ? _dictionary!.Count : 0;

    protected override void EncodeDictionary(ArrayBufferWriter<byte> output) =>
        PageValueEncoding.WriteFixed<T>(Encoding.Plain, _dictionary!.Values, output);

    protected override void ResetChunk()
    {
        _dictionary?.Clear();
        _dictionaryMode = _dictionary is not null;
        _dictionaryUsed = false;
        _hasChunkStats = false;
        _count = 0;
    }

    protected override (byte[] Min, byte[] Max, bool SignedOrder)? ChunkMinMax()
    {
        if (!_hasChunkStats) return null;
        var min = _chunkMin;
        var max = _chunkMax;
        // parquet.thrift ColumnOrder: a zero min is written as -0.0 and a zero max as +0.0.
        if (typeof(T) == typeof(float))
        {
            if (Unsafe.As<T, float>(ref min) == 0) { var z = -0.0f; min = Unsafe.As<float, T>(ref z); }
            if (Unsafe.As<T, float>(ref max) == 0) { var z = 0.0f; max = Unsafe.As<float, T>(ref z); }
        }
        if (typeof(T) == typeof(double))
        {
            if (Unsafe.As<T, double>(ref min) == 0) { var z = -0.0; min = Unsafe.As<double, T>(ref z); }
            if (Unsafe.As<T, double>(ref max) == 0) { var z = 0.0; max = Unsafe.As<double, T>(ref z); }
        }
        return (Plain(min), Plain(max), true);
    }

    private static byte[] Plain(T v)
    {
        if (typeof(T) == typeof(bool)) return [Unsafe.As<T, bool>(ref v) ? (byte)1 : (byte)0];
        var bytes = new byte[Unsafe.SizeOf<T>()];
        MemoryMarshal.Write(bytes, in v); // little-endian on every platform .NET supports here
        return bytes;
    }

    public override (object? Min, object? Max) FileMinMax()
    {
        if (!_hasFileStats) return (null, null);
        return (BoxStat(_fileMin), BoxStat(_fileMax));
    }

    private object BoxStat(T v)
    {
        if (typeof(T) == typeof(int))
        {
            var i = Unsafe.As<T, int>(ref v);
            return Type switch
            {
                ByteType => (sbyte)i,
                ShortType => (short)i,
                DecimalType d => new DecimalValue(i, d.Scale),
                _ => ValueConverter.Box(Type, i),
            };
        }
        if (typeof(T) == typeof(long)) return ValueConverter.Box(Type, Unsafe.As<T, long>(ref v));
        return v;
    }
}
