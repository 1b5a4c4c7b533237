using System.Globalization;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;

namespace DeltaSharp.Tables.Log;

/// <summary>The reconciled state of one version (PROTOCOL.md "Action Reconciliation").</summary>
internal sealed record ReplayedState(
    LogSegment Segment,
    Protocol Protocol,
    Metadata Metadata,
    IReadOnlyList<AddFile> ActiveFiles,
    IReadOnlyDictionary<string, SetTransaction> SetTransactions,
    IReadOnlyDictionary<string, DomainMetadata> Domains,
    CommitInfo? CommitInfo);

/// <summary>
/// Log replay (PROTOCOL.md "Action Reconciliation"): commits newest first, then the checkpoint; the first action
/// seen per logical file (path, deletionVector.uniqueId) wins, the newest protocol and metaData win, txn per appId,
/// domainMetadata per domain (removed=true is a tombstone); the result is the surviving adds. The protocol is
/// checked (<see cref="ProtocolCheck"/>) as soon as it is known and before any checkpoint file action is read.
/// Stateless.
/// </summary>
internal static class LogReplay
{
    /// <summary>Rebuilds the state of <paramref name="segment"/>'s version.</summary>
    public static ReplayedState Replay(IFileStore store, LogSegment segment)
    {
        var state = new ReplayAccumulator();
        var table = segment.Listing.TableRoot;
        var interner = new Utf8Interner();
        for (var i = segment.Commits.Count - 1; i >= 0; i--)
        {
            var commit = segment.Commits[i];
            var isTarget = i == segment.Commits.Count - 1;
            var kinds = isTarget ? ActionKinds.State | ActionKinds.CommitInfo : ActionKinds.State;
            state.BeginCommit();
            ActionJsonReader.Read(ReadLogFile(store, commit.Path), kinds, state.Apply, commit.Name, interner);
            if (isTarget) state.TargetCommitInfo = state.LastCommitInfo;
        }
        if (state.Protocol is not null) ProtocolCheck.EnsureReadable(state.Protocol, table);

        if (segment.Checkpoint is { } checkpoint)
        {
            // Non-file actions first (small columns), so the protocol is checked before the large add column.
            var sidecars = new List<Sidecar>();
            state.BeginCheckpoint(sidecars);
            foreach (var file in checkpoint.Files)
                ReadCheckpointFile(store, file, checkpoint.IsJson, ActionKinds.NonFile, state.Apply, interner);
            if (state.Protocol is not null) ProtocolCheck.EnsureReadable(state.Protocol, table);
            RequireProtocolAndMetadata(state, segment);

            // File actions: only adds matter (a checkpoint is already reconciled; its removes are tombstones).
            foreach (var file in checkpoint.Files)
                ReadCheckpointFile(store, file, checkpoint.IsJson, ActionKinds.Add, state.ApplyCheckpointAdd, interner);
            foreach (var sidecar in sidecars)
                CheckpointReader.Read(store, SidecarPath(store, segment.Listing.LogPath, sidecar.Path), ActionKinds.Add, state.ApplyCheckpointAdd, interner);
        }
        RequireProtocolAndMetadata(state, segment);
        return new ReplayedState(segment, state.Protocol!, state.Metadata!, state.Active, state.Transactions, state.LiveDomains(), state.TargetCommitInfo);
    }

    /// <summary>Only the newest protocol and metaData of the segment (stops at the first commit that has both, else
    /// reads the checkpoint's small columns). Used where a snapshot's files are not needed.</summary>
    public static (Protocol Protocol, Metadata Metadata) ReadProtocolAndMetadata(IFileStore store, LogSegment segment)
    {
        Protocol? protocol = null;
        Metadata? metadata = null;
        void Take(DeltaAction a)
        {
            if (a is Protocol p) protocol ??= p;
            else if (a is Metadata m) metadata ??= m;
        }
        for (var i = segment.Commits.Count - 1; i >= 0 && (protocol is null || metadata is null); i--)
        {
            var commit = segment.Commits[i];
            ActionJsonReader.Read(ReadLogFile(store, commit.Path), ActionKinds.Protocol | ActionKinds.Metadata, Take, commit.Name);
        }
        if ((protocol is null || metadata is null) && segment.Checkpoint is { } checkpoint)
        {
            foreach (var file in checkpoint.Files)
                ReadCheckpointFile(store, file, checkpoint.IsJson, ActionKinds.Protocol | ActionKinds.Metadata, Take, new Utf8Interner());
        }
        if (protocol is null || metadata is null) throw StateMissing(segment, protocol is null ? "protocol" : "metaData");
        return (protocol, metadata);
    }

