namespace DeltaSharp.Tables;

/// <summary>
/// Typed view of metaData.configuration with Delta's defaults. Intervals are parsed as Spark does
/// ("interval 30 days", "30 days", "1 week", "168 hours"). Immutable.
/// </summary>
public sealed class TableProperties
{
    private TableProperties(IReadOnlyDictionary<string, string> raw) => Raw = raw;

    public IReadOnlyDictionary<string, string> Raw { get; }

    public static TableProperties From(IReadOnlyDictionary<string, string> configuration) => new(configuration);

    /// <summary>delta.checkpointInterval (default 10).</summary>
    public int CheckpointInterval => throw new NotImplementedException("H-log");

    /// <summary>delta.logRetentionDuration (default 30 days).</summary>
    public TimeSpan LogRetentionDuration => throw new NotImplementedException("H-log");

    /// <summary>delta.deletedFileRetentionDuration (default 7 days).</summary>
    public TimeSpan DeletedFileRetentionDuration => throw new NotImplementedException("H-log");

    /// <summary>delta.enableExpiredLogCleanup (default true).</summary>
    public bool EnableExpiredLogCleanup => throw new NotImplementedException("H-log");

    /// <summary>delta.dataSkippingNumIndexedCols (default 32; -1 = all).</summary>
    public int DataSkippingNumIndexedCols => throw new NotImplementedException("H-log");

    /// <summary>delta.dataSkippingStatsColumns (null when unset).</summary>
    public IReadOnlyList<string>? DataSkippingStatsColumns => throw new NotImplementedException("H-log");

    /// <summary>delta.enableDeletionVectors.</summary>
    public bool EnableDeletionVectors => throw new NotImplementedException("H-log");

    /// <summary>delta.enableInCommitTimestamps.</summary>
    public bool EnableInCommitTimestamps => throw new NotImplementedException("H-log");

    /// <summary>delta.inCommitTimestampEnablementVersion (null when unset).</summary>
    public long? InCommitTimestampEnablementVersion => throw new NotImplementedException("H-log");

    /// <summary>delta.columnMapping.mode: "none", "name" or "id".</summary>
    public string ColumnMappingMode => throw new NotImplementedException("H-log");

    /// <summary>delta.columnMapping.maxColumnId (0 when unset).</summary>
    public long ColumnMappingMaxColumnId => throw new NotImplementedException("H-log");

    /// <summary>delta.appendOnly.</summary>
    public bool AppendOnly => throw new NotImplementedException("H-log");

    /// <summary>Parses a Spark calendar interval string ("interval 2 weeks", "30 days"). Throws DeltaException
    /// DELTA_INVALID_INTERVAL (naming the text) when it cannot be parsed.</summary>
    public static TimeSpan ParseInterval(string text) => throw new NotImplementedException("H-log");
}
