using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.RoundTrip;

/// <summary>
/// Deterministic coverage of the axes the properties draw at random: every writable codec × data page version ×
/// null density, each with every leaf type and two nested columns in one file (dictionary on and off alternating),
/// and the page layouts the small limits are meant to produce (many pages and row groups, a dictionary fallback to
/// PLAIN in the middle of a chunk).
/// </summary>
public class CodecMatrixTests
{
    public static TheoryData<CompressionCodec, int> CodecsAndVersions()
    {
        var data = new TheoryData<CompressionCodec, int>();
        foreach (var codec in RoundTripHarness.Codecs)
        {
            data.Add(codec, 1);
            data.Add(codec, 2);
        }
        return data;
    }

    [Fact]
    public void Codecs_IncludeEveryCodecTheWriterSupports()
    {
        // The matrix below is only as good as this list: UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4_RAW, BROTLI, LZ4.
        Assert.Contains(CompressionCodec.Snappy, RoundTripHarness.Codecs);
        Assert.Contains(CompressionCodec.Gzip, RoundTripHarness.Codecs);
        Assert.Contains(CompressionCodec.Lz4Raw, RoundTripHarness.Codecs);
        Assert.Contains(CompressionCodec.Brotli, RoundTripHarness.Codecs);
        Assert.Equal(DeltaSharp.Parquet.Compression.ParquetCompression.IsSupported(CompressionCodec.Zstd), RoundTripHarness.Codecs.Contains(CompressionCodec.Zstd));
    }

    private const int Rows = 400;

    [Theory]
    [MemberData(nameof(CodecsAndVersions))]
    public void AllTypes_EveryNullDensity_RoundTripWithCodecAndPageVersion(CompressionCodec codec, int version)
    {
        using var files = new TempFiles();
        foreach (var nulls in Enum.GetValues<NullMode>())
        {
            var nullable = nulls != NullMode.Required;
            var nullRate = nulls switch { NullMode.Some => 0.3, NullMode.All => 1.0, _ => 0.0 };
            var fields = new List<StructField> { new("id", DataType.Integer, nullable: false) };
            foreach (var (name, type) in PrimitiveRoundTripTests.LeafTypes) fields.Add(new StructField(name, type, nullable));
            fields.Add(new StructField("s", NestedRoundTripTests.NestedTypes[5].Type, nullable));
            fields.Add(new StructField("aa", NestedRoundTripTests.NestedTypes[4].Type, nullable));
            var schema = new StructType(fields);

            var r = new Random((int)codec * 100 + version * 10 + (int)nulls);
            var shape = (ValueShape)((int)nulls % 4);
            var columns = new List<object?[]>();
            foreach (var (_, type) in PrimitiveRoundTripTests.LeafTypes) columns.Add(ValueGen.Column(type, r, Rows, nullRate, shape));
            var rows = new List<object?[]>();
            for (var i = 0; i < Rows; i++)
            {
                var row = new object?[schema.Count];
                row[0] = i;
                for (var c = 0; c < columns.Count; c++) row[c + 1] = columns[c][i];
                row[^2] = ValueGen.Nested(schema[^2].Type, nullable, r, nullRate, 0.2);
                row[^1] = ValueGen.Nested(schema[^1].Type, nullable, r, nullRate, 0.2);
                rows.Add(row);
            }

            var options = new ParquetWriteOptions
            {
                Compression = codec,
                DataPageVersion = version,
                PageSizeBytes = 512,
                MaxRowGroupRows = 250,
                DictionaryPageSizeLimit = 1000,
                EnableDictionary = (int)nulls % 2 == 0,
            };
            var path = files.NewPath();
            var context = $"{codec} v{version} {nulls}";
            var result = RoundTripHarness.Write(path, schema, rows, options, r, useSelection: false);

            var all = Enumerable.Range(0, schema.Count).ToArray();
            var read = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = 128 }, out var metadata);
            RoundTripHarness.AssertRows(rows, all, read, schema, context);
            RoundTripHarness.AssertStatistics(schema, rows, result, metadata, path, context);
            Assert.All(metadata.RowGroups, rg => Assert.All(rg.Columns, c => Assert.Equal(codec, c.MetaData!.Codec)));

