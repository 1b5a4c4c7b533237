using System.Globalization;
using System.Text;

namespace DeltaSharp.Interop.Tests.DuckDbWritten;

/// <summary>One Parquet file DuckDB writes for the read-side interop tests.</summary>
/// <param name="Name">File name without extension; also the test case name.</param>
/// <param name="Table">Source table (see <see cref="DuckDbWrittenMatrix.SetupSql"/>).</param>
/// <param name="Codec">DuckDB COMPRESSION value.</param>
/// <param name="Version">DuckDB PARQUET_VERSION: v1 (PLAIN / PLAIN_DICTIONARY) or v2 (RLE_DICTIONARY, DELTA_*,
/// BYTE_STREAM_SPLIT). DuckDB 1.5 writes DATA_PAGE (v1) page headers for both.</param>
/// <param name="RowGroupSize">DuckDB ROW_GROUP_SIZE (DuckDB rounds up to its 2048-row vectors).</param>
internal sealed record DuckDbFileSpec(string Name, string Table, string Codec, string Version, int RowGroupSize)
{
    public string CopySql(string dir) =>
        $"COPY (SELECT * FROM {Table} ORDER BY id) TO '{Path.Combine(dir, Name + ".parquet").Replace("'", "''", StringComparison.Ordinal)}' " +
        $"(FORMAT parquet, COMPRESSION {Codec}, PARQUET_VERSION {Version}, ROW_GROUP_SIZE {RowGroupSize.ToString(CultureInfo.InvariantCulture)})";
}

/// <summary>
/// The files DuckDB writes and we read: every type DuckDB writes to Parquet × every codec × PARQUET_VERSION v1/v2,
/// nested shapes, many row groups, dictionary-friendly and dictionary-hostile columns, ~30% nulls everywhere,
/// all-null and 95%-null columns, empty and one-row files. Values are deterministic functions of the row number
/// (no random()), special values sit in the first rows.
/// </summary>
internal static class DuckDbWrittenMatrix
{
    /// <summary>Codecs DuckDB 1.5 writes. 'lz4' is LZ4_RAW in the file (codec 7).</summary>
    public static readonly string[] Codecs = ["uncompressed", "snappy", "gzip", "zstd", "lz4", "brotli"];

    public static readonly string[] Versions = ["v1", "v2"];

    public static IReadOnlyList<DuckDbFileSpec> Files { get; } = BuildFiles();

    /// <summary>Projection cases: file and the columns to read, in the order asked for.</summary>
    public static IReadOnlyList<(string File, string[] Columns)> Projections { get; } =
    [
        ("scalars_zstd_v1", ["s", "i64", "dt"]),
        ("scalars_snappy_v2", ["tstz", "d38_10", "u64"]),
        ("scalars_uncompressed_v1", ["f32"]),
        ("nested_zstd_v1", ["m", "id", "lst"]),
        ("nested_gzip_v2", ["deep", "lili"]),
        ("rowgroups_zstd_v2", ["s", "l"]),
        ("dict_low_zstd_v2", ["ls", "id"]),
    ];

    private static List<DuckDbFileSpec> BuildFiles()
    {
        var files = new List<DuckDbFileSpec>();
        foreach (var table in new[] { "scalars", "nested" })
            foreach (var codec in Codecs)
                foreach (var v in Versions)
                    files.Add(new DuckDbFileSpec($"{table}_{codec}_{v}", table, codec, v, 1024));
        foreach (var table in new[] { "rowgroups", "dict_low", "dict_high", "nulls_all", "nulls_dense", "wide_strings", "empty", "one_row" })
            foreach (var v in Versions)
                files.Add(new DuckDbFileSpec($"{table}_zstd_{v}", table, "zstd", v, table == "rowgroups" ? 2048 : 100_000));
        return files;
    }

    // ----------------------------------------------------------------------------------------------------------
    // Source tables.

