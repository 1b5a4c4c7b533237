using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Parsing;
using static DeltaSharp.Sql.Tests.Parsing.Trees;

namespace DeltaSharp.Sql.Tests.Parsing;

/// <summary>Query trees written by hand: select blocks, relations, joins, time travel, set operations, CTEs.</summary>
public sealed class QueryParsingTests
{
    private static void AssertTree(string sql, Statement expected)
    {
        var actual = Parser.ParseStatement(sql);
        Assert.True(expected.Equals(actual), $"{sql}\nexpected: {expected.ToSql()}\n          {expected}\nactual:   {actual.ToSql()}\n          {actual}");
    }

    private static SelectQuery SelectOf(string sql) => Assert.IsType<SelectQuery>(Assert.IsType<QueryStatement>(Parser.ParseStatement(sql)).Query.Body);

    private static Relation FromOf(string sql) => Assert.Single(SelectOf(sql).From);

    // ───────────── select list ─────────────

    [Fact]
    public void SelectList_AliasesWithAndWithoutAs() =>
        AssertTree("SELECT a AS x, b y, c, count(*) AS count FROM t",
            Stmt(Select([Item(Col("a"), "x"), Item(Col("b"), "y"), Item(Col("c")), Item(Fn("count", new StarExpression()), "count")], [Table("t")])));

    [Fact]
    public void SelectDistinctAndAll()
    {
        Assert.True(SelectOf("SELECT DISTINCT a FROM t").Distinct);
        Assert.False(SelectOf("SELECT ALL a FROM t").Distinct);
        Assert.Equal(Col("all"), SelectOf("SELECT all FROM t").Items[0].Expression);
    }

    [Fact]
    public void Stars_WithQualifierAndExcept()
    {
        var items = SelectOf("SELECT *, t.*, * EXCEPT (a, b.c) FROM t").Items;
        Assert.Equal(new StarExpression(), items[0].Expression);
        Assert.Equal(new StarExpression("t"), items[1].Expression);
        Assert.Equal(new StarExpression([], [QName("a"), QName("b.c")]), items[2].Expression);
    }

    [Fact]
    public void SelectWithoutFrom() => AssertTree("SELECT 1", Stmt(Select([Item(Int(1))], [])));

    [Fact]
    public void ImplicitAlias_NeverSwallowsAClauseKeyword()
    {
        var select = SelectOf("SELECT a FROM t WHERE b GROUP BY a HAVING count(*) > 1");
        Assert.Null(select.Items[0].Alias);
        Assert.NotNull(select.Where);
        Assert.NotNull(select.GroupBy);
        Assert.NotNull(select.Having);
    }

    [Fact]
    public void NonReservedKeywords_AreUsableAsColumnNames_AsInSparksDefaultMode()
    {
        string[] names = ["date", "year", "comment", "type", "key", "value", "name", "data", "version", "timestamp", "first", "last", "left", "right", "end", "interval", "source", "target"];
        var select = SelectOf($"SELECT {string.Join(", ", names)} FROM version v");
        Assert.Equal(names.Select(n => (SqlExpression)Col(n)), select.Items.Select(i => i.Expression));
        Assert.Equal(Table("version", alias: "v"), Assert.Single(select.From));
    }

    [Fact]
    public void AnyWordIsAColumnNameInADefinition()
    {
        var create = Assert.IsType<CreateTableStatement>(Parser.ParseStatement("CREATE TABLE t (date DATE, order INT, select STRING, from BIGINT)"));
        Assert.Equal(["date", "order", "select", "from"], create.Columns.Select(c => c.Name.Name));
        // The printer backquotes the words that would otherwise be read as clauses.
        Assert.Equal("CREATE TABLE t (date DATE, `order` INT, `select` STRING, `from` BIGINT)", create.ToSql());
    }

    // ───────────── tables and time travel ─────────────

    [Fact]
    public void TableNames_MultiPartAndQuoted()
    {
        Assert.Equal(Table("main.sales.orders"), FromOf("SELECT * FROM main.sales.orders"));
        Assert.Equal(new TableRelation(new CatalogTableName("my db", "t.1")), FromOf("SELECT * FROM `my db`.`t.1`"));
    }

    [Fact]
    public void PathTables_DeltaAndParquet()
    {
        Assert.Equal(new TableRelation(new PathTableName("delta", "/data/claims")), FromOf("SELECT * FROM delta.`/data/claims`"));
        Assert.Equal(new TableRelation(new PathTableName("parquet", "/data/f.parquet"), Alias: new TableAlias("p")), FromOf("SELECT * FROM PARQUET.`/data/f.parquet` p"));
        // An unquoted second part is a table in schema "delta".
        Assert.Equal(Table("delta.t"), FromOf("SELECT * FROM delta.t"));
    }

