namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Checks a table configuration before it is committed: every Delta property this engine reads must parse, and
/// delta.logRetentionDuration must not be shorter than delta.deletedFileRetentionDuration (time travel needs both
/// the log and the data files; Databricks Runtime 18 enforces the same). Stateless.
/// </summary>
internal static class TableConfigValidation
{
    public static void Validate(IReadOnlyDictionary<string, string> configuration)
    {
        var p = TableProperties.From(configuration);
        // Reading each property surfaces a malformed value now rather than at the first read of the table.
        _ = p.CheckpointInterval;
        _ = p.EnableExpiredLogCleanup;
        _ = p.DataSkippingNumIndexedCols;
        _ = p.EnableDeletionVectors;
        _ = p.EnableInCommitTimestamps;
        _ = p.ColumnMappingMode;
        _ = p.AppendOnly;
        _ = p.EnableChangeDataFeed;
        _ = DataWriteSettings.CodecFrom(configuration);
        var log = p.LogRetentionDuration;
        var files = p.DeletedFileRetentionDuration;
        if (log < files)
            throw new DeltaException("DELTA_LOG_RETENTION_SHORTER_THAN_FILE_RETENTION",
                $"delta.logRetentionDuration ({Describe(log)}) is shorter than delta.deletedFileRetentionDuration ({Describe(files)}); " +
                "the log must be kept at least as long as deleted data files, or time travel would find files without their history. " +
                "Raise delta.logRetentionDuration or lower delta.deletedFileRetentionDuration.");
    }

    private static string Describe(TimeSpan t) =>
        t.TotalDays >= 1 && t.TotalDays == Math.Floor(t.TotalDays) ? $"{t.TotalDays:0} days" : t.ToString();
}
