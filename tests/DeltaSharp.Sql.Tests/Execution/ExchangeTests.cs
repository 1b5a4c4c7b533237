using DeltaSharp.Columnar;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Tests.Execution;

/// <summary>The exchange runs scan parts on several threads and keeps their order.</summary>
public sealed class ExchangeTests
{
    private static readonly SqlExecutionOptions FourThreads = new() { MaxDegreeOfParallelism = 4 };

    private static InMemoryTableProvider ManyParts(int parts, int rowsPerPart)
    {
        var tables = new InMemoryTableProvider();
        var t = tables.CreateTable(TableIdentifier.Named("t"), TestTables.Schema(("id", DataType.Integer), ("g", DataType.Integer)));
        for (var p = 0; p < parts; p++)
            t.Append(Enumerable.Range(p * rowsPerPart, rowsPerPart).Select(i => new object?[] { i, i % 7 }));
        return tables;
    }

    [Fact]
    public void ParallelScan_KeepsTheSequentialOrder()
    {
        var tables = ManyParts(40, 500);
        var result = SqlExecutor.Execute("SELECT id FROM t WHERE g <> 3", tables, TestTables.Context, options: FourThreads);
        var expected = Enumerable.Range(0, 20000).Where(i => i % 7 != 3).ToArray();
        Assert.Equal(expected, result.ToRows().Select(r => (int)r[0]!));
    }

    [Fact]
    public void ParallelScan_UnderAnAggregate_GivesTheSameAnswer()
    {
        var tables = ManyParts(25, 1000);
        var result = SqlExecutor.Execute("SELECT g, count(*), sum(id) FROM t GROUP BY g ORDER BY g", tables, TestTables.Context, options: FourThreads);
        var expected = Enumerable.Range(0, 25000).GroupBy(i => i % 7).OrderBy(g => g.Key).Select(g => $"{g.Key}|{g.Count()}|{g.Sum(x => (long)x)}");
        Assert.Equal(expected, result.ToRows().Select(r => $"{r[0]}|{r[1]}|{r[2]}"));
    }

    [Fact]
    public void ParallelAggregation_MergesPartialStates_LikeASequentialRun()
    {
        var tables = ManyParts(30, 700);
        const string sql = "SELECT g, count(*), sum(id), min(id), max(id), avg(id), CAST(stddev(id) * 1000 AS BIGINT), bool_and(id > 5), count_if(id % 2 = 0) FROM t GROUP BY g ORDER BY g";
        string Run(int threads) => string.Join("\n", SqlExecutor.Execute(sql, tables, TestTables.Context, options: new SqlExecutionOptions { MaxDegreeOfParallelism = threads })
            .ToRows().Select(r => string.Join("|", r)));
        Assert.Equal(Run(1), Run(4));
        var global = SqlExecutor.Execute("SELECT count(*), sum(id), max(id) FROM t WHERE g = 2", tables, TestTables.Context, options: FourThreads).ToRows().Single();
        var ids = Enumerable.Range(0, 21000).Where(i => i % 7 == 2).ToList();
        Assert.Equal([(long)ids.Count, ids.Sum(x => (long)x), ids.Max()], global);
    }

    [Fact]
    public void ParallelScan_WithLimit_StopsEarly()
    {
        var tables = ManyParts(200, 100);
        var result = SqlExecutor.Execute("SELECT id FROM t LIMIT 5", tables, TestTables.Context, options: FourThreads);
        Assert.Equal([0, 1, 2, 3, 4], result.ToRows().Select(r => (int)r[0]!));
    }

    [Fact]
    public void FailureInAPart_ReachesTheCaller()
    {
        var tables = new FailingProvider();
        var e = Assert.Throws<Compute.ComputeException>(() =>
            SqlExecutor.Execute("SELECT count(*) FROM t", tables, TestTables.Context, options: FourThreads));
        Assert.Equal("TEST_FAILURE", e.ErrorClass);
    }

    private sealed class FailingProvider : ITableProvider
    {
        public ITableSource? FindTable(TableIdentifier name, TableVersionSpec version) => new Source();

        private sealed class Source : ITableSource
        {
            public string DisplayName => "t";
            public StructType Schema { get; } = TestTables.Schema(("id", DataType.Integer));
            public IReadOnlyList<string> PartitionColumns => [];

            public IEnumerable<ColumnBatch> Scan(IReadOnlyList<string> columns, DeltaSharp.Expressions.Expression? pushedPredicate) =>
                ScanParts(columns, pushedPredicate).SelectMany(p => p());

            public IReadOnlyList<Func<IEnumerable<ColumnBatch>>> ScanParts(IReadOnlyList<string> columns, DeltaSharp.Expressions.Expression? pushedPredicate) =>
                Enumerable.Range(0, 10).Select(i => (Func<IEnumerable<ColumnBatch>>)(() => Part(i, columns))).ToArray();

            private IEnumerable<ColumnBatch> Part(int i, IReadOnlyList<string> columns)
            {
                if (i == 6) throw new Compute.ComputeException("TEST_FAILURE", "part 6 cannot be read");
                var schema = new StructType(columns.Select(c => Schema[Schema.IndexOf(c)]));
                yield return new ColumnBatch(schema, columns.Select(_ => (ColumnVector)new PrimitiveVector<int>(DataType.Integer, 1) { Length = 1 }).ToArray(), 1);
            }
        }
    }
}
