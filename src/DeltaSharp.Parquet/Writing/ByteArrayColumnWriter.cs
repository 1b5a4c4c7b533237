using System.Buffers;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;
using DeltaSharp.Values;
using Encoding = DeltaSharp.Parquet.Format.Encoding;

namespace DeltaSharp.Parquet.Writing;

/// <summary>
/// Writer for BYTE_ARRAY leaves (string, binary) from <see cref="BinaryVector"/>s and FIXED_LEN_BYTE_ARRAY decimal
/// leaves (precision &gt; 18) from Int128 vectors, written big-endian in the minimal width for the precision.
/// </summary>
internal sealed class ByteArrayColumnWriter : ColumnChunkWriter
{
    private readonly BinaryDictionary? _dictionary;
    private readonly Encoding? _override;
    private readonly int _fixedLength;     // > 0 for FIXED_LEN_BYTE_ARRAY
    private readonly bool _isDecimal;
    private bool _dictionaryMode;
    private bool _dictionaryUsed;
    private byte[] _data = new byte[1024];        // grown on demand (see ColumnChunkWriter's initial sizes)
    private int[] _offsets = new int[257];
    private int[] _indices = new int[256];
    private int _count;
    private byte[]? _chunkMin, _chunkMax, _fileMin, _fileMax;
    private Int128 _decChunkMin, _decChunkMax, _decFileMin, _decFileMax;
    private bool _hasChunkStats, _hasFileStats;
    private readonly byte[] _fixedScratch = new byte[16];

    public ByteArrayColumnWriter(ColumnDescriptor column, DataType type, ParquetWriteOptions options, Encoding? encodingOverride)
        : base(column, type, options)
    {
        _override = encodingOverride;
        _isDecimal = type is DecimalType;
        _fixedLength = column.PhysicalType == PhysicalType.FixedLenByteArray ? column.TypeLength : 0;
        if (options.EnableDictionary && encodingOverride is null)
        {
            _dictionary = new BinaryDictionary();
            _dictionaryMode = true;
        }
    }

    protected override int EstimatedPageValueBytes =>
        _dictionaryMode ? (_count * (BitWidth(Math.Max(1, _dictionary!.Count)) + 1)) / 8 : _offsets[_count] + 4 * _count;

    protected override bool DictionaryFull =>
        _dictionaryMode && _dictionary!.DataLength + 4L * _dictionary.Count > Options.DictionaryPageSizeLimit;

