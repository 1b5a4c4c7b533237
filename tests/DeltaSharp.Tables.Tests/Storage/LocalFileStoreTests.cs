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
}