    public static TheoryData<string, TimeTravelSpec> TimeTravelForms() => new()
    {
        { "t VERSION AS OF 3", Version(3) },
        { "t FOR SYSTEM_VERSION AS OF 3", Version(3) },
        { "t VERSION AS OF '3'", new TimeTravelSpec(TimeTravelKind.Version, Str("3")) },
        { "t@v123", Version(123) },
        { "t@V7", Version(7) },
        { "t TIMESTAMP AS OF '2018-10-18T22:15:12.013Z'", AsOfTimestamp(Str("2018-10-18T22:15:12.013Z")) },
        { "t FOR SYSTEM_TIME AS OF '2018-10-18'", AsOfTimestamp(Str("2018-10-18")) },
        { "t TIMESTAMP AS OF date_sub(current_date(), 1)", AsOfTimestamp(Fn("date_sub", Fn("current_date"), Int(1))) },
        { "t TIMESTAMP AS OF current_timestamp() - interval 12 hours", AsOfTimestamp(Sub(Fn("current_timestamp"), new IntervalLiteral([new IntervalField("12", IntervalUnit.Hour)]))) },
        { "t@20190101000000000", AsOfTimestamp(new TypedLiteral(TypedLiteralType.Timestamp, "2019-01-01 00:00:00.000")) },
        { "t@20251105172852219", AsOfTimestamp(new TypedLiteral(TypedLiteralType.Timestamp, "2025-11-05 17:28:52.219")) },
    };

    [Theory]
    [MemberData(nameof(TimeTravelForms))]
    public void TimeTravel_EveryForm(string relation, TimeTravelSpec expected) =>
        Assert.Equal(Table("t", expected), FromOf("SELECT * FROM " + relation));

    [Fact]
    public void TimeTravel_ThenAlias()
    {
        Assert.Equal(Table("t", Version(1), "x"), FromOf("SELECT * FROM t VERSION AS OF 1 AS x"));
        Assert.Equal(Table("t", Version(1), "x"), FromOf("SELECT * FROM t VERSION AS OF 1 x"));
        Assert.Equal(Table("t", Version(5), "x"), FromOf("SELECT * FROM t@v5 x"));
    }

    [Fact]
    public void TimeTravel_OnPathTables_IncludingTheAtSuffixInsideThePath()
    {
        Assert.Equal(new TableRelation(new PathTableName("delta", "/p"), Version(2)), FromOf("SELECT * FROM delta.`/p@v2`"));
        Assert.Equal(new TableRelation(new PathTableName("delta", "/p"), Version(2)), FromOf("SELECT * FROM delta.`/p` VERSION AS OF 2"));
        Assert.Equal(
            new TableRelation(new PathTableName("delta", "/p"), AsOfTimestamp(new TypedLiteral(TypedLiteralType.Timestamp, "2019-01-01 00:00:00.000"))),
            FromOf("SELECT * FROM delta.`/p@20190101000000000`"));
    }

    [Fact]
    public void TimeTravelTimestamp_IsAValueExpression_SoJoinConditionsStayOutside()
    {
        var join = Assert.IsType<JoinRelation>(FromOf("SELECT * FROM a JOIN b TIMESTAMP AS OF '2025-01-01' AS bb ON a.id = bb.id AND a.x = 1"));
        Assert.Equal(Table("b", AsOfTimestamp(Str("2025-01-01")), "bb"), join.Right);
        Assert.Equal(And(Eq(Col("a", "id"), Col("bb", "id")), Eq(Col("a", "x"), Int(1))), join.Condition);
    }

    [Fact]
    public void KeywordsThatStartTimeTravel_AreAliasesWhenNoAsOfFollows() =>
        Assert.Equal(Table("t", alias: "timestamp"), FromOf("SELECT * FROM t timestamp"));

    [Fact]
    public void TimeTravel_InSubqueriesAndScalarSubqueries()
    {
        // The time-travel example of the history document: new customers over the last week.
        var sql = """
            SELECT
            (
              SELECT count(distinct userId)
              FROM my_table
            )
            -
            (
              SELECT count(distinct userId)
              FROM my_table TIMESTAMP AS OF date_sub(current_date(), 7)
            ) AS new_customers
            """;
        var countDistinct = new FunctionCall(QName("count"), [Col("userId")], Distinct: true);
        var now = new SubqueryExpression(Q(Select([Item(countDistinct)], [Table("my_table")])));
        var weekAgo = new SubqueryExpression(Q(Select([Item(countDistinct)], [Table("my_table", AsOfTimestamp(Fn("date_sub", Fn("current_date"), Int(7))))])));
        AssertTree(sql, Stmt(Select([Item(Sub(now, weekAgo), "new_customers")], [])));
    }

