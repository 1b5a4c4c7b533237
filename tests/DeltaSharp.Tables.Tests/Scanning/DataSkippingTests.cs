using System.Globalization;
using DeltaSharp.Expressions;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Tables.Tests.Scanning;

public sealed class DataSkippingTests : IDisposable
{
    private readonly ScanTestTable _table = new();

    public void Dispose() => _table.Dispose();

    private static readonly StructType Schema = new(
        new StructField("x", DataType.Integer),
        new StructField("s", DataType.String),
        new StructField("t", DataType.Timestamp),
        new StructField("p", DataType.Integer),
        new StructField("q", DataType.String));

    private static Comparison Cmp(ComparisonOperator op, string column, object? value, DataType type) =>
        new(op, new ColumnRef(column), new Literal(value, type));

    private string[] Kept(Expression predicate, params AddFile[] files) =>
        [.. _table.Snapshot(Schema, files, ["p", "q"]).Scan().Where(predicate).Build().Files.Select(f => f.Add.Path)];

    private static AddFile File(string name, string? p, string? q, string? stats = null) =>
        ScanTestTable.Add(name, partitionValues: new Dictionary<string, string?> { ["p"] = p, ["q"] = q }, stats: stats);

    [Fact]
    public void Partition_Equality_KeepsOnlyMatchingPartitions()
    {
        var kept = Kept(Cmp(ComparisonOperator.Equal, "p", 2, DataType.Integer),
            File("a", "1", "x"), File("b", "2", "x"), File("c", null, "x"), File("d", "", "x"));
        Assert.Equal(["b"], kept);
    }

    [Fact]
    public void Partition_NotAndNullChecks_FollowSqlNullSemantics()
    {
        AddFile[] files = [File("a", "1", "x"), File("b", "2", "y"), File("n", null, null)];
        // NOT (p = 1): the null partition never satisfies it.
        Assert.Equal(["b"], Kept(new Not(Cmp(ComparisonOperator.Equal, "p", 1, DataType.Integer)), files));
        Assert.Equal(["n"], Kept(new IsNull(new ColumnRef("p")), files));
        Assert.Equal(["a", "b"], Kept(new Not(new IsNull(new ColumnRef("q"))), files));
        Assert.Equal(["a", "n"], Kept(new Or(Cmp(ComparisonOperator.LessThan, "p", 2, DataType.Integer), new IsNull(new ColumnRef("q"))), files));
        Assert.Equal(["a", "b"], Kept(new InList(new ColumnRef("Q"), [new Literal("x", DataType.String), new Literal("y", DataType.String)]), files));
        Assert.Equal(["b"], Kept(new Not(new InList(new ColumnRef("q"), [new Literal("x", DataType.String)])), files));
        Assert.Empty(Kept(new Not(new InList(new ColumnRef("q"), [new Literal("x", DataType.String), new Literal(null, DataType.String)])), files));
        Assert.Empty(Kept(new Literal(null, DataType.Boolean), files));
    }

    [Fact]
    public void Stats_MinMax_SkipFilesOutsideTheRange()
    {
        AddFile[] files =
        [
            File("low", "1", "x", """{"numRecords":3,"minValues":{"x":1},"maxValues":{"x":10},"nullCount":{"x":0}}"""),
            File("high", "1", "x", """{"numRecords":3,"minValues":{"x":20},"maxValues":{"x":30},"nullCount":{"x":0}}"""),
            File("nostats", "1", "x"),
            File("allnull", "1", "x", """{"numRecords":3,"nullCount":{"x":3}}"""),
        ];
        Assert.Equal(["low", "nostats"], Kept(Cmp(ComparisonOperator.LessThanOrEqual, "x", 10, DataType.Integer), files));
        Assert.Equal(["high", "nostats"], Kept(Cmp(ComparisonOperator.GreaterThan, "x", 10, DataType.Integer), files));
        Assert.Equal(["low", "high", "nostats"], Kept(Cmp(ComparisonOperator.NotEqual, "x", 10, DataType.Integer), files));
        Assert.Equal(["nostats", "allnull"], Kept(new IsNull(new ColumnRef("x")), files));
        Assert.Equal(["low", "high", "nostats"], Kept(new IsNotNull(new ColumnRef("x")), files));
        // Literal of another numeric type compares by value.
        Assert.Equal(["high", "nostats"], Kept(Cmp(ComparisonOperator.GreaterThanOrEqual, "x", 10.5, DataType.Double), files));
        // Partition and stats conditions together.
        Assert.Empty(Kept(new And(Cmp(ComparisonOperator.Equal, "p", 2, DataType.Integer), new IsNotNull(new ColumnRef("x"))), files));
    }

