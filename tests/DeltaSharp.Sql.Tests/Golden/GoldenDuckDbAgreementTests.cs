using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Sql.Tests.Golden;

/// <summary>
/// The independent check of the golden files' expected values: every query marked <c>duckdb</c> is replayed in
/// DuckDB after the file's <c>statement ok</c> setup (translated: <c>USING …</c> and what follows it dropped,
/// <c>INSERT OVERWRITE</c> as delete + insert), and DuckDB's rows, rendered with the query's type letters, must
/// equal the expected block. Only queries where Spark and DuckDB agree are marked.
/// </summary>
public sealed partial class GoldenDuckDbAgreementTests
{
    private static string SqlDir => Path.Combine(RepoPaths.RepoRoot, "tests", "sql");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(SqlDir, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(SqlDir, f).Replace('\\', '/');
            if (GoldenScript.Parse(File.ReadAllText(f), rel).Any(r => r is QueryRecord { DuckDb: true })) data.Add(rel);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void DuckDb_GivesTheExpectedRows(string file)
    {
        var records = GoldenScript.Parse(File.ReadAllText(Path.Combine(SqlDir, file)), file);
        var dir = Directory.CreateTempSubdirectory("golden-duck-");
        try
        {
            var steps = new List<object>();
            var queries = new List<(QueryRecord Query, string Out)>();
            var setups = new List<(StatementOk Statement, string Out)>();
            foreach (var r in records)
            {
                switch (r)
                {
                    case StatementOk s:
                    {
                        var outPath = Path.Combine(dir.FullName, $"s{s.Line}.out");
                        steps.Add(new { cmd = "exec", sql = Translate(s.Sql), onError = "record", @out = outPath });
                        setups.Add((s, outPath));
                        break;
                    }
                    case QueryRecord { DuckDb: true } q:
                    {
                        var outPath = Path.Combine(dir.FullName, $"q{q.Line}.jsonl");
                        steps.Add(new { cmd = "query", sql = q.Sql, onError = "record", @out = outPath });
                        queries.Add((q, outPath));
                        break;
                    }
                }
            }
            var script = Path.Combine(dir.FullName, "script.json");
            File.WriteAllText(script, JsonSerializer.Serialize(steps));
            DuckDb.RunScript(script);
            var failures = new List<string>();
            foreach (var (s, outPath) in setups)
                if (File.Exists(outPath + ".error"))
                    failures.Add($"{file}:{s.Line}: DuckDB could not run the setup: {File.ReadAllText(outPath + ".error")}");
            foreach (var (q, outPath) in queries)
            {
                if (File.Exists(outPath + ".error"))
                {
                    failures.Add($"{file}:{q.Line}: DuckDB failed: {File.ReadAllText(outPath + ".error")}");
                    continue;
                }
                var actual = DuckDb.SplitLines(File.ReadAllText(outPath)).Select(l => Render(l, q.Types)).ToList();
                var expected = q.Expected.ToList();
                if (q.RowSort)
                {
                    actual.Sort(StringComparer.Ordinal);
                    expected.Sort(StringComparer.Ordinal);
                }
                if (!actual.SequenceEqual(expected))
                    failures.Add($"{file}:{q.Line}: DuckDB disagrees with the expected rows\n  SQL: {q.Sql}\n  expected:\n    {string.Join("\n    ", expected)}\n  duckdb:\n    {string.Join("\n    ", actual)}");
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Translate(string sql)
    {
        var s = UsingClause().Replace(sql, "");
        var m = InsertOverwrite().Match(s);
        if (m.Success) s = $"DELETE FROM {m.Groups[1].Value}; INSERT INTO {m.Groups[1].Value} {s[m.Length..]}";
        return s;
    }

    [GeneratedRegex(@"\s+USING\s+\w+[\s\S]*$", RegexOptions.IgnoreCase)]
    private static partial Regex UsingClause();

    [GeneratedRegex(@"^\s*INSERT\s+OVERWRITE\s+(?:TABLE\s+)?(\S+)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex InsertOverwrite();

    private static string Render(string jsonLine, string types)
    {
        using var doc = JsonDocument.Parse(jsonLine);
        var values = doc.RootElement.EnumerateObject().Select(p => p.Value).ToArray();
        return string.Join('\t', values.Select((v, i) => Value(v, i < types.Length ? types[i] : 'X', top: true)));
    }

    private static string Value(JsonElement v, char type, bool top)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null: return "NULL";
            case JsonValueKind.True: return "true";
            case JsonValueKind.False: return "false";
            case JsonValueKind.Number:
                return type == 'R' ? GoldenFormatter.FormatDouble(v.GetDouble()) : v.GetRawText();
            case JsonValueKind.String:
            {
                var s = v.GetString()!;
                if (type == 'R') return GoldenFormatter.FormatDouble(double.Parse(s, CultureInfo.InvariantCulture));
                if (type == 'S' && DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
                {
                    var text = dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                    var micros = (dt.Ticks / 10) % 1_000_000;
                    return micros == 0 ? text : text + "." + micros.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
                }
                return top && s.Length == 0 ? "(empty)" : s;
            }
            case JsonValueKind.Array:
                return "[" + string.Join(", ", v.EnumerateArray().Select(e => Value(e, 'X', false))) + "]";
            case JsonValueKind.Object:
                return "{" + string.Join(", ", v.EnumerateObject().Select(p => Value(p.Value, 'X', false))) + "}";
            default:
                return v.GetRawText();
        }
    }
}
