using DeltaSharp.Columnar;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>Keeps the rows where the predicate is true by narrowing the batch's selection (no row is copied).
/// A conjunction is applied term by term, so later terms see only the rows earlier ones kept.</summary>
internal sealed class FilterOperator(PhysicalOperator input, BoundExpression predicate) : PhysicalOperator
{
    private readonly BoundExpression[] _terms = ExpressionRewriter.Conjuncts(predicate).ToArray();

    public override StructType Schema => input.Schema;
    public override IReadOnlyList<PhysicalOperator> Children => [input];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var evaluator = context.CreateEvaluator();
        foreach (var batch in input.Execute(context))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var current = batch;
            foreach (var term in _terms)
            {
                current = Apply(evaluator, term, current);
                if (current.LiveRowCount == 0) break;
            }
            if (current.LiveRowCount > 0) yield return current;
        }
    }

    private static ColumnBatch Apply(ExpressionEvaluator evaluator, BoundExpression term, ColumnBatch batch)
    {
        var input = EvalInput.Of(batch);
        var positions = new int[input.Count];
        var n = evaluator.SelectTrue(term, input, positions);
        if (n == input.Count) return batch;
        var selection = new SelectionVector(n);
        if (input.Rows is null) positions.AsSpan(0, n).CopyTo(selection.Indices);
        else for (var i = 0; i < n; i++) selection.Indices[i] = input.Rows[positions[i]];
        selection.Count = n;
        return new ColumnBatch(batch.Schema, batch.Columns, batch.RowCount, selection);
    }

    public override string Describe() => $"Filter {predicate}";
}
