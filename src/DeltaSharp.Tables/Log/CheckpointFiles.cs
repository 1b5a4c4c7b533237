using DeltaSharp.Storage;

namespace DeltaSharp.Tables.Log;

/// <summary>
/// One complete, usable checkpoint of a version: a classic file, all parts of a multi-part checkpoint (in part
/// order), or the top-level file of a v2 (UUID-named) checkpoint whose sidecars are found when it is read.
/// </summary>
internal sealed record CheckpointFiles(long Version, LogFileKind Kind, IReadOnlyList<LogFile> Files, bool IsJson)
{
    /// <summary>Preference among several checkpoints of one version (lower is preferred): a single classic file
    /// is the cheapest to open, then a v2 top-level file, then a multi-part set.</summary>
    public int Preference => Kind switch
    {
        LogFileKind.ClassicCheckpoint => 0,
        LogFileKind.V2Checkpoint => IsJson ? 2 : 1,
        _ => 3,
    };

    public string Describe() => Kind switch
    {
        LogFileKind.ClassicCheckpoint => $"classic checkpoint {Files[0].Name}",
        LogFileKind.MultiPartCheckpoint => $"{Files.Count}-part checkpoint at version {Version}",
        _ => $"v2 checkpoint {Files[0].Name}",
    };
}
