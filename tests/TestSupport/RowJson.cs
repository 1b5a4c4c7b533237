using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DeltaSharp.Columnar;
using DeltaSharp.Values;

namespace DeltaSharp.TestSupport;

/// <summary>
/// Rows as JSON text (one object per row) in the conformance corpus conventions: our side through
/// <see cref="JsonValueWriter"/>, the other side read from DuckDB's output or the corpus' expected files.
/// </summary>
internal static class RowJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep non-ASCII text readable in failure messages; JsonDocument parses either form the same.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The live rows of every batch (honouring <see cref="ColumnBatch.Selection"/>), in order.</summary>
    public static List<string> FromBatches(IEnumerable<ColumnBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var rows = new List<string>();
        foreach (var batch in batches) AppendRows(batch, rows);
        return rows;
    }

    /// <summary>The live rows of one batch, in order.</summary>
    public static List<string> FromBatch(ColumnBatch batch)
    {
        var rows = new List<string>();
        AppendRows(batch, rows);
        return rows;
    }

    private static void AppendRows(ColumnBatch batch, List<string> rows)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var buffer = new ArrayBufferWriter<byte>();
        for (var i = 0; i < batch.LiveRowCount; i++)
        {
            buffer.ResetWrittenCount();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
                JsonValueWriter.WriteRow(writer, batch, batch.RowIndex(i));
            rows.Add(Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
    }

    /// <summary>Reads a JSON-lines file (blank lines ignored).</summary>
    public static List<string> ReadJsonl(string path)
    {
        var rows = new List<string>();
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
            if (!string.IsNullOrWhiteSpace(line)) rows.Add(line);
        return rows;
    }

    /// <summary>Compact JSON text of an element (re-serialised, so escapes are normalised).</summary>
    public static string Compact(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) element.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
