using System.Globalization;

namespace DeltaSharp.Benchmarks;

/// <summary>A count given on the command line: 1000000, 1_000_000, 1M or 10k (at least 1).</summary>
internal static class CountOption
{
    public static long Parse(string text)
    {
        var t = text.Replace("_", "", StringComparison.Ordinal).Trim();
        long scale = 1;
        if (t.EndsWith('M') || t.EndsWith('m')) { scale = 1_000_000; t = t[..^1]; }
        else if (t.EndsWith('K') || t.EndsWith('k')) { scale = 1_000; t = t[..^1]; }
        var n = long.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture) * scale;
        return n >= 1 ? n : throw new ArgumentException($"Count must be at least 1: {text}.");
    }
}
