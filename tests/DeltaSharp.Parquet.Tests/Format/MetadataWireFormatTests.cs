using System.Buffers;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Tests.Format;

/// <summary>Metadata against bytes encoded by hand from parquet.thrift field ids and the compact protocol.</summary>
public class MetadataWireFormatTests
{
    // PageHeader{1: type=DATA_PAGE(0), 2: uncompressed=100, 3: compressed=50,
    //            5: DataPageHeader{1: num_values=10, 2: PLAIN(0), 3: RLE(3), 4: RLE(3)}}
    private static readonly byte[] DataPageHeaderBytes =
    [
        0x15, 0x00,             // 1: i32 0
        0x15, 0xC8, 0x01,       // 2: i32 100 (zigzag 200)
        0x15, 0x64,             // 3: i32 50 (zigzag 100)
        0x2C,                   // 5 (delta 2): struct
        0x15, 0x14,             //   1: 10
        0x15, 0x00,             //   2: PLAIN
        0x15, 0x06,             //   3: RLE
        0x15, 0x06,             //   4: RLE
        0x00,
        0x00,
    ];

    [Fact]
    public void ReadPageHeader_HandEncodedDataPage_DecodesEveryField()
    {
        var header = ParquetFooter.ReadPageHeader(DataPageHeaderBytes.Concat(new byte[] { 0xEE }).ToArray(), out var length);
        Assert.Equal(DataPageHeaderBytes.Length, length);
        Assert.Equal(PageType.DataPage, header.Type);
        Assert.Equal(100, header.UncompressedPageSize);
        Assert.Equal(50, header.CompressedPageSize);
        Assert.Null(header.Crc);
        Assert.NotNull(header.DataPageHeader);
        Assert.Equal(10, header.DataPageHeader.NumValues);
        Assert.Equal(Encoding.Plain, header.DataPageHeader.Encoding);
        Assert.Equal(Encoding.Rle, header.DataPageHeader.DefinitionLevelEncoding);
        Assert.Equal(Encoding.Rle, header.DataPageHeader.RepetitionLevelEncoding);
        Assert.Null(header.DictionaryPageHeader);
        Assert.Null(header.DataPageHeaderV2);
    }

