using System.Buffers;
using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY encoder (Encodings.md "Delta-length byte array"): the lengths as DELTA_BINARY_PACKED,
/// then all bytes back to back. Reusable after <see cref="Flush"/>. Not thread-safe.
/// </summary>
internal sealed class DeltaLengthByteArrayEncoder
{
    private readonly DeltaBinaryPackedEncoder<int> _lengths = new();
    private byte[] _data = new byte[1024];
    private int _length;

    public int Count => _lengths.Count;

    public void Write(ReadOnlySpan<byte> value)
    {
        _lengths.Write(value.Length);
        if (_length + value.Length > _data.Length)
            Array.Resize(ref _data, (int)Math.Min(Array.MaxLength, Math.Max((long)_length + value.Length, _data.Length * 2L)));
        value.CopyTo(_data.AsSpan(_length));
        _length += value.Length;
    }

    /// <summary>Writes the values at <paramref name="rowIndices"/> of <paramref name="source"/>.</summary>
    public void Write(BinaryVector source, ReadOnlySpan<int> rowIndices)
    {
        foreach (var r in rowIndices) Write(source.GetBytes(r));
    }

    /// <summary>Writes values given as concatenated <paramref name="data"/> and <c>count + 1</c> offsets.</summary>
    public void Write(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets)
    {
        for (var i = 0; i + 1 < offsets.Length; i++) Write(data[offsets[i]..offsets[i + 1]]);
    }

    /// <summary>Writes the lengths and bytes and starts over; returns the bytes written.</summary>
    public int Flush(IBufferWriter<byte> writer)
    {
        var n = _lengths.Flush(writer);
        _data.AsSpan(0, _length).CopyTo(writer.GetSpan(_length));
        writer.Advance(_length);
        n += _length;
        _length = 0;
        return n;
    }
}
