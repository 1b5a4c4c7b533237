using DeltaSharp.Storage;

namespace DeltaSharp.Tables.Tests.Storage;

public sealed class LocalFileStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ds-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PutIfAbsent_WhenFileExists_ReturnsFalseAndKeepsContent()
    {
        var path = Path.Combine(_dir, "00000000000000000000.json");
        Assert.True(LocalFileStore.Instance.PutIfAbsent(path, "first"u8));
        Assert.False(LocalFileStore.Instance.PutIfAbsent(path, "second"u8));
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir)); // no temp file left behind
    }

    [Fact]
    public void PutIfAbsent_RacingThreads_ExactlyOneWins()
    {
        for (var round = 0; round < 50; round++)
        {
            var path = Path.Combine(_dir, $"{round:D20}.json");
            var wins = 0;
            Parallel.For(0, 8, i =>
            {
                if (LocalFileStore.Instance.PutIfAbsent(path, System.Text.Encoding.UTF8.GetBytes($"writer {i}")))
                    Interlocked.Increment(ref wins);
            });
            Assert.Equal(1, wins);
        }
    }

    [Fact]
    public void ListNames_ListsFilesOnlySortedByOrdinalNameIncludingHiddenOnes()
    {
        File.WriteAllText(Path.Combine(_dir, "b.json"), "");
        File.WriteAllText(Path.Combine(_dir, "B.json"), "");
        File.WriteAllText(Path.Combine(_dir, ".a.tmp"), "");
        Directory.CreateDirectory(Path.Combine(_dir, "_sidecars"));
        Assert.Equal([".a.tmp", "B.json", "b.json"], LocalFileStore.Instance.ListNames(_dir));
        Assert.Equal(LocalFileStore.Instance.List(_dir).Select(e => e.Name), LocalFileStore.Instance.ListNames(_dir));
        Assert.Empty(LocalFileStore.Instance.ListNames(Path.Combine(_dir, "missing")));
    }

    private string WriteTemp(string name, string content)
    {
        var temp = Path.Combine(_dir, name);
        using (var s = LocalFileStore.Instance.CreateUnflushed(temp)) s.Write(System.Text.Encoding.UTF8.GetBytes(content));
        LocalFileStore.Instance.FlushToDisk([temp]);
        return temp;
    }

    [Fact]
    public void PublishIfAbsent_PublishesTheTempFileAndRemovesIt()
    {
        var path = Path.Combine(_dir, "00000000000000000010.checkpoint.parquet");
        var temp = WriteTemp(".ckpt.tmp", "checkpoint bytes");
        Assert.True(LocalFileStore.Instance.PublishIfAbsent(temp, path));
        Assert.Equal("checkpoint bytes", File.ReadAllText(path));
        Assert.False(File.Exists(temp));
    }

    [Fact]
    public void PublishIfAbsent_WhenTargetExists_ReturnsFalseKeepsTargetAndRemovesTemp()
    {
        var path = Path.Combine(_dir, "00000000000000000010.checkpoint.parquet");
        File.WriteAllText(path, "first");
        var temp = WriteTemp(".ckpt.tmp", "second");
        Assert.False(LocalFileStore.Instance.PublishIfAbsent(temp, path));
        Assert.Equal("first", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void PublishIfAbsent_RacingThreads_ExactlyOneWinsAndNoTempIsLeft()
    {
        for (var round = 0; round < 20; round++)
        {
            var path = Path.Combine(_dir, $"{round:D20}.json");
            var temps = Enumerable.Range(0, 6).Select(i => WriteTemp($".{round}.{i}.tmp", $"writer {i}")).ToArray();
            var winners = new System.Collections.Concurrent.ConcurrentBag<int>();
            Parallel.For(0, temps.Length, i =>
            {
                if (LocalFileStore.Instance.PublishIfAbsent(temps[i], path)) winners.Add(i);
            });
            var winner = Assert.Single(winners);
            Assert.Equal($"writer {winner}", File.ReadAllText(path));
        }
        Assert.Equal(20, Directory.GetFiles(_dir).Length);
    }

    [Fact]
    public void FlushToDisk_SeveralFilesInSeveralFolders_KeepsTheirContent()
    {
        var sub = Directory.CreateDirectory(Path.Combine(_dir, "p=1")).FullName;
        var paths = new[] { Path.Combine(_dir, "a.parquet"), Path.Combine(sub, "b.parquet"), Path.Combine(sub, "c.parquet") };
        foreach (var p in paths)
            using (var s = LocalFileStore.Instance.CreateUnflushed(p)) s.Write("data"u8);
        LocalFileStore.Instance.FlushToDisk(paths);
        Assert.All(paths, p => Assert.Equal("data", File.ReadAllText(p)));
        Assert.Throws<IOException>(() => LocalFileStore.Instance.CreateUnflushed(paths[0]).Dispose()); // never overwrites
    }
}
