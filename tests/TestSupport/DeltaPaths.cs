namespace DeltaSharp.TestSupport;

/// <summary>Paths of add/remove actions as the Delta log writes them (PROTOCOL.md "Add File and Remove File":
/// a URI-encoded path relative to the table root, or an absolute URI).</summary>
internal static class DeltaPaths
{
    /// <summary>The decoded form used to match files: relative paths with URL escapes decoded (a '+' stays a '+'),
    /// absolute <c>file:</c> URIs as local paths.</summary>
    public static string Decode(string logPath)
    {
        ArgumentNullException.ThrowIfNull(logPath);
        if (logPath.Contains("://", StringComparison.Ordinal) || logPath.StartsWith("file:", StringComparison.Ordinal))
            return Uri.TryCreate(logPath, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : Uri.UnescapeDataString(logPath);
        return Uri.UnescapeDataString(logPath);
    }

    /// <summary>The local file a log path refers to, for a table at <paramref name="tableRoot"/>.</summary>
    public static string FullPath(string tableRoot, string logPath)
    {
        var decoded = Decode(logPath);
        return Path.IsPathRooted(decoded) ? decoded : Path.Combine(tableRoot, decoded.Replace('/', Path.DirectorySeparatorChar));
    }
}
