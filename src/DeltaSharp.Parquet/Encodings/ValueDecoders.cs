using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// Chooses the decoder for a page's (encoding, physical type). The CLR type of values follows the physical type:
/// BOOLEAN bool, INT32 int, INT64 long, INT96 <see cref="Int96"/>, FLOAT float, DOUBLE double; BYTE_ARRAY and
/// FIXED_LEN_BYTE_ARRAY use <see cref="IByteArrayDecoder"/>. Dictionary encodings need the dictionary page and
/// are built with <see cref="CreateDictionary{T}(ReadOnlySpan{byte}, int, PhysicalType)"/> /
/// <see cref="CreateByteArrayDictionary"/>. Unsupported pairs raise <see cref="ParquetFormatException"/>.
/// </summary>
internal static class ValueDecoders
{
    /// <summary>True for PLAIN_DICTIONARY and RLE_DICTIONARY data pages.</summary>
    public static bool IsDictionary(Encoding encoding) => encoding is Encoding.PlainDictionary or Encoding.RleDictionary;

    /// <summary>The CLR value type for a fixed-width physical type (null for byte arrays).</summary>
    public static Type? ClrType(PhysicalType physicalType) => physicalType switch
    {
        PhysicalType.Boolean => typeof(bool),
        PhysicalType.Int32 => typeof(int),
        PhysicalType.Int64 => typeof(long),
        PhysicalType.Int96 => typeof(Int96),
        PhysicalType.Float => typeof(float),
        PhysicalType.Double => typeof(double),
        _ => null,
    };

    /// <summary>Creates a non-dictionary decoder of fixed-width values.</summary>
    public static IValueDecoder<T> Create<T>(Encoding encoding, PhysicalType physicalType) where T : unmanaged
    {
        CheckType<T>(physicalType);
        if (IsDictionary(encoding)) throw DictionaryNeedsPage(encoding, physicalType);
        object? decoder = (encoding, physicalType) switch
        {
            (Encoding.Plain, PhysicalType.Boolean) => new PlainBooleanDecoder(),
            (Encoding.Plain, _) => new PlainDecoder<T>(),
            (Encoding.Rle, PhysicalType.Boolean) => new RleBooleanDecoder(),
            (Encoding.DeltaBinaryPacked, PhysicalType.Int32 or PhysicalType.Int64) => new DeltaBinaryPackedDecoder<T>(),
            (Encoding.ByteStreamSplit, PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double) => new ByteStreamSplitDecoder<T>(),
            _ => null,
        };
        if (decoder is null) throw Unsupported(encoding, physicalType);
        return (IValueDecoder<T>)decoder;
    }

    /// <summary>Creates a non-dictionary decoder for BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY (with its type length).</summary>
    public static IByteArrayDecoder CreateByteArray(Encoding encoding, PhysicalType physicalType, int typeLength)
    {
        if (physicalType == PhysicalType.FixedLenByteArray && typeLength <= 0)
            throw new ParquetFormatException($"FIXED_LEN_BYTE_ARRAY column has invalid type length {typeLength}");
        if (IsDictionary(encoding)) throw DictionaryNeedsPage(encoding, physicalType);
        return (encoding, physicalType) switch
        {
            (Encoding.Plain, PhysicalType.ByteArray) => new PlainByteArrayDecoder(),
            (Encoding.Plain, PhysicalType.FixedLenByteArray) => new PlainFixedLenByteArrayDecoder(typeLength),
            (Encoding.DeltaLengthByteArray, PhysicalType.ByteArray) => new DeltaLengthByteArrayDecoder(),
            (Encoding.DeltaByteArray, PhysicalType.ByteArray or PhysicalType.FixedLenByteArray) => new DeltaByteArrayDecoder(),
            (Encoding.ByteStreamSplit, PhysicalType.FixedLenByteArray) => new ByteStreamSplitFixedLenByteArrayDecoder(typeLength),
            _ => throw Unsupported(encoding, physicalType),
        };
    }