    /// <summary>SQL creating every source table.</summary>
    public static IReadOnlyList<string> SetupSql { get; } =
    [
        "SET TimeZone = 'UTC'",
        "CREATE TYPE color AS ENUM ('red', 'green', 'blue')",
        Scalars("scalars", 2500, 300),
        Nested("nested", 1200, 300),
        RowGroups(),
        DictLow(),
        DictHigh(),
        Scalars("nulls_all_s", 3000, 1000),
        Nested("nulls_all_n", 3000, 1000),
        "CREATE TABLE nulls_all AS SELECT s.*, n.* EXCLUDE (id) FROM nulls_all_s s JOIN nulls_all_n n USING (id)",
        Scalars("nulls_dense_s", 3000, 950),
        Nested("nulls_dense_n", 3000, 950),
        "CREATE TABLE nulls_dense AS SELECT s.*, n.* EXCLUDE (id) FROM nulls_dense_s s JOIN nulls_dense_n n USING (id)",
        WideStrings(),
        "CREATE TABLE empty AS SELECT * FROM scalars WHERE false",
        "CREATE TABLE one_row AS SELECT s.*, n.* EXCLUDE (id) FROM scalars s JOIN nested n USING (id) WHERE id = 20",
    ];

    /// <summary>A deterministic ~perMille/1000 null pattern for column <paramref name="k"/>; perMille 1000 = always null.</summary>
    private static string IsNull(int k, int perMille) => perMille >= 1000
        ? "true"
        : $"((i * 7919 + {k * 7717}) % 1000) < {perMille}";

    /// <summary><c>CASE</c> with special values for the first rows (when the table has them), then the null pattern, then the generic value.</summary>
    private static string Column(string name, string type, int k, int perMille, string generic, params string[] specials)
    {
        var sb = new StringBuilder("CASE");
        // DuckDB's CASE cannot produce fixed-size ARRAYs: build a LIST and cast the whole CASE.
        var fixedArray = type.EndsWith(']') && !type.EndsWith("[]", StringComparison.Ordinal);
        var outer = type;
        if (fixedArray) type = type[..type.LastIndexOf('[')] + "[]";
        if (perMille < 1000)
            for (var i = 0; i < specials.Length; i++)
                sb.Append(CultureInfo.InvariantCulture, $" WHEN i = {i} THEN ({specials[i]})::{type}");
        sb.Append(CultureInfo.InvariantCulture, $" WHEN {IsNull(k, perMille)} THEN NULL::{type} ELSE ({generic})::{type} END");
        return fixedArray ? $"({sb})::{outer} AS {name}" : $"{sb} AS {name}";
    }

    /// <summary>An exact decimal(p,s) from an integer expression <paramref name="unscaled"/> (text assembly, so
    /// no double rounding is involved).</summary>
    private static string Dec(string unscaled, int p, int s) =>
        $"(CASE WHEN ({unscaled}) < 0 THEN '-' ELSE '' END || (abs({unscaled}) // {Pow10(s)}::HUGEINT)::VARCHAR || '.' || " +
        $"lpad((abs({unscaled}) % {Pow10(s)}::HUGEINT)::VARCHAR, {s}, '0'))::DECIMAL({p},{s})";

    private static string Pow10(int n) => "1" + new string('0', n);