    [Fact]
    public void Stats_WideBounds_NullCountOnlyInformativeAtZeroOrAll()
    {
        // tightBounds=false (a DV'd file): nullCount 1 of 3 says nothing, but min/max are still bounds.
        AddFile[] files = [File("dv", "1", "x", """{"numRecords":3,"minValues":{"x":5},"maxValues":{"x":9},"nullCount":{"x":1},"tightBounds":false}""")];
        Assert.Equal(["dv"], Kept(new IsNull(new ColumnRef("x")), files));
        Assert.Equal(["dv"], Kept(new IsNotNull(new ColumnRef("x")), files));
        Assert.Empty(Kept(Cmp(ComparisonOperator.GreaterThan, "x", 9, DataType.Integer), files));
        Assert.Empty(Kept(Cmp(ComparisonOperator.LessThan, "x", 5, DataType.Integer), files));
    }

    [Fact]
    public void Stats_TimestampsTruncatedToMillis_AreWidened()
    {
        // Max recorded as .123Z while the file may hold .123999Z: `t > .1235` must keep the file.
        AddFile[] files = [File("f", "1", "x", """{"numRecords":1,"minValues":{"t":"2021-01-01T00:00:00.123Z"},"maxValues":{"t":"2021-01-01T00:00:00.123Z"}}""")];
        var t = DateTime.Parse("2021-01-01T00:00:00.1235Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(["f"], Kept(Cmp(ComparisonOperator.GreaterThan, "t", t, DataType.Timestamp), files));
        Assert.Equal(["f"], Kept(Cmp(ComparisonOperator.NotEqual, "t", t, DataType.Timestamp), files));
        Assert.Empty(Kept(Cmp(ComparisonOperator.GreaterThan, "t", t.AddMilliseconds(2), DataType.Timestamp), files));
    }

    [Fact]
    public void Stats_Strings_CompareByCodePoint()
    {
        // U+FF21 (BMP) sorts before U+1F600 (a surrogate pair in UTF-16) in UTF-8/code point order.
        AddFile[] files = [File("f", "1", "x", """{"numRecords":1,"minValues":{"s":"\uff21"},"maxValues":{"s":"\uff21"}}""")];
        Assert.Empty(Kept(Cmp(ComparisonOperator.GreaterThan, "s", "\U0001F600", DataType.String), files));
        Assert.Equal(["f"], Kept(Cmp(ComparisonOperator.LessThan, "s", "\U0001F600", DataType.String), files));
    }

    [Fact]
    public void UnknownColumnsAndExpressions_KeepFiles()
    {
        AddFile[] files = [File("f", "1", "x", """{"numRecords":1,"minValues":{"x":1},"maxValues":{"x":1}}""")];
        Assert.Equal(["f"], Kept(Cmp(ComparisonOperator.Equal, "nope", 5, DataType.Integer), files));
        Assert.Equal(["f"], Kept(new Comparison(ComparisonOperator.Equal, new ColumnRef("x"), new ColumnRef("p")), files));
        Assert.Equal(["f"], Kept(new Not(new Comparison(ComparisonOperator.Equal, new ColumnRef("x"), new ColumnRef("p"))), files));
    }

    /// <summary>Property: a file is never skipped when one of its rows makes the predicate TRUE (three-valued logic
    /// evaluated row by row), for random data, exact stats and random predicate trees.</summary>
    [Fact]
    public void MayMatch_NeverSkipsAFileWithAMatchingRow()
    {
        var value = Gen.Frequency((1, Gen.Constant<int?>(null)), (6, Gen.Choose(-5, 5).Select(i => (int?)i)));
        var leaf = Gen.OneOf(
            from op in Gen.Elements(Enum.GetValues<ComparisonOperator>())
            from v in Gen.Choose(-6, 6)
            from col in Gen.Elements("x", "p")
            select (Expression)Cmp(op, col, v, DataType.Integer),
            from col in Gen.Elements("x", "p")
            from isNull in Gen.Elements(true, false)
            select isNull ? (Expression)new IsNull(new ColumnRef(col)) : new IsNotNull(new ColumnRef(col)),
            from vs in Gen.ArrayOf(Gen.Choose(-6, 6), 3)
            select (Expression)new InList(new ColumnRef("x"), [.. vs.Select(v => new Literal(v, DataType.Integer))]));
        Gen<Expression> Tree(int depth) => depth == 0 ? leaf : Gen.OneOf(
            leaf,
            from l in Tree(depth - 1) from r in Tree(depth - 1) select (Expression)new And(l, r),
            from l in Tree(depth - 1) from r in Tree(depth - 1) select (Expression)new Or(l, r),
            from o in Tree(depth - 1) select (Expression)new Not(o));
        var gen =
            from rows in Gen.NonEmptyListOf(value)
            from p in value
            from tight in Gen.Elements(true, false)
            from predicate in Tree(3)
            select (rows: rows.ToArray(), p, tight, predicate);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var anyTrue = c.rows.Any(x => Eval(c.predicate, x, c.p) == true);
            var nonNull = c.rows.Where(v => v is not null).Select(v => v!.Value).ToArray();
            // Wide bounds (tightBounds=false) may be looser than the data: widen by one and keep nullCount exact.
            var slack = c.tight ? 0 : 1;
            var stats = nonNull.Length == 0
                ? $$"""{"numRecords":{{c.rows.Length}},"nullCount":{"x":{{c.rows.Length}}},"tightBounds":{{(c.tight ? "true" : "false")}}}"""
                : $$"""{"numRecords":{{c.rows.Length}},"minValues":{"x":{{nonNull.Min() - slack}}},"maxValues":{"x":{{nonNull.Max() + slack}}},"nullCount":{"x":{{c.rows.Length - nonNull.Length}}},"tightBounds":{{(c.tight ? "true" : "false")}}}""";
            var kept = Kept(c.predicate, File("f", c.p?.ToString(CultureInfo.InvariantCulture), "q", stats));
            if (anyTrue) Assert.Equal(["f"], kept);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(1500));
    }

