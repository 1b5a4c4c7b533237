using System.Globalization;
using System.Text;
using System.Text.Json;
using DeltaSharp.Parquet;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Interop.Tests.WeWrite;

/// <summary>
/// We write, DuckDB reads: for every <see cref="WeWriteMatrix"/> case, DuckDB must read back exactly the rows we
/// gave the writer (their JSON from <see cref="JsonValueWriter"/> — the input, not our reader's output), see the
/// Spark types we wrote, and agree with the statistics <see cref="ParquetWriteResult"/> reports.
/// </summary>
public sealed class WeWriteDuckDbReadsTests(WeWriteFiles files) : IClassFixture<WeWriteFiles>
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in WeWriteMatrix.Cases) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void DuckDbRead_OfOurFile_EqualsTheInputRowsInOrder(string name)
    {
        var outcome = files.Outcome(name);
        outcome.ThrowIfWriteFailed();
        using var describe = JsonDocument.Parse(files.DuckDbOutput(name, "describe.json"));
        var duckRows = DuckDb.SplitLines(files.DuckDbOutput(name, "rows.jsonl"));
        var actual = DuckDbTypeMapping.ExpectedRows(duckRows, describe.RootElement);

        JsonRowComparer.AssertEqual(outcome.InputRows, actual, WeWriteMatrix.Schema, RowOrder.FileOrder);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void DuckDbSchema_OfOurFile_MapsBackToTheWriterSchema(string name)
    {
        files.Outcome(name).ThrowIfWriteFailed();
        using var describe = JsonDocument.Parse(files.DuckDbOutput(name, "describe.json"));

        var difference = DuckDbTypeMapping.SchemaDifference(WeWriteMatrix.Schema, DuckDbTypeMapping.ExpectedSchema(describe.RootElement));
        Assert.True(difference is null, difference);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void WriteResult_RowCountSizeAndStatistics_MatchDuckDb(string name)
    {
        var outcome = files.Outcome(name);
        outcome.ThrowIfWriteFailed();
        var result = outcome.Result!;
        using var aggregates = JsonDocument.Parse(files.DuckDbOutput(name, "aggregates.jsonl"));
        var agg = aggregates.RootElement;

        Assert.Equal(outcome.InputRows.Count, result.RowCount);
        Assert.Equal(agg.GetProperty("rows").GetInt64(), result.RowCount);
        Assert.Equal(new FileInfo(outcome.Path).Length, result.FileSize);

        var problems = new List<string>();
        foreach (var field in WeWriteMatrix.Schema.Fields)
        {
            if (!field.Type.IsPrimitive) continue;
            var stats = result.Columns.FirstOrDefault(s => s.Path.Count == 1 && s.Path[0] == field.Name);
            if (stats is null)
            {
                problems.Add($"{field.Name}: no ColumnStatistics with Path [{field.Name}]");
                continue;
            }
            var nulls = agg.GetProperty("nulls:" + field.Name).GetInt64();
            if (stats.NullCount != nulls) problems.Add($"{field.Name}: NullCount {stats.NullCount}, DuckDB counts {nulls} nulls");
            CheckBound(problems, field, "Min", stats.Min, agg.GetProperty("min:" + field.Name));
            CheckBound(problems, field, "Max", stats.Max, agg.GetProperty("max:" + field.Name));
        }
        Assert.True(problems.Count == 0, $"Write statistics differ from DuckDB's aggregates ({WeWriteMatrix.Describe(outcome.Case)}):\n  " + string.Join("\n  ", problems));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Footer_NullCounts_MatchWriteResult(string name)
    {
        var outcome = files.Outcome(name);
        outcome.ThrowIfWriteFailed();
        var footer = DuckDb.SplitLines(files.DuckDbOutput(name, "footer.jsonl"));
        var problems = new List<string>();
        foreach (var line in footer)
        {
            using var doc = JsonDocument.Parse(line);
            var row = doc.RootElement;
            var path = row.GetProperty("path").GetString()!;
            var withStats = row.GetProperty("chunks_with_stats").GetInt64();
            if (!outcome.Case.Options.WriteStatistics)
            {
                if (withStats != 0) problems.Add($"{path}: {withStats} column chunk(s) carry statistics although WriteStatistics is false");
                continue;
            }
            if (withStats != row.GetProperty("chunks").GetInt64()) problems.Add($"{path}: only {withStats} of {row.GetProperty("chunks")} chunks have statistics");
            // Top-level primitive columns: the footer's null count is the file's.
            var stats = outcome.Result!.Columns.FirstOrDefault(s => s.Path.Count == 1 && s.Path[0] == path);
            if (stats is not null && row.GetProperty("nulls").ValueKind == JsonValueKind.Number && row.GetProperty("nulls").GetInt64() != stats.NullCount)
                problems.Add($"{path}: footer null count {row.GetProperty("nulls")}, write result {stats.NullCount}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static void CheckBound(List<string> problems, StructField field, string which, object? ours, JsonElement duck)
    {
        var oursJson = StatisticJson(ours, field.Type);
        var duckJson = duck.GetRawText();
        bool equal;
        if (field.Type is FloatType or DoubleType)
        {
            // Parquet writes a zero min as -0.0 and a zero max as +0.0; compare numerically.
            equal = NumericallyEqual(oursJson, duckJson);
        }
        else
        {
            // DuckDB prints INT96 as zone-less; the rows test checks the zone, here only the instant matters.
            equal = JsonRowComparer.CompareValues(duckJson, oursJson, field.Type,
                new RowCompareOptions { AcceptZonelessTimestampsAsUtc = true }) is null;
        }
        if (!equal) problems.Add($"{field.Name}: {which} is {oursJson}, DuckDB says {duckJson}");
    }

    private static bool NumericallyEqual(string a, string b)
    {
        static double? Parse(string s) => s switch
        {
            "null" => null,
            "\"NaN\"" => double.NaN,
            "\"Infinity\"" => double.PositiveInfinity,
            "\"-Infinity\"" => double.NegativeInfinity,
            _ => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        var (x, y) = (Parse(a), Parse(b));
        return x is null || y is null ? x is null && y is null : x.Value.Equals(y.Value) || x.Value == y.Value;
    }

    /// <summary>A statistic boxed as <see cref="ValueConverter"/> does, written in the corpus JSON conventions.</summary>
    private static string StatisticJson(object? value, DataType type)
    {
        if (value is null) return "null";
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            switch (type, value)
            {
                case (TimestampType or TimestampNtzType, DateTime dt):
                    w.WriteStringValue(JsonValueWriter.FormatTimestamp(ValueConverter.MicrosFromTimestamp(dt), type is TimestampType));
                    break;
                case (TimestampType or TimestampNtzType, long us):
                    w.WriteStringValue(JsonValueWriter.FormatTimestamp(us, type is TimestampType));
                    break;
                case (DateType, DateOnly d): w.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                case (_, bool b): w.WriteBooleanValue(b); break;
                case (_, sbyte i8): w.WriteNumberValue(i8); break;
                case (_, short i16): w.WriteNumberValue(i16); break;
                case (_, int i32): w.WriteNumberValue(i32); break;
                case (_, long i64): w.WriteNumberValue(i64); break;
                case (_, float f): JsonValueWriter.WriteFloat(w, f); break;
                case (_, double d): JsonValueWriter.WriteDouble(w, d); break;
                case (_, DecimalValue dec): w.WriteStringValue(dec.ToString()); break;
                case (_, string s): w.WriteStringValue(s); break;
                case (_, byte[] bytes): w.WriteBase64StringValue(bytes); break;
                default: w.WriteStringValue($"<unexpected {value.GetType().Name} for {type.SimpleString}: {value}>"); break;
            }
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