    private static string Scalars(string table, int rows, int perMille)
    {
        var cols = new List<string>
        {
            "i::BIGINT AS id",
            Column("b", "BOOLEAN", 1, perMille, "i % 3 = 0", "true", "false"),
            Column("i8", "TINYINT", 2, perMille, "(i * 37) % 256 - 128", "-128", "127", "0", "-1"),
            Column("i16", "SMALLINT", 3, perMille, "(i * 7919) % 65536 - 32768", "-32768", "32767", "0"),
            Column("i32", "INTEGER", 4, perMille, "(i * 2654435761) % 4294967296 - 2147483648", "-2147483648", "2147483647", "0"),
            Column("i64", "BIGINT", 5, perMille, "(i::HUGEINT * 3689348814741910323) % 18446744073709551616 - 9223372036854775808",
                "-9223372036854775808", "9223372036854775807", "0", "9007199254740993", "-9007199254740993"),
            Column("u8", "UTINYINT", 6, perMille, "(i * 37) % 256", "0", "255"),
            Column("u16", "USMALLINT", 7, perMille, "(i * 7919) % 65536", "0", "65535"),
            Column("u32", "UINTEGER", 8, perMille, "(i * 2654435761) % 4294967296", "0", "4294967295"),
            Column("u64", "UBIGINT", 9, perMille, "(i::HUGEINT * 3689348814741910323) % 18446744073709551616",
                "0", "18446744073709551615", "9223372036854775808", "9007199254740993"),
            Column("f32", "FLOAT", 10, perMille, "((i * 7919) % 100000) / 7.0 - 5000",
                "'NaN'", "'Infinity'", "'-Infinity'", "'-0.0'", "'3.4028235e38'", "'-3.4028235e38'", "'1.4e-45'",
                "'1.17549435e-38'", "'0.1'", "'16777216'", "'36.504'"),
            Column("f64", "DOUBLE", 11, perMille, "(i * 7919 % 100003) / 3.0 - 12345.678",
                "'NaN'", "'Infinity'", "'-Infinity'", "'-0.0'", "'1.7976931348623157e308'", "'-1.7976931348623157e308'",
                "'5e-324'", "'2.2250738585072014e-308'", "'0.1'", "'9007199254740993'", "'0.30000000000000004'"),
            Column("d4_2", "DECIMAL(4,2)", 12, perMille, Dec("(i * 37) % 19999 - 9999", 4, 2),
                "99.99", "-99.99", "0", "-0.01", "0.01"),
            Column("d9_3", "DECIMAL(9,3)", 13, perMille, Dec("(i * 7919 * 1013) % 1999999999 - 999999999", 9, 3),
                "'999999.999'", "'-999999.999'", "0", "'-0.001'"),
            Column("d18_4", "DECIMAL(18,4)", 14, perMille, Dec("(i::HUGEINT * 3689348814741910323) % 1999999999999999999 - 999999999999999999", 18, 4),
                "'99999999999999.9999'", "'-99999999999999.9999'", "0", "'-0.0001'"),
            Column("d38_10", "DECIMAL(38,10)", 15, perMille,
                Dec("i::HUGEINT * 3689348814741910323 * 1000000007 * 1000003 * (CASE WHEN i % 2 = 0 THEN 1 ELSE -1 END)", 38, 10),
                "'9999999999999999999999999999.9999999999'", "'-9999999999999999999999999999.9999999999'", "0",
                "'-0.0000000001'", "'12345678901234567890.1234567890'"),
            Column("s", "VARCHAR", 16, perMille, "'v' || i || '_' || ((i * 7919) % 1000)",
                "''", "'héllo wörld 🦆 日本語 Ω'", "repeat('abcdefghij', 1000)",
                "'quote\" back\\ nl' || chr(10) || 'tab' || chr(9) || 'ctl' || chr(1) || 'end'", "' lead and trail '", "'NULL'"),
            Column("bl", "BLOB", 17, perMille, "unhex(md5(i::VARCHAR))",
                "''::BLOB", "'\\x00\\xFF\\x80\\x7F'::BLOB", "repeat('\\xAB', 3000)::BLOB"),
            Column("dt", "DATE", 18, perMille, "DATE '1970-01-01' + (((i * 7919) % 80000) - 40000)::INTEGER",
                "DATE '0001-01-01'", "DATE '9999-12-31'", "DATE '1582-10-04'", "DATE '1582-10-15'", "DATE '1969-12-31'",
                "DATE '1970-01-01'", "DATE '1900-02-28'", "DATE '2000-02-29'"),
            Column("ts", "TIMESTAMP", 19, perMille, "make_timestamp(((i::BIGINT * 7919 * 1000003 * 997) % 4000000000000000) - 2000000000000000)",
                "TIMESTAMP '0001-01-01 00:00:00'", "TIMESTAMP '9999-12-31 23:59:59.999999'", "TIMESTAMP '1969-12-31 23:59:59.999999'",
                "TIMESTAMP '1970-01-01 00:00:00'", "TIMESTAMP '1582-10-10 12:00:00.000001'"),
            Column("tstz", "TIMESTAMPTZ", 20, perMille, "make_timestamp(((i::BIGINT * 7919 * 1000003 * 991) % 4000000000000000) - 1000000000000000)",
                "TIMESTAMPTZ '0001-01-01 00:00:00+00'", "TIMESTAMPTZ '9999-12-31 23:59:59.999999+00'",
                "TIMESTAMPTZ '1969-12-31 23:59:59.999999+00'", "TIMESTAMPTZ '2024-02-29 12:34:56.789012+00'"),
            Column("tms", "TIMESTAMP_MS", 21, perMille, "make_timestamp(((i::BIGINT * 7919 * 1000003 * 983) % 4000000000000000) - 2000000000000000)",
                "TIMESTAMP '0001-01-01 00:00:00'", "TIMESTAMP '9999-12-31 23:59:59.999'", "TIMESTAMP '1969-12-31 23:59:59.999'"),
            // Nanoseconds: sub-microsecond digits only after 1970 (floor and truncation agree there); whole
            // microseconds before 1970.
            Column("tns", "TIMESTAMP_NS", 22, perMille,
                "CASE WHEN i % 2 = 0 THEN make_timestamp_ns((i::BIGINT * 1000000007123) % 4000000000000000000 + 13) " +
                "ELSE make_timestamp_ns(-((i::BIGINT * 1000000007) % 4000000000000000) * 1000) END",
                "TIMESTAMP_NS '1677-09-22 00:00:00'", "TIMESTAMP_NS '2262-04-11 00:00:00.123456789'",
                "TIMESTAMP_NS '1970-01-01 00:00:00.000000001'", "TIMESTAMP_NS '1969-12-31 23:59:59.999999'"),
            Column("uid", "UUID", 23, perMille, "md5(i::VARCHAR)::UUID",
                "'00000000-0000-0000-0000-000000000000'", "'ffffffff-ffff-ffff-ffff-ffffffffffff'",
                "'80000000-0000-0000-0000-000000000000'", "'7fffffff-ffff-ffff-ffff-ffffffffffff'"),
            Column("en", "color", 24, perMille, "(['red', 'green', 'blue'])[i % 3 + 1]", "'red'", "'blue'"),
            Column("js", "JSON", 25, perMille, "'{\"k\":' || i || ',\"s\":\"x' || i || '\"}'", "'[]'", "'\"str\"'", "'{\"nested\":{\"a\":[1,2,null]}}'"),
            Column("hi", "HUGEINT", 26, perMille, "i::HUGEINT * 1000003", "'170141183460469231731687303715884105727'", "-1"),
        };
        return $"CREATE TABLE {table} AS SELECT {string.Join(",\n  ", cols)}\nFROM range({rows}) t(i)";
    }

