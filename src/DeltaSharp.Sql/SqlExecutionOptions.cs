namespace DeltaSharp.Sql;

/// <summary>How a query runs. Immutable.</summary>
public sealed record SqlExecutionOptions
{
    public static SqlExecutionOptions Default { get; } = new();

    /// <summary>Threads a query may use to read and filter scan parts concurrently (1 = single-threaded). Results
    /// come in the same order as with one thread.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Rows per batch produced by operators that build batches (sort, aggregation, joins).</summary>
    public int BatchSize { get; init; } = Execution.ExecutionContext.DefaultBatchSize;
}
