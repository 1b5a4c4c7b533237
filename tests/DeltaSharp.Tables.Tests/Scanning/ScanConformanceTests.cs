using System.Text.Json;
using DeltaSharp.Expressions;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;
using Xunit.Abstractions;

namespace DeltaSharp.Tables.Tests.Scanning;

/// <summary>
/// Scans of the conformance corpus' deletion-vector, partition-value and column-mapping tables against the expected
/// rows computed independently (shared/conformance/README.md "How a test should compare"). The full corpus is
/// covered by DeltaSharp.Conformance.Tests; these pin the scan features this folder owns.
/// </summary>
public sealed class ScanConformanceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Tables =>
    [
        "table-with-dv-small", "dv-partitioned-with-checkpoint", "cdf-table-with-dv",
        "data-reader-partition-values", "data-reader-escaped-chars", "basic_partitioned", "time-travel-partition-changes-b",
        "data-reader-timestamp_ntz", "kernel-timestamp-INT96", "cdf-table", "cdc_ict_table",
        "table_with_column_mapping", "table-with-columnmapping-mode-name",
    ];

    private static readonly DeltaTableOptions Options = DeltaTableOptions.Default with { EnforceTimeTravelWithinDeletedFileRetention = false };

    [Theory]
    [MemberData(nameof(Tables))]
    public void ReadBatches_EveryExpectedVersion_EqualsExpectedRows(string table)
    {
        var root = Path.Combine(RepoPaths.ConformanceTablesDir, table);
        var compared = 0;
        foreach (var expected in ExpectedVersions(root))
        {
            using (expected)
            {
                var e = expected.RootElement;
                if (e.GetProperty("expectError").GetBoolean()) continue;
                var version = e.GetProperty("version").GetInt64();
                var snapshot = DeltaTable.ForPath(root, Options).AtVersion(version);
                var scan = snapshot.Scan().Build();
                var schema = SchemaJson.ParseStruct($$"""{"type":"struct","fields":{{e.GetProperty("columns").GetRawText()}}}""");
                Assert.Equal(schema.Fields.Select(f => f.Name), scan.Schema.Fields.Select(f => f.Name));
                Assert.Equal(schema.Fields.Select(f => f.Type), scan.Schema.Fields.Select(f => f.Type));
                var rows = RowJson.FromBatches(scan.ReadBatches());
                var unverified = e.GetProperty("verification").GetProperty("status").GetString() == "unverified";
                var problem = rows.Count != e.GetProperty("numRows").GetInt64()
                    ? $"{table}@{version}: {rows.Count} rows, expected {e.GetProperty("numRows").GetInt64()}"
                    : e.TryGetProperty("rows", out var expectedRows)
                        ? JsonRowComparer.Compare([.. expectedRows.EnumerateArray().Select(RowJson.Compact)], rows, schema, RowOrder.Multiset)
                        : null;
                if (problem is not null && unverified) output.WriteLine($"warning (unverified expected result) {table}@{version}: {problem}");
                else if (problem is not null) Assert.Fail($"{table}@{version}: {problem}");
                compared++;
            }
        }
        Assert.True(compared > 0);
    }

    /// <summary>Pruning never loses rows: with `column = value` for every value of a column in the rows, the scan
    /// still returns every row holding that value (partition columns: and prunes files; data columns: stats and
    /// Parquet row groups, including DV'd files with tightBounds=false).</summary>
    [Theory]
    [InlineData("dv-partitioned-with-checkpoint", "part", true)]
    [InlineData("basic_partitioned", "letter", true)]
    [InlineData("table_with_column_mapping", "Company Very Short", true)]
    [InlineData("data-reader-partition-values", "as_int", true)]
    [InlineData("cdf-table", "birthday", true)]
    [InlineData("dv-partitioned-with-checkpoint", "col1", false)]
    [InlineData("dv-partitioned-with-checkpoint", "col2", false)]
    [InlineData("table-with-dv-small", "value", false)]
    [InlineData("basic-with-inserts-deletes-checkpoint", "id", false)]
    [InlineData("table-with-columnmapping-mode-name", "IntegerType", false)]
    [InlineData("table_with_column_mapping", "Super Name", false)]
    public void Where_ColumnEquality_KeepsEveryMatchingRow(string table, string column, bool partition)
    {
        var root = Path.Combine(RepoPaths.ConformanceTablesDir, table);
        var snapshot = DeltaTable.ForPath(root, Options).Latest();
        var type = snapshot.Schema[snapshot.Schema.IndexOf(column)].Type;
        var all = RowJson.FromBatches(snapshot.Scan().Build().ReadBatches());
        var byValue = all.GroupBy(r => JsonDocument.Parse(r).RootElement.GetProperty(column).GetRawText()).ToList();
        Assert.NotEmpty(byValue);
        var pruned = false;
        foreach (var group in byValue)
        {
            var literal = ToLiteral(group.Key, type);
            Expression predicate = literal is null ? new IsNull(new ColumnRef(column)) : new Comparison(ComparisonOperator.Equal, new ColumnRef(column), literal);
            var scan = snapshot.Scan().Where(predicate).Build();
            var rows = RowJson.FromBatches(scan.ReadBatches());
            var matching = rows.Where(r => JsonDocument.Parse(r).RootElement.GetProperty(column).GetRawText() == group.Key).ToList();
            JsonRowComparer.AssertEqual([.. group], matching, null, RowOrder.Multiset);
            if (partition) Assert.True(scan.Files.Count < snapshot.ActiveFiles.Count || byValue.Count == 1, $"{table}: {column} = {group.Key} pruned nothing");
            pruned |= scan.Files.Count < snapshot.ActiveFiles.Count;
        }
        output.WriteLine($"{table}.{column}: {(pruned ? "some files pruned" : "nothing pruned")} over {byValue.Count} values, {snapshot.ActiveFiles.Count} files");
        // Every multi-file table here has stats that separate at least one value from some file.
        Assert.True(pruned || snapshot.ActiveFiles.Count == 1, $"{table}.{column}: no value pruned any file");
    }

    private static Literal? ToLiteral(string json, DataType type)
    {
        using var doc = JsonDocument.Parse(json);
        var v = doc.RootElement;
        return v.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => new Literal(v.GetString(), DataType.String),
            JsonValueKind.Number => new Literal(v.GetInt64(), DataType.Long),
            JsonValueKind.True or JsonValueKind.False => new Literal(v.GetBoolean(), DataType.Boolean),
            _ => throw new NotSupportedException(json + " as " + type),
        };
    }

    private static IEnumerable<JsonDocument> ExpectedVersions(string root)
    {
        foreach (var file in Directory.GetFiles(Path.Combine(root, "expected"), "*.json").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file) == "meta.json") continue;
            yield return JsonDocument.Parse(File.ReadAllText(file));
        }
    }
}
