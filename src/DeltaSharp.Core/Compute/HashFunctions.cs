using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Compute;

/// <summary>
/// md5, sha1/sha, sha2 (224/256/384/512; 0 means 256; other lengths give null), crc32, and Spark's hash()
/// (Murmur3 x86 32-bit, seed 42, column by column with Spark's byte-tail variant and value encodings).
/// </summary>
internal static class HashFunctions
{
    public static void Register(FunctionTable t)
    {
        t.Add("md5", 1, 1, Sig.Simple([ExpectedType.Binary], DataType.String, (a, n, _) => Hex(a, n, b => MD5.HashData(b))));
        t.Add("sha1", 1, 1, Sig.Simple([ExpectedType.Binary], DataType.String, (a, n, _) => Hex(a, n, b => SHA1.HashData(b))));
        t.Alias("sha", "sha1");
        t.Add("sha2", 2, 2, Sig.Simple([ExpectedType.Binary, ExpectedType.Int], DataType.String, (a, n, _) => RowKernel.Map(a, n, DataType.String, (x, i, o) =>
        {
            var bytes = x[0].Bytes(i);
            byte[]? hash = x[1].Int(i) switch
            {
                0 or 256 => SHA256.HashData(bytes),
                224 => Sha224.Hash(bytes),
                384 => SHA384.HashData(bytes),
                512 => SHA512.HashData(bytes),
                _ => null,
            };
            if (hash is null) ScalarValues.AppendNull(o);
            else ((BinaryVector)o).Append(Convert.ToHexStringLower(hash));
        })));
        t.Add("crc32", 1, 1, Sig.Simple([ExpectedType.Binary], DataType.Long, (a, n, _) => RowKernel.Map(a, n, DataType.Long, (x, i, o) =>
            ((PrimitiveVector<long>)o).Append(Crc32(x[0].Bytes(i))))));
        t.Add("hash", 1, -1, r => r.Ok(r.Args.ToArray(), DataType.Integer, (a, n, _) => RowKernel.Map(a, n, DataType.Integer, (x, i, o) =>
        {
            var h = 42;
            for (var k = 0; k < x.Length; k++)
                if (!x[k].IsNull(i)) h = Murmur3.HashValue(x[k].Object(i), x[k].Type, h);
            ((PrimitiveVector<int>)o).Append(h);
        }, nullIntolerant: false), nullIntolerant: false));
    }

