using DeltaSharp.Columnar;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>Literal rows (VALUES, and the one empty row of a SELECT without FROM).</summary>
internal sealed class ValuesOperator(StructType schema, IReadOnlyList<NodeList<BoundExpression>> rows) : PhysicalOperator
{
    private static readonly ColumnBatch OneRow = new(new StructType(), [], 1);

    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        if (rows.Count == 0) yield break;
        var evaluator = context.CreateEvaluator();
        var batch = ColumnBatch.Create(Schema, rows.Count);
        foreach (var row in rows)
            for (var c = 0; c < row.Count; c++)
            {
                var v = evaluator.Evaluate(row[c], OneRow);
                PhysicalValues.Append(batch.Columns[c], v.IsScalar ? v.Scalar : PhysicalValues.Get(v.Vector!, 0));
            }
        batch.RowCount = rows.Count;
        yield return batch;
    }

    public override string Describe() => $"Values [{string.Join(", ", Schema.Fields.Select(f => f.Name))}] ({rows.Count} rows)";
}