    /// <summary>Decodes a dictionary page (PLAIN, or the deprecated PLAIN_DICTIONARY which is laid out the same)
    /// of <paramref name="count"/> values into an array.</summary>
    public static T[] DecodeDictionaryPage<T>(ReadOnlyMemory<byte> page, int count, PhysicalType physicalType, Encoding encoding = Encoding.Plain)
        where T : unmanaged
    {
        CheckType<T>(physicalType);
        if (encoding is not (Encoding.Plain or Encoding.PlainDictionary)) throw Unsupported(encoding, physicalType, "dictionary page");
        if (count < 0) throw new ParquetFormatException($"dictionary page has negative value count {count}");
        if (physicalType != PhysicalType.Boolean) return PlainDecoder<T>.DecodeAll(page.Span, count);
        // Booleans: one bit each, so bound count by the bytes before allocating.
        if (count > (long)page.Length * 8) EncodingErrors.Truncated("PLAIN BOOLEAN");
        var values = new T[count];
        var decoder = new PlainBooleanDecoder();
        decoder.Reset(page, count);
        decoder.Read(System.Runtime.InteropServices.MemoryMarshal.Cast<T, bool>(values.AsSpan()));
        return values;
    }

    /// <summary>Creates a dictionary decoder from an already decoded dictionary.</summary>
    public static DictionaryDecoder<T> CreateDictionary<T>(T[] dictionary) where T : unmanaged => new(dictionary);

    /// <summary>Decodes a dictionary page and returns the decoder for the data pages that index it.</summary>
    public static DictionaryDecoder<T> CreateDictionary<T>(ReadOnlySpan<byte> dictionaryPage, int count, PhysicalType physicalType)
        where T : unmanaged => new(DecodeDictionaryPage<T>(dictionaryPage.ToArray(), count, physicalType));

    /// <summary>Decodes a BYTE_ARRAY / FIXED_LEN_BYTE_ARRAY dictionary page (PLAIN) and returns the decoder for the
    /// data pages that index it.</summary>
    public static DictionaryByteArrayDecoder CreateByteArrayDictionary(ReadOnlySpan<byte> dictionaryPage, int count, PhysicalType physicalType, int typeLength)
    {
        if (count < 0) throw new ParquetFormatException($"dictionary page has negative value count {count}");
        switch (physicalType)
        {
            case PhysicalType.ByteArray:
                var (data, offsets) = PlainByteArrayDecoder.DecodeAll(dictionaryPage, count);
                return new DictionaryByteArrayDecoder(data, offsets, count);
            case PhysicalType.FixedLenByteArray:
                if (typeLength <= 0) throw new ParquetFormatException($"FIXED_LEN_BYTE_ARRAY column has invalid type length {typeLength}");
                var bytes = (long)count * typeLength;
                if (bytes > dictionaryPage.Length) EncodingErrors.Truncated("PLAIN FIXED_LEN_BYTE_ARRAY");
                var fixedOffsets = new int[count + 1];
                for (var i = 1; i <= count; i++) fixedOffsets[i] = fixedOffsets[i - 1] + typeLength;
                // 16 bytes of padding let the decoder copy short entries as 16-byte blocks.
                var fixedData = new byte[bytes + 16];
                dictionaryPage[..(int)bytes].CopyTo(fixedData);
                return new DictionaryByteArrayDecoder(fixedData, fixedOffsets, count);
            default:
                throw new ArgumentException($"{physicalType} is not a byte array type", nameof(physicalType));
        }
    }

    private static void CheckType<T>(PhysicalType physicalType)
    {
        var expected = ClrType(physicalType);
        if (expected != typeof(T))
            throw new ArgumentException($"physical type {physicalType} is decoded as {expected?.Name ?? "a byte array"}, not {typeof(T).Name}", nameof(physicalType));
    }

    private static ParquetFormatException DictionaryNeedsPage(Encoding encoding, PhysicalType physicalType) =>
        new($"encoding {encoding} for physical type {physicalType} needs the column chunk's dictionary page, which was not found");

    private static ParquetFormatException Unsupported(Encoding encoding, PhysicalType physicalType, string where = "data page") =>
        new($"unsupported encoding {encoding} for physical type {physicalType} in a {where}");
}
