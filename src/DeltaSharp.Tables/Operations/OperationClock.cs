namespace DeltaSharp.Tables.Operations;

/// <summary>Measures elapsed milliseconds through <see cref="DeltaTableOptions.Time"/> (TimeProvider timestamps),
/// for executionTimeMs / scanTimeMs / rewriteTimeMs. Not thread-safe.</summary>
internal sealed class OperationClock(TimeProvider time)
{
    private readonly long _start = time.GetTimestamp();

    /// <summary>A timestamp to pass to <see cref="MillisSince"/>.</summary>
    public long Now() => time.GetTimestamp();

    /// <summary>Milliseconds since the clock was created.</summary>
    public long ElapsedMs() => MillisSince(_start);

    /// <summary>Milliseconds since <paramref name="timestamp"/> (from <see cref="Now"/>).</summary>
    public long MillisSince(long timestamp) => (long)time.GetElapsedTime(timestamp).TotalMilliseconds;

    /// <summary>Milliseconds from the clock's start to <paramref name="timestamp"/>.</summary>
    public long MillisUntil(long timestamp) => (long)time.GetElapsedTime(_start, timestamp).TotalMilliseconds;
}
