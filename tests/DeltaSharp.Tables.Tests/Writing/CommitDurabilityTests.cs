using DeltaSharp.Storage;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Tables.Tests.Writing;

/// <summary>Data files written for a commit are flushed to disk before the commit that references them is published.</summary>
public class CommitDurabilityTests
{
    /// <summary>Records flushes and publications (and otherwise behaves as the local file system).</summary>
    private sealed class RecordingStore : IFileStore
    {
        private readonly LocalFileStore _inner = LocalFileStore.Instance;

        public List<string> Events { get; } = [];

        public void FlushToDisk(IReadOnlyList<string> paths)
        {
            Events.Add("flush " + string.Join(" ", paths.Select(Path.GetFileName).Order(StringComparer.Ordinal)));
            _inner.FlushToDisk(paths);
        }

        public bool PublishIfAbsent(string tempPath, string path)
        {
            Events.Add("publish " + Path.GetFileName(path));
            return _inner.PublishIfAbsent(tempPath, path);
        }

        public bool PutIfAbsent(string path, ReadOnlySpan<byte> content)
        {
            Events.Add("put " + Path.GetFileName(path));
            return _inner.PutIfAbsent(path, content);
        }

        public Stream CreateUnflushed(string path) => _inner.CreateUnflushed(path);
        public IReadOnlyList<string> ListNames(string directory) => _inner.ListNames(directory);
        public FileEntry? TryGetEntry(string path) => _inner.TryGetEntry(path);
        public IReadOnlyList<FileEntry> List(string directory) => _inner.List(directory);
        public byte[] ReadAll(string path) => _inner.ReadAll(path);
        public Stream OpenRead(string path) => _inner.OpenRead(path);
        public string LocalPath(string path) => _inner.LocalPath(path);
        public void Overwrite(string path, ReadOnlySpan<byte> content) => _inner.Overwrite(path, content);
        public Stream Create(string path) => _inner.Create(path);
        public bool Delete(string path) => _inner.Delete(path);
        public string Combine(string directory, string relative) => _inner.Combine(directory, relative);
    }

    [Fact]
    public void Commit_WithDataWrittenByTheTransaction_FlushesDataAndCommitTogetherBeforePublishing()
    {
        var store = new RecordingStore();
        using var table = new WriteTestTable(store);
        table.Create();
        store.Events.Clear();
        var txn = table.Latest().StartTransaction("WRITE");
        var adds = txn.WriteData([TestBatches.Build(WriteTestTable.Schema, [1L, "a"], [2L, "b"])]);
        Assert.Empty(store.Events); // nothing flushed yet: the commit does it
        txn.Commit();

        var file = Assert.Single(adds).Path;
        Assert.Equal(2, store.Events.Count);
        Assert.StartsWith("flush ", store.Events[0]);
        var flushed = store.Events[0]["flush ".Length..].Split(' ');
        Assert.Contains(file, flushed);
        Assert.Contains(flushed, f => f.StartsWith(".00000000000000000001.json.", StringComparison.Ordinal) && f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal("publish 00000000000000000001.json", store.Events[1]);
        Assert.Equal([1L, 2L], table.Latest().Scan().Build().ReadBatches().SelectMany(b => Enumerable.Range(0, b.RowCount).Select(r => (long)b.Columns[0].GetObject(r)!)).Order());
        Assert.DoesNotContain(Directory.GetFiles(table.LogDir), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Complete_OfAStandaloneWriter_FlushesItsFilesBeforeReturningThem()
    {
        var store = new RecordingStore();
        using var table = new WriteTestTable(store);
        table.Create();
        store.Events.Clear();
        using var writer = new DataFileWriter(table.Latest());
        writer.Write(TestBatches.Build(WriteTestTable.Schema, [1L, "a"]));
        Assert.Empty(store.Events);
        var adds = writer.Complete();
        Assert.Equal(["flush " + Assert.Single(adds).Path], store.Events);
        table.Latest().StartTransaction("WRITE").Add(adds).Commit();
        Assert.Equal("put 00000000000000000001.json", store.Events[^1]); // nothing left to flush: plain put-if-absent
    }
}
