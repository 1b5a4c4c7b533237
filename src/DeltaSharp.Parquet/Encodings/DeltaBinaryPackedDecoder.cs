using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED decoder for INT32 (<c>T = int</c>) and INT64 (<c>T = long</c>) (Encodings.md "Delta Encoding").
/// Header: block size, miniblocks per block, total count, zigzag first value; each block: zigzag min delta, one bit
/// width byte per miniblock, then the miniblocks. Deltas are unpacked straight into the destination and prefix-summed
/// with wrapping arithmetic. Unused miniblocks of the last block are never touched. Resumable; not thread-safe.
/// </summary>
internal sealed class DeltaBinaryPackedDecoder<T> : IValueDecoder<T> where T : unmanaged
{
    private const string Name = "DELTA_BINARY_PACKED";

    private ReadOnlyMemory<byte> _data;
    private int _position;              // next miniblock body or block header
    private int _valuesPerMiniblock;
    private int _miniblocksPerBlock;
    private int _totalCount;            // values in the stream (header)
    private int _remaining;             // values still to return (page value count)
    private int _produced;              // values returned so far
    private long _last;                 // last value returned (wrapping)
    private long _minDelta;
    private int _bitWidthsStart;        // bit width bytes of the current block
    private int _miniblock;             // index of the current miniblock in its block
    private int _miniblockStart;        // first byte of the current miniblock
    private int _miniblockBitWidth;
    private int _miniblockIndex;        // values already taken from the current miniblock

    public DeltaBinaryPackedDecoder()
    {
        if (typeof(T) != typeof(int) && typeof(T) != typeof(long))
            throw new NotSupportedException($"{Name} decodes int or long, not {typeof(T).Name}");
    }

    // Writers that compute INT32 deltas in 64 bits (DuckDB) emit widths up to 33; the spec's wrapping
    // arithmetic makes the low 32 bits of such deltas exact, so widths up to 64 are accepted for both types.
    private static int MaxBitWidth => 64;

