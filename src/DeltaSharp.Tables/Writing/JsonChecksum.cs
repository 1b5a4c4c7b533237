using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The MD5 checksum of a JSON object over its canonical form (PROTOCOL.md "JSON checksum"): every leaf as
/// <c>path=value</c> with path segments joined by '+' (names quoted and URL-encoded, array positions as numbers),
/// string values quoted and URL-encoded, pairs sorted by the UTF-8 bytes of their path and joined by ','; the
/// top-level <c>checksum</c> key is left out. Stateless.
/// </summary>
internal static class JsonChecksum
{
    public static string Compute(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray());
        return Compute(doc.RootElement);
    }

    public static string Compute(JsonElement root) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(Canonicalize(root))));

    public static string Canonicalize(JsonElement root)
    {
        var pairs = new List<(byte[] Path, string Text)>();
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in root.EnumerateObject())
                if (p.Name != "checksum") Collect(p.Value, Quote(p.Name), pairs);
        }
        else
        {
            Collect(root, "", pairs);
        }
        pairs.Sort(static (a, b) => a.Path.AsSpan().SequenceCompareTo(b.Path));
        return string.Join(',', pairs.Select(p => p.Text));
    }

    private static void Collect(JsonElement e, string path, List<(byte[], string)> pairs)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject()) Collect(p.Value, path + "+" + Quote(p.Name), pairs);
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in e.EnumerateArray()) Collect(item, path + "+" + (i++).ToString(CultureInfo.InvariantCulture), pairs);
                break;
            case JsonValueKind.String:
                pairs.Add((Encoding.UTF8.GetBytes(path), path + "=" + Quote(e.GetString()!)));
                break;
            default: // numbers and literals are their own canonical form
                pairs.Add((Encoding.UTF8.GetBytes(path), path + "=" + e.GetRawText()));
                break;
        }
    }

    private static string Quote(string s) => "\"" + UrlEncode(s) + "\"";

    /// <summary>PROTOCOL.md "How to URL encode keys and string values": UTF-8 octets, everything but
    /// A-Z a-z 0-9 - . _ ~ percent-encoded with upper-case hex.</summary>
    public static string UrlEncode(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
                sb.Append((char)b);
            else
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
