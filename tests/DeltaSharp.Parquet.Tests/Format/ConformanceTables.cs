using System.Text.Json;
using System.Text.RegularExpressions;

namespace DeltaSharp.Parquet.Tests.Format;

/// <summary>The shared Delta conformance corpus (real tables written by Spark/Databricks) and its logs.</summary>
internal static partial class ConformanceTables
{
    [GeneratedRegex(@"^\d{20}\.json$")]
    private static partial Regex CommitFileName();

    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Table(string name) => Path.Combine(Root, name);

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DELTASHARP_CONFORMANCE");
        if (!string.IsNullOrEmpty(fromEnv)) return Path.Combine(fromEnv, "tables");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "tables");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            "The conformance corpus (shared/conformance/tables) was not found above the test directory; set DELTASHARP_CONFORMANCE.");
    }

    /// <summary>Every action of every JSON commit of a table, in version order.</summary>
    public static IEnumerable<JsonElement> Actions(string table)
    {
        var log = Path.Combine(Table(table), "_delta_log");
        foreach (var file in Directory.GetFiles(log, "*.json").Order(StringComparer.Ordinal))
        {
            if (!CommitFileName().IsMatch(Path.GetFileName(file))) continue;
            foreach (var line in File.ReadLines(file))
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                using var doc = JsonDocument.Parse(line);
                yield return doc.RootElement.Clone();
            }
        }
    }

    /// <summary>(data file path, numRecords) for every add action that carries stats and whose file exists.</summary>
    public static IEnumerable<(string Path, long NumRecords)> AddedFilesWithRowCounts(string table)
    {
        foreach (var action in Actions(table))
        {
            if (!action.TryGetProperty("add", out var add)) continue;
            if (!add.TryGetProperty("stats", out var statsText) || statsText.ValueKind != JsonValueKind.String) continue;
            using var stats = JsonDocument.Parse(statsText.GetString()!);
            if (!stats.RootElement.TryGetProperty("numRecords", out var numRecords)) continue;
            var relative = Uri.UnescapeDataString(add.GetProperty("path").GetString()!);
            var path = Path.Combine(Table(table), relative);
            if (File.Exists(path)) yield return (path, numRecords.GetInt64());
        }
    }

    /// <summary>The last metaData action of a table: schema JSON text and partition columns.</summary>
    public static (string SchemaString, string[] PartitionColumns) LastMetadata(string table)
    {
        JsonElement? last = null;
        foreach (var action in Actions(table))
            if (action.TryGetProperty("metaData", out var m)) last = m;
        var metadata = last ?? throw new InvalidOperationException($"{table} has no metaData action");
        var partitions = metadata.GetProperty("partitionColumns").EnumerateArray().Select(e => e.GetString()!).ToArray();
        return (metadata.GetProperty("schemaString").GetString()!, partitions);
    }

    public static IEnumerable<string> TableNames() =>
        Directory.GetDirectories(Root).Select(Path.GetFileName).Where(n => n is not null).Select(n => n!).Order(StringComparer.Ordinal);
}
