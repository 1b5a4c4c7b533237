using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeltaSharp.Conformance.Tests.Support;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Corpus;

/// <summary>
/// DESCRIBE HISTORY (shared/spec/table-history-and-time-travel.md "History schema"): one entry per commit file
/// present, newest first, with the version's commit timestamp and the commitInfo the log file holds. The expected
/// side parses the commit files independently with JsonDocument; timestamps come from a <see cref="TimedLogCopy"/>.
/// </summary>
public sealed partial class HistoryTests
{
    [Theory]
    [MemberData(nameof(CorpusCases.ReadableTables), MemberType = typeof(CorpusCases))]
    public void History_ListsEveryCommitNewestFirstWithItsCommitInfo(string table)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        var meta = DeltaConformanceCorpus.Table(table);
        if (meta.CommitTimestamps.Count == 0) return;
        using var copy = TimedLogCopy.Of(meta);
        var expected = ReadCommitInfos(copy.LogDir);
        var history = DeltaTable.ForPath(copy.TableDir, EngineReader.ConformanceOptions).History();

        Assert.Equal(expected.Keys.OrderDescending().ToList(), history.Select(h => h.Version).ToList());
        var failures = new List<string>();
        foreach (var entry in history)
        {
            var info = expected[entry.Version];
            var at = $"v{entry.Version}";
            var commitMillis = copy.Timeline.Commits.Single(c => c.Version == entry.Version).CommitMillis;
            if (entry.Timestamp.ToUnixTimeMilliseconds() != commitMillis)
                failures.Add($"{at}: timestamp {entry.Timestamp:O}, expected the commit timestamp {DateTimeOffset.FromUnixTimeMilliseconds(commitMillis):O}");
            Check(failures, at, "operation", Str(info, "operation"), entry.CommitInfo.Operation);
            Check(failures, at, "readVersion", Long(info, "readVersion"), entry.CommitInfo.ReadVersion);
            Check(failures, at, "isBlindAppend", Bool(info, "isBlindAppend"), entry.CommitInfo.IsBlindAppend);
            Check(failures, at, "timestamp (commitInfo)", Long(info, "timestamp"), entry.CommitInfo.Timestamp);
            Check(failures, at, "inCommitTimestamp", Long(info, "inCommitTimestamp"), entry.CommitInfo.InCommitTimestamp);
            Check(failures, at, "engineInfo", Str(info, "engineInfo"), entry.CommitInfo.EngineInfo);
            Check(failures, at, "userName", Str(info, "userName"), entry.CommitInfo.UserName);
            Check(failures, at, "isolationLevel", Str(info, "isolationLevel"), entry.CommitInfo.IsolationLevel);
            if (info is { } i && i.TryGetProperty("operationParameters", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                // Spark reads operationParameters as map<string,string>: every key stays (a JSON null is a null
                // value), strings as they are, numbers and booleans as their JSON text.
                var keys = p.EnumerateObject().Select(kv => kv.Name).Order(StringComparer.Ordinal).ToList();
                var parameters = entry.CommitInfo.OperationParameters ?? new Dictionary<string, string>();
                var actualKeys = parameters.Keys.Order(StringComparer.Ordinal).ToList();
                if (!keys.SequenceEqual(actualKeys))
                    failures.Add($"{at}: operationParameters keys [{string.Join(", ", actualKeys)}], expected [{string.Join(", ", keys)}]");
                foreach (var kv in p.EnumerateObject())
                {
                    var expectedValue = kv.Value.ValueKind switch
                    {
                        JsonValueKind.String => kv.Value.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => kv.Value.GetRawText(),
                        _ => null, // null, objects, arrays: representation not pinned
                    };
                    if (expectedValue is not null && parameters.TryGetValue(kv.Name, out var actualValue) && actualValue != expectedValue)
                        failures.Add($"{at}: operationParameters[{kv.Name}] was {actualValue}, the log says {expectedValue}");
                }
            }
        }
        if (failures.Count > 0) Assert.Fail($"{table}: history differs from the log's commitInfo:\n- " + string.Join("\n- ", failures));
    }

    [Theory]
    [MemberData(nameof(CorpusCases.ReadableTables), MemberType = typeof(CorpusCases))]
    public void History_WithLimit_ReturnsTheNewestEntries(string table)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        var meta = DeltaConformanceCorpus.Table(table);
        var deltaTable = DeltaTable.ForPath(meta.Dir, EngineReader.ConformanceOptions);
        var all = deltaTable.History().Select(h => h.Version).ToList();
        Assert.Equal([meta.LatestVersion], deltaTable.History(1).Select(h => h.Version).ToList());
        Assert.Equal(all.Take(2).ToList(), deltaTable.History(2).Select(h => h.Version).ToList());
    }

    /// <summary>commitInfo of each commit file (null when the commit has none), by version.</summary>
    private static Dictionary<long, JsonElement?> ReadCommitInfos(string logDir)
    {
        var result = new Dictionary<long, JsonElement?>();
        foreach (var file in Directory.EnumerateFiles(logDir))
        {
            var name = Path.GetFileName(file);
            if (!CommitFileName().IsMatch(name)) continue;
            JsonElement? info = null;
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("commitInfo", out var ci)) info = ci.Clone();
            }
            result[long.Parse(name[..20], CultureInfo.InvariantCulture)] = info;
        }
        return result;
    }

    private static void Check<T>(List<string> failures, string at, string field, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            failures.Add($"{at}: {field} was {Show(actual)}, the log says {Show(expected)}");
    }

    private static string Show<T>(T value) => value is null ? "null" : value.ToString()!;

    private static string? Str(JsonElement? info, string name) =>
        info is { } i && i.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement? info, string name) =>
        info is { } i && i.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static bool? Bool(JsonElement? info, string name) =>
        info is { } i && i.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    [GeneratedRegex(@"^\d{20}\.json$", RegexOptions.CultureInvariant)]
    private static partial Regex CommitFileName();
}
