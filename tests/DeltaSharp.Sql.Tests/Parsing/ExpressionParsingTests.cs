using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Parsing;
using static DeltaSharp.Sql.Tests.Parsing.Trees;

namespace DeltaSharp.Sql.Tests.Parsing;

/// <summary>SqlExpression trees written by hand from Spark's grammar (SqlBaseParser.g4 precedence).</summary>
public sealed class ExpressionParsingTests
{
    private static void AssertTree(string sql, SqlExpression expected)
    {
        var actual = Parser.ParseExpression(sql);
        Assert.True(expected.Equals(actual), $"{sql}\nexpected: {expected.ToSql()}\n          {expected}\nactual:   {actual.ToSql()}\n          {actual}");
    }

    // ───────────── precedence ─────────────

    [Fact]
    public void And_BindsTighterThanOr() => AssertTree("a OR b AND c", Or(Col("a"), And(Col("b"), Col("c"))));

    [Fact]
    public void Not_AppliesToTheWholeComparison() => AssertTree("NOT a = b", Not(Eq(Col("a"), Col("b"))));

    [Fact]
    public void Not_BindsTighterThanAnd() => AssertTree("NOT a AND b", And(Not(Col("a")), Col("b")));

    [Fact]
    public void Bang_IsNot() => AssertTree("!a OR b", Or(Not(Col("a")), Col("b")));

    [Fact]
    public void ComparisonsAndLogic_Mix() =>
        AssertTree("a = 1 AND b < 2 OR c", Or(And(Eq(Col("a"), Int(1)), Bin(BinaryOperator.LessThan, Col("b"), Int(2))), Col("c")));

    [Fact]
    public void AndChains_AreBalanced_AsSparkBuildsThem() =>
        AssertTree("a AND b AND c AND d AND e", And(And(And(Col("a"), Col("b")), Col("c")), And(Col("d"), Col("e"))));

    [Fact]
    public void ParenthesisedOr_IsNotFlattenedIntoTheChain() =>
        AssertTree("a OR (b OR c) OR d", Or(Or(Col("a"), Or(Col("b"), Col("c"))), Col("d")));

    [Fact]
    public void Multiplication_BindsTighterThanAddition() =>
        AssertTree("a + b * c - d", Sub(Add(Col("a"), Mul(Col("b"), Col("c"))), Col("d")));

    [Fact]
    public void Concat_SharesAdditionsLevel_LeftToRight() =>
        AssertTree("a || b + c", Add(Bin(BinaryOperator.Concat, Col("a"), Col("b")), Col("c")));

    [Fact]
    public void Bitwise_AndOverXorOverOr() =>
        AssertTree("a & b | c ^ d", Bin(BinaryOperator.BitwiseOr, Bin(BinaryOperator.BitwiseAnd, Col("a"), Col("b")), Bin(BinaryOperator.BitwiseXor, Col("c"), Col("d"))));

    [Fact]
    public void Shift_IsLooserThanAddition() =>
        AssertTree("1 << 2 + 3", Bin(BinaryOperator.ShiftLeft, Int(1), Add(Int(2), Int(3))));

    [Fact]
    public void Bitwise_BindsTighterThanComparison() =>
        AssertTree("a = b | c", Eq(Col("a"), Bin(BinaryOperator.BitwiseOr, Col("b"), Col("c"))));

    [Fact]
    public void DivAndModulo_ShareMultiplicationsLevel() =>
        AssertTree("a DIV b % c", Bin(BinaryOperator.Modulo, Bin(BinaryOperator.IntegralDivide, Col("a"), Col("b")), Col("c")));

    [Fact]
    public void Comparisons_AreLeftAssociative() => AssertTree("a = b = c", Eq(Eq(Col("a"), Col("b")), Col("c")));

    [Theory]
    [InlineData("a == b", BinaryOperator.Equal)]
    [InlineData("a <> b", BinaryOperator.NotEqual)]
    [InlineData("a != b", BinaryOperator.NotEqual)]
    [InlineData("a <=> b", BinaryOperator.NullSafeEqual)]
    [InlineData("a >= b", BinaryOperator.GreaterThanOrEqual)]
    [InlineData("a !< b", BinaryOperator.GreaterThanOrEqual)]
    [InlineData("a >> b", BinaryOperator.ShiftRight)]
    [InlineData("a >>> b", BinaryOperator.ShiftRightUnsigned)]
    public void ComparisonSynonyms_MapToOneOperator(string sql, BinaryOperator op) => AssertTree(sql, Bin(op, Col("a"), Col("b")));

