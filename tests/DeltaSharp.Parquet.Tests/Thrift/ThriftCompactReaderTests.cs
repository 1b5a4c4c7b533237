using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Tests.Thrift;

/// <summary>Reading hand-built compact-protocol bytes (thrift-compact-protocol.md).</summary>
public class ThriftCompactReaderTests
{
    [Theory]
    [InlineData(new byte[] { 0x00 }, 0)]
    [InlineData(new byte[] { 0x01 }, -1)]
    [InlineData(new byte[] { 0x02 }, 1)]
    [InlineData(new byte[] { 0x03 }, -2)]
    [InlineData(new byte[] { 0xDF, 0x89, 0x03 }, -25200)]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, int.MinValue)]
    [InlineData(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x0F }, int.MaxValue)]
    public void ReadI32_DecodesZigzagVarint(byte[] bytes, int expected)
    {
        var r = new ThriftCompactReader(bytes);
        Assert.Equal(expected, r.ReadI32());
        Assert.Equal(bytes.Length, r.Position);
    }

    [Fact]
    public void ReadI64_DecodesNegativeAndExtremes()
    {
        var r = new ThriftCompactReader(new byte[] { 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x83, 0x01 });
        Assert.Equal(-1L, r.ReadI64());
        Assert.Equal(long.MinValue, r.ReadI64());
        Assert.Equal(-66L, r.ReadI64()); // zigzag 131 = 0x83 0x01
    }

    [Fact]
    public void ReadStruct_FollowsShortAndLongFieldHeaders()
    {
        // field 1 i32 5; field 16 (delta 15) i32 1; field 33 (long form) i32 1; field 20 (long form, backwards) i32 1; stop
        byte[] bytes = [0x15, 0x0A, 0xF5, 0x02, 0x05, 0x42, 0x02, 0x05, 0x28, 0x02, 0x00];
        var r = new ThriftCompactReader(bytes);
        var saved = r.BeginStruct();
        var ids = new List<(short, int)>();
        while (r.ReadFieldHeader(out var type, out var id))
        {
            Assert.Equal(ThriftType.I32, type);
            ids.Add((id, r.ReadI32()));
        }
        r.EndStruct(saved);
        Assert.Equal([(1, 5), (16, 1), (33, 1), (20, 1)], ids);
        Assert.Equal(bytes.Length, r.Position);
    }

    [Fact]
    public void ReadBoolFields_TakeTheValueFromTheHeader()
    {
        var r = new ThriftCompactReader(new byte[] { 0x11, 0x12, 0x00 });
        var saved = r.BeginStruct();
        Assert.True(r.ReadFieldHeader(out var t1, out var id1));
        Assert.Equal((ThriftType.Bool, (short)1), (t1, id1));
        Assert.True(r.ReadBool());
        Assert.True(r.ReadFieldHeader(out var t2, out var id2));
        Assert.Equal((ThriftType.Bool, (short)2), (t2, id2));
        Assert.False(r.ReadBool());
        Assert.False(r.ReadFieldHeader(out _, out _));
        r.EndStruct(saved);
        Assert.Equal(3, r.Position);
    }

    [Fact]
    public void ReadNestedListOfStructs_RestoresFieldIdsAfterEachStruct()
    {
        // field 2: list<struct> of 2: {1: i32 1}, {1: i32 2}; field 3 (delta 1 from 2): i32 -3; stop
        byte[] bytes = [0x29, 0x2C, 0x15, 0x02, 0x00, 0x15, 0x04, 0x00, 0x15, 0x05, 0x00];
        var r = new ThriftCompactReader(bytes);
        var saved = r.BeginStruct();
        Assert.True(r.ReadFieldHeader(out var type, out var id));
        Assert.Equal((ThriftType.List, (short)2), (type, id));
        var count = r.ReadListHeader(out var elem);
        Assert.Equal((2, ThriftType.Struct), (count, elem));
        var values = new List<int>();
        for (var i = 0; i < count; i++)
        {
            var s = r.BeginStruct();
            Assert.True(r.ReadFieldHeader(out _, out var inner));
            Assert.Equal(1, inner);
            values.Add(r.ReadI32());
            Assert.False(r.ReadFieldHeader(out _, out _));
            r.EndStruct(s);
        }
        Assert.Equal([1, 2], values);
        Assert.True(r.ReadFieldHeader(out type, out id));
        Assert.Equal((ThriftType.I32, (short)3), (type, id));
        Assert.Equal(-3, r.ReadI32());
        Assert.False(r.ReadFieldHeader(out _, out _));
        r.EndStruct(saved);
    }

    [Fact]
    public void ReadListHeader_LongForm()
    {
        var bytes = new byte[3 + 150];
        bytes[0] = 0xF5;
        bytes[1] = 0x96;
        bytes[2] = 0x01;
        var r = new ThriftCompactReader(bytes);
        Assert.Equal(150, r.ReadListHeader(out var elem));
        Assert.Equal(ThriftType.I32, elem);
    }

    [Theory]
    [InlineData((byte)0x21)] // element type 1 (what Java/C++ write)
    [InlineData((byte)0x22)] // element type 2 (what the spec says)
    public void ReadBoolList_AcceptsBothElementTypeCodesAndValueEncodings(byte header)
    {
        var r = new ThriftCompactReader(new byte[] { header, 0x01, 0x02, 0x00 });
        Assert.Equal(2, r.ReadListHeader(out var elem));
        Assert.Equal(ThriftType.Bool, elem);
        Assert.True(r.ReadBool());
        Assert.False(r.ReadBool());
        Assert.False(r.ReadBool()); // the spec's 0 for false
    }

    [Fact]
    public void ReadMapHeader_EmptyAndNonEmpty()
    {
        var r = new ThriftCompactReader(new byte[] { 0x00, 0x02, 0x85, 0x01, 0x61, 0x02, 0x01, 0x62, 0x04 });
        Assert.Equal(0, r.ReadMapHeader(out _, out _));
        Assert.Equal(2, r.ReadMapHeader(out var k, out var v));
        Assert.Equal((ThriftType.Binary, ThriftType.I32), (k, v));
        Assert.Equal("a", r.ReadString());
        Assert.Equal(1, r.ReadI32());
        Assert.Equal("b", r.ReadString());
        Assert.Equal(2, r.ReadI32());
    }

    [Fact]
    public void ReadBinary_LengthBeyondData_NamesTheLength()
    {
        var ex = Assert.Throws<ParquetFormatException>(() =>
        {
            var r = new ThriftCompactReader(new byte[] { 0x05, 0x61 });
            r.ReadBinary();
        });
        Assert.Contains("binary length 5 exceeds the 1 remaining bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDoubleAndBinary()
    {
        var r = new ThriftCompactReader(new byte[] { 0, 0, 0, 0, 0, 0, 0xF0, 0xBF, 0x02, 0xC3, 0xA9 });
        Assert.Equal(-1.0, r.ReadDouble());
        Assert.Equal("é", r.ReadString());
    }

    [Fact]
    public void Skip_PassesOverEveryTypeIncludingNestedContainers()
    {
        byte[] bytes =
        [
            0x11,                               // 1: bool true
            0x13, 0x7F,                         // 2: byte
            0x14, 0x03,                         // 3: i16
            0x16, 0x01,                         // 4: i64
            0x17, 0, 0, 0, 0, 0, 0, 0, 0,       // 5: double
            0x18, 0x02, 0x68, 0x69,             // 6: binary "hi"
            0x19, 0x2C, 0x15, 0x02, 0x00, 0x00, // 7: list<struct> [ {1: 1}, {} ]
            0x1A, 0x15, 0x02,                   // 8: set<i32> {1}
            0x1B, 0x01, 0x89, 0x01, 0x61, 0x11, 0x01, // 9: map<binary, list<bool>> { "a": [true] }
            0x1D, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, // 10: uuid
            0x1C, 0x1C, 0x1C, 0x00, 0x00, 0x00, // 11: struct{struct{struct{}}}
            0x00,
        ];
        var r = new ThriftCompactReader(bytes);
        var saved = r.BeginStruct();
        var seen = 0;
        while (r.ReadFieldHeader(out var type, out _))
        {
            r.Skip(type);
            seen++;
        }
        r.EndStruct(saved);
        Assert.Equal(11, seen);
        Assert.Equal(bytes.Length, r.Position);
    }

    [Fact]
    public void TryMeasureStruct_ReturnsFalseForEveryPrefix_AndTheLengthForTheWhole()
    {
        byte[] bytes = [0x15, 0x02, 0x19, 0x2C, 0x15, 0x02, 0x00, 0x18, 0x01, 0x61, 0x00, 0x11, 0x00];
        for (var n = 0; n < bytes.Length; n++)
            Assert.False(ThriftCompactReader.TryMeasureStruct(bytes.AsSpan(0, n), out _), $"prefix of {n} bytes");
        var extended = bytes.Concat(new byte[] { 0xAA, 0xBB }).ToArray();
        Assert.True(ThriftCompactReader.TryMeasureStruct(extended, out var length));
        Assert.Equal(bytes.Length, length);
    }

    [Theory]
    [InlineData(new byte[] { 0x0E, 0x02 }, "unknown field type 14")]
    [InlineData(new byte[] { 0x1F }, "unknown field type 15")]
    [InlineData(new byte[] { 0x15 }, "unexpected end of data")]
    [InlineData(new byte[] { 0x15, 0x80 }, "unexpected end of data")]
    [InlineData(new byte[] { 0x15, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F }, "varint too long")]
    [InlineData(new byte[] { 0x18, 0x05, 0x61 }, "unexpected end of data")]
    [InlineData(new byte[] { 0x19, 0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07 }, "unexpected end of data")]
    [InlineData(new byte[] { 0x19, 0x3E }, "unknown element type 14")]
    [InlineData(new byte[] { 0x19, 0x21, 0x07, 0x00 }, "invalid bool value")]
    [InlineData(new byte[] { 0x1B, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x55 }, "unexpected end of data")]
    [InlineData(new byte[] { 0x1B, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x55 }, "negative element count")]
    [InlineData(new byte[] { 0x05, 0x80, 0x80, 0x08, 0x00 }, "i16 value out of range")]
    public void Skip_OnMalformedInput_ThrowsCorruptThriftData(byte[] bytes, string expected)
    {
        var ex = Assert.Throws<ParquetFormatException>(() =>
        {
            var r = new ThriftCompactReader(bytes);
            var saved = r.BeginStruct();
            while (r.ReadFieldHeader(out var type, out _)) r.Skip(type);
            r.EndStruct(saved);
        });
        Assert.StartsWith("corrupt Thrift data: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadListHeader_CountLargerThanRemainingBytes_ThrowsBeforeAllocating()
    {
        var ex = Assert.Throws<ParquetFormatException>(() =>
        {
            var r = new ThriftCompactReader(new byte[] { 0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00, 0x00 });
            r.ReadListHeader(out _);
        });
        Assert.Contains("collection of 2147483647 elements exceeds the 2 remaining bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_DeeplyNestedStructs_ThrowsInsteadOfOverflowingTheStack()
    {
        // 10 000 nested struct fields: 0x1C repeated; far beyond the depth limit.
        var bytes = Enumerable.Repeat((byte)0x1C, 10_000).Concat(Enumerable.Repeat((byte)0x00, 10_001)).ToArray();
        var ex = Assert.Throws<ParquetFormatException>(() =>
        {
            var r = new ThriftCompactReader(bytes);
            r.Skip(ThriftType.Struct);
        });
        Assert.Contains("nesting deeper than 64", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ParquetFormatException>(() => ThriftCompactReader.TryMeasureStruct(bytes, out _));
    }

    [Fact]
    public void BeginStruct_BeyondMaxDepth_Throws()
    {
        Assert.Throws<ParquetFormatException>(() =>
        {
            var r = new ThriftCompactReader(new byte[1]);
            for (var i = 0; i <= ThriftCompactReader.MaxDepth; i++) r.BeginStruct();
        });
    }

    [Fact]
    public void ExpectType_Mismatch_NamesFieldAndTypes()
    {
        var ex = Assert.Throws<ParquetFormatException>(() =>
        {
            var r = new ThriftCompactReader(new byte[] { 0x18, 0x00, 0x00 });
            r.BeginStruct();
            r.ReadFieldHeader(out var type, out _);
            r.ExpectType(type, ThriftType.I32);
        });
        Assert.Contains("field 1 has wire type Binary, expected I32", ex.Message, StringComparison.Ordinal);
    }
}
