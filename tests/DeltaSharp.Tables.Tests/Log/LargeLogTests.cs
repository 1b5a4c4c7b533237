using System.Diagnostics;
using System.Globalization;
using System.Text;
using DeltaSharp.Tables.Actions;
using Xunit.Abstractions;

namespace DeltaSharp.Tables.Tests.Log;

/// <summary>A 3,000-commit, ~29,000-file table with checkpoints at 1,500 and 2,990, built once per test class:
/// correctness at a size where a quadratic step or a checkpoint/JSON mix-up would show. Speed is measured by the
/// benchmark (bench/, delta-log mode); the timings printed here are only for the curious.</summary>
public sealed class LargeLogFixture : IDisposable
{
    public const int Commits = 3_000;
    public const int FilesPerCommit = 10;

    public LargeLogFixture()
    {
        Log = new TempLog();
        Directory.CreateDirectory(Log.LogDir);
        var active = new HashSet<string>();
        var checkpointAdds = new Dictionary<long, List<AddFile>>();
        var protocol = new Protocol(1, 2);
        var metadata = new DeltaSharp.Tables.Actions.Metadata("big", TempLog.SchemaString.Replace("\\\"", "\"", StringComparison.Ordinal), ["p"], new Dictionary<string, string>(), new FileFormat(), CreatedTime: 1);
        var adds = new Dictionary<string, AddFile>();
        var sb = new StringBuilder();
        for (var v = 0; v < Commits; v++)
        {
            sb.Clear();
            sb.Append("{\"commitInfo\":{\"timestamp\":").Append(1_700_000_000_000L + v).Append(",\"operation\":\"WRITE\",\"operationParameters\":{\"mode\":\"Append\"}}}\n");
            if (v == 0) sb.Append(TempLog.Protocol()).Append('\n').Append(TempLog.Metadata(partitionColumns: "\"p\"", id: "big")).Append('\n');
            for (var j = 0; j < FilesPerCommit; j++)
            {
                var p = (v % 20).ToString(CultureInfo.InvariantCulture);
                var path = $"p={p}/part-{v:D5}-{j}-c000.snappy.parquet";
                var stats = $"{{\"numRecords\":100,\"minValues\":{{\"id\":{v * 1000 + j}}},\"maxValues\":{{\"id\":{v * 1000 + j + 99}}},\"nullCount\":{{\"id\":0}}}}";
                sb.Append("{\"add\":{\"path\":\"").Append(path).Append("\",\"partitionValues\":{\"p\":\"").Append(p)
                  .Append("\"},\"size\":4096,\"modificationTime\":").Append(1_700_000_000_000L + v)
                  .Append(",\"dataChange\":true,\"stats\":\"").Append(stats.Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"}}\n");
                active.Add(path);
                adds[path] = new AddFile(path, new Dictionary<string, string?> { ["p"] = p }, 4096, 1_700_000_000_000L + v, true, stats);
            }
            if (v % 10 == 5)
            {
                // Replace two files of an older commit: removes make the replay do real reconciliation.
                for (var j = 0; j < 2; j++)
                {
                    var old = $"p={(v - 5) % 20}/part-{v - 5:D5}-{j}-c000.snappy.parquet";
                    sb.Append("{\"remove\":{\"path\":\"").Append(old).Append("\",\"deletionTimestamp\":1,\"dataChange\":true}}\n");
                    active.Remove(old);
                    adds.Remove(old);
                }
            }
            File.WriteAllText(Log.CommitPath(v), sb.ToString());
            if (v is 1_500 or 2_990) checkpointAdds[v] = [.. adds.Values];
        }
        foreach (var (version, files) in checkpointAdds)
        {
            TestCheckpointWriter.Write(
                Path.Combine(Log.LogDir, $"{version:D20}.checkpoint.parquet"),
                new DeltaAction[] { protocol, metadata }.Concat(files));
        }
        ActiveFiles = active;
        ActiveAt1500 = checkpointAdds[1_500].Select(a => a.Path).ToHashSet();
    }