    [Fact]
    public void UnaryMinus_BindsTighterThanMultiplication() => AssertTree("-a * b", Mul(Neg(Col("a")), Col("b")));

    [Fact]
    public void UnaryMinus_AppliesAfterFieldAccess() => AssertTree("-a.b", Neg(Col("a", "b")));

    [Fact]
    public void MinusBeforeANumber_IsPartOfTheLiteral()
    {
        AssertTree("-2147483648", new IntegerLiteral(int.MinValue, IntegerLiteralType.Int));
        AssertTree("- 5", Int(-5));
        AssertTree("2 - 1", Sub(Int(2), Int(1)));
        AssertTree("2 - -1", Sub(Int(2), Int(-1)));
        AssertTree("-(5)", Neg(Int(5)));
        AssertTree("- - 5", Neg(Int(-5)));
        AssertTree("-1.5", Dec("-1.5", 2, 1));
    }

    [Fact]
    public void UnaryPlusAndTilde() =>
        AssertTree("+a - ~b", Sub(new UnaryExpression(UnaryOperator.Plus, Col("a")), new UnaryExpression(UnaryOperator.BitwiseNot, Col("b"))));

    // ───────────── predicates ─────────────

    [Fact]
    public void Between_OwnsItsAnd() =>
        AssertTree("x BETWEEN 1 AND 2 AND y", And(new BetweenExpression(Col("x"), Int(1), Int(2)), Col("y")));

    [Fact]
    public void NotBetween_BoundsAreValueExpressions() =>
        AssertTree("x NOT BETWEEN a + 1 AND b", new BetweenExpression(Col("x"), Add(Col("a"), Int(1)), Col("b"), Negated: true));

    [Fact]
    public void IsNull_TakesTheWholeComparison() => AssertTree("a = b IS NULL", new IsNullExpression(Eq(Col("a"), Col("b"))));

    [Fact]
    public void IsForms()
    {
        AssertTree("a IS NOT NULL", new IsNullExpression(Col("a"), Negated: true));
        AssertTree("a IS TRUE", new IsBooleanExpression(Col("a"), true));
        AssertTree("a IS NOT FALSE", new IsBooleanExpression(Col("a"), false, Negated: true));
        AssertTree("a IS UNKNOWN", new IsBooleanExpression(Col("a"), null));
        AssertTree("a IS NOT DISTINCT FROM b + 1", new IsDistinctFromExpression(Col("a"), Add(Col("b"), Int(1)), Negated: true));
    }

    [Fact]
    public void InList_AndNotIn()
    {
        AssertTree("a IN (1, 2)", new InListExpression(Col("a"), [Int(1), Int(2)]));
        AssertTree("a NOT IN ('x')", new InListExpression(Col("a"), [Str("x")], Negated: true));
    }

    [Fact]
    public void RowValueInList() =>
        AssertTree("(a, b) IN ((1, 2), (3, 4))",
            new InListExpression(new RowConstructor([Col("a"), Col("b")]), [new RowConstructor([Int(1), Int(2)]), new RowConstructor([Int(3), Int(4)])]));

    [Fact]
    public void InSubquery()
    {
        var expected = new InSubqueryExpression(Col("a"), Q(Select([Item(Col("x"))], [Table("t")])), Negated: true);
        AssertTree("a NOT IN (SELECT x FROM t)", expected);
    }

    [Fact]
    public void InWithASetOperationOfParenthesisedQueries_IsASubquery()
    {
        var left = Select([Item(Col("x"))], [Table("t")]);
        var right = Select([Item(Col("y"))], [Table("u")]);
        AssertTree("a IN ((SELECT x FROM t) UNION (SELECT y FROM u))",
            new InSubqueryExpression(Col("a"), Q(new SetOperation(SetOperator.Union, false, left, right))));
    }