    /// <summary>SQL three-valued evaluation of a predicate for one row (x, p).</summary>
    private static bool? Eval(Expression e, int? x, int? p)
    {
        int? Col(Expression c) => ((ColumnRef)c).Name == "x" ? x : p;
        switch (e)
        {
            case And a:
            {
                var l = Eval(a.Left, x, p);
                var r = Eval(a.Right, x, p);
                return l == false || r == false ? false : l == true && r == true ? true : null;
            }
            case Or o:
            {
                var l = Eval(o.Left, x, p);
                var r = Eval(o.Right, x, p);
                return l == true || r == true ? true : l == false && r == false ? false : null;
            }
            case Not n:
                return Eval(n.Operand, x, p) is { } b ? !b : null;
            case IsNull n: return Col(n.Operand) is null;
            case IsNotNull n: return Col(n.Operand) is not null;
            case InList i:
            {
                var v = Col(i.Value);
                if (v is null) return null;
                return i.List.Any(l => (int)((Literal)l).Value! == v);
            }
            case Comparison c:
            {
                var v = Col(c.Left);
                if (v is null) return null;
                var lit = (int)((Literal)c.Right).Value!;
                return c.Operator switch
                {
                    ComparisonOperator.Equal => v == lit,
                    ComparisonOperator.NotEqual => v != lit,
                    ComparisonOperator.LessThan => v < lit,
                    ComparisonOperator.LessThanOrEqual => v <= lit,
                    ComparisonOperator.GreaterThan => v > lit,
                    _ => v >= lit,
                };
            }
            default:
                throw new InvalidOperationException();
        }
    }
}
