using System.Buffers.Binary;
using DeltaSharp.Tables.DeletionVectors;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Tables.Tests.DeletionVectors;

public sealed class RoaringBitmapArrayFormatTests
{
    [Fact]
    public void Deserialize_ProtocolInlineExample_GivesDocumentedRows()
    {
        // PROTOCOL.md "JSON Example 3 — Inline": the row indexes are 3, 4, 7, 11, 18, 29.
        var bytes = Z85.Decode("wi5b=000010000siXQKl0rr91000f55c8Xg0@@D72lkbi5=-{L", 40);
        var rows = RoaringBitmapArrayFormat.Deserialize(bytes);
        Assert.Equal([3L, 4, 7, 11, 18, 29], rows.ToArray());
        Assert.Equal(6, rows.Cardinality);
    }

    [Fact]
    public void Deserialize_NativeLittleEndianLayout_ReadsDenseBitmaps()
    {
        // delta-spark's native layout: magic 1681511376, int32 count, then per high key (0, 1, ...) int32 size + bitmap.
        var b = new List<byte>();
        Add32(b, 1681511376);
        Add32(b, 2);
        foreach (var low in new ushort[] { 7, 8 })
        {
            Add32(b, 18); // cookie 4 + count 4 + header 4 + offset 4 + one value 2
            Add32(b, 12346); Add32(b, 1); Add16(b, 0); Add16(b, 0); Add32(b, 16); Add16(b, low);
        }
        Assert.Equal([7L, (1L << 32) + 8], RoaringBitmapArrayFormat.Deserialize(b.ToArray()).ToArray());
    }

