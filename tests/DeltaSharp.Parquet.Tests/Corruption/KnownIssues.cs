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
        // ParquetFileReader.OpenChunk checks `start + length > _fileLength - 8`, which overflows when the footer's
        // data_page_offset / dictionary_page_offset is near long.MaxValue: the check passes and RandomAccess.Read
        // throws IOException ("Invalid argument"). Fix: `start > _fileLength - 8 || length > _fileLength - 8 - start`.
        if (e is IOException && e.GetType() == typeof(IOException) && mutation.Contains("_page_offset", StringComparison.Ordinal))
            return "ParquetFileReader.OpenChunk: chunk range check overflows for offsets near long.MaxValue (IOException)";
        return null;
    }
}
