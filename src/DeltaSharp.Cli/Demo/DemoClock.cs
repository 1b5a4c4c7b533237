namespace DeltaSharp.Cli.Demo;

/// <summary>The system clock, which the demo can move forward (to show what happens once a retention period has
/// passed) without waiting. Not thread-safe; the demo runs one statement at a time.</summary>
internal sealed class DemoClock : TimeProvider
{
    private TimeSpan _offset;

    /// <summary>Moves "now" forward by <paramref name="by"/>.</summary>
    public void FastForward(TimeSpan by) => _offset += by;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