    private static ColumnarValue Hex(ColumnarValue[] a, int n, Func<ReadOnlySpan<byte>, byte[]> hash) =>
        RowKernel.Map(a, n, DataType.String, (x, i, o) => ((BinaryVector)o).Append(Convert.ToHexStringLower(hash(x[0].Bytes(i)))));

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }

    public static long Crc32(ReadOnlySpan<byte> data)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in data) c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }

    /// <summary>Spark's Murmur3_x86_32 and the per-type encodings of its HashExpression.</summary>
    internal static class Murmur3
    {
        private const uint C1 = 0xcc9e2d51, C2 = 0x1b873593;

        private static uint MixK1(uint k1) => BitOperations.RotateLeft(k1 * C1, 15) * C2;

        private static uint MixH1(uint h1, uint k1) => BitOperations.RotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64;

        private static int Fmix(uint h1, int length)
        {
            h1 ^= (uint)length;
            h1 ^= h1 >> 16;
            h1 *= 0x85ebca6b;
            h1 ^= h1 >> 13;
            h1 *= 0xc2b2ae35;
            h1 ^= h1 >> 16;
            return (int)h1;
        }

        public static int HashInt(int input, int seed) => Fmix(MixH1((uint)seed, MixK1((uint)input)), 4);

        public static int HashLong(long input, int seed)
        {
            var h1 = MixH1((uint)seed, MixK1((uint)input));
            h1 = MixH1(h1, MixK1((uint)(input >>> 32)));
            return Fmix(h1, 8);
        }

        /// <summary>hashUnsafeBytes: 4-byte little-endian words, then each remaining (signed) byte mixed on its own.</summary>
        public static int HashBytes(ReadOnlySpan<byte> data, int seed)
        {
            var aligned = data.Length - data.Length % 4;
            var h1 = (uint)seed;
            for (var i = 0; i < aligned; i += 4) h1 = MixH1(h1, MixK1(BinaryPrimitives.ReadUInt32LittleEndian(data[i..])));
            for (var i = aligned; i < data.Length; i++) h1 = MixH1(h1, MixK1((uint)(sbyte)data[i]));
            return Fmix(h1, data.Length);
        }

        public static int HashValue(object? value, DataType type, int seed)
        {
            if (value is null) return seed;
            switch (type)
            {
                case BooleanType: return HashInt((bool)value ? 1 : 0, seed);
                case ByteType or ShortType or IntegerType or DateType or YearMonthIntervalType: return HashInt(Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), seed);
                case LongType or TimestampType or TimestampNtzType or DayTimeIntervalType: return HashLong(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), seed);
                case FloatType:
                {
                    var f = (float)value;
                    return HashInt(f == 0 ? 0 : BitConverter.SingleToInt32Bits(f), seed);
                }
                case DoubleType:
                {
                    var d = (double)value;
                    return HashLong(d == 0 ? 0 : BitConverter.DoubleToInt64Bits(d), seed);
                }
                case DecimalType dt:
                {
                    var dv = (DecimalValue)value;
                    if (dt.IsLong) return HashLong((long)dv.Unscaled, seed);
                    return HashBytes(((BigInteger)dv.Unscaled).ToByteArray(isUnsigned: false, isBigEndian: true), seed);
                }
                case StringType: return HashBytes(System.Text.Encoding.UTF8.GetBytes((string)value), seed);
                case BinaryType: return HashBytes((byte[])value, seed);
                case ArrayType at:
                {
                    var h = seed;
                    foreach (var e in (System.Collections.IList)value) h = HashValue(e, at.ElementType, h);
                    return h;
                }
                case MapType mt:
                {
                    var h = seed;
                    foreach (var kv in (IEnumerable<KeyValuePair<object?, object?>>)value)
                    {
                        h = HashValue(kv.Key, mt.KeyType, h);
                        h = HashValue(kv.Value, mt.ValueType, h);
                    }
                    return h;
                }
                case StructType st:
                {
                    var h = seed;
                    var fields = (IReadOnlyList<object?>)value;
                    for (var k = 0; k < st.Count; k++) h = HashValue(fields[k], st[k].Type, h);
                    return h;
                }
                default: return seed;
            }
        }
    }

    /// <summary>SHA-224 (FIPS 180-4): SHA-256 with its own initial values, truncated to 28 bytes.</summary>
    internal static class Sha224
    {
        private static readonly uint[] K =
        [
            0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
            0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
            0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
            0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
        ];

        public static byte[] Hash(ReadOnlySpan<byte> data)
        {
            uint[] h = [0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4];
            var total = (data.Length + 9 + 63) / 64 * 64;
            var msg = new byte[total];
            data.CopyTo(msg);
            msg[data.Length] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(msg.AsSpan(total - 8), (ulong)data.Length * 8);
            var w = new uint[64];
            for (var block = 0; block < total; block += 64)
            {
                for (var i = 0; i < 16; i++) w[i] = BinaryPrimitives.ReadUInt32BigEndian(msg.AsSpan(block + 4 * i));
                for (var i = 16; i < 64; i++)
                {
                    var s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
                    var s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
                    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
                }
                uint a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
                for (var i = 0; i < 64; i++)
                {
                    var s1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
                    var ch = (e & f) ^ (~e & g);
                    var t1 = hh + s1 + ch + K[i] + w[i];
                    var s0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
                    var maj = (a & b) ^ (a & c) ^ (b & c);
                    var t2 = s0 + maj;
                    hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
                }
                h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
            }
            var result = new byte[28];
            for (var i = 0; i < 7; i++) BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(4 * i), h[i]);
            return result;
        }
    }
}