    internal TempLog Log { get; }

    public HashSet<string> ActiveFiles { get; }

    public HashSet<string> ActiveAt1500 { get; }

    public void Dispose() => Log.Dispose();
}

public class LargeLogTests(LargeLogFixture fixture, ITestOutputHelper output) : IClassFixture<LargeLogFixture>
{
    private static long BestOf(int runs, Action action)
    {
        var best = long.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var w = Stopwatch.StartNew();
            action();
            best = Math.Min(best, w.ElapsedMilliseconds);
        }
        return best;
    }

    [Fact]
    public void Latest_LargeCheckpointedTable_MatchesTheSimulatedActiveSet()
    {
        var table = fixture.Log.Table();
        var latest = table.Latest();
        Assert.Equal(LargeLogFixture.Commits - 1, latest.Version);
        Assert.Equal(2_990, latest.Segment!.Checkpoint!.Version);
        Assert.Equal(fixture.ActiveFiles.Count, latest.ActiveFiles.Count);
        Assert.True(fixture.ActiveFiles.SetEquals(latest.ActiveFiles.Select(a => a.Path)));
        Assert.Equal("4", latest.ActiveFiles.First(a => a.Path.StartsWith("p=4/", StringComparison.Ordinal)).PartitionValues["p"]);

        output.WriteLine($"Latest() of {LargeLogFixture.Commits} commits / {latest.ActiveFiles.Count} files: {BestOf(3, () => table.Latest())} ms (best of 3)");
    }

    [Fact]
    public void AtVersion_UsesTheNewestCheckpointAtOrBefore()
    {
        var table = fixture.Log.Table();
        var at1503 = table.AtVersion(1_503);
        Assert.Equal(1_500, at1503.Segment!.Checkpoint!.Version);
        Assert.Equal(3, at1503.Segment.Commits.Count);
        var at1500 = table.AtVersion(1_500);
        Assert.Empty(at1500.Segment!.Commits);
        Assert.True(fixture.ActiveAt1500.SetEquals(at1500.ActiveFiles.Select(a => a.Path)));
        var at1499 = table.AtVersion(1_499);
        Assert.Null(at1499.Segment!.Checkpoint);
        Assert.Equal(1_500, at1499.Segment.Commits.Count);
        output.WriteLine($"Latest: {BestOf(3, () => table.Latest())} ms, AtVersion(1503): {BestOf(3, () => table.AtVersion(1_503))} ms");
    }

    [Fact]
    public void JsonOnlyReplay_LargeTable_MatchesCheckpointReplay()
    {
        using var jsonOnly = new TempLog();
        Directory.CreateDirectory(jsonOnly.LogDir);
        foreach (var f in Directory.GetFiles(fixture.Log.LogDir, "*.json"))
            File.Copy(f, Path.Combine(jsonOnly.LogDir, Path.GetFileName(f)));
        var table = jsonOnly.Table();
        var latest = table.Latest();
        Assert.Null(latest.Segment!.Checkpoint);
        Assert.True(fixture.ActiveFiles.SetEquals(latest.ActiveFiles.Select(a => a.Path)));
        output.WriteLine($"JSON-only replay of {LargeLogFixture.Commits} commits: {BestOf(3, () => table.Latest())} ms (best of 3)");
    }

    [Fact]
    public void History_LargeTable_LimitGivesTheNewest()
    {
        var table = fixture.Log.Table();
        var history = table.History(10);
        Assert.Equal(Enumerable.Range(LargeLogFixture.Commits - 10, 10).Reverse().Select(v => (long)v), history.Select(h => h.Version));
        Assert.All(history, h => Assert.Equal("WRITE", h.CommitInfo.Operation));
        output.WriteLine($"History(10): {BestOf(3, () => table.History(10))} ms");
    }
}
