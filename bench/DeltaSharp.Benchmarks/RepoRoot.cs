namespace DeltaSharp.Benchmarks;

/// <summary>The repository root (the folder holding DeltaSharp.slnx) above the benchmark's binaries, for runs
/// without --repo.</summary>
internal static class RepoRoot
{
    public static string Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "DeltaSharp.slnx"))) return d.FullName;
        throw new InvalidOperationException("Cannot find the repository root (DeltaSharp.slnx); pass --repo.");
    }
}
