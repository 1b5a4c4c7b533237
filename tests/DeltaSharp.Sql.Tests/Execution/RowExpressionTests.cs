using DeltaSharp.Columnar;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;
using Pred = DeltaSharp.Expressions;

namespace DeltaSharp.Sql.Tests.Execution;

public sealed class RowExpressionTests
{
    private static readonly StructType Schema = TestTables.Schema(("k", DataType.Integer), ("v", DataType.String));

    private static ColumnBatch Batch(params object?[][] rows)
    {
        var batch = ColumnBatch.Create(Schema, rows.Length);
        foreach (var r in rows)
            for (var c = 0; c < r.Length; c++) DeltaSharp.Sql.Execution.Vectors.PhysicalValues.Append(batch.Columns[c], r[c]);
        batch.RowCount = rows.Length;
        return batch;
    }

    [Fact]
    public void Condition_SelectsTheRowsWhereItIsTrue_AndGivesAPruningPredicate()
    {
        var tables = new InMemoryTableProvider();
        var condition = RowExpression.Bind("k > 1 AND v <> 'x' AND k * 1 >= 0", Schema, tables, TestTables.Context);
        var batch = Batch([1, "a"], [2, "x"], [3, "c"], [4, null]);
        Assert.Equal([2], condition.SelectTrue(batch));
        Assert.Equal(new Pred.Comparison(Pred.ComparisonOperator.GreaterThan, new Pred.ColumnRef("k"), new Pred.Literal(1, DataType.Integer)),
            ((Pred.And)condition.PruningPredicate!).Left);
    }

    [Fact]
    public void Condition_HonoursTheBatchSelection()
    {
        var condition = RowExpression.Bind("k >= 2", Schema, new InMemoryTableProvider(), TestTables.Context);
        var batch = Batch([1, "a"], [2, "b"], [3, "c"]);
        var selection = new SelectionVector(2);
        selection.Indices[0] = 0;
        selection.Indices[1] = 2;
        selection.Count = 2;
        batch.Selection = selection;
        Assert.Equal([2], condition.SelectTrue(batch));
    }

    [Fact]
    public void Assignment_IsCastToTheTargetType()
    {
        var value = RowExpression.Bind("k * 2", Schema, new InMemoryTableProvider(), TestTables.Context, target: DataType.Long);
        Assert.Equal(DataType.Long, value.Type);
        var result = (PrimitiveVector<long>)value.Evaluate(Batch([1, "a"], [21, "b"]));
        Assert.Equal([2L, 42L], result.Span.ToArray());
    }

    [Fact]
    public void MergeCondition_ReadsTwoQualifiedInputs()
    {
        var source = TestTables.Schema(("k", DataType.Integer), ("n", DataType.Integer));
        var condition = RowExpression.Bind(DeltaSharp.Sql.Parsing.Parser.ParseExpression("t.k = s.k AND s.n > 0"),
            [new RowInput(Schema, "t"), new RowInput(source, "s")], new InMemoryTableProvider(), TestTables.Context);
        var both = new StructType(Schema.Fields.Concat(source.Fields));
        var batch = ColumnBatch.Create(both, 2);
        foreach (var row in new[] { new object?[] { 1, "a", 1, 5 }, [2, "b", 3, 5] })
            for (var c = 0; c < row.Length; c++) DeltaSharp.Sql.Execution.Vectors.PhysicalValues.Append(batch.Columns[c], row[c]);
        batch.RowCount = 2;
        Assert.Equal([0], condition.SelectTrue(batch));
        Assert.Throws<SqlAnalysisException>(() => RowExpression.Bind(DeltaSharp.Sql.Parsing.Parser.ParseExpression("k = 1"),
            [new RowInput(Schema, "t"), new RowInput(source, "s")], new InMemoryTableProvider(), TestTables.Context));
    }

    [Fact]
    public void Condition_WithASubquery_ReadsTheOtherTable()
    {
        var tables = new InMemoryTableProvider();
        tables.CreateTable("u", TestTables.Schema(("k", DataType.Integer)), [[2], [3]]);
        var condition = RowExpression.Bind("k IN (SELECT k FROM u)", Schema, tables, TestTables.Context);
        Assert.Equal([1, 2], condition.SelectTrue(Batch([1, "a"], [2, "b"], [3, "c"])));
    }

    [Fact]
    public void UnknownColumn_IsReportedWithItsPosition()
    {
        var e = Assert.Throws<SqlAnalysisException>(() => RowExpression.Bind("k = nope", Schema, new InMemoryTableProvider(), TestTables.Context));
        Assert.Equal("UNRESOLVED_COLUMN.WITH_SUGGESTION", e.ErrorClass);
        Assert.Equal(4, e.Span.SparkPos);
    }
}
