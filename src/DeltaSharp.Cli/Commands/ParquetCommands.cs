using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Encoding = System.Text.Encoding;
using System.Text.Json;
using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Cli.Commands;

/// <summary><c>deltasharp parquet schema|meta|cat</c>: a parquet-tools style look into one file.</summary>
public static class ParquetCommands
{
    public static int Schema(string file, Args args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var reader = ParquetFileReader.Open(file);
        output.WriteLine("root");
        foreach (var f in reader.Schema.Fields) WriteSparkField(output, f, 1);
        output.WriteLine();
        WriteMessage(output, reader.Metadata.Schema);
        return 0;
    }

    private static void WriteSparkField(TextWriter o, StructField f, int depth)
    {
        var pad = string.Concat(Enumerable.Repeat(" |   ", depth - 1));
        o.WriteLine($"{pad} |-- {f.Name}: {TypeName(f.Type)} (nullable = {(f.Nullable ? "true" : "false")})");
        WriteChildren(o, f.Type, depth + 1);
    }

    private static void WriteChildren(TextWriter o, DataType t, int depth)
    {
        var pad = string.Concat(Enumerable.Repeat(" |   ", depth - 1));
        switch (t)
        {
            case StructType st:
                foreach (var c in st.Fields) WriteSparkField(o, c, depth);
                break;
            case ArrayType a:
                o.WriteLine($"{pad} |-- element: {TypeName(a.ElementType)} (containsNull = {(a.ContainsNull ? "true" : "false")})");
                WriteChildren(o, a.ElementType, depth + 1);
                break;
            case MapType m:
                o.WriteLine($"{pad} |-- key: {TypeName(m.KeyType)}");
                WriteChildren(o, m.KeyType, depth + 1);
                o.WriteLine($"{pad} |-- value: {TypeName(m.ValueType)} (valueContainsNull = {(m.ValueContainsNull ? "true" : "false")})");
                WriteChildren(o, m.ValueType, depth + 1);
                break;
        }
    }

    private static string TypeName(DataType t) => t switch
    {
        StructType => "struct",
        ArrayType => "array",
        MapType => "map",
        _ => t.DeltaName,
    };

    /// <summary>Writes the Parquet schema in the textual "message" form.</summary>
    private static void WriteMessage(TextWriter o, List<SchemaElement> elements)
    {
        if (elements.Count == 0) return;
        var pos = 1;
        o.WriteLine($"message {elements[0].Name} {{");
        for (var i = 0; i < (elements[0].NumChildren ?? 0) && pos < elements.Count; i++) WriteElement(o, elements, ref pos, 1);
        o.WriteLine("}");
    }

    private static void WriteElement(TextWriter o, List<SchemaElement> elements, ref int pos, int depth)
    {
        var e = elements[pos++];
        var pad = new string(' ', depth * 2);
        var rep = (e.RepetitionType ?? FieldRepetitionType.Required).ToString().ToLowerInvariant();
        var annotation = e.LogicalType is { } lt ? $" ({lt})" : e.ConvertedType is { } ct ? $" ({ct})" : "";
        var id = e.FieldId is { } fid ? $" = {fid}" : "";
        if (e.NumChildren is > 0)
        {
            o.WriteLine($"{pad}{rep} group {e.Name}{annotation}{id} {{");
            for (var i = 0; i < e.NumChildren && pos < elements.Count; i++) WriteElement(o, elements, ref pos, depth + 1);
            o.WriteLine($"{pad}}}");
        }
        else
        {
            var type = e.Type switch
            {
                PhysicalType.FixedLenByteArray => $"fixed_len_byte_array({e.TypeLength})",
                PhysicalType.ByteArray => "binary",
                { } t => t.ToString().ToLowerInvariant(),
                null => "?",
            };
            o.WriteLine($"{pad}{rep} {type} {e.Name}{annotation}{id};");
        }
    }

