using System.Globalization;

namespace DeltaSharp.Tables.Log;

/// <summary>What a file in _delta_log is (PROTOCOL.md "Delta Log Entries", "Checkpoints", "Log Compaction Files",
/// "Version Checksum File").</summary>
internal enum LogFileKind
{
    Commit,
    ClassicCheckpoint,
    MultiPartCheckpoint,
    V2Checkpoint,
    Compaction,
    Checksum,
}

/// <summary>A parsed log file name. <see cref="Part"/>/<see cref="Parts"/> only for multi-part checkpoints,
/// <see cref="EndVersion"/> only for compaction files, <see cref="IsJson"/> for v2 checkpoints.</summary>
internal readonly record struct LogFileName(LogFileKind Kind, long Version, int Part = 0, int Parts = 0, long EndVersion = 0, bool IsJson = false)
{
    public bool IsCheckpoint => Kind is LogFileKind.ClassicCheckpoint or LogFileKind.MultiPartCheckpoint or LogFileKind.V2Checkpoint;
}

/// <summary>
/// Formats and parses _delta_log file names: 20-digit zero-padded versions, 10-digit checkpoint part numbers.
/// Anything else (temp files, `_last_checkpoint`, folders such as `.tmp/` or `_sidecars/`) is not a log file.
/// </summary>
internal static class LogFileNames
{
    public const string LogFolder = "_delta_log";
    public const string SidecarFolder = "_sidecars";
    public const string LastCheckpoint = "_last_checkpoint";

    private const int VersionDigits = 20;
    private const int PartDigits = 10;

    public static string Version(long version)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(version);
        return version.ToString("D20", CultureInfo.InvariantCulture);
    }

    public static string Commit(long version) => Version(version) + ".json";

    public static string Checksum(long version) => Version(version) + ".crc";

    public static string ClassicCheckpoint(long version) => Version(version) + ".checkpoint.parquet";

    public static string MultiPartCheckpoint(long version, int part, int parts) =>
        string.Create(CultureInfo.InvariantCulture, $"{Version(version)}.checkpoint.{part:D10}.{parts:D10}.parquet");

    public static string V2Checkpoint(long version, Guid id, bool json) =>
        $"{Version(version)}.checkpoint.{id:D}.{(json ? "json" : "parquet")}";

    public static string Compaction(long from, long to) => $"{Version(from)}.{Version(to)}.compacted.json";

    /// <summary>Parses a file name (no folder). False for anything that is not a commit, checkpoint, compaction or
    /// checksum file.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out LogFileName parsed)
    {
        parsed = default;
        if (name.Length < VersionDigits + 2 || name[VersionDigits] != '.' || !TryDigits(name[..VersionDigits], out var version))
            return false;
        var rest = name[(VersionDigits + 1)..];
        if (rest.SequenceEqual("json"))
        {
            parsed = new LogFileName(LogFileKind.Commit, version);
            return true;
        }
        if (rest.SequenceEqual("crc"))
        {
            parsed = new LogFileName(LogFileKind.Checksum, version);
            return true;
        }
        if (rest.StartsWith("checkpoint."))
        {
            var tail = rest["checkpoint.".Length..];
            if (tail.SequenceEqual("parquet"))
            {
                parsed = new LogFileName(LogFileKind.ClassicCheckpoint, version);
                return true;
            }
            // <part:10>.<parts:10>.parquet
            if (tail.Length == PartDigits * 2 + 1 + ".parquet".Length && tail[PartDigits] == '.' && tail.EndsWith(".parquet")
                && TryDigits(tail[..PartDigits], out var part) && TryDigits(tail.Slice(PartDigits + 1, PartDigits), out var parts)
                && part >= 1 && part <= parts && parts <= int.MaxValue)
            {
                parsed = new LogFileName(LogFileKind.MultiPartCheckpoint, version, (int)part, (int)parts);
                return true;
            }
            // <uuid>.json | <uuid>.parquet
            var json = tail.EndsWith(".json");
            if (json || tail.EndsWith(".parquet"))
            {
                var id = tail[..tail.LastIndexOf('.')];
                if (Guid.TryParseExact(id, "D", out _))
                {
                    parsed = new LogFileName(LogFileKind.V2Checkpoint, version, IsJson: json);
                    return true;
                }
            }
            return false;
        }
        // <from:20>.<to:20>.compacted.json
        if (rest.Length == VersionDigits + ".compacted.json".Length && rest.EndsWith(".compacted.json")
            && TryDigits(rest[..VersionDigits], out var to) && to > version)
        {
            parsed = new LogFileName(LogFileKind.Compaction, version, EndVersion: to);
            return true;
        }
        return false;
    }

    private static bool TryDigits(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9') return false;
            if (value > (long.MaxValue - (c - '0')) / 10) return false; // beyond a long: not a version we can hold
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
