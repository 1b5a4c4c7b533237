using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT encoder (Encodings.md "Byte Stream Split") for FLOAT, DOUBLE, INT32, INT64 and
/// FIXED_LEN_BYTE_ARRAY: byte k of every value goes to stream k; the K streams are concatenated. Methods return the
/// bytes written. Stateless and thread-safe.
/// </summary>
internal static class ByteStreamSplitEncoder
{
    /// <summary>Writes float, double, int or long values.</summary>
    public static int Write<T>(ReadOnlySpan<T> values, IBufferWriter<byte> writer) where T : unmanaged
    {
        var k = Unsafe.SizeOf<T>();
        var bytes = MemoryMarshal.AsBytes(values);
        var dst = writer.GetSpan(bytes.Length);
        Split(bytes, k, dst);
        writer.Advance(bytes.Length);
        return bytes.Length;
    }

    /// <summary>Writes FIXED_LEN_BYTE_ARRAY values laid out back to back (<paramref name="typeLength"/> bytes each).</summary>
    public static int WriteFixedLenByteArrays(ReadOnlySpan<byte> data, int typeLength, IBufferWriter<byte> writer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(typeLength);
        if (data.Length % typeLength != 0) throw new ArgumentException($"data length {data.Length} is not a multiple of {typeLength}", nameof(data));
        var dst = writer.GetSpan(data.Length);
        Split(data, typeLength, dst);
        writer.Advance(data.Length);
        return data.Length;
    }

    /// <summary>Writes the values at <paramref name="rowIndices"/> of <paramref name="source"/>, each
    /// <paramref name="typeLength"/> bytes long.</summary>
    public static int WriteFixedLenByteArrays(BinaryVector source, ReadOnlySpan<int> rowIndices, int typeLength, IBufferWriter<byte> writer)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(typeLength);
        var n = rowIndices.Length;
        var total = checked(n * typeLength);
        var dst = writer.GetSpan(total);
        var offsets = source.Offsets;
        var data = source.Data;
        for (var i = 0; i < n; i++)
        {
            var r = rowIndices[i];
            var start = offsets[r];
            if (offsets[r + 1] - start != typeLength)
                throw new ArgumentException($"value at row {r} has {offsets[r + 1] - start} bytes, FIXED_LEN_BYTE_ARRAY needs {typeLength}", nameof(source));
            for (var b = 0; b < typeLength; b++) dst[b * n + i] = data[start + b];
        }
        writer.Advance(total);
        return total;
    }

    private static void Split(ReadOnlySpan<byte> bytes, int k, Span<byte> destination)
    {
        var n = bytes.Length / k;
        for (var b = 0; b < k; b++)
        {
            var stream = destination.Slice(b * n, n);
            for (int i = 0, s = b; i < n; i++, s += k) stream[i] = bytes[s];
        }
    }
}
