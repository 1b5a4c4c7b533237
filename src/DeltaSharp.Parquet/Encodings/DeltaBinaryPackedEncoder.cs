using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// DELTA_BINARY_PACKED encoder for INT32 (<c>T = int</c>) and INT64 (<c>T = long</c>) (Encodings.md "Delta Encoding"):
/// blocks of 128 values in 4 miniblocks of 32. Deltas wrap in the type's width (INT32 deltas are 32-bit, so no
/// miniblock needs more than 32 bits). Blocks are encoded as they fill; <see cref="Flush"/> writes the header (which
/// needs the total count) and the blocks and starts over. Not thread-safe.
/// </summary>
internal sealed class DeltaBinaryPackedEncoder<T> where T : unmanaged
{
    private const int BlockSize = 128;
    private const int MiniblockCount = 4;
    private const int MiniblockSize = BlockSize / MiniblockCount;

    private readonly long[] _deltas = new long[BlockSize];
    private readonly long[] _relative = new long[MiniblockSize];
    private byte[] _blocks = new byte[1024];
    private int _length;
    private int _pending;       // deltas in _deltas
    private int _count;
    private long _first;
    private long _last;

    public DeltaBinaryPackedEncoder()
    {
        if (typeof(T) != typeof(int) && typeof(T) != typeof(long))
            throw new NotSupportedException($"DELTA_BINARY_PACKED encodes int or long, not {typeof(T).Name}");
    }

    /// <summary>Values written since the last flush.</summary>
    public int Count => _count;

    public void Write(T value)
    {
        long v = typeof(T) == typeof(int) ? Unsafe.As<T, int>(ref value) : Unsafe.As<T, long>(ref value);
        if (_count == 0)
        {
            _first = v;
        }
        else
        {
            // Wrapping subtraction (spec: overflow wraps in two's complement); INT32 deltas stay 32-bit.
            _deltas[_pending++] = typeof(T) == typeof(int) ? unchecked((int)v - (int)_last) : unchecked(v - _last);
            if (_pending == BlockSize) EncodeBlock();
        }
        _last = v;
        _count++;
    }

    public void Write(ReadOnlySpan<T> values)
    {
        foreach (var v in values) Write(v);
    }

    /// <summary>Writes the whole stream and starts over; returns the bytes written.</summary>
    public int Flush(IBufferWriter<byte> writer)
    {
        if (_pending > 0) EncodeBlock();
        Span<byte> header = stackalloc byte[40];
        var h = VarInt.Write(header, BlockSize);
        h += VarInt.Write(header[h..], MiniblockCount);
        h += VarInt.Write(header[h..], (ulong)_count);
        h += VarInt.Write(header[h..], VarInt.ZigZagEncode(_count == 0 ? 0 : _first));
        var dst = writer.GetSpan(h + _length);
        header[..h].CopyTo(dst);
        _blocks.AsSpan(0, _length).CopyTo(dst[h..]);
        writer.Advance(h + _length);
        var written = h + _length;
        _length = 0;
        _pending = 0;
        _count = 0;
        return written;
    }

    /// <summary>Encodes <paramref name="values"/> as one stream.</summary>
    public static int Encode(ReadOnlySpan<T> values, IBufferWriter<byte> writer)
    {
        var encoder = new DeltaBinaryPackedEncoder<T>();
        encoder.Write(values);
        return encoder.Flush(writer);
    }

    private void EncodeBlock()
    {
        var deltas = _deltas.AsSpan(0, _pending);
        var min = deltas[0];
        foreach (var d in deltas) min = Math.Min(min, d);
        // min delta, 4 bit widths, up to 4 miniblocks of 32 values x 64 bits.
        if (_length + 10 + MiniblockCount + MiniblockCount * MiniblockSize * 8 > _blocks.Length)
            Array.Resize(ref _blocks, _blocks.Length * 2 + MiniblockCount * MiniblockSize * 8);
        _length += VarInt.Write(_blocks.AsSpan(_length), VarInt.ZigZagEncode(min));
        var widthsAt = _length;
        _length += MiniblockCount;
        for (var m = 0; m < MiniblockCount; m++)
        {
            var start = m * MiniblockSize;
            if (start >= deltas.Length)
            {
                _blocks[widthsAt + m] = 0;     // unused miniblocks: width 0, no body
                continue;
            }
            var n = Math.Min(MiniblockSize, deltas.Length - start);
            var rel = _relative.AsSpan();
            ulong or = 0;
            for (var i = 0; i < n; i++)
            {
                var r = unchecked(deltas[start + i] - min);
                rel[i] = r;
                or |= (ulong)r;
            }
            rel[n..].Clear();           // padding values are zero
            var width = BitPacking.BitWidth(or);
            _blocks[widthsAt + m] = (byte)width;
            _length += BitPacking.Pack64(rel, width, _blocks.AsSpan(_length));
        }
        _pending = 0;
    }
}
