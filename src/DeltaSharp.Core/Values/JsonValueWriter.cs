using System.Globalization;
using System.Text;
using System.Text.Json;
using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Values;

/// <summary>
/// Writes vector values as JSON in the conventions of the conformance corpus (shared/conformance/README.md):
/// exact integers, shortest round-trip floats, NaN/±Infinity as strings, decimals as plain strings with
/// exactly s fraction digits, timestamps as ISO-8601 with 6 fraction digits (UTC with Z; ntz without),
/// dates as yyyy-MM-dd, binary as Base64, structs as objects, maps as sorted key/value entry arrays.
/// </summary>
public static class JsonValueWriter
{
    /// <summary>Writes row <paramref name="row"/> of the batch as one JSON object keyed by column name.</summary>
    public static void WriteRow(Utf8JsonWriter writer, ColumnBatch batch, int row)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(batch);
        writer.WriteStartObject();
        for (var c = 0; c < batch.Columns.Length; c++)
        {
            writer.WritePropertyName(batch.Schema[c].Name);
            WriteValue(writer, batch.Columns[c], row);
        }
        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, ColumnVector vector, int index)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(vector);
        if (vector.IsNull(index))
        {
            writer.WriteNullValue();
            return;
        }
        switch (vector)
        {
            case PrimitiveVector<bool> b: writer.WriteBooleanValue(b[index]); break;
            case PrimitiveVector<sbyte> i8: writer.WriteNumberValue(i8[index]); break;
            case PrimitiveVector<short> i16: writer.WriteNumberValue(i16[index]); break;
            case PrimitiveVector<int> i32:
                if (vector.Type is DateType) writer.WriteStringValue(FormatDate(i32[index]));
                else writer.WriteNumberValue(i32[index]);
                break;
            case PrimitiveVector<long> i64:
                switch (vector.Type)
                {
                    case TimestampType: writer.WriteStringValue(FormatTimestamp(i64[index], utc: true)); break;
                    case TimestampNtzType: writer.WriteStringValue(FormatTimestamp(i64[index], utc: false)); break;
                    case DecimalType d: writer.WriteStringValue(new DecimalValue(i64[index], d.Scale).ToString()); break;
                    default: writer.WriteNumberValue(i64[index]); break;
                }
                break;
            case PrimitiveVector<Int128> i128:
                writer.WriteStringValue(new DecimalValue(i128[index], ((DecimalType)vector.Type).Scale).ToString());
                break;
            case PrimitiveVector<float> f: WriteFloat(writer, f[index]); break;
            case PrimitiveVector<double> d64: WriteDouble(writer, d64[index]); break;
            case BinaryVector bin:
                if (vector.Type is StringType) writer.WriteStringValue(bin.GetBytes(index));
                else writer.WriteBase64StringValue(bin.GetBytes(index));
                break;
            case StructVector s:
                writer.WriteStartObject();
                for (var i = 0; i < s.Children.Length; i++)
                {
                    writer.WritePropertyName(s.StructType[i].Name);
                    WriteValue(writer, s.Children[i], index);
                }
                writer.WriteEndObject();
                break;
            case ListVector l:
                writer.WriteStartArray();
                for (var i = l.Offsets[index]; i < l.Offsets[index + 1]; i++) WriteValue(writer, l.Elements, i);
                writer.WriteEndArray();
                break;
            case MapVector m:
                WriteMap(writer, m, index);
                break;
            default:
                throw new NotSupportedException($"Cannot write {vector.GetType().Name} as JSON.");
        }
    }

    private static void WriteMap(Utf8JsonWriter writer, MapVector m, int index)
    {
        // Entries are sorted by the canonical JSON text of the key (the corpus treats a map as a set).
        var entries = new List<(string Key, int Index)>();
        for (var i = m.Offsets[index]; i < m.Offsets[index + 1]; i++) entries.Add((ToJson(m.Keys, i), i));
        entries.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        writer.WriteStartArray();
        foreach (var (_, i) in entries)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("key");
            WriteValue(writer, m.Keys, i);
            writer.WritePropertyName("value");
            WriteValue(writer, m.Values, i);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>The canonical JSON text of one value (no whitespace).</summary>
    public static string ToJson(ColumnVector vector, int index)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteValue(w, vector, index);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    public static void WriteFloat(Utf8JsonWriter writer, float v)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (float.IsNaN(v)) writer.WriteStringValue("NaN");
        else if (float.IsPositiveInfinity(v)) writer.WriteStringValue("Infinity");
        else if (float.IsNegativeInfinity(v)) writer.WriteStringValue("-Infinity");
        else writer.WriteRawValue(FormatNumber(v.ToString("R", CultureInfo.InvariantCulture), v == 0 && float.IsNegative(v)));
    }

    public static void WriteDouble(Utf8JsonWriter writer, double v)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (double.IsNaN(v)) writer.WriteStringValue("NaN");
        else if (double.IsPositiveInfinity(v)) writer.WriteStringValue("Infinity");
        else if (double.IsNegativeInfinity(v)) writer.WriteStringValue("-Infinity");
        else writer.WriteRawValue(FormatNumber(v.ToString("R", CultureInfo.InvariantCulture), v == 0 && double.IsNegative(v)));
    }

    private static string FormatNumber(string s, bool negativeZero)
    {
        if (negativeZero) return "-0.0";
        // .NET writes 1E+20; JSON accepts it, the corpus writes lower-case exponents.
        return s.Replace("E", "e", StringComparison.Ordinal);
    }

    public static string FormatDate(int days)
    {
        var d = ValueConverter.DateFromDays(days);
        return d is { } date
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : throw new OverflowException($"Date {days} days from the epoch is outside 0001-01-01..9999-12-31.");
    }

    public static string FormatTimestamp(long micros, bool utc)
    {
        var t = ValueConverter.TimestampFromMicros(micros, utc ? DateTimeKind.Utc : DateTimeKind.Unspecified)
            ?? throw new OverflowException($"Timestamp {micros} µs from the epoch is outside 0001..9999.");
        return t.ToString(utc ? "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }
}
