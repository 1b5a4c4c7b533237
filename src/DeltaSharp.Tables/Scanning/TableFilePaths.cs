using DeltaSharp.Storage;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Turns a path from the log (add/remove.path, a 'p' deletion vector) into a store path. PROTOCOL.md "Add File and
/// Remove File": the path is a URI — relative to the table root and URL-encoded (`%20`, `%3A`), or absolute (e.g.
/// `file:/other/table/part-0.parquet` in a shallow clone). Thread-safe.
/// </summary>
public static class TableFilePaths
{
    /// <summary>The store path of <paramref name="logPath"/> for the table at <paramref name="tableRoot"/>. Throws
    /// DeltaException DELTA_UNSUPPORTED_FILE_SYSTEM for a URI scheme other than file.</summary>
    public static string Resolve(string tableRoot, string logPath, IFileStore store)
    {
        ArgumentNullException.ThrowIfNull(tableRoot);
        ArgumentNullException.ThrowIfNull(logPath);
        ArgumentNullException.ThrowIfNull(store);
        if (HasScheme(logPath))
        {
            if (!logPath.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
                throw new DeltaException("DELTA_UNSUPPORTED_FILE_SYSTEM",
                    $"The log references '{logPath}', which is not on the local file system; only relative paths and file: URIs can be read.");
            // file:/a/b, file:///a/b and file://host/a/b all carry the path after the authority; Uri unescapes it.
            if (Uri.TryCreate(logPath, UriKind.Absolute, out var uri) && uri.IsFile) return uri.LocalPath;
            return Uri.UnescapeDataString(logPath["file:".Length..]);
        }
        var decoded = Uri.UnescapeDataString(logPath);
        if (decoded.StartsWith('/') || Path.IsPathRooted(decoded)) return decoded;
        return store.Combine(tableRoot, decoded);
    }

    /// <summary>True for "scheme:..." where scheme is RFC 3986 (letter, then letters/digits/+-.), at least two
    /// characters so a Windows drive letter ("C:\") is not taken for one.</summary>
    private static bool HasScheme(string path)
    {
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !char.IsAsciiLetter(path[0])) return false;
        for (var i = 1; i < colon; i++)
        {
            var c = path[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.')) return false;
        }
        return true;
    }
}
