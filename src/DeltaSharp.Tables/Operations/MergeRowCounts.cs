namespace DeltaSharp.Tables.Operations;

/// <summary>
/// The row-level counts of a MERGE that only the engine knows (Delta's MERGE metrics): source rows, target rows
/// inserted, updated and deleted by matched / not-matched-by-source clauses, and the time spent materializing the
/// source. Copied rows, files, bytes, deletion vectors and scan/rewrite times come from the
/// <see cref="RowLevelChange"/>. Immutable.
/// </summary>
public sealed record MergeRowCounts
{
    public long NumSourceRows { get; init; }

    public long NumTargetRowsInserted { get; init; }

    public long NumTargetRowsMatchedUpdated { get; init; }

    public long NumTargetRowsNotMatchedBySourceUpdated { get; init; }

    public long NumTargetRowsMatchedDeleted { get; init; }

    public long NumTargetRowsNotMatchedBySourceDeleted { get; init; }

    public long MaterializeSourceTimeMs { get; init; }

    public long NumTargetRowsUpdated => NumTargetRowsMatchedUpdated + NumTargetRowsNotMatchedBySourceUpdated;

    public long NumTargetRowsDeleted => NumTargetRowsMatchedDeleted + NumTargetRowsNotMatchedBySourceDeleted;
}
