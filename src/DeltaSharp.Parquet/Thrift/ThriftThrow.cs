using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DeltaSharp.Parquet.Thrift;

/// <summary>Throw helpers for the Thrift codec, kept out of line so the read loops stay small.</summary>
internal static class ThriftThrow
{
    [DoesNotReturn]
    public static void Corrupt(string problem, int position) =>
        throw new ParquetFormatException(null, string.Create(CultureInfo.InvariantCulture, $"corrupt Thrift data: {problem} (at byte {position})"));

    [DoesNotReturn]
    public static void Truncated(int position) =>
        Corrupt("unexpected end of data", position);

    [DoesNotReturn]
    public static void TooDeep(int position) =>
        Corrupt(string.Create(CultureInfo.InvariantCulture, $"nesting deeper than {ThriftCompactReader.MaxDepth} levels"), position);

    [DoesNotReturn]
    public static void MissingField(string structName, string fieldName) =>
        throw new ParquetFormatException(null, $"corrupt Thrift data: required field {structName}.{fieldName} is missing");

    [DoesNotReturn]
    public static void Encrypted() =>
        throw new ParquetFormatException(null, "encrypted Parquet files are not supported");
}
