using System.Buffers;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// Encodes BOOLEAN values with RLE (data page v2): a 4-byte little-endian length then the RLE/bit-packed hybrid with
/// bit width 1 (Encodings.md, length table "Boolean values: Y"). Reusable after <see cref="Flush"/>. Not thread-safe.
/// </summary>
internal sealed class RleBooleanEncoder
{
    private readonly RleBitPackedHybridEncoder _hybrid = new(1);

    public void Write(bool value) => _hybrid.Write(value ? 1 : 0);

    public void Write(ReadOnlySpan<bool> values)
    {
        foreach (var v in values) _hybrid.Write(v ? 1 : 0);
    }

    /// <summary>Writes the length-prefixed block and starts over; returns the bytes written.</summary>
    public int Flush(IBufferWriter<byte> writer) => _hybrid.FlushLengthPrefixed(writer);

    /// <summary>Encodes <paramref name="values"/> in one call.</summary>
    public static int Encode(ReadOnlySpan<bool> values, IBufferWriter<byte> writer)
    {
        var encoder = new RleBooleanEncoder();
        encoder.Write(values);
        return encoder.Flush(writer);
    }
}
