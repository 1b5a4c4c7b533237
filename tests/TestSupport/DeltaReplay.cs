using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DeltaSharp.TestSupport;

/// <summary>
/// Runs the delta-replay oracle (shared/tools/delta-replay: an independent Delta reader in Node + DuckDB, see its
/// README) on a table version and returns its result in the corpus' expected-file format. The tool is copied from
/// shared/ into tests/tools/delta-replay-run (git-ignored; scripts/setup-tools.sh does the same) and its Node
/// package installed on first use, guarded by a machine-wide lock so parallel test processes do not install twice.
/// Thread-safe.
/// </summary>
internal static class DeltaReplay
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(10);
    private static readonly object InstallGate = new();
    private static bool _installed;

    /// <summary>Where the oracle runs: tests/tools/delta-replay-run.</summary>
    public static string ToolDir => Path.Combine(RepoPaths.RepoRoot, "tests", "tools", "delta-replay-run");

    /// <summary>The oracle's source: $DELTASHARP_DELTA_REPLAY_DIR, else shared/tools/delta-replay beside the
    /// repository (or in the nearest ancestor that has it, for nested worktrees).</summary>
    public static string SourceDir
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("DELTASHARP_DELTA_REPLAY_DIR");
            if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
            var preferred = Path.GetFullPath(Path.Combine(RepoPaths.RepoRoot, "..", "shared", "tools", "delta-replay"));
            if (Directory.Exists(preferred)) return preferred;
            for (var dir = Directory.GetParent(RepoPaths.RepoRoot)?.Parent; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "tools", "delta-replay");
                if (Directory.Exists(candidate)) return candidate;
            }
            return preferred;
        }
    }

    /// <summary>
    /// The oracle's reading of <paramref name="tableDir"/> at <paramref name="version"/> (latest when null), with
    /// every row (<paramref name="rows"/>; otherwise columnStats) and the active files (<paramref name="files"/>).
    /// A version that must not be readable (exit 2) comes back with <see cref="DeltaExpectedVersion.ExpectError"/>
    /// and its errorKind; a failure of the tool itself (exit 1) throws.
    /// </summary>
    public static DeltaExpectedVersion Read(string tableDir, long? version = null, bool rows = true, bool files = true, TimeSpan? timeout = null)
    {
        var args = new List<string> { Path.GetFullPath(tableDir) };
        if (version is { } v) args.AddRange(["--version", v.ToString(CultureInfo.InvariantCulture)]);
        else args.Add("--latest");
        if (rows) args.Add("--rows");
        if (files) args.Add("--files");
        var (exit, stdout, stderr) = Run(args, timeout);
        if (exit is 0 or 2)
        {
            try
            {
                return DeltaExpectedVersion.Parse(stdout);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidOperationException($"delta-replay {Describe(args)} printed output the harness cannot parse ({e.Message}):\n{Shorten(stdout)}\n{stderr.Trim()}", e);
            }
        }
        throw new InvalidOperationException($"delta-replay {Describe(args)} failed with exit code {exit}:\n{Shorten(stdout)}\n{stderr.Trim()}");
    }

    /// <summary>Runs <c>node replay.mjs</c> with <paramref name="args"/>; returns the exit code and both outputs.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        EnsureInstalled();
        var psi = new ProcessStartInfo("node") { WorkingDirectory = ToolDir };
        psi.ArgumentList.Add(Path.Combine(ToolDir, "replay.mjs"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        return RunProcess(psi, timeout ?? DefaultTimeout);
    }

    /// <summary>Copies the tool from <see cref="SourceDir"/> when the copy is missing or stale and installs its
    /// Node package (npm ci, else npm install) when node_modules is missing.</summary>
    public static void EnsureInstalled()
    {
        lock (InstallGate)
        {
            if (_installed) return;
            if (!File.Exists(Path.Combine(SourceDir, "replay.mjs")) && !File.Exists(Path.Combine(ToolDir, "replay.mjs")))
                throw new InvalidOperationException(
                    $"The delta-replay oracle was not found at {SourceDir}. Set DELTASHARP_DELTA_REPLAY_DIR to shared/tools/delta-replay.");
            using (AcquireMachineLock())
            {
                var changedPackage = SyncCopy();
                var marker = Path.Combine(ToolDir, "node_modules", "@duckdb", "node-api", "package.json");
                if (changedPackage || !File.Exists(marker)) NpmInstall();
            }
            _installed = true;
        }
    }

    /// <summary>Copies every top-level file of the source whose bytes differ; true when package.json or the lock
    /// file changed (node_modules must then be refreshed).</summary>
    private static bool SyncCopy()
    {
        if (!Directory.Exists(SourceDir)) return false; // an existing copy keeps working without shared/
        Directory.CreateDirectory(ToolDir);
        var packageChanged = false;
        foreach (var source in Directory.EnumerateFiles(SourceDir))
        {
            var name = Path.GetFileName(source);
            var target = Path.Combine(ToolDir, name);
            var bytes = File.ReadAllBytes(source);
            if (File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes)) continue;
            if (File.Exists(target)) File.SetAttributes(target, FileAttributes.Normal);
            File.WriteAllBytes(target, bytes); // not File.Copy: the source is read-only and the copy must stay writable
            if (name is "package.json" or "package-lock.json") packageChanged = true;
        }
        return packageChanged;
    }

    private static void NpmInstall()
    {
        var (exit, stdout, stderr) = Npm("ci", "--no-audit", "--no-fund");
        // npm ci needs lock entries for every platform binary; a registry serving only linux-x64 makes it refuse,
        // while npm install keeps the pinned versions and installs what this platform needs.
        if (exit != 0) (exit, stdout, stderr) = Npm("install", "--no-audit", "--no-fund");
        if (exit != 0)
            throw new InvalidOperationException(
                $"npm ci / npm install in {ToolDir} failed with exit code {exit} (run scripts/setup-tools.sh):\n{stderr.Trim()}\n{stdout.Trim()}");
    }

    private static (int Exit, string Stdout, string Stderr) Npm(params string[] args)
    {
        var psi = new ProcessStartInfo("npm") { WorkingDirectory = ToolDir };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return RunProcess(psi, NpmTimeout);
    }

    private static FileStream AcquireMachineLock()
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(ToolDir)))[..16];
        var path = Path.Combine(Path.GetTempPath(), $"deltasharp-delta-replay-{key}.lock");
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
                $"Could not start '{psi.FileName}' ({e.Message}). The delta-replay oracle needs Node.js >= 20 on PATH; run scripts/setup-tools.sh.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                throw new TimeoutException($"{psi.FileName} {Describe(psi.ArgumentList)} did not finish within {timeout}.");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    private static string Describe(IEnumerable<string> args)
    {
        var text = string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        return text.Length > 400 ? text[..400] + "…" : text;
    }

    private static string Shorten(string s) => s.Length <= 2000 ? s.Trim() : s[..2000] + $"… ({s.Length} chars)";
}
