using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet.Encodings;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;
using Encoding = DeltaSharp.Parquet.Format.Encoding;

namespace DeltaSharp.Parquet.Reading;

/// <summary>Leaf decoder for fixed-width physical types (BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE).</summary>
internal sealed class FixedLeafDecoder<TPhys> : LeafDecoder where TPhys : unmanaged
{
    private const int ScratchSize = 4096;
    private readonly PhysicalType _physical;
    private readonly ValueConversion _conversion;
    private readonly Dictionary<Encoding, IValueDecoder<TPhys>> _decoders = [];
    private IValueDecoder<TPhys>? _current;
    private TPhys[]? _scratch;

    public FixedLeafDecoder(DataType targetType, PhysicalType physical, ValueConversion conversion) : base(targetType)
    {
        _physical = physical;
        _conversion = conversion;
    }

    protected override int MinPlainBits => _physical == PhysicalType.Boolean ? 1 : Unsafe.SizeOf<TPhys>() * 8;

    protected override void StartValues(Encoding encoding, ReadOnlyMemory<byte> data, int valueCount)
    {
        if (!_decoders.TryGetValue(encoding, out var decoder))
        {
            decoder = ValueDecoders.Create<TPhys>(encoding, _physical);
            _decoders[encoding] = decoder;
        }
        decoder.Reset(data, valueCount);
        _current = decoder;
    }

    protected override void ReadValues(ColumnVector destination, int offset, int count)
    {
        var decoder = _current ?? throw new ParquetFormatException("values read before a data page started");
        if (_conversion == ValueConversion.Identity)
        {
            var span = ((PrimitiveVector<TPhys>)destination).Values.AsSpan(offset, count);
            var got = decoder.Read(span);
            if (got < count) ThrowHelper.TooFewValues(count, got);
            return;
        }
        var scratch = _scratch ??= new TPhys[ScratchSize];
        var done = 0;
        while (done < count)
        {
            var n = Math.Min(scratch.Length, count - done);
            var got = decoder.Read(scratch.AsSpan(0, n));
            if (got < n) ThrowHelper.TooFewValues(count, done + got);
            Convert(scratch.AsSpan(0, n), destination, offset + done);
            done += n;
        }
    }

