using System.Buffers;
using System.Buffers.Binary;

namespace DeltaSharp.Tables.DeletionVectors;

/// <summary>
/// The serialized form of a deletion vector (PROTOCOL.md "Deletion Vector Format"): magic number 1681511377 (LE),
/// then the portable 64-bit Roaring layout (RoaringFormatSpec "Extention for 64-bit implementations"): a u64 bucket
/// count, and per bucket (ascending) the upper 32 bits (u32, MSB clear) and a standard 32-bit Roaring bitmap with
/// array, bitset and run containers. Everything little-endian. Thread-safe.
/// </summary>
internal static class RoaringBitmapArrayFormat
{
    public const uint MagicNumber = 1681511377;

    /// <summary>Magic number of delta-spark's older native RoaringBitmapArray layout.</summary>
    public const uint NativeMagicNumber = 1681511376;

    private const uint SerialCookieNoRunContainer = 12346;
    private const uint SerialCookie = 12347;
    private const int NoOffsetThreshold = 4;

    /// <summary>Parses <paramref name="data"/> (magic included), which must be exactly one bitmap. Also reads Delta's
    /// older "native" layout (magic 1681511376: an int32 bitmap count, then per high key 0, 1, … an int32 size and a
    /// 32-bit bitmap), with its header little-endian as delta-spark writes it or big-endian as in PROTOCOL.md's inline
    /// example. Throws DeltaException DELTA_DELETION_VECTOR_CORRUPT naming the first inconsistency.</summary>
    public static RoaringBitmapArray Deserialize(ReadOnlySpan<byte> data)
    {
        var reader = new Reader(data);
        var magic = reader.U32("magic number");
        var keys = new List<ulong>();
        var containers = new List<RoaringContainer>();
        if (magic == MagicNumber) ReadPortable(ref reader, data.Length, keys, containers);
        else if (magic == NativeMagicNumber) ReadNative(ref reader, bigEndian: false, keys, containers);
        else if (BinaryPrimitives.ReverseEndianness(magic) == NativeMagicNumber) ReadNative(ref reader, bigEndian: true, keys, containers);
        else throw Corrupt($"magic number is {magic}, expected {MagicNumber}");
        if (reader.Remaining != 0) throw Corrupt($"{reader.Remaining} unexpected bytes after the bitmap");
        return new RoaringBitmapArray([.. keys], [.. containers]);
    }

    private static void ReadPortable(ref Reader reader, int length, List<ulong> keys, List<RoaringContainer> containers)
    {
        var buckets = reader.U64("bucket count");
        // Every bucket takes at least 12 bytes (key, cookie, container count).
        if (buckets > (ulong)reader.Remaining / 12) throw Corrupt($"bucket count {buckets} does not fit in {length} bytes");
        long previous = -1;
        for (ulong b = 0; b < buckets; b++)
        {
            var high = reader.U32("bucket key");
            if (high > int.MaxValue) throw Corrupt($"bucket key {high} has its most significant bit set (negative row indexes)");
            if (high <= previous) throw Corrupt($"bucket keys are not ascending ({high} after {previous})");
            previous = high;
            Read32(ref reader, (ulong)high << 16, keys, containers);
        }
    }

    private static void ReadNative(ref Reader reader, bool bigEndian, List<ulong> keys, List<RoaringContainer> containers)
    {
        var count = reader.I32("bitmap count", bigEndian);
        if (count < 0 || count > reader.Remaining / 12) throw Corrupt($"bitmap count {count} does not fit in the remaining {reader.Remaining} bytes");
        for (var high = 0; high < count; high++)
        {
            var size = reader.I32("bitmap size", bigEndian);
            var start = reader.Position;
            Read32(ref reader, (ulong)high << 16, keys, containers);
            if (reader.Position - start != size)
                throw Corrupt($"bitmap {high} declares {size} bytes but its content takes {reader.Position - start}");
        }
    }

