using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace DeltaSharp.TestSupport;

/// <summary>
/// Runs tests/tools/duckdb/duck.mjs (DuckDB through Node) — the independent Parquet engine the interop tests
/// compare against. Installs the Node package with <c>npm ci</c> on first use when node_modules is missing
/// (guarded by a machine-wide lock file so parallel test processes do not install twice). Failures throw with
/// DuckDB's stderr. Thread-safe.
/// </summary>
internal static class DuckDb
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(10);
    private static readonly object InstallGate = new();
    private static bool _installed;

    public static string ScriptPath => Path.Combine(RepoPaths.DuckDbToolsDir, "duck.mjs");

    /// <summary>Runs SQL statements in one DuckDB session (COPY … TO 'f.parquet' (FORMAT parquet, …)).</summary>
    public static void Exec(params string[] sql) => Run(["exec", .. sql]);

    /// <summary>The rows of a Parquet file in file order, one JSON object per element (corpus conventions).</summary>
    public static IReadOnlyList<string> Rows(string parquetFile, IReadOnlyList<string>? columns = null)
    {
        var args = new List<string> { "rows", parquetFile };
        if (columns is { Count: > 0 })
        {
            args.Add("--columns");
            args.Add(string.Join(',', columns));
        }
        return SplitLines(Run(args));
    }

    /// <summary>The rows of any query, one JSON object per element.</summary>
    public static IReadOnlyList<string> Query(string sql) => SplitLines(Run(["query", sql]));

    /// <summary>Column names, DuckDB types and the annotated Parquet schema of a file (see duck.mjs describe).</summary>
    public static JsonDocument Describe(string parquetFile) => JsonDocument.Parse(Run(["describe", parquetFile]));

    /// <summary>Runs a duck.mjs script (a JSON array of steps) in one DuckDB instance.</summary>
    public static void RunScript(string scriptJsonPath, TimeSpan? timeout = null) => Run(["script", scriptJsonPath], timeout);

    /// <summary>Runs duck.mjs with <paramref name="args"/> and returns its stdout; throws with stderr on failure.</summary>
    public static string Run(IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        EnsureInstalled();
        var psi = new ProcessStartInfo("node") { WorkingDirectory = RepoPaths.DuckDbToolsDir };
        psi.ArgumentList.Add(ScriptPath);
        foreach (var a in args) psi.ArgumentList.Add(a);
        var (exit, stdout, stderr) = RunProcess(psi, timeout ?? DefaultTimeout);
        if (exit != 0)
            throw new InvalidOperationException(
                $"duck.mjs {Describe(args)} failed with exit code {exit}:\n{stderr.Trim()}");
        return stdout;
    }

    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var l = line.TrimEnd('\r');
            if (l.Length > 0) lines.Add(l);
        }
        return lines;
    }

    /// <summary>Quotes a value as a DuckDB SQL string literal.</summary>
    public static string SqlString(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>Installs the Node package (npm ci) when node_modules is missing.</summary>
    public static void EnsureInstalled()
    {
        lock (InstallGate)
        {
            if (_installed) return;
            var marker = Path.Combine(RepoPaths.DuckDbToolsDir, "node_modules", "@duckdb", "node-api", "package.json");
            if (!File.Exists(marker))
            {
                using var fileLock = AcquireMachineLock();
                if (!File.Exists(marker)) NpmCi();
            }
            _installed = true;
        }
    }

    private static void NpmCi()
    {
        var (exit, stdout, stderr) = Npm("ci", "--no-audit", "--no-fund");
        if (exit != 0 && stderr.Contains("EUSAGE", StringComparison.Ordinal))
        {
            // npm ci refuses a lock file without entries for every optional platform package (e.g. when it was
            // made against a registry mirror that only carries linux-x64); npm install still honours the pinned
            // versions in package.json and the lock, and installs what this platform needs.
            (exit, stdout, stderr) = Npm("install", "--no-audit", "--no-fund");
        }
        if (exit != 0)
            throw new InvalidOperationException(
                $"npm ci / npm install in {RepoPaths.DuckDbToolsDir} failed with exit code {exit}:\n{stderr.Trim()}\n{stdout.Trim()}");
    }

    private static (int Exit, string Stdout, string Stderr) Npm(params string[] args)
    {
        var psi = new ProcessStartInfo("npm") { WorkingDirectory = RepoPaths.DuckDbToolsDir };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return RunProcess(psi, NpmTimeout);
    }

    // One lock file per tools folder in the temp dir; FileShare.None makes a second process wait here.
    private static FileStream AcquireMachineLock()
    {
        var key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(RepoPaths.DuckDbToolsDir)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"deltasharp-duckdb-npm-{key}.lock");
        var deadline = DateTime.UtcNow + NpmTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static (int Exit, string Stdout, string Stderr) RunProcess(ProcessStartInfo psi, TimeSpan timeout)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = false;
        psi.UseShellExecute = false;
        psi.StandardOutputEncoding = Encoding.UTF8;
        psi.StandardErrorEncoding = Encoding.UTF8;
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {psi.FileName}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Could not start '{psi.FileName}' ({e.Message}). The interop tests need Node.js >= 20 on PATH; run scripts/setup-tools.sh.", e);
        }
        using (process)
        {
            // Read both pipes concurrently so a full stderr buffer cannot block the child.
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new TimeoutException($"{psi.FileName} {Describe(psi.ArgumentList)} did not finish within {timeout}.");
            }
            process.WaitForExit(); // drains the async readers
            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    private static string Describe(IEnumerable<string> args)
    {
        var text = string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        return text.Length > 400 ? text[..400] + "…" : text;
    }
}
