using DeltaSharp.Types;

namespace DeltaSharp.Sql.Tests.Planning;

public sealed class SubqueryToJoinTests
{
    private static readonly Catalog.InMemoryTableProvider Tables = Build();

    private static Catalog.InMemoryTableProvider Build()
    {
        var tables = TestTables.With("t", TestTables.Schema(("k", DataType.Integer), ("v", DataType.String)),
            [1, "a"], [2, "b"], [null, "n"], [4, "d"]);
        tables.CreateTable("u", TestTables.Schema(("k", DataType.Integer), ("w", DataType.Integer)), [[1, 10], [1, 11], [2, 5], [null, 7]]);
        return tables;
    }

    private static string Plan(string sql) => (string)Tables.Run("EXPLAIN " + sql).Scalar()!;

    [Fact]
    public void CorrelatedExists_RunsAsALeftSemiHashJoin()
    {
        const string sql = "SELECT v FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w > 6) ORDER BY v";
        Assert.Contains("HashJoin LeftSemi", Plan(sql), StringComparison.Ordinal);
        Assert.Equal(["a"], Tables.Rows(sql).Select(r => (string)r[0]!));
    }

    [Fact]
    public void CorrelatedNotExists_RunsAsALeftAntiJoin_AndKeepsNullKeys()
    {
        const string sql = "SELECT v FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k) ORDER BY v";
        Assert.Contains("HashJoin LeftAnti", Plan(sql), StringComparison.Ordinal);
        Assert.Equal(["d", "n"], Tables.Rows(sql).Select(r => (string)r[0]!));
    }

    [Fact]
    public void InSubquery_RunsAsALeftSemiJoin_WithoutDuplicatingRows()
    {
        const string sql = "SELECT v FROM t WHERE k IN (SELECT k FROM u) ORDER BY v";
        Assert.Contains("HashJoin LeftSemi", Plan(sql), StringComparison.Ordinal);
        Assert.Equal(["a", "b"], Tables.Rows(sql).Select(r => (string)r[0]!));
    }

    [Fact]
    public void CorrelatedIn_JoinsOnTheValueAndTheCorrelation()
    {
        const string sql = "SELECT v FROM t WHERE 10 IN (SELECT w FROM u WHERE u.k = t.k) ORDER BY v";
        Assert.Contains("LeftSemi", Plan(sql), StringComparison.Ordinal);
        Assert.Equal(["a"], Tables.Rows(sql).Select(r => (string)r[0]!));
    }

    [Fact]
    public void NotIn_StaysASubquery_AndFollowsNullSemantics()
    {
        // u.k holds a NULL: NOT IN is never true.
        const string sql = "SELECT v FROM t WHERE k NOT IN (SELECT k FROM u)";
        Assert.DoesNotContain("LeftAnti", Plan(sql), StringComparison.Ordinal);
        Assert.Empty(Tables.Rows(sql));
        Assert.Equal(["d"], Tables.Rows("SELECT v FROM t WHERE k NOT IN (SELECT k FROM u WHERE k IS NOT NULL)").Select(r => (string)r[0]!));
    }

    [Fact]
    public void ExistsUnderOr_StaysPerRow()
    {
        const string sql = "SELECT v FROM t WHERE v = 'd' OR EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w = 5) ORDER BY v";
        Assert.DoesNotContain("LeftSemi", Plan(sql), StringComparison.Ordinal);
        Assert.Equal(["b", "d"], Tables.Rows(sql).Select(r => (string)r[0]!));
    }

    [Fact]
    public void CorrelatedScalarAggregate_RunsAsALeftJoin_WithSumNullAndCountZeroForNoMatch()
    {
        const string sql = "SELECT v, (SELECT sum(w) FROM u WHERE u.k = t.k) AS s, (SELECT count(*) FROM u WHERE u.k = t.k) AS c FROM t ORDER BY v";
        var plan = Plan(sql);
        Assert.Contains("HashJoin LeftOuter", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("scalar-subquery", plan, StringComparison.Ordinal);
        Assert.Equal(["a|21|2", "b|5|1", "d||0", "n||0"], Tables.Rows(sql).Select(r => $"{r[0]}|{r[1]}|{r[2]}"));
    }

    [Fact]
    public void CorrelatedScalarAggregate_InAWhere_FiltersLikeThePerRowForm()
    {
        const string sql = "SELECT v FROM t WHERE (SELECT count(*) FROM u WHERE u.k = t.k AND u.w > 6) >= 1 ORDER BY v";
        Assert.Contains("LeftOuter", Plan(sql), StringComparison.Ordinal);
        Assert.Equal(["a"], Tables.Rows(sql).Select(r => (string)r[0]!));
        const string expression = "SELECT v, (SELECT max(w) + count(*) FROM u WHERE u.k = t.k) FROM t ORDER BY v";
        Assert.Equal(["a|13", "b|6", "d|", "n|"], Tables.Rows(expression).Select(r => $"{r[0]}|{r[1]}"));
    }
}
