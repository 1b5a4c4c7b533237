using System.Globalization;
using System.Numerics;
using System.Text.Json;
using DeltaSharp.Types;

namespace DeltaSharp.TestSupport;

/// <summary>
/// The corpus' <c>columnStats</c> (README "expected/&lt;version&gt;.json") computed from rows in the corpus JSON
/// conventions, and their comparison: per top-level primitive column the null count, min and max (integral ones
/// as decimal strings; NaN and infinities ignored; strings, dates and timestamps by ordinal text order) and, for
/// integral columns, the exact sum. Binary and nested columns have no stats.
/// </summary>
internal static class DeltaColumnStats
{
    /// <summary>True for the types the corpus computes stats for.</summary>
    public static bool HasStats(DataType type) => type.IsPrimitive && type is not BinaryType;

    /// <summary>Stats of column <paramref name="column"/> of type <paramref name="type"/> over <paramref name="rows"/>.</summary>
    public static ExpectedColumnStats Compute(IEnumerable<string> rows, string column, DataType type)
    {
        ArgumentNullException.ThrowIfNull(rows);
        long nulls = 0;
        BigInteger sum = BigInteger.Zero;
        string? min = null, max = null;
        var integral = IsIntegral(type);
        foreach (var row in rows)
        {
            using var doc = JsonDocument.Parse(row);
            if (!doc.RootElement.TryGetProperty(column, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                nulls++;
                continue;
            }
            if (integral) sum += BigInteger.Parse(v.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            if (v.ValueKind == JsonValueKind.String && type is FloatType or DoubleType) continue; // NaN / ±Infinity
            var text = integral ? JsonSerializer.Serialize(v.GetRawText()) : RowJson.Compact(v);
            if (min is null || Order(text, min, type) < 0) min = text;
            if (max is null || Order(text, max, type) > 0) max = text;
        }
        return new ExpectedColumnStats(nulls, min ?? "null", max ?? "null",
            integral ? sum.ToString(CultureInfo.InvariantCulture) : null);
    }

    /// <summary>Differences between expected and computed stats of one column (empty when equal).</summary>
    public static IReadOnlyList<string> Compare(string column, DataType type, ExpectedColumnStats expected, ExpectedColumnStats actual)
    {
        var diffs = new List<string>();
        if (expected.NullCount != actual.NullCount)
            diffs.Add($"columnStats '{column}': nullCount expected {expected.NullCount} but was {actual.NullCount}");
        if (!SameValue(expected.MinJson, actual.MinJson, type))
            diffs.Add($"columnStats '{column}': min expected {expected.MinJson} but was {actual.MinJson}");
        if (!SameValue(expected.MaxJson, actual.MaxJson, type))
            diffs.Add($"columnStats '{column}': max expected {expected.MaxJson} but was {actual.MaxJson}");
        if (expected.Sum is not null && !SameInteger(expected.Sum, actual.Sum))
            diffs.Add($"columnStats '{column}': sum expected {expected.Sum} but was {actual.Sum ?? "(none)"}");
        return diffs;
    }

    private static bool IsIntegral(DataType type) => type is ByteType or ShortType or IntegerType or LongType;

    private static bool SameInteger(string expected, string? actual) =>
        actual is not null
        && BigInteger.TryParse(expected, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var e)
        && BigInteger.TryParse(actual, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a)
        && e == a;

    private static bool SameValue(string expectedJson, string actualJson, DataType type)
    {
        if (expectedJson == "null" || actualJson == "null") return expectedJson == actualJson;
        if (IsIntegral(type)) return SameInteger(Unquote(expectedJson), Unquote(actualJson));
        if (type is FloatType or DoubleType)
            return double.TryParse(expectedJson, NumberStyles.Float, CultureInfo.InvariantCulture, out var e)
                   && double.TryParse(actualJson, NumberStyles.Float, CultureInfo.InvariantCulture, out var a)
                   && (type is FloatType ? (float)e == (float)a : e == a); // -0.0 == 0.0, as the generator's `<` sees them
        return JsonRowComparer.CompareValues(expectedJson, actualJson, type) is null;
    }

    private static string Unquote(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == JsonValueKind.String ? doc.RootElement.GetString()! : doc.RootElement.GetRawText();
    }

    /// <summary>Orders two non-null values of one column (JSON text) the way the corpus generator does.</summary>
    private static int Order(string a, string b, DataType type)
    {
        switch (type)
        {
            case ByteType or ShortType or IntegerType or LongType:
                return BigInteger.Parse(Unquote(a), CultureInfo.InvariantCulture).CompareTo(BigInteger.Parse(Unquote(b), CultureInfo.InvariantCulture));
            case FloatType or DoubleType:
                return double.Parse(a, CultureInfo.InvariantCulture).CompareTo(double.Parse(b, CultureInfo.InvariantCulture));
            case DecimalType:
                return DecimalOrder(Unquote(a), Unquote(b));
            case BooleanType:
                return (a == "true").CompareTo(b == "true");
            default:
                return string.CompareOrdinal(Unquote(a), Unquote(b));
        }
    }

    // Decimal strings of one column have the same scale, so comparing unscaled integers is exact.
    private static int DecimalOrder(string a, string b) =>
        Unscaled(a).CompareTo(Unscaled(b));

    private static BigInteger Unscaled(string s) =>
        BigInteger.Parse(s.Replace(".", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