    public static int Meta(string file, Args args, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(args);
        using var reader = ParquetFileReader.Open(file);
        var m = reader.Metadata;
        o.WriteLine($"file:        {file}");
        o.WriteLine($"size:        {new FileInfo(file).Length:N0} bytes");
        o.WriteLine($"created by:  {m.CreatedBy}");
        o.WriteLine($"version:     {m.Version}");
        o.WriteLine($"rows:        {m.NumRows:N0}");
        o.WriteLine($"row groups:  {m.RowGroups.Count}");
        if (m.KeyValueMetadata is { Count: > 0 } kv)
        {
            o.WriteLine("key/value metadata:");
            foreach (var pair in kv) o.WriteLine($"  {pair.Key} = {Truncate(pair.Value ?? "", 200)}");
        }
        for (var g = 0; g < m.RowGroups.Count; g++)
        {
            var rg = m.RowGroups[g];
            o.WriteLine();
            o.WriteLine($"row group {g}: {rg.NumRows:N0} rows, {rg.TotalByteSize:N0} bytes uncompressed, {rg.TotalCompressedSize?.ToString("N0", CultureInfo.InvariantCulture) ?? "?"} bytes compressed");
            for (var c = 0; c < rg.Columns.Count; c++)
            {
                var cm = rg.Columns[c].MetaData;
                if (cm is null) continue;
                var leaf = reader.ParquetSchema.Columns[c];
                o.WriteLine($"  {string.Join('.', cm.PathInSchema)}: {cm.Type} {cm.Codec} [{string.Join(", ", cm.Encodings)}]");
                o.WriteLine($"    values {cm.NumValues:N0}, compressed {cm.TotalCompressedSize:N0} B, uncompressed {cm.TotalUncompressedSize:N0} B, data page @{cm.DataPageOffset}{(cm.DictionaryPageOffset is { } d ? $", dictionary page @{d}" : "")}");
                if (cm.Statistics is { } s)
                {
                    var min = FormatStat(s.MinValue ?? s.Min, cm.Type, leaf.DataType);
                    var max = FormatStat(s.MaxValue ?? s.Max, cm.Type, leaf.DataType);
                    o.WriteLine($"    stats: nulls {s.NullCount?.ToString(CultureInfo.InvariantCulture) ?? "?"}, min {min}, max {max}");
                }
            }
        }
        return 0;
    }

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..n] + "…";

    private static string FormatStat(byte[]? b, PhysicalType physical, DataType? type)
    {
        if (b is null) return "-";
        try
        {
            switch (physical)
            {
                case PhysicalType.Boolean: return b.Length > 0 && b[0] != 0 ? "true" : "false";
                case PhysicalType.Int32 when b.Length >= 4:
                {
                    var v = BinaryPrimitives.ReadInt32LittleEndian(b);
                    return type switch
                    {
                        DateType => JsonValueWriter.FormatDate(v),
                        DecimalType d => new DecimalValue(v, d.Scale).ToString(),
                        _ => v.ToString(CultureInfo.InvariantCulture),
                    };
                }
                case PhysicalType.Int64 when b.Length >= 8:
                {
                    var v = BinaryPrimitives.ReadInt64LittleEndian(b);
                    return type switch
                    {
                        TimestampType => JsonValueWriter.FormatTimestamp(v, utc: true),
                        TimestampNtzType => JsonValueWriter.FormatTimestamp(v, utc: false),
                        DecimalType d => new DecimalValue(v, d.Scale).ToString(),
                        _ => v.ToString(CultureInfo.InvariantCulture),
                    };
                }
                case PhysicalType.Float when b.Length >= 4: return BinaryPrimitives.ReadSingleLittleEndian(b).ToString("R", CultureInfo.InvariantCulture);
                case PhysicalType.Double when b.Length >= 8: return BinaryPrimitives.ReadDoubleLittleEndian(b).ToString("R", CultureInfo.InvariantCulture);
                case PhysicalType.ByteArray or PhysicalType.FixedLenByteArray:
                    if (type is DecimalType dt)
                    {
                        return new DecimalValue(DeltaSharp.Parquet.Reading.ByteArrayLeafDecoder.BigEndianToInt128(b), dt.Scale).ToString();
                    }
                    return type is StringType ? JsonSerializer.Serialize(Truncate(Encoding.UTF8.GetString(b), 64)) : "0x" + Convert.ToHexString(b.AsSpan(0, Math.Min(32, b.Length)));
                default: return "0x" + Convert.ToHexString(b);
            }
        }
        catch (Exception e) when (e is OverflowException or ParquetFormatException)
        {
            return "0x" + Convert.ToHexString(b);
        }
    }

    public static int Cat(string file, Args args, TextWriter o)
    {
        ArgumentNullException.ThrowIfNull(args);
        var columns = args.Option("columns")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var limit = args.IntOption("limit") ?? int.MaxValue;
        var format = args.Option("format") ?? "table";
        if (format is not ("table" or "jsonl")) throw new UsageException($"--format must be table or jsonl, got '{format}'");
        using var reader = ParquetFileReader.Open(file);
        var options = new ParquetReadOptions { Columns = columns };
        BatchPrinter.Print(reader.ReadBatches(options), reader.ProjectedSchema(options), limit, format, o);
        return 0;
    }
}
