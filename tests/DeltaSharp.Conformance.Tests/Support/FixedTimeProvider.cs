namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>A clock that always says <see cref="Now"/> (retention rules relative to a chosen "now").</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public static FixedTimeProvider AtMillis(long unixMillis) => new(DateTimeOffset.FromUnixTimeMilliseconds(unixMillis));
}
