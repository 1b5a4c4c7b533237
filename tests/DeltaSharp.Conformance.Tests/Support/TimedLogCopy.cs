using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>
/// A temporary copy of a corpus table's _delta_log (data files are not needed to build snapshots or history) whose
/// commit files carry the modification times of <see cref="CommitTimeline"/>: git does not keep file times, so
/// time travel by timestamp and the retention rule are tested on such a copy (the corpus README "Time travel by
/// timestamp"). Deleted on dispose.
/// </summary>
internal sealed class TimedLogCopy : IDisposable
{
    private readonly TempDir _temp;

    private TimedLogCopy(TempDir temp, string tableDir, CommitTimeline timeline)
    {
        _temp = temp;
        TableDir = tableDir;
        Timeline = timeline;
    }

    /// <summary>The copy's table root (holds _delta_log).</summary>
    public string TableDir { get; }

    public CommitTimeline Timeline { get; }

    public string LogDir => Path.Combine(TableDir, "_delta_log");

    public static TimedLogCopy Of(DeltaCorpusTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var timeline = CommitTimeline.From(table.CommitTimestamps);
        var temp = new TempDir("deltasharp-conf-log");
        try
        {
            var root = Path.Combine(temp.Path, table.Name);
            TempDir.CopyTree(table.LogDir, Path.Combine(root, "_delta_log"));
            timeline.ApplyFileTimes(Path.Combine(root, "_delta_log"));
            return new TimedLogCopy(temp, root, timeline);
        }
        catch
        {
            temp.Dispose();
            throw;
        }
    }

    public void Dispose() => _temp.Dispose();
}
