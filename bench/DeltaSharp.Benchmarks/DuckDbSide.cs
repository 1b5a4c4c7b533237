using System.Diagnostics;
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
        var script = Path.Combine(repo, "bench", "duckdb", "parquet-bench.cjs");
        var modules = Path.Combine(repo, "tests", "tools", "duckdb", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "@duckdb", "node-api")))
            throw new InvalidOperationException($"DuckDB's Node package is missing under {modules}: run scripts/setup-tools.sh.");
        var config = new JsonObject
        {
            ["source"] = source,
            ["duckOut"] = duckOut,
            ["runs"] = runs,
            ["twoColumns"] = new JsonArray([.. twoColumns.Select(c => (JsonNode)JsonValue.Create(c))]),
        };
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(config.ToJsonString());
        psi.Environment["NODE_PATH"] = modules;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"The DuckDB side failed (exit {process.ExitCode}).");
        return Parse(output);
    }

    private static DuckDbResult Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var scans = new Dictionary<string, ScanTimes>();
        foreach (var file in root.GetProperty("scans").EnumerateObject())
            scans[file.Name] = new ScanTimes(Samples(file.Value.GetProperty("full")), Samples(file.Value.GetProperty("two")));
        var checks = new Dictionary<string, TableCheck>();
        foreach (var file in root.GetProperty("checks").EnumerateObject())
            checks[file.Name] = new TableCheck(
                file.Value.GetProperty("rows").GetInt64(),
                file.Value.GetProperty("amountSum").GetString() ?? "",
                file.Value.GetProperty("statusCount").GetInt64());
        return new DuckDbResult(
            root.GetProperty("version").GetString() ?? "?",
            root.GetProperty("rows").GetInt64(),
            root.TryGetProperty("write", out var w) ? Samples(w) : [],
            scans,
            checks);
    }

    private static Sample[] Samples(JsonElement array)
    {
        var result = new Sample[array.GetArrayLength()];
        var i = 0;
        foreach (var e in array.EnumerateArray()) result[i++] = new Sample(e.GetProperty("wall").GetDouble(), e.GetProperty("cpu").GetDouble());
        return result;
    }
}
