namespace DeltaSharp.Tables.Actions;

// The action model of PROTOCOL.md "Actions". One record per action; field names follow the protocol.
// Records are immutable; optional protocol fields are nullable. Unknown JSON fields are dropped by the reader.

/// <summary>Base of every log action.</summary>
public abstract record DeltaAction;

/// <summary>`protocol`: the reader/writer versions and, from reader 3 / writer 7, the table features.</summary>
public sealed record Protocol(
    int MinReaderVersion,
    int MinWriterVersion,
    IReadOnlyList<string>? ReaderFeatures = null,
    IReadOnlyList<string>? WriterFeatures = null) : DeltaAction
{
    public bool SupportsReaderFeatures => MinReaderVersion >= 3;
    public bool SupportsWriterFeatures => MinWriterVersion >= 7;
    public bool HasReaderFeature(string name) => ReaderFeatures?.Contains(name) == true;
    public bool HasWriterFeature(string name) => WriterFeatures?.Contains(name) == true;
}

/// <summary>`metaData.format`.</summary>
public sealed record FileFormat(string Provider = "parquet", IReadOnlyDictionary<string, string>? Options = null);

/// <summary>`metaData`: table id, schema (JSON text as in the log), partition columns, configuration.</summary>
public sealed record Metadata(
    string Id,
    string SchemaString,
    IReadOnlyList<string> PartitionColumns,
    IReadOnlyDictionary<string, string> Configuration,
    FileFormat Format,
    string? Name = null,
    string? Description = null,
    long? CreatedTime = null) : DeltaAction;

/// <summary>`deletionVector` descriptor (PROTOCOL.md "Deletion Vector Descriptor Schema").
/// StorageType: "u" (relative path, Z85 UUID with optional prefix), "i" (inline Z85 bitmap), "p" (absolute path).</summary>
public sealed record DeletionVectorDescriptor(
    string StorageType,
    string PathOrInlineDv,
    int? Offset,
    int SizeInBytes,
    long Cardinality)
{
    /// <summary>storageType + pathOrInlineDv, plus "@offset" when an offset is present (the protocol's uniqueId).</summary>
    public string UniqueId => Offset is { } o ? $"{StorageType}{PathOrInlineDv}@{o}" : StorageType + PathOrInlineDv;
}

/// <summary>Common shape of `add` and `remove`: both are keyed by (path, deletionVector.uniqueId).</summary>
public abstract record FileAction(string Path, bool DataChange, DeletionVectorDescriptor? DeletionVector) : DeltaAction
{
    /// <summary>The reconciliation key's DV part (null when there is no DV).</summary>
    public string? DvUniqueId => DeletionVector?.UniqueId;
}

/// <summary>`add`. <see cref="Path"/> is exactly as in the log (a URL-encoded relative path or an absolute URI).
/// <see cref="PartitionValues"/> maps partition column (physical name under column mapping) to its raw string (or null).</summary>
public sealed record AddFile(
    string Path,
    IReadOnlyDictionary<string, string?> PartitionValues,
    long Size,
    long ModificationTime,
    bool DataChange,
    string? Stats = null,
    IReadOnlyDictionary<string, string?>? Tags = null,
    DeletionVectorDescriptor? DeletionVector = null,
    long? BaseRowId = null,
    long? DefaultRowCommitVersion = null,
    string? ClusteringProvider = null) : FileAction(Path, DataChange, DeletionVector);

/// <summary>`remove`: a logical file deleted from the table (kept as a tombstone until retention expires).</summary>
public sealed record RemoveFile(
    string Path,
    long? DeletionTimestamp,
    bool DataChange,
    bool? ExtendedFileMetadata = null,
    IReadOnlyDictionary<string, string?>? PartitionValues = null,
    long? Size = null,
    string? Stats = null,
    IReadOnlyDictionary<string, string?>? Tags = null,
    DeletionVectorDescriptor? DeletionVector = null,
    long? BaseRowId = null,
    long? DefaultRowCommitVersion = null) : FileAction(Path, DataChange, DeletionVector);

/// <summary>`cdc`: a change data file (not part of the table's state).</summary>
public sealed record AddCdcFile(
    string Path,
    IReadOnlyDictionary<string, string?> PartitionValues,
    long Size,
    bool DataChange,
    IReadOnlyDictionary<string, string?>? Tags = null) : DeltaAction;

/// <summary>`txn`: an application's last committed version (idempotent writes).</summary>
public sealed record SetTransaction(string AppId, long Version, long? LastUpdated = null) : DeltaAction;

/// <summary>`domainMetadata`.</summary>
public sealed record DomainMetadata(string Domain, string Configuration, bool Removed) : DeltaAction;

/// <summary>`checkpointMetadata` (v2 checkpoints).</summary>
public sealed record CheckpointMetadata(long Version, IReadOnlyDictionary<string, string?>? Tags = null) : DeltaAction;

/// <summary>`sidecar` (v2 checkpoints): a file in _delta_log/_sidecars holding add/remove actions.</summary>
public sealed record Sidecar(string Path, long SizeInBytes, long ModificationTime, IReadOnlyDictionary<string, string?>? Tags = null) : DeltaAction;

/// <summary>
/// `commitInfo`: provenance of a commit (free-form in the protocol). Known fields are typed; the raw JSON object is
/// kept in <see cref="RawJson"/> when read from a log so history shows everything the writer recorded.
/// Spark writes operationParameters values as JSON-encoded strings and operationMetrics values as strings.
/// </summary>
public sealed record CommitInfo : DeltaAction
{
    public long? Timestamp { get; init; }
    public long? InCommitTimestamp { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public string? Operation { get; init; }
    public IReadOnlyDictionary<string, string>? OperationParameters { get; init; }
    public long? ReadVersion { get; init; }
    public string? IsolationLevel { get; init; }
    public bool? IsBlindAppend { get; init; }
    public IReadOnlyDictionary<string, string>? OperationMetrics { get; init; }
    public string? UserMetadata { get; init; }
    public string? EngineInfo { get; init; }
    public string? TxnId { get; init; }
    public string? ClusterId { get; init; }
    public string? RawJson { get; init; }
}
