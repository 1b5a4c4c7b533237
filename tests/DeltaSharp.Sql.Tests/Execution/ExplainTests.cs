using DeltaSharp.Types;

namespace DeltaSharp.Sql.Tests.Execution;

public sealed class ExplainTests
{
    private static readonly Catalog.InMemoryTableProvider Tables = TestTables.With("t", TestTables.Schema(("a", DataType.Integer), ("b", DataType.String)), [1, "x"]);

    [Fact]
    public void Explain_ShowsThePhysicalPlanWithThePushedFilterAndTheSourcesSummary()
    {
        var text = (string)Tables.Run("EXPLAIN SELECT b FROM t WHERE a = 1").Scalar()!;
        Assert.StartsWith("== Physical Plan ==", text, StringComparison.Ordinal);
        Assert.Contains("Scan t @v1 [a, b] PushedFilters: [", text, StringComparison.Ordinal);
        Assert.Contains("in-memory table t version 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Optimized Logical Plan", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainExtended_AlsoShowsTheLogicalPlans()
    {
        var text = (string)Tables.Run("EXPLAIN EXTENDED SELECT a, count(*) FROM t GROUP BY a").Scalar()!;
        Assert.Contains("== Analyzed Logical Plan ==", text, StringComparison.Ordinal);
        Assert.Contains("== Optimized Logical Plan ==", text, StringComparison.Ordinal);
        Assert.Contains("HashAggregate", text, StringComparison.Ordinal);
    }
}
