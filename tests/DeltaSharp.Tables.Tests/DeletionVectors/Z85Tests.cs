using DeltaSharp.Tables.DeletionVectors;

namespace DeltaSharp.Tables.Tests.DeletionVectors;

public sealed class Z85Tests
{
    [Fact]
    public void Encode_RfcExample_IsHelloWorld()
    {
        // ZeroMQ RFC 32 test vector.
        byte[] bytes = [0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B];
        Assert.Equal("HelloWorld", Z85.Encode(bytes));
        Assert.Equal(bytes, Z85.Decode("HelloWorld", 8));
    }

    [Fact]
    public void DecodeUuid_ProtocolExample_GivesCanonicalUuid()
    {
        // PROTOCOL.md "JSON Example 1": "ab^-aqEH.-t@S}K{vb[*k^" = prefix "ab" + d2c639aa-8816-431a-aaf6-d3fe2512ff61.
        Assert.Equal(Guid.Parse("d2c639aa-8816-431a-aaf6-d3fe2512ff61"), Z85.DecodeUuid("^-aqEH.-t@S}K{vb[*k^"));
    }

    [Fact]
    public void DecodeUuid_CorpusDescriptor_MatchesDvFileName()
    {
        // table-with-dv-small: descriptor "vBn[lx{q8@P<9BNH/isA" and file deletion_vector_61d16c75-6994-46b7-a15b-8b538852e50e.bin.
        Assert.Equal(Guid.Parse("61d16c75-6994-46b7-a15b-8b538852e50e"), Z85.DecodeUuid("vBn[lx{q8@P<9BNH/isA"));
    }

    [Fact]
    public void EncodeUuid_RoundTrips()
    {
        var g = Guid.Parse("d2c639aa-8816-431a-aaf6-d3fe2512ff61");
        Assert.Equal("^-aqEH.-t@S}K{vb[*k^", Z85.EncodeUuid(g));
    }

    [Fact]
    public void Decode_PaddedTail_TakesTheZ85CrateConvention()
    {
        // "##093": two '#' = two bytes missing; "093" = 0·85² + 9·85 + 3 = 768 = bytes 03 00.
        var bytes = Z85.Decode("HelloWorld##093", 10);
        Assert.Equal(new byte[] { 0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B, 0x03, 0x00 }, bytes);
    }

    [Fact]
    public void Decode_UnpaddedLengthShorterThanBlocks_TruncatesZeroPadding()
    {
        // Delta pads to 4 bytes with zeros; sizeInBytes keeps the true length.
        var text = Z85.Encode([1, 2, 3, 4, 5]);
        Assert.Equal(10, text.Length);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, Z85.Decode(text, 5));
    }

    [Theory]
    [InlineData("Hello Worl")] // space is not a Z85 digit
    [InlineData("HelloWorl")] // not a multiple of 5
    [InlineData("#####Hello")] // a non-final block above 2^32-1
    [InlineData("Hello####0")] // more than 3 tail pads
    [InlineData("Hello\u00e9orld")]
    public void Decode_BadText_ThrowsCorrupt(string text)
    {
        var e = Assert.Throws<DeltaException>(() => Z85.Decode(text, 4));
        Assert.Equal("DELTA_DELETION_VECTOR_CORRUPT", e.ErrorClass);
    }

    [Fact]
    public void Decode_LengthLongerThanText_ThrowsCorrupt()
    {
        var e = Assert.Throws<DeltaException>(() => Z85.Decode("HelloWorld", 9));
        Assert.Equal("DELTA_DELETION_VECTOR_CORRUPT", e.ErrorClass);
    }

    [Fact]
    public void EncodeDecode_RandomBytes_RoundTrip()
    {
        var rng = new Random(7);
        for (var n = 0; n < 64; n++)
        {
            var bytes = new byte[n];
            rng.NextBytes(bytes);
            Assert.Equal(bytes, Z85.Decode(Z85.Encode(bytes), n));
        }
    }
}
