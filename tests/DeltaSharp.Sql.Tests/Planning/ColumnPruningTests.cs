using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Tests.Planning;

public sealed class ColumnPruningTests
{
    private static (InMemoryTableProvider Tables, InMemoryTable T) Setup()
    {
        var tables = new InMemoryTableProvider();
        var t = tables.CreateTable("t", TestTables.Schema(("a", DataType.Integer), ("b", DataType.String), ("c", DataType.Double), ("d", DataType.Long)),
            [[1, "x", 1.5, 10L], [2, "y", 2.5, 20L]]);
        return (tables, t);
    }

    [Fact]
    public void Select_ReadsOnlyTheColumnsItUses()
    {
        var (tables, t) = Setup();
        tables.Rows("SELECT b FROM t WHERE d > 5");
        Assert.Equal(["b", "d"], t.LastScannedColumns!.Order());
    }

    [Fact]
    public void CountStar_ReadsNoColumns()
    {
        var (tables, t) = Setup();
        Assert.Equal(2L, tables.Run("SELECT count(*) FROM t").Scalar());
        Assert.Empty(t.LastScannedColumns!);
    }

    [Fact]
    public void Aggregate_ReadsGroupKeysAndArguments()
    {
        var (tables, t) = Setup();
        tables.Rows("SELECT b, sum(d) FROM t GROUP BY b");
        Assert.Equal(["b", "d"], t.LastScannedColumns!.Order());
    }

    [Fact]
    public void UnusedColumnsOfASubquery_AreNotRead()
    {
        var (tables, t) = Setup();
        var rows = tables.Rows("SELECT x FROM (SELECT a AS x, b, c * 2 AS c2 FROM t) s ORDER BY x");
        Assert.Equal([1, 2], rows.Select(r => (int)r[0]!));
        Assert.Equal(["a"], t.LastScannedColumns);
    }
}
