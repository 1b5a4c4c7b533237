using DeltaSharp.Storage;

namespace DeltaSharp.Tables;

/// <summary>
/// Session-level settings and side-effect providers for table access. Immutable; share freely.
/// </summary>
public sealed record DeltaTableOptions
{
    public static DeltaTableOptions Default { get; } = new();

    public IFileStore FileStore { get; init; } = LocalFileStore.Instance;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Spark's spark.databricks.delta.vacuum.enforceTimeTravelWithinDeletedFileRetentionDuration
    /// (default true): refuse time travel to a non-latest version older than delta.deletedFileRetentionDuration.</summary>
    public bool EnforceTimeTravelWithinDeletedFileRetention { get; init; } = true;

    /// <summary>commitInfo.userName / userId; null = the current OS user.</summary>
    public string? UserName { get; init; }

    public string? UserId { get; init; }

    /// <summary>New tables use reader 1 / writer 2 without table features (for old readers) when true.</summary>
    public bool LegacyProtocolForNewTables { get; init; }

    /// <summary>How many times a commit is re-applied after losing a race before giving up.</summary>
    public int MaxCommitAttempts { get; init; } = 100;

    /// <summary>Evaluates CHECK constraints and column invariants on write (the SQL engine supplies one); null refuses
    /// to write tables that have them (NOT NULL is always enforced).</summary>
    public Constraints.ICheckConstraintCompiler? CheckConstraints { get; init; }

    /// <summary>The engineInfo string written into commitInfo.</summary>
    public string EngineInfo { get; init; } = "DeltaSharp/" + (typeof(DeltaTableOptions).Assembly.GetName().Version?.ToString(3) ?? "0.1.0");
}
