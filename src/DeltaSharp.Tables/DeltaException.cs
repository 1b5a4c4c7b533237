namespace DeltaSharp.Tables;

/// <summary>
/// A Delta error with a stable Spark-style error class (e.g. DELTA_VERSION_NOT_FOUND). The message starts with
/// "[CLASS] " and says what went wrong and what the valid input/range is or what to do.
/// </summary>
public class DeltaException : Exception
{
    public DeltaException(string errorClass, string message, Exception? inner = null)
        : base($"[{errorClass}] {message}", inner) => ErrorClass = errorClass;

    public string ErrorClass { get; }
}

/// <summary>The closed set of write conflicts (Delta's ConcurrentModificationException subclasses).</summary>
public enum ConflictKind
{
    ConcurrentAppend,
    ConcurrentDeleteRead,
    ConcurrentDeleteDelete,
    MetadataChanged,
    ProtocolChanged,
    ConcurrentTransaction,
    ConcurrentWrite,
}

/// <summary>A commit lost to a concurrent one that it cannot be safely re-applied over.</summary>
public sealed class DeltaConcurrentModificationException(ConflictKind kind, string errorClass, string message, long winningVersion)
    : DeltaException(errorClass, message)
{
    public ConflictKind Kind { get; } = kind;

    /// <summary>The concurrently committed version that conflicts.</summary>
    public long WinningVersion { get; } = winningVersion;
}
