using System.Buffers;
using System.Buffers.Binary;
using DeltaSharp.Parquet.Encodings;
using Encoding = DeltaSharp.Parquet.Format.Encoding;

namespace DeltaSharp.Parquet.Writing;

/// <summary>The one place where the page writers call the value encoders.</summary>
internal static class PageValueEncoding
{
    [ThreadStatic] private static RleBitPackedHybridEncoder? t_indexEncoder;

    public static void WriteIndices(ReadOnlySpan<int> indices, int bitWidth, IBufferWriter<byte> output)
    {
        var enc = t_indexEncoder ??= new RleBitPackedHybridEncoder();
        enc.Reset(bitWidth);
        enc.Write(indices);
        enc.Flush(output);
    }

    public static void WriteFixed<T>(Encoding encoding, ReadOnlySpan<T> values, IBufferWriter<byte> output) where T : unmanaged
    {
        switch (encoding)
        {
            case Encoding.Plain:
                if (typeof(T) == typeof(bool)) PlainEncoder.WriteBooleans(System.Runtime.InteropServices.MemoryMarshal.Cast<T, bool>(values), output);
                else PlainEncoder.Write(values, output);
                break;
            case Encoding.DeltaBinaryPacked when typeof(T) == typeof(int) || typeof(T) == typeof(long):
                DeltaBinaryPackedEncoder<T>.Encode(values, output);
                break;
            case Encoding.ByteStreamSplit when typeof(T) != typeof(bool):
                ByteStreamSplitEncoder.Write(values, output);
                break;
            default:
                throw new ArgumentException($"Encoding {encoding} cannot be used for {typeof(T).Name} values.");
        }
    }

    /// <summary>Values are data[offsets[i]..offsets[i+1]]; <paramref name="fixedLength"/> &gt; 0 for FIXED_LEN_BYTE_ARRAY.</summary>
    public static void WriteByteArrays(Encoding encoding, ReadOnlySpan<byte> data, ReadOnlySpan<int> offsets, int fixedLength, IBufferWriter<byte> output)
    {
        switch (encoding)
        {
            case Encoding.Plain when fixedLength > 0:
                output.Write(data[..offsets[^1]]);
                break;
            case Encoding.Plain:
                PlainEncoder.WriteByteArrays(data, offsets, output);
                break;
            case Encoding.DeltaLengthByteArray when fixedLength == 0:
            {
                var e = new DeltaLengthByteArrayEncoder();
                e.Write(data, offsets);
                e.Flush(output);
                break;
            }
            case Encoding.DeltaByteArray:
            {
                var e = new DeltaByteArrayEncoder();
                e.Write(data, offsets);
                e.Flush(output);
                break;
            }
            case Encoding.ByteStreamSplit when fixedLength > 0:
                ByteStreamSplitEncoder.WriteFixedLenByteArrays(data[..offsets[^1]], fixedLength, output);
                break;
            default:
                throw new ArgumentException($"Encoding {encoding} cannot be used for {(fixedLength > 0 ? "FIXED_LEN_BYTE_ARRAY" : "BYTE_ARRAY")} values.");
        }
    }
}
