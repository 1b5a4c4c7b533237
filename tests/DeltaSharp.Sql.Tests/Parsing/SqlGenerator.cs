using System.Globalization;
using System.Text;

namespace DeltaSharp.Sql.Tests.Parsing;

/// <summary>
/// Generates random, syntactically valid Spark SQL text from a small grammar (seeded, so failures reproduce). Used
/// for the printer round trip and, mutated, for the robustness property.
/// </summary>
internal sealed class SqlGenerator(int seed)
{
    private readonly Random _random = new(seed);

    // Names include keywords that Spark's default mode accepts as identifiers, and names that need backquotes.
    private static readonly string[] Names =
    [
        "a", "b", "c", "id", "name", "amount", "claim_id", "userId", "ts", "date", "year", "comment", "type", "key",
        "value", "source", "target", "version", "timestamp", "data", "status", "left", "right", "end", "first", "last",
        "`my col`", "`select`", "`a.b`", "`x``y`", "`1st`", "`from`",
    ];

    private static readonly string[] Tables = ["t", "my_table", "db.t", "main.sales.orders", "people10m", "delta.`/data/t`", "parquet.`/data/f.parquet`", "`weird table`"];

    private static readonly string[] Functions = ["abs", "coalesce", "concat", "upper", "date_sub", "current_date", "round", "nvl", "if", "left", "substring", "trim", "struct", "array", "map", "named_struct", "greatest", "db.fn"];

    private static readonly string[] Aggregates = ["count", "sum", "avg", "min", "max", "collect_list", "first", "last"];

    private static readonly string[] Types =
    [
        "INT", "BIGINT", "STRING", "DOUBLE", "DATE", "TIMESTAMP", "TIMESTAMP_NTZ", "BOOLEAN", "DECIMAL(10,2)", "DECIMAL(38,0)",
        "VARCHAR(20)", "CHAR(3)", "BINARY", "TINYINT", "SMALLINT", "FLOAT", "ARRAY<INT>", "MAP<STRING, ARRAY<BIGINT>>",
        "STRUCT<a: INT, b: STRING NOT NULL COMMENT 'c'>", "ARRAY<STRUCT<x: DOUBLE>>", "INTERVAL DAY TO SECOND",
    ];

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(int percent) => _random.Next(100) < percent;

    private string Name() => Pick(Names);

    private string Column() => Chance(30) ? $"{Pick(["t", "s", "x"])}.{Name()}" : Name();

    public string Literal()
    {
        return _random.Next(20) switch
        {
            0 => "NULL",
            1 => Chance(50) ? "TRUE" : "FALSE",
            2 => _random.Next(-1000, 1000).ToString(CultureInfo.InvariantCulture),
            3 => $"{_random.Next(0, 100)}L",
            4 => $"{_random.Next(0, 100)}Y",
            5 => $"{_random.Next(0, 1000)}S",
            6 => $"{_random.Next(0, 100000)}.{_random.Next(0, 100):D2}",
            7 => $"{_random.Next(1, 9)}.5e{_random.Next(-5, 5)}",
            8 => $"{_random.Next(0, 100)}.25D",
            9 => $"1.5F",
            10 => $"{_random.Next(0, 1000)}BD",
            11 => "'it''s'",
            12 => Pick(["'plain'", "'with \\'quote\\''", "\"double\"", "'tab\\there'", "'back\\\\slash'", "'100\\%'", "R'raw\\n'", "'unicode \\u00e9'"]),
            13 => Pick(["DATE '2025-01-15'", "TIMESTAMP '2025-11-05 17:28:52.219467'", "TIMESTAMP_NTZ '2025-01-01 00:00:00'", "TIMESTAMP '2018-10-18T22:15:12.013Z'"]),
            14 => Pick(["INTERVAL 12 HOURS", "interval 1 day 2 hours", "INTERVAL '1' DAY", "INTERVAL -3 MONTHS", "INTERVAL '1-2' YEAR TO MONTH", "INTERVAL '1 02:03:04.5' DAY TO SECOND"]),
            15 => Pick(["X'0AFF'", "X'abc'"]),
            16 => "2147483648",
            17 => "99999999999999999999",
            18 => "-2147483648",
            _ => "0.001",
        };
    }

    public string Expression(int depth) => Expr(depth).Text;

    // Binding levels as in Spark's grammar (see SqlParser.Expressions): an operand that binds looser than its
    // position allows is parenthesised, so that every generated text is valid Spark SQL.
    private const int OrLevel = 1, AndLevel = 2, NotLevel = 3, PredicateLevel = 4, ComparisonLevel = 5, UnaryLevel = 12, PrimaryLevel = 14;

