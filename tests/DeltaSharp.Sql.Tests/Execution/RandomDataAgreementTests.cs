using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Tests.Execution;

/// <summary>
/// Grouping, joins, sorting and DISTINCT over random data with duplicates and NULLs, spread over several batches,
/// against the same computation in LINQ.
/// </summary>
public sealed class RandomDataAgreementTests
{
    private sealed record Row(int? K, int? V, string? S);

    private static (InMemoryTableProvider Tables, List<Row> T, List<Row> U) Generate(int seed, int rows)
    {
        var random = new Random(seed);
        List<Row> Make(int n) => Enumerable.Range(0, n).Select(_ => new Row(
            random.Next(10) == 0 ? null : random.Next(rows / 7 + 2),
            random.Next(8) == 0 ? null : random.Next(-50, 50),
            random.Next(9) == 0 ? null : "s" + random.Next(30))).ToList();
        var t = Make(rows);
        var u = Make(rows / 3 + 1);
        var tables = new InMemoryTableProvider();
        var schema = TestTables.Schema(("k", DataType.Integer), ("v", DataType.Integer), ("s", DataType.String));
        foreach (var (name, data) in new[] { ("t", t), ("u", u) })
        {
            var table = tables.CreateTable(TableIdentifier.Named(name), schema);
            // Several appends: the scan sees several batches.
            foreach (var chunk in data.Chunk(Math.Max(1, data.Count / 4 + 1)))
                table.Append(chunk.Select(r => new object?[] { r.K, r.V, r.S }));
        }
        return (tables, t, u);
    }

    public static TheoryData<int, int> Cases() => new() { { 1, 40 }, { 2, 200 }, { 3, 1000 }, { 4, 7 }, { 5, 5000 }, { 6, 20000 } };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GroupBy_MatchesLinq(int seed, int rows)
    {
        var (tables, t, _) = Generate(seed, rows);
        var actual = tables.Rows("SELECT k, count(*), sum(v), min(v), max(v), count(DISTINCT v), count(s) FROM t GROUP BY k")
            .Select(r => $"{r[0]}|{r[1]}|{r[2]}|{r[3]}|{r[4]}|{r[5]}|{r[6]}").Order(StringComparer.Ordinal).ToList();
        var expected = t.GroupBy(r => r.K).Select(g =>
        {
            var vs = g.Where(r => r.V is not null).Select(r => r.V!.Value).ToList();
            object? sum = vs.Count == 0 ? null : vs.Sum(x => (long)x);
            object? min = vs.Count == 0 ? null : vs.Min();
            object? max = vs.Count == 0 ? null : vs.Max();
            return $"{g.Key}|{(long)g.Count()}|{sum}|{min}|{max}|{(long)vs.Distinct().Count()}|{(long)g.Count(r => r.S is not null)}";
        }).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Joins_MatchLinq(int seed, int rows)
    {
        var (tables, t, u) = Generate(seed, rows);
        var byKey = u.Where(b => b.K is not null).ToLookup(b => b.K!.Value);
        var tKeys = t.Where(a => a.K is not null).Select(a => a.K!.Value).ToHashSet();
        int Matches(Row a) => a.K is null ? 0 : byKey[a.K.Value].Count();
        var inner = t.Sum(Matches);
        Assert.Equal((long)inner, tables.Run("SELECT count(*) FROM t JOIN u ON t.k = u.k").Scalar());
        var left = t.Sum(a => Math.Max(1, Matches(a)));
        Assert.Equal((long)left, tables.Run("SELECT count(*) FROM t LEFT JOIN u ON t.k = u.k").Scalar());
        var semi = t.Count(a => Matches(a) > 0);
        var unmatchedRight = u.Count(b => b.K is null || !tKeys.Contains(b.K.Value));
        Assert.Equal((long)(inner + (t.Count - semi) + unmatchedRight), tables.Run("SELECT count(*) FROM t FULL JOIN u ON t.k = u.k").Scalar());
        Assert.Equal((long)semi, tables.Run("SELECT count(*) FROM t LEFT SEMI JOIN u ON t.k = u.k").Scalar());
        Assert.Equal((long)(t.Count - semi), tables.Run("SELECT count(*) FROM t LEFT ANTI JOIN u ON t.k = u.k").Scalar());
        var residual = t.Sum(a => a.K is null || a.V is null ? 0 : byKey[a.K.Value].Count(b => b.V is not null && a.V < b.V));
        Assert.Equal((long)residual, tables.Run("SELECT count(*) FROM t JOIN u ON t.k = u.k AND t.v < u.v").Scalar());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void OrderBy_MatchesLinq(int seed, int rows)
    {
        var (tables, t, _) = Generate(seed, rows);
        // v DESC (nulls last), then s ASC (nulls first), then k ASC (nulls first): a total order up to equal rows.
        var expected = t.OrderBy(r => r.V is null).ThenByDescending(r => r.V)
            .ThenBy(r => r.S is not null).ThenBy(r => r.S, StringComparer.Ordinal)
            .ThenBy(r => r.K is not null).ThenBy(r => r.K)
            .Select(r => $"{r.V}|{r.S}|{r.K}").ToList();
        var actual = tables.Rows("SELECT v, s, k FROM t ORDER BY v DESC, s, k").Select(r => $"{r[0]}|{r[1]}|{r[2]}").ToList();
        Assert.Equal(expected, actual);
        var limited = tables.Rows("SELECT v, s, k FROM t ORDER BY v DESC, s, k LIMIT 5 OFFSET 2").Select(r => $"{r[0]}|{r[1]}|{r[2]}").ToList();
        Assert.Equal(expected.Skip(2).Take(5), limited);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DistinctAndSetOperations_MatchLinq(int seed, int rows)
    {
        var (tables, t, u) = Generate(seed, rows);
        Assert.Equal((long)t.Select(r => (r.K, r.S)).Distinct().Count(), tables.Run("SELECT count(*) FROM (SELECT DISTINCT k, s FROM t)").Scalar());
        var tk = t.Select(r => r.K).ToList();
        var uk = u.Select(r => r.K).ToList();
        Assert.Equal((long)tk.Union(uk).Count(), tables.Run("SELECT count(*) FROM (SELECT k FROM t UNION SELECT k FROM u)").Scalar());
        Assert.Equal((long)tk.Intersect(uk).Count(), tables.Run("SELECT count(*) FROM (SELECT k FROM t INTERSECT SELECT k FROM u)").Scalar());
        Assert.Equal((long)tk.Except(uk).Count(), tables.Run("SELECT count(*) FROM (SELECT k FROM t EXCEPT SELECT k FROM u)").Scalar());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RowNumberAndRunningSum_MatchLinq(int seed, int rows)
    {
        var (tables, t, _) = Generate(seed, Math.Min(rows, 3000));
        var indexed = t.Select((r, i) => (r, i)).ToList();
        var actual = tables.Rows("SELECT k, v, row_number() OVER (PARTITION BY k ORDER BY v, s), sum(v) OVER (PARTITION BY k ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t")
            .Select(r => ((int?)r[0], (int?)r[1], (int)r[2]!, (long?)r[3])).ToList();
        foreach (var group in actual.GroupBy(x => x.Item1))
        {
            var ordered = group.OrderBy(x => x.Item3).ToList();
            Assert.Equal(Enumerable.Range(1, ordered.Count), ordered.Select(x => x.Item3));
            // row_number follows v ascending, nulls first
            var vs = ordered.Select(x => x.Item2).ToList();
            Assert.Equal(vs.OrderBy(v => v is not null).ThenBy(v => v), vs);
        }
        _ = indexed;
    }
}
