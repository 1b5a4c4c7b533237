using System.Buffers.Binary;
using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// PLAIN BYTE_ARRAY decoder: each value is a 4-byte little-endian length then its bytes (Encodings.md "Plain").
/// A first pass validates lengths and writes the offsets, a second copies the bytes. Resumable; not thread-safe.
/// </summary>
internal sealed class PlainByteArrayDecoder : IByteArrayDecoder
{
    private const string Name = "PLAIN BYTE_ARRAY";

    private ReadOnlyMemory<byte> _data;
    private int _position;
    private int _remaining;

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
        var source = _data.Span;
        var length = destination.Length;
        destination.EnsureCapacity(length + n);
        var offsets = destination.Offsets;
        var start = offsets[length];
        long end = start;
        var pos = _position;
        for (var i = 0; i < n; i++)
        {
            if (source.Length - pos < 4) EncodingErrors.Truncated(Name);
            var len = BinaryPrimitives.ReadUInt32LittleEndian(source[pos..]);
            pos += 4;
            if (len > (uint)(source.Length - pos)) EncodingErrors.Throw($"{Name}: value length {len} exceeds the {source.Length - pos} bytes left in the page");
            pos += (int)len;
            end += len;
            if (end > Array.MaxLength) EncodingErrors.TooLarge(Name);
            offsets[length + i + 1] = (int)end;
        }
        destination.EnsureDataCapacity((int)end);
        var data = destination.Data;
        pos = _position;
        for (var i = 0; i < n; i++)
        {
            var o = offsets[length + i];
            var len = offsets[length + i + 1] - o;
            source.Slice(pos + 4, len).CopyTo(data.AsSpan(o));
            pos += 4 + len;
        }
        _position = pos;
        _remaining -= n;
        destination.Length = length + n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        var source = _data.Span;
        var pos = _position;
        for (var i = 0; i < n; i++)
        {
            if (source.Length - pos < 4) EncodingErrors.Truncated(Name);
            var len = BinaryPrimitives.ReadUInt32LittleEndian(source[pos..]);
            pos += 4;
            if (len > (uint)(source.Length - pos)) EncodingErrors.Throw($"{Name}: value length {len} exceeds the {source.Length - pos} bytes left in the page");
            pos += (int)len;
        }
        _position = pos;
        _remaining -= n;
        return n;
    }

    /// <summary>Decodes a whole PLAIN dictionary page of <paramref name="count"/> byte arrays into
    /// (data, offsets[count + 1]).</summary>
    public static (byte[] Data, int[] Offsets) DecodeAll(ReadOnlySpan<byte> source, int count)
    {
        if (count < 0) EncodingErrors.Throw($"{Name}: negative value count {count}");
        // Every value takes at least its 4-byte length: bound count before allocating.
        if (count > source.Length / 4) EncodingErrors.Truncated(Name);
        var offsets = new int[count + 1];
        var pos = 0;
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            if (source.Length - pos < 4) EncodingErrors.Truncated(Name);
            var len = BinaryPrimitives.ReadUInt32LittleEndian(source[pos..]);
            pos += 4;
            if (len > (uint)(source.Length - pos)) EncodingErrors.Throw($"{Name}: value length {len} exceeds the {source.Length - pos} bytes left in the page");
            pos += (int)len;
            total += (int)len;
            offsets[i + 1] = total;
        }
        var data = new byte[total];
        pos = 0;
        for (var i = 0; i < count; i++)
        {
            var len = offsets[i + 1] - offsets[i];
            source.Slice(pos + 4, len).CopyTo(data.AsSpan(offsets[i]));
            pos += 4 + len;
        }
        return (data, offsets);
    }
}
