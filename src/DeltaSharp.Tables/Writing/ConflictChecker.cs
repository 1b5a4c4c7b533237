using System.Text;
using DeltaSharp.Expressions;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>What a transaction read: the whole table, partition predicates, individual files (by log path), and
/// application ids (txn) it looked at. Immutable.</summary>
internal sealed record TransactionReads(
    bool WholeTable,
    IReadOnlyList<Expression> Predicates,
    IReadOnlyDictionary<string, AddFile> Files,
    IReadOnlySet<string> AppIds)
{
    public static TransactionReads None { get; } = new(false, [], new Dictionary<string, AddFile>(), new HashSet<string>());

    /// <summary>True when the transaction depends on the table's files (so it is not a blind append).</summary>
    public bool DependsOnFiles => WholeTable || Predicates.Count > 0 || Files.Count > 0;
}

/// <summary>The losing transaction as the conflict checker sees it: what it read (at <see cref="ReadVersion"/>),
/// the table state it read, its isolation level and the actions it wants to commit. Immutable.</summary>
internal sealed record PendingCommit(
    long ReadVersion,
    StructType ReadSchema,
    Metadata ReadMetadata,
    Protocol ReadProtocol,
    bool ColumnMapping,
    IsolationLevel Isolation,
    bool IsBlindAppend,
    TransactionReads Reads,
    IReadOnlyList<DeltaAction> Actions)
{
    public bool ChangesMetadata => Actions.Any(a => a is Metadata);
    public bool ChangesProtocol => Actions.Any(a => a is Protocol);
}

/// <summary>A commit that won a version the pending commit wanted, with its parsed actions.</summary>
internal sealed record WinningCommit(long Version, IReadOnlyList<DeltaAction> Actions)
{
    public CommitInfo? CommitInfo => Actions.OfType<CommitInfo>().FirstOrDefault();

    /// <summary>commitInfo.isBlindAppend; a commit without it is not a blind append.</summary>
    public bool IsBlindAppend => CommitInfo?.IsBlindAppend == true;

    public string Describe() => CommitInfo?.Operation is { } op ? $"version {Version}, {op}" : $"version {Version}";
}

/// <summary>
/// Delta's conflict detection (Spark's ConflictChecker) as a pure function: can a pending commit be re-applied on
/// top of a winning commit? Checks, in Spark's order: protocol changes, metadata changes, overlapping domain
/// metadata, app transactions the pending commit depends on, files added that it should have read (skipped for
/// blind appends; under WriteSerializable the winner's blind appends are ignored unless the pending commit changes
/// metadata), files it read that were removed, files both removed. Throws
/// <see cref="DeltaConcurrentModificationException"/> naming the winning version; returns normally when the
/// pending commit may be retried at the next version. Stateless.
/// </summary>
internal static class ConflictChecker
{
    private const string Retry = "Please try the operation again: read the latest version of the table and re-run it.";

    public static void Check(PendingCommit pending, WinningCommit winner)
    {
        CheckProtocol(pending, winner);
        CheckMetadata(pending, winner);
        CheckDomainMetadata(pending, winner);
        CheckAppTransactions(pending, winner);
        CheckAppends(pending, winner);
        CheckDeleteRead(pending, winner);
        CheckDeleteDelete(pending, winner);
    }

    private static void CheckProtocol(PendingCommit pending, WinningCommit winner)
    {
        var protocol = winner.Actions.OfType<Protocol>().FirstOrDefault();
        if (protocol is null) return;
        // A protocol action that repeats the one we read changes nothing; any real change may add requirements
        // this commit was not prepared for, so it conflicts (Spark fails on its own protocol change too).
        if (!pending.ChangesProtocol && SameProtocol(protocol, pending.ReadProtocol)) return;
        throw Conflict(ConflictKind.ProtocolChanged, "DELTA_PROTOCOL_CHANGED", winner,
            $"The protocol version of the Delta table has been changed by a concurrent update ({winner.Describe()}). {Retry}");
    }

    private static bool SameProtocol(Protocol a, Protocol b) =>
        a.MinReaderVersion == b.MinReaderVersion && a.MinWriterVersion == b.MinWriterVersion
        && SameSet(a.ReaderFeatures, b.ReaderFeatures) && SameSet(a.WriterFeatures, b.WriterFeatures);