    private static string Nested(string table, int rows, int perMille)
    {
        var cols = new List<string>
        {
            "i::BIGINT AS id",
            Column("st", "STRUCT(a INTEGER, b VARCHAR, c DOUBLE)", 31, perMille,
                "{'a': CASE WHEN i % 7 = 0 THEN NULL ELSE i::INTEGER END, 'b': CASE WHEN i % 5 = 0 THEN NULL ELSE 'b' || i END, 'c': i / 4.0}",
                "{'a': NULL, 'b': NULL, 'c': NULL}", "{'a': 2147483647, 'b': '', 'c': 'NaN'::DOUBLE}"),
            Column("li", "INTEGER[]", 32, perMille,
                "list_transform(range(i % 6), x -> CASE WHEN (x + i) % 4 = 0 THEN NULL ELSE (x * i)::INTEGER END)",
                "[]", "[NULL]", "[NULL, 1, NULL]", "[-2147483648, 2147483647]"),
            Column("ls", "VARCHAR[]", 33, perMille,
                "list_transform(range(i % 4), x -> CASE WHEN x = 2 THEN '' ELSE 's' || x || '_' || i END)",
                "[]", "['']", "[NULL, 'x']"),
            Column("lili", "INTEGER[][]", 34, perMille,
                "list_transform(range(i % 4), x -> CASE WHEN (x + i) % 5 = 0 THEN NULL ELSE list_transform(range((x + i) % 3), y -> (x * 10 + y)::INTEGER) END)",
                "[[]]", "[NULL]", "[[NULL]]", "[[1, 2], [], NULL, [3]]", "[]"),
            Column("lst", "STRUCT(x INTEGER, y VARCHAR)[]", 35, perMille,
                "list_transform(range(i % 3), x -> {'x': x::INTEGER, 'y': CASE WHEN x = 1 THEN NULL ELSE 'y' || x END})",
                "[NULL]", "[]", "[{'x': NULL, 'y': NULL}]"),
            Column("stl", "STRUCT(tags VARCHAR[], n INTEGER)", 36, perMille,
                "{'tags': CASE WHEN i % 4 = 0 THEN NULL ELSE list_transform(range(i % 3), x -> 't' || x) END, 'n': i::INTEGER}",
                "{'tags': [], 'n': NULL}", "{'tags': [NULL], 'n': 0}"),
            Column("m", "MAP(VARCHAR, INTEGER)", 37, perMille,
                "map_from_entries(list_transform(range(i % 4), x -> {'k': 'k' || ((x * 7 + i) % 10), 'v': CASE WHEN x = 2 THEN NULL ELSE (x * i)::INTEGER END}))",
                "MAP {}", "MAP {'b': 1, 'a': NULL, 'c': 3, '': 0}"),
            Column("ms", "MAP(VARCHAR, STRUCT(p INTEGER, q VARCHAR))", 38, perMille,
                "map_from_entries(list_transform(range(i % 3), x -> {'k': 'm' || x, 'v': CASE WHEN x = 1 THEN NULL ELSE {'p': (x + i)::INTEGER, 'q': 'q' || i} END}))",
                "MAP {}", "MAP {'z': {'p': NULL, 'q': NULL}}"),
            Column("mi", "MAP(INTEGER, VARCHAR[])", 39, perMille,
                "map_from_entries(list_transform(range(i % 3), x -> {'k': (x * 10 - i)::INTEGER, 'v': CASE WHEN x = 0 THEN NULL ELSE list_transform(range(x), y -> 'e' || y) END}))",
                "MAP {2: ['a'], 10: [], -1: [NULL]}"),
            Column("deep", "STRUCT(core STRUCT(v INTEGER[], w DECIMAL(18,4)), t TIMESTAMPTZ)", 40, perMille,
                "{'core': CASE WHEN i % 6 = 0 THEN NULL ELSE {'v': list_transform(range(i % 3), x -> x::INTEGER), 'w': (i * 1.5)::DECIMAL(18,4)} END, 't': make_timestamp(i::BIGINT * 1000000007)::TIMESTAMPTZ}",
                "{'core': {'v': NULL, 'w': NULL}, 't': NULL}"),
            Column("arr3", "INTEGER[3]", 41, perMille,
                "[i::INTEGER, CASE WHEN i % 2 = 0 THEN NULL ELSE -i::INTEGER END, 7]", "[NULL, NULL, NULL]"),
        };
        return $"CREATE TABLE {table} AS SELECT {string.Join(",\n  ", cols)}\nFROM range({rows}) t(i)";
    }

