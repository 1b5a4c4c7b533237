using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The tombstones a checkpoint must keep (PROTOCOL.md "Checkpoints": files recently removed and not yet expired):
/// for every logical file (path, deletionVector.uniqueId) whose newest action is a remove, that remove, when its
/// deletionTimestamp is newer than the retention cutoff. Reads the log segment's commits newest first (their adds and
/// removes decide a logical file), then only the remove actions of its checkpoint and sidecars: a checkpoint is
/// reconciled (at most one action per logical file), so its removes are decided only by the commits after it — the
/// active files need not be looked at. Stateless.
/// </summary>
internal static class TombstoneCollector
{
    public static List<RemoveFile> Collect(IFileStore store, Snapshot snapshot, long minDeletionTimestamp)
    {
        var segment = snapshot.Segment ?? LogSegment.For(LogListing.Read(store, snapshot.TableRoot), snapshot.Version);
        return Collect(store, segment, minDeletionTimestamp);
    }

    public static List<RemoveFile> Collect(IFileStore store, LogSegment segment, long minDeletionTimestamp)
    {
        var decided = new HashSet<(string, string?)>();
        var result = new List<RemoveFile>();
        void Visit(DeltaAction action)
        {
            switch (action)
            {
                case AddFile a:
                    decided.Add((a.Path, a.DvUniqueId));
                    break;
                case RemoveFile r:
                    if (!decided.Add((r.Path, r.DvUniqueId))) return;
                    if (r.DeletionTimestamp is { } ts && ts > minDeletionTimestamp) result.Add(r);
                    break;
            }
        }

        for (var i = segment.Commits.Count - 1; i >= 0; i--)
        {
            var commit = segment.Commits[i];
            ActionJsonReader.Read(store.ReadAll(commit.Path), ActionKinds.Add | ActionKinds.Remove, Visit, commit.Name);
        }
        if (segment.Checkpoint is { } checkpoint)
        {
            var sidecars = new List<Sidecar>();
            void VisitWithSidecars(DeltaAction action)
            {
                if (action is Sidecar s) sidecars.Add(s);
                else Visit(action);
            }
            foreach (var file in checkpoint.Files)
            {
                if (checkpoint.IsJson) ActionJsonReader.Read(store.ReadAll(file.Path), ActionKinds.Remove | ActionKinds.Sidecar, VisitWithSidecars, file.Name);
                else CheckpointReader.Read(store, file.Path, checkpoint.Kind == LogFileKind.V2Checkpoint ? ActionKinds.Remove | ActionKinds.Sidecar : ActionKinds.Remove, VisitWithSidecars);
            }
            foreach (var sidecar in sidecars)
                CheckpointReader.Read(store, LogReplay.SidecarPath(store, segment.Listing.LogPath, sidecar.Path), ActionKinds.Remove, Visit);
        }
        return result;
    }
}