    private static bool SameSet(IReadOnlyList<string>? a, IReadOnlyList<string>? b) =>
        (a ?? []).Order(StringComparer.Ordinal).SequenceEqual((b ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal);

    private static void CheckMetadata(PendingCommit pending, WinningCommit winner)
    {
        if (!winner.Actions.OfType<Metadata>().Any()) return;
        throw Conflict(ConflictKind.MetadataChanged, "DELTA_METADATA_CHANGED", winner,
            $"The metadata of the Delta table has been changed by a concurrent update ({winner.Describe()}). {Retry}");
    }

    private static void CheckDomainMetadata(PendingCommit pending, WinningCommit winner)
    {
        var theirs = winner.Actions.OfType<DomainMetadata>().Select(d => d.Domain).ToHashSet(StringComparer.Ordinal);
        if (theirs.Count == 0) return;
        foreach (var d in pending.Actions.OfType<DomainMetadata>())
        {
            if (!theirs.Contains(d.Domain)) continue;
            throw Conflict(ConflictKind.ConcurrentTransaction, "DELTA_CONCURRENT_TRANSACTION", winner,
                $"A conflicting metadata domain '{d.Domain}' was changed by a concurrent update ({winner.Describe()}). Read the domain again and re-run the operation.");
        }
    }

    private static void CheckAppTransactions(PendingCommit pending, WinningCommit winner)
    {
        var ours = new HashSet<string>(pending.Reads.AppIds, StringComparer.Ordinal);
        foreach (var t in pending.Actions.OfType<SetTransaction>()) ours.Add(t.AppId);
        foreach (var t in winner.Actions.OfType<SetTransaction>())
        {
            if (!ours.Contains(t.AppId)) continue;
            throw Conflict(ConflictKind.ConcurrentTransaction, "DELTA_CONCURRENT_TRANSACTION", winner,
                $"A concurrent update ({winner.Describe()}) committed a transaction for application id '{t.AppId}' (version {t.Version}), which this transaction also depends on. "
                + "Is another instance of the same application writing this table? Make sure only one writer uses this application id, then re-run the operation.");
        }
    }

    private static void CheckAppends(PendingCommit pending, WinningCommit winner)
    {
        if (pending.IsBlindAppend) return; // blind appends read nothing
        IEnumerable<AddFile> candidates = pending.Isolation switch
        {
            IsolationLevel.SnapshotIsolation => [],
            IsolationLevel.WriteSerializable when !pending.ChangesMetadata => winner.IsBlindAppend ? [] : winner.Actions.OfType<AddFile>(),
            _ => winner.Actions.OfType<AddFile>(),
        };
        var partitioned = pending.ReadMetadata.PartitionColumns.Count > 0;
        PartitionPredicateEvaluator? evaluator = null;
        foreach (var add in candidates)
        {
            bool matches;
            if (pending.Reads.WholeTable || !partitioned) matches = true;
            else
            {
                evaluator ??= new PartitionPredicateEvaluator(pending.ReadSchema, pending.ReadMetadata.PartitionColumns, pending.ColumnMapping);
                matches = pending.Reads.Predicates.Any(p => evaluator.MayMatch(p, add.PartitionValues));
            }
            if (!matches) continue;
            throw Conflict(ConflictKind.ConcurrentAppend, "DELTA_CONCURRENT_APPEND", winner,
                $"Files were added to {PartitionText(pending, add.PartitionValues)} by a concurrent update ({winner.Describe()}). {Retry}");
        }
    }

    private static void CheckDeleteRead(PendingCommit pending, WinningCommit winner)
    {
        foreach (var r in winner.Actions.OfType<RemoveFile>())
        {
            if (pending.Reads.Files.TryGetValue(r.Path, out var read))
                throw Conflict(ConflictKind.ConcurrentDeleteRead, "DELTA_CONCURRENT_DELETE_READ", winner,
                    $"This transaction attempted to read one or more files that were deleted (for example {r.Path} in {PartitionText(pending, read.PartitionValues)}) by a concurrent update ({winner.Describe()}). {Retry}");
            if (pending.Reads.WholeTable)
                throw Conflict(ConflictKind.ConcurrentDeleteRead, "DELTA_CONCURRENT_DELETE_READ", winner,
                    $"This transaction read the whole table, and a concurrent update ({winner.Describe()}) deleted files from it (for example {r.Path}). {Retry}");
        }
    }

    private static void CheckDeleteDelete(PendingCommit pending, WinningCommit winner)
    {
        var ours = new Dictionary<string, RemoveFile>(StringComparer.Ordinal);
        foreach (var r in pending.Actions.OfType<RemoveFile>()) ours.TryAdd(r.Path, r);
        if (ours.Count == 0) return;
        foreach (var r in winner.Actions.OfType<RemoveFile>())
        {
            if (!ours.TryGetValue(r.Path, out var mine)) continue;
            throw Conflict(ConflictKind.ConcurrentDeleteDelete, "DELTA_CONCURRENT_DELETE_DELETE", winner,
                $"This transaction attempted to delete one or more files that were deleted (for example {r.Path} in {PartitionText(pending, mine.PartitionValues)}) by a concurrent update ({winner.Describe()}). {Retry}");
        }
    }

    /// <summary>"partition [a=1, b=x]" or "the root of the table".</summary>
    private static string PartitionText(PendingCommit pending, IReadOnlyDictionary<string, string?>? values)
    {
        if (pending.ReadMetadata.PartitionColumns.Count == 0 || values is null || values.Count == 0) return "the root of the table";
        var sb = new StringBuilder("partition [");
        var first = true;
        foreach (var (k, v) in values)
        {
            if (!first) sb.Append(", ");
            first = false;
            sb.Append(k).Append('=').Append(v ?? "null");
        }
        return sb.Append(']').ToString();
    }

    private static DeltaConcurrentModificationException Conflict(ConflictKind kind, string errorClass, WinningCommit winner, string message) =>
        new(kind, errorClass, message, winner.Version);
}
