namespace DeltaSharp.Engine;

/// <summary>How a <see cref="Session"/> is opened: who commits (commitInfo.userName), the clock used for commits and
/// current_timestamp(), and initial <c>SET</c> values. Immutable.</summary>
public sealed record SessionOptions
{
    public static SessionOptions Default { get; } = new();

    /// <summary>commitInfo.userName and the catalog's created-by / dropped-by; defaults to the OS user.</summary>
    public string UserName { get; init; } = Environment.UserName;

    /// <summary>commitInfo.userId; null leaves it out.</summary>
    public string? UserId { get; init; }

    /// <summary>The clock for commits, catalog entries and current_timestamp().</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Initial session settings, as if set with <c>SET key = value</c>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a dropped managed table stays recoverable with UNDROP.</summary>
    public TimeSpan DropRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Threads a query may use (<see cref="Sql.SqlExecutionOptions.MaxDegreeOfParallelism"/>); null uses
    /// every core.</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
