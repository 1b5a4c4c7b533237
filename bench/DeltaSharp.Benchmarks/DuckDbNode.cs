using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeltaSharp.Benchmarks;

/// <summary>Runs one of the DuckDB sides under bench/duckdb in Node as a child process: the config as its one JSON
/// argument, its JSON answer read from stdout.</summary>
internal static class DuckDbNode
{
    /// <summary>Runs bench/duckdb/<paramref name="script"/> with <paramref name="config"/> and returns its stdout.</summary>
    public static string Run(string repo, string script, JsonObject config)
    {
        var path = Path.Combine(repo, "bench", "duckdb", script);
        var modules = Path.Combine(repo, "tests", "tools", "duckdb", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "@duckdb", "node-api")))
            throw new InvalidOperationException($"DuckDB's Node package is missing under {modules}: run scripts/setup-tools.sh.");
        var psi = new ProcessStartInfo("node") { RedirectStandardOutput = true, UseShellExecute = false };
        psi.ArgumentList.Add(path);
        psi.ArgumentList.Add(config.ToJsonString());
        psi.Environment["NODE_PATH"] = modules;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start node.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"The DuckDB side failed (exit {process.ExitCode}).");
        return output;
    }

    /// <summary>A JSON array of { wall, cpu } times (bench/duckdb/timing.cjs) as samples.</summary>
    public static Sample[] Samples(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => new Sample(e.GetProperty("wall").GetDouble(), e.GetProperty("cpu").GetDouble()))];
}