    // ───────────── relations ─────────────

    [Fact]
    public void SubqueryInFrom_WithAliasAndColumns()
    {
        var relation = Assert.IsType<SubqueryRelation>(FromOf("SELECT * FROM (SELECT 1, 2) AS s(a, b)"));
        Assert.Equal(new TableAlias("s", ["a", "b"]), relation.Alias);
    }

    [Fact]
    public void ValuesRelation_WithAliasAndColumnNames() =>
        Assert.Equal(
            new ValuesRelation([[Int(1), Str("a")], [Int(2), Str("b")]], new TableAlias("t", ["id", "name"])),
            FromOf("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, name)"));

    [Fact]
    public void ParenthesisedValuesRelation() =>
        Assert.Equal(new ValuesRelation([[Int(1)], [Int(2)]], new TableAlias("v")), FromOf("SELECT * FROM (VALUES 1, 2) v"));

    [Fact]
    public void TableValuedFunction() =>
        Assert.Equal(new TableFunctionRelation(QName("range"), [Int(10)], new TableAlias("r", ["id"])), FromOf("SELECT * FROM range(10) AS r(id)"));

    public static TheoryData<string, JoinType> JoinTypes() => new()
    {
        { "JOIN", JoinType.Inner },
        { "INNER JOIN", JoinType.Inner },
        { "LEFT JOIN", JoinType.LeftOuter },
        { "LEFT OUTER JOIN", JoinType.LeftOuter },
        { "RIGHT JOIN", JoinType.RightOuter },
        { "RIGHT OUTER JOIN", JoinType.RightOuter },
        { "FULL JOIN", JoinType.FullOuter },
        { "FULL OUTER JOIN", JoinType.FullOuter },
        { "LEFT SEMI JOIN", JoinType.LeftSemi },
        { "SEMI JOIN", JoinType.LeftSemi },
        { "LEFT ANTI JOIN", JoinType.LeftAnti },
        { "ANTI JOIN", JoinType.LeftAnti },
    };

    [Theory]
    [MemberData(nameof(JoinTypes))]
    public void JoinTypes_WithOn(string join, JoinType type) =>
        Assert.Equal(new JoinRelation(type, Table("a"), Table("b"), Eq(Col("a", "id"), Col("b", "id"))), FromOf($"SELECT * FROM a {join} b ON a.id = b.id"));

    [Fact]
    public void CrossNaturalAndUsingJoins()
    {
        Assert.Equal(new JoinRelation(JoinType.Cross, Table("a"), Table("b")), FromOf("SELECT * FROM a CROSS JOIN b"));
        Assert.Equal(new JoinRelation(JoinType.LeftOuter, Table("a"), Table("b"), null, [], Natural: true), FromOf("SELECT * FROM a NATURAL LEFT JOIN b"));
        Assert.Equal(new JoinRelation(JoinType.Inner, Table("a"), Table("b"), null, ["id", "day"]), FromOf("SELECT * FROM a JOIN b USING (id, day)"));
    }

    [Fact]
    public void Joins_AreLeftDeep_AndParenthesesGroupTheRightSide()
    {
        var leftDeep = new JoinRelation(JoinType.LeftOuter, new JoinRelation(JoinType.Inner, Table("a"), Table("b"), Eq(Col("x"), Int(1))), Table("c"), Eq(Col("y"), Int(2)));
        Assert.Equal(leftDeep, FromOf("SELECT * FROM a JOIN b ON x = 1 LEFT JOIN c ON y = 2"));
        var grouped = new JoinRelation(JoinType.Inner, Table("a"), new JoinRelation(JoinType.Inner, Table("b"), Table("c"), Eq(Col("y"), Int(2))), Eq(Col("x"), Int(1)));
        Assert.Equal(grouped, FromOf("SELECT * FROM a JOIN (b JOIN c ON y = 2) ON x = 1"));
    }

    [Fact]
    public void CommaSeparatedRelations()
    {
        var from = SelectOf("SELECT * FROM a, b x, c").From;
        Assert.Equal([Table("a"), Table("b", alias: "x"), Table("c")], from);
    }

    [Fact]
    public void JoinKeywords_AreNotTableAliases()
    {
        var join = Assert.IsType<JoinRelation>(FromOf("SELECT * FROM a LEFT JOIN b ON true"));
        Assert.Null(Assert.IsType<TableRelation>(join.Left).Alias);
    }

    // ───────────── clauses ─────────────

