using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DeltaSharp.Catalog;
using DeltaSharp.Compute;
using DeltaSharp.Sql;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;
using Xunit.Abstractions;

namespace DeltaSharp.Engine.Tests;

/// <summary>
/// Engine-level fuzzing: random and mutated SQL run through <see cref="Session.Sql"/> on a warehouse of small Delta
/// tables (partitioned, with deletion vectors, with nested types, the spec's tables and every golden file's tables).
/// Every statement either runs or fails with one of the engine's user-facing errors (parse, analysis, compute, Delta,
/// catalog) carrying an error class; parse and analysis errors name the position; a failed statement leaves every
/// table at the same version with the same rows. Inputs: mutations of each statement of tests/sql/** and of the spec
/// documents (tokens deleted, duplicated, swapped; literals replaced by extreme values; deep nesting), random calls
/// of every registered function, random keyword streams and random characters.
/// 1,500 cases by default; DELTASHARP_ENGINE_FUZZ=n for n cases (seed DELTASHARP_ENGINE_FUZZ_SEED).
/// </summary>
public sealed partial class SqlFuzzTests(ITestOutputHelper output)
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("DELTASHARP_ENGINE_FUZZ"), out var n) && n > 0 ? n : 1500;

    private static int BaseSeed => int.TryParse(Environment.GetEnvironmentVariable("DELTASHARP_ENGINE_FUZZ_SEED"), out var s) ? s : 20251121;

    /// <summary>Cases per warehouse: mutants may empty or rewrite tables, so the fixtures are rebuilt this often.</summary>
    private const int CasesPerWarehouse = 400;

    [Fact]
    public void MutatedAndRandomSql_FailsOnlyWithUserFacingErrors_AndLeavesTablesUnchanged()
    {
        var corpus = FuzzCorpus.Load();
        Assert.True(corpus.Count > 100, $"only {corpus.Count} corpus statements found");
        var failures = new List<string>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var progress = Path.Combine(Path.GetTempPath(), "deltasharp-engine-fuzz-last-case.txt");
        Exception? crash = null;
        // A 1 MB stack (smaller than a thread pool thread's) so that a missing depth guard shows here as a failure.
        var thread = new Thread(() =>
        {
            try
            {
                for (var start = 0; start < Cases && failures.Count < 10; start += CasesPerWarehouse)
                    RunChunk(corpus, start, Math.Min(Cases, start + CasesPerWarehouse), failures, counts, progress);
            }
            catch (Exception e)
            {
                crash = e;
            }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        output.WriteLine($"{Cases} cases from seed {BaseSeed}: " + string.Join(", ", counts.OrderByDescending(kv => kv.Value).Select(kv => kv.Key + "=" + kv.Value)));
        if (crash is not null) throw new Xunit.Sdk.XunitException("the fuzz loop itself failed: " + crash);
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        // The corpus must reach the executor, not only the parser.
        Assert.True(counts.GetValueOrDefault("ok") > Cases / 20, "too few statements ran: " + string.Join(", ", counts.Select(kv => kv.Key + "=" + kv.Value)));
    }

    private static void RunChunk(IReadOnlyList<CorpusStatement> corpus, int from, int to, List<string> failures,
        Dictionary<string, int> counts, string progress)
    {
        using var warehouse = new TempWarehouse();
        using var session = OpenSession(warehouse);
        FuzzFixture.Create(session, corpus);
        for (var i = from; i < to && failures.Count < 10; i++)
        {
            var seed = BaseSeed + i;
            var random = new Random(seed);
            var (schema, sql) = FuzzInputs.Next(random, corpus);
            if (!FuzzInputs.IsSafeToRun(sql))
            {
                Count(counts, "skipped");
                continue;
            }
            File.WriteAllText(progress, $"seed {seed} schema {schema}\n{sql}", new UTF8Encoding(false, false));
            session.Sql("USE SCHEMA " + schema);
            var changes = FuzzInputs.MayChangeData(sql);
            var before = changes ? FuzzFixture.State(session, schema) : null;
            // Failures are handled after the catch block: a catch block runs on top of the frames of the throw (CoreCLR
            // funclets), so after a deep failure it has little stack left for the checks' own statements.
            Exception? error = null;
            try
            {
                var result = session.Sql(sql);
                _ = result.ToRows();
            }
            catch (Exception e)
            {
                error = e;
            }
            if (error is null)
            {
                Count(counts, "ok");
                continue;
            }
            var problem = Check(error);
            Count(counts, problem is null ? ErrorClassOf(error) ?? "?" : "BAD");
            if (problem is null && before is not null)
            {
                var after = FuzzFixture.State(session, schema);
                if (after != before) problem = $"a failed statement changed the tables:\n    before {before}\n    after  {after}\n  {error.GetType().Name}: {error.Message}";
            }
            if (problem is not null) failures.Add($"seed {seed} (schema {schema}): {problem}\n  sql: {Shorten(sql)}");
        }
    }

    /// <summary>A session on <paramref name="warehouse"/> as user "fuzz" with a stepping clock. Not the per-test session
    /// of <see cref="SessionTestBase"/>: the main loop needs a fresh warehouse every <see cref="CasesPerWarehouse"/> cases,
    /// opened on its small-stack thread.</summary>
    private static Session OpenSession(TempWarehouse warehouse) =>
        Session.Open(warehouse.Path, new SessionOptions { UserName = "fuzz", Time = new SteppingTime(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)) });

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Shorten(string sql) => sql.Length <= 2000 ? sql : sql[..1000] + $" …({sql.Length} chars)… " + sql[^500..];

    private static string? ErrorClassOf(Exception e) => e switch
    {
        SqlParseException p => p.ErrorClass,
        SqlAnalysisException a => a.ErrorClass,
        ComputeException c => c.ErrorClass,
        DeltaException d => d.ErrorClass,
        CatalogException c => c.ErrorClass,
        _ => null,
    };

    /// <summary>Null when <paramref name="e"/> is an acceptable user-facing error, else what is wrong with it.</summary>
    private static string? Check(Exception e)
    {
        var errorClass = ErrorClassOf(e);
        if (errorClass is null) return $"{e.GetType().Name} leaked: {e}";
        if (string.IsNullOrWhiteSpace(errorClass) || errorClass == "INTERNAL_ERROR") return $"no error class: {e}";
        switch (e)
        {
            case SqlParseException p when p.Span.Line <= 0:
                return $"parse error without a position: {e.Message}";
            case SqlParseException p when !p.Message.Contains($"line {p.Span.Line}", StringComparison.Ordinal):
                return $"parse error message does not name the line: {e.Message}";
            case SqlAnalysisException a when a.Span.Line <= 0 && !UnpositionedAnalysisClasses.Contains(a.ErrorClass):
                return $"analysis error without a position: {e.Message}";
            case SqlAnalysisException a when a.Span.Line > 0 && !a.Message.Contains($"line {a.Span.Line} pos", StringComparison.Ordinal):
                return $"analysis error message does not name the line: {e.Message}";
        }
        return null;
    }

    /// <summary>Analysis errors about the statement as a whole rather than a piece of its text.</summary>
    private static readonly HashSet<string> UnpositionedAnalysisClasses = new(StringComparer.Ordinal)
    {
    };

    /// <summary>Regression cases found by the fuzzer: each must fail cleanly (or run).</summary>
    public static TheoryData<string> FoundCases()
    {
        string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
        return new()
        {
            // Nested coalesce was bound as CASE WHEN a IS NOT NULL THEN a …, doubling the work per level (2^60 here).
            "SELECT " + Repeat("coalesce(", 60) + "s" + Repeat(", NULL)", 60) + " FROM nested",
            "SELECT " + Repeat("nvl(", 60) + "id" + Repeat(", 0)", 60) + " FROM nested",
            // 999 levels parse; the binder (about 2 KB of stack per level) overflowed a 1 MB stack.
            "SELECT " + new string('(', 999) + "id" + new string(')', 999) + " FROM nested",
            "SELECT " + string.Join(" + ", Enumerable.Repeat("id", 999)) + " FROM nested",
            Repeat("SELECT * FROM (", 999) + "SELECT * FROM nested" + Repeat(") q", 999),
            "SELECT " + Repeat("CASE WHEN id > 0 THEN ", 999) + "id" + Repeat(" ELSE NULL END", 999) + " FROM nested",
            "SELECT id FROM nested WHERE " + Repeat("id IN (SELECT id FROM nested WHERE ", 999) + "true" + new string(')', 999),
            "SELECT (" + Repeat("SELECT (", 999) + "SELECT 1" + new string(')', 999) + ")",
            "SELECT " + Repeat("abs(", 999) + "id" + new string(')', 999) + " FROM nested",
            // Maps have no order: sorting, grouping, DISTINCT, set operations and join keys on them.
            "SELECT m FROM nested ORDER BY m",
            "SELECT row_number() OVER (ORDER BY m) FROM nested",
            "SELECT DISTINCT m FROM nested",
            "SELECT m, count(*) FROM nested GROUP BY m",
            "SELECT count(DISTINCT m) FROM nested",
            "SELECT m FROM nested UNION SELECT m FROM nested",
            "SELECT m FROM nested INTERSECT SELECT m FROM nested",
            "SELECT * FROM nested a JOIN nested b ON a.m = b.m",
            "SELECT * FROM nested WHERE m IN (SELECT m FROM nested)",
            "SELECT collect_set(m) FROM nested",
            "SELECT min(m) FROM nested",
            // A star in a grouped query names its position.
            "SELECT id, * FROM nested GROUP BY id",
        };
    }

    /// <summary>The stack guards must not refuse ordinary nesting: 100 levels of each construct run on a 1 MB stack.</summary>
    [Fact]
    public void NestingOfAHundredLevels_Runs_OnASmallStack()
    {
        string Repeat(string s, int n) => string.Concat(Enumerable.Repeat(s, n));
        const int depth = 100;
        string[] statements =
        [
            "SELECT " + new string('(', depth) + "id" + new string(')', depth) + " FROM nested",
            Repeat("SELECT * FROM (", depth) + "SELECT id FROM nested" + Repeat(") q", depth),
            "SELECT " + Repeat("CASE WHEN id > 0 THEN ", depth) + "id" + Repeat(" ELSE NULL END", depth) + " FROM nested",
            "SELECT id FROM nested WHERE " + Repeat("id IN (SELECT id FROM nested WHERE ", depth) + "true" + new string(')', depth),
            "SELECT " + Repeat("coalesce(", depth) + "id" + Repeat(", 0)", depth) + " FROM nested",
            "UPDATE nested SET id = " + new string('(', depth) + "id + 1" + new string(')', depth) + " WHERE id = 3",
        ];
        using var warehouse = new TempWarehouse();
        using var session = OpenSession(warehouse);
        FuzzFixture.Create(session, []);
        session.Sql("USE SCHEMA fx");
        var errors = new List<string>();
        var thread = new Thread(() =>
        {
            foreach (var sql in statements)
            {
                try { _ = session.Sql(sql).ToRows(); }
                catch (Exception e) { errors.Add(sql[..Math.Min(60, sql.Length)] + "…: " + e.Message); }
            }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Theory]
    [MemberData(nameof(FoundCases))]
    public void FoundByFuzzing_FailsCleanlyOrRuns(string sql)
    {
        using var warehouse = new TempWarehouse();
        using var session = OpenSession(warehouse);
        FuzzFixture.Create(session, []);
        session.Sql("USE SCHEMA fx");
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { _ = session.Sql(sql).ToRows(); }
            catch (Exception e) { error = e; }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        if (error is not null && Check(error) is { } problem) throw new Xunit.Sdk.XunitException(problem);
    }
}

/// <summary>One statement of the corpus and the schema whose tables it expects.</summary>
internal sealed record CorpusStatement(string Schema, string Sql, bool IsSetup);

/// <summary>The statements to mutate: every record of tests/sql/** (run in a schema of its own per file, whose
/// setup statements build its tables) and every SQL statement of the spec documents (run in the fixture schema).</summary>
internal static partial class FuzzCorpus
{
    public static IReadOnlyList<CorpusStatement> Load()
    {
        var list = new List<CorpusStatement>();
        var golden = Path.Combine(RepoPaths.RepoRoot, "tests", "sql");
        foreach (var file in Directory.GetFiles(golden, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var schema = "g_" + NonWord().Replace(Path.GetRelativePath(golden, file)[..^4], "_").ToLowerInvariant();
            foreach (var (sql, setup) in GoldenRecords(File.ReadAllText(file))) list.Add(new CorpusStatement(schema, sql, setup));
        }
        foreach (var sql in SpecStatements()) list.Add(new CorpusStatement(FuzzFixture.Schema, sql, false));
        return list;
    }

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWord();

    /// <summary>(sql, is a setup statement) of each record: the lines after the header up to "----" or a blank line.</summary>
    private static IEnumerable<(string Sql, bool Setup)> GoldenRecords(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var header = lines[i];
            var ok = header.StartsWith("statement ok", StringComparison.Ordinal);
            if (!ok && !header.StartsWith("statement error", StringComparison.Ordinal) && !header.StartsWith("query ", StringComparison.Ordinal)) continue;
            var sb = new StringBuilder();
            for (i++; i < lines.Length && lines[i].Trim().Length > 0 && lines[i] != "----"; i++) sb.Append(lines[i]).Append('\n');
            var sql = sb.ToString().TrimEnd();
            if (sql.Length > 0) yield return (sql, ok && IsSetup(sql));
        }
    }

    private static bool IsSetup(string sql)
    {
        var head = sql.TrimStart().ToUpperInvariant();
        return head.StartsWith("CREATE", StringComparison.Ordinal) || head.StartsWith("INSERT", StringComparison.Ordinal)
            || head.StartsWith("DROP", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^```sql[^\n]*\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedSql();

    [GeneratedRegex(@"spark\.sql\(f?(?<q>""""""|"")(?<body>.*?)\k<q>\)", RegexOptions.Singleline)]
    private static partial Regex SparkSqlCall();

    [GeneratedRegex(@"\{(?<name>\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^\s*(SELECT|INSERT|MERGE|DESCRIBE|RESTORE|SET|RESET|UPDATE|DELETE|CREATE|ALTER|VACUUM|WITH|UNDROP|TRUNCATE)\b[^\n]*(\n[ \t]+\S[^\n]*)*", RegexOptions.Multiline)]
    private static partial Regex PlainStatement();

    /// <summary>The spec documents' statements: ```sql blocks (split at ';'), spark.sql(f"…") calls with the
    /// notebook's variables replaced by the fixture's table names, and statements written as indented plain text.</summary>
    private static IEnumerable<string> SpecStatements()
    {
        var dir = SpecDir();
        if (dir is null) yield break;
        foreach (var file in Directory.GetFiles(dir, "*.md").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in FencedSql().Matches(text))
                foreach (var part in m.Groups["body"].Value.Split(';'))
                    if (part.Trim().Length > 0) yield return part.Trim();
            foreach (Match m in SparkSqlCall().Matches(text))
                yield return Placeholder().Replace(m.Groups["body"].Value, p => p.Groups["name"].Value switch
                {
                    "catalog_name" => "spark_catalog",
                    "schema_name" => FuzzFixture.Schema,
                    "dev_table" => "member_claims_dev",
                    "backup_table" => "member_claims_backup",
                    _ => "member_claims_prod",
                }).Trim();
            foreach (Match m in PlainStatement().Matches(text)) yield return m.Value.Trim().TrimEnd(';');
        }
    }

    private static string? SpecDir()
    {
        var env = Environment.GetEnvironmentVariable("DELTASHARP_SPEC_DIR");
        if (!string.IsNullOrWhiteSpace(env)) return env;
        for (var dir = new DirectoryInfo(RepoPaths.RepoRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "spec");
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>The warehouse the fuzzer runs in: schema <see cref="Schema"/> with a partitioned table with deletion
/// vectors, a table of nested types and the spec documents' tables; and one schema per golden file holding its tables.</summary>
internal static class FuzzFixture
{
    public const string Schema = "fx";

    private static readonly string[] Setup =
    [
        "CREATE TABLE member_claims_prod (claim_id STRING, member_id STRING, provider_npi STRING, diagnosis_code STRING, claim_amount DECIMAL(10,2), service_date DATE, adjudication_status STRING, last_updated TIMESTAMP) USING DELTA",
        "INSERT INTO member_claims_prod VALUES ('CLM-001', 'MEM-78451', '1234567890', 'E11.9', 1250.00, '2025-01-15', 'PENDING', current_timestamp()), ('CLM-002', 'MEM-78452', '1234567891', 'I10', 450.75, '2025-01-16', 'APPROVED', current_timestamp()), ('CLM-003', 'MEM-78453', '1234567892', 'J44.0', 890.25, '2025-01-17', 'PENDING', current_timestamp())",
        "UPDATE member_claims_prod SET adjudication_status = 'APPROVED' WHERE adjudication_status = 'PENDING'",
        "INSERT INTO member_claims_prod VALUES ('CLM-006', 'MEM-78456', '1234567895', 'K21.9', 550.00, '2025-01-20', 'PENDING', current_timestamp()), ('CLM-007', NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
        "CREATE TABLE people10m (id INT, firstName STRING, gender STRING, birthDate DATE, salary BIGINT) USING DELTA PARTITIONED BY (gender)",
        "INSERT INTO people10m VALUES (1, 'Viktor', 'M', '1990-01-01', 100), (2, 'George', 'M', '1970-05-05', 250), (3, 'Ana', 'F', NULL, NULL), (4, NULL, NULL, '2000-02-29', -7)",
        "INSERT INTO people10m VALUES (5, 'Maria', 'F', '1985-12-31', 9223372036854775807)",
        "DELETE FROM people10m WHERE id = 2",
        "CREATE TABLE my_table (userId INT, name STRING, score DOUBLE) USING DELTA",
        "INSERT INTO my_table VALUES (1, 'a', 1.5), (2, 'b', NULL), (3, NULL, CAST('NaN' AS DOUBLE)), (NULL, 'd', -0.0D)",
        "DELETE FROM my_table WHERE userId = 3",
        "CREATE TABLE target_table (userId INT, name STRING, score DOUBLE) USING DELTA",
        "INSERT INTO target_table VALUES (1, 'x', 2.5)",
        "CREATE TABLE table_name (id INT) USING DELTA",
        "CREATE TABLE nested (id INT, s STRUCT<a: INT, b: STRING>, arr ARRAY<INT>, m MAP<STRING, INT>, deep ARRAY<STRUCT<x: DOUBLE, tags: ARRAY<STRING>>>) USING DELTA",
        "INSERT INTO nested VALUES (1, named_struct('a', 1, 'b', 'one'), array(1, 2, NULL), map('k', 1), array(named_struct('x', 1.5D, 'tags', array('t1', 't2')))), (2, NULL, NULL, NULL, NULL), (3, named_struct('a', NULL, 'b', ''), array(), map('a', NULL, 'b', 2), array())",
    ];

    /// <summary>Builds the fixture schema and, per golden file, its schema with the tables its setup statements create.
    /// Setup statements that fail are skipped (their mutants then meet a missing table, which is fine).</summary>
    public static void Create(Session session, IReadOnlyList<CorpusStatement> corpus)
    {
        session.Sql("CREATE SCHEMA " + Schema);
        session.Sql("USE SCHEMA " + Schema);
        foreach (var sql in Setup) session.Sql(sql);
        foreach (var group in corpus.Where(c => c.Schema != Schema).GroupBy(c => c.Schema))
        {
            session.Sql("CREATE SCHEMA " + group.Key);
            session.Sql("USE SCHEMA " + group.Key);
            foreach (var statement in group.Where(c => c.IsSetup))
            {
                try { session.Sql(statement.Sql); }
                catch (Exception e) when (e is SqlParseException or SqlAnalysisException or ComputeException or DeltaException or CatalogException) { }
            }
        }
    }

    /// <summary>Every table of <paramref name="schema"/> with its version and row count, as one comparable text.</summary>
    public static string State(Session session, string schema)
    {
        var sb = new StringBuilder();
        foreach (var table in session.Catalog.ListTables(new SchemaName(session.CurrentCatalog, schema)).OrderBy(t => t.Name.Table, StringComparer.OrdinalIgnoreCase))
        {
            var version = DeltaTable.ForPath(table.Location).Latest().Version;
            var rows = session.Sql($"SELECT count(*) FROM `{table.Name.Table}`").Scalar();
            sb.Append(CultureInfo.InvariantCulture, $"{table.Name.Table}@v{version}:{rows} ");
        }
        return sb.ToString();
    }
}

/// <summary>Generates the fuzz inputs.</summary>
internal static partial class FuzzInputs
{
    private static readonly string[] Keywords =
    [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "INTERSECT", "EXCEPT", "ALL",
        "DISTINCT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "SEMI", "ANTI", "ON", "USING", "AS", "AND",
        "OR", "NOT", "IN", "IS", "NULL", "TRUE", "FALSE", "BETWEEN", "LIKE", "ILIKE", "RLIKE", "ESCAPE", "CASE", "WHEN", "THEN",
        "ELSE", "END", "CAST", "TRY_CAST", "INTERVAL", "DATE", "TIMESTAMP", "VERSION", "OF", "WITH", "VALUES", "INSERT",
        "INTO", "OVERWRITE", "UPDATE", "SET", "DELETE", "MERGE", "MATCHED", "SOURCE", "TARGET", "CREATE", "TABLE", "REPLACE",
        "DESCRIBE", "HISTORY", "OVER", "PARTITION", "ROWS", "RANGE", "PRECEDING", "FOLLOWING", "UNBOUNDED", "CURRENT",
        "ROW", "ARRAY", "MAP", "STRUCT", "EXISTS", "DISTINCT", "FROM", "NULLS", "FIRST", "LAST", "ASC", "DESC", "DAY",
        "HOUR", "MONTH", "YEAR", "EXPLAIN", "TRUNCATE", "TBLPROPERTIES", "PARTITIONED", "DELTA", "INT", "STRING",
        "DECIMAL(38,18)", "DOUBLE", "BIGINT", "*", "(", ")", "(", ")", ",", ",", ".", "+", "-", "/", "%", "=", "<>", "<=>",
        "<", ">=", "||", "[", "]", "::", "'x'", "1", "0", "-1", "2.5", "NULL", "@v1",
    ];

    private static readonly string[] ExtremeNumbers =
    [
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "2147483647", "-2147483648", "2147483648",
        "99999999999999999999999999999999999999", "999999999999999999999999999999999999999", "0.000000000000000000000000000000000000001",
        "12345678901234567890.123456789012345678", "1e308", "1e309", "-1e-320", "1.7976931348623157E308D", "0", "-0", "-0.0",
        "127Y", "32767S", "9223372036854775807L", "1BD", "99999999999999999999999999999999999999BD", "0x7FFFFFFF",
        "CAST('NaN' AS DOUBLE)", "CAST('-Infinity' AS DOUBLE)", "CAST('Infinity' AS FLOAT)", "(1/0)", "NULL",
    ];

    private static readonly string[] ExtremeStrings =
    [
        "'9999-99-99'", "'0000-00-00'", "'-290308-12-21 19:59:05.224192'", "'+294247-01-10 04:00:54.775807'", "'9999-12-31 23:59:59.999999'",
        "'0001-01-01'", "'2025-02-29'", "'NaN'", "'Infinity'", "''", "' '", "'\\u0000'", "'%'", "'_%\\\\'", "'(((('", "'[a-'",
        "'\\\\'", "'é\u0301😀'", "'\uFFFF'", "'1e400'", "'-'", "'2025-01-01T25:61:61Z'", "'P1D'", "'1 day'", "'{'",
        "'" + new string('x', 100_000) + "'",
        "'" + string.Concat(Enumerable.Repeat("ab%", 3000)) + "'",
    ];

    private static readonly string[] Identifiers =
    [
        "id", "claim_id", "claim_amount", "service_date", "last_updated", "userId", "name", "score", "gender", "birthDate",
        "salary", "s", "s.a", "s.b", "arr", "arr[0]", "arr[-1]", "m", "m['k']", "deep", "deep[0].tags", "a", "b", "t", "`weird name`",
        "member_claims_prod", "people10m", "my_table", "nested", "_metadata", "*",
    ];

    private static readonly string[] Operands =
    [
        "id", "claim_amount", "service_date", "last_updated", "adjudication_status", "s", "arr", "m", "deep", "1", "NULL",
        "'x'", "2.5", "-0.0", "DATE '2025-01-01'", "TIMESTAMP '2025-01-01 00:00:00'", "INTERVAL '1' DAY", "INTERVAL 12 HOURS",
        "X'0AFF'", "array(1, 2)", "map('a', 1)", "named_struct('a', 1)", "array()", "map()", "CAST(NULL AS STRING)",
        "9223372036854775807", "99999999999999999999999999999999999999", "1e308", "CAST('NaN' AS DOUBLE)", "'9999-99-99'",
        "-2147483648", "'%'", "'[a'", "'yyyy-MM-dd'", "'G'", "0", "-1", "true", "12345678901234567890.123456789012345678",
        "array(named_struct('x', 1.5D, 'tags', array('t')))", "'" + new string('y', 20_000) + "'",
    ];

    /// <summary>The next case: (schema to run in, sql).</summary>
    public static (string Schema, string Sql) Next(Random random, IReadOnlyList<CorpusStatement> corpus)
    {
        var kind = random.Next(100);
        if (kind < 62)
        {
            var source = corpus[random.Next(corpus.Count)];
            return (source.Schema, Mutate(source.Sql, random, corpus));
        }
        if (kind < 74) return (FuzzFixture.Schema, FunctionCall(random));
        if (kind < 82) return (FuzzFixture.Schema, OperatorExpression(random));
        if (kind < 88) return (FuzzFixture.Schema, DeepNesting(random));
        if (kind < 96) return (FuzzFixture.Schema, KeywordStream(random));
        return (FuzzFixture.Schema, RandomText(random));
    }

    /// <summary>Mutants never point the engine outside the temp warehouse (path tables, LOCATION) and never drop the
    /// fixtures (DROP / UNDROP); those statements are skipped.</summary>
    public static bool IsSafeToRun(string sql) =>
        !sql.Contains('`' + "/", StringComparison.Ordinal) && !sql.Contains("LOCATION", StringComparison.OrdinalIgnoreCase)
        && !DropWord().IsMatch(sql) && !sql.Contains("USE ", StringComparison.OrdinalIgnoreCase)
        && !sql.Contains("VACUUM", StringComparison.OrdinalIgnoreCase) && !sql.Contains("file:", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\b(DROP|UNDROP)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DropWord();

    [GeneratedRegex(@"\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|CREATE|REPLACE|ALTER|RESTORE|OPTIMIZE)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ChangeWord();

    public static bool MayChangeData(string sql) => ChangeWord().IsMatch(sql);

    // Strings, quoted names, numbers, words, multi-character operators, any other character.
    [GeneratedRegex(@"'(?:[^'\\]|\\.|'')*'|`[^`]*`|""[^""]*""|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?[A-Za-z]*|\.\d+|\w+|<=>|<>|!=|<=|>=|\|\||::|->|\S")]
    private static partial Regex Token();

    private static string Mutate(string sql, Random random, IReadOnlyList<CorpusStatement> corpus)
    {
        var tokens = Token().Matches(sql).Select(m => m.Value).ToList();
        if (tokens.Count == 0) return sql;
        // Mostly one mutation, so that many mutants still parse and reach the binder and the executor.
        var mutations = random.Next(10) switch { < 6 => 1, < 9 => 2, _ => 3 };
        for (var m = 0; m < mutations && tokens.Count > 0; m++)
        {
            var at = random.Next(tokens.Count);
            switch (random.Next(16))
            {
                case 13 or 14 or 15:
                {
                    var literals = Enumerable.Range(0, tokens.Count).Where(i => IsLiteral(tokens[i])).ToList();
                    if (literals.Count > 0) tokens[literals[random.Next(literals.Count)]] = Operands[random.Next(Operands.Length)];
                    else tokens.Insert(at, Operands[random.Next(Operands.Length)]);
                    break;
                }
                case 0: tokens.RemoveAt(at); break;
                case 1: tokens.Insert(at, tokens[at]); break;
                case 2:
                {
                    var other = random.Next(tokens.Count);
                    (tokens[at], tokens[other]) = (tokens[other], tokens[at]);
                    break;
                }
                case 3: tokens.Insert(at, Keywords[random.Next(Keywords.Length)]); break;
                case 4:
                case 5:
                {
                    // A literal becomes an extreme value of its kind (or of another kind).
                    var literals = Enumerable.Range(0, tokens.Count).Where(i => IsLiteral(tokens[i])).ToList();
                    var i = literals.Count > 0 ? literals[random.Next(literals.Count)] : at;
                    tokens[i] = random.Next(3) == 0 ? ExtremeStrings[random.Next(ExtremeStrings.Length)]
                        : tokens[i].StartsWith('\'') && random.Next(3) > 0 ? ExtremeStrings[random.Next(ExtremeStrings.Length)]
                        : ExtremeNumbers[random.Next(ExtremeNumbers.Length)];
                    break;
                }
                case 6:
                {
                    // A word becomes another column or table name.
                    var words = Enumerable.Range(0, tokens.Count).Where(i => char.IsLetter(tokens[i][0])).ToList();
                    if (words.Count > 0) tokens[words[random.Next(words.Count)]] = Identifiers[random.Next(Identifiers.Length)];
                    break;
                }
                case 7:
                {
                    // A version or a timestamp at the edge of the range.
                    var i = tokens.FindIndex(t => t.Equals("OF", StringComparison.OrdinalIgnoreCase));
                    if (i >= 0 && i + 1 < tokens.Count)
                        tokens[i + 1] = random.Next(6) switch
                        {
                            0 => "-1",
                            1 => "9223372036854775807",
                            2 => "'9999-12-31'",
                            3 => "(SELECT 1)",
                            4 => "'1900-01-01'",
                            _ => "current_timestamp() + INTERVAL 1 DAY",
                        };
                    else tokens.Insert(at, random.Next(2) == 0 ? "VERSION AS OF 9223372036854775807" : "@v-1");
                    break;
                }
                case 8:
                {
                    // A token wrapped in deep parentheses.
                    var depth = DepthPick(random);
                    tokens[at] = new string('(', depth) + tokens[at] + new string(')', depth);
                    break;
                }
                case 9:
                {
                    // Part of another statement spliced in.
                    var other = Token().Matches(corpus[random.Next(corpus.Count)].Sql).Select(x => x.Value).ToList();
                    var from = random.Next(other.Count);
                    tokens.InsertRange(at, other.Skip(from).Take(random.Next(1, 8)));
                    break;
                }
                case 10: tokens.RemoveRange(at, tokens.Count - at); break;
                case 11: tokens.Insert(at, Operands[random.Next(Operands.Length)]); break;
                default: tokens[at] = RandomText(random, 4); break;
            }
        }
        return string.Join(' ', tokens);
    }

    private static bool IsLiteral(string token) => token[0] == '\'' || char.IsDigit(token[0]) ||
        token.Equals("NULL", StringComparison.OrdinalIgnoreCase) || token.Equals("TRUE", StringComparison.OrdinalIgnoreCase);

    private static int DepthPick(Random random) => random.Next(6) switch
    {
        0 => 2,
        1 => 50,
        2 => 300,
        3 => 999,
        4 => 1001,
        _ => random.Next(1, 5000),
    };

    private static readonly string[] FunctionNames = FunctionRegistry.Names.Concat([
        "count", "sum", "avg", "min", "max", "first", "last", "any_value", "collect_list", "collect_set", "stddev", "variance",
        "approx_count_distinct", "count_if", "bool_and", "max_by", "min_by", "row_number", "rank", "dense_rank", "lag", "lead",
    ]).Order(StringComparer.Ordinal).ToArray();

    /// <summary>A registered function (or aggregate) with 0–4 random arguments, in a projection, a filter, a GROUP BY or a window.</summary>
    private static string FunctionCall(Random random)
    {
        var name = FunctionNames[random.Next(FunctionNames.Length)];
        var args = string.Join(", ", Enumerable.Range(0, random.Next(5)).Select(_ => random.Next(5) == 0
            ? FunctionNames[random.Next(FunctionNames.Length)] + "(" + Operands[random.Next(Operands.Length)] + ")"
            : Operands[random.Next(Operands.Length)]));
        var call = $"{name}({args})";
        var from = random.Next(3) switch
        {
            0 => "member_claims_prod CROSS JOIN nested",
            1 => "nested",
            _ => "member_claims_prod",
        };
        var id = from == "nested" ? "id" : "claim_id";
        return random.Next(6) switch
        {
            0 => $"SELECT {call} FROM {from} WHERE {call} IS NOT NULL",
            1 => $"SELECT {id}, {call} FROM {from} GROUP BY {id}",
            2 => $"SELECT {call} OVER (PARTITION BY {id} ORDER BY {id} ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM {from}",
            3 => $"SELECT {call}",
            4 => $"UPDATE member_claims_prod SET claim_amount = {call} WHERE claim_id = 'CLM-001'",
            _ => $"SELECT {call} FROM {from}",
        };
    }

    private static readonly string[] BinaryOperators =
        ["+", "-", "*", "/", "%", "div", "||", "=", "<>", "<", "<=", ">", ">=", "<=>", "AND", "OR", "IS DISTINCT FROM", "LIKE", "RLIKE", "&", "|", "^"];

    private static readonly string[] CastTypes =
        ["INT", "BIGINT", "TINYINT", "DOUBLE", "FLOAT", "DECIMAL(38,18)", "DECIMAL(3,2)", "STRING", "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "BOOLEAN",
         "BINARY", "ARRAY<INT>", "MAP<STRING,INT>", "STRUCT<a: INT, b: STRING>", "INTERVAL DAY", "INTERVAL YEAR TO MONTH", "VOID"];

    /// <summary>Operators, casts, IN, BETWEEN, CASE and subscripts over operands of every type (columns of the fixture
    /// tables and extreme literals): the binder's coercion and the kernels meet every pairing of types.</summary>
    private static string OperatorExpression(Random random)
    {
        string Operand() => Operands[random.Next(Operands.Length)];
        string Expr(int depth) => depth == 0 || random.Next(3) == 0 ? Operand() : random.Next(9) switch
        {
            0 => $"CAST({Expr(depth - 1)} AS {CastTypes[random.Next(CastTypes.Length)]})",
            1 => $"TRY_CAST({Expr(depth - 1)} AS {CastTypes[random.Next(CastTypes.Length)]})",
            2 => $"({Expr(depth - 1)} IN ({Expr(depth - 1)}, {Operand()}))",
            3 => $"({Expr(depth - 1)} BETWEEN {Expr(depth - 1)} AND {Operand()})",
            4 => $"CASE WHEN {Expr(depth - 1)} THEN {Expr(depth - 1)} ELSE {Operand()} END",
            5 => $"{Expr(depth - 1)}[{Operand()}]",
            6 => $"(- {Expr(depth - 1)})",
            7 => $"(NOT {Expr(depth - 1)})",
            _ => $"({Expr(depth - 1)} {BinaryOperators[random.Next(BinaryOperators.Length)]} {Expr(depth - 1)})",
        };
        var e = Expr(random.Next(1, 4));
        return random.Next(4) switch
        {
            0 => $"SELECT {e} FROM nested",
            1 => $"SELECT {e} FROM member_claims_prod CROSS JOIN nested WHERE {Expr(1)}",
            2 => $"SELECT max({e}) FROM nested GROUP BY id ORDER BY 1",
            _ => $"SELECT {e}",
        };
    }

    /// <summary>Parentheses, subqueries, CASE, function calls or operator chains nested to around the parser's limit.</summary>
    private static string DeepNesting(Random random)
    {
        var depth = DepthPick(random);
        return random.Next(9) switch
        {
            0 => "SELECT " + new string('(', depth) + "claim_amount" + new string(')', depth) + " FROM member_claims_prod",
            1 => string.Concat(Enumerable.Repeat("SELECT * FROM (", depth)) + "SELECT * FROM member_claims_prod" + string.Concat(Enumerable.Repeat(") q", depth)),
            2 => "SELECT " + string.Concat(Enumerable.Repeat("CASE WHEN id > 0 THEN ", depth)) + "id" + string.Concat(Enumerable.Repeat(" ELSE NULL END", depth)) + " FROM nested",
            3 => "SELECT " + string.Concat(Enumerable.Repeat("abs(", depth)) + "id" + new string(')', depth) + " FROM nested",
            4 => "SELECT id FROM nested WHERE " + string.Concat(Enumerable.Repeat("id IN (SELECT id FROM nested WHERE ", depth)) + "true" + new string(')', depth),
            5 => "SELECT " + string.Join(" + ", Enumerable.Repeat("id", depth * 10)) + " FROM nested",
            6 => "SELECT " + string.Concat(Enumerable.Repeat("NOT ", depth)) + "true",
            7 => "SELECT " + string.Concat(Enumerable.Repeat("coalesce(", depth)) + "s" + string.Concat(Enumerable.Repeat(", NULL)", depth)) + " FROM nested",
            _ => "SELECT (" + string.Concat(Enumerable.Repeat("SELECT (", depth)) + "SELECT 1" + new string(')', depth) + ")",
        };
    }

    private static string KeywordStream(Random random)
    {
        var sb = new StringBuilder();
        var count = random.Next(1, 30);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(10);
            sb.Append(pick < 6 ? Keywords[random.Next(Keywords.Length)] : pick < 8 ? Identifiers[random.Next(Identifiers.Length)] : Operands[random.Next(Operands.Length)]).Append(' ');
        }
        return sb.ToString();
    }

    private static string RandomText(Random random, int maxLength = 80)
    {
        var sb = new StringBuilder();
        var length = random.Next(1, maxLength);
        for (var i = 0; i < length; i++)
            sb.Append(random.Next(4) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(32, 127),
                2 => (char)random.Next(0xD800, 0xE000), // lone surrogates
                _ => (char)random.Next(127, 0xFFFF),
            });
        return sb.ToString();
    }
}
