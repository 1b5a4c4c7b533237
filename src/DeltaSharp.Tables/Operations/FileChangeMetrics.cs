using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// What a row-level change did to the table's files, as Delta counts it internally (before the history transform
/// of <see cref="OperationMetrics"/>): data files added (new rows and rewritten rows) and removed (rewritten or
/// fully deleted; a file that only got a new deletion vector is neither), their bytes, deletion vectors added (a file
/// without one got one), updated (a file's DV was replaced by a larger one) and removed (a file that had one was
/// removed or rewritten), rows copied by rewrites, rows removed (newly deleted positions plus the live rows of whole
/// files removed; null when a removed whole file has no numRecords stats), rows written by the caller, and the
/// measured scan and rewrite times. Immutable.
/// </summary>
public sealed record FileChangeMetrics
{
    public static FileChangeMetrics None { get; } = new();

    public long NumAddedFiles { get; init; }

    public long NumAddedBytes { get; init; }

    public long NumRemovedFiles { get; init; }

    public long NumRemovedBytes { get; init; }

    public long NumDeletionVectorsAdded { get; init; }

    public long NumDeletionVectorsRemoved { get; init; }

    public long NumDeletionVectorsUpdated { get; init; }

    /// <summary>Rows copied unchanged from rewritten files (0 with deletion vectors).</summary>
    public long NumCopiedRows { get; init; }

    /// <summary>Rows that left the table: positions newly marked deleted plus the live rows of whole files removed
    /// (null when such a file has no numRecords stats, so the count is unknown).</summary>
    public long? NumRemovedRows { get; init; }

    /// <summary>Rows the caller wrote (updated and inserted rows).</summary>
    public long NumWrittenRows { get; init; }

    /// <summary>Change data files written (always 0: change data feed output is not produced).</summary>
    public long NumAddedChangeFiles { get; init; }

    /// <summary>Files whose rows changed (deletion vector, rewrite or removal).</summary>
    public long NumTouchedFiles { get; init; }

    public long ScanTimeMs { get; init; }

    public long RewriteTimeMs { get; init; }

    /// <summary>What writing <paramref name="added"/> did: the files, their bytes and rows written. Appends and new
    /// tables.</summary>
    internal static FileChangeMetrics Written(IReadOnlyCollection<AddFile> added) => new()
    {
        NumAddedFiles = added.Count,
        NumAddedBytes = added.Sum(a => a.Size),
        NumWrittenRows = OperationMetrics.Rows(added),
    };

    /// <summary>What replacing <paramref name="removed"/> by <paramref name="added"/> did: <see cref="Written"/> for the
    /// added files, and every removed file touched, its bytes, deletion vectors and live rows gone. The overwrite forms,
    /// CREATE OR REPLACE and TRUNCATE (nothing added).</summary>
    internal static FileChangeMetrics Replaced(IReadOnlyCollection<AddFile> removed, IReadOnlyCollection<AddFile> added) => Written(added) with
    {
        NumRemovedFiles = removed.Count,
        NumRemovedBytes = removed.Sum(r => r.Size),
        NumDeletionVectorsRemoved = removed.Count(r => r.DeletionVector is not null),
        NumRemovedRows = OperationMetrics.LiveRows(removed),
        NumTouchedFiles = removed.Count,
    };

    /// <summary>Whether the change has any file action to commit.</summary>
    public bool HasChanges => NumAddedFiles + NumRemovedFiles + NumDeletionVectorsAdded + NumDeletionVectorsUpdated > 0;
}