    [Fact]
    public void WritePageHeader_DataPage_ProducesTheHandEncodedBytes()
    {
        var header = new PageHeader
        {
            Type = PageType.DataPage,
            UncompressedPageSize = 100,
            CompressedPageSize = 50,
            DataPageHeader = new DataPageHeader
            {
                NumValues = 10,
                Encoding = Encoding.Plain,
                DefinitionLevelEncoding = Encoding.Rle,
                RepetitionLevelEncoding = Encoding.Rle,
            },
        };
        var buffer = new ArrayBufferWriter<byte>();
        ParquetFooter.WritePageHeader(header, buffer);
        Assert.Equal(DataPageHeaderBytes, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void ReadPageHeader_DataPageV2WithoutIsCompressed_DefaultsToCompressed()
    {
        byte[] bytes =
        [
            0x15, 0x06,             // 1: DATA_PAGE_V2 (3)
            0x15, 0x10, 0x15, 0x08, // 2: 8, 3: 4
            0x5C,                   // 8 (delta 5): struct DataPageHeaderV2
            0x15, 0x06, 0x15, 0x02, 0x15, 0x04, 0x15, 0x10, 0x15, 0x02, 0x15, 0x00, // 1..6: 3, 1, 2, RLE_DICTIONARY(8), 1, 0
            0x00,
            0x00,
        ];
        var header = ParquetFooter.ReadPageHeader(bytes, out _);
        var v2 = header.DataPageHeaderV2!;
        Assert.Equal(PageType.DataPageV2, header.Type);
        Assert.Equal((3, 1, 2, Encoding.RleDictionary, 1, 0), (v2.NumValues, v2.NumNulls, v2.NumRows, v2.Encoding, v2.DefinitionLevelsByteLength, v2.RepetitionLevelsByteLength));
        Assert.True(v2.IsCompressed);
    }

    [Fact]
    public void ReadPageHeader_MissingRequiredField_NamesIt()
    {
        byte[] bytes = [0x15, 0x00, 0x15, 0xC8, 0x01, 0x00]; // no compressed_page_size
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetFooter.ReadPageHeader(bytes, out _));
        Assert.Equal("corrupt Thrift data: required field PageHeader.compressed_page_size is missing", ex.Message);
    }

    [Fact]
    public void ReadLogicalType_TimestampMicrosNotAdjusted_FromHandEncodedSchemaElement()
    {
        byte[] bytes =
        [
            0x15, 0x04,                         // 1: type INT64 (2)
            0x25, 0x02,                         // 3 (delta 2): OPTIONAL (1)
            0x18, 0x02, (byte)'t', (byte)'s',   // 4: name "ts"
            0x25, 0x14,                         // 6 (delta 2): converted TIMESTAMP_MICROS (10)
            0x4C,                               // 10 (delta 4): LogicalType
            0x8C,                               //   8: TIMESTAMP struct
            0x12,                               //     1: isAdjustedToUTC = false
            0x1C,                               //     2: unit
            0x2C, 0x00,                         //       2: MICROS {}
            0x00,
            0x00,
            0x00,
            0x00,
        ];
        var reader = new ThriftCompactReader(bytes);
        var element = SchemaElement.Read(ref reader);
        Assert.Equal(bytes.Length, reader.Position);
        Assert.Equal(PhysicalType.Int64, element.Type);
        Assert.Equal(FieldRepetitionType.Optional, element.RepetitionType);
        Assert.Equal("ts", element.Name);
        Assert.Equal(ConvertedType.TimestampMicros, element.ConvertedType);
        Assert.Equal(LogicalTypeKind.Timestamp, element.LogicalType!.Kind);
        Assert.Equal(new TimestampLogicalType(false, TimeUnit.Micros), element.LogicalType.Timestamp);

        var buffer = new ArrayBufferWriter<byte>();
        var writer = new ThriftCompactWriter(buffer);
        element.Write(ref writer);
        Assert.Equal(bytes, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void ReadLogicalType_IntegerHasI8BitWidth()
    {
        // LogicalType{10: IntType{1: i8 8, 2: true}}
        byte[] bytes = [0x0C, 0x14, 0x13, 0x08, 0x11, 0x00, 0x00];
        var reader = new ThriftCompactReader(bytes);
        var logical = LogicalType.Read(ref reader);
        Assert.Equal(new IntLogicalType(8, true), logical.Integer);
    }

    [Fact]
    public void ReadLogicalType_UnknownMemberWithPayload_IsRecognisedAsUnrecognised()
    {
        // LogicalType{25: SomeFutureType{1: "x", 2: list<i32>[1,2]}}
        byte[] bytes = [0x0C, 0x32, 0x18, 0x01, 0x78, 0x19, 0x25, 0x02, 0x04, 0x00, 0x00];
        var reader = new ThriftCompactReader(bytes);
        var logical = LogicalType.Read(ref reader);
        Assert.Equal(LogicalTypeKind.Unrecognized, logical.Kind);
        Assert.Equal(25, logical.FieldId);
        Assert.False(logical.IsInterpreted);
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Fact]
    public void ReadLogicalType_VariantWithSpecificationVersion_IsVariant()
    {
        // LogicalType{16: VariantType{1: i8 1}}
        byte[] bytes = [0x0C, 0x20, 0x13, 0x01, 0x00, 0x00];
        var reader = new ThriftCompactReader(bytes);
        Assert.Equal(LogicalTypeKind.Variant, LogicalType.Read(ref reader).Kind);
    }

    [Fact]
    public void ReadLogicalType_EmptyUnion_Throws()
    {
        Assert.Throws<ParquetFormatException>(() =>
        {
            var reader = new ThriftCompactReader(new byte[] { 0x00 });
            LogicalType.Read(ref reader);
        });
    }

    [Fact]
    public void ReadKeyValue_SkipsUnknownFieldsAroundKnownOnes()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new ThriftCompactWriter(buffer);
        var s = w.BeginStruct();
        w.WriteStringField(1, "key");
        // unknown 3: list<struct{1: i64, 2: bool}> of 2
        w.WriteFieldHeader(ThriftType.List, 3);
        w.WriteListHeader(ThriftType.Struct, 2);
        for (var i = 0; i < 2; i++)
        {
            var e = w.BeginStruct();
            w.WriteI64Field(1, -i);
            w.WriteBoolField(2, i == 0);
            w.EndStruct(e);
        }
        // unknown 4: map<string, double>, 5: bool, 6: set<binary>
        w.WriteFieldHeader(ThriftType.Map, 4);
        w.WriteMapHeader(ThriftType.Binary, ThriftType.Double, 1);
        w.WriteString("pi");
        w.WriteDouble(3.14);
        w.WriteBoolField(5, true);
        w.WriteFieldHeader(ThriftType.Set, 6);
        w.WriteListHeader(ThriftType.Binary, 1);
        w.WriteBinary([1, 2, 3]);
        // known 2 after unknown ones (long-form header, since 2 < 6)
        w.WriteStringField(2, "value");
        // unknown 300 (long form) i64
        w.WriteI64Field(300, 7);
        w.EndStruct(s);

        var bytes = buffer.WrittenSpan.ToArray();
        var reader = new ThriftCompactReader(bytes);
        var kv = KeyValue.Read(ref reader);
        Assert.Equal("key", kv.Key);
        Assert.Equal("value", kv.Value);
        Assert.Equal(bytes.Length, reader.Position);
    }

    [Fact]
    public void ParseFileMetaData_UnknownFieldsAtEveryLevel_AreIgnored()
    {
        var expected = new RandomMetadata(3).FileMetaData();
        expected.RowGroups = [new RandomMetadata(4).RowGroup()];
        expected.RowGroups[0].Columns = [new ColumnChunk { FileOffset = 4, MetaData = new RandomMetadata(5).ColumnMetaData() }];

        // Re-encode by hand with extra fields: FileMetaData.50, RowGroup.20, ColumnChunk.15, ColumnMetaData.16 (size_statistics).
        var buffer = new ArrayBufferWriter<byte>();
        var w = new ThriftCompactWriter(buffer);
        var f = w.BeginStruct();
        w.WriteI32Field(1, expected.Version);
        w.WriteFieldHeader(ThriftType.List, 2);
        w.WriteListHeader(ThriftType.Struct, expected.Schema.Count);
        foreach (var e in expected.Schema) e.Write(ref w);
        w.WriteI64Field(3, expected.NumRows);
        w.WriteFieldHeader(ThriftType.List, 4);
        w.WriteListHeader(ThriftType.Struct, 1);
        var rg = expected.RowGroups[0];
        var g = w.BeginStruct();
        w.WriteFieldHeader(ThriftType.List, 1);
        w.WriteListHeader(ThriftType.Struct, 1);
        var c = w.BeginStruct();
        w.WriteI64Field(2, 4);
        w.WriteFieldHeader(ThriftType.Struct, 3);
        WriteColumnMetaDataWithSizeStatistics(ref w, rg.Columns[0].MetaData!);
        w.WriteStringField(15, "future");
        w.EndStruct(c);
        w.WriteI64Field(2, rg.TotalByteSize);
        w.WriteI64Field(3, rg.NumRows);
        if (rg.SortingColumns is not null)
        {
            w.WriteFieldHeader(ThriftType.List, 4);
            w.WriteListHeader(ThriftType.Struct, rg.SortingColumns.Count);
            foreach (var sc in rg.SortingColumns) sc.Write(ref w);
        }
        if (rg.FileOffset is { } fo) w.WriteI64Field(5, fo);
        if (rg.TotalCompressedSize is { } tcs) w.WriteI64Field(6, tcs);
        if (rg.Ordinal is { } ord) w.WriteI16Field(7, ord);
        w.WriteFieldHeader(ThriftType.Struct, 20);
        var u = w.BeginStruct();
        w.WriteDoubleField(1, 1.5);
        w.EndStruct(u);
        w.EndStruct(g);
        if (expected.KeyValueMetadata is not null)
        {
            w.WriteFieldHeader(ThriftType.List, 5);
            w.WriteListHeader(ThriftType.Struct, expected.KeyValueMetadata.Count);
            foreach (var kv in expected.KeyValueMetadata) kv.Write(ref w);
        }
        if (expected.CreatedBy is not null) w.WriteStringField(6, expected.CreatedBy);
        if (expected.ColumnOrders is not null)
        {
            w.WriteFieldHeader(ThriftType.List, 7);
            w.WriteListHeader(ThriftType.Struct, expected.ColumnOrders.Count);
            foreach (var co in expected.ColumnOrders) co.Write(ref w);
        }
        w.WriteBinaryField(50, [9, 9, 9]);
        w.EndStruct(f);

        var actual = ParquetFooter.ParseFileMetaData(buffer.WrittenSpan);
        MetadataAssert.Equal(expected, actual);
    }

    private static void WriteColumnMetaDataWithSizeStatistics(ref ThriftCompactWriter w, ColumnMetaData m)
    {
        var s = w.BeginStruct();
        w.WriteI32Field(1, (int)m.Type);
        w.WriteFieldHeader(ThriftType.List, 2);
        w.WriteListHeader(ThriftType.I32, m.Encodings.Count);
        foreach (var e in m.Encodings) w.WriteI32((int)e);
        w.WriteFieldHeader(ThriftType.List, 3);
        w.WriteListHeader(ThriftType.Binary, m.PathInSchema.Count);
        foreach (var p in m.PathInSchema) w.WriteString(p);
        w.WriteI32Field(4, (int)m.Codec);
        w.WriteI64Field(5, m.NumValues);
        w.WriteI64Field(6, m.TotalUncompressedSize);
        w.WriteI64Field(7, m.TotalCompressedSize);
        if (m.KeyValueMetadata is not null)
        {
            w.WriteFieldHeader(ThriftType.List, 8);
            w.WriteListHeader(ThriftType.Struct, m.KeyValueMetadata.Count);
            foreach (var kv in m.KeyValueMetadata) kv.Write(ref w);
        }
        w.WriteI64Field(9, m.DataPageOffset);
        if (m.IndexPageOffset is { } ipo) w.WriteI64Field(10, ipo);
        if (m.DictionaryPageOffset is { } dpo) w.WriteI64Field(11, dpo);
        if (m.Statistics is not null)
        {
            w.WriteFieldHeader(ThriftType.Struct, 12);
            m.Statistics.Write(ref w);
        }
        if (m.EncodingStats is not null)
        {
            w.WriteFieldHeader(ThriftType.List, 13);
            w.WriteListHeader(ThriftType.Struct, m.EncodingStats.Count);
            foreach (var es in m.EncodingStats) es.Write(ref w);
        }
        if (m.BloomFilterOffset is { } bfo) w.WriteI64Field(14, bfo);
        if (m.BloomFilterLength is { } bfl) w.WriteI32Field(15, bfl);
        // 16: SizeStatistics{1: i64, 2: list<i64>, 3: list<i64>}
        w.WriteFieldHeader(ThriftType.Struct, 16);
        var ss = w.BeginStruct();
        w.WriteI64Field(1, 123);
        w.WriteFieldHeader(ThriftType.List, 2);
        w.WriteListHeader(ThriftType.I64, 3);
        w.WriteI64(1);
        w.WriteI64(2);
        w.WriteI64(3);
        w.WriteFieldHeader(ThriftType.List, 3);
        w.WriteListHeader(ThriftType.I64, 0);
        w.EndStruct(ss);
        w.EndStruct(s);
    }

    [Fact]
    public void ParseFileMetaData_EncryptionAlgorithmPresent_ReportsEncryptedFilesUnsupported()
    {
        var bytes = ParquetFooter.Serialize(new FileMetaData()).AsSpan(..^1).ToArray().ToList();
        // append 8: EncryptionAlgorithm{1: AesGcmV1{}} (long-form header since the last field was 4) then stop
        bytes.AddRange([0x0C, 0x10, 0x1C, 0x00, 0x00, 0x00]);
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetFooter.ParseFileMetaData(bytes.ToArray()));
        Assert.Equal("encrypted Parquet files are not supported", ex.Message);
    }

    [Fact]
    public void ParseFileMetaData_ColumnCryptoMetadata_ReportsEncryptedFilesUnsupported()
    {
        var metadata = new FileMetaData { RowGroups = [new RowGroup { Columns = [new ColumnChunk()] }] };
        var bytes = ParquetFooter.Serialize(metadata);
        // ColumnChunk is encoded as 0x26 0x00 (2: file_offset 0) 0x00; insert 8: ColumnCryptoMetaData{1: {}} before its stop.
        var chunk = Array.IndexOf(bytes, (byte)0x1C) + 1; // list<struct> of 1
        var index = IndexOfSequence(bytes, [0x26, 0x00, 0x00], chunk);
        var patched = bytes[..(index + 2)].Concat(new byte[] { 0x6C, 0x1C, 0x00, 0x00 }).Concat(bytes[(index + 2)..]).ToArray();
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetFooter.ParseFileMetaData(patched));
        Assert.Equal("encrypted Parquet files are not supported", ex.Message);
    }

    private static int IndexOfSequence(byte[] haystack, byte[] needle, int start)
    {
        for (var i = start; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("sequence not found");
    }

    [Fact]
    public void ParseFileMetaData_EmptyFooterValues_MissingRequiredFieldsAreReported()
    {
        var ex = Assert.Throws<ParquetFormatException>(() => ParquetFooter.ParseFileMetaData(new byte[] { 0x15, 0x02, 0x00 }));
        Assert.Equal("corrupt Thrift data: required field FileMetaData.schema is missing", ex.Message);
    }
}