    [Fact]
    public void Deserialize_RunContainer_ExpandsRuns()
    {
        // RoaringFormatSpec: runs (1,10) (20,0) (31,2) = 1..11, 20, 31..33. One container, cookie 12347, no offsets.
        var b = new List<byte>();
        Add32(b, 1681511377);
        Add64(b, 1); // one bucket
        Add32(b, 0); // high key 0
        Add32(b, 12347 | (0u << 16)); // SERIAL_COOKIE, 1 container
        b.Add(0b1); // container 0 is a run container
        Add16(b, 0); Add16(b, 14 - 1); // key 0, cardinality 14
        Add16(b, 3); // 3 runs
        Add16(b, 1); Add16(b, 10); Add16(b, 20); Add16(b, 0); Add16(b, 31); Add16(b, 2);
        var rows = RoaringBitmapArrayFormat.Deserialize(b.ToArray());
        long[] expected = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 20, 31, 32, 33];
        Assert.Equal(expected, rows.ToArray());
    }

    [Fact]
    public void Deserialize_BitsetContainer_ReadsWordsLittleEndian()
    {
        // 5000 values (> 4096, so a bitset): all even numbers 0..9998, in bucket 1 (row = 2^32 + v).
        var b = new List<byte>();
        Add32(b, 1681511377);
        Add64(b, 1);
        Add32(b, 1); // high key 1
        Add32(b, 12346); // SERIAL_COOKIE_NO_RUNCONTAINER
        Add32(b, 1); // one container
        Add16(b, 0); Add16(b, 5000 - 1);
        Add32(b, 16); // offset of the container from the cookie
        var words = new ulong[1024];
        for (var v = 0; v < 10000; v += 2) words[v >> 6] |= 1UL << (v & 63);
        foreach (var w in words) Add64(b, w);
        var rows = RoaringBitmapArrayFormat.Deserialize(b.ToArray());
        Assert.Equal(5000, rows.Cardinality);
        Assert.True(rows.Contains((1L << 32) + 9998));
        Assert.False(rows.Contains((1L << 32) + 9999));
        Assert.False(rows.Contains(9998));
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (1L << 32) + 2L * i), rows);
    }

    [Fact]
    public void Deserialize_BadMagic_ThrowsCorrupt()
    {
        var bytes = RoaringBitmapArrayFormat.Serialize(RoaringBitmapArray.Create([1, 2, 3]));
        bytes[3] ^= 0x10; // (flipping the lowest bit would give the native magic 1681511376)
        var e = Assert.Throws<DeltaException>(() => RoaringBitmapArrayFormat.Deserialize(bytes));
        Assert.Equal("DELTA_DELETION_VECTOR_CORRUPT", e.ErrorClass);
        Assert.Contains("magic", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_EveryTruncation_ThrowsCorruptNotIndexOutOfRange()
    {
        var set = RoaringBitmapArray.Create(Enumerable.Range(0, 6000).Select(i => (long)i * 3).Concat([1L << 33, (1L << 33) + 1]));
        var bytes = RoaringBitmapArrayFormat.Serialize(set);
        for (var n = 0; n < bytes.Length; n++)
        {
            var e = Assert.Throws<DeltaException>(() => RoaringBitmapArrayFormat.Deserialize(bytes.AsSpan(0, n)));
            Assert.Equal("DELTA_DELETION_VECTOR_CORRUPT", e.ErrorClass);
        }
    }

    [Fact]
    public void Deserialize_RandomByteFlips_NeverThrowsAnythingButDeltaException()
    {
        var set = RoaringBitmapArray.Create(Enumerable.Range(0, 300).Select(i => (long)i * 7).Concat(Enumerable.Range(70000, 5000).Select(i => (long)i)));
        var bytes = RoaringBitmapArrayFormat.Serialize(set);
        var rng = new Random(11);
        for (var round = 0; round < 2000; round++)
        {
            var copy = (byte[])bytes.Clone();
            copy[rng.Next(copy.Length)] = (byte)rng.Next(256);
            try
            {
                RoaringBitmapArrayFormat.Deserialize(copy);
            }
            catch (DeltaException)
            {
            }
        }
    }

    [Fact]
    public void SerializeDeserialize_RandomSets_RoundTrip()
    {
        // Sets mixing sparse values, dense ranges (bitsets, runs) and several 32-bit buckets.
        var gen =
            from sparse in Gen.ArrayOf(Gen.Choose(0, 200_000).Select(i => (long)i))
            from rangeStart in Gen.Choose(0, 1 << 20)
            from rangeLength in Gen.Choose(0, 70_000)
            from high in Gen.Elements(0L, 1L << 32, 5L << 32, (long)int.MaxValue << 32)
            select sparse.Concat(Enumerable.Range(rangeStart, rangeLength).Select(i => (long)i)).Select(v => v + high).ToArray();
        Prop.ForAll(gen.ToArbitrary(), values =>
        {
            var set = RoaringBitmapArray.Create(values);
            var expected = values.Distinct().Order().ToArray();
            Assert.Equal(expected.LongLength, set.Cardinality);
            Assert.Equal(expected, set.ToArray());
            var back = RoaringBitmapArrayFormat.Deserialize(RoaringBitmapArrayFormat.Serialize(set));
            Assert.Equal(expected, back.ToArray());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Serialize_ArrayOnly_UsesNoRunCookieAndOffsets()
    {
        // Hand-checked layout for {0, 9}: exactly the bytes of the corpus' table-with-dv-small DV.
        var bytes = RoaringBitmapArrayFormat.Serialize(RoaringBitmapArray.Create([0, 9]));
        var expected = Convert.FromHexString(
            "d1d33964" + "0100000000000000" + "00000000" // magic, one bucket, high key 0
            + "3a300000" + "01000000" + "00000100" + "10000000" // cookie 12346, one container, key 0 / card-1 1, offset 16
            + "0000" + "0900"); // values 0 and 9
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Serialize_ContiguousRange_IsSmallRunContainer()
    {
        var set = RoaringBitmapArray.Create(Enumerable.Range(0, 60_000).Select(i => (long)i));
        var bytes = RoaringBitmapArrayFormat.Serialize(set);
        // magic 4 + buckets 8 + key 4 + cookie 4 + run flags 1 + header 4 + one run (2 + 4) = 31
        Assert.Equal(31, bytes.Length);
        Assert.Equal(12347u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16)) & 0xFFFF);
    }

    private static void Add16(List<byte> b, ushort v) { b.Add((byte)v); b.Add((byte)(v >> 8)); }
    private static void Add32(List<byte> b, uint v) { for (var i = 0; i < 4; i++) b.Add((byte)(v >> (8 * i))); }
    private static void Add64(List<byte> b, ulong v) { for (var i = 0; i < 8; i++) b.Add((byte)(v >> (8 * i))); }
}
