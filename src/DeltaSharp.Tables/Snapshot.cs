using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;
using DeltaSharp.Tables.Scanning;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Tables;

/// <summary>
/// The state of a table at one version: protocol, metadata, active files, app transactions, domains. Immutable and
/// thread-safe. Built by the log replay (Log/); scanned with <see cref="Scan"/>; written with
/// <see cref="StartTransaction"/>.
/// </summary>
public sealed class Snapshot
{
    internal Snapshot(
        string tableRoot,
        long version,
        Protocol protocol,
        Metadata metadata,
        IReadOnlyList<AddFile> activeFiles,
        IReadOnlyDictionary<string, SetTransaction> setTransactions,
        IReadOnlyDictionary<string, DomainMetadata> domains,
        long timestampMillis,
        DeltaTableOptions options)
    {
        TableRoot = tableRoot;
        Version = version;
        Protocol = protocol;
        Metadata = metadata;
        ActiveFiles = activeFiles;
        SetTransactions = setTransactions;
        Domains = domains;
        TimestampMillis = timestampMillis;
        Options = options;
        Schema = SchemaJson.ParseStruct(metadata.SchemaString);
        Properties = TableProperties.From(metadata.Configuration);
    }

    /// <summary>The table's root folder (holds _delta_log).</summary>
    public string TableRoot { get; }

    public long Version { get; }

    public Protocol Protocol { get; }

    public Metadata Metadata { get; }

    /// <summary>The logical schema (field metadata keeps column-mapping ids and physical names).</summary>
    public StructType Schema { get; }

    public IReadOnlyList<string> PartitionColumns => Metadata.PartitionColumns;

    public TableProperties Properties { get; }

    /// <summary>The reconciled add actions, in no particular order.</summary>
    public IReadOnlyList<AddFile> ActiveFiles { get; }

    /// <summary>Latest txn per appId.</summary>
    public IReadOnlyDictionary<string, SetTransaction> SetTransactions { get; }

    /// <summary>Non-removed domain metadata per domain.</summary>
    public IReadOnlyDictionary<string, DomainMetadata> Domains { get; }

    /// <summary>The commit timestamp of <see cref="Version"/> (in-commit timestamp or monotonic file time), ms since epoch.</summary>
    public long TimestampMillis { get; }

    public DeltaTableOptions Options { get; }

    /// <summary>The log files this snapshot was rebuilt from (null for a snapshot not read from a log, e.g. one a
    /// writer builds after committing).</summary>
    internal LogSegment? Segment { get; init; }

    internal IFileStore Store => Options.FileStore;

    public ScanBuilder Scan() => new(this);

    /// <summary>A transaction that reads this snapshot and commits version <see cref="Version"/> + 1 (or later, after
    /// a conflict-free retry).</summary>
    public Transaction StartTransaction(string operation) => new(this, operation);
}
