using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;
using Pred = DeltaSharp.Expressions;

namespace DeltaSharp.Sql.Tests.Planning;

public sealed class FilterPushDownTests
{
    private static (InMemoryTableProvider Tables, InMemoryTable T) Setup()
    {
        var tables = new InMemoryTableProvider();
        var t = tables.CreateTable("t", TestTables.Schema(("a", DataType.Integer), ("b", DataType.String), ("d", DataType.Date)),
            [[1, "x", new DateOnly(2025, 1, 1)], [2, "y", new DateOnly(2025, 2, 1)], [3, null, null]]);
        tables.CreateTable("u", TestTables.Schema(("a", DataType.Integer), ("v", DataType.String)), [[1, "p"], [9, null]]);
        return (tables, t);
    }

    [Fact]
    public void Where_WithColumnComparisons_PushesTheConjunctionIntoTheScan()
    {
        var (tables, t) = Setup();
        var rows = tables.Rows("SELECT a FROM t WHERE a >= 2 AND b = 'y'");
        Assert.Equal([2], rows.Select(r => (int)r[0]!));
        var expected = new Pred.And(
            new Pred.Comparison(Pred.ComparisonOperator.GreaterThanOrEqual, new Pred.ColumnRef("a"), new Pred.Literal(2, DataType.Integer)),
            new Pred.Comparison(Pred.ComparisonOperator.Equal, new Pred.ColumnRef("b"), new Pred.Literal("y", DataType.String)));
        Assert.Equal(expected, t.LastPushedPredicate);
    }

    [Fact]
    public void Where_LiteralOnTheLeft_IsFlipped()
    {
        var (tables, t) = Setup();
        tables.Rows("SELECT a FROM t WHERE 2 < a");
        Assert.Equal(new Pred.Comparison(Pred.ComparisonOperator.GreaterThan, new Pred.ColumnRef("a"), new Pred.Literal(2, DataType.Integer)), t.LastPushedPredicate);
    }

    [Fact]
    public void Where_OnADate_PushesTheDateAsDateOnly()
    {
        var (tables, t) = Setup();
        var rows = tables.Rows("SELECT a FROM t WHERE d = DATE '2025-02-01'");
        Assert.Equal([2], rows.Select(r => (int)r[0]!));
        Assert.Equal(new Pred.Comparison(Pred.ComparisonOperator.Equal, new Pred.ColumnRef("d"), new Pred.Literal(new DateOnly(2025, 2, 1), DataType.Date)), t.LastPushedPredicate);
    }

    [Fact]
    public void Where_ThroughASubqueryProjection_ReachesTheScan()
    {
        var (tables, t) = Setup();
        var rows = tables.Rows("SELECT x FROM (SELECT a + 1 AS x, b FROM t) s WHERE b IS NOT NULL AND x IN (1, 2)");
        Assert.Equal([2], rows.Select(r => (int)r[0]!));
        Assert.Equal(new Pred.IsNotNull(new Pred.ColumnRef("b")), t.LastPushedPredicate);
    }

    [Fact]
    public void Where_WithOrAndIn_PushesExactTranslation()
    {
        var (tables, t) = Setup();
        tables.Rows("SELECT a FROM t WHERE a IN (1, 3) OR b IS NULL");
        var expected = new Pred.Or(
            new Pred.InList(new Pred.ColumnRef("a"), [new Pred.Literal(1, DataType.Integer), new Pred.Literal(3, DataType.Integer)]),
            new Pred.IsNull(new Pred.ColumnRef("b")));
        Assert.Equal(expected, t.LastPushedPredicate);
    }

    [Fact]
    public void Where_OnTheNullableSideOfALeftJoin_IsNotPushedIntoThatSide()
    {
        var (tables, _) = Setup();
        var u = tables.GetTable(TableIdentifier.Named("u"))!;
        var rows = tables.Rows("SELECT t.a FROM t LEFT JOIN u ON t.a = u.a WHERE u.v IS NULL ORDER BY t.a");
        Assert.Equal([2, 3], rows.Select(r => (int)r[0]!));
        Assert.Null(u.LastPushedPredicate);
    }

    [Fact]
    public void Where_OnTheInnerSideOfAnInnerJoin_IsPushedIntoThatScan()
    {
        var (tables, _) = Setup();
        var u = tables.GetTable(TableIdentifier.Named("u"))!;
        var rows = tables.Rows("SELECT t.a FROM t JOIN u ON t.a = u.a WHERE u.v = 'p'");
        Assert.Equal([1], rows.Select(r => (int)r[0]!));
        Assert.Equal(new Pred.Comparison(Pred.ComparisonOperator.Equal, new Pred.ColumnRef("v"), new Pred.Literal("p", DataType.String)), u.LastPushedPredicate);
    }

    [Fact]
    public void Where_IntColumnAgainstABigintLiteral_PushesTheNarrowedLiteral()
    {
        var (tables, t) = Setup();
        var rows = tables.Rows("SELECT a FROM t WHERE a < 3L");
        Assert.Equal([1, 2], rows.Select(r => (int)r[0]!));
        Assert.Equal(new Pred.Comparison(Pred.ComparisonOperator.LessThan, new Pred.ColumnRef("a"), new Pred.Literal(3, DataType.Integer)), t.LastPushedPredicate);
    }

    [Fact]
    public void Where_IntColumnAgainstAnOutOfRangeLiteral_PushesNothing()
    {
        var (tables, t) = Setup();
        Assert.Empty(tables.Rows("SELECT a FROM t WHERE a > 3000000000"));
        Assert.Null(t.LastPushedPredicate);
    }

    [Fact]
    public void Where_ComparingTwoColumns_PushesNothing()
    {
        var (tables, t) = Setup();
        tables.Rows("SELECT a FROM t WHERE a = a * 2");
        Assert.Null(t.LastPushedPredicate);
    }
}
