using DeltaSharp.Storage;

namespace DeltaSharp.Tables.Tests.Log;

/// <summary>Log cleanup running while a snapshot is read: a listed file that vanishes makes the read start over
/// from a fresh listing.</summary>
public class ConcurrentCleanupTests
{
    /// <summary>Runs <paramref name="onFirstRead"/> the first time a file matching <paramref name="trigger"/> is read.</summary>
    private sealed class InterferingStore(Func<string, bool> trigger, Action onFirstRead) : IFileStore
    {
        private readonly IFileStore _inner = LocalFileStore.Instance;
        private bool _fired;

        public int Lists { get; private set; }

        public byte[] ReadAll(string path)
        {
            if (!_fired && trigger(path))
            {
                _fired = true;
                onFirstRead();
            }
            return _inner.ReadAll(path);
        }

        public IReadOnlyList<FileEntry> List(string directory)
        {
            Lists++;
            return _inner.List(directory);
        }

        public FileEntry? TryGetEntry(string path) => _inner.TryGetEntry(path);
        public Stream OpenRead(string path) => _inner.OpenRead(path);
        public string LocalPath(string path) => _inner.LocalPath(path);
        public bool PutIfAbsent(string path, ReadOnlySpan<byte> content) => _inner.PutIfAbsent(path, content);
        public void Overwrite(string path, ReadOnlySpan<byte> content) => _inner.Overwrite(path, content);
        public Stream Create(string path) => _inner.Create(path);
        public bool Delete(string path) => _inner.Delete(path);
        public string Combine(string directory, string relative) => _inner.Combine(directory, relative);
    }

    [Fact]
    public void AtVersion_CommitsCleanedUpWhileReading_RelistsAndReportsTheNewRange()
    {
        using var log = TempLog.CopyOf("basic-with-inserts-deletes-checkpoint");
        void Cleanup()
        {
            for (var v = 0; v < 10; v++) log.Delete($"{v:D20}.json");
        }
        var store = new InterferingStore(p => p.EndsWith("00000000000000000005.json", StringComparison.Ordinal), Cleanup);
        var table = DeltaTable.ForPath(log.Root, new DeltaTableOptions { FileStore = store, EnforceTimeTravelWithinDeletedFileRetention = false });
        var ex = Assert.Throws<DeltaException>(() => table.AtVersion(7));
        Assert.Equal("[DELTA_VERSION_NOT_FOUND] Cannot time travel Delta table to version 7. Available versions: [10, 13].", ex.Message);
        Assert.Equal(2, store.Lists);
    }

    [Fact]
    public void Latest_FileVanishesOnce_SecondAttemptSucceeds()
    {
        using var log = TempLog.CopyOf("simple_table");
        var moved = Path.Combine(log.Root, "moved.json");
        var commit = log.CommitPath(4);
        // The file disappears for the first read only (e.g. a replaced file on an eventually consistent store).
        var store = new InterferingStore(p => p == commit, () => File.Move(commit, moved));
        var table = DeltaTable.ForPath(log.Root, new DeltaTableOptions { FileStore = new RestoringStore(store, () => { if (File.Exists(moved)) File.Move(moved, commit); }) });
        Assert.Equal(4, table.Latest().Version);
    }

    /// <summary>Restores the moved file when the table is listed again.</summary>
    private sealed class RestoringStore(IFileStore inner, Action onList) : IFileStore
    {
        private int _lists;

        public IReadOnlyList<FileEntry> List(string directory)
        {
            if (_lists++ > 0) onList();
            return inner.List(directory);
        }

        public byte[] ReadAll(string path) => inner.ReadAll(path);
        public FileEntry? TryGetEntry(string path) => inner.TryGetEntry(path);
        public Stream OpenRead(string path) => inner.OpenRead(path);
        public string LocalPath(string path) => inner.LocalPath(path);
        public bool PutIfAbsent(string path, ReadOnlySpan<byte> content) => inner.PutIfAbsent(path, content);
        public void Overwrite(string path, ReadOnlySpan<byte> content) => inner.Overwrite(path, content);
        public Stream Create(string path) => inner.Create(path);
        public bool Delete(string path) => inner.Delete(path);
        public string Combine(string directory, string relative) => inner.Combine(directory, relative);
    }
}
