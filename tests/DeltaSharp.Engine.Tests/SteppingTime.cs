namespace DeltaSharp.Engine.Tests;

/// <summary>A clock that starts at a fixed instant and moves one second forward on every reading, so that each
/// commit of a test has its own timestamp.</summary>
internal sealed class SteppingTime(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        var now = _now;
        _now = _now.AddSeconds(1);
        return now;
    }
}
