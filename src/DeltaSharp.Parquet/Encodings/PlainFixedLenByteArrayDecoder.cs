using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// PLAIN FIXED_LEN_BYTE_ARRAY decoder: values of <c>typeLength</c> bytes back to back (Encodings.md "Plain").
/// The bytes of a batch are copied in one block and the offsets are an arithmetic sequence. Resumable; not thread-safe.
/// </summary>
internal sealed class PlainFixedLenByteArrayDecoder : IByteArrayDecoder
{
    private const string Name = "PLAIN FIXED_LEN_BYTE_ARRAY";

    private readonly int _typeLength;
    private ReadOnlyMemory<byte> _data;
    private int _position;
    private int _remaining;

    public PlainFixedLenByteArrayDecoder(int typeLength)
    {
        if (typeLength <= 0) EncodingErrors.Throw($"{Name}: type length {typeLength} must be positive");
        _typeLength = typeLength;
    }

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _data = data;
        _position = 0;
        _remaining = Math.Max(0, valueCount);
    }

    public int Read(BinaryVector destination, int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (n == 0) return 0;
        var bytes = (long)n * _typeLength;
        if (bytes > _data.Length - _position) EncodingErrors.Truncated(Name);
        var length = destination.Length;
        destination.EnsureCapacity(length + n);
        var offsets = destination.Offsets;
        var start = offsets[length];
        if (start + bytes > Array.MaxLength) EncodingErrors.TooLarge(Name);
        destination.EnsureDataCapacity((int)(start + bytes));
        _data.Span.Slice(_position, (int)bytes).CopyTo(destination.Data.AsSpan(start));
        var o = start;
        for (var i = 1; i <= n; i++)
        {
            o += _typeLength;
            offsets[length + i] = o;
        }
        _position += (int)bytes;
        _remaining -= n;
        destination.Length = length + n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        var bytes = (long)n * _typeLength;
        if (bytes > _data.Length - _position) EncodingErrors.Truncated(Name);
        _position += (int)bytes;
        _remaining -= n;
        return n;
    }
}
