using System.Buffers.Binary;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Tests.RoundTrip;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.Corruption;

/// <summary>
/// Broken trailers, magics and truncations give a <see cref="ParquetFormatException"/> whose message names the file
/// and the problem exactly (the file layout is parquet-format's: "PAR1" … footer, 4-byte footer length, "PAR1").
/// </summary>
public sealed class CorruptionMessageTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private static byte[] ValidFile(TempFiles files, CompressionCodec codec = CompressionCodec.Uncompressed)
    {
        var schema = new StructType(new StructField("v", DataType.Long), new StructField("d", new DecimalType(38, 10)));
        var rows = new List<object?[]>();
        for (var i = 0; i < 1000; i++) rows.Add([(long)i * 7, (Int128)(i % 5)]);
        var path = files.NewPath();
        RoundTripHarness.Write(path, schema, rows, new ParquetWriteOptions { Compression = codec }, new Random(1), false);
        return File.ReadAllBytes(path);
    }

    private ParquetFormatException ReadFails(byte[] bytes, out string path)
    {
        path = _files.NewPath();
        File.WriteAllBytes(path, bytes);
        var p = path;
        var e = Assert.Throws<ParquetFormatException>(() => CorruptionRunner.ReadAll(p, 8192));
        Assert.Equal(path, e.FilePath);
        return e;
    }

    [Fact]
    public void Open_EmptyFile_SaysTooShort()
    {
        var e = ReadFails([], out var path);
        Assert.Equal($"{path}: file is too short to be a Parquet file (0 bytes; at least 12 needed)", e.Message);
    }

    [Fact]
    public void Open_ElevenBytes_SaysTooShort()
    {
        var e = ReadFails("PAR1\0\0\0PAR1"u8.ToArray(), out var path);
        Assert.Equal($"{path}: file is too short to be a Parquet file (11 bytes; at least 12 needed)", e.Message);
    }

    [Theory]
    [InlineData(1)]     // inside the trailing magic
    [InlineData(6)]     // inside the footer length
    [InlineData(9)]     // inside the footer
    [InlineData(2000)]  // inside the data pages
    public void Open_TruncatedFile_SaysTheTrailingMagicIsMissing(int cutFromEnd)
    {
        var bytes = ValidFile(_files);
        var e = ReadFails(bytes[..^Math.Min(cutFromEnd, bytes.Length - 20)], out var path);
        Assert.Equal($"{path}: not a Parquet file: the last 4 bytes are not the magic \"PAR1\"", e.Message);
    }

    [Fact]
    public void Open_WrongLeadingMagic_SaysSo()
    {
        var bytes = ValidFile(_files);
        bytes[0] = (byte)'X';
        var e = ReadFails(bytes, out var path);
        Assert.Equal($"{path}: not a Parquet file: the first 4 bytes are not the magic \"PAR1\"", e.Message);
    }

    [Fact]
    public void Open_EncryptedFooterMagic_SaysEncryptedFilesAreNotSupported()
    {
        var bytes = ValidFile(_files);
        "PARE"u8.CopyTo(bytes.AsSpan(bytes.Length - 4));
        var e = ReadFails(bytes, out var path);
        Assert.Equal($"{path}: encrypted Parquet files are not supported", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void Open_FooterLengthBeyondTheFile_SaysSo(int extra)
    {
        var bytes = ValidFile(_files);
        var length = bytes.Length - 12 + 1 + extra; // one byte more than fits between the magics
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), length);
        var e = ReadFails(bytes, out var path);
        Assert.Equal($"{path}: corrupt footer: footer length {length} exceeds the file ({bytes.Length} bytes)", e.Message);
    }

    [Fact]
    public void Open_FooterLengthWithSignBitSet_SaysItExceedsTheFile()
    {
        var bytes = ValidFile(_files);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(bytes.Length - 8), 0x8000_0010);
        var e = ReadFails(bytes, out var path);
        Assert.Equal($"{path}: corrupt footer: footer length {0x8000_0010u} exceeds the file ({bytes.Length} bytes)", e.Message);
    }

    [Fact]
    public void Read_DataCutShortWithFooterKept_NamesTheColumnChunkOutsideTheFile()
    {
        var bytes = ValidFile(_files);
        var layout = FileLayout.Of(bytes);
        var meta = layout.Metadata!;
        var first = meta.RowGroups[0].Columns[0].MetaData!;
        var start = first.DictionaryPageOffset ?? first.DataPageOffset;
        // Keep only the first byte of the first chunk, then the footer bytes unchanged: 1,000 distinct longs make
        // the chunk larger than the footer, so it must end past the shortened file.
        var cut = (int)start + 1;
        byte[] truncated = [.. bytes.AsSpan(0, cut), .. bytes.AsSpan(layout.FooterStart)];
        Assert.True(start + first.TotalCompressedSize > truncated.Length - 8);
        var e = ReadFails(truncated, out var path);
        Assert.Equal($"{path}: row group 0: column chunk 'v' spans bytes {start}..{start + first.TotalCompressedSize}, outside the file's data ({truncated.Length} bytes)", e.Message);
    }

    [Fact]
    public void Read_DictionaryPageCountBeyondItsBytes_FailsBeforeAllocating()
    {
        var bytes = ValidFile(_files);
        var layout = FileLayout.Of(bytes);
        // decimal(38,10) values are 16-byte Int128s in memory: 2^26 of them would be 1 GiB.
        var page = layout.Pages.First(p => p.Column == 1 && p.Header.Type == PageType.DictionaryPage);
        var header = ParquetFooter.ReadPageHeader(bytes.AsSpan((int)page.HeaderOffset, page.HeaderLength), out _);
        header.DictionaryPageHeader!.NumValues = 1 << 26;
        var mutant = Mutator.WithPageHeader(bytes, layout, page, header, "dictionary num_values 2^26");
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = ReadFails(mutant.Bytes, out var path);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 64L << 20);
        Assert.Equal($"{path}: row group 0: column chunk 'd': dictionary page declares {1 << 26} values but holds only {header.UncompressedPageSize} bytes", e.Message);
    }

    [Fact]
    public void Read_CorruptPageHeader_NamesTheColumnAndWhereInTheChunk()
    {
        var bytes = ValidFile(_files);
        var layout = FileLayout.Of(bytes);
        var page = layout.Pages.First(p => p.Column == 1);
        var chunk = layout.Metadata!.RowGroups[0].Columns[1].MetaData!;
        var chunkStart = chunk.DictionaryPageOffset ?? chunk.DataPageOffset;
        bytes[page.HeaderOffset] = 0x0F; // field delta 0, compact type 15: no such Thrift type
        var e = ReadFails(bytes, out var path);
        Assert.StartsWith($"{path}: row group 0: column chunk 'd': page header at byte {page.HeaderOffset - chunkStart} of the chunk: corrupt Thrift data:", e.Message);
    }

    [Fact]
    public void Read_DataPageOffsetNearLongMaxValue_ThrowsFormatException()
    {
        var bytes = ValidFile(_files);
        var layout = FileLayout.Of(bytes);
        var meta = layout.Metadata!;
        meta.RowGroups[0].Columns[0].MetaData!.DataPageOffset = long.MaxValue;
        meta.RowGroups[0].Columns[0].MetaData!.DictionaryPageOffset = null; // else the chunk starts at the dictionary
        var mutant = Mutator.WithFooter(bytes.AsSpan(0, layout.FooterStart), meta, "data_page_offset long.MaxValue");
        var e = ReadFails(mutant.Bytes, out var path);
        Assert.StartsWith($"{path}: row group 0: column chunk 'v' spans bytes", e.Message);
    }
}
