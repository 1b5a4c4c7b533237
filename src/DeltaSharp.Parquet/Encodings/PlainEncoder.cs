using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// PLAIN encoding (Encodings.md "Plain") into an <see cref="IBufferWriter{T}"/>: fixed-width values as their
/// little-endian bytes, booleans bit-packed LSB first, BYTE_ARRAY as 4-byte length + bytes, FIXED_LEN_BYTE_ARRAY as
/// the bytes. Every method returns the bytes written. Assumes a little-endian machine. Stateless and thread-safe.
/// </summary>
internal static class PlainEncoder
{
    /// <summary>Writes INT32/INT64/INT96/FLOAT/DOUBLE values (int, long, <see cref="Int96"/>, float, double).</summary>
    public static int Write<T>(ReadOnlySpan<T> values, IBufferWriter<byte> writer) where T : unmanaged
    {
        var bytes = MemoryMarshal.AsBytes(values);
        bytes.CopyTo(writer.GetSpan(bytes.Length));
        writer.Advance(bytes.Length);
        return bytes.Length;
    }

    /// <summary>Writes <c>values[rowIndices[i]]</c> for each i (for example the non-null rows).</summary>
    public static int Write<T>(ReadOnlySpan<T> values, ReadOnlySpan<int> rowIndices, IBufferWriter<byte> writer) where T : unmanaged
    {
        var size = Unsafe.SizeOf<T>();
        var total = checked(rowIndices.Length * size);
        var dst = MemoryMarshal.Cast<byte, T>(writer.GetSpan(total)[..total]);
        for (var i = 0; i < rowIndices.Length; i++) dst[i] = values[rowIndices[i]];
        writer.Advance(total);
        return total;
    }

    /// <summary>Writes booleans one bit each, LSB first, the last byte zero-padded.</summary>
    public static int WriteBooleans(ReadOnlySpan<bool> values, IBufferWriter<byte> writer)
    {
        var total = (values.Length + 7) >> 3;
        var dst = writer.GetSpan(total);
        PackBooleans(values, dst);
        writer.Advance(total);
        return total;
    }

    /// <summary>Packs bools (0/1 bytes) into LSB-first bits: 8 bools load as one word and a multiply gathers their
    /// low bits into the top byte (each partial product lands on a distinct bit, so no carries).</summary>
    internal static void PackBooleans(ReadOnlySpan<bool> values, Span<byte> destination)
    {
        ref var src = ref Unsafe.As<bool, byte>(ref MemoryMarshal.GetReference(values));
        var i = 0;
        var o = 0;
        for (; i + 8 <= values.Length; i += 8)
        {
            var word = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref src, i)) & 0x0101010101010101UL;
            destination[o++] = (byte)((word * 0x0102040810204080UL) >> 56);
        }
        if (i < values.Length)
        {
            var b = 0;
            for (var j = 0; i < values.Length; i++, j++)
                if (values[i]) b |= 1 << j;
            destination[o] = (byte)b;
        }
    }

    /// <summary>Writes byte arrays given as concatenated <paramref name="data"/> and <c>count + 1</c> offsets.</summary>
    public static int WriteByteArrays(ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, IBufferWriter<byte> writer)
    {
        if (offsets.Length == 0) return 0;
        var count = offsets.Length - 1;
        var total = checked(offsets[count] - offsets[0] + 4L * count);
        var dst = writer.GetSpan(checked((int)total));
        var o = 0;
        for (var i = 0; i < count; i++)
        {
            var start = offsets[i];
            var len = offsets[i + 1] - start;
            BinaryPrimitives.WriteInt32LittleEndian(dst[o..], len);
            data.Slice(start, len).CopyTo(dst[(o + 4)..]);
            o += 4 + len;
        }
        writer.Advance(o);
        return o;
    }

    /// <summary>Writes the values at <paramref name="rowIndices"/> of <paramref name="source"/>.</summary>
    public static int WriteByteArrays(BinaryVector source, ReadOnlySpan<int> rowIndices, IBufferWriter<byte> writer)
    {
        var offsets = source.Offsets;
        long total = 4L * rowIndices.Length;
        foreach (var r in rowIndices) total += offsets[r + 1] - offsets[r];
        var dst = writer.GetSpan(checked((int)total));
        var data = source.Data;
        var o = 0;
        foreach (var r in rowIndices)
        {
            var start = offsets[r];
            var len = offsets[r + 1] - start;
            BinaryPrimitives.WriteInt32LittleEndian(dst[o..], len);
            data.AsSpan(start, len).CopyTo(dst[(o + 4)..]);
            o += 4 + len;
        }
        writer.Advance(o);
        return o;
    }

    /// <summary>Writes FIXED_LEN_BYTE_ARRAY values already laid out back to back.</summary>
    public static int WriteFixedLenByteArrays(ReadOnlySpan<byte> data, int typeLength, IBufferWriter<byte> writer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(typeLength);
        if (data.Length % typeLength != 0) throw new ArgumentException($"data length {data.Length} is not a multiple of {typeLength}", nameof(data));
        data.CopyTo(writer.GetSpan(data.Length));
        writer.Advance(data.Length);
        return data.Length;
    }

    /// <summary>Writes the values at <paramref name="rowIndices"/> of <paramref name="source"/>, each of which must be
    /// <paramref name="typeLength"/> bytes long.</summary>
    public static int WriteFixedLenByteArrays(BinaryVector source, ReadOnlySpan<int> rowIndices, int typeLength, IBufferWriter<byte> writer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(typeLength);
        var total = checked(rowIndices.Length * typeLength);
        var dst = writer.GetSpan(total);
        var offsets = source.Offsets;
        var data = source.Data;
        var o = 0;
        foreach (var r in rowIndices)
        {
            var start = offsets[r];
            if (offsets[r + 1] - start != typeLength)
                throw new ArgumentException($"value at row {r} has {offsets[r + 1] - start} bytes, FIXED_LEN_BYTE_ARRAY needs {typeLength}", nameof(source));
            data.AsSpan(start, typeLength).CopyTo(dst[o..]);
            o += typeLength;
        }
        writer.Advance(o);
        return o;
    }
}
