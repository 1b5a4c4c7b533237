using System.Globalization;

namespace DeltaSharp.Benchmarks;

/// <summary>Command-line options of the Parquet benchmark.</summary>
internal sealed record BenchArgs
{
    /// <summary>Rows of the claims table.</summary>
    public long Rows { get; init; } = 1_000_000;

    /// <summary>Timed runs per measure (the median is reported); one warm-up run precedes them.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Rows per generated batch handed to the writer, and per batch read back.</summary>
    public int BatchSize { get; init; } = 8192;

    /// <summary>Folder for the files written (default: the temp folder).</summary>
    public string? Directory { get; init; }

    /// <summary>Repository root (to find bench/duckdb and the DuckDB Node package).</summary>
    public string? Repo { get; init; }

    /// <summary>Where to write the raw results as JSON (optional).</summary>
    public string? JsonOut { get; init; }

    public static BenchArgs Parse(ReadOnlySpan<string> args)
    {
        var result = new BenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            result = args[i] switch
            {
                "--rows" => result with { Rows = ParseCount(value) },
                "--runs" => result with { Runs = (int)ParseCount(value) },
                "--batch" => result with { BatchSize = (int)ParseCount(value) },
                "--dir" => result with { Directory = value },
                "--repo" => result with { Repo = value },
                "--json" => result with { JsonOut = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }
        return result;
    }

    /// <summary>Parses 1000000, 1_000_000, 1M or 10m.</summary>
    private static long ParseCount(string text)
    {
        var t = text.Replace("_", "", StringComparison.Ordinal).Trim();
        long scale = 1;
        if (t.EndsWith('M') || t.EndsWith('m')) { scale = 1_000_000; t = t[..^1]; }
        else if (t.EndsWith('K') || t.EndsWith('k')) { scale = 1_000; t = t[..^1]; }
        var n = long.Parse(t, NumberStyles.None, CultureInfo.InvariantCulture) * scale;
        return n >= 1 ? n : throw new ArgumentException($"Count must be at least 1: {text}.");
    }
}
