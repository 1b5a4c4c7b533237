using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeltaSharp.Types;

namespace DeltaSharp.TestSupport;

/// <summary>How two row lists are matched.</summary>
internal enum RowOrder
{
    /// <summary>Row i of one side against row i of the other (Parquet file order).</summary>
    FileOrder,

    /// <summary>As multisets: order is ignored, duplicates count.</summary>
    Multiset,
}

/// <summary>Explicit normalisations a test may opt into. None is on by default.</summary>
internal sealed record RowCompareOptions
{
    public static RowCompareOptions Strict { get; } = new();

    /// <summary>For <c>timestamp</c> (UTC) columns, accept a value without the trailing <c>Z</c> as UTC. Off by
    /// default: a zone-less value where a UTC instant is expected is a type-mapping bug.</summary>
    public bool AcceptZonelessTimestampsAsUtc { get; init; }
}

/// <summary>
/// Compares rows in the JSON conventions of shared/conformance/README.md, guided by the Spark schema of the rows
/// (when given): integers exactly as Int64, floats as 32-bit and doubles as 64-bit values compared bit for bit
/// (NaN equals NaN; -0.0 differs from 0.0), decimals, strings, binary and dates as exact strings, timestamps at
/// microsecond precision and with their zone marker (…Z for timestamp, none for timestamp_ntz), structs by field
/// name, arrays by position, maps as sets of entries. Without a type, numbers compare as Int64 when integral,
/// else as doubles. Failure messages name the first differing row and column and show both values.
/// </summary>
internal static partial class JsonRowComparer
{
    private const int MaxShownChars = 1500;

    /// <summary>Fails the test with a message showing the first difference.</summary>
    public static void AssertEqual(IReadOnlyList<string> expected, IReadOnlyList<string> actual, StructType? schema,
        RowOrder order, RowCompareOptions? options = null)
    {
        var message = Compare(expected, actual, schema, order, options);
        if (message is not null) Assert.Fail(message);
    }

    /// <summary>Null when the row lists are equal; otherwise a description of the first difference.</summary>
    public static string? Compare(IReadOnlyList<string> expected, IReadOnlyList<string> actual, StructType? schema,
        RowOrder order, RowCompareOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        var ctx = new Context(options ?? RowCompareOptions.Strict);
        var e = Parse(expected, "expected");
        var a = Parse(actual, "actual");
        try
        {
            var schemaType = (DataType?)schema;
            return order == RowOrder.FileOrder ? CompareOrdered(e, a, schemaType, ctx) : CompareMultiset(e, a, schemaType, ctx);
        }
        finally
        {
            foreach (var d in e) d.Dispose();
            foreach (var d in a) d.Dispose();
        }
    }

    /// <summary>Null when the two JSON values are equal under <paramref name="type"/>, else the first difference.</summary>
    public static string? CompareValues(string expectedJson, string actualJson, DataType? type, RowCompareOptions? options = null)
    {
        using var e = JsonDocument.Parse(expectedJson);
        using var a = JsonDocument.Parse(actualJson);
        return Diff(e.RootElement, a.RootElement, type, "$", new Context(options ?? RowCompareOptions.Strict))?.ToString();
    }

