using System.Diagnostics.CodeAnalysis;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>Throw helpers kept out of hot loops (the JIT does not inline methods that only throw).</summary>
internal static class EncodingErrors
{
    [DoesNotReturn]
    public static void Throw(string message) => throw new ParquetFormatException(message);

    [DoesNotReturn]
    public static void Truncated(string encoding) =>
        throw new ParquetFormatException($"{encoding}: encoded data is truncated (the page holds fewer values than it declares)");

    [DoesNotReturn]
    public static void DictionaryIndexOutOfRange(int index, int dictionarySize) =>
        throw new ParquetFormatException($"dictionary index {index} is out of range for a dictionary of {dictionarySize} entries");

    [DoesNotReturn]
    public static void TooLarge(string encoding) =>
        throw new ParquetFormatException($"{encoding}: decoded byte arrays exceed the maximum buffer size");

    [DoesNotReturn]
    public static void BadBitWidth(string encoding, int bitWidth, int max) =>
        throw new ParquetFormatException($"{encoding}: bit width {bitWidth} is out of range 0..{max}");
}
