using System.Text;
using System.Text.Json;
using DeltaSharp.Columnar;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Cli.Commands;

/// <summary>Prints column batches (honouring their selection vectors) as a text table or JSON lines.</summary>
internal static class BatchPrinter
{
    public static void Print(IEnumerable<ColumnBatch> batches, StructType schema, int limit, string format, TextWriter o)
    {
        var written = 0;
        var table = format == "table" ? new TableWriter(schema) : null;
        using var ms = new MemoryStream();
        var jsonOptions = new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        foreach (var batch in batches)
        {
            for (var i = 0; i < batch.LiveRowCount && written < limit; i++, written++)
            {
                var row = batch.RowIndex(i);
                if (table is not null)
                {
                    table.Add(batch, row);
                    continue;
                }
                ms.SetLength(0);
                using (var w = new Utf8JsonWriter(ms, jsonOptions)) JsonValueWriter.WriteRow(w, batch, row);
                o.WriteLine(Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length));
            }
            if (written >= limit) break;
        }
        table?.Flush(o);
    }

    /// <summary>A plain text table; values are shown as their JSON text (strings unquoted).</summary>
    private sealed class TableWriter(StructType schema)
    {
        private readonly List<string[]> _rows = [];

        public void Add(ColumnBatch batch, int row)
        {
            var cells = new string[schema.Count];
            for (var c = 0; c < schema.Count; c++)
            {
                var v = batch.Columns[c];
                if (v.IsNull(row)) cells[c] = "NULL";
                else if (v is BinaryVector b && v.Type is StringType) cells[c] = b.GetString(row);
                else
                {
                    var json = JsonValueWriter.ToJson(v, row);
                    cells[c] = json.Length > 1 && json[0] == '"' ? JsonSerializer.Deserialize<string>(json)! : json;
                }
            }
            _rows.Add(cells);
        }

        public void Flush(TextWriter o)
        {
            var widths = new int[schema.Count];
            for (var c = 0; c < schema.Count; c++) widths[c] = Math.Min(60, schema[c].Name.Length);
            foreach (var r in _rows)
                for (var c = 0; c < r.Length; c++) widths[c] = Math.Min(60, Math.Max(widths[c], r[c].Length));
            var sep = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
            o.WriteLine(sep);
            o.WriteLine("| " + string.Join(" | ", schema.Fields.Select((f, c) => Cell(f.Name, widths[c]))) + " |");
            o.WriteLine(sep);
            foreach (var r in _rows) o.WriteLine("| " + string.Join(" | ", r.Select((v, c) => Cell(v, widths[c]))) + " |");
            o.WriteLine(sep);
            o.WriteLine($"{_rows.Count} row{(_rows.Count == 1 ? "" : "s")}");
        }

        private static string Cell(string s, int w) => s.Length > w ? s[..(w - 1)] + "…" : s.PadRight(w);
    }
}
