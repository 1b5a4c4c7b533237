namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// BOOLEAN values with the RLE encoding (data page v2, or v1): a 4-byte little-endian length, then the RLE/bit-packed
/// hybrid with bit width 1 (Encodings.md "Run Length Encoding / Bit-Packing Hybrid", length table). Runs of equal
/// values fill directly. Resumable; not thread-safe.
/// </summary>
internal sealed class RleBooleanDecoder : IValueDecoder<bool>
{
    private const string Name = "RLE BOOLEAN";
    private const int ScratchSize = 256;

    private readonly RleBitPackedHybridDecoder _hybrid = new();
    private int _remaining;

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _remaining = Math.Max(0, valueCount);
        if (_remaining == 0 && data.Length == 0)
        {
            _hybrid.Reset(data, 1);
            return;
        }
        _hybrid.ResetLengthPrefixed(data, 1);
    }

    public int Read(Span<bool> destination)
    {
        var n = Math.Min(destination.Length, _remaining);
        Span<int> scratch = stackalloc int[ScratchSize];
        var done = 0;
        while (done < n)
        {
            var available = _hybrid.PeekRun(out var repeated, out var value);
            if (available == 0) EncodingErrors.Truncated(Name);
            var take = Math.Min(available, n - done);
            if (repeated)
            {
                destination.Slice(done, take).Fill(value != 0);
                _hybrid.Skip(take);
            }
            else
            {
                take = Math.Min(take, ScratchSize);
                var bits = scratch[..take];
                _hybrid.Read(bits);
                var dst = destination.Slice(done, take);
                for (var i = 0; i < bits.Length; i++) dst[i] = bits[i] != 0;
            }
            done += take;
        }
        _remaining -= n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (_hybrid.Skip(n) != n) EncodingErrors.Truncated(Name);
        _remaining -= n;
        return n;
    }
}
