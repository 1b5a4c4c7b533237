using System.IO.Enumeration;
using System.Runtime.InteropServices;

namespace DeltaSharp.Storage;

/// <summary>
/// <see cref="IFileStore"/> over the local file system. <see cref="PutIfAbsent"/> writes a uniquely named temp file
/// in the same folder, flushes it, then publishes it with link(2), which fails with EEXIST when the target exists —
/// an atomic put-if-absent. (File.Move(overwrite: false) checks then renames, so two racers can both "win".)
/// Thread-safe; the instance holds no state.
/// </summary>
public sealed partial class LocalFileStore : IFileStore
{
    public static LocalFileStore Instance { get; } = new();

    public FileEntry? TryGetEntry(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? new FileEntry(info.FullName, info.Length, info.LastWriteTimeUtc) : null;
    }

    public IReadOnlyList<FileEntry> List(string directory)
    {
        var dir = new DirectoryInfo(directory);
        if (!dir.Exists) return [];
        var result = new List<FileEntry>();
        foreach (var f in dir.EnumerateFiles())
        {
            // Another process may delete a listed file (a put-if-absent temp file, log cleanup) before it is
            // stat'ed: a file that is gone is not part of the listing.
            try { result.Add(new FileEntry(f.FullName, f.Length, f.LastWriteTimeUtc)); }
            catch (FileNotFoundException) { }
        }
        result.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
        return result;
    }

    public IReadOnlyList<string> ListNames(string directory)
    {
        // Names come from readdir alone (no stat per file, unlike FileInfo); d_type tells folders apart.
        var options = new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false, RecurseSubdirectories = false };
        var names = new List<string>();
        try
        {
            var entries = new FileSystemEnumerable<string>(directory, static (ref FileSystemEntry e) => e.FileName.ToString(), options)
            {
                ShouldIncludePredicate = static (ref FileSystemEntry e) => !e.IsDirectory,
            };
            names.AddRange(entries);
        }
        catch (DirectoryNotFoundException)
        {
            return [];
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public byte[] ReadAll(string path) => File.ReadAllBytes(path);

    public Stream OpenRead(string path) =>
        new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16, FileOptions.RandomAccess);

    public string LocalPath(string path) => path;

    public string Combine(string directory, string relative) => Path.Combine(directory, relative);

    public bool PutIfAbsent(string path, ReadOnlySpan<byte> content)
    {
        if (File.Exists(path)) return false;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        WriteDurably(temp, content);
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                if (link(temp, path) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EEXIST) return false;
                    throw new IOException($"link('{temp}', '{path}') failed with errno {errno}");
                }
            }
            else
            {
                // Windows: MoveFileEx without REPLACE_EXISTING is atomic and fails when the target exists.
                try { File.Move(temp, path, overwrite: false); }
                catch (IOException) when (File.Exists(path)) { return false; }
                return true;
            }
            FsyncDirectory(dir);
            return true;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public void Overwrite(string path, ReadOnlySpan<byte> content)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            WriteDurably(temp, content);
            File.Move(temp, path, overwrite: true); // rename(2) replaces atomically
            FsyncDirectory(dir);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public Stream Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new DurableFileStream(path);
    }

    public Stream CreateUnflushed(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
    }

    public void FlushToDisk(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        // Each file's contents and each distinct folder (for the names). The fsyncs run concurrently: on a journaling
        // file system they share journal commits, so n files cost about one fsync of latency rather than n.
        var targets = new List<(string Path, bool IsFolder)>(paths.Count + 1);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in paths)
        {
            targets.Add((p, false));
            folders.Add(Path.GetDirectoryName(Path.GetFullPath(p))!);
        }
        if (!OperatingSystem.IsWindows()) foreach (var f in folders) targets.Add((f, true));
        if (targets.Count == 1)
        {
            Fsync(targets[0]);
            return;
        }
        Parallel.ForEach(targets, new ParallelOptions { MaxDegreeOfParallelism = Math.Min(targets.Count, 16) }, Fsync);

        static void Fsync((string Path, bool IsFolder) target)
        {
            if (target.IsFolder)
            {
                FsyncDirectory(target.Path);
                return;
            }
            using var handle = File.OpenHandle(target.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(handle);
        }
    }

    public bool PublishIfAbsent(string tempPath, string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                try { File.Move(tempPath, path, overwrite: false); }
                catch (IOException) when (File.Exists(path)) { return false; }
                return true;
            }
            if (link(tempPath, path) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == EEXIST) return false;
                throw new IOException($"link('{tempPath}', '{path}') failed with errno {errno}");
            }
            FsyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return true;
        }
        finally
        {
            if (File.Exists(tempPath)) File.Delete(tempPath);
        }
    }

    public bool Delete(string path)
    {
        if (!File.Exists(path)) return false;
        File.Delete(path);
        return true;
    }

    private static void WriteDurably(string path, ReadOnlySpan<byte> content)
    {
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        fs.Write(content);
        fs.Flush(flushToDisk: true);
    }

    private static void FsyncDirectory(string dir)
    {
        if (OperatingSystem.IsWindows()) return;
        var fd = open(dir, O_RDONLY);
        if (fd < 0) return; // best effort: some file systems refuse opening folders
        try { _ = fsync(fd); }
        finally { _ = close(fd); }
    }

    private const int EEXIST = 17;
    private const int O_RDONLY = 0;

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldpath, string newpath);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    /// <summary>A CreateNew file stream that flushes to disk when disposed.</summary>
    private sealed class DurableFileStream(string path)
        : FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)
    {
        private bool _flushed;

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_flushed)
            {
                _flushed = true;
                Flush(flushToDisk: true);
            }
            base.Dispose(disposing);
        }
    }
}