    [Fact]
    public void AllClauses()
    {
        var sql = "SELECT a, sum(b) FROM t WHERE c > 0 GROUP BY a, 2 HAVING sum(b) > 10 ORDER BY a DESC NULLS FIRST, 2 LIMIT 5 OFFSET 10";
        var query = Assert.IsType<QueryStatement>(Parser.ParseStatement(sql)).Query;
        var select = Assert.IsType<SelectQuery>(query.Body);
        Assert.Equal(Bin(BinaryOperator.GreaterThan, Col("c"), Int(0)), select.Where);
        Assert.Equal(new GroupByClause([Col("a"), Int(2)]), select.GroupBy);
        Assert.Equal(Bin(BinaryOperator.GreaterThan, Fn("sum", Col("b")), Int(10)), select.Having);
        Assert.Equal([new SortItem(Col("a"), SortDirection.Descending, NullOrdering.First), new SortItem(Int(2))], query.OrderBy);
        Assert.Equal(Int(5), query.Limit);
        Assert.Equal(Int(10), query.Offset);
    }

    [Fact]
    public void GroupByAll_AndLimitAll()
    {
        var query = Assert.IsType<QueryStatement>(Parser.ParseStatement("SELECT a, count(*) FROM t GROUP BY ALL LIMIT ALL")).Query;
        Assert.Equal(new GroupByClause([], All: true), Assert.IsType<SelectQuery>(query.Body).GroupBy);
        Assert.Null(query.Limit);
    }

    [Fact]
    public void NamedWindows()
    {
        var select = SelectOf("SELECT rank() OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b)");
        Assert.Equal(new WindowSpec("w", [], [], null), Assert.IsType<FunctionCall>(select.Items[0].Expression).Over);
        Assert.Equal([new NamedWindow("w", new WindowSpec(null, [Col("a")], [new SortItem(Col("b"))], null))], select.Windows);
    }

    [Fact]
    public void CommonTableExpressions_MultipleWithColumnLists()
    {
        var query = Parser.ParseQuery("WITH a AS (SELECT 1), b (x, y) AS (SELECT 1, 2), c (SELECT 3) SELECT * FROM a, b, c");
        Assert.Equal(["a", "b", "c"], query.With.Select(c => c.Name.Value));
        Assert.Equal(["x", "y"], query.With[1].Columns.Select(c => c.Value));
    }

    // ───────────── set operations ─────────────

    private static SelectQuery S(int n) => Select([Item(Int(n))], []);

    [Fact]
    public void Intersect_BindsTighterThanUnion() =>
        AssertTree("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3",
            Stmt(new SetOperation(SetOperator.Union, false, S(1), new SetOperation(SetOperator.Intersect, false, S(2), S(3)))));

    [Fact]
    public void UnionAndExcept_AreLeftAssociative() =>
        AssertTree("SELECT 1 EXCEPT SELECT 2 UNION ALL SELECT 3",
            Stmt(new SetOperation(SetOperator.Union, true, new SetOperation(SetOperator.Except, false, S(1), S(2)), S(3))));

    [Fact]
    public void MinusIsExcept_AndDistinctIsTheDefault()
    {
        AssertTree("SELECT 1 MINUS SELECT 2", Stmt(new SetOperation(SetOperator.Except, false, S(1), S(2))));
        AssertTree("SELECT 1 UNION DISTINCT SELECT 2", Stmt(new SetOperation(SetOperator.Union, false, S(1), S(2))));
    }

    [Fact]
    public void Parentheses_OverrideSetPrecedence() =>
        AssertTree("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3",
            Stmt(new SetOperation(SetOperator.Intersect, false, new SetOperation(SetOperator.Union, false, S(1), S(2)), S(3))));

    [Fact]
    public void OrderByAndLimit_ApplyToTheWholeSetOperation()
    {
        var query = Assert.IsType<QueryStatement>(Parser.ParseStatement("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 3")).Query;
        Assert.IsType<SetOperation>(query.Body);
        Assert.Single(query.OrderBy);
        Assert.Equal(Int(3), query.Limit);
    }

    [Fact]
    public void ParenthesisedQueryWithItsOwnLimit_IsANestedQuery()
    {
        var query = Assert.IsType<QueryStatement>(Parser.ParseStatement("(SELECT 1 LIMIT 1) UNION ALL (SELECT 2)")).Query;
        var union = Assert.IsType<SetOperation>(query.Body);
        var nested = Assert.IsType<NestedQuery>(union.Left);
        Assert.Equal(Int(1), nested.Query.Limit);
        Assert.Equal(S(2), union.Right);
    }

    [Fact]
    public void ValuesAndTable_AsQueries()
    {
        AssertTree("VALUES (1, 'a'), (2, 'b')", Stmt(new ValuesQuery([[Int(1), Str("a")], [Int(2), Str("b")]])));
        AssertTree("TABLE db.t", Stmt(new TableQuery(Name("db.t"))));
    }
}
