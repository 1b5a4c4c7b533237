using DeltaSharp.Tables.DeletionVectors;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Tables.Tests.DeletionVectors;

public sealed class RoaringBitmapArrayTests
{
    [Fact]
    public void Contains_MatchesHashSet()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 20_000).Select(_ => (long)rng.Next(0, 300_000)).ToList();
        values.AddRange(Enumerable.Range(100_000, 9_000).Select(i => (long)i)); // a dense container
        var set = RoaringBitmapArray.Create(values);
        var reference = values.ToHashSet();
        for (long v = -5; v < 310_000; v++) Assert.Equal(reference.Contains(v), set.Contains(v));
        Assert.Equal(reference.Count, set.Cardinality);
        Assert.Equal(reference.Max(), set.Max);
    }

    [Fact]
    public void Create_NegativeIndex_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RoaringBitmapArray.Create([1, -1]));
    }

    [Fact]
    public void Union_IsSetUnion()
    {
        var a = RoaringBitmapArray.Create([1, 5, 70_000, 1L << 40]);
        var b = RoaringBitmapArray.Create([5, 6, 70_001]);
        Assert.Equal([1L, 5, 6, 70_000, 70_001, 1L << 40], a.Union(b).ToArray());
        Assert.Same(a, a.Union(RoaringBitmapArray.Empty));
    }

    [Fact]
    public void SelectLive_RandomRanges_EqualsNaiveFilter()
    {
        var gen =
            from deleted in Gen.ArrayOf(Gen.Choose(0, 140_000).Select(i => (long)i))
            from dense in Gen.Choose(0, 1)
            from first in Gen.Choose(0, 140_000)
            from count in Gen.Choose(0, 10_000)
            select (deleted: dense == 1 ? deleted.Concat(Enumerable.Range(60_000, 8_000).Select(i => (long)i)).ToArray() : deleted, first, count);
        Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var set = RoaringBitmapArray.Create(t.deleted);
            var reference = t.deleted.ToHashSet();
            var live = new int[t.count];
            var n = set.SelectLive(t.first, t.count, live);
            var expected = Enumerable.Range(0, t.count).Where(i => !reference.Contains(t.first + i)).ToArray();
            Assert.Equal(expected, live.AsSpan(0, n).ToArray());
        }).QuickCheckThrowOnFailure();
    }
}
