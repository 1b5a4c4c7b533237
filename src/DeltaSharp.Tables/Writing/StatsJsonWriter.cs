using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeltaSharp.Parquet;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Builds the <c>add.stats</c> JSON of a data file (PROTOCOL.md "Per-file Statistics") as Spark does: numRecords,
/// then minValues / maxValues / nullCount mirroring the data schema by physical name for the indexed columns (the
/// first delta.dataSkippingNumIndexedCols leaves, or delta.dataSkippingStatsColumns), then tightBounds when the table
/// supports deletion vectors. Min/max only for skipping-eligible types (numbers, decimal, string, date, timestamps);
/// strings cut to a 32-character prefix (max: prefix + tie-breaker U+FFFD), timestamps truncated to milliseconds.
/// Immutable; thread-safe.
/// </summary>
internal sealed class StatsJsonWriter
{
    public const int StringPrefixLength = 32;
    private const char TieBreaker = '\uFFFD';
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly IReadOnlyList<StatsNode> _roots;
    private readonly bool _writeTightBounds;

    public StatsJsonWriter(DataWriteSettings settings)
    {
        _writeTightBounds = settings.WriteTightBounds;
        var dataFields = new List<(StructField, int)>();
        for (var i = 0; i < settings.Schema.Count; i++)
            if (!ContainsIgnoreCase(settings.PartitionColumns, settings.Schema[i].Name)) dataFields.Add((settings.Schema[i], i));
        var selected = settings.StatsColumns is { } names
            ? SelectByName(dataFields, ParseColumnList(names), settings.ColumnMapping, [], [])
            : SelectFirstLeaves(dataFields, settings.NumIndexedCols < 0 ? int.MaxValue : settings.NumIndexedCols, settings.ColumnMapping, [], [], out _);
        _roots = selected;
    }

    /// <summary>The indexed columns: struct nodes with children, or leaves (primitive, array, map).</summary>
    public IReadOnlyList<StatsNode> Roots => _roots;

    /// <summary>One indexed column by physical name; <see cref="Path"/> is the physical path from the top and
    /// <see cref="Ordinals"/> the field positions along it (the first in the table schema, then in each struct).</summary>
    public sealed record StatsNode(string Name, DataType Type, IReadOnlyList<string> Path, IReadOnlyList<int> Ordinals, IReadOnlyList<StatsNode>? Children)
    {
        public bool IsStruct => Children is not null;

        /// <summary>Key of the leaf in <see cref="FileColumnFacts"/> and ParquetWriteResult paths.</summary>
        public string Key => string.Join('\u0001', Path);
    }

    /// <summary>What the file writer saw that Parquet statistics do not tell: null counts of array/map columns and
    /// float/double leaves holding NaN (their min/max are left out, as NaN orders above every number in Spark).</summary>
    public sealed class FileColumnFacts
    {
        public Dictionary<string, long> NestedNullCounts { get; } = [];
        public HashSet<string> LeavesWithNaN { get; } = [];
    }

