using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT decoder for FIXED_LEN_BYTE_ARRAY (Encodings.md "Byte Stream Split"): K = typeLength streams of
/// N bytes. Appends values of K bytes to a <see cref="BinaryVector"/>. Resumable; not thread-safe.
/// </summary>
internal sealed class ByteStreamSplitFixedLenByteArrayDecoder : IByteArrayDecoder
{
    private const string Name = "BYTE_STREAM_SPLIT FIXED_LEN_BYTE_ARRAY";

    private readonly int _typeLength;
    private ReadOnlyMemory<byte> _data;
    private int _streamLength;
    private int _index;
    private int _remaining;

    public ByteStreamSplitFixedLenByteArrayDecoder(int typeLength)
    {
        if (typeLength <= 0) EncodingErrors.Throw($"{Name}: type length {typeLength} must be positive");
        _typeLength = typeLength;
    }

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        if (data.Length % _typeLength != 0)
            EncodingErrors.Throw($"{Name}: page of {data.Length} bytes is not a multiple of the {_typeLength}-byte value size");
        _data = data;
        _streamLength = data.Length / _typeLength;
        _index = 0;
        _remaining = Math.Max(0, valueCount);
    }

    public int Read(BinaryVector destination, int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (n == 0) return 0;
        if (n > _streamLength - _index) EncodingErrors.Truncated(Name);
        var k = _typeLength;
        var length = destination.Length;
        destination.EnsureCapacity(length + n);
        var offsets = destination.Offsets;
        var start = offsets[length];
        var bytes = (long)n * k;
        if (start + bytes > Array.MaxLength) EncodingErrors.TooLarge(Name);
        destination.EnsureDataCapacity((int)(start + bytes));
        var output = destination.Data.AsSpan(start, (int)bytes);
        var source = _data.Span;
        // Stream by stream: each stream's bytes scatter to every K-th output byte.
        for (var b = 0; b < k; b++)
        {
            var stream = source.Slice(b * _streamLength + _index, n);
            for (int i = 0, o = b; i < stream.Length; i++, o += k) output[o] = stream[i];
        }
        var off = start;
        for (var i = 1; i <= n; i++)
        {
            off += k;
            offsets[length + i] = off;
        }
        _index += n;
        _remaining -= n;
        destination.Length = length + n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (n > _streamLength - _index) EncodingErrors.Truncated(Name);
        _index += n;
        _remaining -= n;
        return n;
    }
}
