using System.Buffers;
using System.Buffers.Binary;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// Encodes the RLE/bit-packing hybrid (Encodings.md "Run Length Encoding / Bit-Packing Hybrid") for levels, dictionary
/// indices and RLE booleans. Values are taken 8 at a time: a value repeated at least 8 times from a group boundary
/// becomes an RLE run, anything else is bit-packed in groups of 8 (a run holds at most 63 groups so its header is
/// one reserved byte). The last group is padded with zeros; readers know the value count. Reusable: <see cref="Flush"/>
/// emits the data and starts over with the same bit width. Not thread-safe.
/// </summary>
internal sealed class RleBitPackedHybridEncoder
{
    private const int MaxGroupsPerRun = 63;

    private readonly int[] _group = new int[8];
    private byte[] _buffer = new byte[256];
    private int _length;
    private int _bitWidth;
    private int _buffered;      // values in _group
    private int _previous;
    private int _repeatCount;   // trailing equal values since the last group boundary
    private int _groupCount;    // groups in the open bit-packed run
    private int _headerIndex = -1;

    public RleBitPackedHybridEncoder(int bitWidth = 0) => Reset(bitWidth);

    public int BitWidth => _bitWidth;

    /// <summary>Bytes encoded so far (before <see cref="Flush"/> closes the last run).</summary>
    public int PendingByteCount => _length;

    /// <summary>Drops anything written and sets the bit width (0..32) for the next values.</summary>
    public void Reset(int bitWidth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bitWidth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bitWidth, 32);
        _bitWidth = bitWidth;
        _length = 0;
        _buffered = 0;
        _previous = 0;
        _repeatCount = 0;
        _groupCount = 0;
        _headerIndex = -1;
    }

    public void Write(int value)
    {
        if ((ulong)(uint)value >> _bitWidth != 0) ThrowTooWide(value);
        if (_repeatCount > 0 && value == _previous)
        {
            // From the 8th equal value on the run is RLE: the 7 buffered copies are counted in _repeatCount.
            if (++_repeatCount > 7) return;
        }
        else
        {
            if (_repeatCount >= 8) WriteRleRun();
            _repeatCount = 1;
            _previous = value;
        }
        _group[_buffered++] = value;
        if (_buffered == 8) WriteGroup();
    }

    public void Write(ReadOnlySpan<int> values)
    {
        foreach (var v in values) Write(v);
    }

    /// <summary>Closes the last run, writes the encoded data (no length prefix) to <paramref name="writer"/> and starts
    /// over; returns the bytes written.</summary>
    public int Flush(IBufferWriter<byte> writer)
    {
        Finish();
        var n = _length;
        _buffer.AsSpan(0, n).CopyTo(writer.GetSpan(n));
        writer.Advance(n);
        Reset(_bitWidth);
        return n;
    }

    /// <summary>Like <see cref="Flush"/> but prefixed by the 4-byte little-endian length (data page v1 levels,
    /// RLE booleans); returns the bytes written including the prefix.</summary>
    public int FlushLengthPrefixed(IBufferWriter<byte> writer)
    {
        Finish();
        var n = _length;
        var span = writer.GetSpan(n + 4);
        BinaryPrimitives.WriteInt32LittleEndian(span, n);
        _buffer.AsSpan(0, n).CopyTo(span[4..]);
        writer.Advance(n + 4);
        Reset(_bitWidth);
        return n + 4;
    }

    private void Finish()
    {
        if (_repeatCount >= 8)
        {
            WriteRleRun();
        }
        else if (_buffered > 0)
        {
            _group.AsSpan(_buffered).Clear();
            _buffered = 8;
            WriteGroup();
        }
        EndBitPackedRun();
    }

    private void WriteGroup()
    {
        if (_headerIndex >= 0 && _groupCount == MaxGroupsPerRun) EndBitPackedRun();
        Ensure(1 + _bitWidth);
        if (_headerIndex < 0)
        {
            _headerIndex = _length++;
            _groupCount = 0;
        }
        _length += BitPacking.Pack32(_group, _bitWidth, _buffer.AsSpan(_length));
        _groupCount++;
        _buffered = 0;
        _repeatCount = 0;
    }

    private void EndBitPackedRun()
    {
        if (_headerIndex < 0) return;
        // bit-packed-header := varint((groups << 1) | 1); at most 63 groups fit the reserved byte.
        _buffer[_headerIndex] = (byte)((_groupCount << 1) | 1);
        _headerIndex = -1;
        _groupCount = 0;
    }

    private void WriteRleRun()
    {
        EndBitPackedRun();
        Ensure(5 + 4);
        _length += VarInt.Write(_buffer.AsSpan(_length), (ulong)_repeatCount << 1);
        var value = (uint)_previous;
        for (var i = 0; i < (_bitWidth + 7) >> 3; i++) _buffer[_length++] = (byte)(value >> (8 * i));
        _repeatCount = 0;
        _buffered = 0;
    }

    private void Ensure(int extra)
    {
        if (_length + extra > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_length + extra, _buffer.Length * 2));
    }

    private void ThrowTooWide(int value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, $"value does not fit bit width {_bitWidth}");
}
