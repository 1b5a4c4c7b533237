using System.Text;
using System.Text.RegularExpressions;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Sql.Tests.Parsing;

/// <summary>One SQL text found in a spec document: where it is, how it was found, and the text to parse.</summary>
internal sealed record SpecSqlSnippet(string File, int Line, string Kind, string Sql)
{
    public override string ToString() => $"{File}:{Line} ({Kind}): {Sql}";
}

/// <summary>
/// Finds the SQL in ../shared/spec/*.md: fenced <c>```sql</c> blocks, the statements of the notebook's
/// <c>spark.sql(f"…")</c> calls (with the notebook's Python variables substituted), and statements written as plain
/// text (a line starting with an upper-case statement keyword, continued by more-indented lines up to a blank line).
/// </summary>
internal static partial class SpecSql
{
    /// <summary>The spec folder: $DELTASHARP_SPEC_DIR, else shared/spec beside the repository or in an ancestor.</summary>
    public static string SpecDir
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("DELTASHARP_SPEC_DIR");
            if (!string.IsNullOrWhiteSpace(env)) return Path.GetFullPath(env);
            for (var dir = new DirectoryInfo(RepoPaths.RepoRoot); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "spec");
                if (Directory.Exists(candidate)) return candidate;
            }
            return Path.GetFullPath(Path.Combine(RepoPaths.RepoRoot, "..", "shared", "spec"));
        }
    }

    public static IReadOnlyList<string> SpecFiles()
    {
        var dir = SpecDir;
        Assert.True(Directory.Exists(dir), $"The spec folder {dir} does not exist (set DELTASHARP_SPEC_DIR).");
        var files = Directory.GetFiles(dir, "*.md").Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        return files;
    }

    [GeneratedRegex(@"^```sql[^\n]*\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedSql();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex AnyFence();

    [GeneratedRegex(@"spark\.sql\(f?(?<q>""""""|"")(?<body>.*?)\k<q>\)", RegexOptions.Singleline)]
    private static partial Regex SparkSqlCall();

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)\s*=\s*(?<f>f?)""(?<value>[^""]*)""\s*$", RegexOptions.Multiline)]
    private static partial Regex PythonAssignment();

    [GeneratedRegex(@"^\s*for\s+(?<name>\w+)\s+in\s+\[(?<first>\w+)", RegexOptions.Multiline)]
    private static partial Regex PythonForLoop();

    [GeneratedRegex(@"\{(?<name>\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(?<indent>\s*)(SELECT|INSERT|MERGE|DESCRIBE|DESC|RESTORE|SET|RESET|UPDATE|DELETE|CREATE|ALTER|DROP|VACUUM|OPTIMIZE|WITH|UNDROP|TRUNCATE|SHOW|EXPLAIN|USE|REPLACE|VALUES)\b")]
    private static partial Regex StatementStart();

    public static IEnumerable<SpecSqlSnippet> Fenced(string file)
    {
        var text = File.ReadAllText(file);
        foreach (Match m in FencedSql().Matches(text))
            yield return new SpecSqlSnippet(Path.GetFileName(file), LineOf(text, m.Index), "```sql block", m.Groups["body"].Value);
    }

    /// <summary>The statements of spark.sql(f"…") calls; {name} is replaced by the notebook's variable values.</summary>
    public static IEnumerable<SpecSqlSnippet> SparkSqlCalls(string file)
    {
        var text = File.ReadAllText(file);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in PythonAssignment().Matches(text))
            variables[m.Groups["name"].Value] = Substitute(m.Groups["value"].Value, variables);
        // `for tbl in [table_name, …]`: the loop variable takes the first element (any element gives the same statement shape).
        foreach (Match m in PythonForLoop().Matches(text))
            if (variables.TryGetValue(m.Groups["first"].Value, out var first)) variables[m.Groups["name"].Value] = first;
        foreach (Match m in SparkSqlCall().Matches(text))
            yield return new SpecSqlSnippet(Path.GetFileName(file), LineOf(text, m.Index), "spark.sql call", Substitute(m.Groups["body"].Value, variables));
    }

    private static string Substitute(string value, Dictionary<string, string> variables) =>
        Placeholder().Replace(value, m => variables.TryGetValue(m.Groups["name"].Value, out var v)
            ? v
            : throw new InvalidOperationException($"Unknown notebook variable {{{m.Groups["name"].Value}}}"));

    /// <summary>Statements written as plain text, outside fences and spark.sql calls.</summary>
    public static IEnumerable<SpecSqlSnippet> PlainText(string file)
    {
        var text = File.ReadAllText(file);
        text = Blank(text, AnyFence());
        text = Blank(text, SparkSqlCall());
        var lines = text.Split('\n');
        var i = 0;
        while (i < lines.Length)
        {
            var m = StatementStart().Match(lines[i]);
            if (!m.Success)
            {
                i++;
                continue;
            }
            var indent = m.Groups["indent"].Value.Length;
            var sb = new StringBuilder(lines[i].Trim()).Append('\n');
            var start = i;
            i++;
            while (i < lines.Length && lines[i].Trim().Length > 0)
            {
                var next = StatementStart().Match(lines[i]);
                if (next.Success && next.Groups["indent"].Value.Length <= indent) break;
                sb.Append(lines[i].TrimEnd()).Append('\n');
                i++;
            }
            yield return new SpecSqlSnippet(Path.GetFileName(file), start + 1, "plain text", sb.ToString().TrimEnd());
        }
    }

    // Replaces a region by spaces (keeping newlines) so that line numbers stay right.
    private static string Blank(string text, Regex region) =>
        region.Replace(text, m => new string(m.Value.Select(c => c == '\n' ? '\n' : ' ').ToArray()));

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
