using System.Buffers.Binary;

namespace DeltaSharp.Tables.DeletionVectors;

/// <summary>
/// Z85 (ZeroMQ RFC 32), the Base85 variant of PROTOCOL.md "Deletion Vector Descriptor Schema": every 4 bytes
/// (big-endian) become 5 characters. Delta pads inline DVs with zero bytes to a multiple of 4 and keeps the true
/// length in sizeInBytes. A final block may also use the Rust z85 crate's padded tail (k leading '#' = k bytes
/// missing; the rest encodes the 4-k tail bytes), which a well-formed block can never start with. Thread-safe.
/// </summary>
internal static class Z85
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";

    /// <summary>Length of a Z85-encoded UUID (16 bytes).</summary>
    public const int UuidLength = 20;

    private static readonly sbyte[] Digits = BuildDigits();

    private static sbyte[] BuildDigits()
    {
        var d = new sbyte[128];
        Array.Fill(d, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++) d[Alphabet[i]] = (sbyte)i;
        return d;
    }

    /// <summary>Encodes <paramref name="data"/>, padding it with zero bytes to a multiple of 4 (as Delta does).</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var blocks = (data.Length + 3) / 4;
        return string.Create(blocks * 5, data.ToArray(), static (chars, bytes) =>
        {
            Span<byte> block = stackalloc byte[4];
            for (var b = 0; b * 4 < bytes.Length; b++)
            {
                block.Clear();
                var n = Math.Min(4, bytes.Length - b * 4);
                bytes.AsSpan(b * 4, n).CopyTo(block);
                var value = BinaryPrimitives.ReadUInt32BigEndian(block);
                for (var i = 4; i >= 0; i--)
                {
                    chars[b * 5 + i] = Alphabet[(int)(value % 85)];
                    value /= 85;
                }
            }
        });
    }

    /// <summary>
    /// Decodes <paramref name="text"/> into exactly <paramref name="length"/> bytes (the descriptor's sizeInBytes): the
    /// decoded bytes are cut to <paramref name="length"/>, which may not exceed what the text holds. Throws
    /// DeltaException DELTA_DELETION_VECTOR_CORRUPT on characters outside the alphabet, a length that is not a multiple
    /// of 5, or a block above 2^32-1 that is not a valid padded tail.
    /// </summary>
    public static byte[] Decode(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length % 5 != 0)
            throw Corrupt($"Z85 text has {text.Length} characters; it must be a multiple of 5");
        var blocks = text.Length / 5;
        var full = new byte[blocks * 4];
        var produced = 0;
        for (var b = 0; b < blocks; b++)
        {
            var chunk = text.AsSpan(b * 5, 5);
            if (b == blocks - 1 && chunk[0] == '#')
            {
                produced += DecodePaddedTail(chunk, full.AsSpan(b * 4));
                break;
            }
            ulong value = 0;
            for (var i = 0; i < 5; i++) value = value * 85 + (ulong)DigitOf(chunk[i], b * 5 + i);
            if (value > uint.MaxValue)
                throw Corrupt($"Z85 block {b} ('{chunk}') exceeds 2^32-1");
            BinaryPrimitives.WriteUInt32BigEndian(full.AsSpan(b * 4), (uint)value);
            produced += 4;
        }
        if (length < 0 || length > produced)
            throw Corrupt($"Z85 text of {text.Length} characters holds {produced} bytes but {length} are expected");
        return length == full.Length ? full : full.AsSpan(0, length).ToArray();
    }

    // The z85 crate's tail: k leading '#' (1..3) say k bytes are missing; the other 5-k digits are the big-endian
    // value of the 4-k remaining bytes. A regular block cannot start with '#' (84·85^4 > 2^32-1).
    private static int DecodePaddedTail(ReadOnlySpan<char> chunk, Span<byte> output)
    {
        var missing = 0;
        while (missing < 5 && chunk[missing] == '#') missing++;
        if (missing > 3) throw Corrupt($"Z85 tail '{chunk}' has {missing} padding characters; at most 3 are allowed");
        ulong value = 0;
        for (var i = missing; i < 5; i++) value = value * 85 + (ulong)DigitOf(chunk[i], i);
        var bytes = 4 - missing;
        if (value >> (bytes * 8) != 0) throw Corrupt($"Z85 tail '{chunk}' does not fit in {bytes} bytes");
        for (var i = bytes - 1; i >= 0; i--)
        {
            output[i] = (byte)value;
            value >>= 8;
        }
        return bytes;
    }

    private static int DigitOf(char c, int position)
    {
        var d = c < 128 ? Digits[c] : -1;
        if (d < 0) throw Corrupt($"character '{c}' at position {position} is not a Z85 digit");
        return d;
    }

    /// <summary>The 20-character Z85 form of a UUID (its 16 bytes in big-endian order, as Java's UUID).</summary>
    public static string EncodeUuid(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return Encode(bytes);
    }

    /// <summary>Decodes a 20-character Z85 UUID.</summary>
    public static Guid DecodeUuid(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != UuidLength) throw Corrupt($"a Z85 UUID has {UuidLength} characters, not {text.Length} ('{text}')");
        return new Guid(Decode(text, 16), bigEndian: true);
    }

    private static DeltaException Corrupt(string message) =>
        new("DELTA_DELETION_VECTOR_CORRUPT", message + "; the deletion vector descriptor is damaged.");
}