    private void Convert(ReadOnlySpan<TPhys> source, ColumnVector destination, int offset)
    {
        switch (_conversion)
        {
            case ValueConversion.Int32ToInt8:
            {
                var s = Cast<int>(source);
                var d = ((PrimitiveVector<sbyte>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = (sbyte)s[i];
                break;
            }
            case ValueConversion.Int32ToInt16:
            {
                var s = Cast<int>(source);
                var d = ((PrimitiveVector<short>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = (short)s[i];
                break;
            }
            case ValueConversion.Int32ToInt64:
            {
                var s = Cast<int>(source);
                var d = ((PrimitiveVector<long>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = s[i];
                break;
            }
            case ValueConversion.UInt32ToInt64:
            {
                var s = Cast<int>(source);
                var d = ((PrimitiveVector<long>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = (uint)s[i];
                break;
            }
            case ValueConversion.Int32MillisToMicros:
            {
                var s = Cast<int>(source);
                var d = ((PrimitiveVector<long>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = s[i] * 1000L;
                break;
            }
            case ValueConversion.Int64MillisToMicros:
            {
                var s = Cast<long>(source);
                var d = ((PrimitiveVector<long>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = s[i] * 1000L;
                break;
            }
            case ValueConversion.Int64NanosToMicros:
            {
                var s = Cast<long>(source);
                var d = ((PrimitiveVector<long>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = Math.DivRem(s[i], 1000L, out var r) - (r < 0 ? 1 : 0); // floor
                break;
            }
            case ValueConversion.Int32ToInt128:
            {
                var s = Cast<int>(source);
                var d = ((PrimitiveVector<Int128>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = s[i];
                break;
            }
            case ValueConversion.Int64ToInt128:
            {
                var s = Cast<long>(source);
                var d = ((PrimitiveVector<Int128>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = s[i];
                break;
            }
            case ValueConversion.UInt64ToInt128:
            {
                var s = Cast<long>(source);
                var d = ((PrimitiveVector<Int128>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = (ulong)s[i];
                break;
            }
            case ValueConversion.Int96ToMicros:
            {
                var s = Cast<Int96>(source);
                var d = ((PrimitiveVector<long>)destination).Values.AsSpan(offset, s.Length);
                for (var i = 0; i < s.Length; i++) d[i] = Int96ToMicros(s[i]);
                break;
            }
            default:
                throw new InvalidOperationException($"Conversion {_conversion} does not apply to {typeof(TPhys).Name}.");
        }
    }

    /// <summary>INT96 = 8 bytes nanoseconds of the day + 4 bytes Julian day number (Impala/Spark legacy timestamps, UTC).</summary>
    internal static long Int96ToMicros(Int96 v)
    {
        const long julianEpochDay = 2440588; // 1970-01-01
        return (v.JulianDay - julianEpochDay) * 86_400_000_000L + (long)(v.NanosOfDay / 1000);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<T> Cast<T>(ReadOnlySpan<TPhys> s) where T : unmanaged => MemoryMarshal.Cast<TPhys, T>(s);
}

/// <summary>Leaf decoder for BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY columns (strings, binary, decimals, UUID, FLOAT16).</summary>
internal sealed class ByteArrayLeafDecoder : LeafDecoder
{
    private readonly PhysicalType _physical;
    private readonly int _typeLength;
    private readonly ValueConversion _conversion;
    private readonly Dictionary<Encoding, IByteArrayDecoder> _decoders = [];
    private IByteArrayDecoder? _current;
    private BinaryVector? _scratch;

    public ByteArrayLeafDecoder(DataType targetType, PhysicalType physical, int typeLength, ValueConversion conversion) : base(targetType)
    {
        _physical = physical;
        _typeLength = typeLength;
        _conversion = conversion;
    }

    // FIXED_LEN_BYTE_ARRAY: type_length bytes; BYTE_ARRAY: at least its 4-byte length prefix.
    protected override int MinPlainBits => _physical == PhysicalType.FixedLenByteArray ? Math.Max(1, _typeLength) * 8 : 32;

    protected override void StartValues(Encoding encoding, ReadOnlyMemory<byte> data, int valueCount)
    {
        if (!_decoders.TryGetValue(encoding, out var decoder))
        {
            decoder = ValueDecoders.CreateByteArray(encoding, _physical, _typeLength);
            _decoders[encoding] = decoder;
        }
        decoder.Reset(data, valueCount);
        _current = decoder;
    }

    protected override void ReadValues(ColumnVector destination, int offset, int count)
    {
        var decoder = _current ?? throw new ParquetFormatException("values read before a data page started");
        if (_conversion == ValueConversion.Identity)
        {
            var bin = (BinaryVector)destination;
            if (bin.Length != offset) throw new InvalidOperationException("Binary vectors are filled in order.");
            var got = decoder.Read(bin, count);
            if (got < count) ThrowHelper.TooFewValues(count, got);
            return;
        }
        var scratch = _scratch ??= new BinaryVector(DataType.Binary, 1024, 16 * 1024);
        var done = 0;
        while (done < count)
        {
            var n = Math.Min(1024, count - done);
            scratch.Reset();
            var got = decoder.Read(scratch, n);
            if (got < n) ThrowHelper.TooFewValues(count, done + got);
            Convert(scratch, n, destination, offset + done);
            done += n;
        }
    }

    private void Convert(BinaryVector source, int n, ColumnVector destination, int offset)
    {
        switch (_conversion)
        {
            case ValueConversion.BytesToDecimal64:
            {
                var d = ((PrimitiveVector<long>)destination).Values;
                for (var i = 0; i < n; i++) d[offset + i] = (long)BigEndianToInt128(source.GetBytes(i));
                break;
            }
            case ValueConversion.BytesToDecimal128:
            {
                var d = ((PrimitiveVector<Int128>)destination).Values;
                for (var i = 0; i < n; i++) d[offset + i] = BigEndianToInt128(source.GetBytes(i));
                break;
            }
            case ValueConversion.Float16ToFloat:
            {
                var d = ((PrimitiveVector<float>)destination).Values;
                for (var i = 0; i < n; i++)
                {
                    var b = source.GetBytes(i);
                    if (b.Length != 2) ThrowHelper.Corrupt($"FLOAT16 value has {b.Length} bytes, expected 2");
                    d[offset + i] = (float)BitConverter.UInt16BitsToHalf(BinaryPrimitives.ReadUInt16LittleEndian(b));
                }
                break;
            }
            case ValueConversion.UuidToString:
            {
                var bin = (BinaryVector)destination;
                Span<byte> text = stackalloc byte[36];
                for (var i = 0; i < n; i++)
                {
                    var b = source.GetBytes(i);
                    if (b.Length != 16) ThrowHelper.Corrupt($"UUID value has {b.Length} bytes, expected 16");
                    FormatUuid(b, text);
                    bin.Append(text);
                }
                break;
            }
            default:
                throw new InvalidOperationException($"Conversion {_conversion} does not apply to byte arrays.");
        }
    }

    /// <summary>Big-endian two's complement (parquet DECIMAL on binary) → Int128; up to 16 bytes, sign-extended.</summary>
    internal static Int128 BigEndianToInt128(ReadOnlySpan<byte> b)
    {
        if (b.Length == 0) return 0;
        if (b.Length > 16)
        {
            // Leading bytes must be pure sign extension.
            var sign = (b[b.Length - 16] & 0x80) != 0 ? (byte)0xFF : (byte)0;
            for (var i = 0; i < b.Length - 16; i++)
                if (b[i] != sign) ThrowHelper.Corrupt($"decimal value of {b.Length} bytes does not fit 38 digits");
            b = b[^16..];
        }
        Int128 v = (b[0] & 0x80) != 0 ? -1 : 0;
        foreach (var x in b) v = (v << 8) | x;
        return v;
    }

    private static void FormatUuid(ReadOnlySpan<byte> b, Span<byte> text)
    {
        const string hex = "0123456789abcdef";
        var p = 0;
        for (var i = 0; i < 16; i++)
        {
            if (i is 4 or 6 or 8 or 10) text[p++] = (byte)'-';
            text[p++] = (byte)hex[b[i] >> 4];
            text[p++] = (byte)hex[b[i] & 15];
        }
    }
}