    protected override void AppendValues(ColumnVector source, ReadOnlySpan<int> indices)
    {
        if (_count + indices.Length + 1 > _offsets.Length)
        {
            var size = Math.Max(_count + indices.Length + 1, _offsets.Length * 2);
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _indices, size);
        }
        if (source is BinaryVector bin)
        {
            if (_dictionaryMode)
            {
                var dictionary = _dictionary!;
                var before = dictionary.Count;
                foreach (var i in indices) _indices[_count++] = dictionary.GetOrAdd(bin.GetBytes(i));
                _dictionaryUsed |= indices.Length > 0;
                // Every value of the run is a dictionary entry, and entries before `before` were already counted:
                // the new entries alone can move min/max.
                if (!_isDecimal && dictionary.Count > before) UpdateStatsFromDictionary(dictionary, before);
            }
            else
            {
                if (!_isDecimal) UpdateStats(bin, indices);
                foreach (var i in indices) AppendPlain(bin.GetBytes(i));
            }
        }
        else if (source is PrimitiveVector<Int128> dec && _fixedLength > 0)
        {
            foreach (var i in indices)
            {
                var v = dec.Values[i];
                WriteBigEndian(v, _fixedScratch.AsSpan(0, _fixedLength));
                Append(_fixedScratch.AsSpan(0, _fixedLength), v);
            }
        }
        else
        {
            throw new ArgumentException($"Column '{Column.DottedPath}': vector {source.GetType().Name} cannot be written as {Column.PhysicalType}.");
        }
    }

    private void Append(ReadOnlySpan<byte> value, Int128 decimalValue)
    {
        UpdateStats(value, decimalValue);
        if (_dictionaryMode)
        {
            _indices[_count] = _dictionary!.GetOrAdd(value);
            _dictionaryUsed = true;
            _count++;
            return;
        }
        AppendPlain(value);
    }

    private void AppendPlain(ReadOnlySpan<byte> value)
    {
        var start = _offsets[_count];
        if (start + value.Length > _data.Length)
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max(start + value.Length, (long)_data.Length * 2)));
        value.CopyTo(_data.AsSpan(start));
        _offsets[++_count] = start + value.Length;
    }

    internal static void WriteBigEndian(Int128 v, Span<byte> dest)
    {
        for (var i = dest.Length - 1; i >= 0; i--)
        {
            dest[i] = (byte)(v & 0xFF);
            v >>= 8;
        }
    }

    /// <summary>Min/max of a run of binary values: found within the run first, so at most two copies are made
    /// per call instead of one per new extreme (an ascending key column has a new max on every row).</summary>
    private void UpdateStats(BinaryVector bin, ReadOnlySpan<int> indices)
    {
        if (indices.Length == 0) return;
        var min = bin.GetBytes(indices[0]);
        var max = min;
        for (var k = 1; k < indices.Length; k++)
        {
            var v = bin.GetBytes(indices[k]);
            if (v.SequenceCompareTo(min) < 0) min = v;
            else if (v.SequenceCompareTo(max) > 0) max = v;
        }
        MergeStats(min, max);
    }

    /// <summary>Min/max over the dictionary entries added since <paramref name="first"/>.</summary>
    private void UpdateStatsFromDictionary(BinaryDictionary dictionary, int first)
    {
        var min = dictionary.Get(first);
        var max = min;
        for (var e = first + 1; e < dictionary.Count; e++)
        {
            var v = dictionary.Get(e);
            if (v.SequenceCompareTo(min) < 0) min = v;
            else if (v.SequenceCompareTo(max) > 0) max = v;
        }
        MergeStats(min, max);
    }

    private void MergeStats(ReadOnlySpan<byte> min, ReadOnlySpan<byte> max)
    {
        // Unsigned lexicographic order (parquet.thrift ColumnOrder for BYTE_ARRAY / UTF8).
        if (!_hasChunkStats || min.SequenceCompareTo(_chunkMin) < 0) _chunkMin = min.ToArray();
        if (!_hasChunkStats || max.SequenceCompareTo(_chunkMax) > 0) _chunkMax = max.ToArray();
        _hasChunkStats = true;
    }

    private void UpdateStats(ReadOnlySpan<byte> value, Int128 dec)
    {
        if (_isDecimal)
        {
            if (!_hasChunkStats) { _decChunkMin = _decChunkMax = dec; _hasChunkStats = true; }
            else
            {
                if (dec < _decChunkMin) _decChunkMin = dec;
                if (dec > _decChunkMax) _decChunkMax = dec;
            }
            if (!_hasFileStats) { _decFileMin = _decFileMax = dec; _hasFileStats = true; }
            else
            {
                if (dec < _decFileMin) _decFileMin = dec;
                if (dec > _decFileMax) _decFileMax = dec;
            }
            return;
        }
        // Unsigned lexicographic order (parquet.thrift ColumnOrder for BYTE_ARRAY / UTF8).
        if (!_hasChunkStats || value.SequenceCompareTo(_chunkMin) < 0) _chunkMin = value.ToArray();
        if (!_hasChunkStats || value.SequenceCompareTo(_chunkMax) > 0) _chunkMax = value.ToArray();
        _hasChunkStats = true;
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
            var encoding = _override ?? Encoding.Plain;
            PageValueEncoding.WriteByteArrays(encoding, _data.AsSpan(0, _offsets[_count]), _offsets.AsSpan(0, _count + 1), _fixedLength, output);
            return encoding;
        }
        finally
        {
            _count = 0;
            _offsets[0] = 0;
        }
    }

    protected override void OnPageFlushed()
    {
        if (_dictionaryMode && _dictionary!.DataLength + 4L * _dictionary.Count > Options.DictionaryPageSizeLimit)
            _dictionaryMode = false;
    }

    protected override int DictionaryCount => _dictionaryUsed ? _dictionary!.Count : 0;

    protected override void EncodeDictionary(ArrayBufferWriter<byte> output) =>
        PageValueEncoding.WriteByteArrays(Encoding.Plain, _dictionary!.Data, _dictionary.Offsets, _fixedLength, output);

    protected override void ResetChunk()
    {
        if (_hasChunkStats && !_isDecimal)
        {
            if (_fileMin is null || _chunkMin.AsSpan().SequenceCompareTo(_fileMin) < 0) _fileMin = _chunkMin;
            if (_fileMax is null || _chunkMax.AsSpan().SequenceCompareTo(_fileMax) > 0) _fileMax = _chunkMax;
        }
        _dictionary?.Clear();
        _dictionaryMode = _dictionary is not null;
        _dictionaryUsed = false;
        _hasChunkStats = false;
        _chunkMin = _chunkMax = null;
        _count = 0;
        _offsets[0] = 0;
    }

    protected override (byte[] Min, byte[] Max, bool SignedOrder)? ChunkMinMax()
    {
        if (!_hasChunkStats) return null;
        if (_isDecimal)
        {
            var min = new byte[_fixedLength];
            var max = new byte[_fixedLength];
            WriteBigEndian(_decChunkMin, min);
            WriteBigEndian(_decChunkMax, max);
            return (min, max, true);
        }
        return (_chunkMin!, _chunkMax!, false);
    }

    public override (object? Min, object? Max) FileMinMax()
    {
        if (_isDecimal)
        {
            if (!_hasFileStats) return (null, null);
            var scale = ((DecimalType)Type).Scale;
            return (new DecimalValue(_decFileMin, scale), new DecimalValue(_decFileMax, scale));
        }
        var min = _fileMin;
        var max = _fileMax;
        if (_hasChunkStats)
        {
            if (min is null || _chunkMin.AsSpan().SequenceCompareTo(min) < 0) min = _chunkMin;
            if (max is null || _chunkMax.AsSpan().SequenceCompareTo(max) > 0) max = _chunkMax;
        }
        if (min is null || max is null) return (null, null);
        return Type is StringType ? (System.Text.Encoding.UTF8.GetString(min), System.Text.Encoding.UTF8.GetString(max)) : (min, max);
    }
}