    [Fact]
    public void LikeFamily()
    {
        AssertTree("a LIKE 'x%'", new LikeExpression(LikeKind.Like, Col("a"), Str("x%")));
        AssertTree("a NOT LIKE 'x!%' ESCAPE '!'", new LikeExpression(LikeKind.Like, Col("a"), Str("x!%"), '!', Negated: true));
        AssertTree("a ILIKE b || '%'", new LikeExpression(LikeKind.ILike, Col("a"), Bin(BinaryOperator.Concat, Col("b"), Str("%"))));
        AssertTree("a RLIKE '^x'", new LikeExpression(LikeKind.RLike, Col("a"), Str("^x")));
        AssertTree("a NOT REGEXP '^x'", new LikeExpression(LikeKind.RLike, Col("a"), Str("^x"), Negated: true));
        AssertTree("a LIKE ANY ('a%', 'b%')", new LikeQuantifiedExpression(LikeKind.Like, LikeQuantifier.Any, Col("a"), [Str("a%"), Str("b%")]));
        AssertTree("a NOT ILIKE ALL ('a%')", new LikeQuantifiedExpression(LikeKind.ILike, LikeQuantifier.All, Col("a"), [Str("a%")], Negated: true));
    }

    [Fact]
    public void ExistsAndNotExists()
    {
        var query = Q(Select([Item(Int(1))], [Table("t")]));
        AssertTree("EXISTS (SELECT 1 FROM t)", new ExistsExpression(query));
        AssertTree("NOT EXISTS (SELECT 1 FROM t)", Not(new ExistsExpression(query)));
    }

    [Fact]
    public void ExistsWithAnArray_IsTheHigherOrderFunction() =>
        AssertTree("exists(arr, x -> x > 1)",
            Fn("exists", Col("arr"), new LambdaExpression(["x"], Bin(BinaryOperator.GreaterThan, Col("x"), Int(1)))));

    // ───────────── primaries ─────────────

    [Fact]
    public void CaseForms()
    {
        AssertTree("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END",
            new CaseExpression(null, [new WhenClause(Col("a"), Int(1)), new WhenClause(Col("b"), Int(2))], Int(3)));
        AssertTree("CASE x WHEN 1 THEN 'one' END",
            new CaseExpression(Col("x"), [new WhenClause(Int(1), Str("one"))], null));
    }

    [Fact]
    public void Casts()
    {
        AssertTree("CAST(a AS DECIMAL(10,2))", new CastExpression(Col("a"), new DecimalTypeSyntax(10, 2)));
        AssertTree("TRY_CAST(a AS INT)", new CastExpression(Col("a"), new PrimitiveTypeSyntax(PrimitiveTypeKind.Int), IsTry: true));
        AssertTree("a.b::bigint + 1", Add(new CastExpression(Col("a", "b"), new PrimitiveTypeSyntax(PrimitiveTypeKind.BigInt)), Int(1)));
        AssertTree("cast('2018-10-18 13:36:32 CEST' as timestamp)", new CastExpression(Str("2018-10-18 13:36:32 CEST"), new PrimitiveTypeSyntax(PrimitiveTypeKind.Timestamp)));
    }

    [Fact]
    public void FunctionCalls()
    {
        AssertTree("count(*)", Fn("count", new StarExpression()));
        AssertTree("count(DISTINCT a, b)", new FunctionCall(QName("count"), [Col("a"), Col("b")], Distinct: true));
        AssertTree("count(distinct userId)", new FunctionCall(QName("count"), [Col("userId")], Distinct: true));
        AssertTree("sum(x) FILTER (WHERE y > 0)", new FunctionCall(QName("sum"), [Col("x")], Filter: Bin(BinaryOperator.GreaterThan, Col("y"), Int(0))));
        AssertTree("first(x IGNORE NULLS)", new FunctionCall(QName("first"), [Col("x")], Nulls: NullTreatment.Ignore));
        AssertTree("db.my_fn(1)", new FunctionCall(QName("db.my_fn"), [Int(1)]));
        AssertTree("left('abc', 2)", Fn("left", Str("abc"), Int(2)));
        AssertTree("if(a, 1, 2)", Fn("if", Col("a"), Int(1), Int(2)));
        AssertTree("f(k => 1)", Fn("f", new NamedArgument("k", Int(1))));
        AssertTree("struct(a AS x, b)", Fn("struct", new AliasedExpression(Col("a"), "x"), Col("b")));
        AssertTree("percentile_cont(0.5) WITHIN GROUP (ORDER BY x DESC)",
            new FunctionCall(QName("percentile_cont"), [Dec("0.5", 1, 1)]) { WithinGroup = [new SortItem(Col("x"), SortDirection.Descending)] });
    }

