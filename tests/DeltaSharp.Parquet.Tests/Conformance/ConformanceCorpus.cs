using System.Text.Json;
using System.Text.Json.Nodes;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.Conformance;

/// <summary>One expected version of a corpus table whose rows can be rebuilt from single Parquet files.</summary>
internal sealed record ExpectedVersion(string Table, long Version, StructType Schema, IReadOnlyList<string> ActiveFiles, IReadOnlyList<string> Rows);

/// <summary>
/// The shared conformance corpus (shared/conformance/tables, see its README): every Parquet file in it (data
/// files, _change_data files, classic / multi-part / v2 checkpoints, sidecars) and the expected versions whose
/// rows are the plain union of their active files.
///
/// A version qualifies when its table is unpartitioned at that version, has no column mapping (meta.json
/// columnMappingMode none), no active file has a deletion vector, <c>rowsIncluded</c> is true and
/// <c>verification.status</c> is "verified". With the corpus as of this writing that is:
/// <list type="bullet">
/// <item>basic-with-inserts-deletes-checkpoint v0, 7, 10, 11, 13</item>
/// <item>basic-with-inserts-overwrite-restore v0–3</item>
/// <item>basic-with-vacuum-protocol-check-feature v0, 1</item>
/// <item>cdf-table-with-dv v0, 2, 6 (the DV versions 1, 3, 4, 5 do not qualify)</item>
/// <item>compacted-log-files-table v0, 13, 15 (5, 10, 25 have DVs)</item>
/// <item>decimal-various-scale-precision v0</item>
/// <item>multi-part-checkpoint v0, 1</item>
/// <item>parquet-all-types v0</item>
/// <item>simple_table v0–4</item>
/// <item>snapshot-vacuumed v5 (v0–4 expect an error)</item>
/// <item>table-with-dv-small v0 (v1 has a DV)</item>
/// <item>v2-checkpoint-json v0–2</item>
/// <item>v2-checkpoints-parquet-with-sidecars v0–4 (v5, v6 have more than 1000 rows, so no rows)</item>
/// </list>
/// Partitioned tables (basic_partitioned, cdc_ict_table, cdf-table, checkpoint-cdf-table, data-reader-*,
/// dv-partitioned-with-checkpoint, kernel-timestamp-INT96, time-travel-partition-changes-b), column-mapping
/// tables (table-with-columnmapping-mode-name, table_with_column_mapping) and deltalog-invalid-protocol-version
/// are covered by the per-file read cases only. The list is computed, not hard-coded: a new table that
/// qualifies is picked up.
/// </summary>
internal static class ConformanceCorpus
{
    /// <summary>The theory value used when the corpus is missing, so the run fails instead of running nothing.</summary>
    public const string Missing = "(conformance corpus not found)";

    public static string TablesDir => RepoPaths.ConformanceTablesDir;

    public static bool Exists => Directory.Exists(TablesDir);

    public static void FailIfMissing(string value)
    {
        if (value == Missing)
            Assert.Fail($"The conformance corpus was not found at {TablesDir}. Set DELTASHARP_CONFORMANCE_DIR to shared/conformance/tables.");
    }

