namespace DeltaSharp.Sql.Catalog;

/// <summary>Which snapshot of a table a reference reads.</summary>
public enum TableVersionKind
{
    /// <summary>The current version.</summary>
    Latest,
    /// <summary><c>VERSION AS OF n</c>, <c>t@v123</c>.</summary>
    Version,
    /// <summary><c>TIMESTAMP AS OF expr</c>, <c>t@yyyyMMddHHmmssSSS</c>: the latest version committed at or before the instant.</summary>
    Timestamp,
}

/// <summary>
/// An evaluated time-travel clause: the binder has already folded <c>TIMESTAMP AS OF expr</c> into an instant (in
/// the session time zone) and checked <c>VERSION AS OF</c> for a non-negative integer. Immutable.
/// </summary>
public sealed record TableVersionSpec
{
    private TableVersionSpec(TableVersionKind kind, long version, DateTimeOffset timestamp)
    {
        Kind = kind;
        Version = version;
        Timestamp = timestamp;
    }

    public static TableVersionSpec Latest { get; } = new(TableVersionKind.Latest, -1, default);

    public static TableVersionSpec AtVersion(long version) => new(TableVersionKind.Version, version, default);

    public static TableVersionSpec AtTimestamp(DateTimeOffset timestamp) => new(TableVersionKind.Timestamp, -1, timestamp);

    public TableVersionKind Kind { get; }

    /// <summary>The version for <see cref="TableVersionKind.Version"/>; -1 otherwise.</summary>
    public long Version { get; }

    /// <summary>The instant for <see cref="TableVersionKind.Timestamp"/> (UTC); default otherwise.</summary>
    public DateTimeOffset Timestamp { get; }

    public bool IsLatest => Kind == TableVersionKind.Latest;

    public override string ToString() => Kind switch
    {
        TableVersionKind.Version => $"VERSION AS OF {Version}",
        TableVersionKind.Timestamp => $"TIMESTAMP AS OF '{Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}Z'",
        _ => "latest",
    };
}
