using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql;

/// <summary>
/// A bound and optimized query, ready to run (any number of times; each run reads the tables again through the
/// sources that were resolved at bind time, i.e. the same table versions). Thread-safe for concurrent runs.
/// </summary>
public sealed class PreparedQuery
{
    private readonly PhysicalOperator _physical;

    internal PreparedQuery(LogicalPlan analyzed, LogicalPlan optimized, EvaluationContext context)
    {
        AnalyzedPlan = analyzed;
        OptimizedPlan = optimized;
        Context = context;
        _physical = PhysicalPlanner.Plan(optimized);
    }

    /// <summary>The output columns.</summary>
    public StructType Schema => AnalyzedPlan.Schema;

    /// <summary>The plan as bound from the text.</summary>
    public LogicalPlan AnalyzedPlan { get; }

    /// <summary>The plan after the optimizer rules.</summary>
    public LogicalPlan OptimizedPlan { get; }

    public EvaluationContext Context { get; }

    /// <summary>Streams the result batches (batches may carry selection vectors).</summary>
    public IEnumerable<ColumnBatch> Execute(CancellationToken cancellation = default) => Execute(SqlExecutionOptions.Default, cancellation);

    /// <summary>Streams the result batches with <paramref name="options"/> (threads, batch size).</summary>
    public IEnumerable<ColumnBatch> Execute(SqlExecutionOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var context = new Execution.ExecutionContext(Context, cancellation, options.BatchSize, options.MaxDegreeOfParallelism);
        context.Subqueries = new SubqueryRunner(context, p => Planning.Optimizer.Optimizer.Optimize(p, Context));
        var schema = Schema;
        foreach (var batch in _physical.Execute(context))
            yield return ReferenceEquals(batch.Schema, schema) || batch.Schema.Equals(schema)
                ? batch
                : new ColumnBatch(schema, batch.Columns, batch.RowCount, batch.Selection);
    }

    /// <summary>Runs the query and collects every row (dense batches).</summary>
    public QueryResult ExecuteToResult(CancellationToken cancellation = default) => ExecuteToResult(SqlExecutionOptions.Default, cancellation);

    /// <summary>Runs the query with <paramref name="options"/> and collects every row (dense batches).</summary>
    public QueryResult ExecuteToResult(SqlExecutionOptions options, CancellationToken cancellation = default)
    {
        var batches = new List<ColumnBatch>();
        foreach (var b in Execute(options, cancellation))
            if (b.LiveRowCount > 0) batches.Add(VectorCopier.Compact(b));
        return new QueryResult(Schema, batches);
    }

    /// <summary>
    /// EXPLAIN text: the physical plan (scans show what the source reports: files kept, pushed filters); with
    /// <paramref name="extended"/> also the analyzed and optimized logical plans, as Spark's EXPLAIN EXTENDED.
    /// </summary>
    public string Explain(bool extended = false)
    {
        var sb = new StringBuilder();
        if (extended)
        {
            sb.Append("== Analyzed Logical Plan ==\n").Append(AnalyzedPlan.ToTreeString()).Append('\n');
            sb.Append("== Optimized Logical Plan ==\n").Append(OptimizedPlan.ToTreeString()).Append('\n');
        }
        sb.Append("== Physical Plan ==\n").Append(_physical.ToTreeString());
        return sb.ToString();
    }
}
