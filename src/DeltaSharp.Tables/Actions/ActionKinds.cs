namespace DeltaSharp.Tables.Actions;

/// <summary>Which action kinds a log reader materialises; the others are skipped without being parsed.</summary>
[Flags]
public enum ActionKinds
{
    None = 0,
    Protocol = 1 << 0,
    Metadata = 1 << 1,
    Add = 1 << 2,
    Remove = 1 << 3,
    Cdc = 1 << 4,
    Txn = 1 << 5,
    DomainMetadata = 1 << 6,
    CommitInfo = 1 << 7,
    CheckpointMetadata = 1 << 8,
    Sidecar = 1 << 9,

    /// <summary>add and remove.</summary>
    File = Add | Remove,

    /// <summary>What a snapshot's state is made of (PROTOCOL.md "Action Reconciliation"): no commitInfo, no cdc.</summary>
    State = Protocol | Metadata | Add | Remove | Txn | DomainMetadata,

    /// <summary>Actions that are not file actions and are small: protocol, metaData, txn, domainMetadata and the
    /// v2 checkpoint actions.</summary>
    NonFile = Protocol | Metadata | Txn | DomainMetadata | CheckpointMetadata | Sidecar,

    All = Protocol | Metadata | Add | Remove | Cdc | Txn | DomainMetadata | CommitInfo | CheckpointMetadata | Sidecar,
}
