using System.Buffers;
using System.Diagnostics;
using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Tests.Format;

public class MetadataRoundTripTests
{
    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void FileMetaData_SerializeThenParse_ReturnsEqualMetadata(int seed)
    {
        var expected = new RandomMetadata(seed).FileMetaData();
        var bytes = ParquetFooter.Serialize(expected);
        var actual = ParquetFooter.ParseFileMetaData(bytes);
        MetadataAssert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void PageHeader_WriteThenRead_ReturnsEqualHeaderAndLength(int seed)
    {
        var expected = new RandomMetadata(seed).PageHeader();
        var buffer = new ArrayBufferWriter<byte>();
        ParquetFooter.WritePageHeader(expected, buffer);
        var withBody = buffer.WrittenSpan.ToArray().Concat(new byte[] { 1, 2, 3 }).ToArray();

        var actual = ParquetFooter.ReadPageHeader(withBody, out var length);
        MetadataAssert.Equal(expected, actual);
        Assert.Equal(buffer.WrittenCount, length);

        Assert.True(ParquetFooter.TryReadPageHeader(withBody, out var tried, out var triedLength));
        MetadataAssert.Equal(expected, tried);
        Assert.Equal(buffer.WrittenCount, triedLength);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void PageHeader_TryReadOnEveryShortPrefix_ReturnsFalse(int seed)
    {
        var buffer = new ArrayBufferWriter<byte>();
        ParquetFooter.WritePageHeader(new RandomMetadata(seed).PageHeader(), buffer);
        var bytes = buffer.WrittenSpan.ToArray();
        for (var n = 0; n < bytes.Length; n++)
        {
            Assert.False(ParquetFooter.TryReadPageHeader(bytes.AsSpan(0, n), out var header, out var length), $"prefix {n}");
            Assert.Null(header);
            Assert.Equal(0, length);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(13)]
    public void FileMetaData_EveryTruncation_ThrowsParquetFormatException(int seed)
    {
        var bytes = ParquetFooter.Serialize(new RandomMetadata(seed).FileMetaData());
        for (var n = 0; n < bytes.Length; n++)
        {
            var ex = Assert.Throws<ParquetFormatException>(() => ParquetFooter.ParseFileMetaData(bytes.AsSpan(0, n)));
            Assert.StartsWith("corrupt Thrift data: ", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FileMetaData_RandomByteFlips_EitherParseOrThrowParquetFormatException_Quickly()
    {
        var rng = new Random(42);
        var stopwatch = Stopwatch.StartNew();
        for (var seed = 0; seed < 20; seed++)
        {
            var original = ParquetFooter.Serialize(new RandomMetadata(seed).FileMetaData());
            for (var trial = 0; trial < 100; trial++)
            {
                var bytes = (byte[])original.Clone();
                var flips = 1 + rng.Next(4);
                for (var f = 0; f < flips && bytes.Length > 0; f++) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                ParseOrFormatError(bytes);
            }
        }
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void Parsers_PureGarbage_EitherParseOrThrowParquetFormatException()
    {
        var rng = new Random(7);
        for (var trial = 0; trial < 5000; trial++)
        {
            var bytes = new byte[rng.Next(300)];
            rng.NextBytes(bytes);
            ParseOrFormatError(bytes);
            try
            {
                ParquetFooter.TryReadPageHeader(bytes, out _, out _);
            }
            catch (ParquetFormatException)
            {
            }
        }
    }

    private static void ParseOrFormatError(byte[] bytes)
    {
        try
        {
            ParquetFooter.ParseFileMetaData(bytes);
        }
        catch (ParquetFormatException)
        {
        }
    }
}