    private static List<JsonDocument> Parse(IReadOnlyList<string> rows, string side)
    {
        var docs = new List<JsonDocument>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            try
            {
                var doc = JsonDocument.Parse(rows[i]);
                if (doc.RootElement.ValueKind != JsonValueKind.Object)
                    throw new ArgumentException($"{side} row {i} is not a JSON object: {Shorten(rows[i])}");
                docs.Add(doc);
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"{side} row {i} is not valid JSON ({ex.Message}): {Shorten(rows[i])}", ex);
            }
        }
        return docs;
    }

    private static string? CompareOrdered(List<JsonDocument> e, List<JsonDocument> a, DataType? schema, Context ctx)
    {
        var n = Math.Min(e.Count, a.Count);
        for (var i = 0; i < n; i++)
        {
            var d = Diff(e[i].RootElement, a[i].RootElement, schema, "", ctx);
            if (d is not null)
            {
                return $"Row {i} (file order) differs at {d.Where}: expected {d.Expected} but was {d.Actual}" +
                       (d.Note is null ? "" : $" ({d.Note})") +
                       $". Row counts: expected {e.Count}, actual {a.Count}.\n" +
                       $"  expected row {i}: {Shorten(Raw(e[i]))}\n  actual row {i}:   {Shorten(Raw(a[i]))}";
            }
        }
        if (e.Count != a.Count)
        {
            var more = e.Count > a.Count ? $"first expected row missing from actual (row {n}): {Shorten(Raw(e[n]))}"
                                         : $"first extra actual row (row {n}): {Shorten(Raw(a[n]))}";
            return $"Row counts differ: expected {e.Count}, actual {a.Count}; the first {n} rows are equal; {more}";
        }
        return null;
    }

    private static string? CompareMultiset(List<JsonDocument> e, List<JsonDocument> a, DataType? schema, Context ctx)
    {
        var counts = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < a.Count; i++)
        {
            var key = Canonical(a[i].RootElement, schema, ctx);
            if (!counts.TryGetValue(key, out var list)) counts[key] = list = [];
            list.Add(i);
        }
        var missing = new List<int>();
        for (var i = 0; i < e.Count; i++)
        {
            var key = Canonical(e[i].RootElement, schema, ctx);
            if (counts.TryGetValue(key, out var list) && list.Count > 0) list.RemoveAt(list.Count - 1);
            else missing.Add(i);
        }
        var extra = new List<int>();
        foreach (var list in counts.Values) extra.AddRange(list);
        extra.Sort();
        if (missing.Count == 0 && extra.Count == 0) return null;

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"Rows differ as multisets: {missing.Count} expected row(s) not in actual, {extra.Count} actual row(s) not expected (expected {e.Count} rows, actual {a.Count}).");
        if (missing.Count > 0)
        {
            var m = e[missing[0]].RootElement;
            sb.Append(CultureInfo.InvariantCulture, $"\n  first missing expected row (#{missing[0]}): {Shorten(Raw(e[missing[0]]))}");
            // The unmatched actual row with the fewest differing columns is most likely "the same row, wrong value".
            int best = -1, bestScore = int.MaxValue;
            foreach (var x in extra)
            {
                var score = DifferingColumns(m, a[x].RootElement, schema, ctx);
                if (score < bestScore) (best, bestScore) = (x, score);
            }
            if (best >= 0)
            {
                var d = Diff(m, a[best].RootElement, schema, "", ctx);
                sb.Append(CultureInfo.InvariantCulture, $"\n  nearest unmatched actual row (#{best}): {Shorten(Raw(a[best]))}");
                if (d is not null)
                    sb.Append(CultureInfo.InvariantCulture, $"\n  first difference at {d.Where}: expected {d.Expected} but was {d.Actual}{(d.Note is null ? "" : $" ({d.Note})")}");
            }
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n  first unexpected actual row (#{extra[0]}): {Shorten(Raw(a[extra[0]]))}");
        }
        return sb.ToString();
    }

    private static int DifferingColumns(JsonElement e, JsonElement a, DataType? schema, Context ctx)
    {
        var n = 0;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject()) keys.Add(p.Name);
        foreach (var p in a.EnumerateObject()) keys.Add(p.Name);
        foreach (var k in keys)
        {
            var ft = FieldType(schema, k);
            var he = e.TryGetProperty(k, out var ev);
            var ha = a.TryGetProperty(k, out var av);
            if (he != ha || (he && Canonical(ev, ft, ctx) != Canonical(av, ft, ctx))) n++;
        }
        return n;
    }

    private sealed record Difference(string Where, string Expected, string Actual, string? Note = null)
    {
        public override string ToString() => $"{Where}: expected {Expected} but was {Actual}{(Note is null ? "" : $" ({Note})")}";
    }

    private sealed class Context(RowCompareOptions options)
    {
        public RowCompareOptions Options { get; } = options;
    }

    private static DataType? FieldType(DataType? type, string name)
    {
        if (type is not StructType st) return null;
        for (var i = 0; i < st.Count; i++)
            if (st[i].Name == name) return st[i].Type;
        return null;
    }

    private static string Join(string path, string name) =>
        path.Length == 0 ? $"column '{name}'" : $"{path}.{name}";

    /// <summary>The first difference between two values, or null when equal.</summary>
    private static Difference? Diff(JsonElement e, JsonElement a, DataType? type, string path, Context ctx)
    {
        var where = path.Length == 0 ? "the row" : path;
        if (Canonical(e, type, ctx) == Canonical(a, type, ctx)) return null;
        if (e.ValueKind == JsonValueKind.Null || a.ValueKind == JsonValueKind.Null)
            return new Difference(where, Shorten(e.GetRawText()), Shorten(a.GetRawText()));

        if ((type is StructType || (type is null && e.ValueKind == JsonValueKind.Object)) &&
            e.ValueKind == JsonValueKind.Object && a.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in e.EnumerateObject())
            {
                if (!a.TryGetProperty(p.Name, out var av))
                    return new Difference(Join(path, p.Name), Shorten(p.Value.GetRawText()), "<absent>", "field missing on the actual side");
                var d = Diff(p.Value, av, FieldType(type, p.Name), Join(path, p.Name), ctx);
                if (d is not null) return d;
            }
            foreach (var p in a.EnumerateObject())
                if (!e.TryGetProperty(p.Name, out _))
                    return new Difference(Join(path, p.Name), "<absent>", Shorten(p.Value.GetRawText()), "unexpected field on the actual side");
        }
        else if (type is MapType mt && e.ValueKind == JsonValueKind.Array && a.ValueKind == JsonValueKind.Array)
        {
            var d = DiffMap(e, a, mt, where, ctx);
            if (d is not null) return d;
        }
        else if ((type is ArrayType || (type is null && e.ValueKind == JsonValueKind.Array)) &&
                 e.ValueKind == JsonValueKind.Array && a.ValueKind == JsonValueKind.Array)
        {
            var el = (type as ArrayType)?.ElementType;
            var n = Math.Min(e.GetArrayLength(), a.GetArrayLength());
            for (var i = 0; i < n; i++)
            {
                var d = Diff(e[i], a[i], el, $"{where}[{i}]", ctx);
                if (d is not null) return d;
            }
            return new Difference(where, Shorten(e.GetRawText()), Shorten(a.GetRawText()),
                $"array length {e.GetArrayLength()} vs {a.GetArrayLength()}");
        }
        return new Difference(where, Shorten(e.GetRawText()), Shorten(a.GetRawText()), LeafNote(e, a, type, ctx));
    }

    private static Difference? DiffMap(JsonElement e, JsonElement a, MapType mt, string where, Context ctx)
    {
        if (!IsEntryArray(e) || !IsEntryArray(a))
            return new Difference(where, Shorten(e.GetRawText()), Shorten(a.GetRawText()), "a map must be an array of {key, value} objects");
        var actualByKey = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in a.EnumerateArray()) actualByKey.TryAdd(Canonical(entry.GetProperty("key"), mt.KeyType, ctx), entry);
        foreach (var entry in e.EnumerateArray())
        {
            var k = entry.GetProperty("key");
            if (!actualByKey.TryGetValue(Canonical(k, mt.KeyType, ctx), out var other))
                return new Difference($"{where}[key {Shorten(k.GetRawText())}]", Shorten(entry.GetProperty("value").GetRawText()), "<absent>", "map key missing on the actual side");
            var d = Diff(entry.GetProperty("value"), other.GetProperty("value"), mt.ValueType, $"{where}[key {Shorten(k.GetRawText())}]", ctx);
            if (d is not null) return d;
        }
        return new Difference(where, Shorten(e.GetRawText()), Shorten(a.GetRawText()),
            $"map entry count {e.GetArrayLength()} vs {a.GetArrayLength()}");
    }

    private static bool IsEntryArray(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array) return false;
        foreach (var x in e.EnumerateArray())
            if (x.ValueKind != JsonValueKind.Object || !x.TryGetProperty("key", out _) || !x.TryGetProperty("value", out _)) return false;
        return true;
    }

    private static string? LeafNote(JsonElement e, JsonElement a, DataType? type, Context ctx)
    {
        var ce = Canonical(e, type, ctx);
        var ca = Canonical(a, type, ctx);
        if (ce.StartsWith("bad:", StringComparison.Ordinal)) return $"expected value is not a valid {type?.SimpleString ?? "value"}";
        if (ca.StartsWith("bad:", StringComparison.Ordinal)) return $"actual value is not a valid {type?.SimpleString ?? "value"}";
        if (type is TimestampType or TimestampNtzType && e.ValueKind == JsonValueKind.String && a.ValueKind == JsonValueKind.String &&
            e.GetString()!.EndsWith('Z') != a.GetString()!.EndsWith('Z'))
            return "zone marker differs: 'Z' (UTC instant, timestamp) vs none (wall clock, timestamp_ntz)";
        return type is null ? null : $"compared as {type.SimpleString}";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Canonical text: equal canonical text <=> equal values under the type's rules.

    private static string Canonical(JsonElement v, DataType? type, Context ctx)
    {
        if (v.ValueKind == JsonValueKind.Null) return "null";
        switch (type)
        {
            case null:
                return Untyped(v, ctx);
            case BooleanType:
                return v.ValueKind is JsonValueKind.True ? "true" : v.ValueKind is JsonValueKind.False ? "false" : Bad(v);
            case ByteType or ShortType or IntegerType or LongType:
                return v.ValueKind == JsonValueKind.Number &&
                       long.TryParse(v.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? "i:" + l.ToString(CultureInfo.InvariantCulture) : Bad(v);
            case FloatType:
                return TryFloat(v, out var f)
                    ? (float.IsNaN(f) ? "f:NaN" : "f:" + BitConverter.SingleToInt32Bits(f).ToString("x8", CultureInfo.InvariantCulture))
                    : Bad(v);
            case DoubleType:
                return TryDouble(v, out var d)
                    ? (double.IsNaN(d) ? "d:NaN" : "d:" + BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture))
                    : Bad(v);
            case DecimalType or StringType or BinaryType or DateType:
                return v.ValueKind == JsonValueKind.String ? "s:" + Quote(v.GetString()!) : Bad(v);
            case TimestampType:
                return TryTimestamp(v, out var us, out var z) && (z || ctx.Options.AcceptZonelessTimestampsAsUtc)
                    ? "ts:" + us.ToString(CultureInfo.InvariantCulture) + "Z"
                    : TryTimestamp(v, out us, out _) ? "ts:" + us.ToString(CultureInfo.InvariantCulture) + "(no zone)" : Bad(v);
            case TimestampNtzType:
                return TryTimestamp(v, out var us2, out var z2)
                    ? "ts:" + us2.ToString(CultureInfo.InvariantCulture) + (z2 ? "Z" : "") : Bad(v);
            case StructType st:
            {
                if (v.ValueKind != JsonValueKind.Object) return Bad(v);
                var parts = new List<string>();
                foreach (var p in v.EnumerateObject()) parts.Add(Quote(p.Name) + "=" + Canonical(p.Value, FieldType(st, p.Name), ctx));
                parts.Sort(StringComparer.Ordinal);
                return "{" + string.Join(",", parts) + "}";
            }
            case ArrayType at:
            {
                if (v.ValueKind != JsonValueKind.Array) return Bad(v);
                var parts = new List<string>();
                foreach (var x in v.EnumerateArray()) parts.Add(Canonical(x, at.ElementType, ctx));
                return "[" + string.Join(",", parts) + "]";
            }
            case MapType mt:
            {
                if (!IsEntryArray(v)) return Bad(v);
                var parts = new List<string>();
                foreach (var x in v.EnumerateArray())
                    parts.Add("(" + Canonical(x.GetProperty("key"), mt.KeyType, ctx) + "=>" + Canonical(x.GetProperty("value"), mt.ValueType, ctx) + ")");
                parts.Sort(StringComparer.Ordinal);
                return "map[" + string.Join(",", parts) + "]";
            }
            default:
                return Untyped(v, ctx);
        }
    }

    private static string Untyped(JsonElement v, Context ctx)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Number:
                if (long.TryParse(v.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
                    return "i:" + l.ToString(CultureInfo.InvariantCulture);
                return TryDouble(v, out var d) ? "d:" + BitConverter.DoubleToInt64Bits(d).ToString("x16", CultureInfo.InvariantCulture) : Bad(v);
            case JsonValueKind.String: return "s:" + Quote(v.GetString()!);
            case JsonValueKind.True: return "true";
            case JsonValueKind.False: return "false";
            case JsonValueKind.Object:
            {
                var parts = new List<string>();
                foreach (var p in v.EnumerateObject()) parts.Add(Quote(p.Name) + "=" + Untyped(p.Value, ctx));
                parts.Sort(StringComparer.Ordinal);
                return "{" + string.Join(",", parts) + "}";
            }
            case JsonValueKind.Array:
            {
                var parts = new List<string>();
                foreach (var x in v.EnumerateArray()) parts.Add(Untyped(x, ctx));
                return "[" + string.Join(",", parts) + "]";
            }
            default: return "null";
        }
    }

    private static string Bad(JsonElement v) => "bad:" + v.ValueKind + ":" + v.GetRawText();

    private static string Quote(string s) => JsonSerializer.Serialize(s);

    private static bool TryFloat(JsonElement v, out float value)
    {
        if (v.ValueKind == JsonValueKind.String) return TrySpecial(v.GetString(), out value);
        value = 0;
        return v.ValueKind == JsonValueKind.Number &&
               float.TryParse(v.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
    }

    private static bool TryDouble(JsonElement v, out double value)
    {
        if (v.ValueKind == JsonValueKind.String)
        {
            var ok = TrySpecial(v.GetString(), out float f);
            value = f;
            return ok;
        }
        value = 0;
        return v.ValueKind == JsonValueKind.Number &&
               double.TryParse(v.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    private static bool TrySpecial(string? s, out float value)
    {
        (var ok, value) = s switch
        {
            "NaN" => (true, float.NaN),
            "Infinity" => (true, float.PositiveInfinity),
            "-Infinity" => (true, float.NegativeInfinity),
            _ => (false, 0f),
        };
        return ok;
    }

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z?)$", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPattern();

    /// <summary>Microseconds since the epoch (fraction digits past 6 truncated) and whether the text ends in Z.</summary>
    private static bool TryTimestamp(JsonElement v, out long micros, out bool utc)
    {
        micros = 0;
        utc = false;
        if (v.ValueKind != JsonValueKind.String) return false;
        var m = TimestampPattern().Match(v.GetString()!);
        if (!m.Success) return false;
        int P(int g) => int.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture);
        var (y, mo, d, h, mi, s) = (P(1), P(2), P(3), P(4), P(5), P(6));
        if (y < 1 || mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return false;
        var frac = m.Groups[7].Value.PadRight(6, '0')[..6];
        var dt = new DateTime(y, mo, d, h, mi, s, DateTimeKind.Unspecified);
        micros = (dt.Ticks - DateTime.UnixEpoch.Ticks) / 10 + long.Parse(frac, CultureInfo.InvariantCulture);
        utc = m.Groups[8].Value == "Z";
        return true;
    }

    private static string Raw(JsonDocument d) => d.RootElement.GetRawText();

    private static string Shorten(string s) => s.Length <= MaxShownChars ? s : s[..MaxShownChars] + $"… ({s.Length} chars)";
}
