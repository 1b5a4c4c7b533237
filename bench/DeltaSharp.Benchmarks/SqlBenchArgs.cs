using System.Globalization;

namespace DeltaSharp.Benchmarks;

/// <summary>Command-line options of the SQL benchmark (issue 4).</summary>
internal sealed record SqlBenchArgs
{
    /// <summary>Rows of the claims table.</summary>
    public long Rows { get; init; } = 10_000_000;

    /// <summary>Rows per data file of the claims table (one append per file).</summary>
    public long FileRows { get; init; } = 1_000_000;

    /// <summary>Timed runs per query and thread count (median reported) after one warm-up run.</summary>
    public int Runs { get; init; } = 5;

    /// <summary>Timed runs of each UPDATE / DELETE (each on a fresh copy of the table) after one warm-up run.</summary>
    public int DmlRuns { get; init; } = 3;

    /// <summary>Thread counts to run every query with.</summary>
    public IReadOnlyList<int> Threads { get; init; } = [1, 2];

    /// <summary>Names of the queries to run (all when empty); "dml" selects UPDATE / DELETE.</summary>
    public IReadOnlyList<string> Only { get; init; } = [];

    /// <summary>Where the generated tables are cached (default: bench/data under the repository).</summary>
    public string? Directory { get; init; }

    /// <summary>Repository root (to find bench/duckdb and the DuckDB Node package).</summary>
    public string? Repo { get; init; }

    /// <summary>Skip DuckDB (profiling our side only; no checks, no ratios).</summary>
    public bool OursOnly { get; init; }

    /// <summary>Extra queries to time on our side only (profiling), with {claims} / {members} placeholders.</summary>
    public IReadOnlyList<string> Adhoc { get; init; } = [];

    public bool Selected(string name) => Only.Count == 0 || Only.Contains(name);

    public static SqlBenchArgs Parse(ReadOnlySpan<string> args)
    {
        var result = new SqlBenchArgs();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--ours-only")
            {
                result = result with { OursOnly = true };
                continue;
            }
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            result = args[i] switch
            {
                "--rows" => result with { Rows = ParseCount(value) },
                "--file-rows" => result with { FileRows = ParseCount(value) },
                "--runs" => result with { Runs = (int)ParseCount(value) },
                "--dml-runs" => result with { DmlRuns = (int)ParseCount(value) },
                "--threads" => result with { Threads = [.. value.Split(',').Select(t => (int)ParseCount(t))] },
                "--only" => result with { Only = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--sql" => result with { Adhoc = [.. result.Adhoc, value], OursOnly = true, Only = [.. result.Only, "adhoc"] },
                "--dir" => result with { Directory = value },
                "--repo" => result with { Repo = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
            i++;
        }
        return result;
    }

    /// <summary>Parses 1000000, 1_000_000, 1M or 10k.</summary>
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