    /// <summary>Values the stream's header declares.</summary>
    public int TotalValueCount => _totalCount;

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _data = data;
        _remaining = Math.Max(0, valueCount);
        _produced = 0;
        _position = 0;
        _miniblock = 0;
        _miniblocksPerBlock = 0;
        _miniblockIndex = 0;
        _valuesPerMiniblock = 0;
        _totalCount = 0;
        if (data.Length == 0 && _remaining == 0) return;
        var span = data.Span;
        var pos = 0;
        ReadHeader(span, ref pos, out var blockSize, out _miniblocksPerBlock, out _totalCount, out _last);
        _valuesPerMiniblock = blockSize / _miniblocksPerBlock;
        _position = pos;
        _miniblock = _miniblocksPerBlock - 1;   // the first miniblock needs a block header
        _miniblockIndex = _valuesPerMiniblock;
        if (typeof(T) == typeof(int)) _last = (int)_last;
    }

    private static void ReadHeader(ReadOnlySpan<byte> span, ref int pos, out int blockSize, out int miniblocks, out int totalCount, out long first)
    {
        blockSize = VarInt.ReadInt32NonNegative(span, ref pos, Name, "block size");
        miniblocks = VarInt.ReadInt32NonNegative(span, ref pos, Name, "miniblock count");
        totalCount = VarInt.ReadInt32NonNegative(span, ref pos, Name, "total value count");
        first = VarInt.ZigZagDecode(VarInt.ReadUInt64(span, ref pos, Name));
        if (blockSize == 0 || blockSize % 128 != 0) EncodingErrors.Throw($"{Name}: block size {blockSize} is not a positive multiple of 128");
        if (miniblocks == 0 || blockSize % miniblocks != 0 || blockSize / miniblocks % 32 != 0)
            EncodingErrors.Throw($"{Name}: {miniblocks} miniblocks do not divide block size {blockSize} into multiples of 32 values");
    }

    /// <summary>
    /// Walks a DELTA_BINARY_PACKED stream without decoding values and returns its length in bytes (the end of the
    /// last needed miniblock), for encodings that place data after it (DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY).
    /// </summary>
    public static int MeasureLength(ReadOnlySpan<byte> span, out int totalCount)
    {
        var pos = 0;
        ReadHeader(span, ref pos, out var blockSize, out var miniblocks, out totalCount, out _);
        var perMiniblock = blockSize / miniblocks;
        long deltas = Math.Max(0, totalCount - 1);
        while (deltas > 0)
        {
            VarInt.ReadUInt64(span, ref pos, Name);
            if (span.Length - pos < miniblocks) EncodingErrors.Truncated(Name);
            var widths = pos;
            pos += miniblocks;
            for (var m = 0; m < miniblocks && deltas > 0; m++)
            {
                int w = span[widths + m];
                if (w > MaxBitWidth) EncodingErrors.BadBitWidth(Name, w, MaxBitWidth);
                var bytes = (long)perMiniblock * w / 8;
                if (bytes > span.Length - pos) EncodingErrors.Truncated(Name);
                pos += (int)bytes;
                deltas -= Math.Min(deltas, perMiniblock);
            }
        }
        return pos;
    }

    public int Read(Span<T> destination)
    {
        var n = Math.Min(destination.Length, _remaining);
        if (n == 0) return 0;
        if (n > _totalCount - _produced)
            EncodingErrors.Throw($"{Name}: stream holds {_totalCount} values, the page needs more");
        if (typeof(T) == typeof(int)) ReadInt32(MemoryMarshal.Cast<T, int>(destination[..n]));
        else ReadInt64(MemoryMarshal.Cast<T, long>(destination[..n]));
        _remaining -= n;
        _produced += n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        // Later values depend on every delta, so skipping decodes into scratch.
        Span<T> scratch = stackalloc T[Unsafe.SizeOf<T>() == 4 ? 256 : 128];
        var done = 0;
        while (done < n) done += Read(scratch[..Math.Min(scratch.Length, n - done)]);
        return n;
    }

    private void ReadInt32(Span<int> destination)
    {
        var span = _data.Span;
        var k = 0;
        if (_produced == 0)
        {
            destination[0] = (int)_last;
            k = 1;
        }
        var last = (int)_last;
        while (k < destination.Length)
        {
            if (_miniblockIndex == _valuesPerMiniblock) NextMiniblock(span, _totalCount - (_produced + k));
            var take = Math.Min(_valuesPerMiniblock - _miniblockIndex, destination.Length - k);
            var chunk = destination.Slice(k, take);
            if (_miniblockBitWidth <= 32)
            {
                BitPacking.Unpack32(span[_miniblockStart..], (long)_miniblockIndex * _miniblockBitWidth, _miniblockBitWidth, chunk);
            }
            else
            {
                var wide = System.Buffers.ArrayPool<long>.Shared.Rent(take);
                try
                {
                    BitPacking.Unpack64(span[_miniblockStart..], (long)_miniblockIndex * _miniblockBitWidth, _miniblockBitWidth, wide.AsSpan(0, take));
                    for (var i = 0; i < take; i++) chunk[i] = unchecked((int)wide[i]);
                }
                finally
                {
                    System.Buffers.ArrayPool<long>.Shared.Return(wide);
                }
            }
            var minDelta = (int)_minDelta;
            ref var d = ref MemoryMarshal.GetReference(chunk);
            for (var i = 0; i < chunk.Length; i++)
            {
                last = unchecked(last + minDelta + Unsafe.Add(ref d, i));
                Unsafe.Add(ref d, i) = last;
            }
            _miniblockIndex += take;
            k += take;
        }
        _last = last;
    }

    private void ReadInt64(Span<long> destination)
    {
        var span = _data.Span;
        var k = 0;
        if (_produced == 0)
        {
            destination[0] = _last;
            k = 1;
        }
        var last = _last;
        while (k < destination.Length)
        {
            if (_miniblockIndex == _valuesPerMiniblock) NextMiniblock(span, _totalCount - (_produced + k));
            var take = Math.Min(_valuesPerMiniblock - _miniblockIndex, destination.Length - k);
            var chunk = destination.Slice(k, take);
            BitPacking.Unpack64(span[_miniblockStart..], (long)_miniblockIndex * _miniblockBitWidth, _miniblockBitWidth, chunk);
            var minDelta = _minDelta;
            ref var d = ref MemoryMarshal.GetReference(chunk);
            for (var i = 0; i < chunk.Length; i++)
            {
                last = unchecked(last + minDelta + Unsafe.Add(ref d, i));
                Unsafe.Add(ref d, i) = last;
            }
            _miniblockIndex += take;
            k += take;
        }
        _last = last;
    }

    /// <summary>Moves to the next miniblock (reading a block header after the last miniblock of a block) and checks
    /// that the bytes of the values the stream still holds are present; padding past them may be missing.</summary>
    private void NextMiniblock(ReadOnlySpan<byte> span, int deltasLeft)
    {
        if (_miniblock + 1 >= _miniblocksPerBlock)
        {
            var pos = _position;
            _minDelta = VarInt.ZigZagDecode(VarInt.ReadUInt64(span, ref pos, Name));
            if (typeof(T) == typeof(int)) _minDelta = (int)_minDelta;
            if (span.Length - pos < _miniblocksPerBlock) EncodingErrors.Truncated(Name);
            _bitWidthsStart = pos;
            _position = pos + _miniblocksPerBlock;
            _miniblock = 0;
        }
        else
        {
            _miniblock++;
        }
        int w = span[_bitWidthsStart + _miniblock];
        if (w > MaxBitWidth) EncodingErrors.BadBitWidth(Name, w, MaxBitWidth);
        var available = span.Length - _position;
        if (BitPacking.ByteCount(Math.Min(_valuesPerMiniblock, deltasLeft), w) > available) EncodingErrors.Truncated(Name);
        _miniblockStart = _position;
        _miniblockBitWidth = w;
        _miniblockIndex = 0;
        // The next miniblock or block header follows the full (padded) body.
        _position += (int)Math.Min((long)_valuesPerMiniblock * w / 8, available);
    }
}
