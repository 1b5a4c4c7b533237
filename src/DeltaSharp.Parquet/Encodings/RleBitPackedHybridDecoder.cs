using System.Buffers.Binary;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// Decodes the RLE/bit-packing hybrid (Encodings.md "Run Length Encoding / Bit-Packing Hybrid", RLE = 3) used for
/// definition/repetition levels, dictionary indices and RLE booleans. Reused per page via <see cref="Reset"/>;
/// resumable between <see cref="Read"/>/<see cref="Skip"/> calls. RLE runs are filled, bit-packed runs are
/// unpacked straight from the input with word loads. Bit width 0 means every value is 0 and the data is ignored.
/// Not thread-safe.
/// </summary>
internal sealed class RleBitPackedHybridDecoder
{
    private const string Name = "RLE/bit-packed hybrid";

    private ReadOnlyMemory<byte> _data;
    private int _position;      // next run header
    private int _bitWidth;
    private int _rleRemaining;
    private int _rleValue;
    private int _packedStart;   // first byte of the current bit-packed run
    private int _packedIndex;   // values already taken from it
    private int _packedCount;   // values it holds (fewer than groups*8 if the input is cut short)

    public int BitWidth => _bitWidth;

    /// <summary>Starts decoding <paramref name="data"/> (no length prefix) with <paramref name="bitWidth"/> 0..32.</summary>
    public void Reset(ReadOnlyMemory<byte> data, int bitWidth)
    {
        if ((uint)bitWidth > 32) EncodingErrors.BadBitWidth(Name, bitWidth, 32);
        _data = data;
        _bitWidth = bitWidth;
        _position = 0;
        _rleRemaining = 0;
        _rleValue = 0;
        _packedStart = 0;
        _packedIndex = 0;
        _packedCount = 0;
    }

    /// <summary>
    /// Starts decoding a block prefixed by its 4-byte little-endian length (data page v1 levels, RLE booleans);
    /// returns the bytes the block takes including the prefix, so the caller can find what follows.
    /// </summary>
    public int ResetLengthPrefixed(ReadOnlyMemory<byte> data, int bitWidth)
    {
        var block = SliceLengthPrefixed(data, out var consumed);
        Reset(block, bitWidth);
        return consumed;
    }

    /// <summary>Returns the block after a 4-byte little-endian length; <paramref name="consumed"/> = 4 + length.</summary>
    public static ReadOnlyMemory<byte> SliceLengthPrefixed(ReadOnlyMemory<byte> data, out int consumed)
    {
        var span = data.Span;
        if (span.Length < 4) EncodingErrors.Throw($"{Name}: missing 4-byte length prefix ({span.Length} bytes available)");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(span);
        if (length > (uint)(span.Length - 4))
            EncodingErrors.Throw($"{Name}: length prefix {length} exceeds the {span.Length - 4} bytes available");
        consumed = 4 + (int)length;
        return data.Slice(4, (int)length);
    }

    /// <summary>Decodes up to <c>destination.Length</c> values; returns how many (fewer only at the end of the data).</summary>
    public int Read(Span<int> destination)
    {
        if (_bitWidth == 0)
        {
            destination.Clear();
            return destination.Length;
        }
        var span = _data.Span;
        var done = 0;
        while (done < destination.Length)
        {
            if (_rleRemaining > 0)
            {
                var n = Math.Min(_rleRemaining, destination.Length - done);
                destination.Slice(done, n).Fill(_rleValue);
                _rleRemaining -= n;
                done += n;
            }
            else if (_packedIndex < _packedCount)
            {
                var n = Math.Min(_packedCount - _packedIndex, destination.Length - done);
                BitPacking.Unpack32(span[_packedStart..], (long)_packedIndex * _bitWidth, _bitWidth, destination.Slice(done, n));
                _packedIndex += n;
                done += n;
            }
            else if (!NextRun(span))
            {
                break;
            }
        }
        return done;
    }

    /// <summary>Skips up to <paramref name="count"/> values; returns how many.</summary>
    public int Skip(int count)
    {
        if (_bitWidth == 0) return count;
        var span = _data.Span;
        var done = 0;
        while (done < count)
        {
            if (_rleRemaining > 0)
            {
                var n = Math.Min(_rleRemaining, count - done);
                _rleRemaining -= n;
                done += n;
            }
            else if (_packedIndex < _packedCount)
            {
                var n = Math.Min(_packedCount - _packedIndex, count - done);
                _packedIndex += n;
                done += n;
            }
            else if (!NextRun(span))
            {
                break;
            }
        }
        return done;
    }

    /// <summary>
    /// Values left in the current run (loading the next one if needed), 0 at the end of the data.
    /// <paramref name="isRepeated"/> tells whether they all equal <paramref name="value"/>; consumers such as the
    /// dictionary decoder fill those directly and call <see cref="Skip"/>.
    /// </summary>
    public int PeekRun(out bool isRepeated, out int value)
    {
        if (_bitWidth == 0)
        {
            isRepeated = true;
            value = 0;
            return int.MaxValue;
        }
        while (true)
        {
            if (_rleRemaining > 0)
            {
                isRepeated = true;
                value = _rleValue;
                return _rleRemaining;
            }
            if (_packedIndex < _packedCount)
            {
                isRepeated = false;
                value = 0;
                return _packedCount - _packedIndex;
            }
            if (!NextRun(_data.Span))
            {
                isRepeated = false;
                value = 0;
                return 0;
            }
        }
    }

    private bool NextRun(ReadOnlySpan<byte> span)
    {
        if (_position >= span.Length) return false;
        var header = VarInt.ReadUInt32(span, ref _position, Name);
        var runs = (int)(header >> 1);
        if (runs == 0) EncodingErrors.Throw($"{Name}: run of length 0 at byte {_position}");
        if ((header & 1) == 0)
        {
            // rle-run: count, then the value in round-up-to-next-byte(bit-width) bytes, little endian.
            var byteWidth = (_bitWidth + 7) >> 3;
            if (span.Length - _position < byteWidth) EncodingErrors.Truncated(Name);
            var value = 0u;
            for (var i = 0; i < byteWidth; i++) value |= (uint)span[_position + i] << (8 * i);
            if (_bitWidth < 32 && value >> _bitWidth != 0)
                EncodingErrors.Throw($"{Name}: repeated value {value} does not fit bit width {_bitWidth}");
            _position += byteWidth;
            _rleValue = (int)value;
            _rleRemaining = runs;
        }
        else
        {
            // bit-packed-run: groups of 8 values, bitWidth bytes per group. A last run cut short by the end of the
            // data yields the whole values it still holds.
            var bytes = (long)runs * _bitWidth;
            var available = Math.Min(bytes, span.Length - _position);
            var values = Math.Min(available * 8 / _bitWidth, (long)runs * 8);
            if (values == 0) EncodingErrors.Truncated(Name);
            _packedStart = _position;
            _packedIndex = 0;
            _packedCount = (int)Math.Min(values, int.MaxValue);
            _position += (int)available;
        }
        return true;
    }
}
