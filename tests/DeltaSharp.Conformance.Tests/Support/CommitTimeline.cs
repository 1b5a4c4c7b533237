using System.Globalization;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>One commit file of a timeline: the modification time the test gives <c>_delta_log/&lt;v&gt;.json</c>
/// and the commit timestamp a correct reader then sees.</summary>
internal sealed record TimelineCommit(long Version, long FileMillis, long CommitMillis, bool InCommitTimestamp);

/// <summary>What <c>AtTimestamp(t)</c> must do for a timestamp t.</summary>
internal enum ResolutionKind
{
    /// <summary>Return <see cref="TimestampResolution.Version"/>.</summary>
    Version,

    /// <summary>t is before the earliest commit: DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION.</summary>
    EarlierThanFirstCommit,

    /// <summary>t is after the latest commit: DELTA_TIMESTAMP_GREATER_THAN_COMMIT.</summary>
    GreaterThanLatestCommit,

    /// <summary>Commit timestamps are not monotonic around t (a protocol violation in the table), so "the latest
    /// commit at or before t" depends on the search; nothing is asserted.</summary>
    Ambiguous,
}

internal sealed record TimestampResolution(ResolutionKind Kind, long Version = -1);

/// <summary>
/// The commit timestamps of a corpus table as a reader must see them after the test has set file modification
/// times (the corpus README "Time travel by timestamp"). A version with in-commit timestamps uses
/// commitInfo.inCommitTimestamp, and its file gets a different time (one day later) so a reader that wrongly uses
/// the file time is caught. Other versions use the file time, which the test sets to commitInfo.timestamp
/// (or, without commitInfo, one minute after the previous commit), adjusted to be strictly increasing as Delta does
/// for file times (a time not after the previous commit's becomes previous + 1 ms).
/// </summary>
internal sealed class CommitTimeline
{
    private const long SyntheticStartMillis = 1_600_000_000_000;
    private const long SyntheticStepMillis = 60_000;
    private const long IctFileOffsetMillis = 86_400_000;

    private CommitTimeline(IReadOnlyList<TimelineCommit> commits) => Commits = commits;

    /// <summary>Commit files present, by version.</summary>
    public IReadOnlyList<TimelineCommit> Commits { get; }

    public TimelineCommit Latest => Commits[^1];

    public static CommitTimeline From(IReadOnlyList<CorpusCommitTimestamp> timestamps)
    {
        ArgumentNullException.ThrowIfNull(timestamps);
        if (timestamps.Count == 0) throw new ArgumentException("A timeline needs at least one commit.", nameof(timestamps));
        var commits = new List<TimelineCommit>();
        long? previousFileCommit = null; // the last adjusted file-time commit timestamp
        long? previous = null;
        foreach (var t in timestamps.OrderBy(t => t.Version))
        {
            if (t.IsInCommitTimestamp && t.TimestampMillis is { } ict)
            {
                commits.Add(new TimelineCommit(t.Version, ict + IctFileOffsetMillis, ict, true));
                previous = ict;
                continue;
            }
            var file = t.TimestampMillis ?? (previous ?? SyntheticStartMillis) + SyntheticStepMillis;
            var commit = previousFileCommit is { } p && file <= p ? p + 1 : file;
            commits.Add(new TimelineCommit(t.Version, file, commit, false));
            previousFileCommit = commit;
            previous = commit;
        }
        return new CommitTimeline(commits);
    }

    /// <summary>Sets the modification time of each commit file under <paramref name="logDir"/>.</summary>
    public void ApplyFileTimes(string logDir)
    {
        foreach (var c in Commits)
        {
            var path = Path.Combine(logDir, c.Version.ToString("D20", CultureInfo.InvariantCulture) + ".json");
            File.SetLastWriteTimeUtc(path, DateTimeOffset.FromUnixTimeMilliseconds(c.FileMillis).UtcDateTime);
        }
    }

    /// <summary>What AtTimestamp(<paramref name="millis"/>) must return: the latest version whose commit timestamp is
    /// at or before it, provided the set of such versions is a prefix of the timeline (always so when timestamps
    /// increase).</summary>
    public TimestampResolution Resolve(long millis)
    {
        var atOrBefore = Commits.Select(c => c.CommitMillis <= millis).ToList();
        var count = atOrBefore.Count(x => x);
        if (!atOrBefore.Take(count).All(x => x)) return new TimestampResolution(ResolutionKind.Ambiguous);
        if (count == 0) return new TimestampResolution(ResolutionKind.EarlierThanFirstCommit);
        if (millis > Latest.CommitMillis)
            return count == Commits.Count
                ? new TimestampResolution(ResolutionKind.GreaterThanLatestCommit)
                : new TimestampResolution(ResolutionKind.Ambiguous);
        return new TimestampResolution(ResolutionKind.Version, Commits[count - 1].Version);
    }

    /// <summary>The timestamps worth probing: each commit's timestamp, 1 ms before it, and 1 ms after the latest.</summary>
    public IReadOnlyList<long> ProbeTimestamps()
    {
        var probes = new SortedSet<long>();
        foreach (var c in Commits)
        {
            probes.Add(c.CommitMillis);
            probes.Add(c.CommitMillis - 1);
        }
        probes.Add(Latest.CommitMillis + 1);
        return [.. probes];
    }
}
