namespace DeltaSharp.Storage;

/// <summary>A file in a store: its full path, size in bytes and last modification time.</summary>
public readonly record struct FileEntry(string Path, long Size, DateTimeOffset LastModified)
{
    /// <summary>The last path segment.</summary>
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>
/// All bytes the Delta layer reads or writes go through this interface (ARCHITECTURE.md: "Tables sees bytes only
/// through IFileStore"). Paths are full paths in the store's namespace (for <see cref="LocalFileStore"/>: absolute
/// local paths). Implementations are thread-safe.
/// </summary>
public interface IFileStore
{
    /// <summary>The entry for <paramref name="path"/>, or null when no file is there.</summary>
    FileEntry? TryGetEntry(string path);

    /// <summary>The files (not folders) directly inside <paramref name="directory"/>, sorted by ordinal name;
    /// empty when the folder does not exist.</summary>
    IReadOnlyList<FileEntry> List(string directory);

    /// <summary>The names (last path segments) of the files directly inside <paramref name="directory"/>, sorted by
    /// ordinal name; empty when the folder does not exist. Unlike <see cref="List"/> it gives no sizes or times, which
    /// on a local disk cost one stat call per file: use it where only the names matter.</summary>
    IReadOnlyList<string> ListNames(string directory)
    {
        var entries = List(directory);
        var names = new string[entries.Count];
        for (var i = 0; i < names.Length; i++) names[i] = entries[i].Name;
        return names;
    }

    /// <summary>The whole file. Throws <see cref="FileNotFoundException"/> when it is missing.</summary>
    byte[] ReadAll(string path);

    /// <summary>A readable, seekable stream over the file.</summary>
    Stream OpenRead(string path);

    /// <summary>A local file path for readers that need a file handle (the Parquet reader).</summary>
    string LocalPath(string path);

    /// <summary>
    /// Atomically creates <paramref name="path"/> with <paramref name="content"/> unless a file is already there.
    /// Returns false (and changes nothing) when it exists. On true the content is durable (flushed to disk) and
    /// no reader ever saw a partial file at <paramref name="path"/>. Racing callers: exactly one wins.
    /// </summary>
    bool PutIfAbsent(string path, ReadOnlySpan<byte> content);

    /// <summary>Writes the whole file durably, replacing an existing one atomically (write-temp-then-rename).</summary>
    void Overwrite(string path, ReadOnlySpan<byte> content);

    /// <summary>A new file for streaming writes (fails when it exists). Disposing flushes it to disk.</summary>
    Stream Create(string path);

    /// <summary>
    /// Atomically publishes the complete file <paramref name="tempPath"/> (written with <see cref="Create"/> or
    /// <see cref="CreateUnflushed"/> plus <see cref="FlushToDisk"/>, in the same folder as <paramref name="path"/>)
    /// under the name <paramref name="path"/>, unless a file is already there: then returns false and changes nothing
    /// at <paramref name="path"/>. On true the new name is durable. The temp file is gone afterwards either way.
    /// Racing callers: exactly one wins. Lets large files be published with put-if-absent semantics without holding
    /// them in memory.
    /// </summary>
    bool PublishIfAbsent(string tempPath, string path)
    {
        try
        {
            return PutIfAbsent(path, ReadAll(tempPath));
        }
        finally
        {
            Delete(tempPath);
        }
    }

    /// <summary>A new file for streaming writes (fails when it exists) that is NOT flushed to disk when disposed: the
    /// caller makes it durable with <see cref="FlushToDisk"/>, which can flush many files at once. Stores whose
    /// <see cref="Create"/> is the only way to write durably may return a <see cref="Create"/> stream.</summary>
    Stream CreateUnflushed(string path) => Create(path);

    /// <summary>Makes files written with <see cref="CreateUnflushed"/> durable, contents and names (their folder
    /// entries), flushing several concurrently where the store can. Returns when all are on disk.</summary>
    void FlushToDisk(IReadOnlyList<string> paths)
    {
    }

    /// <summary>Deletes the file; false when it was not there.</summary>
    bool Delete(string path);

    /// <summary>Joins a folder and a relative child path with the store's separator.</summary>
    string Combine(string directory, string relative);
}
