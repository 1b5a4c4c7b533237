using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// The outcome of one table operation: the operation name, the operationParameters and operationMetrics written to
/// commitInfo (exactly these maps), the file-level metrics, and the commit (null when the operation changed nothing
/// and so, like Delta's commitIfNeeded, wrote no version). Immutable.
/// </summary>
public sealed record OperationResult(
    string Operation,
    IReadOnlyDictionary<string, string?> Parameters,
    IReadOnlyDictionary<string, string> Metrics,
    CommitResult? Commit)
{
    /// <summary>The committed version, or null when nothing was committed.</summary>
    public long? Version => Commit?.Version;

    /// <summary>The file-level counts behind <see cref="Metrics"/> (empty for operations that only add files).</summary>
    public FileChangeMetrics Files { get; init; } = FileChangeMetrics.None;
}
