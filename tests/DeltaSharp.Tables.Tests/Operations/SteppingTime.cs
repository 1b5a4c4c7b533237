namespace DeltaSharp.Tables.Tests.Operations;

/// <summary>A clock whose wall time is fixed and whose timestamps (for durations) move only when told to.</summary>
internal sealed class SteppingTime(DateTimeOffset now) : TimeProvider
{
    private long _ticks = 1_000_000;

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override long TimestampFrequency => 1000; // one tick per millisecond

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(long millis) => Interlocked.Add(ref _ticks, millis);
}
