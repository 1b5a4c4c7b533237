using DeltaSharp.Expressions;
using DeltaSharp.Parquet;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.DeletionVectors;
using DeltaSharp.Tables.Scanning;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Scanning;

public sealed class ScanTests : IDisposable
{
    private readonly ScanTestTable _table = new();

    public void Dispose() => _table.Dispose();

    private static List<string> Rows(Scan scan) => RowJson.FromBatches(scan.ReadBatches());

    private static readonly StructType IdName = new(new StructField("id", DataType.Long), new StructField("name", DataType.String));

    [Fact]
    public void ReadBatches_PartitionedTable_AddsPartitionColumnsInSchemaOrder()
    {
        var schema = new StructType(new StructField("id", DataType.Long), new StructField("day", DataType.Date), new StructField("name", DataType.String));
        _table.WriteParquet("day=2021-01-01/a.parquet", IdName, [[1L, "x"], [2L, "y"]]);
        _table.WriteParquet("day=__HIVE_DEFAULT_PARTITION__/b.parquet", IdName, [[3L, null]]);
        var snapshot = _table.Snapshot(schema,
        [
            ScanTestTable.Add("day=2021-01-01/a.parquet", partitionValues: new Dictionary<string, string?> { ["day"] = "2021-01-01" }),
            ScanTestTable.Add("day=__HIVE_DEFAULT_PARTITION__/b.parquet", partitionValues: new Dictionary<string, string?> { ["day"] = null }),
        ], ["day"]);
        var scan = snapshot.Scan().Build();
        Assert.Equal(["id", "day", "name"], scan.Schema.Fields.Select(f => f.Name));
        Assert.Equal(
            ["""{"id":1,"day":"2021-01-01","name":"x"}""", """{"id":2,"day":"2021-01-01","name":"y"}""", """{"id":3,"day":null,"name":null}"""],
            Rows(scan).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ReadBatches_Select_ProjectsInSelectedOrder()
    {
        var schema = new StructType(new StructField("id", DataType.Long), new StructField("name", DataType.String), new StructField("p", DataType.Integer));
        _table.WriteParquet("p=7/a.parquet", IdName, [[1L, "x"]]);
        var snapshot = _table.Snapshot(schema, [ScanTestTable.Add("p=7/a.parquet", partitionValues: new Dictionary<string, string?> { ["p"] = "7" })], ["p"]);
        Assert.Equal(["""{"p":7,"NAME":"x"}"""], Rows(snapshot.Scan().Select("p", "NAME").Build()).Select(r => r.Replace("\"name\"", "\"NAME\"", StringComparison.Ordinal)));
        Assert.Equal(["""{"p":7}"""], Rows(snapshot.Scan().Select("p").Build()));
        var e = Assert.Throws<DeltaException>(() => snapshot.Scan().Select("nope").Build());
        Assert.Equal("UNRESOLVED_COLUMN", e.ErrorClass);
        Assert.Contains("id, name, p", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBatches_DeletionVector_ExcludesRowsThroughSelectionWithoutCopying()
    {
        var rows = Enumerable.Range(0, 100).Select(i => new object?[] { (long)i, "n" + i }).ToList();
        _table.WriteParquet("a.parquet", IdName, rows);
        var deleted = new long[] { 0, 5, 50, 99 };
        var dv = DeletionVectorWriter.Write(RoaringBitmapArray.Create(deleted), _table.Root, LocalFileStore.Instance);
        var snapshot = _table.Snapshot(IdName, [ScanTestTable.Add("a.parquet", stats: """{"numRecords":100}""", dv: dv)]);
        var batches = snapshot.Scan().WithBatchSize(30).Build().ReadBatches().ToList();
        // Batches 0-29, 30-59, 60-89, 90-99: the third holds no deleted row and needs no selection.
        Assert.Equal([true, true, false, true], batches.Select(b => b.Selection is not null));
        var ids = RowJson.FromBatches(batches);
        Assert.Equal(96, ids.Count);
        var expected = Enumerable.Range(0, 100).Where(i => !deleted.Contains(i)).Select(i => $$"""{"id":{{i}},"name":"n{{i}}"}""");
        Assert.Equal(expected, ids);
        // The vectors hold every physical row of the batch; the selection lists the live ones.
        Assert.Equal(30, batches[0].RowCount);
        Assert.Equal(28, batches[0].LiveRowCount);
    }

    [Fact]
    public void ReadBatches_DeletionVectorWithRowGroupSkipping_KeepsFilePositions()
    {
        // 4 row groups of 25 rows; the predicate skips the first two; the DV deletes rows 10 (skipped group) and 60, 61.
        var rows = Enumerable.Range(0, 100).Select(i => new object?[] { (long)i, "n" }).ToList();
        _table.WriteParquet("a.parquet", IdName, rows, maxRowGroupRows: 25);
        using (var reader = ParquetFileReader.Open(Path.Combine(_table.Root, "a.parquet"))) Assert.Equal(4, reader.RowGroupCount);
        var dv = DeletionVectorWriter.Write(RoaringBitmapArray.Create([10, 60, 61]), _table.Root, LocalFileStore.Instance);
        var snapshot = _table.Snapshot(IdName, [ScanTestTable.Add("a.parquet", dv: dv)]);
        var scan = snapshot.Scan().Where(new Comparison(ComparisonOperator.GreaterThanOrEqual, new ColumnRef("id"), new Literal(55L, DataType.Long))).Build();
        var ids = Rows(scan).Select(r => r[(r.IndexOf(':', StringComparison.Ordinal) + 1)..r.IndexOf(',', StringComparison.Ordinal)]).Select(long.Parse).ToList();
        Assert.Equal(Enumerable.Range(50, 50).Select(i => (long)i).Where(i => i is not 60 and not 61), ids);
    }

    [Fact]
    public void ReadBatches_ColumnMappingNameMode_ReadsPhysicalColumnsUnderLogicalNames()
    {
        var logical = new StructType(
            new StructField("Customer Id", DataType.Long, metadata: ScanTestTable.Mapping(1, "col-a")),
            new StructField("address", new StructType(
                new StructField("zip code", DataType.String, metadata: ScanTestTable.Mapping(3, "col-c")),
                new StructField("added later", DataType.Integer, metadata: ScanTestTable.Mapping(4, "col-d"))), metadata: ScanTestTable.Mapping(2, "col-b")),
            new StructField("Region", DataType.String, metadata: ScanTestTable.Mapping(5, "col-e")));
        var physical = new StructType(
            new StructField("col-a", DataType.Long),
            new StructField("col-b", new StructType(new StructField("col-c", DataType.String))),
            new StructField("Customer Id", DataType.Long)); // a stale column with the logical name must not be read
        _table.WriteParquet("r/a.parquet", physical, [[1L, new object?[] { "10115" }, 99L], [2L, null, 99L]]);
        var snapshot = _table.Snapshot(logical,
            [ScanTestTable.Add("r/a.parquet", partitionValues: new Dictionary<string, string?> { ["col-e"] = "EU" })], ["Region"],
            new Dictionary<string, string> { ["delta.columnMapping.mode"] = "name" });
        Assert.Equal(
            [
                """{"Customer Id":1,"address":{"zip code":"10115","added later":null},"Region":"EU"}""",
                """{"Customer Id":2,"address":null,"Region":"EU"}""",
            ],
            Rows(snapshot.Scan().Build()));
        // Pruning uses the physical partition key and the physical stats keys.
        Assert.Empty(snapshot.Scan().Where(new Comparison(ComparisonOperator.Equal, new ColumnRef("Region"), new Literal("US", DataType.String))).Build().Files);
    }

    [Fact]
    public void ReadBatches_ColumnMappingIdMode_MatchesByFieldId()
    {
        var logical = new StructType(
            new StructField("a", DataType.Long, metadata: ScanTestTable.Mapping(1, "col-a")),
            new StructField("b", DataType.String, metadata: ScanTestTable.Mapping(2, "col-b")));
        static Dictionary<string, string> Id(int id) => new() { ["parquet.field.id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        // Names in the file do not match the physical names; only the ids do (e.g. after a rename by another engine).
        var physical = new StructType(new StructField("x", DataType.String, metadata: Id(2)), new StructField("y", DataType.Long, metadata: Id(1)));
        _table.WriteParquet("a.parquet", physical, [["s", 5L]]);
        var snapshot = _table.Snapshot(logical, [ScanTestTable.Add("a.parquet")],
            configuration: new Dictionary<string, string> { ["delta.columnMapping.mode"] = "id" });
        Assert.Equal(["""{"a":5,"b":"s"}"""], Rows(snapshot.Scan().Build()));
    }

    [Fact]
    public void ReadBatches_ColumnMissingFromOldFile_ReadsNull_AndWideningApplies()
    {
        var schema = new StructType(new StructField("id", DataType.Long), new StructField("name", DataType.String), new StructField("score", DataType.Double));
        _table.WriteParquet("old.parquet", new StructType(new StructField("id", DataType.Integer)), [[7]]);
        var snapshot = _table.Snapshot(schema, [ScanTestTable.Add("old.parquet")]);
        Assert.Equal(["""{"id":7,"name":null,"score":null}"""], Rows(snapshot.Scan().Build()));
    }

    [Fact]
    public void ReadBatches_IncompatibleFileType_ThrowsNamingTheColumn()
    {
        _table.WriteParquet("a.parquet", new StructType(new StructField("id", DataType.String)), [["x"]]);
        var snapshot = _table.Snapshot(IdName, [ScanTestTable.Add("a.parquet")]);
        var e = Assert.Throws<DeltaException>(() => Rows(snapshot.Scan().Build()));
        Assert.Contains("'id'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadBatches_UrlEncodedAndAbsolutePaths_AreResolved()
    {
        _table.WriteParquet("p=a b%c/f 1.parquet", IdName, [[1L, "rel"]]);
        var other = Directory.CreateTempSubdirectory("ds-clone-src-").FullName;
        try
        {
            var abs = Path.Combine(other, "x y.parquet");
            using (var w = ParquetFileWriter.Create(abs, IdName)) { w.Write(ScanTestTable.BatchOf(IdName, [[2L, "abs"]])); w.Close(); }
            var snapshot = _table.Snapshot(IdName,
            [
                ScanTestTable.Add("p=a%20b%25c/f%201.parquet"),
                ScanTestTable.Add(new Uri(abs).AbsoluteUri), // shallow clone: file:///…/x%20y.parquet
            ]);
            Assert.Equal(["""{"id":1,"name":"rel"}""", """{"id":2,"name":"abs"}"""], Rows(snapshot.Scan().Build()));
        }
        finally
        {
            Directory.Delete(other, recursive: true);
        }
    }

    [Fact]
    public void ReadBatches_MissingDataFile_ThrowsFileNotFound()
    {
        var snapshot = _table.Snapshot(IdName, [ScanTestTable.Add("gone.parquet")]);
        var e = Assert.Throws<DeltaException>(() => Rows(snapshot.Scan().Build()));
        Assert.Equal("DELTA_FILE_NOT_FOUND_DETAILED", e.ErrorClass);
        Assert.Contains("gone.parquet", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_StatsAndPartitionValues_AreTypedAndLogical()
    {
        var schema = new StructType(new StructField("id", DataType.Long), new StructField("p", DataType.Integer));
        var snapshot = _table.Snapshot(schema,
            [ScanTestTable.Add("a", partitionValues: new Dictionary<string, string?> { ["p"] = "3" }, stats: """{"numRecords":4,"minValues":{"id":1}}""")], ["p"]);
        var file = Assert.Single(snapshot.Scan().Build().Files);
        Assert.Equal(3, file.PartitionValues["P"]);
        Assert.Equal(4, file.Stats!.NumRecords);
        Assert.Equal(1L, file.Stats.MinValues["id"]);
        Assert.Equal(Path.Combine(_table.Root, "a"), file.FullPath);
    }

    [Fact]
    public void MarkDeleted_MergesWithExistingDv_AndReadsBack()
    {
        var rows = Enumerable.Range(0, 10).Select(i => new object?[] { (long)i, "n" }).ToList();
        _table.WriteParquet("a.parquet", IdName, rows);
        var original = ScanTestTable.Add("a.parquet", stats: """{"numRecords":10,"minValues":{"id":0},"maxValues":{"id":9},"nullCount":{"id":0}}""");
        var snapshot = _table.Snapshot(IdName, [original]);

        var (remove1, add1) = DeletionVectorOperations.MarkDeleted(snapshot, original, [0, 3], 1000);
        Assert.Null(remove1.DeletionVector);
        Assert.True(remove1.DataChange);
        Assert.Equal(1000, remove1.DeletionTimestamp);
        Assert.Equal(2, add1.DeletionVector!.Cardinality);
        Assert.Equal("""{"numRecords":10,"minValues":{"id":0},"maxValues":{"id":9},"nullCount":{"id":0},"tightBounds":false}""", add1.Stats);

        var snapshot2 = _table.Snapshot(IdName, [add1]);
        var (remove2, add2) = DeletionVectorOperations.MarkDeleted(snapshot2, add1, [3, 9], 2000);
        Assert.Equal(add1.DeletionVector, remove2.DeletionVector);
        Assert.Equal(3, add2.DeletionVector!.Cardinality);
        Assert.Equal([0L, 3, 9], DeletionVectorReader.Read(add2.DeletionVector, _table.Root, LocalFileStore.Instance).ToArray());

        var ids = Rows(_table.Snapshot(IdName, [add2]).Scan().Select("id").Build());
        Assert.Equal(new[] { 1, 2, 4, 5, 6, 7, 8 }.Select(i => $$"""{"id":{{i}}}"""), ids);
    }

    [Fact]
    public void MarkDeleted_RowOutsideFile_Throws()
    {
        _table.WriteParquet("a.parquet", IdName, [[1L, "x"]]);
        var add = ScanTestTable.Add("a.parquet"); // no stats: the row count comes from the Parquet footer
        var e = Assert.Throws<DeltaException>(() => DeletionVectorOperations.MarkDeleted(_table.Snapshot(IdName, [add]), add, [1], 0));
        Assert.Equal("DELTA_DELETION_VECTOR_INVALID_ROW_INDEX", e.ErrorClass);
        var (_, ok) = DeletionVectorOperations.MarkDeleted(_table.Snapshot(IdName, [add]), add, [0], 0);
        Assert.Equal("""{"numRecords":1}""", ok.Stats);
    }
}
