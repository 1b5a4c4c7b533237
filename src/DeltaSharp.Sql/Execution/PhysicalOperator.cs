using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>What operators share while one statement runs: the evaluation context (statement time, time zone,
/// ANSI mode), cancellation, the batch size, and the runner of subquery expressions.</summary>
internal sealed class ExecutionContext(EvaluationContext evaluation, CancellationToken cancellation = default, int batchSize = ExecutionContext.DefaultBatchSize, int parallelism = 1)
{
    public const int DefaultBatchSize = 4096;

    public EvaluationContext Evaluation { get; } = evaluation;
    public CancellationToken Cancellation { get; } = cancellation;
    public int BatchSize { get; } = batchSize;

    /// <summary>Threads the exchange operators may use.</summary>
    public int Parallelism { get; } = Math.Max(1, parallelism);

    public ISubqueryRunner? Subqueries { get; set; }

    /// <summary>The same context with another cancellation token (for workers stopped early).</summary>
    public ExecutionContext WithCancellation(CancellationToken token) => new(Evaluation, token, BatchSize, Parallelism) { Subqueries = Subqueries };

    public ExpressionEvaluator CreateEvaluator() => new(Evaluation, Subqueries);
}

/// <summary>
/// A pull-based physical operator: <see cref="Execute"/> yields batches of <see cref="Schema"/>. A batch may carry a
/// selection vector and may share vectors with the operator's input (operators never modify vectors they did not
/// create); each batch stays valid after the next one is requested. One file per operator. Immutable; each
/// <see cref="Execute"/> call is an independent run.
/// </summary>
internal abstract class PhysicalOperator
{
    public abstract StructType Schema { get; }

    public abstract IReadOnlyList<PhysicalOperator> Children { get; }

    public abstract IEnumerable<ColumnBatch> Execute(ExecutionContext context);

    /// <summary>One line for EXPLAIN.</summary>
    public abstract string Describe();

    /// <summary>The operator tree, indented.</summary>
    public string ToTreeString()
    {
        var sb = new System.Text.StringBuilder();
        Append(sb, this, 0);
        return sb.ToString();
    }

    private static void Append(System.Text.StringBuilder sb, PhysicalOperator op, int depth)
    {
        sb.Append(' ', depth * 2);
        if (depth > 0) sb.Append("+- ");
        sb.Append(op.Describe()).Append('\n');
        foreach (var c in op.Children) Append(sb, c, depth + 1);
    }
}