    [Fact]
    public void WindowFunctions()
    {
        AssertTree("rank() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND 1 FOLLOWING)",
            new FunctionCall(QName("rank"), [], Over: new WindowSpec(
                null,
                [Col("a")],
                [new SortItem(Col("b"), SortDirection.Descending, NullOrdering.Last)],
                new WindowFrame(WindowFrameType.Rows, new FrameBound(FrameBoundKind.UnboundedPreceding), new FrameBound(FrameBoundKind.Following, Int(1))))));
        AssertTree("lag(x) IGNORE NULLS OVER w",
            new FunctionCall(QName("lag"), [Col("x")], Nulls: NullTreatment.Ignore, Over: new WindowSpec("w", [], [], null)));
        AssertTree("sum(x) OVER (ORDER BY d RANGE CURRENT ROW)",
            new FunctionCall(QName("sum"), [Col("x")], Over: new WindowSpec(null, [], [new SortItem(Col("d"))], new WindowFrame(WindowFrameType.Range, new FrameBound(FrameBoundKind.CurrentRow), null))));
    }

    [Fact]
    public void NamesFieldsAndSubscripts()
    {
        AssertTree("a.b.c", Col("a", "b", "c"));
        AssertTree("`my col`.`x.y`", Col("my col", "x.y"));
        AssertTree("a[0].b", new FieldAccess(new SubscriptExpression(Col("a"), Int(0)), "b"));
        AssertTree("m['k']", new SubscriptExpression(Col("m"), Str("k")));
        AssertTree("f(x).y", new FieldAccess(Fn("f", Col("x")), "y"));
        AssertTree("t.*", new StarExpression("t"));
        AssertTree("date", Col("date"));
        AssertTree("`null`", Col("null"));
    }

    [Fact]
    public void Lambdas()
    {
        AssertTree("transform(arr, x -> x + 1)", Fn("transform", Col("arr"), new LambdaExpression(["x"], Add(Col("x"), Int(1)))));
        AssertTree("aggregate(arr, 0, (acc, x) -> acc + x)",
            Fn("aggregate", Col("arr"), Int(0), new LambdaExpression(["acc", "x"], Add(Col("acc"), Col("x")))));
    }

    [Fact]
    public void NiladicFunctions_WithoutParentheses()
    {
        AssertTree("current_date", new NiladicFunction("current_date"));
        AssertTree("CURRENT_TIMESTAMP", new NiladicFunction("current_timestamp"));
        AssertTree("current_date()", Fn("current_date"));
        AssertTree("current_timestamp() - interval 12 hours",
            Sub(Fn("current_timestamp"), new IntervalLiteral([new IntervalField("12", IntervalUnit.Hour)])));
    }

    [Fact]
    public void ScalarSubqueries_Subtract() =>
        AssertTree("(SELECT 1) - (SELECT 2)",
            Sub(new SubqueryExpression(Q(Select([Item(Int(1))], []))), new SubqueryExpression(Q(Select([Item(Int(2))], [])))));

    [Fact]
    public void StandardSyntaxFunctions()
    {
        AssertTree("TRIM(BOTH 'x' FROM s)", new TrimExpression(TrimSide.Both, Str("x"), Col("s")));
        AssertTree("TRIM(LEADING FROM s)", new TrimExpression(TrimSide.Leading, null, Col("s")));
        AssertTree("TRIM('x' FROM s)", new TrimExpression(TrimSide.Both, Str("x"), Col("s")));
        AssertTree("trim(s)", Fn("trim", Col("s")));
        AssertTree("EXTRACT(YEAR FROM d)", new ExtractExpression("YEAR", Col("d")));
        AssertTree("SUBSTRING(s FROM 2 FOR 3)", Fn("SUBSTRING", Col("s"), Int(2), Int(3)));
        AssertTree("substr(s, 2)", Fn("substr", Col("s"), Int(2)));
        AssertTree("POSITION('a' IN s)", Fn("POSITION", Str("a"), Col("s")));
        AssertTree("OVERLAY(s PLACING 'x' FROM 2 FOR 1)", Fn("OVERLAY", Col("s"), Str("x"), Int(2), Int(1)));
    }

    // ───────────── literals ─────────────

