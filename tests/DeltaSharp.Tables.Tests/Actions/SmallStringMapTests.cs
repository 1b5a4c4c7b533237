using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.Tests.Actions;

public class SmallStringMapTests
{
    [Fact]
    public void Create_DuplicateKeys_LastWins_LikeAJsonObject()
    {
        var map = SmallStringMap.Create(["a", "b", "a"], ["1", null, "3"]);
        Assert.Equal(2, map.Count);
        Assert.Equal("3", map["a"]);
        Assert.True(map.TryGetValue("b", out var b));
        Assert.Null(b);
        Assert.False(map.ContainsKey("c"));
        Assert.Throws<KeyNotFoundException>(() => map["c"]);
        Assert.Equal([KeyValuePair.Create("a", (string?)"3"), KeyValuePair.Create("b", (string?)null)], map);
    }

    [Fact]
    public void Create_ManyEntries_BehavesTheSame()
    {
        var keys = Enumerable.Range(0, 40).Select(i => $"k{i % 30}").ToList();
        var values = Enumerable.Range(0, 40).Select(i => (string?)$"v{i}").ToList();
        var map = SmallStringMap.Create(keys, values);
        Assert.Equal(30, map.Count);
        Assert.Equal("v35", map["k5"]);
        Assert.Equal("v29", map["k29"]);
    }

    [Fact]
    public void Replay_AddsOfOnePartition_ShareOnePartitionValuesMap()
    {
        using var json = Log.TempLog.CopyOf("dv-partitioned-with-checkpoint");
        foreach (var f in Directory.GetFiles(json.LogDir, "*.checkpoint*")) File.Delete(f);
        using var checkpointed = Log.TempLog.CopyOf("dv-partitioned-with-checkpoint");
        foreach (var snapshot in new[] { json.Table().Latest(), checkpointed.Table().AtVersion(10) })
        {
            foreach (var group in snapshot.ActiveFiles.GroupBy(a => a.PartitionValues["part"]))
            {
                var first = group.First().PartitionValues;
                Assert.All(group, a => Assert.Same(first, a.PartitionValues));
            }
        }
    }
}