            var projected = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = 77, Columns = ["aa", "string", "decimal(38,10)", "id"] }, out _);
            RoundTripHarness.AssertRows(rows, [schema.Count - 1, 11, 10, 0], projected, schema, context + " projected");
        }
    }

    [Theory]
    [InlineData("integer", 1)]
    [InlineData("long", 2)]
    [InlineData("double", 1)]
    [InlineData("float", 2)]
    [InlineData("string", 1)]
    [InlineData("string", 2)]
    [InlineData("binary", 2)]
    [InlineData("decimal(38,10)", 1)]
    [InlineData("decimal(5,2)", 2)]
    [InlineData("timestamp", 1)]
    public void SmallDictionaryLimit_FallsBackToPlainMidChunk_AndValuesRoundTrip(string typeName, int version)
    {
        var type = PrimitiveRoundTripTests.TypeNamed(typeName);
        var schema = new StructType(new StructField("v", type));
        var r = new Random(11);
        var values = ValueGen.Column(type, r, 3000, 0.2, ValueShape.Mixed);
        var rows = values.Select(v => new object?[] { v }).ToList();
        using var files = new TempFiles();
        var path = files.NewPath();
        var options = new ParquetWriteOptions { DataPageVersion = version, PageSizeBytes = 256, DictionaryPageSizeLimit = 512, Compression = CompressionCodec.Snappy };
        ParquetWriteResult result;
        using (var writer = ParquetFileWriter.Create(path, schema, options))
        {
            for (var i = 0; i < rows.Count; i += 50) writer.Write(RowModel.ToBatch(schema, rows.GetRange(i, 50)));
            result = writer.Close();
        }
        var read = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = 333 }, out var metadata);
        RoundTripHarness.AssertRows(rows, [0], read, schema, typeName);
        RoundTripHarness.AssertStatistics(schema, rows, result, metadata, path, typeName);

        Assert.Single(metadata.RowGroups);
        var pages = PageWalker.Pages(File.ReadAllBytes(path), metadata);
        Assert.Equal(PageType.DictionaryPage, pages[0].Header.Type);
        var dataEncodings = pages.Skip(1).Select(p => p.ValueEncoding!.Value).ToList();
        var dictionaryEncoding = version == 1 ? Encoding.PlainDictionary : Encoding.RleDictionary;
        var firstPlain = dataEncodings.IndexOf(Encoding.Plain);
        Assert.True(firstPlain > 0, $"{typeName}: no dictionary-encoded page before the fallback: {string.Join(",", dataEncodings)}");
        Assert.True(dataEncodings.Take(firstPlain).All(e => e == dictionaryEncoding));
        Assert.True(dataEncodings.Skip(firstPlain).All(e => e == Encoding.Plain), $"{typeName}: {string.Join(",", dataEncodings)}");
        Assert.True(dataEncodings.Count - firstPlain >= 3, $"{typeName}: fallback happened too late to test ({firstPlain} of {dataEncodings.Count} pages)");
        var chunkEncodings = metadata.RowGroups[0].Columns[0].MetaData!.Encodings;
        Assert.Contains(Encoding.Plain, chunkEncodings);
        Assert.Contains(dictionaryEncoding, chunkEncodings);
    }

    [Fact]
    public void SmallPageAndRowGroupLimits_ProduceManyPagesAndRowGroups_AndRoundTrip()
    {
        var schema = new StructType(
            new StructField("i", DataType.Integer), new StructField("s", DataType.String),
            new StructField("m", new MapType(DataType.String, DataType.Long)));
        var r = new Random(21);
        var rows = new List<object?[]>();
        for (var i = 0; i < 2000; i++)
            rows.Add([r.Next(5) == 0 ? null : r.Next(), ValueGen.Any(DataType.String, r), ValueGen.Nested(schema[2].Type, true, r, 0.2, 0.2)]);
        using var files = new TempFiles();
        var path = files.NewPath();
        var options = new ParquetWriteOptions { PageSizeBytes = 64, MaxRowGroupRows = 300, DataPageVersion = 2, Compression = CompressionCodec.Gzip, EnableDictionary = false };
        ParquetWriteResult result;
        using (var writer = ParquetFileWriter.Create(path, schema, options))
        {
            for (var i = 0; i < rows.Count; i += 20) writer.Write(RowModel.ToBatch(schema, rows.GetRange(i, 20)));
            result = writer.Close();
        }
        var read = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = 7 }, out var metadata);
        RoundTripHarness.AssertRows(rows, [0, 1, 2], read, schema, "many pages");
        RoundTripHarness.AssertStatistics(schema, rows, result, metadata, path, "many pages");
        Assert.Equal(7, metadata.RowGroups.Count); // 6 × 300 + 200
        var pages = PageWalker.Pages(File.ReadAllBytes(path), metadata);
        foreach (var chunk in pages.GroupBy(p => (p.RowGroup, p.Column)))
            Assert.True(chunk.Count(p => p.Header.Type == PageType.DataPageV2) >= 5, $"chunk {chunk.Key} has {chunk.Count()} pages");
    }

    /// <summary>One large batch: the writer splits it into 4,096-entry pieces and 20,000-entry pages by itself, and
    /// row groups close in the middle of the batch.</summary>
    [Fact]
    public void LargeSingleBatch_CrossesPieceAndPageEntryLimits_AndRoundTrips()
    {
        var schema = new StructType(
            new StructField("i", DataType.Integer), new StructField("s", DataType.String),
            new StructField("a", new ArrayType(DataType.Integer)));
        var r = new Random(31);
        var rows = new List<object?[]>();
        for (var i = 0; i < 50_000; i++)
            rows.Add([i % 7 == 0 ? null : i, i % 11 == 0 ? null : ValueGen.Sequential(DataType.String, i, r), ValueGen.Nested(schema[2].Type, true, r, 0.1, 0.1)]);
        using var files = new TempFiles();
        var path = files.NewPath();
        ParquetWriteResult result;
        using (var writer = ParquetFileWriter.Create(path, schema, new ParquetWriteOptions { MaxRowGroupRows = 30_000, EnableDictionary = false }))
        {
            writer.Write(RowModel.ToBatch(schema, rows));
            result = writer.Close();
        }
        var read = RoundTripHarness.Read(path, new ParquetReadOptions { BatchSize = 5000 }, out var metadata);
        RoundTripHarness.AssertRows(rows, [0, 1, 2], read, schema, "large batch");
        RoundTripHarness.AssertStatistics(schema, rows, result, metadata, path, "large batch");
        Assert.Equal([30_000L, 20_000L], metadata.RowGroups.Select(g => g.NumRows));
        var pages = PageWalker.Pages(File.ReadAllBytes(path), metadata);
        Assert.True(pages.Count(p => p.RowGroup == 0 && p.Column == 0) >= 2, "the 20,000-entry page limit did not cut the first chunk");
    }
}