    private string At(int depth, int minLevel)
    {
        var (text, level) = Expr(depth);
        return level < minLevel || (Chance(5) && level < PrimaryLevel) ? $"({text})" : text;
    }

    private string Full(int depth) => At(depth, 0);

    private string Value(int depth) => At(depth, ComparisonLevel);

    private (string Text, int Level) Expr(int depth)
    {
        if (depth <= 0) return Chance(50) ? (Column(), PrimaryLevel) : (Literal(), PrimaryLevel);
        var d = depth - 1;
        switch (_random.Next(34))
        {
            case 0:
            {
                var (op, level) = Pick<(string, int)>([("+", 10), ("-", 10), ("*", 11), ("/", 11), ("%", 11), ("DIV", 11), ("||", 10), ("&", 8), ("|", 6), ("^", 7), ("<<", 9), (">>", 9)]);
                return ($"{At(d, level)} {op} {At(d, level + 1)}", level);
            }
            case 1: return ($"{At(d, ComparisonLevel)} {Pick(["=", "==", "<>", "!=", "<", "<=", ">", ">=", "<=>"])} {At(d, ComparisonLevel + 1)}", ComparisonLevel);
            case 2:
            {
                var (op, level) = Chance(50) ? ("AND", AndLevel) : ("OR", OrLevel);
                return ($"{At(d, level)} {op} {At(d, level + 1)}", level);
            }
            case 3: return ($"NOT {At(d, NotLevel)}", NotLevel);
            case 4: return ($"{Pick(["-", "+", "~"])} {At(d, UnaryLevel)}", UnaryLevel);
            case 5: return ($"({Full(d)})", PrimaryLevel);
            case 6: return ($"{Value(d)} IS {Pick(["", "NOT "])}{Pick(["NULL", "TRUE", "FALSE", "UNKNOWN"])}", PredicateLevel);
            case 7: return ($"{Value(d)} IS {Pick(["", "NOT "])}DISTINCT FROM {Value(d)}", PredicateLevel);
            case 8: return ($"{Value(d)} {Pick(["", "NOT "])}BETWEEN {Value(d)} AND {Value(d)}", PredicateLevel);
            case 9: return ($"{Value(d)} {Pick(["", "NOT "])}IN ({Full(d)}, {Full(d)})", PredicateLevel);
            case 10: return ($"{Value(d)} {Pick(["", "NOT "])}IN ({Query(d)})", PredicateLevel);
            case 11: return ($"{Value(d)} {Pick(["", "NOT "])}{Pick(["LIKE", "ILIKE"])} {Value(d)}{Pick(["", " ESCAPE '!'"])}", PredicateLevel);
            case 12: return ($"{Value(d)} {Pick(["RLIKE", "REGEXP"])} {Value(d)}", PredicateLevel);
            case 13: return ($"{Value(d)} LIKE {Pick(["ANY", "ALL", "SOME"])} ({Full(d)}, {Full(d)})", PredicateLevel);
            case 14: return ($"CASE WHEN {Full(d)} THEN {Full(d)}{Pick(["", " ELSE " + Full(d)])} END", PrimaryLevel);
            case 15: return ($"CASE {Full(d)} WHEN {Full(d)} THEN {Full(d)} WHEN {Full(d)} THEN {Full(d)} END", PrimaryLevel);
            case 16: return ($"{Pick(["CAST", "TRY_CAST"])}({Full(d)} AS {Pick(Types)})", PrimaryLevel);
            case 17: return ($"{Column()}::{Pick(Types)}", PrimaryLevel);
            case 18: return ($"{Pick(Functions)}({Full(d)}, {Full(d)})", PrimaryLevel);
            case 19: return ($"{Pick(Aggregates)}({Pick(["", "DISTINCT "])}{Full(d)}){Pick(["", $" FILTER (WHERE {Full(d)})"])}", PrimaryLevel);
            case 20: return ("count(*)", PrimaryLevel);
            case 21: return ($"{Pick(Aggregates)}({Full(d)}) OVER ({Window(d)})", PrimaryLevel);
            case 22: return ($"{Pick(["row_number", "rank", "dense_rank"])}() OVER (PARTITION BY {Full(d)} ORDER BY {Full(d)} DESC)", PrimaryLevel);
            case 23: return ($"EXISTS ({Query(d)})", PrimaryLevel);
            case 24: return ($"({Query(d)})", PrimaryLevel);
            case 25: return ($"{Column()}[{Full(d)}]", PrimaryLevel);
            case 26: return ($"{Pick(["transform", "filter", "exists"])}({Column()}, {Pick(["x", "(x, i)"])} -> {Full(d)})", PrimaryLevel);
            case 27: return ($"current_timestamp() - {Pick(["INTERVAL 12 HOURS", "interval 1 day"])}", 10);
            case 28: return (Pick(["current_date", "CURRENT_TIMESTAMP", "current_user"]), PrimaryLevel);
            case 29: return ($"TRIM({Pick(["BOTH", "LEADING", "TRAILING"])} {Full(d)} FROM {Value(d)})", PrimaryLevel);
            case 30: return ($"EXTRACT({Pick(["YEAR", "MONTH", "DAY"])} FROM {Value(d)})", PrimaryLevel);
            case 31: return ($"SUBSTRING({Full(d)} FROM {Value(d)} FOR {Value(d)})", PrimaryLevel);
            case 32: return ($"({Full(d)}, {Full(d)})", PrimaryLevel);
            default: return ($"struct({Full(d)} AS {Name()}, {Full(d)}).{Name()}", PrimaryLevel);
        }
    }

