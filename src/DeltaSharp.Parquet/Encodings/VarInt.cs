using System.Buffers;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>ULEB128 and zigzag integers (Encodings.md, RLE note 2 and DELTA_BINARY_PACKED header).</summary>
internal static class VarInt
{
    public static uint ReadUInt32(ReadOnlySpan<byte> data, ref int position, string encoding)
    {
        uint result = 0;
        var pos = position;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if ((uint)pos >= (uint)data.Length) EncodingErrors.Throw($"{encoding}: truncated ULEB128 integer");
            var b = data[pos++];
            if (shift == 28 && b > 0x0F) EncodingErrors.Throw($"{encoding}: ULEB128 integer overflows 32 bits");
            result |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                position = pos;
                return result;
            }
        }
        EncodingErrors.Throw($"{encoding}: ULEB128 integer overflows 32 bits");
        return 0;
    }

    public static ulong ReadUInt64(ReadOnlySpan<byte> data, ref int position, string encoding)
    {
        ulong result = 0;
        var pos = position;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if ((uint)pos >= (uint)data.Length) EncodingErrors.Throw($"{encoding}: truncated ULEB128 integer");
            var b = data[pos++];
            if (shift == 63 && b > 0x01) EncodingErrors.Throw($"{encoding}: ULEB128 integer overflows 64 bits");
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                position = pos;
                return result;
            }
        }
        EncodingErrors.Throw($"{encoding}: ULEB128 integer overflows 64 bits");
        return 0;
    }

    /// <summary>Reads a ULEB128 that must fit a non-negative int.</summary>
    public static int ReadInt32NonNegative(ReadOnlySpan<byte> data, ref int position, string encoding, string what)
    {
        var v = ReadUInt32(data, ref position, encoding);
        if (v > int.MaxValue) EncodingErrors.Throw($"{encoding}: {what} {v} is out of range");
        return (int)v;
    }

    public static long ZigZagDecode(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    public static ulong ZigZagEncode(long value) => (ulong)((value << 1) ^ (value >> 63));

    /// <summary>Writes <paramref name="value"/> as ULEB128 into <paramref name="destination"/> (at least 10 bytes
    /// unless the value is known to be small); returns the bytes written.</summary>
    public static int Write(Span<byte> destination, ulong value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[i++] = (byte)value;
        return i;
    }

    public static int Write(IBufferWriter<byte> writer, ulong value)
    {
        var n = Write(writer.GetSpan(10), value);
        writer.Advance(n);
        return n;
    }
}
