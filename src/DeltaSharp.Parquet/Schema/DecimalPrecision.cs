using System.Numerics;

namespace DeltaSharp.Parquet.Schema;

/// <summary>Byte widths of decimals stored as FIXED_LEN_BYTE_ARRAY (two's complement, big-endian).</summary>
internal static class DecimalPrecision
{
    // MinBytes[p]: smallest n with 2^(8n-1) > 10^p, i.e. n signed bytes hold every p-digit unscaled value
    // (Spark's minBytesForPrecision). MaxPrecision[n]: floor(log10(2^(8n-1) - 1)) (Spark's maxPrecisionForBytes).
    private static readonly int[] MinBytes = BuildMinBytes();
    private static readonly int[] MaxPrecision = BuildMaxPrecision();

    public static int MinBytesForPrecision(int precision) => MinBytes[precision];

    /// <summary>The most decimal digits <paramref name="bytes"/> signed bytes can hold, capped at 38.</summary>
    public static int MaxPrecisionForBytes(int bytes) => bytes >= MaxPrecision.Length ? Types.DecimalType.MaxPrecision : MaxPrecision[bytes];

    private static int[] BuildMinBytes()
    {
        var result = new int[Types.DecimalType.MaxPrecision + 1];
        for (var p = 1; p < result.Length; p++)
        {
            var limit = BigInteger.Pow(10, p);
            var n = 1;
            while (BigInteger.Pow(2, 8 * n - 1) < limit) n++;
            result[p] = n;
        }
        return result;
    }

    private static int[] BuildMaxPrecision()
    {
        var result = new int[17]; // 16 bytes already hold 38 digits
        for (var n = 1; n < result.Length; n++)
        {
            var max = BigInteger.Pow(2, 8 * n - 1) - 1;
            result[n] = Math.Min(max.ToString(System.Globalization.CultureInfo.InvariantCulture).Length - 1, Types.DecimalType.MaxPrecision);
        }
        return result;
    }
}
