using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Collects the actions of one commit on top of a read snapshot and commits them atomically as
/// _delta_log/&lt;version&gt;.json (put-if-absent). On a lost race the conflict checker decides whether to re-apply
/// on the newer snapshot or to fail with a named <see cref="DeltaConcurrentModificationException"/>.
/// Not thread-safe; use once.
/// </summary>
public sealed class Transaction
{
    internal Transaction(Snapshot readSnapshot, string operation)
    {
        ReadSnapshot = readSnapshot;
        Operation = operation;
    }

    public Snapshot ReadSnapshot { get; }

    public string Operation { get; }

    public CommitResult Commit() => throw new NotImplementedException("H-write");
}

/// <summary>The committed version and the number of attempts it took.</summary>
public sealed record CommitResult(long Version, int Attempts);