    /// <summary>Every *.parquet file of the corpus, as paths relative to <see cref="TablesDir"/> with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> ParquetFiles()
    {
        if (!Exists) return [Missing];
        var files = Directory.EnumerateFiles(TablesDir, "*.parquet", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TablesDir, f).Replace('\\', '/'))
            .ToList();
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    public static string FullPath(string relative) => Path.Combine(TablesDir, relative.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>(table, version) pairs that qualify (see the class summary), sorted.</summary>
    public static IReadOnlyList<(string Table, long Version)> QualifyingVersions()
    {
        if (!Exists) return [(Missing, -1)];
        var result = new List<(string, long)>();
        foreach (var tableDir in Directory.EnumerateDirectories(TablesDir).Order(StringComparer.Ordinal))
        {
            var table = Path.GetFileName(tableDir);
            var meta = Path.Combine(tableDir, "expected", "meta.json");
            if (!File.Exists(meta)) continue;
            using (var m = JsonDocument.Parse(File.ReadAllText(meta)))
            {
                if (m.RootElement.TryGetProperty("columnMappingMode", out var cm) && cm.ValueKind == JsonValueKind.String && cm.GetString() != "none")
                    continue;
            }
            foreach (var file in Directory.EnumerateFiles(Path.Combine(tableDir, "expected"), "*.json"))
            {
                if (Path.GetFileName(file) == "meta.json") continue;
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                var e = doc.RootElement;
                if (Qualifies(e)) result.Add((table, e.GetProperty("version").GetInt64()));
            }
        }
        result.Sort((a, b) => a.Item1 != b.Item1 ? string.CompareOrdinal(a.Item1, b.Item1) : a.Item2.CompareTo(b.Item2));
        return result;
    }

    private static bool Qualifies(JsonElement e)
    {
        if (e.TryGetProperty("expectError", out var err) && err.ValueKind == JsonValueKind.True) return false;
        if (!e.TryGetProperty("rowsIncluded", out var ri) || ri.ValueKind != JsonValueKind.True) return false;
        if (!e.TryGetProperty("verification", out var v) || v.GetProperty("status").GetString() != "verified") return false;
        if (e.TryGetProperty("partitionColumns", out var pc) && pc.GetArrayLength() > 0) return false;
        foreach (var f in e.GetProperty("activeFiles").EnumerateArray())
            if (f.TryGetProperty("deletionVector", out var dv) && dv.ValueKind != JsonValueKind.Null) return false;
        return true;
    }

    /// <summary>Loads expected/&lt;version&gt;.json of a qualifying version.</summary>
    public static ExpectedVersion Load(string table, long version)
    {
        var path = Path.Combine(TablesDir, table, "expected", version + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var e = doc.RootElement;
        var fields = new List<StructField>();
        foreach (var c in e.GetProperty("columns").EnumerateArray())
            fields.Add(new StructField(c.GetProperty("name").GetString()!, SchemaJson.ParseType(c.GetProperty("type").GetRawText()),
                !c.TryGetProperty("nullable", out var n) || n.ValueKind != JsonValueKind.False));
        var files = new List<string>();
        foreach (var f in e.GetProperty("activeFiles").EnumerateArray())
            files.Add(ActiveFilePath(table, f.GetProperty("path").GetString()!));
        var rows = new List<string>();
        foreach (var r in e.GetProperty("rows").EnumerateArray()) rows.Add(RowJson.Compact(r));
        return new ExpectedVersion(table, version, new StructType(fields), files, rows);
    }

    /// <summary>An add action's path (URL-encoded, relative to the table root or an absolute URI) as a local file.</summary>
    private static string ActiveFilePath(string table, string logPath)
    {
        if (logPath.Contains("://", StringComparison.Ordinal) || logPath.StartsWith("file:", StringComparison.Ordinal))
            return new Uri(logPath).LocalPath;
        var decoded = Uri.UnescapeDataString(logPath);
        return Path.Combine(TablesDir, table, decoded.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>
    /// A file's row rewritten to exactly the expected columns: each expected column takes the row's value of the
    /// same name (exact, then case-insensitive), and a column the file does not have is null (old files written
    /// before a column was added).
    /// </summary>
    public static string ProjectRow(string rowJson, StructType expected)
    {
        var row = JsonNode.Parse(rowJson)!.AsObject();
        var result = new JsonObject();
        foreach (var f in expected.Fields)
        {
            JsonNode? value = null;
            if (row.TryGetPropertyValue(f.Name, out var exact)) value = exact;
            else
            {
                foreach (var (k, v) in row)
                    if (string.Equals(k, f.Name, StringComparison.OrdinalIgnoreCase)) { value = v; break; }
            }
            result[f.Name] = value?.DeepClone();
        }
        return result.ToJsonString();
    }
}
