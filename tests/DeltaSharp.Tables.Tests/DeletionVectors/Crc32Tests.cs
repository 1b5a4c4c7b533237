using DeltaSharp.Tables.DeletionVectors;

namespace DeltaSharp.Tables.Tests.DeletionVectors;

public sealed class Crc32Tests
{
    [Fact]
    public void Compute_CheckValue_IsCbf43926()
    {
        // The CRC-32/ISO-HDLC check value for "123456789".
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));
        Assert.Equal(0u, Crc32.Compute([]));
    }

    [Fact]
    public void Compute_SlicedTable_EqualsBitwiseScalar()
    {
        var rng = new Random(3);
        for (var n = 0; n < 200; n += 7)
        {
            var data = new byte[n];
            rng.NextBytes(data);
            Assert.Equal(Bitwise(data), Crc32.Compute(data));
        }
    }

    private static uint Bitwise(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
