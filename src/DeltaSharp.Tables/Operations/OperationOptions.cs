namespace DeltaSharp.Tables.Operations;

/// <summary>Options shared by the whole-table operations (Append, Overwrite, Truncate, CreateTable,
/// CreateOrReplace). Immutable.</summary>
public sealed record OperationOptions
{
    public static OperationOptions Default { get; } = new();

    /// <summary>commitInfo.userMetadata.</summary>
    public string? UserMetadata { get; init; }

    /// <summary>WRITE's partitionBy parameter (Spark records [] for SQL INSERT; a DataFrame writer with
    /// partitionBy records its columns).</summary>
    public IReadOnlyList<string> PartitionBy { get; init; } = [];

    /// <summary>Called with the transaction before any data is written (operations on an existing table only):
    /// record extra reads (e.g. INSERT … SELECT from the same table), application transactions, etc.</summary>
    public Action<Writing.Transaction>? Configure { get; init; }
}
