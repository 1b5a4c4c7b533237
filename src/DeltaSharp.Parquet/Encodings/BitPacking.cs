using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// LSB-first bit packing shared by the RLE/bit-packing hybrid, PLAIN booleans and DELTA_BINARY_PACKED miniblocks
/// (Encodings.md, RLE note 1: values packed from the least significant bit of each byte). Unpacking does one
/// unaligned 64-bit little-endian load per value while 8 bytes remain; whole groups of 8 byte-aligned values go
/// through a width-specialised unpacker (BitPacking.Groups.cs); the last bytes of the input take a byte-wise path.
/// Assumes a little-endian machine.
/// </summary>
internal static partial class BitPacking
{
    /// <summary>Bytes needed to hold <paramref name="count"/> values of <paramref name="bitWidth"/> bits.</summary>
    public static long ByteCount(long count, int bitWidth) => (count * bitWidth + 7) >> 3;

    /// <summary>Unpacks <c>destination.Length</c> values of <paramref name="bitWidth"/> (0..32) bits starting at
    /// bit <paramref name="bitOffset"/> of <paramref name="source"/>, which must hold all of their bits.</summary>
    public static void Unpack32(ReadOnlySpan<byte> source, long bitOffset, int bitWidth, Span<int> destination)
    {
        var count = destination.Length;
        if (count == 0) return;
        if (bitWidth == 0)
        {
            destination.Clear();
            return;
        }
        if ((bitOffset & 7) == 0)
        {
            var start = (int)(bitOffset >> 3);
            switch (bitWidth)
            {
                case 32:
                    MemoryMarshal.Cast<byte, int>(source.Slice(start, count * 4)).CopyTo(destination);
                    return;
                case 16:
                    var halves = MemoryMarshal.Cast<byte, ushort>(source.Slice(start, count * 2));
                    for (var i = 0; i < halves.Length; i++) destination[i] = halves[i];
                    return;
                case 8:
                    var bytes = source.Slice(start, count);
                    for (var i = 0; i < bytes.Length; i++) destination[i] = bytes[i];
                    return;
            }
        }

        var mask = (1UL << bitWidth) - 1;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var bit = bitOffset;
        var k = 0;
        // Head: up to 8 values until a byte boundary, then whole groups of 8 with the width-specialised unpacker.
        for (; k < count && k < 8 && (bit & 7) != 0; k++, bit += bitWidth) destination[k] = (int)ReadBits(source, bit, bitWidth);
        if ((bit & 7) == 0 && count - k >= 8)
        {
            var room = source.Length - 8 - (bit >> 3);
            var groups = room < bitWidth ? 0 : (int)Math.Min((count - k) / 8, room / bitWidth);
            if (groups > 0)
            {
                k += UnpackGroups32(bitWidth, ref Unsafe.Add(ref src, (nint)(bit >> 3)), ref Unsafe.Add(ref dst, k), groups);
                bit += (long)groups * 8 * bitWidth;
            }
        }
        // Values whose first byte is at most Length - 8 can be read with one 8-byte load; since
        // (bit & 7) + bitWidth <= 39 the whole value lies in that word.
        var lastSafeBit = ((long)source.Length - 8) * 8 + 7;
        var fast = lastSafeBit < bit ? k : (int)Math.Min(count, k + (lastSafeBit - bit) / bitWidth + 1);
        for (; k < fast; k++, bit += bitWidth)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, (nint)(bit >> 3)));
            Unsafe.Add(ref dst, k) = (int)((word >> (int)(bit & 7)) & mask);
        }
        for (; k < count; k++, bit += bitWidth) destination[k] = (int)ReadBits(source, bit, bitWidth);
    }

    /// <summary>Unpacks values of <paramref name="bitWidth"/> (0..64) bits; see <see cref="Unpack32"/>.</summary>
    public static void Unpack64(ReadOnlySpan<byte> source, long bitOffset, int bitWidth, Span<long> destination)
    {
        var count = destination.Length;
        if (count == 0) return;
        if (bitWidth == 0)
        {
            destination.Clear();
            return;
        }
        if (bitWidth == 64 && (bitOffset & 7) == 0)
        {
            MemoryMarshal.Cast<byte, long>(source.Slice((int)(bitOffset >> 3), count * 8)).CopyTo(destination);
            return;
        }
        var mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetReference(destination);
        var bit = bitOffset;
        var k = 0;
        if (bitWidth <= 32)
        {
            for (; k < count && k < 8 && (bit & 7) != 0; k++, bit += bitWidth) destination[k] = (long)ReadBits(source, bit, bitWidth);
            if ((bit & 7) == 0 && count - k >= 8)
            {
                var room = source.Length - 8 - (bit >> 3);
                var groups = room < bitWidth ? 0 : (int)Math.Min((count - k) / 8, room / bitWidth);
                if (groups > 0)
                {
                    k += UnpackGroups64(bitWidth, ref Unsafe.Add(ref src, (nint)(bit >> 3)), ref Unsafe.Add(ref dst, k), groups);
                    bit += (long)groups * 8 * bitWidth;
                }
            }
        }
        if (bitWidth <= 56)
        {
            var lastSafeBit = ((long)source.Length - 8) * 8 + 7;
            var fast = lastSafeBit < bit ? k : (int)Math.Min(count, k + (lastSafeBit - bit) / bitWidth + 1);
            for (; k < fast; k++, bit += bitWidth)
            {
                var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, (nint)(bit >> 3)));
                Unsafe.Add(ref dst, k) = (long)((word >> (int)(bit & 7)) & mask);
            }
        }
        else
        {
            // Up to 71 bits span 9 bytes: a second load supplies the high bits when the value crosses the word.
            var lastSafeBit = ((long)source.Length - 9) * 8 + 7;
            var fast = lastSafeBit < bit ? k : (int)Math.Min(count, k + (lastSafeBit - bit) / bitWidth + 1);
            for (; k < fast; k++, bit += bitWidth)
            {
                ref var p = ref Unsafe.Add(ref src, (nint)(bit >> 3));
                var shift = (int)(bit & 7);
                var word = Unsafe.ReadUnaligned<ulong>(ref p) >> shift;
                if (shift != 0) word |= (ulong)Unsafe.Add(ref p, 8) << (64 - shift);
                Unsafe.Add(ref dst, k) = (long)(word & mask);
            }
        }
        for (; k < count; k++, bit += bitWidth) destination[k] = (long)ReadBits(source, bit, bitWidth);
    }

    /// <summary>Reads one value byte by byte (bounds-checked); for the tail of an input.</summary>
    public static ulong ReadBits(ReadOnlySpan<byte> source, long bitOffset, int bitWidth)
    {
        if (bitWidth == 0) return 0;
        var index = (int)(bitOffset >> 3);
        var shift = (int)(bitOffset & 7);
        var value = (ulong)(source[index++] >> shift);
        var got = 8 - shift;
        while (got < bitWidth)
        {
            value |= (ulong)source[index++] << got;
            got += 8;
        }
        return bitWidth == 64 ? value : value & ((1UL << bitWidth) - 1);
    }

    /// <summary>Packs values of <paramref name="bitWidth"/> (0..32) bits LSB-first into
    /// <paramref name="destination"/>; returns the bytes written (<see cref="ByteCount"/>). Bits above the width
    /// are ignored.</summary>
    public static int Pack32(ReadOnlySpan<int> values, int bitWidth, Span<byte> destination)
    {
        if (bitWidth == 0) return 0;
        var mask = (1UL << bitWidth) - 1;
        ulong acc = 0;
        var bits = 0;
        var o = 0;
        foreach (var v in values)
        {
            acc |= ((ulong)(uint)v & mask) << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                destination[o++] = (byte)acc;
                acc >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) destination[o++] = (byte)acc;
        return o;
    }

    /// <summary>Packs values of <paramref name="bitWidth"/> (0..64) bits LSB-first; see <see cref="Pack32"/>.</summary>
    public static int Pack64(ReadOnlySpan<long> values, int bitWidth, Span<byte> destination)
    {
        if (bitWidth == 0) return 0;
        var mask = bitWidth == 64 ? ulong.MaxValue : (1UL << bitWidth) - 1;
        UInt128 acc = 0;
        var bits = 0;
        var o = 0;
        foreach (var v in values)
        {
            acc |= (UInt128)((ulong)v & mask) << bits;
            bits += bitWidth;
            while (bits >= 8)
            {
                destination[o++] = (byte)acc;
                acc >>= 8;
                bits -= 8;
            }
        }
        if (bits > 0) destination[o++] = (byte)acc;
        return o;
    }

    /// <summary>Bits needed to represent <paramref name="value"/> as unsigned (0 for 0).</summary>
    public static int BitWidth(ulong value) => 64 - System.Numerics.BitOperations.LeadingZeroCount(value);

    /// <summary>Bits needed for levels or dictionary indices up to <paramref name="maxValue"/>.</summary>
    public static int BitWidth(int maxValue) => maxValue <= 0 ? 0 : 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)maxValue);
}
