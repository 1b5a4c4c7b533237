using System.Text;
using System.Text.Json;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Interop.Tests.WeWrite;

/// <summary>
/// Proves the write-side harness tells the truth before our writer exists: DuckDB itself writes the generated
/// input rows (loaded from their JSON) to Parquet, and the same checks the writer tests use — DuckDB's rows,
/// mapped through <see cref="DuckDbTypeMapping"/>, against the input JSON with the writer schema — must pass.
/// If they do, a failure of <see cref="WeWriteDuckDbReadsTests"/> is our writer's, not the harness'.
/// </summary>
public sealed class WeWriteHarnessTests
{
    [Fact]
    public void DuckDbCopyOfTheGeneratedInput_PassesTheRowSchemaAndAggregateChecks()
    {
        var dir = Path.Combine(Path.GetTempPath(), "deltasharp-interop-harness-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var cases = new[] { ("nulls0", 0.0), ("nulls30", 0.3), ("nulls100", 1.0) };
            var steps = new List<object>();
            var inputs = new Dictionary<string, List<string>>();
            foreach (var (name, density) in cases)
            {
                var generator = new TestBatchGenerator(7 + inputs.Count, density);
                var rows = RowJson.FromBatches([generator.Next(WeWriteMatrix.Schema, 600), generator.Next(WeWriteMatrix.Schema, 300)]);
                inputs[name] = rows;
                var jsonl = Path.Combine(dir, name + ".input.jsonl");
                File.WriteAllLines(jsonl, rows, new UTF8Encoding(false));
                var parquet = Path.Combine(dir, name + ".parquet");
                steps.Add(new
                {
                    cmd = "exec",
                    sql = new[]
                    {
                        "SET TimeZone = 'UTC'",
                        $"CREATE OR REPLACE TABLE t AS SELECT unnest(from_json(json, {DuckDb.SqlString(DuckDbStructure(WeWriteMatrix.Schema))})) " +
                        $"FROM read_ndjson_objects({DuckDb.SqlString(jsonl)})",
                        $"COPY (SELECT * REPLACE (from_base64(bin) AS bin, map_from_entries(m) AS m, map_from_entries(mst) AS mst) FROM t) " +
                        $"TO {DuckDb.SqlString(parquet)} (FORMAT parquet, ROW_GROUP_SIZE 2048)",
                    },
                });
                steps.Add(new { cmd = "rows", file = parquet, @out = Path.Combine(dir, name + ".rows.jsonl") });
                steps.Add(new { cmd = "describe", file = parquet, @out = Path.Combine(dir, name + ".describe.json") });
                steps.Add(new { cmd = "query", sql = WeWriteFiles.AggregatesSql(parquet), @out = Path.Combine(dir, name + ".aggregates.jsonl") });
            }
            var script = Path.Combine(dir, "script.json");
            File.WriteAllText(script, JsonSerializer.Serialize(steps));
            DuckDb.RunScript(script);

            foreach (var (name, _) in cases)
            {
                using var describe = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".describe.json")));
                var actual = DuckDbTypeMapping.ExpectedRows(RowJson.ReadJsonl(Path.Combine(dir, name + ".rows.jsonl")), describe.RootElement);
                JsonRowComparer.AssertEqual(inputs[name], actual, WeWriteMatrix.Schema, RowOrder.FileOrder);

                // DuckDB wrote nullable columns; apart from that its file maps back to the writer schema.
                var mapped = DuckDbTypeMapping.ExpectedSchema(describe.RootElement);
                Assert.Equal(WeWriteMatrix.Schema.Fields.Select(f => f.Name), mapped.Fields.Select(f => f.Name));
                Assert.Equal(WeWriteMatrix.Schema.Fields.Select(f => f.Type.SimpleString), mapped.Fields.Select(f => f.Type.SimpleString));

                using var agg = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, name + ".aggregates.jsonl")));
                Assert.Equal(inputs[name].Count, agg.RootElement.GetProperty("rows").GetInt32());
            }
        }
        finally
        {
            if (Environment.GetEnvironmentVariable("DELTASHARP_KEEP_TEMP") != "1") Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>DuckDB json_transform structure for a Spark type (binary as Base64 text, maps as entry lists;
    /// the COPY above converts both).</summary>
    private static string DuckDbStructure(DataType type) => type switch
    {
        StructType st => "{" + string.Join(",", st.Fields.Select(f => JsonSerializer.Serialize(f.Name) + ":" + DuckDbStructure(f.Type))) + "}",
        ArrayType at => "[" + DuckDbStructure(at.ElementType) + "]",
        MapType mt => "[{\"key\":" + DuckDbStructure(mt.KeyType) + ",\"value\":" + DuckDbStructure(mt.ValueType) + "}]",
        BooleanType => "\"BOOLEAN\"",
        ByteType => "\"TINYINT\"",
        ShortType => "\"SMALLINT\"",
        IntegerType => "\"INTEGER\"",
        LongType => "\"BIGINT\"",
        FloatType => "\"FLOAT\"",
        DoubleType => "\"DOUBLE\"",
        DecimalType d => $"\"DECIMAL({d.Precision},{d.Scale})\"",
        StringType or BinaryType => "\"VARCHAR\"",
        DateType => "\"DATE\"",
        TimestampType => "\"TIMESTAMPTZ\"",
        TimestampNtzType => "\"TIMESTAMP\"",
        _ => throw new NotSupportedException(type.SimpleString),
    };
}
