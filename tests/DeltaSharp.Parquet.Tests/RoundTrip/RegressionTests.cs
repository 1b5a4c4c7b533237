using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>Deterministic cases for bugs the round-trip properties found.</summary>
public class RegressionTests
{
    /// <summary>A batch that spans several pages, where an earlier page created the validity bitmap, must keep the
    /// later pages' values valid (the bitmap's bits past its creation capacity were left unset).</summary>
    [Theory]
    [InlineData("integer", 1, false)]
    [InlineData("integer", 2, true)]
    [InlineData("string", 1, false)]
    [InlineData("string", 2, true)]
    [InlineData("decimal(38,10)", 1, true)]
    public void Read_BatchSpanningPagesWithAndWithoutNulls_KeepsLaterValuesValid(string typeName, int version, bool dictionary)
    {
        var type = PrimitiveRoundTripTests.TypeNamed(typeName);
        var schema = new StructType(new StructField("v", type));
        var r = new Random(7);
        var rows = new List<object?[]>();
        // Pages of 10 rows: nulls only in the first rows of each 20, so some pages (and page slices) have none.
        for (var i = 0; i < 300; i++) rows.Add([i % 20 < 3 ? null : ValueGen.Any(type, r)]);
        using var files = new TempFiles();
        var path = files.NewPath();
        var options = new ParquetWriteOptions { DataPageVersion = version, EnableDictionary = dictionary, PageSizeBytes = 1, Compression = CompressionCodec.Snappy };
        using (var writer = ParquetFileWriter.Create(path, schema, options))
        {
            for (var i = 0; i < rows.Count; i += 10) writer.Write(RowModel.ToBatch(schema, rows.GetRange(i, 10)));
            writer.Close();
        }
        foreach (var batchSize in new[] { 7, 64, 8192 })
        {
            var read = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = batchSize }, out var metadata);
            Assert.True(PageWalker.Pages(File.ReadAllBytes(path), metadata).Count(p => p.Header.Type != PageType.DictionaryPage) >= 30);
            RoundTripHarness.AssertRows(rows, [0], read, schema, $"batch size {batchSize}");
        }
    }

    /// <summary>A dictionary-enabled column whose chunk holds only nulls has no dictionary page, so its pages must
    /// not claim a dictionary encoding (other readers refuse that), and the reader accepts such pages from other
    /// writers when they hold no values.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Write_AllNullChunkWithDictionaryEnabled_WritesPlainPagesAndReadsBack(int version)
    {
        var schema = new StructType(new StructField("i", DataType.Integer), new StructField("s", DataType.String));
        var rows = new List<object?[]>();
        for (var i = 0; i < 50; i++) rows.Add([null, null]);
        using var files = new TempFiles();
        var path = files.NewPath();
        RoundTripHarness.Write(path, schema, rows, new ParquetWriteOptions { DataPageVersion = version, PageSizeBytes = 1 }, new Random(1), false);
        var read = RoundTripHarness.Read(path, ParquetReadOptions.Default, out var metadata);
        RoundTripHarness.AssertRows(rows, [0, 1], read, schema, "all nulls");
        foreach (var page in PageWalker.Pages(File.ReadAllBytes(path), metadata))
        {
            Assert.NotEqual(PageType.DictionaryPage, page.Header.Type);
            Assert.Equal(Encoding.Plain, page.ValueEncoding);
        }
    }

    /// <summary>An inner list's elements end where their row ends: the level entry of a following null or empty
    /// row (or outer element) is not an extra element.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Read_ListFollowedByNullOrEmptySlot_KeepsElementsInTheirSlot(int variant)
    {
        var schema = new StructType(new StructField("n", new ArrayType(new ArrayType(DataType.String))));
        List<object?> Inner(params string?[] items) => [.. items];
        object? second = variant switch
        {
            0 => null,
            1 => new List<object?>(),
            _ => new List<object?> { null, Inner(), Inner("y") },
        };
        var rows = new List<object?[]>
        {
            new object?[] { new List<object?> { Inner(null, "x", null) } },
            new object?[] { second },
            new object?[] { new List<object?> { Inner("a"), null, Inner() } },
            new object?[] { null },
        };
        using var files = new TempFiles();
        var path = files.NewPath();
        RoundTripHarness.Write(path, schema, rows, new ParquetWriteOptions { EnableDictionary = false }, new Random(3), false);
        var read = RoundTripHarness.Read(path, ParquetReadOptions.Default, out _);
        RoundTripHarness.AssertRows(rows, [0], read, schema, $"variant {variant}");
    }

    /// <summary>A nested leaf can hold many more slots (elements) than the batch has rows; nulls among them must
    /// not write past the leaf vector.</summary>
    [Fact]
    public void Read_NestedLeafWithMoreSlotsThanRows_SpreadsNullsWithinCapacity()
    {
        var schema = new StructType(new StructField("a", new ArrayType(DataType.Long)));
        var rows = new List<object?[]>();
        for (var i = 0; i < 4; i++)
        {
            var list = new List<object?>();
            for (var j = 0; j < 300; j++) list.Add(j % 3 == 0 ? null : (long)(i * 1000 + j));
            rows.Add([list]);
        }
        using var files = new TempFiles();
        var path = files.NewPath();
        RoundTripHarness.Write(path, schema, rows, ParquetWriteOptions.Default, new Random(5), false);
        foreach (var batchSize in new[] { 1, 3, 8192 })
        {
            var read = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = batchSize }, out _);
            RoundTripHarness.AssertRows(rows, [0], read, schema, $"batch size {batchSize}");
        }
    }

    /// <summary>Nested columns that are null in every row of a batch take a fast path (level 0 in every leaf without
    /// walking the rows); mixed with batches where they hold values, in row groups ended by hand, the rows must read
    /// back as written and the row groups must be where FlushRowGroup put them.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Write_NestedColumnsNullInWholeBatchesAcrossFlushedRowGroups_ReadsBackAndKeepsRowGroups(int version)
    {
        var inner = new StructType(new StructField("a", DataType.Long), new StructField("m", new MapType(DataType.String, DataType.String, true)));
        var schema = new StructType(
            new StructField("s", inner),
            new StructField("l", new ArrayType(DataType.String)),
            new StructField("k", DataType.Integer));
        object?[] Row(int i, bool nested) => nested
            ? [new object?[] { (long)i, i % 3 == 0 ? null : new List<KeyValuePair<object?, object?>> { new("x", i % 2 == 0 ? null : $"v{i}") } },
               i % 4 == 0 ? null : new List<object?> { $"e{i}", null }, i]
            : [null, null, i];
        var batches = new List<List<object?[]>>
        {
            Enumerable.Range(0, 5).Select(i => Row(i, nested: true)).ToList(),
            Enumerable.Range(5, 40).Select(i => Row(i, nested: false)).ToList(),   // all-null nested columns
            Enumerable.Range(45, 7).Select(i => Row(i, nested: false)).ToList(),
            Enumerable.Range(52, 9).Select(i => Row(i, nested: true)).ToList(),
        };
        using var files = new TempFiles();
        var path = files.NewPath();
        using (var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { DataPageVersion = version, PageSizeBytes = 64 }))
        {
            writer.Write(RowModel.ToBatch(schema, batches[0]));
            writer.FlushRowGroup();
            writer.FlushRowGroup(); // an empty row group is never written
            writer.Write(RowModel.ToBatch(schema, batches[1]));
            writer.Write(RowModel.ToBatch(schema, batches[2]));
            writer.FlushRowGroup();
            writer.Write(RowModel.ToBatch(schema, batches[3]));
            writer.Close();
        }
        var rows = batches.SelectMany(b => b).ToList();
        var read = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = 6 }, out var metadata);
        RoundTripHarness.AssertRows(rows, [0, 1, 2], read, schema, $"page v{version}");
        Assert.Equal([5L, 47L, 9L], metadata.RowGroups.Select(g => g.NumRows));
        // Every leaf of 's' and 'l' is null in all 47 rows of the middle row group.
        Assert.All(metadata.RowGroups[1].Columns.Where(c => c.MetaData!.PathInSchema[0] != "k"),
            c => Assert.Equal(47L, c.MetaData!.Statistics!.NullCount));
    }
}
