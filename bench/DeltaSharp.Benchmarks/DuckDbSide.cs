using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeltaSharp.Benchmarks;

/// <summary>Timings and checks reported by bench/duckdb/parquet-bench.cjs (DuckDB, one thread).</summary>
internal sealed record DuckDbResult(
    string Version,
    long Rows,
    Sample[] Write,
    IReadOnlyDictionary<string, ScanTimes> Scans,
    IReadOnlyDictionary<string, TableCheck> Checks);

/// <summary>Full-scan and two-column-scan times of one file, in milliseconds.</summary>
internal sealed record ScanTimes(Sample[] Full, Sample[] Two);

/// <summary>Values both engines must agree on after a full scan of one file.</summary>
internal sealed record TableCheck(long Rows, string AmountSum, long StatusCount);

/// <summary>Runs the DuckDB side in Node as a child process and parses its JSON answer.</summary>
internal static class DuckDbSide
{
    public static DuckDbResult Run(string repo, string source, string duckOut, int runs, IReadOnlyList<string> twoColumns)
    {
        var config = new JsonObject
        {
            ["source"] = source,
            ["duckOut"] = duckOut,
            ["runs"] = runs,
            ["twoColumns"] = new JsonArray([.. twoColumns.Select(c => (JsonNode)JsonValue.Create(c))]),
        };
        var output = DuckDbNode.Run(repo, "parquet-bench.cjs", config);
        return Parse(output);
    }

    private static DuckDbResult Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var scans = new Dictionary<string, ScanTimes>();
        foreach (var file in root.GetProperty("scans").EnumerateObject())
            scans[file.Name] = new ScanTimes(DuckDbNode.Samples(file.Value.GetProperty("full")), DuckDbNode.Samples(file.Value.GetProperty("two")));
        var checks = new Dictionary<string, TableCheck>();
        foreach (var file in root.GetProperty("checks").EnumerateObject())
            checks[file.Name] = new TableCheck(
                file.Value.GetProperty("rows").GetInt64(),
                file.Value.GetProperty("amountSum").GetString() ?? "",
                file.Value.GetProperty("statusCount").GetInt64());
        return new DuckDbResult(
            root.GetProperty("version").GetString() ?? "?",
            root.GetProperty("rows").GetInt64(),
            root.TryGetProperty("write", out var w) ? DuckDbNode.Samples(w) : [],
            scans,
            checks);
    }
}