    // RoaringFormatSpec "Standard 32-bit Roaring Bitmap": cookie header, descriptive header, offset header, containers.
    private static void Read32(ref Reader reader, ulong keyBase, List<ulong> keys, List<RoaringContainer> containers)
    {
        var start = reader.Position;
        var cookie = reader.U32("cookie");
        int size;
        var runFlags = ReadOnlySpan<byte>.Empty;
        bool hasOffsets;
        if (cookie == SerialCookieNoRunContainer)
        {
            var n = reader.U32("container count");
            if (n > 65536) throw Corrupt($"a 32-bit bitmap declares {n} containers (at most 65536)");
            size = (int)n;
            hasOffsets = true;
        }
        else if ((cookie & 0xFFFF) == SerialCookie)
        {
            size = (int)(cookie >> 16) + 1;
            runFlags = reader.Bytes((size + 7) / 8, "run container flags");
            hasOffsets = size >= NoOffsetThreshold;
        }
        else
        {
            throw Corrupt($"cookie {cookie} at byte {start} is neither {SerialCookieNoRunContainer} nor {SerialCookie}");
        }
        var header = reader.Bytes(4 * size, "descriptive header");
        if (hasOffsets) reader.Bytes(4 * size, "offset header");
        var previous = -1;
        for (var i = 0; i < size; i++)
        {
            int key16 = BinaryPrimitives.ReadUInt16LittleEndian(header[(4 * i)..]);
            var cardinality = BinaryPrimitives.ReadUInt16LittleEndian(header[(4 * i + 2)..]) + 1;
            if (key16 <= previous) throw Corrupt($"container keys are not ascending ({key16} after {previous})");
            previous = key16;
            RoaringContainer? container;
            if (!runFlags.IsEmpty && (runFlags[i >> 3] & (1 << (i & 7))) != 0) container = ReadRuns(ref reader);
            else if (cardinality <= RoaringContainer.ArrayMaxCardinality) container = ReadArray(ref reader, cardinality);
            else container = ReadBitmap(ref reader);
            if (container is null) continue; // an empty container adds nothing
            keys.Add(keyBase | (uint)key16);
            containers.Add(container);
        }
    }