    private string Window(int depth)
    {
        var parts = new List<string>();
        if (Chance(70)) parts.Add($"PARTITION BY {Expression(depth)}");
        if (Chance(70)) parts.Add($"ORDER BY {Expression(depth)}{Pick(["", " ASC", " DESC"])}{Pick(["", " NULLS FIRST", " NULLS LAST"])}");
        if (Chance(50))
        {
            parts.Add(Pick([
                "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
                "RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING",
                "ROWS UNBOUNDED PRECEDING",
                "ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING",
            ]));
        }
        return string.Join(' ', parts);
    }

    private string TimeTravel(int depth) => _random.Next(8) switch
    {
        0 => $" VERSION AS OF {_random.Next(0, 50)}",
        1 => $" TIMESTAMP AS OF '2025-01-{_random.Next(1, 28):D2}'",
        2 => " TIMESTAMP AS OF current_timestamp() - interval 12 hours",
        3 => " FOR SYSTEM_VERSION AS OF 3",
        4 => " FOR SYSTEM_TIME AS OF date_sub(current_date(), 1)",
        5 => $"@v{_random.Next(0, 500)}",
        6 => "@20190101000000000",
        _ => depth > 0 ? $" TIMESTAMP AS OF {Value(depth - 1)}" : "",
    };

    private string Relation(int depth)
    {
        var d = Math.Max(0, depth - 1);
        var primary = _random.Next(6) switch
        {
            0 or 1 => $"{Pick(Tables)}{(Chance(40) ? TimeTravel(d) : "")}{Alias()}",
            2 when depth > 0 => $"({Query(d)}){Alias()}",
            3 => $"VALUES (1, 'a'), (2, 'b') AS v(id, {Name()})",
            4 => $"range(10){Alias()}",
            _ => $"{Pick(Tables)}{Alias()}",
        };
        if (depth <= 0 || !Chance(40)) return primary;
        var join = Pick(["JOIN", "INNER JOIN", "LEFT JOIN", "LEFT OUTER JOIN", "RIGHT JOIN", "FULL OUTER JOIN", "LEFT SEMI JOIN", "LEFT ANTI JOIN", "CROSS JOIN", "NATURAL JOIN", "SEMI JOIN", "ANTI JOIN"]);
        var right = Relation(d);
        if (right.Contains(" JOIN ", StringComparison.Ordinal)) right = $"({right})";
        var criteria = join is "CROSS JOIN" or "NATURAL JOIN" ? "" : Pick([$" ON {Expression(d)}", $" USING ({Name()}, {Name()})", ""]);
        return $"{primary} {join} {right}{criteria}";
    }

    private string Alias() => _random.Next(4) switch
    {
        0 => "",
        1 => $" AS {Name()}",
        2 => $" {Pick(["x", "s", "src", "`my alias`"])}",
        _ => $" AS {Name()}({Name()})",
    };

