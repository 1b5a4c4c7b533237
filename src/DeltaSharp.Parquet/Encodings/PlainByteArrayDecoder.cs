using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// PLAIN BYTE_ARRAY decoder: each value is a 4-byte little-endian length then its bytes (Encodings.md "Plain").
/// Each value is validated and copied in one pass. Assumes a little-endian machine. Resumable; not thread-safe.
/// </summary>
internal sealed class PlainByteArrayDecoder : IByteArrayDecoder
{
    private const string Name = "PLAIN BYTE_ARRAY";

    private ReadOnlyMemory<byte> _data;
    private int _position;
    private int _remaining;

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _data = data;
        _position = 0;
        _remaining = Math.Max(0, valueCount);
    }

    public int Read(BinaryVector destination, int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (n == 0) return 0;
        var source = _data.Span;
        var length = destination.Length;
        destination.EnsureCapacity(length + n);
        var offsets = destination.Offsets;
        long end = offsets[length];
        var data = destination.Data;
        ref var src = ref MemoryMarshal.GetReference(source);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(data);
        var srcLimit = source.Length - 16;
        var pos = _position;
        // One pass: validate the length, keep 16 bytes of slack in the destination, copy, write the offset.
        for (var i = 0; i < n; i++)
        {
            if (source.Length - pos < 4) EncodingErrors.Truncated(Name);
            var len = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref src, pos));
            pos += 4;
            if (len > (uint)(source.Length - pos)) EncodingErrors.Throw($"{Name}: value length {len} exceeds the {source.Length - pos} bytes left in the page");
            var o = (int)end;
            end += len;
            if (end + 16 > data.Length)
            {
                if (end > Array.MaxLength - 16) EncodingErrors.TooLarge(Name);
                destination.EnsureDataCapacity((int)end + 16);
                data = destination.Data;
                dst = ref MemoryMarshal.GetArrayDataReference(data);
            }
            // Short values move as one 16-byte block when the source has room (the excess is overwritten by the
            // next value or lies past the data in use).
            if (len <= 16 && pos <= srcLimit)
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref dst, o), Unsafe.ReadUnaligned<Vector128<byte>>(ref Unsafe.Add(ref src, pos)));
            else
                Unsafe.CopyBlockUnaligned(ref Unsafe.Add(ref dst, o), ref Unsafe.Add(ref src, pos), len);
            pos += (int)len;
            offsets[length + i + 1] = (int)end;
        }
        _position = pos;
        _remaining -= n;
        destination.Length = length + n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        var source = _data.Span;
        var pos = _position;
        for (var i = 0; i < n; i++)
        {
            if (source.Length - pos < 4) EncodingErrors.Truncated(Name);
            var len = BinaryPrimitives.ReadUInt32LittleEndian(source[pos..]);
            pos += 4;
            if (len > (uint)(source.Length - pos)) EncodingErrors.Throw($"{Name}: value length {len} exceeds the {source.Length - pos} bytes left in the page");
            pos += (int)len;
        }
        _position = pos;
        _remaining -= n;
        return n;
    }

    /// <summary>Decodes a whole PLAIN dictionary page of <paramref name="count"/> byte arrays into
    /// (data, offsets[count + 1]).</summary>
    public static (byte[] Data, int[] Offsets) DecodeAll(ReadOnlySpan<byte> source, int count)
    {
        if (count < 0) EncodingErrors.Throw($"{Name}: negative value count {count}");
        // Every value takes at least its 4-byte length: bound count before allocating.
        if (count > source.Length / 4) EncodingErrors.Truncated(Name);
        var offsets = new int[count + 1];
        var pos = 0;
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            if (source.Length - pos < 4) EncodingErrors.Truncated(Name);
            var len = BinaryPrimitives.ReadUInt32LittleEndian(source[pos..]);
            pos += 4;
            if (len > (uint)(source.Length - pos)) EncodingErrors.Throw($"{Name}: value length {len} exceeds the {source.Length - pos} bytes left in the page");
            pos += (int)len;
            total += (int)len;
            offsets[i + 1] = total;
        }
        var data = new byte[total + 16];   // padding for 16-byte copies of short entries by the dictionary decoder
        pos = 0;
        for (var i = 0; i < count; i++)
        {
            var len = offsets[i + 1] - offsets[i];
            source.Slice(pos + 4, len).CopyTo(data.AsSpan(offsets[i]));
            pos += 4 + len;
        }
        return (data, offsets);
    }
}
