namespace DeltaSharp.Parquet.Tests.Corruption;

/// <summary>
/// Defects the corruption tests found outside this branch's folders (so not fixed here, but reported): a case that
/// fails only because of one of them is counted and listed, not failed. Set DELTASHARP_CORRUPTION_STRICT=1 to fail
/// on them too (e.g. after the fix lands, before deleting the entry).
/// </summary>
internal static class KnownIssues
{
    public static bool Strict { get; } = Environment.GetEnvironmentVariable("DELTASHARP_CORRUPTION_STRICT") == "1";

    /// <summary>The known issue <paramref name="e"/> is an instance of, or null.</summary>
    public static string? Match(Exception e, string mutation)
    {
        if (Strict) return null;
        return null;
    }
}
