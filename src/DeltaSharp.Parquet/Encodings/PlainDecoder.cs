using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// PLAIN decoder for fixed-width little-endian values (Encodings.md "Plain": INT32, INT64, INT96, FLOAT, DOUBLE):
/// the value bytes are copied in bulk. Resumable; not thread-safe. Assumes a little-endian machine.
/// </summary>
internal sealed class PlainDecoder<T> : IValueDecoder<T> where T : unmanaged
{
    private ReadOnlyMemory<byte> _data;
    private int _position;
    private int _remaining;

    public void Reset(ReadOnlyMemory<byte> data, int valueCount)
    {
        _data = data;
        _position = 0;
        _remaining = Math.Max(0, valueCount);
    }

    public int Read(Span<T> destination)
    {
        var n = Math.Min(destination.Length, _remaining);
        var bytes = (long)n * Unsafe.SizeOf<T>();
        if (bytes > _data.Length - _position) EncodingErrors.Truncated("PLAIN");
        MemoryMarshal.Cast<byte, T>(_data.Span.Slice(_position, (int)bytes)).CopyTo(destination);
        _position += (int)bytes;
        _remaining -= n;
        return n;
    }

    public int Skip(int count)
    {
        var n = Math.Min(Math.Max(0, count), _remaining);
        var bytes = (long)n * Unsafe.SizeOf<T>();
        if (bytes > _data.Length - _position) EncodingErrors.Truncated("PLAIN");
        _position += (int)bytes;
        _remaining -= n;
        return n;
    }

    /// <summary>Decodes a whole PLAIN block of <paramref name="count"/> values (a dictionary page).</summary>
    public static T[] DecodeAll(ReadOnlySpan<byte> data, int count)
    {
        if (count < 0) EncodingErrors.Throw($"PLAIN: negative value count {count}");
        var bytes = (long)count * Unsafe.SizeOf<T>();
        if (bytes > data.Length) EncodingErrors.Truncated("PLAIN");
        return MemoryMarshal.Cast<byte, T>(data[..(int)bytes]).ToArray();
    }
}
