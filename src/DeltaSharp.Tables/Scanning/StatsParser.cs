using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Parses add.stats (PROTOCOL.md "Per-file Statistics"): numRecords, tightBounds and per-column minValues,
/// maxValues, nullCount, nested like the schema, keyed by physical names under column mapping. Values come back typed
/// (<see cref="ValueConverter"/> boxing) under logical dotted paths ("a.b.c"); entries that do not match the schema or
/// their column's type are dropped (unknown = no information). Built once per scan; thread-safe.
/// </summary>
public sealed class StatsParser
{
    private readonly Node _root;

    public StatsParser(StructType logicalSchema, ColumnMappingMode mode)
        : this(logicalSchema, mode, null)
    {
    }

    /// <summary>A parser that keeps only the columns whose logical paths are in <paramref name="only"/> (all when
    /// null): data skipping reads just the columns its predicate names and skips the rest of the JSON.</summary>
    public StatsParser(StructType logicalSchema, ColumnMappingMode mode, IReadOnlySet<string>? only)
    {
        ArgumentNullException.ThrowIfNull(logicalSchema);
        _root = Build(logicalSchema, mode, "", only);
    }

    private sealed class Node
    {
        public Node() => Lookup = ByPhysicalName.GetAlternateLookup<ReadOnlySpan<char>>();

        public Dictionary<string, Entry> ByPhysicalName { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
    }

    private sealed record Entry(string LogicalPath, DataType Type, Node? Children);

    private static Node Build(StructType schema, ColumnMappingMode mode, string prefix, IReadOnlySet<string>? only)
    {
        var node = new Node();
        foreach (var f in schema.Fields)
        {
            var path = prefix.Length == 0 ? f.Name : prefix + "." + f.Name;
            var children = f.Type is StructType st ? Build(st, mode, path, only) : null;
            if (only is not null && !only.Contains(path) && children is not { ByPhysicalName.Count: > 0 }) continue;
            node.ByPhysicalName[ColumnMapping.PhysicalName(f, mode)] = new Entry(path, f.Type, children);
        }
        return node;
    }

    /// <summary>The parsed stats, or null when <paramref name="json"/> is null/empty or not a JSON object.</summary>
    public FileStatistics? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, Encoding.UTF8.GetBytes(json, buffer)));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            long numRecords = -1;
            bool? tight = null;
            var min = new Dictionary<string, object?>(StringComparer.Ordinal);
            var max = new Dictionary<string, object?>(StringComparer.Ordinal);
            var nulls = new Dictionary<string, long>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = TopLevelField(ref reader);
                reader.Read();
                switch (field)
                {
                    case 1 when reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n):
                        numRecords = n;
                        break;
                    case 2 when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                        tight = reader.GetBoolean();
                        break;
                    case 3 when reader.TokenType == JsonTokenType.StartObject:
                        ReadValues(ref reader, _root, min);
                        break;
                    case 4 when reader.TokenType == JsonTokenType.StartObject:
                        ReadValues(ref reader, _root, max);
                        break;
                    case 5 when reader.TokenType == JsonTokenType.StartObject:
                        ReadNullCounts(ref reader, _root, nulls);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            // numRecords is the one statistic every consumer needs; without it the stats carry no reliable counts.
            return numRecords < 0 ? null : new FileStatistics(numRecords, min, max, nulls, tight);
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int TopLevelField(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("numRecords"u8) ? 1
        : reader.ValueTextEquals("tightBounds"u8) ? 2
        : reader.ValueTextEquals("minValues"u8) ? 3
        : reader.ValueTextEquals("maxValues"u8) ? 4
        : reader.ValueTextEquals("nullCount"u8) ? 5
        : 0;

    /// <summary>The entry named by the current property (looked up without allocating a string for short names).</summary>
    private static Entry? Lookup(ref Utf8JsonReader reader, Node node)
    {
        if (node.ByPhysicalName.Count == 0) return null;
        if (reader.HasValueSequence || reader.ValueSpan.Length > 128) return node.ByPhysicalName.GetValueOrDefault(reader.GetString()!);
        Span<char> name = stackalloc char[128];
        var length = reader.CopyString(name);
        return node.Lookup.TryGetValue(name[..length], out var entry) ? entry : null;
    }

    private static void ReadValues(ref Utf8JsonReader reader, Node node, Dictionary<string, object?> output)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var entry = Lookup(ref reader, node);
            reader.Read();
            if (entry is null)
            {
                reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (entry.Children is { } children) ReadValues(ref reader, children, output);
                else reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.StartArray)
            {
                reader.Skip();
            }
            else if (TryReadValue(ref reader, entry.Type, out var value))
            {
                output[entry.LogicalPath] = value;
            }
        }
    }

    private static void ReadNullCounts(ref Utf8JsonReader reader, Node node, Dictionary<string, long> output)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var entry = Lookup(ref reader, node);
            reader.Read();
            if (entry is null) reader.Skip();
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (entry.Children is { } children) ReadNullCounts(ref reader, children, output);
                else reader.Skip();
            }
            else if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n)) output[entry.LogicalPath] = n;
            else reader.Skip();
        }
    }

    /// <summary>A JSON scalar as a typed value of <paramref name="type"/>; false (value dropped) when it does not fit.</summary>
    private static bool TryReadValue(ref Utf8JsonReader reader, DataType type, out object? value)
    {
        value = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                switch (type)
                {
                    case ByteType when reader.TryGetSByte(out var i8): value = i8; return true;
                    case ShortType when reader.TryGetInt16(out var i16): value = i16; return true;
                    case IntegerType when reader.TryGetInt32(out var i32): value = i32; return true;
                    case LongType when reader.TryGetInt64(out var i64): value = i64; return true;
                    case FloatType when reader.TryGetDouble(out var f): value = (float)f; return true;
                    case DoubleType when reader.TryGetDouble(out var d): value = d; return true;
                    case DecimalType dec:
                        if (DecimalValue.TryParse(Encoding.UTF8.GetString(reader.ValueSpan), dec.Scale, out var dv)) value = dv;
                        return value is not null;
                    default: return false;
                }
            case JsonTokenType.String:
            {
                var s = reader.GetString()!;
                switch (type)
                {
                    case StringType: value = s; return true;
                    case DateType when PartitionValues.TryParseDate(s, out var date): value = date; return true;
                    case TimestampType when PartitionValues.TryParseTimestamp(s, utc: true, out var ts): value = ts; return true;
                    case TimestampNtzType when PartitionValues.TryParseTimestamp(s, utc: false, out var ntz): value = ntz; return true;
                    case FloatType when float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var f): value = f; return true;
                    case DoubleType when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d): value = d; return true;
                    case DecimalType dec when DecimalValue.TryParse(s, dec.Scale, out var dv): value = dv; return true;
                    default: return false;
                }
            }
            case JsonTokenType.True or JsonTokenType.False when type is BooleanType:
                value = reader.GetBoolean();
                return true;
            default:
                return false;
        }
    }

    /// <summary>stats.numRecords without parsing the rest (null when absent or unparseable).</summary>
    public static long? ReadNumRecords(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isNumRecords = reader.ValueTextEquals("numRecords"u8);
                reader.Read();
                if (isNumRecords) return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) ? n : null;
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
