using System.Globalization;
using System.Text.Json;
using DeltaSharp.Parquet;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Tests.Writing;

public sealed class DataFileWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ds-write-").FullName;
    private static readonly DeltaTableOptions Options = DeltaTableOptions.Default with
    {
        Time = new FixedTime(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)),
    };

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static DateTime Utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0) => new(y, mo, d, h, mi, s, ms, DateTimeKind.Utc);

    private IReadOnlyList<AddFile> WriteAll(DataWriteSettings settings, params DeltaSharp.Columnar.ColumnBatch[] batches)
    {
        using var writer = new DataFileWriter(_root, settings, Options);
        foreach (var b in batches) writer.Write(b);
        return writer.Complete();
    }

    private string FullPath(AddFile add) => Path.Combine(_root, Uri.UnescapeDataString(add.Path));

    [Fact]
    public void Complete_UnpartitionedTable_WritesOneZstdFileWithSparkStats()
    {
        var schema = new StructType(
            new StructField("id", DataType.Long, nullable: false),
            new StructField("name", DataType.String),
            new StructField("score", DataType.Double),
            new StructField("d", DataType.Date),
            new StructField("ts", DataType.Timestamp),
            new StructField("flag", DataType.Boolean),
            new StructField("s", new StructType(new StructField("a", DataType.Integer), new StructField("b", DataType.String))),
            new StructField("arr", new ArrayType(DataType.Integer)),
            new StructField("dec", new DecimalType(10, 2)));
        var batch = TestBatches.Build(schema,
            [3L, "carol", 2.5, new DateOnly(2024, 3, 1), Utc(2024, 1, 1, 10, 0, 0, 123).AddTicks(4560), true, new object?[] { 5, "x" }, new List<object?> { 1, 2 }, new DecimalValue(-150, 2)],
            [1L, null, -1.5, new DateOnly(2023, 12, 31), Utc(2024, 1, 2), null, null, null, new DecimalValue(12345, 2)],
            [2L, "alice", null, null, null, false, new object?[] { null, "y" }, new List<object?>(), null]);

        var adds = WriteAll(new DataWriteSettings(schema, []), batch);

        var add = Assert.Single(adds);
        Assert.Matches("^part-00000-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-c000\\.zstd\\.parquet$", add.Path);
        Assert.Empty(add.PartitionValues);
        Assert.True(add.DataChange);
        Assert.Equal(1_700_000_000_000, add.ModificationTime);
        Assert.Equal(new FileInfo(FullPath(add)).Length, add.Size);
        Assert.Equal(
            "{\"numRecords\":3,"
            + "\"minValues\":{\"id\":1,\"name\":\"alice\",\"score\":-1.5,\"d\":\"2023-12-31\",\"ts\":\"2024-01-01T10:00:00.123Z\",\"s\":{\"a\":5,\"b\":\"x\"},\"dec\":-1.50},"
            + "\"maxValues\":{\"id\":3,\"name\":\"carol\",\"score\":2.5,\"d\":\"2024-03-01\",\"ts\":\"2024-01-02T00:00:00.000Z\",\"s\":{\"a\":5,\"b\":\"y\"},\"dec\":123.45},"
            + "\"nullCount\":{\"id\":0,\"name\":1,\"score\":1,\"d\":1,\"ts\":1,\"flag\":1,\"s\":{\"a\":2,\"b\":1},\"arr\":1,\"dec\":1}}",
            add.Stats);

        using var reader = ParquetFileReader.Open(FullPath(add));
        Assert.Equal(3, reader.RowCount);
        Assert.All(reader.Metadata.RowGroups[0].Columns, c => Assert.Equal(CompressionCodec.Zstd, c.MetaData!.Codec));
        var rows = reader.ReadAll().Single();
        Assert.Equal(3L, rows.Columns[0].GetObject(0));
        Assert.Equal("alice", rows.Columns[1].GetObject(2));
    }

    [Fact]
    public void Complete_PartitionedTable_WritesHiveFoldersWithoutPartitionColumns()
    {
        var schema = new StructType(
            new StructField("v", DataType.Integer),
            new StructField("p", DataType.String),
            new StructField("day", DataType.Date));
        var batch = TestBatches.Build(schema,
            [1, "a b:c", new DateOnly(2024, 1, 1)],
            [2, null, new DateOnly(2024, 1, 1)],
            [3, "a b:c", new DateOnly(2024, 1, 1)],
            [4, "a b:c", null]);

        var adds = WriteAll(new DataWriteSettings(schema, ["p", "day"]), batch);

        Assert.Equal(3, adds.Count);
        var first = adds[0];
        Assert.StartsWith("p=a%20b%253Ac/day=2024-01-01/part-00000-", first.Path, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string?> { ["p"] = "a b:c", ["day"] = "2024-01-01" }, first.PartitionValues);
        Assert.StartsWith("p=__HIVE_DEFAULT_PARTITION__/day=2024-01-01/part-00001-", adds[1].Path, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string?> { ["p"] = null, ["day"] = "2024-01-01" }, adds[1].PartitionValues);
        Assert.StartsWith("p=a%20b%253Ac/day=__HIVE_DEFAULT_PARTITION__/part-00002-", adds[2].Path, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_root, "p=a b%3Ac", "day=2024-01-01")));

        Assert.Equal("{\"numRecords\":2,\"minValues\":{\"v\":1},\"maxValues\":{\"v\":3},\"nullCount\":{\"v\":0}}", first.Stats);
        using var reader = ParquetFileReader.Open(FullPath(first));
        Assert.Equal(["v"], reader.Schema.Fields.Select(f => f.Name));
        var values = reader.ReadAll().Single().Columns[0];
        Assert.Equal([1, 3], new[] { values.GetObject(0), values.GetObject(1) });
    }

    [Fact]
    public void Complete_ColumnMapping_UsesPhysicalNamesFieldIdsAndPhysicalStatsKeys()
    {
        static Dictionary<string, string> Cm(int id, string physical) => new()
        {
            ["delta.columnMapping.id"] = id.ToString(CultureInfo.InvariantCulture),
            ["delta.columnMapping.physicalName"] = "\"" + physical + "\"",
        };
        var schema = new StructType(
            new StructField("Company Name", DataType.String, true, Cm(1, "col-aaa")),
            new StructField("info", new StructType(new StructField("n", DataType.Integer, true, Cm(3, "col-ccc"))), true, Cm(2, "col-bbb")));
        var batch = TestBatches.Build(schema, ["BMS", new object?[] { 7 }], ["BMS", new object?[] { 9 }]);

        var adds = WriteAll(new DataWriteSettings(schema, ["Company Name"], ColumnMapping: true), batch);

        var add = Assert.Single(adds);
        Assert.StartsWith("col-aaa=BMS/", add.Path, StringComparison.Ordinal);
        Assert.Equal(new Dictionary<string, string?> { ["col-aaa"] = "BMS" }, add.PartitionValues);
        Assert.Equal("{\"numRecords\":2,\"minValues\":{\"col-bbb\":{\"col-ccc\":7}},\"maxValues\":{\"col-bbb\":{\"col-ccc\":9}},\"nullCount\":{\"col-bbb\":{\"col-ccc\":0}}}", add.Stats);
        using var reader = ParquetFileReader.Open(FullPath(add));
        var top = reader.ParquetSchema.Root.Children.Single();
        Assert.Equal("col-bbb", top.Name);
        Assert.Equal(2, top.FieldId);
        Assert.Equal("col-ccc", top.Children.Single().Name);
        Assert.Equal(3, top.Children.Single().FieldId);
    }

    [Fact]
    public void Stats_NumIndexedCols_CountsLeavesThroughStructs()
    {
        var schema = new StructType(
            new StructField("a", DataType.Integer),
            new StructField("s", new StructType(new StructField("x", DataType.Integer), new StructField("y", DataType.Integer))),
            new StructField("b", DataType.Integer));
        var batch = TestBatches.Build(schema, [1, new object?[] { 2, 3 }, 4]);

        var add = WriteAll(new DataWriteSettings(schema, [], NumIndexedCols: 2), batch).Single();

        Assert.Equal("{\"numRecords\":1,\"minValues\":{\"a\":1,\"s\":{\"x\":2}},\"maxValues\":{\"a\":1,\"s\":{\"x\":2}},\"nullCount\":{\"a\":0,\"s\":{\"x\":0}}}", add.Stats);
    }

    [Fact]
    public void Stats_ZeroIndexedCols_WritesOnlyNumRecordsAndTightBounds()
    {
        var schema = new StructType(new StructField("a", DataType.Integer));
        var add = WriteAll(new DataWriteSettings(schema, [], NumIndexedCols: 0, WriteTightBounds: true), TestBatches.Build(schema, [1])).Single();
        Assert.Equal("{\"numRecords\":1,\"tightBounds\":true}", add.Stats);
    }

    [Fact]
    public void Stats_StatsColumns_SelectsNamedColumnsCaseInsensitively()
    {
        var schema = new StructType(
            new StructField("a", DataType.Integer),
            new StructField("s", new StructType(new StructField("x", DataType.Integer), new StructField("y", DataType.Integer))),
            new StructField("b", DataType.Integer));
        var batch = TestBatches.Build(schema, [1, new object?[] { 2, 3 }, 4]);

        var add = WriteAll(new DataWriteSettings(schema, [], StatsColumns: ["B", "s.y"]), batch).Single();

        Assert.Equal("{\"numRecords\":1,\"minValues\":{\"s\":{\"y\":3},\"b\":4},\"maxValues\":{\"s\":{\"y\":3},\"b\":4},\"nullCount\":{\"s\":{\"y\":0},\"b\":0}}", add.Stats);
    }

    [Fact]
    public void Stats_LongStrings_AreTruncatedAsSparkDoes()
    {
        var schema = new StructType(new StructField("s", DataType.String));
        var low = new string('a', 40);
        var high = new string('z', 31) + "y\uFFFF\uFFFFq";
        var add = WriteAll(new DataWriteSettings(schema, []), TestBatches.Build(schema, [low], [high])).Single();

        using var doc = JsonDocument.Parse(add.Stats!);
        Assert.Equal(new string('a', 32), doc.RootElement.GetProperty("minValues").GetProperty("s").GetString());
        Assert.Equal(new string('z', 31) + "y\uFFFF\uFFFF\uFFFD", doc.RootElement.GetProperty("maxValues").GetProperty("s").GetString());
    }

    [Fact]
    public void Stats_FloatColumnWithNaN_OmitsMinAndMax()
    {
        var schema = new StructType(new StructField("f", DataType.Double), new StructField("g", DataType.Float));
        var add = WriteAll(new DataWriteSettings(schema, []), TestBatches.Build(schema, [1.0, 2f], [double.NaN, 3f])).Single();
        Assert.Equal("{\"numRecords\":2,\"minValues\":{\"g\":2.0},\"maxValues\":{\"g\":3.0},\"nullCount\":{\"f\":0,\"g\":0}}", add.Stats);
    }

    [Fact]
    public void Stats_TimestampNtz_IsWrittenWithoutZoneAtMilliseconds()
    {
        var schema = new StructType(new StructField("t", DataType.TimestampNtz));
        var t = new DateTime(2021, 11, 18, 2, 30, 0, 123, DateTimeKind.Unspecified).AddTicks(9990);
        var add = WriteAll(new DataWriteSettings(schema, []), TestBatches.Build(schema, [t])).Single();
        Assert.Equal("{\"numRecords\":1,\"minValues\":{\"t\":\"2021-11-18T02:30:00.123\"},\"maxValues\":{\"t\":\"2021-11-18T02:30:00.123\"},\"nullCount\":{\"t\":0}}", add.Stats);
    }

    [Fact]
    public void Write_MaxRowsPerFile_RollsToNewFiles()
    {
        var schema = new StructType(new StructField("v", DataType.Integer));
        var rows = Enumerable.Range(0, 10).Select(i => new object?[] { i }).ToArray();
        var adds = WriteAll(new DataWriteSettings(schema, [], MaxRowsPerFile: 4), TestBatches.Build(schema, rows));
        Assert.Equal([4L, 4L, 2L], adds.Select(a => JsonDocument.Parse(a.Stats!).RootElement.GetProperty("numRecords").GetInt64()));
        var all = adds.SelectMany(a =>
        {
            using var r = ParquetFileReader.Open(FullPath(a));
            var col = r.ReadAll().Single().Columns[0];
            return Enumerable.Range(0, col.Length).Select(i => (int)col.GetObject(i)!).ToList();
        }).Order();
        Assert.Equal(Enumerable.Range(0, 10), all);
    }

    [Fact]
    public void Write_MorePartitionsThanOpenFiles_FinishesOldestFilesAndKeepsEveryRow()
    {
        var schema = new StructType(new StructField("v", DataType.Integer), new StructField("p", DataType.Integer));
        var rows = Enumerable.Range(0, 40).Select(i => new object?[] { i, i % 10 }).ToArray();
        var adds = WriteAll(new DataWriteSettings(schema, ["p"], MaxOpenFiles: 3), TestBatches.Build(schema, rows), TestBatches.Build(schema, rows));
        Assert.True(adds.Count >= 10);
        Assert.Equal(80, adds.Sum(a => JsonDocument.Parse(a.Stats!).RootElement.GetProperty("numRecords").GetInt64()));
        Assert.Equal(adds.Count, adds.Select(a => a.Path).Distinct().Count());
        Assert.All(adds, a => Assert.True(File.Exists(FullPath(a))));
    }

    [Fact]
    public void Write_SelectionVector_WritesOnlyLiveRows()
    {
        var schema = new StructType(new StructField("v", DataType.Integer), new StructField("p", DataType.Integer));
        var batch = TestBatches.Build(schema, [1, 0], [2, 0], [3, 1], [4, 1]);
        batch.Selection = new DeltaSharp.Columnar.SelectionVector(2) { Count = 2 };
        batch.Selection.Indices[0] = 1;
        batch.Selection.Indices[1] = 3;
        var adds = WriteAll(new DataWriteSettings(schema, ["p"]), batch);
        Assert.Equal(2, adds.Count);
        Assert.All(adds, a => Assert.Contains("\"numRecords\":1", a.Stats, StringComparison.Ordinal));
    }

    [Fact]
    public void Write_SchemaMismatch_ThrowsMetadataMismatch()
    {
        var schema = new StructType(new StructField("v", DataType.Integer));
        using var writer = new DataFileWriter(_root, new DataWriteSettings(schema, []), Options);
        var wrong = TestBatches.Build(new StructType(new StructField("v", DataType.Long)), [1L]);
        var e = Assert.Throws<DeltaException>(() => writer.Write(wrong));
        Assert.Equal("DELTA_METADATA_MISMATCH", e.ErrorClass);
    }

    [Fact]
    public void Write_NullInNotNullColumn_ThrowsNotNullViolation()
    {
        var schema = new StructType(new StructField("v", DataType.Integer, nullable: false), new StructField("p", DataType.String, nullable: false));
        using var writer = new DataFileWriter(_root, new DataWriteSettings(schema, ["p"]), Options);
        var e = Assert.Throws<DeltaException>(() => writer.Write(TestBatches.Build(schema, [1, null])));
        Assert.Equal("DELTA_NOT_NULL_CONSTRAINT_VIOLATED", e.ErrorClass);
        Assert.Contains("p", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_WithoutComplete_DeletesUnfinishedFiles()
    {
        var schema = new StructType(new StructField("v", DataType.Integer));
        using (var writer = new DataFileWriter(_root, new DataWriteSettings(schema, []), Options))
            writer.Write(TestBatches.Build(schema, [1]));
        Assert.Empty(Directory.GetFiles(_root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Stats_RandomData_AgreeWithDuckDb()
    {
        var schema = new StructType(
            new StructField("i", DataType.Long),
            new StructField("s", DataType.String),
            new StructField("d", DataType.Double),
            new StructField("day", DataType.Date));
        var rng = new Random(1234);
        var rows = Enumerable.Range(0, 500).Select(_ => new object?[]
        {
            rng.Next(10) == 0 ? null : rng.NextInt64(-1_000_000_000_000, 1_000_000_000_000),
            rng.Next(10) == 0 ? null : new string((char)('a' + rng.Next(26)), 1 + rng.Next(20)) + rng.Next(1000).ToString(CultureInfo.InvariantCulture),
            rng.Next(10) == 0 ? null : (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-5, 12)),
            rng.Next(10) == 0 ? null : new DateOnly(1900, 1, 1).AddDays(rng.Next(80000)),
        }).ToArray();

        var add = WriteAll(new DataWriteSettings(schema, []), TestBatches.Build(schema, rows)).Single();

        var file = FullPath(add).Replace("'", "''", StringComparison.Ordinal);
        var duck = JsonDocument.Parse(DuckDb.Query(
            $"SELECT count(*) AS n, min(i) AS mini, max(i) AS maxi, count(*) - count(i) AS nulli, min(s) AS mins, max(s) AS maxs, count(*) - count(s) AS nulls, " +
            $"min(d) AS mind, max(d) AS maxd, count(*) - count(d) AS nulld, min(day) AS minday, max(day) AS maxday, count(*) - count(day) AS nullday FROM read_parquet('{file}')").Single()).RootElement;
        var stats = JsonDocument.Parse(add.Stats!).RootElement;
        var min = stats.GetProperty("minValues");
        var max = stats.GetProperty("maxValues");
        var nulls = stats.GetProperty("nullCount");
        Assert.Equal(duck.GetProperty("n").GetInt64(), stats.GetProperty("numRecords").GetInt64());
        Assert.Equal(duck.GetProperty("mini").GetInt64(), min.GetProperty("i").GetInt64());
        Assert.Equal(duck.GetProperty("maxi").GetInt64(), max.GetProperty("i").GetInt64());
        Assert.Equal(duck.GetProperty("nulli").GetInt64(), nulls.GetProperty("i").GetInt64());
        Assert.Equal(duck.GetProperty("mins").GetString(), min.GetProperty("s").GetString());
        Assert.Equal(duck.GetProperty("maxs").GetString(), max.GetProperty("s").GetString());
        Assert.Equal(duck.GetProperty("nulls").GetInt64(), nulls.GetProperty("s").GetInt64());
        Assert.Equal(duck.GetProperty("mind").GetDouble(), min.GetProperty("d").GetDouble());
        Assert.Equal(duck.GetProperty("maxd").GetDouble(), max.GetProperty("d").GetDouble());
        Assert.Equal(duck.GetProperty("nulld").GetInt64(), nulls.GetProperty("d").GetInt64());
        Assert.Equal(duck.GetProperty("minday").GetString(), min.GetProperty("day").GetString());
        Assert.Equal(duck.GetProperty("maxday").GetString(), max.GetProperty("day").GetString());
        Assert.Equal(duck.GetProperty("nullday").GetInt64(), nulls.GetProperty("day").GetInt64());
    }
}

/// <summary>A clock that stands still (or moves when told), for deterministic timestamps.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
