using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Tests.Execution;

/// <summary>agg(DISTINCT …) without and with GROUP BY, on one thread and merged from parallel partial states, with
/// string keys short enough to compare inline and long ones, and NULLs; expected values computed with LINQ.</summary>
public sealed class DistinctAggregateTests
{
    private static string Key(int i) => i % 5 == 0 ? $"a-much-longer-key-than-sixteen-bytes-{i % 97}" : $"k{i % 131}";

    private static InMemoryTableProvider Table(int parts, int rowsPerPart)
    {
        var tables = new InMemoryTableProvider();
        var t = tables.CreateTable(TableIdentifier.Named("t"), TestTables.Schema(("id", DataType.Integer), ("s", DataType.String), ("g", DataType.Integer)));
        for (var p = 0; p < parts; p++)
            t.Append(Enumerable.Range(p * rowsPerPart, rowsPerPart).Select(i => new object?[] { i, i % 11 == 0 ? null : Key(i), i % 3 }));
        return tables;
    }

    private static readonly IReadOnlyList<int> Ids = Enumerable.Range(0, 12 * 900).ToList();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void CountDistinct_WithoutGroups_CountsEachNonNullValueOnce(int threads)
    {
        var result = SqlExecutor.Execute("SELECT count(DISTINCT s), count(DISTINCT id % 50), sum(DISTINCT id % 7) FROM t", Table(12, 900), TestTables.Context,
            options: new SqlExecutionOptions { MaxDegreeOfParallelism = threads });
        var expected = new object?[]
        {
            (long)Ids.Where(i => i % 11 != 0).Select(Key).Distinct().Count(),
            (long)Ids.Select(i => i % 50).Distinct().Count(),
            (long)Ids.Select(i => i % 7).Distinct().Sum(),
        };
        Assert.Equal(expected, result.ToRows().Single());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void CountDistinct_PerGroup_CountsWithinEachGroup(int threads)
    {
        var result = SqlExecutor.Execute("SELECT g, count(DISTINCT s), count(*) FROM t GROUP BY g ORDER BY g", Table(12, 900), TestTables.Context,
            options: new SqlExecutionOptions { MaxDegreeOfParallelism = threads });
        var expected = Ids.GroupBy(i => i % 3).OrderBy(g => g.Key)
            .Select(g => $"{g.Key}|{g.Where(i => i % 11 != 0).Select(Key).Distinct().Count()}|{g.Count()}");
        Assert.Equal(expected, result.ToRows().Select(r => $"{r[0]}|{r[1]}|{r[2]}"));
    }

    [Fact]
    public void CountDistinct_WhenGroupsAppearAfterTheFirstBatches_StillCountsPerGroup()
    {
        // The first parts hold group 0 only (the seen set starts argument-only), later parts other groups too.
        var tables = new InMemoryTableProvider();
        var t = tables.CreateTable(TableIdentifier.Named("t"), TestTables.Schema(("s", DataType.String), ("g", DataType.Integer)));
        t.Append(Enumerable.Range(0, 3000).Select(i => new object?[] { $"v{i % 40}", 0 }));
        t.Append(Enumerable.Range(0, 3000).Select(i => new object?[] { $"v{i % 60}", i % 2 }));
        var result = SqlExecutor.Execute("SELECT g, count(DISTINCT s) FROM t GROUP BY g ORDER BY g", tables, TestTables.Context,
            options: new SqlExecutionOptions { MaxDegreeOfParallelism = 1 });
        Assert.Equal(["0|50", "1|30"], result.ToRows().Select(r => $"{r[0]}|{r[1]}"));
    }
}
