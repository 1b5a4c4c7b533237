using System.Globalization;
using System.Text;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.Tests.Execution;

/// <summary>
/// Random queries over a table of every common type (with NULLs): each one must either run or fail with one of the
/// engine's error types (parse, analysis, compute) — never with another exception.
/// </summary>
public sealed class RandomQueryRobustnessTests
{
    private static readonly InMemoryTableProvider Tables = Build();

    private static InMemoryTableProvider Build()
    {
        var tables = new InMemoryTableProvider();
        var schema = new StructType(
            new StructField("a", DataType.Integer), new StructField("b", DataType.Long), new StructField("c", DataType.Double),
            new StructField("d", new DecimalType(10, 2)), new StructField("s", DataType.String), new StructField("dt", DataType.Date),
            new StructField("ts", DataType.Timestamp), new StructField("f", DataType.Boolean));
        var t = tables.CreateTable(TableIdentifier.Named("t"), schema);
        t.Append([
            [1, 10L, 1.5, new DecimalValue(150, 2), "x", new DateOnly(2025, 1, 1), new DateTime(2025, 1, 1, 10, 0, 0, DateTimeKind.Utc), true],
            [2, -3L, -0.0, new DecimalValue(-1, 2), "", new DateOnly(2024, 2, 29), new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc), false],
            [null, null, null, null, null, null, null, null],
        ]);
        t.Append([
            [0, 0L, double.NaN, new DecimalValue(99999999, 2), "abc", new DateOnly(1970, 1, 1), new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc), null],
            [-7, long.MaxValue, 1e300, new DecimalValue(0, 2), "Ünï", new DateOnly(2099, 12, 31), new DateTime(2099, 12, 31, 23, 59, 59, DateTimeKind.Utc), true],
        ]);
        tables.CreateTable("u", new StructType(new StructField("a", DataType.Integer), new StructField("s", DataType.String)), [[1, "x"], [2, null], [null, "y"]]);
        return tables;
    }

    private sealed class Generator(int seed)
    {
        private readonly Random _r = new(seed);
        private static readonly string[] Columns = ["t.a", "t.b", "t.c", "t.d", "t.s", "t.dt", "t.ts", "t.f", "u.a", "u.s"];
        private static readonly string[] Literals = ["1", "0", "-1", "2147483647", "10L", "1.5", "0.25D", "1e3", "'x'", "''", "'2025-01-01'", "NULL", "true", "false", "DATE '2025-01-02'", "TIMESTAMP '2025-01-01 00:00:00'", "INTERVAL 1 DAY", "X'0A'"];
        private static readonly string[] ArithmeticOps = ["+", "-", "*", "/", "%", "||", "div"];
        private static readonly string[] Comparisons = ["=", "<>", "<", "<=", ">", ">=", "<=>"];
        private static readonly string[] Unary = ["abs", "upper", "lower", "length", "isnull", "year", "month", "trim", "sqrt", "floor", "ceil", "typeof", "negative", "hex", "reverse"];
        private static readonly string[] Types = ["INT", "BIGINT", "DOUBLE", "DECIMAL(5,1)", "STRING", "DATE", "TIMESTAMP", "BOOLEAN"];
        private static readonly string[] Aggregates = ["count", "sum", "min", "max", "avg", "first", "collect_list", "stddev", "count_if", "bool_or"];

        private T Pick<T>(T[] items) => items[_r.Next(items.Length)];

        public string Expr(int depth)
        {
            if (depth <= 0 || _r.Next(4) == 0) return _r.Next(2) == 0 ? Pick(Columns) : Pick(Literals);
            return _r.Next(9) switch
            {
                0 => $"({Expr(depth - 1)} {Pick(ArithmeticOps)} {Expr(depth - 1)})",
                1 => $"{Pick(Unary)}({Expr(depth - 1)})",
                2 => $"CAST({Expr(depth - 1)} AS {Pick(Types)})",
                3 => $"coalesce({Expr(depth - 1)}, {Expr(depth - 1)})",
                4 => $"(CASE WHEN {Bool(depth - 1)} THEN {Expr(depth - 1)} ELSE {Expr(depth - 1)} END)",
                5 => Bool(depth - 1),
                6 => $"if({Bool(depth - 1)}, {Expr(depth - 1)}, {Expr(depth - 1)})",
                7 => $"nullif({Expr(depth - 1)}, {Expr(depth - 1)})",
                _ => $"TRY_CAST({Expr(depth - 1)} AS {Pick(Types)})",
            };
        }

        public string Bool(int depth)
        {
            if (depth <= 0) return _r.Next(2) == 0 ? "t.f" : $"({Pick(Columns)} {Pick(Comparisons)} {Pick(Literals)})";
            return _r.Next(7) switch
            {
                0 => $"({Expr(depth - 1)} {Pick(Comparisons)} {Expr(depth - 1)})",
                1 => $"({Bool(depth - 1)} {(_r.Next(2) == 0 ? "AND" : "OR")} {Bool(depth - 1)})",
                2 => $"(NOT {Bool(depth - 1)})",
                3 => $"({Expr(depth - 1)} IS {(_r.Next(2) == 0 ? "NOT " : "")}NULL)",
                4 => $"({Expr(depth - 1)} IN ({Expr(depth - 1)}, {Pick(Literals)}))",
                5 => $"({Expr(depth - 1)} BETWEEN {Expr(depth - 1)} AND {Expr(depth - 1)})",
                _ => $"({Expr(depth - 1)} LIKE {Pick(Literals)})",
            };
        }

        public string Query()
        {
            var from = _r.Next(5) switch
            {
                0 => "t JOIN u ON t.a = u.a",
                1 => "t LEFT JOIN u ON t.a = u.a",
                2 => "(SELECT * FROM t WHERE a IS NOT NULL) t JOIN u USING (a)",
                _ => "t, u",
            };
            var sb = new StringBuilder();
            switch (_r.Next(6))
            {
                case 0:
                    sb.Append($"SELECT {Expr(3)} AS x, {Expr(2)} FROM {from} WHERE {Bool(2)}");
                    break;
                case 1:
                    sb.Append($"SELECT {Expr(1)} AS k, {Pick(Aggregates)}({Expr(2)}), count(*) FROM {from} GROUP BY 1 HAVING count(*) > 0 ORDER BY 1");
                    break;
                case 2:
                    sb.Append($"SELECT DISTINCT {Expr(2)} FROM {from} ORDER BY 1 DESC NULLS LAST LIMIT 3");
                    break;
                case 3:
                    sb.Append($"SELECT {Expr(2)} FROM {from} UNION ALL SELECT {Expr(2)} FROM {from}");
                    break;
                case 4:
                    sb.Append($"SELECT {Expr(1)}, row_number() OVER (PARTITION BY {Expr(1)} ORDER BY {Expr(1)}), sum(t.a) OVER (ORDER BY t.b ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM {from}");
                    break;
                default:
                    sb.Append($"SELECT {Expr(2)} FROM t WHERE t.a IN (SELECT u.a FROM u WHERE {Bool(1)}) OR EXISTS (SELECT 1 FROM u WHERE u.a = t.a AND {Bool(1)})");
                    break;
            }
            return sb.ToString();
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void RandomQueries_RunOrFailWithTheEngineErrorTypes(int seed)
    {
        var generator = new Generator(seed);
        var failures = new List<string>();
        var succeeded = 0;
        var classes = new Dictionary<string, int>();
        for (var i = 0; i < 200; i++)
        {
            var sql = generator.Query();
            try
            {
                SqlExecutor.Execute(sql, Tables, TestTables.Context);
                succeeded++;
            }
            catch (Exception e) when (e is SqlParseException or SqlAnalysisException or ComputeException)
            {
                var cls = e switch { SqlParseException p => p.ErrorClass, SqlAnalysisException a => a.ErrorClass, ComputeException c => c.ErrorClass, _ => "" };
                classes[cls] = classes.GetValueOrDefault(cls) + 1;
                if (cls.StartsWith("INTERNAL", StringComparison.Ordinal) || cls.Length == 0) failures.Add($"{sql}\n  {e.Message}");
            }
            catch (Exception e)
            {
                failures.Add($"{sql}\n  {e.GetType().Name}: {e.Message}\n  {e.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} crash(es):\n" + string.Join("\n", failures.Take(10)));
        // The generator must reach execution often enough for the test to mean something.
        Assert.True(succeeded >= 20, $"only {succeeded} of 200 random queries ran; errors: {string.Join(", ", classes.OrderByDescending(c => c.Value).Select(c => $"{c.Key}={c.Value}"))}");
    }
}
