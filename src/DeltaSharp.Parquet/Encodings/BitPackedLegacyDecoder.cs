using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// Decodes the deprecated BIT_PACKED encoding (Encodings.md "Bit-packed (Deprecated)", BIT_PACKED = 4) of data page
/// v1 levels: values back to back, most significant bit first, no length prefix (the block is
/// <see cref="ByteLength"/> bytes). Resumable; not thread-safe.
/// </summary>
internal sealed class BitPackedLegacyDecoder
{
    private const string Name = "BIT_PACKED";

    private ReadOnlyMemory<byte> _data;
    private int _bitWidth;
    private long _bitPosition;
    private long _bitLength;

    /// <summary>Bytes taken by <paramref name="valueCount"/> values of <paramref name="bitWidth"/> bits.</summary>
    public static int ByteLength(int valueCount, int bitWidth) => (int)BitPacking.ByteCount(valueCount, bitWidth);

    public void Reset(ReadOnlyMemory<byte> data, int bitWidth)
    {
        if ((uint)bitWidth > 32) EncodingErrors.BadBitWidth(Name, bitWidth, 32);
        _data = data;
        _bitWidth = bitWidth;
        _bitPosition = 0;
        _bitLength = (long)data.Length * 8;
    }

    public int Read(Span<int> destination)
    {
        if (_bitWidth == 0)
        {
            destination.Clear();
            return destination.Length;
        }
        var count = (int)Math.Min(destination.Length, (_bitLength - _bitPosition) / _bitWidth);
        var source = _data.Span;
        ref var src = ref MemoryMarshal.GetReference(source);
        var bit = _bitPosition;
        var w = _bitWidth;
        var lastSafeBit = ((long)source.Length - 8) * 8 + 7;
        var k = 0;
        // One big-endian 8-byte load per value while 8 bytes remain: (bit & 7) + width <= 39 bits.
        for (; k < count && bit <= lastSafeBit; k++, bit += w)
        {
            var word = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, (nint)(bit >> 3))));
            destination[k] = (int)((word << (int)(bit & 7)) >> (64 - w));
        }
        for (; k < count; k++, bit += w)
        {
            var v = 0;
            for (var b = 0; b < w; b++)
            {
                var p = bit + b;
                v = (v << 1) | ((source[(int)(p >> 3)] >> (7 - (int)(p & 7))) & 1);
            }
            destination[k] = v;
        }
        _bitPosition = bit;
        return count;
    }

    public int Skip(int count)
    {
        if (_bitWidth == 0) return count;
        var n = (int)Math.Min(count, (_bitLength - _bitPosition) / _bitWidth);
        _bitPosition += (long)n * _bitWidth;
        return n;
    }
}