    public string Query(int depth)
    {
        var d = Math.Max(0, depth - 1);
        var sb = new StringBuilder();
        if (depth > 0 && Chance(15)) sb.Append($"WITH cte AS ({Select(d)}), c2 (x, y) AS ({Select(d)}) ");
        sb.Append(Select(depth));
        if (depth > 0 && Chance(25))
        {
            var op = Pick(["UNION", "UNION ALL", "UNION DISTINCT", "INTERSECT", "EXCEPT", "MINUS", "INTERSECT ALL", "EXCEPT ALL"]);
            sb.Append($" {op} {(Chance(30) ? $"({Select(d)} ORDER BY 1 LIMIT 1)" : Select(d))}");
        }
        if (Chance(30)) sb.Append($" ORDER BY {Expression(d)}{Pick(["", " DESC NULLS LAST", " ASC"])}, {Name()}");
        if (Chance(25)) sb.Append($" LIMIT {_random.Next(0, 100)}");
        if (Chance(10)) sb.Append($" OFFSET {_random.Next(0, 10)}");
        return sb.ToString();
    }

    private string Select(int depth)
    {
        var d = Math.Max(0, depth - 1);
        if (Chance(5)) return $"VALUES ({Literal()}, {Literal()}), ({Literal()}, {Literal()})";
        var sb = new StringBuilder("SELECT ");
        if (Chance(15)) sb.Append("DISTINCT ");
        var items = new List<string>();
        var count = _random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            items.Add(_random.Next(6) switch
            {
                0 => "*",
                1 => "t.*",
                2 => $"{Expression(d)} AS {Name()}",
                3 => $"{Expression(d)} {Pick(["alias", "`x y`", "total"])}",
                _ => Expression(d),
            });
        }
        sb.AppendJoin(", ", items);
        if (Chance(85))
        {
            sb.Append(" FROM ").Append(Relation(depth));
            if (Chance(15)) sb.Append(", ").Append(Pick(Tables));
        }
        if (Chance(40)) sb.Append(" WHERE ").Append(Expression(d));
        if (Chance(25))
        {
            sb.Append(" GROUP BY ").Append(Chance(20) ? "ALL" : $"{Expression(d)}, 1");
            if (Chance(50)) sb.Append(" HAVING ").Append(Expression(d));
        }
        if (Chance(5)) sb.Append(" WINDOW w AS (PARTITION BY a ORDER BY b)");
        return sb.ToString();
    }

    private string Assignments(int depth) => string.Join(", ", Enumerable.Range(0, _random.Next(1, 3)).Select(_ => $"{Column()} = {Expression(depth)}"));

    public string Statement(int depth)
    {
        var d = Math.Max(0, depth - 1);
        var table = Pick(Tables);
        return _random.Next(26) switch
        {
            0 or 1 or 2 => Query(depth),
            3 => $"INSERT {Pick(["INTO", "INTO TABLE", "OVERWRITE", "OVERWRITE TABLE"])} {table}{Pick(["", " (a, b)", " BY NAME"])} {Query(d)}",
            4 => $"INSERT INTO {table} VALUES ({Expression(d)}, {Literal()}), ({Literal()}, current_timestamp())",
            5 => $"INSERT INTO {table} REPLACE WHERE {Expression(d)} {Query(d)}",
            6 => $"UPDATE {table}{Pick(["", " AS u", " u"])} SET {Assignments(d)}{Pick(["", " WHERE " + Expression(d)])}",
            7 => $"DELETE FROM {table}{Pick(["", " AS u", " u"])}{Pick(["", " WHERE " + Expression(d)])}",
            8 => Merge(d),
            9 => $"{Pick(["CREATE TABLE", "CREATE TABLE IF NOT EXISTS", "CREATE OR REPLACE TABLE", "REPLACE TABLE"])} {table} ({Name()} {Pick(Types)} NOT NULL COMMENT 'id', {Name()} {Pick(Types)} DEFAULT {Literal()}, g INT GENERATED ALWAYS AS (a + 1)) USING DELTA PARTITIONED BY ({Name()}) COMMENT 'tbl' TBLPROPERTIES ('delta.enableDeletionVectors' = 'true', delta.x = 1) LOCATION '/tmp/t'",
            10 => $"CREATE TABLE {table} USING delta AS {Query(d)}",
            11 => $"{Pick(["CREATE", "CREATE OR REPLACE", "REPLACE"])} TABLE {table} {Pick(["SHALLOW ", "DEEP ", ""])}CLONE {Pick(Tables)}{Pick(["", " VERSION AS OF 3", " TIMESTAMP AS OF '2025-01-01'"])}{Pick(["", " LOCATION '/c'"])}",
            12 => $"ALTER TABLE {table} {AlterAction(d)}",
            13 => $"DROP TABLE {Pick(["", "IF EXISTS "])}{table}{Pick(["", " PURGE"])}",
            14 => $"UNDROP TABLE {table}",
            15 => $"RESTORE {Pick(["", "TABLE "])}{table} {Pick(["", "TO "])}{Pick(["VERSION AS OF 1", "TIMESTAMP AS OF '2025-01-01'"])}",
            16 => $"VACUUM {Pick([table, "'/data/t'"])}{Pick(["", " RETAIN 168 HOURS", " RETAIN 0.5 HOURS"])}{Pick(["", " DRY RUN"])}",
            17 => $"DESCRIBE {Pick(["HISTORY", "DETAIL", "", "TABLE", "EXTENDED", "TABLE EXTENDED"])} {table}",
            18 => $"DESCRIBE HISTORY {table} LIMIT {_random.Next(1, 10)}",
            19 => Pick(["SHOW TABLES", "SHOW TABLES IN db LIKE 'a*'", $"SHOW TBLPROPERTIES {table}", $"SHOW COLUMNS IN {table}", "SHOW SCHEMAS", $"SHOW CREATE TABLE {table}"]),
            20 => $"OPTIMIZE {table}{Pick(["", " WHERE " + Expression(d)])}{Pick(["", " ZORDER BY (a, b)", " ZORDER BY a"])}",
            21 => $"EXPLAIN {Pick(["", "EXTENDED ", "FORMATTED "])}{Query(d)}",
            22 => Pick(["SET", "SET -v", "SET spark.sql.shuffle.partitions = 10", "SET spark.databricks.delta.lastCommitVersionInSession", "RESET", "RESET spark.sql.ansi.enabled", "SET a.b = 'x'"]),
            23 => Pick(["USE db", "USE CATALOG main", "USE SCHEMA main.db", "USE DATABASE db"]),
            24 => $"TRUNCATE TABLE {table}",
            _ => $"CREATE {Pick(["SCHEMA", "DATABASE"])} {Pick(["", "IF NOT EXISTS "])}db{Pick(["", " COMMENT 'c'", " LOCATION '/w'"])}",
        };
    }

    private string AlterAction(int depth) => _random.Next(12) switch
    {
        0 => $"ADD COLUMNS ({Name()} {Pick(Types)} COMMENT 'x' FIRST, {Name()} INT AFTER a)",
        1 => $"ADD COLUMN {Name()} {Pick(Types)}",
        2 => "SET TBLPROPERTIES ('delta.appendOnly' = 'true')",
        3 => "UNSET TBLPROPERTIES IF EXISTS ('a', 'b.c')",
        4 => $"RENAME COLUMN {Name()} TO {Name()}",
        5 => $"DROP COLUMN{Pick(["", "S"])} {Pick(["", "IF EXISTS "])}{Name()}",
        6 => $"{Pick(["ALTER", "CHANGE"])} COLUMN {Name()} {Pick(["COMMENT 'new'", "SET NOT NULL", "DROP NOT NULL", "TYPE BIGINT", "FIRST", "AFTER b", "DROP DEFAULT"])}",
        7 => $"ADD CONSTRAINT c1 CHECK ({Expression(depth)})",
        8 => "DROP CONSTRAINT IF EXISTS c1",
        9 => "RENAME TO db.t2",
        10 => $"ALTER COLUMN a SET DEFAULT {Literal()}",
        _ => "DROP COLUMNS (a, b.c)",
    };

    private string Merge(int depth)
    {
        var sb = new StringBuilder($"MERGE {Pick(["", "WITH SCHEMA EVOLUTION "])}INTO {Pick(Tables)} {Pick(["", "AS "])}t USING ");
        sb.Append(Chance(50) ? $"{Pick(Tables)}{(Chance(50) ? TimeTravel(depth) : "")} s" : $"({Query(depth)}) AS s");
        sb.Append($" ON {Expression(depth)}");
        if (Chance(50)) sb.Append($" WHEN MATCHED AND {Expression(depth)} THEN DELETE");
        sb.Append(Pick([" WHEN MATCHED THEN UPDATE SET *", $" WHEN MATCHED THEN UPDATE SET {Assignments(depth)}", ""]));
        if (Chance(50)) sb.Append($" WHEN NOT MATCHED AND {Expression(depth)} THEN INSERT (a, b) VALUES ({Expression(depth)}, 1)");
        sb.Append(Pick([" WHEN NOT MATCHED THEN INSERT *", " WHEN NOT MATCHED BY TARGET THEN INSERT (a) VALUES (s.a)"]));
        if (Chance(50)) sb.Append(Pick([" WHEN NOT MATCHED BY SOURCE THEN DELETE", $" WHEN NOT MATCHED BY SOURCE AND {Expression(depth)} THEN UPDATE SET {Assignments(depth)}"]));
        return sb.ToString();
    }
}