    public static TheoryData<string, SqlExpression> Literals() => new()
    {
        { "1", Int(1) },
        { "2147483648", Big(2147483648) },
        { "10L", Big(10) },
        { "10S", new IntegerLiteral(10, IntegerLiteralType.SmallInt) },
        { "-128Y", new IntegerLiteral(-128, IntegerLiteralType.TinyInt) },
        { "9223372036854775808", Dec("9223372036854775808", 19, 0) },
        { "1250.00", Dec("1250.00", 6, 2) },
        { "0.001", Dec("0.001", 3, 3) },
        { ".5", Dec("0.5", 1, 1) },
        { "1.", Dec("1", 1, 0) },
        { "12BD", Dec("12", 2, 0) },
        { "1e3BD", Dec("1000", 4, 0) },
        { "1.5e1BD", Dec("15", 2, 0) },
        { "1.25e-1BD", Dec("0.125", 3, 3) },
        { "1e3", new DoubleLiteral(1000) },
        { "1.5E-3", new DoubleLiteral(0.0015) },
        { "2.5D", new DoubleLiteral(2.5) },
        { "1.5F", new FloatLiteral(1.5f) },
        { "TRUE", new BooleanLiteral(true) },
        { "false", new BooleanLiteral(false) },
        { "NULL", new NullLiteral() },
        { "'a' 'b' \"c\"", Str("abc") },
        { "'it''s'", Str("its") },
        { "X'0aF'", new BinaryLiteral([0x00, 0xAF]) },
        { "DATE '2025-01-15'", new TypedLiteral(TypedLiteralType.Date, "2025-01-15") },
        { "date '2025'", new TypedLiteral(TypedLiteralType.Date, "2025") },
        { "TIMESTAMP '2025-11-05 17:28:52.219467'", new TypedLiteral(TypedLiteralType.Timestamp, "2025-11-05 17:28:52.219467") },
        { "TIMESTAMP '2018-10-18T22:15:12.013Z'", new TypedLiteral(TypedLiteralType.Timestamp, "2018-10-18T22:15:12.013Z") },
        { "TIMESTAMP_NTZ '2025-01-01 00:00'", new TypedLiteral(TypedLiteralType.TimestampNtz, "2025-01-01 00:00") },
        { "INTERVAL '1' DAY", new IntervalLiteral([new IntervalField("1", IntervalUnit.Day)]) },
        { "interval 1 day 2 hours", new IntervalLiteral([new IntervalField("1", IntervalUnit.Day), new IntervalField("2", IntervalUnit.Hour)]) },
        { "INTERVAL -1.5 SECONDS", new IntervalLiteral([new IntervalField("-1.5", IntervalUnit.Second)]) },
        { "INTERVAL '1-2' YEAR TO MONTH", new UnitToUnitIntervalLiteral("1-2", IntervalUnit.Year, IntervalUnit.Month) },
        { "INTERVAL '1 02:03:04.5' DAY TO SECOND", new UnitToUnitIntervalLiteral("1 02:03:04.5", IntervalUnit.Day, IntervalUnit.Second) },
        { "INTERVAL '1 day 2 hours'", new TypedLiteral(TypedLiteralType.Interval, "1 day 2 hours") },
    };

    [Theory]
    [MemberData(nameof(Literals))]
    public void Literal_HasSparksType(string sql, SqlExpression expected) => AssertTree(sql, expected);

    [Theory]
    [InlineData("1250.00", "125000", 2)]
    [InlineData("-0.001", "-1", 3)]
    [InlineData("99999999999999999999999999999999999999", "99999999999999999999999999999999999999", 0)]
    public void DecimalLiteral_ConvertsToAnExactValue(string sql, string unscaled, int scale)
    {
        var value = Assert.IsType<DecimalLiteral>(Parser.ParseExpression(sql)).ToDecimalValue();
        Assert.Equal(Int128.Parse(unscaled, System.Globalization.CultureInfo.InvariantCulture), value.Unscaled);
        Assert.Equal(scale, value.Scale);
    }

    [Fact]
    public void IdentifierNamedLikeATypedLiteralKeyword_IsAColumnWhenNoStringFollows()
    {
        AssertTree("interval", Col("interval"));
        AssertTree("date + 1", Add(Col("date"), Int(1)));
        AssertTree("timestamp(x)", Fn("timestamp", Col("x")));
    }

    [Fact]
    public void Spans_PointAtTheSourceText()
    {
        var sql = "a + (b * 2)";
        var add = Assert.IsType<BinaryExpression>(Parser.ParseExpression(sql));
        Assert.Equal(new SourceSpan(0, 11, 1, 1), add.Span);
        var mul = Assert.IsType<BinaryExpression>(add.Right);
        Assert.Equal("b * 2", sql.Substring(mul.Span.Offset, mul.Span.Length));
        Assert.Equal(10, mul.Right.Span.Column);
    }
}