    private static RoaringContainer ReadArray(ref Reader reader, int cardinality)
    {
        var bytes = reader.Bytes(2 * cardinality, "array container");
        var values = new ushort[cardinality];
        for (var k = 0; k < cardinality; k++)
        {
            values[k] = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * k)..]);
            if (k > 0 && values[k] <= values[k - 1])
                throw Corrupt($"array container values are not ascending ({values[k]} after {values[k - 1]})");
        }
        return RoaringContainer.FromSorted(values);
    }

    private static RoaringContainer? ReadBitmap(ref Reader reader)
    {
        var bytes = reader.Bytes(8 * RoaringContainer.BitmapWords, "bitset container");
        var bits = new ulong[RoaringContainer.BitmapWords];
        var any = 0UL;
        for (var w = 0; w < bits.Length; w++) any |= bits[w] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(8 * w)..]);
        return any == 0 ? null : RoaringContainer.FromBits(bits);
    }

    private static RoaringContainer? ReadRuns(ref Reader reader)
    {
        int runs = reader.U16("run count");
        var bytes = reader.Bytes(4 * runs, "run container");
        if (runs == 0) return null;
        var bits = new ulong[RoaringContainer.BitmapWords];
        for (var r = 0; r < runs; r++)
        {
            int first = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(4 * r)..]);
            var last = first + BinaryPrimitives.ReadUInt16LittleEndian(bytes[(4 * r + 2)..]);
            if (last > ushort.MaxValue) throw Corrupt($"run {first}+{last - first} passes 65535");
            SetRange(bits, first, last);
        }
        return RoaringContainer.FromBits(bits);
    }

    private static void SetRange(ulong[] bits, int first, int last)
    {
        for (var v = first; v <= last;)
        {
            if ((v & 63) == 0 && last - v >= 63)
            {
                bits[v >> 6] = ulong.MaxValue;
                v += 64;
            }
            else
            {
                bits[v >> 6] |= 1UL << (v & 63);
                v++;
            }
        }
    }

    /// <summary>Serializes <paramref name="bitmap"/> with the magic number. Containers are written as runs when that
    /// is smallest, otherwise as arrays (≤ 4096 values) or bitsets, as the format requires.</summary>
    public static byte[] Serialize(RoaringBitmapArray bitmap)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        var output = new ArrayBufferWriter<byte>(64);
        WriteU32(output, MagicNumber);
        var keys = bitmap.Keys;
        var containers = bitmap.Containers;
        ulong buckets = 0;
        for (var i = 0; i < keys.Length; i++)
            if (i == 0 || keys[i] >> 16 != keys[i - 1] >> 16) buckets++;
        WriteU64(output, buckets);
        for (var i = 0; i < keys.Length;)
        {
            var high = keys[i] >> 16;
            var j = i;
            while (j < keys.Length && keys[j] >> 16 == high) j++;
            WriteU32(output, (uint)high);
            Write32(output, keys[i..j], containers[i..j]);
            i = j;
        }
        return output.WrittenSpan.ToArray();
    }

    private enum Kind : byte { Array, Bitmap, Run }

    private static void Write32(ArrayBufferWriter<byte> output, ReadOnlySpan<ulong> keys, ReadOnlySpan<RoaringContainer> containers)
    {
        var size = keys.Length;
        var kinds = new Kind[size];
        var runCounts = new int[size];
        var sizes = new int[size];
        var anyRun = false;
        for (var i = 0; i < size; i++)
        {
            var c = containers[i];
            var plain = c.Cardinality <= RoaringContainer.ArrayMaxCardinality ? 2 * c.Cardinality : 8 * RoaringContainer.BitmapWords;
            runCounts[i] = c.CountRuns();
            var run = 2 + 4 * runCounts[i];
            if (run < plain)
            {
                kinds[i] = Kind.Run;
                sizes[i] = run;
                anyRun = true;
            }
            else
            {
                kinds[i] = c.Cardinality <= RoaringContainer.ArrayMaxCardinality ? Kind.Array : Kind.Bitmap;
                sizes[i] = plain;
            }
        }
        int offset;
        if (anyRun)
        {
            WriteU32(output, SerialCookie | ((uint)(size - 1) << 16));
            var flags = output.GetSpan((size + 7) / 8)[..((size + 7) / 8)];
            flags.Clear();
            for (var i = 0; i < size; i++)
                if (kinds[i] == Kind.Run) flags[i >> 3] |= (byte)(1 << (i & 7));
            output.Advance(flags.Length);
            offset = 4 + flags.Length + (size < NoOffsetThreshold ? 4 * size : 8 * size);
        }
        else
        {
            WriteU32(output, SerialCookieNoRunContainer);
            WriteU32(output, (uint)size);
            offset = 8 + 8 * size;
        }
        for (var i = 0; i < size; i++)
        {
            WriteU16(output, (ushort)keys[i]);
            WriteU16(output, (ushort)(containers[i].Cardinality - 1));
        }
        if (!anyRun || size >= NoOffsetThreshold)
        {
            for (var i = 0; i < size; i++)
            {
                WriteU32(output, (uint)offset);
                offset += sizes[i];
            }
        }
        var values = new ushort[65536];
        for (var i = 0; i < size; i++)
        {
            var c = containers[i];
            switch (kinds[i])
            {
                case Kind.Array:
                    c.CopyTo(values);
                    for (var k = 0; k < c.Cardinality; k++) WriteU16(output, values[k]);
                    break;
                case Kind.Bitmap:
                    if (c.Bits is { } bits) foreach (var w in bits) WriteU64(output, w);
                    else
                    {
                        var tmp = new ulong[RoaringContainer.BitmapWords];
                        foreach (var v in c.Array!) tmp[v >> 6] |= 1UL << (v & 63);
                        foreach (var w in tmp) WriteU64(output, w);
                    }
                    break;
                default:
                    c.CopyTo(values);
                    WriteU16(output, (ushort)runCounts[i]);
                    for (var k = 0; k < c.Cardinality;)
                    {
                        var first = values[k];
                        var e = k;
                        while (e + 1 < c.Cardinality && values[e + 1] == values[e] + 1) e++;
                        WriteU16(output, first);
                        WriteU16(output, (ushort)(e - k));
                        k = e + 1;
                    }
                    break;
            }
        }
    }

    private static void WriteU16(ArrayBufferWriter<byte> o, ushort v)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(o.GetSpan(2), v);
        o.Advance(2);
    }

    private static void WriteU32(ArrayBufferWriter<byte> o, uint v)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(o.GetSpan(4), v);
        o.Advance(4);
    }

    private static void WriteU64(ArrayBufferWriter<byte> o, ulong v)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(o.GetSpan(8), v);
        o.Advance(8);
    }

    internal static DeltaException Corrupt(string message) =>
        new("DELTA_DELETION_VECTOR_CORRUPT", $"Deletion vector bitmap is corrupt: {message}. The DV cannot be applied; restore the DV file or the table from a backup.");

    /// <summary>Bounds-checked little-endian reads; running out of bytes is a corrupt bitmap.</summary>
    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; }

        public readonly int Remaining => _data.Length - Position;

        public ReadOnlySpan<byte> Bytes(int count, string what)
        {
            if (count < 0 || count > Remaining)
                throw Corrupt($"the {what} needs {count} bytes at byte {Position}, but only {Remaining} remain");
            var s = _data.Slice(Position, count);
            Position += count;
            return s;
        }

        public ushort U16(string what) => BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2, what));

        public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4, what));

        public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8, what));

        public int I32(string what, bool bigEndian) =>
            bigEndian ? BinaryPrimitives.ReadInt32BigEndian(Bytes(4, what)) : BinaryPrimitives.ReadInt32LittleEndian(Bytes(4, what));
    }
}
