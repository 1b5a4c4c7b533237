using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DeltaSharp.Parquet;
using DeltaSharp.Types;

namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>
/// Writes a Delta table by hand, independently of the engine's writer: Parquet data files through our Parquet
/// writer (long, integer and string columns) and commit files as JSON lines built here from PROTOCOL.md
/// ("Actions"). Lets the oracle tests cover log shapes the corpus lacks (re-added paths, escaped paths, null
/// partition values, schema evolution) before the engine can write tables itself.
/// </summary>
internal sealed class HandWrittenTable(string root)
{
    public string Root { get; } = root;

    /// <summary>Writes rows (one object?[] per row, values in schema order) to the file at the decoded relative
    /// path; returns its size in bytes.</summary>
    public long WriteParquet(string relativePath, StructType schema, params object?[][] rows)
    {
        var full = Path.Combine(Root, relativePath.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var batch = RowBatches.Build(schema, rows);
        using var writer = ParquetFileWriter.Create(full, schema);
        writer.Write(batch);
        return writer.Close().FileSize;
    }

    /// <summary>Writes _delta_log/&lt;version&gt;.json with one action per line.</summary>
    public void Commit(long version, params string[] actions)
    {
        var log = Path.Combine(Root, "_delta_log");
        Directory.CreateDirectory(log);
        File.WriteAllText(Path.Combine(log, version.ToString("D20", CultureInfo.InvariantCulture) + ".json"), string.Join("\n", actions) + "\n");
    }

    public static string Protocol(int reader = 1, int writer = 2) =>
        Action("protocol", w => { w.WriteNumber("minReaderVersion", reader); w.WriteNumber("minWriterVersion", writer); });

    /// <summary>metaData with the schema (Delta schema JSON of long/integer/string fields) and partition columns.</summary>
    public static string Metadata(StructType schema, params string[] partitionColumns) => Action("metaData", w =>
    {
        w.WriteString("id", "00000000-0000-0000-0000-000000000001");
        w.WriteStartObject("format");
        w.WriteString("provider", "parquet");
        w.WriteStartObject("options");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteString("schemaString", SchemaString(schema));
        w.WriteStartArray("partitionColumns");
        foreach (var p in partitionColumns) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteStartObject("configuration");
        w.WriteEndObject();
        w.WriteNumber("createdTime", 1_700_000_000_000);
    });

    /// <summary>An add action; <paramref name="path"/> is written as given (URL-encode it yourself).</summary>
    public static string Add(string path, long size, IReadOnlyDictionary<string, string?>? partitionValues = null, long numRecords = -1) =>
        Action("add", w =>
        {
            w.WriteString("path", path);
            w.WriteStartObject("partitionValues");
            foreach (var (k, v) in partitionValues ?? new Dictionary<string, string?>())
            {
                if (v is null) w.WriteNull(k);
                else w.WriteString(k, v);
            }
            w.WriteEndObject();
            w.WriteNumber("size", size);
            w.WriteNumber("modificationTime", 1_700_000_000_000);
            w.WriteBoolean("dataChange", true);
            if (numRecords >= 0) w.WriteString("stats", $"{{\"numRecords\":{numRecords.ToString(CultureInfo.InvariantCulture)}}}");
        });

    public static string Remove(string path) => Action("remove", w =>
    {
        w.WriteString("path", path);
        w.WriteNumber("deletionTimestamp", 1_700_000_000_000);
        w.WriteBoolean("dataChange", true);
    });

    public static string CommitInfo(string operation, long timestamp) => Action("commitInfo", w =>
    {
        w.WriteNumber("timestamp", timestamp);
        w.WriteString("operation", operation);
    });

    private static string SchemaString(StructType schema)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "struct");
            w.WriteStartArray("fields");
            foreach (var f in schema.Fields)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("type", f.Type.DeltaName);
                w.WriteBoolean("nullable", f.Nullable);
                w.WriteStartObject("metadata");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Action(string name, Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject(name);
            body(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