    private static string RowGroups() =>
        "CREATE TABLE rowgroups AS SELECT i::BIGINT AS id, " +
        $"CASE WHEN {IsNull(1, 300)} THEN NULL ELSE 'row ' || i END AS s, " +
        $"CASE WHEN {IsNull(2, 300)} THEN NULL ELSE i * 0.25 END AS d, " +
        $"CASE WHEN {IsNull(3, 300)} THEN NULL ELSE list_transform(range(i % 3), x -> (i + x)::BIGINT) END AS l " +
        "FROM range(20000) t(i)";

    private static string DictLow() =>
        "CREATE TABLE dict_low AS SELECT i::BIGINT AS id, " +
        $"CASE WHEN {IsNull(1, 300)} THEN NULL ELSE (i % 7)::INTEGER END AS li, " +
        $"CASE WHEN {IsNull(2, 300)} THEN NULL ELSE (['alpha', 'beta', 'gamma', '', 'épsilon'])[i % 5 + 1] END AS ls, " +
        $"CASE WHEN {IsNull(3, 300)} THEN NULL ELSE (i % 3) * 0.5 END AS ld, " +
        $"CASE WHEN {IsNull(4, 300)} THEN NULL ELSE ((i % 4) * 1.25)::FLOAT END AS lf, " +
        $"CASE WHEN {IsNull(5, 300)} THEN NULL ELSE DATE '2024-01-01' + (i % 10)::INTEGER END AS ldt, " +
        $"CASE WHEN {IsNull(6, 300)} THEN NULL ELSE ((i % 6) * 1.125)::DECIMAL(9,3) END AS ldec, " +
        $"CASE WHEN {IsNull(7, 300)} THEN NULL ELSE (i % 5)::BIGINT * 1000000000000 END AS ll, " +
        $"CASE WHEN {IsNull(8, 300)} THEN NULL ELSE TIMESTAMPTZ '2024-01-01 00:00:00+00' + to_hours(i % 3) END AS lts, " +
        $"CASE WHEN {IsNull(9, 300)} THEN NULL ELSE ('\\x0' || (i % 4)::VARCHAR)::BLOB END AS lb, " +
        "(i % 2 = 0) AS lbool " +
        "FROM range(6000) t(i)";

