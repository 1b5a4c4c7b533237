using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The tombstones a checkpoint must keep (PROTOCOL.md "Checkpoints": files recently removed and not yet expired):
/// for every logical file (path, deletionVector.uniqueId) whose newest action is a remove, that remove, when its
/// deletionTimestamp is newer than the retention cutoff. Reads only remove actions of the snapshot's log segment
/// (its commits newest first, then the checkpoint and its sidecars); the active files say which keys were re-added.
/// Stateless.
/// </summary>
internal static class TombstoneCollector
{
    public static List<RemoveFile> Collect(IFileStore store, Snapshot snapshot, long minDeletionTimestamp)
    {
        var segment = snapshot.Segment ?? LogSegment.For(LogListing.Read(store, snapshot.TableRoot), snapshot.Version);
        var decided = new HashSet<(string, string?)>();
        foreach (var a in snapshot.ActiveFiles) decided.Add((a.Path, a.DvUniqueId));
        var result = new List<RemoveFile>();
        void Visit(DeltaAction action)
        {
            if (action is not RemoveFile r || !decided.Add((r.Path, r.DvUniqueId))) return;
            if (r.DeletionTimestamp is { } ts && ts > minDeletionTimestamp) result.Add(r);
        }

        for (var i = segment.Commits.Count - 1; i >= 0; i--)
        {
            var commit = segment.Commits[i];
            ActionJsonReader.Read(store.ReadAll(commit.Path), ActionKinds.Remove, Visit, commit.Name);
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
