using DeltaSharp.Columnar;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>Computes the output columns; plain column references over a batch without selection pass the vector
/// through untouched.</summary>
internal sealed class ProjectOperator(PhysicalOperator input, IReadOnlyList<BoundExpression> expressions, StructType schema) : PhysicalOperator
{
    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [input];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var evaluator = context.CreateEvaluator();
        foreach (var batch in input.Execute(context))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var rows = EvalInput.Of(batch);
            var columns = new ColumnVector[expressions.Count];
            for (var i = 0; i < columns.Length; i++) columns[i] = evaluator.EvaluateToVector(expressions[i], rows);
            yield return new ColumnBatch(Schema, columns, rows.Count);
        }
    }

    public override string Describe() =>
        "Project [" + string.Join(", ", expressions.Select((e, i) => e is BoundColumnRef c && c.Name == Schema[i].Name ? e.ToString() : $"{e} AS {Schema[i].Name}")) + "]";
}
