using System.Text;

namespace DeltaSharp.Compute;

/// <summary>
/// Character-level operations on UTF-8 bytes as Spark's UTF8String does them: positions and lengths count code
/// points (not bytes, not UTF-16 units). Pure ASCII input takes byte-indexed fast paths.
/// </summary>
internal static class Utf8Text
{
    /// <summary>Number of code points.</summary>
    public static int CharCount(ReadOnlySpan<byte> s)
    {
        var n = s.Length;
        foreach (var b in s)
            if ((b & 0xC0) == 0x80) n--;
        return n;
    }

    /// <summary>Byte offset of code point <paramref name="charIndex"/> (clamped to the length).</summary>
    public static int ByteOffset(ReadOnlySpan<byte> s, int charIndex)
    {
        if (charIndex <= 0) return 0;
        var chars = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if ((s[i] & 0xC0) == 0x80) continue;
            if (chars == charIndex) return i;
            chars++;
        }
        return s.Length;
    }

    /// <summary>Code points [start, end) (clamped).</summary>
    public static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> s, int start, int end)
    {
        if (end <= start) return [];
        if (System.Text.Ascii.IsValid(s))
        {
            var a = Math.Min(start, s.Length);
            var b = Math.Min(end, s.Length);
            return s[a..b];
        }
        var from = ByteOffset(s, start);
        var to = end == int.MaxValue ? s.Length : ByteOffset(s, end);
        return s[from..Math.Max(from, to)];
    }

    /// <summary>Spark's substringSQL(pos, length): 1-based, 0 is the first char, negative counts from the end.</summary>
    public static ReadOnlySpan<byte> SubstringSql(ReadOnlySpan<byte> s, int pos, int length, bool bytes)
    {
        var len = bytes ? s.Length : CharCount(s);
        long start = pos > 0 ? pos - 1 : pos < 0 ? len + pos : 0;
        var end = Math.Clamp(start + length, int.MinValue, int.MaxValue);
        start = Math.Max(start, 0);
        if (start >= end) return [];
        if (bytes) return s[(int)Math.Min(start, len)..(int)Math.Min(end, len)];
        return Slice(s, (int)start, (int)end);
    }

    /// <summary>Code points of a .NET string (surrogate pairs as one).</summary>
    public static int[] CodePoints(string s)
    {
        var list = new List<int>(s.Length);
        foreach (var r in s.EnumerateRunes()) list.Add(r.Value);
        return [.. list];
    }

    public static string FromCodePoints(IEnumerable<int> cps)
    {
        var sb = new StringBuilder();
        foreach (var cp in cps) sb.Append(char.ConvertFromUtf32(cp));
        return sb.ToString();
    }

    /// <summary>Character position (0-based) of the first occurrence of <paramref name="needle"/> at or after
    /// character <paramref name="fromChar"/>, or -1.</summary>
    public static int IndexOf(ReadOnlySpan<byte> s, ReadOnlySpan<byte> needle, int fromChar)
    {
        var from = ByteOffset(s, fromChar);
        if (from > s.Length) return -1;
        var idx = s[from..].IndexOf(needle);
        if (idx < 0) return -1;
        return CharCount(s[..(from + idx)]);
    }
}
