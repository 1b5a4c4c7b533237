using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace DeltaSharp.TestSupport;

/// <summary>One entry of meta.json <c>commitTimestamps</c>: the commit timestamp of a commit file present in the
/// log (ms since the epoch; null when the commit has no commitInfo) and where it comes from.</summary>
internal sealed record CorpusCommitTimestamp(long Version, long? TimestampMillis, string Source, long? CommitInfoTimestamp, string? Operation)
{
    /// <summary>True when the timestamp is commitInfo.inCommitTimestamp (in-commit timestamps enabled for the version).</summary>
    public bool IsInCommitTimestamp => Source == "commitInfo.inCommitTimestamp";
}

/// <summary>Table-level facts of a corpus table (its expected/meta.json, see the corpus README "meta.json").</summary>
internal sealed record DeltaCorpusTable(
    string Name,
    string Dir,
    long LatestVersion,
    long EarliestReconstructableVersion,
    IReadOnlyList<long> VersionsNotReconstructable,
    IReadOnlyList<long> ExpectedVersions,
    bool ExpectReadFailure,
    string? FailureReason,
    IReadOnlyList<string> PartitionColumns,
    string ColumnMappingMode,
    IReadOnlyDictionary<string, string> TableProperties,
    IReadOnlyList<CorpusCommitTimestamp> CommitTimestamps)
{
    public string LogDir => Path.Combine(Dir, "_delta_log");

    public string ExpectedFile(long version) => Path.Combine(Dir, "expected", version.ToString(CultureInfo.InvariantCulture) + ".json");
}

/// <summary>
/// The Delta conformance corpus (shared/conformance/tables, see its README): every folder with an
/// expected/meta.json is a table, and every expected/&lt;version&gt;.json an expected read result. Nothing is
/// hard-coded, so a table added to the corpus is picked up without a code change. Read-only; thread-safe.
/// </summary>
internal static class DeltaConformanceCorpus
{
    /// <summary>The theory value used when the corpus is missing, so the run fails instead of running nothing.</summary>
    public const string Missing = "(conformance corpus not found)";

    private static readonly ConcurrentDictionary<string, DeltaCorpusTable> Tables = new(StringComparer.Ordinal);

    public static string TablesDir => RepoPaths.ConformanceTablesDir;

    public static bool Exists => Directory.Exists(TablesDir);

    public static void FailIfMissing(string table)
    {
        if (table == Missing)
            Assert.Fail($"The Delta conformance corpus was not found at {TablesDir}. Set DELTASHARP_CONFORMANCE_DIR to shared/conformance/tables.");
    }

    /// <summary>Names of the table folders that have expected/meta.json, sorted ordinally; [<see cref="Missing"/>]
    /// when the corpus is absent.</summary>
    public static IReadOnlyList<string> TableNames()
    {
        if (!Exists) return [Missing];
        var names = Directory.EnumerateDirectories(TablesDir)
            .Where(d => File.Exists(Path.Combine(d, "expected", "meta.json")))
            .Select(d => Path.GetFileName(d)!)
            .ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Every (table, version) with an expected/&lt;version&gt;.json, sorted by table then version;
    /// [(<see cref="Missing"/>, -1)] when the corpus is absent.</summary>
    public static IReadOnlyList<(string Table, long Version)> ExpectedVersions()
    {
        if (!Exists) return [(Missing, -1)];
        var result = new List<(string, long)>();
        foreach (var table in TableNames())
        {
            var versions = new List<long>();
            foreach (var file in Directory.EnumerateFiles(Path.Combine(TablesDir, table, "expected"), "*.json"))
                if (long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
                    versions.Add(v);
            versions.Sort();
            result.AddRange(versions.Select(v => (table, v)));
        }
        return result;
    }

    public static DeltaCorpusTable Table(string name) => Tables.GetOrAdd(name, LoadMeta);

    /// <summary>expected/&lt;version&gt;.json of a table.</summary>
    public static DeltaExpectedVersion Expected(string table, long version) =>
        DeltaExpectedVersion.ParseFile(Table(table).ExpectedFile(version));

    private static DeltaCorpusTable LoadMeta(string name)
    {
        var dir = Path.Combine(TablesDir, name);
        var path = Path.Combine(dir, "expected", "meta.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var m = doc.RootElement;
        try
        {
            return new DeltaCorpusTable(
                name,
                dir,
                m.GetProperty("latestVersion").GetInt64(),
                m.TryGetProperty("earliestReconstructableVersion", out var er) && er.ValueKind == JsonValueKind.Number ? er.GetInt64() : 0,
                Longs(m, "versionsNotReconstructable"),
                Longs(m, "expectedVersions"),
                m.TryGetProperty("expectReadFailure", out var f) && f.ValueKind == JsonValueKind.True,
                m.TryGetProperty("failureReason", out var fr) && fr.ValueKind == JsonValueKind.String ? fr.GetString() : null,
                m.TryGetProperty("partitionColumns", out var pc) && pc.ValueKind == JsonValueKind.Array
                    ? [.. pc.EnumerateArray().Select(p => p.GetString()!)] : [],
                m.TryGetProperty("columnMappingMode", out var cm) && cm.ValueKind == JsonValueKind.String ? cm.GetString()! : "none",
                m.TryGetProperty("tableProperties", out var tp) && tp.ValueKind == JsonValueKind.Object
                    ? tp.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal)
                    : new Dictionary<string, string>(),
                m.TryGetProperty("commitTimestamps", out var ct) && ct.ValueKind == JsonValueKind.Array
                    ? [.. ct.EnumerateArray().Select(ParseCommitTimestamp).OrderBy(c => c.Version)] : []);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new FormatException($"{path}: unexpected meta.json shape ({e.Message}).", e);
        }
    }

    private static CorpusCommitTimestamp ParseCommitTimestamp(JsonElement c) => new(
        c.GetProperty("version").GetInt64(),
        c.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : null,
        c.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "",
        c.TryGetProperty("commitInfoTimestamp", out var ci) && ci.ValueKind == JsonValueKind.Number ? ci.GetInt64() : null,
        c.TryGetProperty("operation", out var op) && op.ValueKind == JsonValueKind.String ? op.GetString() : null);

    private static IReadOnlyList<long> Longs(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray().Select(x => x.GetInt64())] : [];
}
