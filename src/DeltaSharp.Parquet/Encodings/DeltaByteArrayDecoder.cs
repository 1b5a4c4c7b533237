using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// DELTA_BYTE_ARRAY decoder (Encodings.md "Delta Strings", front coding) for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY:
/// prefix lengths as DELTA_BINARY_PACKED, then the suffixes as DELTA_LENGTH_BYTE_ARRAY; value i is the first
/// prefix[i] bytes of value i-1 followed by suffix i. A batch is validated and sized first, then copied; the last
/// value is kept between calls and pages' batches. Resumable; not thread-safe.
/// </summary>
internal sealed class DeltaByteArrayDecoder : IByteArrayDecoder
{
    private const string Name = "DELTA_BYTE_ARRAY";
    private const int BatchSize = 256;

    private readonly DeltaBinaryPackedDecoder<int> _prefixes = new();
    private readonly DeltaLengthByteArrayDecoder _suffixes = new();
    private byte[] _previous = new byte[64];
    private int _previousLength;
    private int _remaining;

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _remaining = Math.Max(0, valueCount);
        _previousLength = 0;
        if (data.Length == 0 && _remaining == 0)
        {
            _prefixes.Reset(data, 0);
            _suffixes.Reset(data, 0);
            return;
        }
        var prefixBytes = DeltaBinaryPackedDecoder<int>.MeasureLength(data.Span, out _);
        _prefixes.Reset(data[..prefixBytes], _remaining);
        _suffixes.Reset(data[prefixBytes..], _remaining);
    }

    public int Read(BinaryVector destination, int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (n == 0) return 0;
        var length = destination.Length;
        destination.EnsureCapacity(length + n);
        Span<int> prefixes = stackalloc int[BatchSize];
        Span<int> suffixes = stackalloc int[BatchSize];
        var done = 0;
        while (done < n)
        {
            var m = Math.Min(BatchSize, n - done);
            var pre = prefixes[..m];
            var suf = suffixes[..m];
            _prefixes.Read(pre);
            var suffixBytes = _suffixes.ReadRaw(suf);

            // Pass 1: check prefixes against the previous value's length, write offsets.
            var offsets = destination.Offsets;
            var slot = length + done;
            var prevLen = _previousLength;
            long end = offsets[slot];
            for (var i = 0; i < m; i++)
            {
                if ((uint)pre[i] > (uint)prevLen)
                    EncodingErrors.Throw($"{Name}: prefix length {pre[i]} exceeds the previous value's length {prevLen}");
                var len = (long)pre[i] + suf[i];
                end += len;
                if (end > Array.MaxLength) EncodingErrors.TooLarge(Name);
                prevLen = (int)len;
                offsets[slot + i + 1] = (int)end;
            }
            destination.EnsureDataCapacity((int)end);

            // Pass 2: copy prefix (from the previous value) and suffix.
            var data = destination.Data;
            var s = 0;
            for (var i = 0; i < m; i++)
            {
                var o = offsets[slot + i];
                var p = pre[i];
                if (p > 0)
                {
                    var source = i == 0 ? _previous.AsSpan(0, p) : data.AsSpan(offsets[slot + i - 1], p);
                    source.CopyTo(data.AsSpan(o));
                }
                suffixBytes.Slice(s, suf[i]).CopyTo(data.AsSpan(o + p));
                s += suf[i];
            }
            RememberLast(data.AsSpan(offsets[slot + m - 1], offsets[slot + m] - offsets[slot + m - 1]));
            done += m;
        }
        _remaining -= n;
        destination.Length = length + n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        Span<int> prefixes = stackalloc int[BatchSize];
        Span<int> suffixes = stackalloc int[BatchSize];
        var done = 0;
        while (done < n)
        {
            var m = Math.Min(BatchSize, n - done);
            var pre = prefixes[..m];
            var suf = suffixes[..m];
            _prefixes.Read(pre);
            var suffixBytes = _suffixes.ReadRaw(suf);
            var s = 0;
            // Rebuild each value in place in _previous: its prefix is already there.
            for (var i = 0; i < m; i++)
            {
                if ((uint)pre[i] > (uint)_previousLength)
                    EncodingErrors.Throw($"{Name}: prefix length {pre[i]} exceeds the previous value's length {_previousLength}");
                var wide = (long)pre[i] + suf[i];
                if (wide > Array.MaxLength) EncodingErrors.TooLarge(Name);
                var len = (int)wide;
                if (len > _previous.Length) Array.Resize(ref _previous, Math.Max(len, _previous.Length * 2));
                suffixBytes.Slice(s, suf[i]).CopyTo(_previous.AsSpan(pre[i]));
                s += suf[i];
                _previousLength = len;
            }
            done += m;
        }
        _remaining -= n;
        return n;
    }

    private void RememberLast(ReadOnlySpan<byte> value)
    {
        if (value.Length > _previous.Length) _previous = new byte[Math.Max(value.Length, _previous.Length * 2)];
        value.CopyTo(_previous);
        _previousLength = value.Length;
    }
}
