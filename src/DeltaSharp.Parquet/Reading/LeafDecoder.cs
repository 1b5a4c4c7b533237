using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Encodings;
using DeltaSharp.Types;
using Encoding = DeltaSharp.Parquet.Format.Encoding;

namespace DeltaSharp.Parquet.Reading;

/// <summary>
/// Decodes the non-null values of one leaf column, page by page, into vectors of the column's Spark type.
/// Dictionary pages are decoded once into a vector of the target type, so dictionary-encoded pages become a
/// gather (no per-value conversion). Not thread-safe; one per column chunk reader.
/// </summary>
internal abstract class LeafDecoder
{
    private const int IndexChunk = 2048;

    private readonly RleBitPackedHybridDecoder _indices = new();
    private ColumnVector? _dictionary;
    private bool _pageUsesDictionary;
    private int[]? _indexScratch;
    private int _dictionaryMaxLength;

    protected LeafDecoder(DataType targetType) => TargetType = targetType;

    public DataType TargetType { get; }

    /// <summary>Decodes a PLAIN dictionary page of <paramref name="count"/> values.</summary>
    public void LoadDictionary(ReadOnlyMemory<byte> data, int count)
    {
        // Bound the count by the page's bytes before allocating count slots: a corrupt header must not make a
        // small file allocate gigabytes (PLAIN values take at least MinPlainBits each).
        if (count < 0 || (long)count * MinPlainBits > (long)data.Length * 8)
            throw new ParquetFormatException($"dictionary page declares {count} values but holds only {data.Length} bytes");
        var dict = ColumnVector.Create(TargetType, count);
        dict.EnsureCapacity(count);
        // The values take fewer bytes than the page; 16 bytes of slack let the gather copy 16 bytes at a time up to the end.
        if (dict is BinaryVector binaryDict) binaryDict.EnsureDataCapacity(data.Length + 16);
        StartValues(Encoding.Plain, data, count);
        ReadValues(dict, 0, count);
        dict.Length = count;
        _dictionary = dict;
        _dictionaryMaxLength = 0;
        if (dict is BinaryVector binary)
        {
            var o = binary.Offsets;
            for (var i = 0; i < count; i++) _dictionaryMaxLength = Math.Max(_dictionaryMaxLength, o[i + 1] - o[i]);
        }
    }

    /// <summary>Starts a data page whose value section is <paramref name="data"/> holding <paramref name="valueCount"/> non-null values.</summary>
    public void StartPage(Encoding encoding, ReadOnlyMemory<byte> data, int valueCount)
    {
        if (encoding is Encoding.PlainDictionary or Encoding.RleDictionary)
        {
            _pageUsesDictionary = true;
            // A page of nulls only has no indices to look up: accept it without a dictionary (writers that never
            // saw a value in the chunk write no dictionary page).
            if (valueCount == 0) return;
            if (_dictionary is null)
                throw new ParquetFormatException("a dictionary-encoded data page comes before any dictionary page");
            var span = data.Span;
            if (span.Length < 1) throw new ParquetFormatException("dictionary-encoded data page has no bit width byte");
            var bitWidth = span[0];
            if (bitWidth > 32) throw new ParquetFormatException($"dictionary index bit width {bitWidth} is larger than 32");
            _indices.Reset(data[1..], bitWidth);
        }
        else
        {
            _pageUsesDictionary = false;
            StartValues(encoding, data, valueCount);
        }
    }

    /// <summary>Decodes <paramref name="count"/> values into <paramref name="destination"/> at [offset, offset+count).
    /// Binary vectors are appended to, so their Length must equal <paramref name="offset"/>.</summary>
    public void Read(ColumnVector destination, int offset, int count)
    {
        if (count == 0) return;
        destination.EnsureCapacity(offset + count);
        if (_pageUsesDictionary) ReadFromDictionary(destination, offset, count);
        else ReadValues(destination, offset, count);
    }

    /// <summary>The fewest bits one PLAIN-encoded value of this column occupies.</summary>
    protected abstract int MinPlainBits { get; }

    protected abstract void StartValues(Encoding encoding, ReadOnlyMemory<byte> data, int valueCount);

    protected abstract void ReadValues(ColumnVector destination, int offset, int count);

    private void ReadFromDictionary(ColumnVector destination, int offset, int count)
    {
        var dict = _dictionary!;
        var scratch = _indexScratch ??= new int[IndexChunk];
        var dictCount = (uint)dict.Length;
        var done = 0;
        while (done < count)
        {
            var n = Math.Min(IndexChunk, count - done);
            var idx = scratch.AsSpan(0, n);
            var got = _indices.Read(idx);
            if (got < n) ThrowHelper.TooFewValues(count, done + got);
            foreach (var i in idx)
                if ((uint)i >= dictCount) ThrowHelper.DictionaryIndex(i, dict.Length);
            DictionaryGather.Gather(dict, _dictionaryMaxLength, idx, destination, offset + done);
            done += n;
        }
    }
}

