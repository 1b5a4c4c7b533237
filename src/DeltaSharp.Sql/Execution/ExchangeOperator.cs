using System.Collections.Concurrent;
using DeltaSharp.Columnar;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Runs a streaming chain (scan → filter / project) over the parts of a scan on several threads and hands the
/// batches on in part order, so results are those of a single-threaded run. Each worker takes the next part, runs
/// its own instance of the chain over it and fills that part's bounded queue; the consumer drains the queues in
/// order. The earliest unfinished part always has a running worker, so the bounded queues cannot deadlock.
/// </summary>
internal sealed class ExchangeOperator(ScanOperator scan, Func<PhysicalOperator, PhysicalOperator> chain, StructType schema) : PhysicalOperator
{
    private const int QueueCapacity = 8;

    private readonly PhysicalOperator _sequential = chain(scan);

    public override StructType Schema { get; } = schema;
    public override IReadOnlyList<PhysicalOperator> Children => [_sequential];

    public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
    {
        var parts = scan.Source.ScanParts(scan.Columns, scan.Predicate);
        if (context.Parallelism <= 1 || parts.Count <= 1)
        {
            foreach (var b in _sequential.Execute(context)) yield return b;
            yield break;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        var workerContext = context.WithCancellation(stop.Token);
        var queues = new BlockingCollection<ColumnBatch>[parts.Count];
        for (var i = 0; i < queues.Length; i++) queues[i] = new BlockingCollection<ColumnBatch>(QueueCapacity);
        var next = -1;
        Exception? failure = null;
        var workers = new Task[Math.Min(context.Parallelism, parts.Count)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Factory.StartNew(() =>
            {
                while (true)
                {
                    var p = Interlocked.Increment(ref next);
                    if (p >= parts.Count) return;
                    try
                    {
                        var leaf = new ScanPartOperator(parts[p], scan.Schema);
                        foreach (var batch in chain(leaf).Execute(workerContext))
                            queues[p].Add(batch, stop.Token);
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception e)
                    {
                        Interlocked.CompareExchange(ref failure, e, null);
                        stop.Cancel();
                        return;
                    }
                    finally
                    {
                        queues[p].CompleteAdding();
                    }
                }
            }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        try
        {
            for (var p = 0; p < queues.Length; p++)
            {
                while (true)
                {
                    ColumnBatch? batch;
                    try
                    {
                        if (!queues[p].TryTake(out batch, Timeout.Infinite, stop.Token)) break;
                    }
                    catch (OperationCanceledException) when (failure is not null)
                    {
                        break;
                    }
                    yield return batch;
                }
                if (failure is not null) break;
            }
            if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }
        finally
        {
            stop.Cancel();
            try
            {
                Task.WaitAll(workers);
            }
            catch (AggregateException)
            {
                // Workers stopped by the cancellation above; a real failure was rethrown already.
            }
            foreach (var q in queues) q.Dispose();
        }
    }

    /// <summary>
    /// Runs the chain over the parts on up to <see cref="ExecutionContext.Parallelism"/> workers, each folding its
    /// batches into its own state (order across parts is not kept); null when there is nothing to parallelise (one
    /// thread or one part), so the caller runs sequentially.
    /// </summary>
    public IReadOnlyList<TState>? TryConsumeParallel<TState>(ExecutionContext context, Func<TState> create, Action<TState, ColumnBatch> consume)
    {
        var parts = scan.Source.ScanParts(scan.Columns, scan.Predicate);
        if (context.Parallelism <= 1 || parts.Count <= 1) return null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        var workerContext = context.WithCancellation(stop.Token);
        var next = -1;
        var states = new TState[Math.Min(context.Parallelism, parts.Count)];
        Exception? failure = null;
        var workers = new Task[states.Length];
        for (var w = 0; w < workers.Length; w++)
        {
            var index = w;
            workers[w] = Task.Factory.StartNew(() =>
            {
                try
                {
                    var state = create();
                    states[index] = state;
                    while (true)
                    {
                        var p = Interlocked.Increment(ref next);
                        if (p >= parts.Count) return;
                        foreach (var batch in chain(new ScanPartOperator(parts[p], scan.Schema)).Execute(workerContext)) consume(state, batch);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested && !context.Cancellation.IsCancellationRequested)
                {
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                    stop.Cancel();
                }
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        Task.WaitAll(workers);
        context.Cancellation.ThrowIfCancellationRequested();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return states;
    }

    public override string Describe() => $"Exchange (scan parts on up to the available threads, in order)";

    /// <summary>One part of a scan as a leaf operator.</summary>
    private sealed class ScanPartOperator(Func<IEnumerable<ColumnBatch>> part, StructType schema) : PhysicalOperator
    {
        public override StructType Schema { get; } = schema;
        public override IReadOnlyList<PhysicalOperator> Children => [];

        public override IEnumerable<ColumnBatch> Execute(ExecutionContext context)
        {
            foreach (var batch in part())
            {
                context.Cancellation.ThrowIfCancellationRequested();
                if (batch.LiveRowCount == 0) continue;
                yield return ReferenceEquals(batch.Schema, Schema) ? batch : new ColumnBatch(Schema, batch.Columns, batch.RowCount, batch.Selection);
            }
        }

        public override string Describe() => "ScanPart";
    }
}
