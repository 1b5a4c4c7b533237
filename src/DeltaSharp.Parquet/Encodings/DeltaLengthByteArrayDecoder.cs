using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// DELTA_LENGTH_BYTE_ARRAY decoder (Encodings.md "Delta-length byte array"): all lengths as one DELTA_BINARY_PACKED
/// stream, then the bytes back to back. Reset walks the length stream's blocks to find where the bytes start; lengths
/// are then decoded in batches and each batch's bytes, contiguous in the page, are copied in one block.
/// Resumable; not thread-safe.
/// </summary>
internal sealed class DeltaLengthByteArrayDecoder : IByteArrayDecoder
{
    private const string Name = "DELTA_LENGTH_BYTE_ARRAY";
    internal const int BatchSize = 256;

    private readonly DeltaBinaryPackedDecoder<int> _lengths = new();
    private ReadOnlyMemory<byte> _data;
    private int _position;      // next value's bytes
    private int _remaining;

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _remaining = Math.Max(0, valueCount);
        if (data.Length == 0 && _remaining == 0)
        {
            _lengths.Reset(data, 0);
            _data = data;
            _position = 0;
            return;
        }
        var lengthBytes = DeltaBinaryPackedDecoder<int>.MeasureLength(data.Span, out _);
        _lengths.Reset(data[..lengthBytes], _remaining);
        _data = data;
        _position = lengthBytes;
    }

    /// <summary>
    /// Decodes the next <c>lengths.Length</c> (at most the values left) lengths and returns the span holding their
    /// bytes back to back; checks each length is non-negative and that the bytes are present.
    /// </summary>
    internal ReadOnlySpan<byte> ReadRaw(Span<int> lengths)
    {
        if (lengths.Length > _remaining) EncodingErrors.Throw($"{Name}: more values requested than the page holds");
        _lengths.Read(lengths);
        long total = 0;
        foreach (var len in lengths)
        {
            if (len < 0) EncodingErrors.Throw($"{Name}: negative value length {len}");
            total += len;
        }
        if (total > _data.Length - _position)
            EncodingErrors.Throw($"{Name}: value lengths total {total} bytes but only {_data.Length - _position} remain");
        var bytes = _data.Span.Slice(_position, (int)total);
        _position += (int)total;
        _remaining -= lengths.Length;
        return bytes;
    }

    internal int Remaining => _remaining;

    public int Read(BinaryVector destination, int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (n == 0) return 0;
        var length = destination.Length;
        destination.EnsureCapacity(length + n);
        Span<int> lengths = stackalloc int[BatchSize];
        var done = 0;
        while (done < n)
        {
            var batch = lengths[..Math.Min(BatchSize, n - done)];
            var bytes = ReadRaw(batch);
            var offsets = destination.Offsets;
            var slot = length + done;
            var start = offsets[slot];
            if ((long)start + bytes.Length > Array.MaxLength) EncodingErrors.TooLarge(Name);
            destination.EnsureDataCapacity(start + bytes.Length);
            bytes.CopyTo(destination.Data.AsSpan(start));
            var o = start;
            for (var i = 0; i < batch.Length; i++)
            {
                o += batch[i];
                offsets[slot + i + 1] = o;
            }
            done += batch.Length;
        }
        destination.Length = length + n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        Span<int> lengths = stackalloc int[BatchSize];
        var done = 0;
        while (done < n)
        {
            var batch = lengths[..Math.Min(BatchSize, n - done)];
            ReadRaw(batch);
            done += batch.Length;
        }
        return n;
    }
}