internal static class DictionaryGather
{
    /// <summary>Copies dictionary entries at <paramref name="indices"/> (already validated) to <paramref name="destination"/>
    /// at <paramref name="offset"/>; <paramref name="maxValueLength"/> is the longest entry of a binary dictionary.</summary>
    public static void Gather(ColumnVector dictionary, int maxValueLength, ReadOnlySpan<int> indices, ColumnVector destination, int offset)
    {
        switch (destination)
        {
            case PrimitiveVector<int> d: GatherT(((PrimitiveVector<int>)dictionary).Values, indices, d.Values.AsSpan(offset)); break;
            case PrimitiveVector<long> d: GatherT(((PrimitiveVector<long>)dictionary).Values, indices, d.Values.AsSpan(offset)); break;
            case PrimitiveVector<double> d: GatherT(((PrimitiveVector<double>)dictionary).Values, indices, d.Values.AsSpan(offset)); break;
            case PrimitiveVector<float> d: GatherT(((PrimitiveVector<float>)dictionary).Values, indices, d.Values.AsSpan(offset)); break;
            case PrimitiveVector<bool> d: GatherT(((PrimitiveVector<bool>)dictionary).Values, indices, d.Values.AsSpan(offset)); break;
            case PrimitiveVector<sbyte> d: GatherT(((PrimitiveVector<sbyte>)dictionary).Values, indices, d.Values.AsSpan(offset)); break;
            case PrimitiveVector<short> d: GatherT(((PrimitiveVector<short>)dictionary).Values, indices, d.Values.AsSpan(offset)); break;
            case PrimitiveVector<Int128> d: GatherT(((PrimitiveVector<Int128>)dictionary).Values, indices, d.Values.AsSpan(offset)); break;
            case BinaryVector d: GatherBinary((BinaryVector)dictionary, maxValueLength, indices, d, offset); break;
            default: throw new NotSupportedException($"No dictionary gather into {destination.GetType().Name}.");
        }
    }

    private static void GatherT<T>(T[] dict, ReadOnlySpan<int> indices, Span<T> dest) where T : unmanaged
    {
        ref var d0 = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(dict);
        for (var i = 0; i < indices.Length; i++)
            dest[i] = Unsafe.Add(ref d0, indices[i]); // indices were validated against the dictionary length
    }

    private static void GatherBinary(BinaryVector dict, int maxValueLength, ReadOnlySpan<int> indices, BinaryVector dest, int offset)
    {
        if (dest.Length != offset) throw new InvalidOperationException("Binary vectors are filled in order.");
        var dOff = dict.Offsets;
        var start = dest.Offsets[offset];
        // When even the longest dictionary value at every index fits, skip the pass that sums the exact length.
        if (start + (long)indices.Length * maxValueLength > dest.Data.Length)
        {
            long total = 0;
            foreach (var i in indices) total += dOff[i + 1] - dOff[i];
            if (start + total > Array.MaxLength) throw new ParquetFormatException("a batch of string values exceeds 2 GB; use a smaller batch size");
            dest.EnsureDataCapacity((int)(start + total));
        }
        dest.EnsureCapacity(offset + indices.Length);
        var src = dict.Data;
        var dst = dest.Data;
        var offs = dest.Offsets.AsSpan(offset + 1, indices.Length);
        ref var srcRef = ref MemoryMarshal.GetArrayDataReference(src);
        ref var dstRef = ref MemoryMarshal.GetArrayDataReference(dst);
        ref var offRef = ref MemoryMarshal.GetArrayDataReference(dOff);
        var srcLimit = src.Length - 16;
        var dstLimit = dst.Length - 16;
        var pos = start;
        for (var k = 0; k < indices.Length; k++)
        {
            // Indices were validated against the dictionary; its offsets lie within its data (built by our decoder).
            var i = indices[k];
            var s = Unsafe.Add(ref offRef, i);
            var len = Unsafe.Add(ref offRef, i + 1) - s;
            if (len <= 16 && s <= srcLimit && pos <= dstLimit)
                Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dstRef, pos), ref Unsafe.Add(ref srcRef, s), 16); // over-copy; the tail is overwritten or unused
            else
                Buffer.BlockCopy(src, s, dst, pos, len);
            pos += len;
            offs[k] = pos;
        }
        dest.Length = offset + indices.Length;
    }
}

internal static class ThrowHelper
{
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void TooFewValues(int expected, int got) =>
        throw new ParquetFormatException($"data page holds fewer values than its levels say (expected {expected}, decoded {got})");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void DictionaryIndex(int index, int size) =>
        throw new ParquetFormatException($"dictionary index {index} is out of range (dictionary has {size} entries)");

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void Corrupt(string what) => throw new ParquetFormatException(what);
}
