using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Compares a column value (boxed as <see cref="ValueConverter"/> does) with a predicate literal in the column's
/// domain: numbers across widths and decimals exactly (doubles when either side is floating point), strings by code
/// point (= UTF-8 byte order, Spark's string order), dates/timestamps by instant, binary bytewise. A string literal is
/// parsed into the column's type first. Null when the values are not comparable (or NaN): unknown. Thread-safe.
/// </summary>
internal static class ValueOrder
{
    public static int? Compare(object value, object literal, DataType columnType)
    {
        if (literal is string s && columnType is not StringType)
        {
            if (!PartitionValues.TryParse(s, columnType, out var parsed) || parsed is null) return null;
            literal = parsed;
        }
        switch (value, literal)
        {
            case (string a, string b):
                return CompareCodePoints(a, b);
            case (byte[] a, byte[] b):
                return a.AsSpan().SequenceCompareTo(b);
            case (bool a, bool b):
                return a.CompareTo(b);
            case (DateOnly a, DateOnly b):
                return a.CompareTo(b);
            case (DateTime a, DateTime b):
                return ValueConverter.MicrosFromTimestamp(a).CompareTo(ValueConverter.MicrosFromTimestamp(b));
            case (DateTime a, DateOnly b):
                return ValueConverter.MicrosFromTimestamp(a).CompareTo(ValueConverter.MicrosFromTimestamp(b.ToDateTime(TimeOnly.MinValue, a.Kind)));
            case (DateOnly a, DateTime b):
                return ValueConverter.MicrosFromTimestamp(a.ToDateTime(TimeOnly.MinValue, b.Kind)).CompareTo(ValueConverter.MicrosFromTimestamp(b));
        }
        return CompareNumbers(value, literal);
    }

    private static int? CompareNumbers(object a, object b)
    {
        if (!IsNumber(a) || !IsNumber(b)) return null;
        if (a is float or double || b is float or double)
        {
            var x = ToDouble(a);
            var y = ToDouble(b);
            return double.IsNaN(x) || double.IsNaN(y) ? null : x.CompareTo(y);
        }
        if (a is DecimalValue || b is DecimalValue) return ToDecimal(a).CompareTo(ToDecimal(b));
        return ToInt128(a).CompareTo(ToInt128(b));
    }

    private static bool IsNumber(object v) => v is sbyte or short or int or long or float or double or DecimalValue or Int128;

    private static double ToDouble(object v) => v switch
    {
        float f => f,
        double d => d,
        DecimalValue d => (double)d.Unscaled / Math.Pow(10, d.Scale),
        _ => (double)ToInt128(v),
    };

    private static DecimalValue ToDecimal(object v) => v is DecimalValue d ? d : new DecimalValue(ToInt128(v), 0);

    private static Int128 ToInt128(object v) => v switch
    {
        sbyte x => x,
        short x => x,
        int x => x,
        long x => x,
        Int128 x => x,
        _ => 0,
    };

    /// <summary>Ordinal order by Unicode code point: UTF-16 order except that surrogates (U+D800–DFFF, which encode
    /// code points above U+FFFF) sort after U+E000–FFFF.</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x == y) continue;
            return Fixup(x).CompareTo(Fixup(y));
        }
        return a.Length.CompareTo(b.Length);
    }

    private static int Fixup(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;
}
