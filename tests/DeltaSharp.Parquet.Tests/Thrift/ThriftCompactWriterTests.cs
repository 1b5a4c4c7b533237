using System.Buffers;
using DeltaSharp.Parquet.Thrift;

namespace DeltaSharp.Parquet.Tests.Thrift;

/// <summary>Byte vectors worked out by hand from thrift-compact-protocol.md.</summary>
public class ThriftCompactWriterTests
{
    private delegate void WriteAction(ref ThriftCompactWriter writer);

    private static byte[] Write(WriteAction action)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new ThriftCompactWriter(buffer);
        action(ref writer);
        return buffer.WrittenSpan.ToArray();
    }

    [Fact]
    public void WriteI32_SpecVarintExample_Encodes50399AsDF8903()
    {
        // The spec's varint example is the unsigned 50399; zigzag(-25200) = 50399.
        Assert.Equal(new byte[] { 0xDF, 0x89, 0x03 }, Write((ref ThriftCompactWriter w) => w.WriteI32(-25200)));
    }

    [Theory]
    [InlineData(0, new byte[] { 0x00 })]
    [InlineData(-1, new byte[] { 0x01 })]
    [InlineData(1, new byte[] { 0x02 })]
    [InlineData(-2, new byte[] { 0x03 })]
    [InlineData(2, new byte[] { 0x04 })]
    [InlineData(63, new byte[] { 0x7E })]
    [InlineData(-64, new byte[] { 0x7F })]
    [InlineData(64, new byte[] { 0x80, 0x01 })]
    [InlineData(int.MaxValue, new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0x0F })]
    [InlineData(int.MinValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })]
    public void WriteI32_UsesZigzagVarint(int value, byte[] expected)
    {
        Assert.Equal(expected, Write((ref ThriftCompactWriter w) => w.WriteI32(value)));
    }

    [Fact]
    public void WriteI64_ExtremesTakeTenBytes()
    {
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 },
            Write((ref ThriftCompactWriter w) => w.WriteI64(long.MinValue)));
        Assert.Equal(new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 },
            Write((ref ThriftCompactWriter w) => w.WriteI64(long.MaxValue)));
    }

    [Fact]
    public void WriteDouble_IsLittleEndian()
    {
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0xF0, 0x3F }, Write((ref ThriftCompactWriter w) => w.WriteDouble(1.0)));
    }

    [Fact]
    public void WriteString_IsVarintLengthThenUtf8()
    {
        Assert.Equal(new byte[] { 0x03, (byte)'a', (byte)'b', (byte)'c' }, Write((ref ThriftCompactWriter w) => w.WriteString("abc")));
        Assert.Equal(new byte[] { 0x02, 0xC3, 0xA9 }, Write((ref ThriftCompactWriter w) => w.WriteString("é")));
        Assert.Equal(new byte[] { 0x00 }, Write((ref ThriftCompactWriter w) => w.WriteString("")));
    }

    [Fact]
    public void FieldHeaders_UseDeltaShortFormUpTo15_AndLongFormOtherwise()
    {
        var bytes = Write((ref ThriftCompactWriter w) =>
        {
            var s = w.BeginStruct();
            w.WriteI32Field(1, 5);     // delta 1: 0x15, zigzag(5) = 10
            w.WriteI32Field(16, 1);    // delta 15: 0xF5
            w.WriteI32Field(33, 1);    // delta 17: long form 0x05 then zigzag(33) = 66 = 0x42
            w.WriteI32Field(20, 1);    // backwards: long form 0x05, zigzag(20) = 40 = 0x28
            w.EndStruct(s);
        });
        Assert.Equal(new byte[] { 0x15, 0x0A, 0xF5, 0x02, 0x05, 0x42, 0x02, 0x05, 0x28, 0x02, 0x00 }, bytes);
    }

    [Fact]
    public void BoolFields_CarryTheValueInTheTypeNibble()
    {
        var bytes = Write((ref ThriftCompactWriter w) =>
        {
            var s = w.BeginStruct();
            w.WriteBoolField(1, true);  // type 1 = BOOLEAN_TRUE
            w.WriteBoolField(2, false); // type 2 = BOOLEAN_FALSE
            w.EndStruct(s);
        });
        Assert.Equal(new byte[] { 0x11, 0x12, 0x00 }, bytes);
    }

    [Fact]
    public void NestedStruct_RestoresOuterFieldIdContext()
    {
        var bytes = Write((ref ThriftCompactWriter w) =>
        {
            var outer = w.BeginStruct();
            w.WriteFieldHeader(ThriftType.Struct, 1);           // 0x1C
            var inner = w.BeginStruct();
            w.WriteI32Field(5, 1);                              // 0x55 0x02
            w.EndStruct(inner);                                 // 0x00
            w.WriteI32Field(2, 2);                              // delta from 1, not 5: 0x15 0x04
            w.EndStruct(outer);
        });
        Assert.Equal(new byte[] { 0x1C, 0x55, 0x02, 0x00, 0x15, 0x04, 0x00 }, bytes);
    }

    [Fact]
    public void ListHeader_ShortFormBelow15_LongFormFrom15()
    {
        Assert.Equal(new byte[] { 0x25 }, Write((ref ThriftCompactWriter w) => w.WriteListHeader(ThriftType.I32, 2)));
        Assert.Equal(new byte[] { 0xE8 }, Write((ref ThriftCompactWriter w) => w.WriteListHeader(ThriftType.Binary, 14)));
        Assert.Equal(new byte[] { 0xFC, 0x0F }, Write((ref ThriftCompactWriter w) => w.WriteListHeader(ThriftType.Struct, 15)));
        Assert.Equal(new byte[] { 0xF5, 0x96, 0x01 }, Write((ref ThriftCompactWriter w) => w.WriteListHeader(ThriftType.I32, 150)));
    }

    [Fact]
    public void MapHeader_EmptyIsOneZeroByte_OtherwiseCountThenTypes()
    {
        Assert.Equal(new byte[] { 0x00 }, Write((ref ThriftCompactWriter w) => w.WriteMapHeader(ThriftType.Binary, ThriftType.I32, 0)));
        Assert.Equal(new byte[] { 0x03, 0x85 }, Write((ref ThriftCompactWriter w) => w.WriteMapHeader(ThriftType.Binary, ThriftType.I32, 3)));
    }

    [Fact]
    public void BoolListElements_AreOneByteEach()
    {
        var bytes = Write((ref ThriftCompactWriter w) =>
        {
            w.WriteListHeader(ThriftType.Bool, 2);
            w.WriteBool(true);
            w.WriteBool(false);
        });
        Assert.Equal(new byte[] { 0x21, 0x01, 0x02 }, bytes);
    }
}
