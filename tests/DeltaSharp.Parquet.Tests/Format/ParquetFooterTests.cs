using System.Buffers;
using System.Text.Json;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Tests.Format;

public sealed class ParquetFooterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deltasharp-footer-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static FileMetaData ReadFooter(string path)
    {
        using var handle = File.OpenHandle(path);
        return ParquetFooter.Read(handle, RandomAccess.GetLength(handle), path);
    }

    [Fact]
    public void Read_EveryDataFileInTheCorpus_NumRowsMatchesTheAddActionStats()
    {
        var checkedFiles = 0;
        foreach (var table in ConformanceTables.TableNames())
        {
            foreach (var (path, numRecords) in ConformanceTables.AddedFilesWithRowCounts(table))
            {
                var metadata = ReadFooter(path);
                Assert.True(numRecords == metadata.NumRows, $"{path}: footer has {metadata.NumRows} rows, log says {numRecords}");
                Assert.Equal(metadata.NumRows, metadata.RowGroups.Sum(g => g.NumRows));
                foreach (var group in metadata.RowGroups)
                {
                    Assert.All(group.Columns, c => Assert.NotNull(c.MetaData));
                }
                checkedFiles++;
            }
        }
        Assert.True(checkedFiles >= 100, $"only {checkedFiles} files checked");
    }

    [Fact]
    public void Read_ParquetAllTypes_FooterDescribesTheSparkWrittenFile()
    {
        var path = Directory.GetFiles(ConformanceTables.Table("parquet-all-types"), "*.parquet").Single();
        var metadata = ReadFooter(path);
        Assert.Equal(200, metadata.NumRows);
        Assert.StartsWith("parquet-mr version 1.13.1", metadata.CreatedBy, StringComparison.Ordinal);
        Assert.Contains(metadata.KeyValueMetadata!, kv => kv.Key == "org.apache.spark.version" && kv.Value == "3.5.0");
        Assert.Equal("spark_schema", metadata.Schema[0].Name);
        // One column order per leaf (24 leaves), all type-defined (parquet-mr writes TYPE_ORDER).
        Assert.Equal(24, metadata.ColumnOrders!.Count);
        Assert.All(metadata.ColumnOrders, o => Assert.True(o.IsTypeDefinedOrder));
        var chunks = metadata.RowGroups.Single().Columns;
        Assert.Equal(24, chunks.Count);
        Assert.Equal(["ByteType"], chunks[0].MetaData!.PathInSchema);
        Assert.Equal(["map_of_arrays", "key_value", "value", "list", "element"], chunks[^1].MetaData!.PathInSchema);
        Assert.All(chunks, c => Assert.Equal(CompressionCodec.Snappy, c.MetaData!.Codec));
    }

    [Theory]
    [InlineData("IntegerType")]
    [InlineData("LongType")]
    [InlineData("StringType")]
    [InlineData("ShortType")]
    public void Read_ParquetAllTypes_ChunkStatisticsMatchTheAddActionStats(string column)
    {
        var table = "parquet-all-types";
        var (path, _) = ConformanceTables.AddedFilesWithRowCounts(table).Single();
        var add = ConformanceTables.Actions(table).Single(a => a.TryGetProperty("add", out _)).GetProperty("add");
        using var stats = JsonDocument.Parse(add.GetProperty("stats").GetString()!);
        var min = stats.RootElement.GetProperty("minValues").GetProperty(column);
        var max = stats.RootElement.GetProperty("maxValues").GetProperty(column);
        var nulls = stats.RootElement.GetProperty("nullCount").GetProperty(column).GetInt64();

        var chunk = ReadFooter(path).RowGroups.Single().Columns.Single(c => c.MetaData!.PathInSchema.SequenceEqual([column])).MetaData!;
        var statistics = chunk.Statistics!;
        Assert.Equal(nulls, statistics.NullCount);
        // PLAIN encoding without length prefix (parquet.thrift Statistics): little-endian ints, raw UTF-8.
        byte[] Encode(JsonElement v) => chunk.Type switch
        {
            PhysicalType.Int32 => BitConverter.GetBytes(v.GetInt32()),
            PhysicalType.Int64 => BitConverter.GetBytes(v.GetInt64()),
            _ => System.Text.Encoding.UTF8.GetBytes(v.GetString()!),
        };
        Assert.Equal(Encode(min), statistics.MinValue);
        Assert.Equal(Encode(max), statistics.MaxValue);
        if (statistics.Min is not null) Assert.Equal(statistics.MinValue, statistics.Min);
        Assert.True(chunk.NumValues >= 200);
        Assert.True(chunk.DataPageOffset >= 4);
    }

    [Fact]
    public void Read_Checkpoint_NumRowsMatchesLastCheckpointSize()
    {
        var log = Path.Combine(ConformanceTables.Table("basic-with-inserts-deletes-checkpoint"), "_delta_log");
        using var last = JsonDocument.Parse(File.ReadAllText(Path.Combine(log, "_last_checkpoint")));
        var version = last.RootElement.GetProperty("version").GetInt64();
        var size = last.RootElement.GetProperty("size").GetInt64();
        var metadata = ReadFooter(Path.Combine(log, $"{version:D20}.checkpoint.parquet"));
        Assert.Equal(size, metadata.NumRows);
    }

    private string WriteFile(string name, ReadOnlySpan<byte> bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes.ToArray());
        return path;
    }

    private static byte[] FileWith(FileMetaData metadata, int bodyBytes = 0)
    {
        var buffer = new ArrayBufferWriter<byte>();
        buffer.Write("PAR1"u8);
        buffer.Write(new byte[bodyBytes]);
        ParquetFooter.WriteFileTrailer(metadata, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private static FileMetaData SmallMetadata() => new()
    {
        Version = 1,
        Schema = [new SchemaElement { Name = "schema", NumChildren = 1 }, new SchemaElement { Name = "a", Type = PhysicalType.Int32, RepetitionType = FieldRepetitionType.Optional }],
        NumRows = 42,
        CreatedBy = "test",
    };

    [Fact]
    public void WriteFileTrailer_IsFooterThenLittleEndianLengthThenMagic()
    {
        var metadata = SmallMetadata();
        var footer = ParquetFooter.Serialize(metadata);
        var buffer = new ArrayBufferWriter<byte>();
        ParquetFooter.WriteFileTrailer(metadata, buffer);
        var expected = footer.Concat(BitConverter.GetBytes(footer.Length)).Concat("PAR1"u8.ToArray()).ToArray();
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(200_000)]
    public void Read_SyntheticFile_ReturnsTheMetadata(int bodyBytes)
    {
        var path = WriteFile("ok.parquet", FileWith(SmallMetadata(), bodyBytes));
        var metadata = ReadFooter(path);
        MetadataAssert.Equal(SmallMetadata(), metadata);
    }

    [Fact]
    public void Read_FooterLargerThanTheSpeculativeTail_ReadsItExactly()
    {
        var metadata = SmallMetadata();
        metadata.KeyValueMetadata = [new KeyValue("big", new string('x', 150_000))];
        var path = WriteFile("big.parquet", FileWith(metadata, 1000));
        MetadataAssert.Equal(metadata, ReadFooter(path));
    }

    [Fact]
    public void Read_FileShorterThan12Bytes_Throws()
    {
        var path = WriteFile("short.parquet", "PAR1\0\0\0PAR1"u8);
        var ex = Assert.Throws<ParquetFormatException>(() => ReadFooter(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Contains("too short to be a Parquet file (11 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EncryptedFooterMagic_ReportsEncryptionUnsupported()
    {
        var bytes = FileWith(SmallMetadata());
        "PARE"u8.CopyTo(bytes.AsSpan(0));
        "PARE"u8.CopyTo(bytes.AsSpan(bytes.Length - 4));
        var ex = Assert.Throws<ParquetFormatException>(() => ReadFooter(WriteFile("enc.parquet", bytes)));
        Assert.Equal("encrypted Parquet files are not supported", ex.Problem);
    }

    [Fact]
    public void Read_WrongEndMagic_Throws()
    {
        var bytes = FileWith(SmallMetadata());
        bytes[^1] = (byte)'X';
        var ex = Assert.Throws<ParquetFormatException>(() => ReadFooter(WriteFile("bad-end.parquet", bytes)));
        Assert.Contains("last 4 bytes are not the magic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongStartMagic_Throws()
    {
        var bytes = FileWith(SmallMetadata(), 100_000);
        bytes[0] = (byte)'X';
        var ex = Assert.Throws<ParquetFormatException>(() => ReadFooter(WriteFile("bad-start.parquet", bytes)));
        Assert.Contains("first 4 bytes are not the magic", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(-1)]
    [InlineData(1000)]
    public void Read_FooterLengthBeyondTheFile_Throws(int footerLength)
    {
        var bytes = FileWith(SmallMetadata());
        BitConverter.GetBytes(footerLength).CopyTo(bytes, bytes.Length - 8);
        var ex = Assert.Throws<ParquetFormatException>(() => ReadFooter(WriteFile("len.parquet", bytes)));
        Assert.Contains("footer length", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CorruptFooter_NamesTheFileAndTheProblem()
    {
        var bytes = FileWith(SmallMetadata());
        // Shift the footer start by claiming one byte fewer: the Thrift no longer starts at a field header.
        BitConverter.GetBytes(BitConverter.ToInt32(bytes, bytes.Length - 8) - 3).CopyTo(bytes, bytes.Length - 8);
        var path = WriteFile("corrupt.parquet", bytes);
        var ex = Assert.Throws<ParquetFormatException>(() => ReadFooter(path));
        Assert.Equal(path, ex.FilePath);
        Assert.StartsWith("corrupt Thrift data: ", ex.Problem, StringComparison.Ordinal);
    }
}
