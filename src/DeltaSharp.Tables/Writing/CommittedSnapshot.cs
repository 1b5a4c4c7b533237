using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The snapshot a commit leaves the table in, built from the snapshot the transaction read and the actions it wrote
/// (PROTOCOL.md "Action Reconciliation" applied to one newer commit: its first action per logical file wins over the
/// read state, the newest protocol/metaData, txn per appId, domains with removed=true as tombstones), so a
/// post-commit checkpoint does not list and replay the log again. Only valid when the commit is the version right
/// after the read one. Its timestamp is the commit's in-commit timestamp or commitInfo.timestamp. Stateless.
/// </summary>
internal static class CommittedSnapshot
{
    public static Snapshot Build(Snapshot read, long version, IReadOnlyList<DeltaAction> actions, LogFile commitFile)
    {
        if (version != read.Version + 1)
            throw new ArgumentOutOfRangeException(nameof(version), version, $"must be the version after the read one ({read.Version}).");
        var protocol = read.Protocol;
        var metadata = read.Metadata;
        var transactions = new Dictionary<string, SetTransaction>(read.SetTransactions, StringComparer.Ordinal);
        var domains = new Dictionary<string, DomainMetadata>(read.Domains, StringComparer.Ordinal);
        var seen = new HashSet<(string Path, string? DvId)>();
        var adds = new List<AddFile>();
        var timestamp = read.TimestampMillis;
        foreach (var action in actions)
        {
            switch (action)
            {
                case AddFile a:
                    if (seen.Add((a.Path, a.DvUniqueId))) adds.Add(a);
                    break;
                case RemoveFile r:
                    seen.Add((r.Path, r.DvUniqueId));
                    break;
                case Protocol p:
                    protocol = p;
                    break;
                case Metadata m:
                    metadata = m;
                    break;
                case SetTransaction t:
                    transactions[t.AppId] = t;
                    break;
                case DomainMetadata d:
                    if (d.Removed) domains.Remove(d.Domain);
                    else domains[d.Domain] = d;
                    break;
                case CommitInfo c:
                    timestamp = c.InCommitTimestamp ?? c.Timestamp ?? timestamp;
                    break;
            }
        }
        var active = new List<AddFile>(read.ActiveFiles.Count + adds.Count);
        if (seen.Count == 0) active.AddRange(read.ActiveFiles);
        else
            foreach (var f in read.ActiveFiles)
                if (!seen.Contains((f.Path, f.DvUniqueId))) active.Add(f);
        active.AddRange(adds);
        return new Snapshot(read.TableRoot, version, protocol, metadata, active, transactions, domains, timestamp, read.Options)
        {
            Segment = read.Segment?.WithNextCommit(commitFile),
        };
    }
}