    /// <summary>The stats JSON for a file with <paramref name="result"/>.</summary>
    public string Build(ParquetWriteResult result, FileColumnFacts facts)
    {
        var leafStats = new Dictionary<string, ColumnStatistics>();
        foreach (var c in result.Columns) leafStats[string.Join('\u0001', c.Path)] = c;

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("numRecords", result.RowCount);
            if (HasLeaf(_roots))
            {
                if (AnyEligible(_roots))
                {
                    w.WritePropertyName("minValues");
                    WriteMinMax(w, _roots, leafStats, facts, min: true);
                    w.WritePropertyName("maxValues");
                    WriteMinMax(w, _roots, leafStats, facts, min: false);
                }
                w.WritePropertyName("nullCount");
                WriteNullCounts(w, _roots, leafStats, facts);
            }
            if (_writeTightBounds) w.WriteBoolean("tightBounds", true);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool HasLeaf(IReadOnlyList<StatsNode> nodes)
    {
        foreach (var n in nodes)
            if (!n.IsStruct || HasLeaf(n.Children!)) return true;
        return false;
    }

    private static bool AnyEligible(IReadOnlyList<StatsNode> nodes)
    {
        foreach (var n in nodes)
            if (n.IsStruct ? AnyEligible(n.Children!) : IsMinMaxEligible(n.Type)) return true;
        return false;
    }

    /// <summary>Spark's SkippingEligibleDataType: the types min/max are collected for.</summary>
    public static bool IsMinMaxEligible(DataType type) =>
        type is ByteType or ShortType or IntegerType or LongType or FloatType or DoubleType or DecimalType
            or StringType or DateType or TimestampType or TimestampNtzType;

    private static void WriteMinMax(Utf8JsonWriter w, IReadOnlyList<StatsNode> nodes, Dictionary<string, ColumnStatistics> leafStats,
        FileColumnFacts facts, bool min)
    {
        w.WriteStartObject();
        foreach (var n in nodes)
        {
            if (n.IsStruct)
            {
                if (!AnyEligible(n.Children!)) continue;
                w.WritePropertyName(n.Name);
                WriteMinMax(w, n.Children!, leafStats, facts, min);
                continue;
            }
            if (!IsMinMaxEligible(n.Type) || facts.LeavesWithNaN.Contains(n.Key)) continue;
            if (!leafStats.TryGetValue(n.Key, out var s)) continue;
            var value = min ? s.Min : s.Max;
            if (value is null) continue;
            WriteStatValue(w, n.Name, n.Type, value, min);
        }
        w.WriteEndObject();
    }

    private static void WriteNullCounts(Utf8JsonWriter w, IReadOnlyList<StatsNode> nodes, Dictionary<string, ColumnStatistics> leafStats,
        FileColumnFacts facts)
    {
        w.WriteStartObject();
        foreach (var n in nodes)
        {
            if (n.IsStruct)
            {
                if (!HasLeaf(n.Children!)) continue;
                w.WritePropertyName(n.Name);
                WriteNullCounts(w, n.Children!, leafStats, facts);
                continue;
            }
            if (n.Type.IsPrimitive)
            {
                if (leafStats.TryGetValue(n.Key, out var s)) w.WriteNumber(n.Name, s.NullCount);
            }
            else if (facts.NestedNullCounts.TryGetValue(n.Key, out var count))
            {
                w.WriteNumber(n.Name, count);
            }
        }
        w.WriteEndObject();
    }

    private static void WriteStatValue(Utf8JsonWriter w, string name, DataType type, object value, bool min)
    {
        switch (type)
        {
            case StringType:
                var s = (string)value;
                w.WriteString(name, min ? TruncateMin(s) : TruncateMax(s));
                break;
            case FloatType:
                w.WritePropertyName(name);
                WriteJavaNumber(w, DeltaSharp.Compute.JavaNumberFormat.FloatToString((float)value));
                break;
            case DoubleType:
                w.WritePropertyName(name);
                WriteJavaNumber(w, DeltaSharp.Compute.JavaNumberFormat.DoubleToString((double)value));
                break;
            case DecimalType:
                w.WritePropertyName(name);
                w.WriteRawValue(((DecimalValue)value).ToString());
                break;
            case DateType when value is DateOnly d:
                w.WriteString(name, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimestampType when value is DateTime t:
                w.WriteString(name, TruncateToMillis(t).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                break;
            case TimestampNtzType when value is DateTime t2:
                w.WriteString(name, TruncateToMillis(t2).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture));
                break;
            case ByteType or ShortType or IntegerType or LongType:
                w.WritePropertyName(name);
                w.WriteRawValue(System.Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            default:
                return; // out-of-range dates/timestamps box as raw numbers: no stats rather than wrong ones
        }
    }

    // Jackson quotes non-finite numbers ("NaN", "Infinity") when writing Spark's stats.
    private static void WriteJavaNumber(Utf8JsonWriter w, string text)
    {
        if (text is "Infinity" or "-Infinity" or "NaN") w.WriteStringValue(text);
        else w.WriteRawValue(text);
    }

    private static DateTime TruncateToMillis(DateTime t) => new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, t.Kind);

    /// <summary>Spark: substring(min, 0, 32) — the first 32 characters (code points).</summary>
    public static string TruncateMin(string value)
    {
        var end = PrefixEnd(value, StringPrefixLength);
        return end >= value.Length ? value : value[..end];
    }

    /// <summary>Spark's truncateMaxStringAgg: the 32-character prefix, extended over characters ≥ U+FFFD, plus the
    /// tie-breaker U+FFFD, so the result still sorts at or above every value it stands for.</summary>
    public static string TruncateMax(string value)
    {
        if (value.Length <= StringPrefixLength) return value;
        var end = StringPrefixLength;
        if (char.IsHighSurrogate(value[end - 1]) && char.IsLowSurrogate(value[end])) end++; // never split a pair
        if (end >= value.Length) return value;
        while (end < value.Length && value[end] >= TieBreaker) end++;
        return string.Concat(value.AsSpan(0, end), TieBreaker.ToString());
    }

    private static int PrefixEnd(string value, int codePoints)
    {
        var i = 0;
        for (var n = 0; n < codePoints && i < value.Length; n++)
            i += char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
        return i;
    }

    // ---- indexed column selection ----

    private static bool ContainsIgnoreCase(IReadOnlyList<string> names, string name)
    {
        foreach (var n in names)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>Spark's truncateSchema: the first <paramref name="budget"/> leaves (a struct spends its children).</summary>
    private static List<StatsNode> SelectFirstLeaves(IReadOnlyList<(StructField Field, int Ordinal)> fields, int budget, bool mapped,
        IReadOnlyList<string> parentPath, IReadOnlyList<int> parentOrdinals, out int used)
    {
        var nodes = new List<StatsNode>();
        used = 0;
        for (var i = 0; i < fields.Count && used < budget; i++)
        {
            var (f, ordinal) = fields[i];
            var name = PhysicalSchema.NameOf(f, mapped);
            var path = Append(parentPath, name);
            var ordinals = Append(parentOrdinals, ordinal);
            if (f.Type is StructType st)
            {
                var children = SelectFirstLeaves(Indexed(st), budget - used, mapped, path, ordinals, out var childUsed);
                used += childUsed;
                nodes.Add(new StatsNode(name, PhysicalSchema.Convert(f.Type, mapped), path, ordinals, children));
            }
            else
            {
                used++;
                nodes.Add(new StatsNode(name, PhysicalSchema.Convert(f.Type, mapped), path, ordinals, null));
            }
        }
        return nodes;
    }

    private static List<StatsNode> SelectByName(IReadOnlyList<(StructField Field, int Ordinal)> fields, IReadOnlyList<IReadOnlyList<string>> wanted,
        bool mapped, IReadOnlyList<string> parentPath, IReadOnlyList<int> parentOrdinals)
    {
        var nodes = new List<StatsNode>();
        foreach (var (f, ordinal) in fields)
        {
            var matching = new List<IReadOnlyList<string>>();
            foreach (var w in wanted)
                if (w.Count > 0 && string.Equals(w[0], f.Name, StringComparison.OrdinalIgnoreCase)) matching.Add(w);
            if (matching.Count == 0) continue;
            var name = PhysicalSchema.NameOf(f, mapped);
            var path = Append(parentPath, name);
            var ordinals = Append(parentOrdinals, ordinal);
            var whole = matching.Exists(m => m.Count == 1);
            if (f.Type is StructType st)
            {
                var rest = whole ? AllOf(st) : matching.Where(m => m.Count > 1).Select(m => (IReadOnlyList<string>)m.Skip(1).ToList()).ToList();
                nodes.Add(new StatsNode(name, PhysicalSchema.Convert(f.Type, mapped), path, ordinals, SelectByName(Indexed(st), rest, mapped, path, ordinals)));
            }
            else if (whole)
            {
                nodes.Add(new StatsNode(name, PhysicalSchema.Convert(f.Type, mapped), path, ordinals, null));
            }
        }
        return nodes;
    }

    private static List<(StructField, int)> Indexed(StructType st)
    {
        var list = new List<(StructField, int)>(st.Count);
        for (var i = 0; i < st.Count; i++) list.Add((st[i], i));
        return list;
    }

    private static List<IReadOnlyList<string>> AllOf(StructType st) => st.Fields.Select(f => (IReadOnlyList<string>)[f.Name]).ToList();

    private static T[] Append<T>(IReadOnlyList<T> path, T item)
    {
        var result = new T[path.Count + 1];
        for (var i = 0; i < path.Count; i++) result[i] = path[i];
        result[^1] = item;
        return result;
    }

    /// <summary>Parses delta.dataSkippingStatsColumns: comma-separated, possibly dotted, possibly `quoted` names.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ParseColumnList(IReadOnlyList<string> entries)
    {
        var result = new List<IReadOnlyList<string>>();
        foreach (var entry in entries)
        {
            var parts = new List<string>();
            var sb = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < entry.Length; i++)
            {
                var c = entry[i];
                if (c == '`')
                {
                    if (quoted && i + 1 < entry.Length && entry[i + 1] == '`') { sb.Append('`'); i++; }
                    else quoted = !quoted;
                }
                else if (!quoted && c == '.') { parts.Add(sb.ToString().Trim()); sb.Clear(); }
                else if (!quoted && c == ',')
                {
                    parts.Add(sb.ToString().Trim());
                    sb.Clear();
                    if (parts.Exists(p => p.Length > 0)) result.Add(parts);
                    parts = [];
                }
                else sb.Append(c);
            }
            parts.Add(sb.ToString().Trim());
            if (parts.Exists(p => p.Length > 0)) result.Add(parts);
        }
        return result;
    }
}
