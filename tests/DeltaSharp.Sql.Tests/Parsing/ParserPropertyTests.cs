using System.Diagnostics;
using System.Text;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Parsing;

namespace DeltaSharp.Sql.Tests.Parsing;

/// <summary>
/// Properties over generated SQL: printing a parsed tree and parsing it again gives the same tree, and random or
/// mutated text never makes the parser throw anything but <see cref="SqlParseException"/>, hang or overflow the stack.
/// A few thousand cases by default; set DELTASHARP_PARSER_FUZZ=n for n cases per property (seed DELTASHARP_PARSER_SEED).
/// </summary>
public sealed class ParserPropertyTests
{
    private static int Cases(int defaultCount) =>
        int.TryParse(Environment.GetEnvironmentVariable("DELTASHARP_PARSER_FUZZ"), out var n) && n > 0 ? n : defaultCount;

    private static int BaseSeed => int.TryParse(Environment.GetEnvironmentVariable("DELTASHARP_PARSER_SEED"), out var s) ? s : 20251105;

    [Fact]
    public void GeneratedStatements_Parse_AndRoundTripThroughThePrinter()
    {
        var failures = new List<string>();
        var cases = Cases(1500);
        for (var i = 0; i < cases && failures.Count < 5; i++)
        {
            var seed = BaseSeed + i;
            var sql = new SqlGenerator(seed).Statement(3);
            try
            {
                var statement = Parser.ParseStatement(sql);
                var printed = statement.ToSql();
                Statement reparsed;
                try
                {
                    reparsed = Parser.ParseStatement(printed);
                }
                catch (SqlParseException e)
                {
                    failures.Add($"seed {seed}: printed text does not parse\n  sql:     {sql}\n  printed: {printed}\n  {e.Message}");
                    continue;
                }
                if (!statement.Equals(reparsed))
                    failures.Add($"seed {seed}: round trip changed the tree\n  sql:     {sql}\n  printed: {printed}\n  again:   {reparsed.ToSql()}");
            }
            catch (SqlParseException e)
            {
                failures.Add($"seed {seed}: generated SQL does not parse\n  sql: {sql}\n  {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public void GeneratedExpressions_RoundTripThroughThePrinter()
    {
        var failures = new List<string>();
        var cases = Cases(1500);
        for (var i = 0; i < cases && failures.Count < 5; i++)
        {
            var seed = BaseSeed + 100_000 + i;
            var sql = new SqlGenerator(seed).Expression(4);
            try
            {
                var expression = Parser.ParseExpression(sql);
                var printed = expression.ToSql();
                var reparsed = Parser.ParseExpression(printed);
                if (!expression.Equals(reparsed))
                    failures.Add($"seed {seed}: round trip changed the tree\n  sql:     {sql}\n  printed: {printed}\n  again:   {reparsed.ToSql()}");
            }
            catch (SqlParseException e)
            {
                failures.Add($"seed {seed}: {sql}\n  {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static readonly string[] SoupTokens =
    [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "UNION", "ALL", "DISTINCT", "JOIN",
        "LEFT", "ON", "USING", "AS", "AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN", "LIKE", "ESCAPE", "CASE", "WHEN",
        "THEN", "ELSE", "END", "CAST", "INTERVAL", "DATE", "TIMESTAMP", "VERSION", "OF", "FOR", "SYSTEM_TIME", "WITH",
        "VALUES", "INSERT", "INTO", "OVERWRITE", "UPDATE", "SET", "DELETE", "MERGE", "MATCHED", "CREATE", "TABLE",
        "REPLACE", "ALTER", "ADD", "COLUMN", "DROP", "CLONE", "SHALLOW", "VACUUM", "RETAIN", "HOURS", "DESCRIBE",
        "HISTORY", "RESTORE", "TO", "OVER", "PARTITION", "ROWS", "PRECEDING", "ARRAY", "MAP", "STRUCT", "EXISTS",
        "t", "a", "b", "x", "delta", "`q`", "`/p`", "1", "0", "1.5", "1e3", "2L", "10Y", "1BD", "'s'", "\"d\"", "X'0F'",
        "(", ")", "[", "]", ",", ".", ";", "*", "+", "-", "/", "%", "=", "==", "<>", "!=", "<", ">", "<=", ">=", "<=>",
        "||", "|", "&", "^", "~", "!", "::", ":", "->", "=>", "@", "?", "@v1", "--c\n", "/* c */", "#", "\u00e9", "'",
        "`", "/*", "\"", ">>", "<<",
    ];

    private static readonly string[] Corpus =
    [
        "SELECT * FROM member_claims_prod TIMESTAMP AS OF '2025-03-31T23:59:59Z'",
        "MERGE INTO my_table target USING my_table TIMESTAMP AS OF date_sub(current_date(), 1) source ON source.userId = target.userId WHEN MATCHED THEN UPDATE SET *",
        "SELECT (SELECT count(distinct userId) FROM my_table) - (SELECT count(distinct userId) FROM my_table TIMESTAMP AS OF date_sub(current_date(), 7)) AS new_customers",
        "CREATE OR REPLACE TABLE t (claim_id STRING, claim_amount DECIMAL(10,2), service_date DATE, m MAP<STRING, ARRAY<STRUCT<a: INT>>>) USING DELTA PARTITIONED BY (service_date) TBLPROPERTIES ('k' = 'v')",
        "INSERT INTO t VALUES ('CLM-001', 1250.00, '2025-01-15', current_timestamp()), ('CLM-002', 450.75, '2025-01-16', current_timestamp())",
        "SELECT a, count(*) OVER (PARTITION BY b ORDER BY c ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t WHERE x IN (1, 2) AND y LIKE 'a%' ESCAPE '!' GROUP BY 1 HAVING sum(z) > 0 ORDER BY a DESC NULLS LAST LIMIT 10",
        "WITH c AS (SELECT 1 AS x) SELECT * FROM c JOIN t@v12 ON c.x = t.x LEFT ANTI JOIN u USING (x) UNION ALL SELECT * FROM VALUES (1) AS v(x)",
        "ALTER TABLE t ADD COLUMNS (a INT NOT NULL COMMENT 'c' FIRST, b.c STRING AFTER a)",
        "SET spark.databricks.delta.lastCommitVersionInSession",
        "VACUUM member_claims_prod_dev RETAIN 168 HOURS DRY RUN",
    ];

    private static void ParseAllWays(string sql)
    {
        try { Parser.ParseScript(sql); } catch (SqlParseException) { }
        try { Parser.ParseStatement(sql); } catch (SqlParseException) { }
        try { Parser.ParseExpression(sql); } catch (SqlParseException) { }
    }

    /// <summary>Runs <paramref name="body"/> on a thread with a 1 MB stack (smaller than a default thread's), so that a
    /// missing depth guard shows as a crash here rather than only on small-stack hosts, and fails on a hang.</summary>
    private static void RunGuarded(Action body, TimeSpan timeout)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { body(); }
            catch (Exception e) { failure = e; }
        }, 1024 * 1024);
        thread.Start();
        Assert.True(thread.Join(timeout), $"the parser did not finish within {timeout}");
        if (failure is not null) throw new Xunit.Sdk.XunitException("unexpected exception: " + failure);
    }

    [Fact]
    public void RandomTokenSoup_OnlyEverThrowsSqlParseException()
    {
        var cases = Cases(3000);
        RunGuarded(() =>
        {
            for (var i = 0; i < cases; i++)
            {
                var random = new Random(BaseSeed + 200_000 + i);
                var sb = new StringBuilder();
                var length = random.Next(1, 40);
                for (var t = 0; t < length; t++) sb.Append(SoupTokens[random.Next(SoupTokens.Length)]).Append(random.Next(4) == 0 ? "" : " ");
                var sql = sb.ToString();
                try
                {
                    ParseAllWays(sql);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException($"seed {BaseSeed + 200_000 + i}: {sql}", e);
                }
            }
        }, TimeSpan.FromSeconds(120));
    }

    [Fact]
    public void MutatedValidStatements_OnlyEverThrowSqlParseException()
    {
        var cases = Cases(3000);
        RunGuarded(() =>
        {
            for (var i = 0; i < cases; i++)
            {
                var seed = BaseSeed + 300_000 + i;
                var random = new Random(seed);
                var source = random.Next(3) == 0 ? Corpus[random.Next(Corpus.Length)] : new SqlGenerator(seed).Statement(2);
                var sql = Mutate(source, random);
                try
                {
                    ParseAllWays(sql);
                }
                catch (Exception e)
                {
                    throw new InvalidOperationException($"seed {seed}: {sql}", e);
                }
            }
        }, TimeSpan.FromSeconds(120));
    }

    private static string Mutate(string sql, Random random)
    {
        var text = new StringBuilder(sql);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations && text.Length > 0; m++)
        {
            var at = random.Next(text.Length);
            switch (random.Next(7))
            {
                case 0: text.Remove(at, Math.Min(text.Length - at, random.Next(1, 6))); break;
                case 1: text.Insert(at, SoupTokens[random.Next(SoupTokens.Length)]); break;
                case 2: text.Insert(at, " " + SoupTokens[random.Next(SoupTokens.Length)] + " "); break;
                case 3: text.Length = at; break;
                case 4:
                    const string punctuation = "()'\"`;,.*-/[]<>=";
                    text[at] = punctuation[random.Next(punctuation.Length)];
                    break;
                case 5:
                    var len = Math.Min(text.Length - at, random.Next(1, 20));
                    text.Insert(random.Next(text.Length), text.ToString(at, len));
                    break;
                default: text.Insert(at, (char)random.Next(0, 0x3000)); break;
            }
        }
        return text.ToString();
    }

    public static TheoryData<string, string> DeepInputs() => new()
    {
        { "parentheses", new string('(', 100_000) + "1" + new string(')', 100_000) },
        { "unclosed parentheses", "SELECT " + new string('(', 100_000) },
        { "NOT chain", "SELECT " + string.Concat(Enumerable.Repeat("NOT ", 100_000)) + "TRUE" },
        { "unary minus chain", "SELECT " + string.Concat(Enumerable.Repeat("- ", 100_000)) + "1" },
        { "addition chain", "SELECT " + string.Join(" + ", Enumerable.Repeat("1", 100_000)) },
        { "subscript chain", "SELECT a" + string.Concat(Enumerable.Repeat("[0]", 100_000)) },
        { "nested subqueries", string.Concat(Enumerable.Repeat("SELECT * FROM (", 20_000)) + "SELECT 1" + new string(')', 20_000) },
        { "nested types", "SELECT CAST(x AS " + string.Concat(Enumerable.Repeat("ARRAY<", 50_000)) + "INT" + new string('>', 50_000) + ")" },
        { "nested CASE", "SELECT " + string.Concat(Enumerable.Repeat("CASE WHEN a THEN ", 50_000)) + "1" + string.Concat(Enumerable.Repeat(" END", 50_000)) },
        { "nested function calls", "SELECT " + string.Concat(Enumerable.Repeat("f(", 50_000)) + "1" + new string(')', 50_000) },
        { "join chain", "SELECT * FROM t" + string.Concat(Enumerable.Repeat(" JOIN t", 50_000)) },
        { "set operation chain", string.Join(" UNION ", Enumerable.Repeat("SELECT 1", 50_000)) },
        { "nested bracketed comments", "SELECT 1 " + string.Concat(Enumerable.Repeat("/*", 100_000)) + string.Concat(Enumerable.Repeat("*/", 100_000)) },
    };

    [Theory]
    [MemberData(nameof(DeepInputs))]
    public void DeeplyNestedInput_FailsWithNestingError_NotAStackOverflow(string name, string sql)
    {
        SqlParseException? error = null;
        Statement? parsed = null;
        var watch = Stopwatch.StartNew();
        RunGuarded(() =>
        {
            try { parsed = Parser.ParseStatement(sql); }
            catch (SqlParseException e) { error = e; }
        }, TimeSpan.FromSeconds(60));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{name} took {watch.Elapsed}");
        if (name is "nested bracketed comments")
        {
            // Comments nest without recursion: any depth is fine.
            Assert.Null(error);
            Assert.NotNull(parsed);
            return;
        }
        Assert.NotNull(error);
        Assert.True(error!.ErrorClass is "PARSER_NESTING_TOO_DEEP" or "PARSE_SYNTAX_ERROR", $"{name}: {error.ErrorClass}");
        if (name != "unclosed parentheses") Assert.Equal("PARSER_NESTING_TOO_DEEP", error.ErrorClass);
    }

    [Fact]
    public void LongOrChain_IsBalanced_AndParses()
    {
        var sql = "SELECT * FROM t WHERE " + string.Join(" OR ", Enumerable.Range(0, 100_000).Select(i => $"id = {i}"));
        var query = Assert.IsType<QueryStatement>(Parser.ParseStatement(sql)).Query;
        var where = Assert.IsType<SelectQuery>(query.Body).Where!;
        Assert.True(Height(where) <= 20, $"height {Height(where)}");
    }

    private static int Height(SqlExpression e) => e is BinaryExpression b ? 1 + Math.Max(Height(b.Left), Height(b.Right)) : 1;

    [Fact]
    public void NestingJustBelowTheLimit_Parses()
    {
        var depth = 200;
        var sql = "SELECT " + new string('(', depth) + "1" + new string(')', depth);
        var thread = new Thread(() => Parser.ParseStatement(sql), 1024 * 1024);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)));
    }
}
