using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// BYTE_STREAM_SPLIT decoder for FLOAT, DOUBLE, INT32 and INT64 (Encodings.md "Byte Stream Split"): K = sizeof(T)
/// streams of N bytes, stream k holding byte k of every value; N is the page's value-section length / K.
/// Values are reassembled as little-endian words from the K streams. Resumable; not thread-safe.
/// </summary>
internal sealed class ByteStreamSplitDecoder<T> : IValueDecoder<T> where T : unmanaged
{
    private const string Name = "BYTE_STREAM_SPLIT";

    private ReadOnlyMemory<byte> _data;
    private int _streamLength;  // N
    private int _index;         // next value
    private int _remaining;

    public ByteStreamSplitDecoder()
    {
        if (Unsafe.SizeOf<T>() != 4 && Unsafe.SizeOf<T>() != 8)
            throw new NotSupportedException($"{Name} decodes 4- or 8-byte values, not {typeof(T).Name}");
    }

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        var k = Unsafe.SizeOf<T>();
        if (data.Length % k != 0) EncodingErrors.Throw($"{Name}: page of {data.Length} bytes is not a multiple of the {k}-byte value size");
        _data = data;
        _streamLength = data.Length / k;
        _index = 0;
        _remaining = Math.Max(0, valueCount);
    }

    public int Read(Span<T> destination)
    {
        var n = Math.Min(destination.Length, _remaining);
        if (n == 0) return 0;
        if (n > _streamLength - _index) EncodingErrors.Truncated(Name);
        var source = _data.Span;
        ref var s = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), _index);
        var stride = (nint)_streamLength;
        if (Unsafe.SizeOf<T>() == 4)
        {
            ref var d = ref Unsafe.As<T, uint>(ref MemoryMarshal.GetReference(destination));
            for (var i = 0; i < n; i++)
            {
                ref var p = ref Unsafe.Add(ref s, i);
                Unsafe.Add(ref d, i) = p
                    | (uint)Unsafe.Add(ref p, stride) << 8
                    | (uint)Unsafe.Add(ref p, 2 * stride) << 16
                    | (uint)Unsafe.Add(ref p, 3 * stride) << 24;
            }
        }
        else
        {
            ref var d = ref Unsafe.As<T, ulong>(ref MemoryMarshal.GetReference(destination));
            for (var i = 0; i < n; i++)
            {
                ref var p = ref Unsafe.Add(ref s, i);
                Unsafe.Add(ref d, i) = p
                    | (ulong)Unsafe.Add(ref p, stride) << 8
                    | (ulong)Unsafe.Add(ref p, 2 * stride) << 16
                    | (ulong)Unsafe.Add(ref p, 3 * stride) << 24
                    | (ulong)Unsafe.Add(ref p, 4 * stride) << 32
                    | (ulong)Unsafe.Add(ref p, 5 * stride) << 40
                    | (ulong)Unsafe.Add(ref p, 6 * stride) << 48
                    | (ulong)Unsafe.Add(ref p, 7 * stride) << 56;
            }
        }
        _index += n;
        _remaining -= n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        if (n > _streamLength - _index) EncodingErrors.Truncated(Name);
        _index += n;
        _remaining -= n;
        return n;
    }
}
