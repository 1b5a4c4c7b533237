using System.Globalization;
using DeltaSharp.Conformance.Tests.Support;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;
using Xunit.Abstractions;

namespace DeltaSharp.Conformance.Tests.Corpus;

/// <summary>
/// Time travel by timestamp on every readable corpus table (copied log with commit file times set, see
/// <see cref="TimedLogCopy"/>): at each commit's timestamp the snapshot is that commit; 1 ms earlier it is the
/// previous commit (or DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION before the first); 1 ms after the latest commit
/// it is DELTA_TIMESTAMP_GREATER_THAN_COMMIT. In-commit-timestamp versions use commitInfo.inCommitTimestamp (their
/// files get a different time on purpose).
/// </summary>
public sealed class TimestampTimeTravelTests(ITestOutputHelper output)
{
    public const string EarlierThanFirstCommit = "DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION";
    public const string GreaterThanLatestCommit = "DELTA_TIMESTAMP_GREATER_THAN_COMMIT";

    [Theory]
    [MemberData(nameof(CorpusCases.ReadableTables), MemberType = typeof(CorpusCases))]
    public void AtTimestamp_ReturnsTheLatestCommitAtOrBeforeIt(string table)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        var meta = DeltaConformanceCorpus.Table(table);
        if (meta.CommitTimestamps.Count == 0)
        {
            output.WriteLine($"{table}: meta.json lists no commit files; nothing to travel to");
            return;
        }
        using var copy = TimedLogCopy.Of(meta);
        var deltaTable = DeltaTable.ForPath(copy.TableDir, EngineReader.ConformanceOptions);
        var failures = new List<string>();
        foreach (var t in copy.Timeline.ProbeTimestamps())
        {
            var expected = copy.Timeline.Resolve(t);
            var at = $"AtTimestamp({Iso(t)})";
            if (expected.Kind == ResolutionKind.Ambiguous)
            {
                output.WriteLine($"{at}: not checked, the table's commit timestamps are not monotonic around it");
                continue;
            }
            Snapshot? snapshot = null;
            var thrown = Record.Exception(() => snapshot = deltaTable.AtTimestamp(DateTimeOffset.FromUnixTimeMilliseconds(t)));
            switch (expected.Kind)
            {
                case ResolutionKind.Version when meta.VersionsNotReconstructable.Contains(expected.Version):
                    if (thrown is not DeltaException)
                        failures.Add($"{at}: version {expected.Version} cannot be reconstructed, expected a DeltaException but got " +
                                     (thrown is null ? $"version {snapshot!.Version}" : ExpectedErrors.Show(thrown)));
                    break;
                case ResolutionKind.Version:
                    if (thrown is not null)
                        failures.Add($"{at}: expected version {expected.Version} but got {ExpectedErrors.Show(thrown)}");
                    else if (snapshot!.Version != expected.Version)
                        failures.Add($"{at}: expected version {expected.Version} but got version {snapshot.Version}");
                    else if (snapshot.TimestampMillis != CommitMillis(copy.Timeline, expected.Version))
                        failures.Add($"{at}: version {expected.Version}'s TimestampMillis is {Iso(snapshot.TimestampMillis)}, expected its commit timestamp {Iso(CommitMillis(copy.Timeline, expected.Version))}");
                    break;
                case ResolutionKind.EarlierThanFirstCommit:
                    ExpectError(failures, at, thrown, snapshot, EarlierThanFirstCommit);
                    break;
                case ResolutionKind.GreaterThanLatestCommit:
                    ExpectError(failures, at, thrown, snapshot, GreaterThanLatestCommit);
                    break;
            }
        }
        if (failures.Count > 0)
            Assert.Fail($"{table}: {failures.Count} timestamp(s) resolved wrongly. Commit timestamps: " +
                        string.Join(", ", copy.Timeline.Commits.Select(c => $"v{c.Version}={Iso(c.CommitMillis)}{(c.InCommitTimestamp ? " (ICT)" : "")}")) +
                        "\n- " + string.Join("\n- ", failures));
    }

    private static void ExpectError(List<string> failures, string at, Exception? thrown, Snapshot? snapshot, string errorClass)
    {
        if (thrown is DeltaException { ErrorClass: var c } && c == errorClass) return;
        failures.Add($"{at}: expected DeltaException {errorClass} but got " +
                     (thrown is null ? $"version {snapshot!.Version}" : ExpectedErrors.Show(thrown)));
    }

    private static long CommitMillis(CommitTimeline timeline, long version) =>
        timeline.Commits.Single(c => c.Version == version).CommitMillis;

    private static string Iso(long millis) =>
        DateTimeOffset.FromUnixTimeMilliseconds(millis).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