    /// <summary>The first commitInfo of a commit file (null when it has none).</summary>
    public static CommitInfo? ReadCommitInfo(IFileStore store, LogFile commit) =>
        ActionJsonReader.ReadCommitInfo(ReadLogFile(store, commit.Path), commit.Name);

    private static void ReadCheckpointFile(IFileStore store, LogFile file, bool isJson, ActionKinds kinds, Action<DeltaAction> visit, Utf8Interner interner)
    {
        if (isJson) ActionJsonReader.Read(ReadLogFile(store, file.Path), kinds, visit, file.Name, interner);
        else CheckpointReader.Read(store, file.Path, kinds, visit, interner);
    }

    private static byte[] ReadLogFile(IFileStore store, string path)
    {
        try
        {
            return store.ReadAll(path);
        }
        catch (FileNotFoundException e)
        {
            // Listed a moment ago: log cleanup removed it while we were reading.
            throw new DeltaException("DELTA_LOG_FILE_NOT_FOUND",
                $"The log file {path} disappeared while the table was being read (log cleanup ran concurrently?). Retry the read.", e);
        }
    }

    /// <summary>PROTOCOL.md "sidecar": a path relative to _delta_log/_sidecars (usually just a file name) or an
    /// absolute URI.</summary>
    internal static string SidecarPath(IFileStore store, string logPath, string path)
    {
        if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.IsFile) return uri.LocalPath;
        if (Path.IsPathRooted(path)) return path;
        return store.Combine(store.Combine(logPath, LogFileNames.SidecarFolder), Uri.UnescapeDataString(path));
    }

    private static void RequireProtocolAndMetadata(ReplayAccumulator state, LogSegment segment)
    {
        if (state.Protocol is null) throw StateMissing(segment, "protocol");
        if (state.Metadata is null) throw StateMissing(segment, "metaData");
    }

    private static DeltaException StateMissing(LogSegment segment, string action) =>
        new("DELTA_STATE_RECOVER_ERROR",
            string.Create(CultureInfo.InvariantCulture,
                $"The {action} of the table at {segment.Listing.TableRoot} could not be recovered while rebuilding version {segment.Version}: ") +
            $"no {action} action was found in {(segment.Checkpoint is { } c ? "the " + c.Describe() + " or the commits after it" : "its commits")}. " +
            "Were files in _delta_log deleted by hand?");

    /// <summary>Mutable replay state, newest action first.</summary>
    private sealed class ReplayAccumulator
    {
        private readonly HashSet<(string Path, string? DvId)> _seen = [];
        private readonly Dictionary<string, DomainMetadata> _domains = new(StringComparer.Ordinal);
        private List<Sidecar>? _sidecars;
        private bool _inCheckpoint;

        public Protocol? Protocol { get; private set; }
        public Metadata? Metadata { get; private set; }
        public List<AddFile> Active { get; } = [];
        public Dictionary<string, SetTransaction> Transactions { get; } = new(StringComparer.Ordinal);
        public CommitInfo? LastCommitInfo { get; private set; }
        public CommitInfo? TargetCommitInfo { get; set; }

        public void BeginCommit() => LastCommitInfo = null;

        public void BeginCheckpoint(List<Sidecar> sidecars)
        {
            _inCheckpoint = true;
            _sidecars = sidecars;
        }

        public void Apply(DeltaAction action)
        {
            switch (action)
            {
                case AddFile add:
                    if (_seen.Add((add.Path, add.DvUniqueId))) Active.Add(add);
                    break;
                case RemoveFile remove:
                    _seen.Add((remove.Path, remove.DvUniqueId));
                    break;
                case Metadata m:
                    Metadata ??= m;
                    break;
                case Protocol p:
                    Protocol ??= p;
                    break;
                case SetTransaction t:
                    Transactions.TryAdd(t.AppId, t);
                    break;
                case DomainMetadata d:
                    _domains.TryAdd(d.Domain, d);
                    break;
                case CommitInfo c:
                    LastCommitInfo ??= c;
                    break;
                case Sidecar s when _inCheckpoint:
                    _sidecars!.Add(s);
                    break;
            }
        }

        /// <summary>An add from the checkpoint: nothing older follows, so it only has to survive newer commits.</summary>
        public void ApplyCheckpointAdd(DeltaAction action)
        {
            if (action is not AddFile add) return;
            if (_seen.Count == 0 || !_seen.Contains((add.Path, add.DvUniqueId))) Active.Add(add);
        }

        public Dictionary<string, DomainMetadata> LiveDomains()
        {
            var live = new Dictionary<string, DomainMetadata>(_domains.Count, StringComparer.Ordinal);
            foreach (var (domain, d) in _domains)
                if (!d.Removed) live[domain] = d;
            return live;
        }
    }
}
