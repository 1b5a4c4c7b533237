namespace DeltaSharp.TestSupport;

/// <summary>Locations the tests need: the repository root (the folder holding DeltaSharp.slnx), the DuckDB tool
/// folder and the shared conformance corpus.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder that holds DeltaSharp.slnx, found by walking up from the test assembly.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>tests/tools/duckdb: package.json, package-lock.json and duck.mjs.</summary>
    public static string DuckDbToolsDir => Path.Combine(RepoRoot, "tests", "tools", "duckdb");

    /// <summary>The conformance corpus' tables folder: $DELTASHARP_CONFORMANCE_DIR, else ../shared/conformance/tables
    /// relative to the repository root (CI's fresh clone has shared/ beside it); a git worktree nested deeper
    /// finds shared/ in the nearest ancestor that has it. May not exist: callers report that as a failure.</summary>
    public static string ConformanceTablesDir
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("DELTASHARP_CONFORMANCE_DIR");
            if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
            var preferred = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "conformance", "tables"));
            if (Directory.Exists(preferred)) return preferred;
            for (var dir = Directory.GetParent(RepoRoot)?.Parent; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "conformance", "tables");
                if (Directory.Exists(candidate)) return candidate;
            }
            return preferred;
        }
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DeltaSharp.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException(
            $"Cannot find the repository root (a folder with DeltaSharp.slnx) above {AppContext.BaseDirectory}.");
    }
}
