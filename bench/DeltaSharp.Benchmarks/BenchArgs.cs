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
                "--rows" => result with { Rows = CountOption.Parse(value) },
                "--runs" => result with { Runs = (int)CountOption.Parse(value) },
                "--batch" => result with { BatchSize = (int)CountOption.Parse(value) },
                "--dir" => result with { Directory = value },
                "--repo" => result with { Repo = value },
                "--json" => result with { JsonOut = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }
        return result;
    }
}
