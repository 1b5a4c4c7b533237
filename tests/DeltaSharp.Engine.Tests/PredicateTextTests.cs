using System.Text.RegularExpressions;
using DeltaSharp.Catalog;
using DeltaSharp.Engine.Statements;
using DeltaSharp.Sql.Parsing;
using DeltaSharp.Tables;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Tests;

/// <summary>operationParameters.predicate as Spark writes it: Catalyst's toString of the analyzed condition for DELETE /
/// UPDATE / MERGE (the demo notebook's UPDATE row: <c>["(adjudication_status#17053 = PENDING)"]</c>; attribute
/// name#id with L for bigint, string literals unquoted, binary operators parenthesised, isnotnull(…), x IN (a,b), the
/// analyzer's casts), and Catalyst's .sql for replaceWhere filters.</summary>
public sealed class PredicateTextTests : IDisposable
{
    private static readonly StructType Schema = new(
        new StructField("id", DataType.Long), new StructField("a", DataType.Integer), new StructField("b", DataType.String),
        new StructField("d", DataType.Date), new StructField("x", DataType.Double));

    private readonly TempWarehouse _warehouse = new();
    private readonly Session _session;

    public PredicateTextTests() =>
        _session = Session.Open(_warehouse.Path, new SessionOptions { UserName = "tester", Time = new SteppingTime(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero)) });

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }

    private static string ToStringForm(string condition) =>
        SparkExpressionText.ToStringForm(Parser.ParseExpression(condition), SparkExpressionText.Resolver(("t", Schema, 10)));

    private static string SqlForm(string condition) =>
        SparkExpressionText.SqlForm(Parser.ParseExpression(condition), SparkExpressionText.Resolver(("t", Schema, 10)));

    [Theory]
    [InlineData("b = 'PENDING'", "(b#12 = PENDING)")]
    [InlineData("t.a > 1 AND b = 'x'", "((a#11 > 1) AND (b#12 = x))")]
    [InlineData("a > 1 OR a < -2", "((a#11 > 1) OR (a#11 < -2))")]
    [InlineData("b IS NOT NULL", "isnotnull(b#12)")]
    [InlineData("b IS NULL", "isnull(b#12)")]
    [InlineData("b IN ('a', 'b')", "b#12 IN (a,b)")]
    [InlineData("b NOT IN ('a')", "NOT b#12 IN (a)")]
    [InlineData("a <> 3", "NOT (a#11 = 3)")]
    [InlineData("NOT (a = 3)", "NOT (a#11 = 3)")]
    [InlineData("a BETWEEN 1 AND 5", "((a#11 >= 1) AND (a#11 <= 5))")]
    [InlineData("id > 5", "(id#10L > cast(5 as bigint))")]
    [InlineData("id = a", "(id#10L = cast(a#11 as bigint))")]
    [InlineData("x > 1", "(x#14 > cast(1 as double))")]
    [InlineData("d = '2025-01-01'", "(d#13 = cast(2025-01-01 as date))")]
    [InlineData("a + 1 > 2", "((a#11 + 1) > 2)")]
    [InlineData("upper(b) = 'X'", "(upper(b#12) = X)")]
    [InlineData("b LIKE 'x%'", "b#12 LIKE x%")]
    [InlineData("a <=> 1", "(a#11 <=> 1)")]
    public void ToStringForm_FollowsCatalyst(string condition, string expected) =>
        Assert.Equal(expected, ToStringForm(condition));

    [Theory]
    [InlineData("b = 'EU'", "(b = 'EU')")]
    [InlineData("id >= 3", "(id >= 3L)")]
    [InlineData("a >= 3 AND b = 'x'", "((a >= 3) AND (b = 'x'))")]
    [InlineData("b IS NULL", "(b IS NULL)")]
    [InlineData("d = DATE '2025-01-01'", "(d = DATE '2025-01-01')")]
    public void SqlForm_FollowsCatalystSql(string condition, string expected) =>
        Assert.Equal(expected, SqlForm(condition));

    private Tables.Actions.CommitInfo LastCommit(string table) =>
        DeltaTable.ForPath(_session.Catalog.FindTable(new TableName(_session.CurrentCatalog, _session.CurrentSchema, table))!.Location).History()[0].CommitInfo;

    [Fact]
    public void Update_RecordsThePredicateInTheDocumentsShape()
    {
        // The demo notebook's history row 2: {'predicate': '["(adjudication_status#17053 = PENDING)"]'}.
        _session.Sql("CREATE TABLE c (claim_id STRING, adjudication_status STRING) USING DELTA");
        _session.Sql("INSERT INTO c VALUES ('CLM-1', 'PENDING'), ('CLM-2', 'APPROVED')");
        _session.Sql("UPDATE c SET adjudication_status = 'APPROVED' WHERE adjudication_status = 'PENDING'");
        var predicate = LastCommit("c").OperationParameters!["predicate"];
        Assert.Matches(new Regex("""^\["\(adjudication_status#\d+ = PENDING\)"\]$"""), predicate);
    }

    [Fact]
    public void Delete_RecordsTheConditionAsAJsonArray_AndAnEmptyArrayWithoutWhere()
    {
        _session.Sql("CREATE TABLE t (id BIGINT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (7, 'b'), (8, NULL)");
        _session.Sql("DELETE FROM t WHERE id > 5 AND v IS NOT NULL");
        Assert.Matches(new Regex("""^\["\(\(id#\d+L > cast\(5 as bigint\)\) AND isnotnull\(v#\d+\)\)"\]$"""), LastCommit("t").OperationParameters!["predicate"]);
        _session.Sql("DELETE FROM t");
        Assert.Equal("[]", LastCommit("t").OperationParameters!["predicate"]);
    }

    [Fact]
    public void Merge_RecordsOnAndClausePredicates_WithTargetAndSourceAttributes()
    {
        _session.Sql("CREATE TABLE t (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
        _session.Sql("CREATE TABLE s (id INT, v STRING) USING DELTA");
        _session.Sql("INSERT INTO s VALUES (2, 'B'), (3, 'C')");
        _session.Sql("""
            MERGE INTO t USING s ON t.id = s.id
            WHEN MATCHED AND s.v = 'B' THEN UPDATE SET v = s.v
            WHEN MATCHED THEN DELETE
            WHEN NOT MATCHED THEN INSERT *
            WHEN NOT MATCHED BY SOURCE AND t.id < 2 THEN DELETE
            """);
        var p = LastCommit("t").OperationParameters!;
        var on = Regex.Match(p["predicate"]!, """^\["\(id#(\d+) = id#(\d+)\)"\]$""");
        Assert.True(on.Success, p["predicate"]);
        Assert.NotEqual(on.Groups[1].Value, on.Groups[2].Value);
        Assert.Matches(new Regex("""^\[\{"predicate":"\(v#\d+ = B\)","actionType":"update"\},\{"actionType":"delete"\}\]$"""), p["matchedPredicates"]);
        Assert.Equal("""[{"actionType":"insert"}]""", p["notMatchedPredicates"]);
        Assert.Matches(new Regex("""^\[\{"predicate":"\(id#\d+ < 2\)","actionType":"delete"\}\]$"""), p["notMatchedBySourcePredicates"]);
        Assert.Equal(["2|B", "3|C"], _session.Sql("SELECT * FROM t ORDER BY id").ToRows().Select(r => $"{r[0]}|{r[1]}").ToList());
    }
}
