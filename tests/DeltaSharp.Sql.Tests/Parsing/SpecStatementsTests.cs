using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Parsing;

namespace DeltaSharp.Sql.Tests.Parsing;

/// <summary>Every SQL statement of ../shared/spec/*.md parses (the product must run them as written).</summary>
public sealed class SpecStatementsTests
{
    /// <summary>
    /// Plain-text lines that start like a statement but are not one (keyed by the trimmed first line), with the reason.
    /// Each entry must still occur in the documents, so the list cannot silently go stale.
    /// </summary>
    private static readonly Dictionary<string, string> NotSql = new(StringComparer.Ordinal)
    {
        ["DELETE"] = "heading of the DELETE operation-metrics table",
        ["TRUNCATE"] = "heading of the TRUNCATE operation-metrics table",
        ["MERGE"] = "heading of the MERGE operation-metrics table",
        ["UPDATE"] = "heading of the UPDATE operation-metrics table",
        ["OPTIMIZE"] = "heading of the OPTIMIZE operation-metrics table",
        ["RESTORE"] = "heading of the RESTORE operation-metrics table",
        ["VACUUM"] = "heading of the VACUUM operation-metrics table",
        ["RESTORE reports the following metrics as a single row DataFrame once the operation is complete:"] = "prose",
        ["DROP TABLE syntax and Unity Catalog retention policies"] = "prose (a link description)",
    };

    /// <summary>Statements written as templates: the placeholder is replaced by a sample value before parsing.</summary>
    private static readonly Dictionary<string, (string Placeholder, string Sample)> Templates = new(StringComparer.Ordinal)
    {
        ["RESTORE TABLE target_table TO VERSION AS OF <version>;"] = ("<version>", "42"),
        ["RESTORE TABLE target_table TO TIMESTAMP AS OF <timestamp>;"] = ("<timestamp>", "'2025-01-31 10:00:00'"),
    };

    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var snippet in AllSnippets()) data.Add(snippet.ToString());
        return data;
    }

    private static List<SpecSqlSnippet> AllSnippets()
    {
        var snippets = new List<SpecSqlSnippet>();
        foreach (var file in SpecSql.SpecFiles())
        {
            snippets.AddRange(SpecSql.Fenced(file));
            snippets.AddRange(SpecSql.SparkSqlCalls(file));
            snippets.AddRange(SpecSql.PlainText(file).Where(s => !NotSql.ContainsKey(FirstLine(s.Sql))));
        }
        return snippets;
    }

    private static string FirstLine(string sql) => sql.Split('\n')[0].Trim();

    private static string Prepare(SpecSqlSnippet snippet)
    {
        var sql = snippet.Sql;
        if (Templates.TryGetValue(FirstLine(sql), out var template)) sql = sql.Replace(template.Placeholder, template.Sample, StringComparison.Ordinal);
        return sql;
    }

    [Fact]
    public void SpecDocuments_ContainTheExpectedNumberOfSqlTexts()
    {
        // Guards the extraction itself: 4 ```sql blocks and 20 spark.sql calls in the notebook, 12 plain-text
        // statements in the history document (2 of them templates).
        var snippets = AllSnippets();
        Assert.Equal(4, snippets.Count(s => s.Kind == "```sql block"));
        Assert.Equal(20, snippets.Count(s => s.Kind == "spark.sql call"));
        Assert.Equal(12, snippets.Count(s => s.Kind == "plain text"));
    }

    [Fact]
    public void NotSqlAndTemplateLists_OnlyNameLinesThatExist()
    {
        var firstLines = SpecSql.SpecFiles().SelectMany(SpecSql.PlainText).Select(s => FirstLine(s.Sql)).ToHashSet(StringComparer.Ordinal);
        foreach (var key in NotSql.Keys.Concat(Templates.Keys))
            Assert.True(firstLines.Contains(key), $"'{key}' no longer occurs in the spec documents; remove it from the list.");
    }

    [Fact]
    public void EverySpecStatement_Parses()
    {
        var failures = new List<string>();
        var parsed = 0;
        foreach (var snippet in AllSnippets())
        {
            try
            {
                var statements = Parser.ParseScript(Prepare(snippet));
                if (statements.Count == 0) failures.Add($"{snippet}: no statement");
                parsed += statements.Count;
            }
            catch (SqlParseException e)
            {
                failures.Add($"{snippet}\n{e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(parsed >= 36, $"only {parsed} statements parsed");
    }

    [Fact]
    public void EverySpecStatement_RoundTripsThroughThePrinter()
    {
        foreach (var snippet in AllSnippets())
        {
            foreach (var statement in Parser.ParseScript(Prepare(snippet)))
            {
                var printed = statement.ToSql();
                var reparsed = Parser.ParseStatement(printed);
                Assert.True(statement.Equals(reparsed), $"{snippet}\nprinted: {printed}\nfirst:  {statement}\nsecond: {reparsed}");
            }
        }
    }

    /// <summary>The timestamp_expression examples listed in the time-travel section, each used in TIMESTAMP AS OF.</summary>
    [Theory]
    [InlineData("'2018-10-18T22:15:12.013Z'")]
    [InlineData("cast('2018-10-18 13:36:32 CEST' as timestamp)")]
    [InlineData("'2018-10-18'")]
    [InlineData("current_timestamp() - interval 12 hours")]
    [InlineData("date_sub(current_date(), 1)")]
    [InlineData("\"2019-01-01\"")]
    [InlineData("\"2019-01-01T00:00:00.000Z\"")]
    public void TimeTravelSection_TimestampExpressions_ParseInTimestampAsOf(string timestampExpression)
    {
        var statement = Parser.ParseStatement($"SELECT * FROM people10m TIMESTAMP AS OF {timestampExpression}");
        var relation = Assert.IsType<TableRelation>(Assert.IsType<SelectQuery>(Assert.IsType<QueryStatement>(statement).Query.Body).From[0]);
        Assert.Equal(TimeTravelKind.Timestamp, relation.TimeTravel!.Kind);
        Assert.Equal(Parser.ParseExpression(timestampExpression), relation.TimeTravel.Value);
    }

    /// <summary>The retention properties of the history document, as they would be set.</summary>
    [Fact]
    public void RetentionProperties_ParseInSetTblProperties()
    {
        var statement = Parser.ParseStatement(
            "ALTER TABLE t SET TBLPROPERTIES (delta.logRetentionDuration = \"interval 30 days\", 'delta.deletedFileRetentionDuration' = 'interval 30 days')");
        var action = Assert.IsType<SetTablePropertiesAction>(Assert.IsType<AlterTableStatement>(statement).Action);
        Assert.Equal(
            [new TableProperty("delta.logRetentionDuration", "interval 30 days"), new TableProperty("delta.deletedFileRetentionDuration", "interval 30 days")],
            action.Properties);
    }
}
