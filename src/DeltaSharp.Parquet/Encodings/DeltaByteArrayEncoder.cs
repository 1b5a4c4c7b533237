using System.Buffers;
using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// DELTA_BYTE_ARRAY encoder (Encodings.md "Delta Strings") for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY: for each value
/// the length of the prefix shared with the previous value (DELTA_BINARY_PACKED) and the rest as
/// DELTA_LENGTH_BYTE_ARRAY. Reusable after <see cref="Flush"/>. Not thread-safe.
/// </summary>
internal sealed class DeltaByteArrayEncoder
{
    private readonly DeltaBinaryPackedEncoder<int> _prefixes = new();
    private readonly DeltaLengthByteArrayEncoder _suffixes = new();
    private byte[] _previous = new byte[64];
    private int _previousLength;

    public int Count => _prefixes.Count;

    public void Write(ReadOnlySpan<byte> value)
    {
        var prefix = value.CommonPrefixLength(_previous.AsSpan(0, _previousLength));
        _prefixes.Write(prefix);
        _suffixes.Write(value[prefix..]);
        if (value.Length > _previous.Length) _previous = new byte[Math.Max(value.Length, _previous.Length * 2)];
        value.CopyTo(_previous);
        _previousLength = value.Length;
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

    /// <summary>Writes prefix lengths then suffixes and starts over; returns the bytes written.</summary>
    public int Flush(IBufferWriter<byte> writer)
    {
        var n = _prefixes.Flush(writer) + _suffixes.Flush(writer);
        _previousLength = 0;
        return n;
    }
}
