using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.Tests.Execution;

/// <summary>Spark's result types and output names, and the boxing of <see cref="QueryResult.ToRows"/>.</summary>
public sealed class ResultTypeTests
{
    private static readonly InMemoryTableProvider Tables = TestTables.With("t",
        TestTables.Schema(("i", DataType.Integer), ("l", DataType.Long), ("m", new DecimalType(10, 2)), ("s", DataType.String), ("d", DataType.Date), ("ts", DataType.Timestamp)),
        [1, 10L, new DecimalValue(150, 2), "a", new DateOnly(2025, 1, 2), new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc)],
        [2, 20L, new DecimalValue(275, 2), "b", new DateOnly(2025, 1, 3), new DateTime(2025, 1, 3, 0, 0, 0, DateTimeKind.Utc)]);

    [Theory]
    [InlineData("count(*)", "bigint")]
    [InlineData("sum(i)", "bigint")]
    [InlineData("sum(l)", "bigint")]
    [InlineData("sum(m)", "decimal(20,2)")]
    [InlineData("avg(i)", "double")]
    [InlineData("avg(m)", "decimal(14,6)")]
    [InlineData("min(s)", "string")]
    [InlineData("max(d)", "date")]
    [InlineData("collect_list(i)", "array<int>")]
    [InlineData("stddev(i)", "double")]
    [InlineData("approx_count_distinct(s)", "bigint")]
    public void Aggregate_HasSparksResultType(string expression, string type)
    {
        var result = Tables.Run($"SELECT {expression} FROM t");
        Assert.Equal(type, result.Schema[0].Type.SimpleString);
    }

    [Theory]
    [InlineData("row_number() OVER (ORDER BY i)", "int")]
    [InlineData("rank() OVER (ORDER BY i)", "int")]
    [InlineData("percent_rank() OVER (ORDER BY i)", "double")]
    [InlineData("lag(s) OVER (ORDER BY i)", "string")]
    [InlineData("sum(i) OVER (ORDER BY i)", "bigint")]
    public void WindowFunction_HasSparksResultType(string expression, string type)
    {
        var result = Tables.Run($"SELECT {expression} FROM t");
        Assert.Equal(type, result.Schema[0].Type.SimpleString);
    }

    [Theory]
    [InlineData("SELECT i + 1 FROM t", "(i + 1)")]
    [InlineData("SELECT count(*) FROM t", "count(1)")]
    [InlineData("SELECT COUNT(DISTINCT s) FROM t", "count(DISTINCT s)")]
    [InlineData("SELECT t.s FROM t", "s")]
    [InlineData("SELECT i <> 2 FROM t", "(NOT (i = 2))")]
    [InlineData("SELECT 'lit' FROM t", "lit")]
    [InlineData("SELECT i AS renamed FROM t", "renamed")]
    [InlineData("SELECT CAST(i AS STRING) FROM t", "CAST(i AS STRING)")]
    public void OutputColumn_IsNamedAsSparkNamesIt(string sql, string name)
    {
        Assert.Equal(name, Tables.Run(sql).Schema[0].Name);
    }

    [Fact]
    public void CountColumn_IsNotNullable()
    {
        Assert.False(Tables.Run("SELECT count(*) FROM t").Schema[0].Nullable);
    }

    [Fact]
    public void ToRows_BoxesAsValueConverter()
    {
        var row = Tables.Rows("SELECT i, l, m, s, d, ts FROM t WHERE i = 1").Single();
        Assert.Equal(1, row[0]);
        Assert.Equal(10L, row[1]);
        Assert.Equal(new DecimalValue(150, 2), row[2]);
        Assert.Equal("a", row[3]);
        Assert.Equal(new DateOnly(2025, 1, 2), row[4]);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), row[5]);
    }

    [Fact]
    public void SelectNull_HasTheVoidType()
    {
        var result = Tables.Run("SELECT NULL");
        Assert.Equal("void", result.Schema[0].Type.SimpleString);
        Assert.Null(result.Scalar());
    }
}