    private static string DictHigh() =>
        "CREATE TABLE dict_high AS SELECT i::BIGINT AS id, " +
        $"CASE WHEN {IsNull(1, 300)} THEN NULL ELSE 'unique-' || i || '-' || md5(i::VARCHAR) END AS us, " +
        $"CASE WHEN {IsNull(2, 300)} THEN NULL ELSE (i * 2654435761) % 4294967296 - 2147483648 END AS ui, " +
        $"CASE WHEN {IsNull(3, 300)} THEN NULL ELSE i * 1.0000001 + 0.5 END AS ud, " +
        $"CASE WHEN {IsNull(4, 300)} THEN NULL ELSE (i * 1.5 + 0.25)::FLOAT END AS uf, " +
        $"CASE WHEN {IsNull(5, 300)} THEN NULL ELSE {Dec("i::HUGEINT * 1234567891", 18, 4)} END AS udec, " +
        $"CASE WHEN {IsNull(6, 300)} THEN NULL ELSE make_timestamp(1700000000000000 + i::BIGINT * 1000001) END AS uts, " +
        $"CASE WHEN {IsNull(7, 300)} THEN NULL ELSE unhex(md5(i::VARCHAR) || md5((i + 1)::VARCHAR)) END AS ub, " +
        $"CASE WHEN {IsNull(8, 300)} THEN NULL ELSE 'prefix-shared-by-every-value/' || lpad(i::VARCHAR, 8, '0') END AS uprefix " +
        "FROM range(6000) t(i)";

    private static string WideStrings() =>
        "CREATE TABLE wide_strings AS SELECT i::BIGINT AS id, " +
        $"CASE WHEN {IsNull(1, 300)} THEN NULL ELSE repeat(chr((65 + i % 26)::INTEGER), 20000 + i) END AS big, " +
        $"CASE WHEN {IsNull(2, 300)} THEN NULL ELSE repeat(md5(i::VARCHAR), 500)::BLOB END AS bigb " +
        "FROM range(120) t(i)";
}
