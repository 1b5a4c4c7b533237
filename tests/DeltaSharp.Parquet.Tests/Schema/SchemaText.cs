using System.Globalization;
using System.Text;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet.Tests.Schema;

/// <summary>
/// Test helpers: parse the Parquet schema notation used in LogicalTypes.md / parquet-mr
/// (<c>message m { optional group a (LIST) { repeated int32 element; } }</c>) into schema elements, and render
/// Spark types with nullability (<c>struct&lt;a:array&lt;int not null&gt;&gt;</c>).
/// </summary>
/// <remarks>
/// Annotations: LogicalType names (STRING, LIST, MAP, ENUM, DECIMAL(p,s), DATE, TIME(MILLIS,true),
/// TIMESTAMP(MICROS,false), INT(8,true), JSON, BSON, UUID, FLOAT16, UNKNOWN, VARIANT) set only the logical type;
/// converted-only names (UTF8, MAP_KEY_VALUE, TIME_MILLIS, TIMESTAMP_MICROS, INT_8, UINT_32, INTERVAL …) and
/// <c>CONVERTED:NAME</c> / <c>CONVERTED:DECIMAL(p,s)</c> set only the converted type. <c>= 7</c> after the name sets
/// the field id.
/// </remarks>
internal static class SchemaText
{
    public static List<SchemaElement> Parse(string text)
    {
        var tokens = Tokenize(text);
        var pos = 0;
        Expect(tokens, ref pos, "message");
        var root = new SchemaElement { Name = tokens[pos++] };
        var elements = new List<SchemaElement> { root };
        root.NumChildren = ParseChildren(tokens, ref pos, elements);
        if (pos != tokens.Count) throw new FormatException($"trailing tokens at {pos}");
        return elements;
    }

    public static ParquetSchema Build(string text) => new(Parse(text));

    public static string Spark(string text) => Render(Build(text).ToSparkSchema());

    private static int ParseChildren(List<string> t, ref int pos, List<SchemaElement> elements)
    {
        Expect(t, ref pos, "{");
        var count = 0;
        while (t[pos] != "}")
        {
            ParseField(t, ref pos, elements);
            count++;
        }
        pos++;
        if (pos < t.Count && t[pos] == ";") pos++;
        return count;
    }

    private static void ParseField(List<string> t, ref int pos, List<SchemaElement> elements)
    {
        var element = new SchemaElement
        {
            RepetitionType = t[pos++] switch
            {
                "required" => FieldRepetitionType.Required,
                "optional" => FieldRepetitionType.Optional,
                "repeated" => FieldRepetitionType.Repeated,
                var r => throw new FormatException($"repetition {r}"),
            },
        };
        elements.Add(element);
        var type = t[pos++];
        var isGroup = type == "group";
        if (!isGroup)
        {
            element.Type = type switch
            {
                "boolean" => PhysicalType.Boolean,
                "int32" => PhysicalType.Int32,
                "int64" => PhysicalType.Int64,
                "int96" => PhysicalType.Int96,
                "float" => PhysicalType.Float,
                "double" => PhysicalType.Double,
                "binary" => PhysicalType.ByteArray,
                "fixed_len_byte_array" => PhysicalType.FixedLenByteArray,
                _ => throw new FormatException($"type {type}"),
            };
            if (element.Type == PhysicalType.FixedLenByteArray)
            {
                Expect(t, ref pos, "(");
                element.TypeLength = int.Parse(t[pos++], CultureInfo.InvariantCulture);
                Expect(t, ref pos, ")");
            }
        }
        element.Name = t[pos++];
        if (t[pos] == "(")
        {
            pos++;
            var annotation = new StringBuilder();
            var depth = 0;
            while (depth > 0 || t[pos] != ")")
            {
                if (t[pos] == "(") depth++;
                if (t[pos] == ")") depth--;
                annotation.Append(t[pos++]);
            }
            pos++;
            Annotate(element, annotation.ToString());
        }
        if (t[pos] == "=")
        {
            pos++;
            element.FieldId = int.Parse(t[pos++], CultureInfo.InvariantCulture);
        }
        if (isGroup) element.NumChildren = ParseChildren(t, ref pos, elements);
        else Expect(t, ref pos, ";");
    }

    private static void Annotate(SchemaElement e, string a)
    {
        static (string Name, string[] Args) Split(string s)
        {
            var open = s.IndexOf('(', StringComparison.Ordinal);
            return open < 0 ? (s, []) : (s[..open], s[(open + 1)..^1].Split(','));
        }

        if (a.StartsWith("CONVERTED:", StringComparison.Ordinal))
        {
            var (n, args) = Split(a["CONVERTED:".Length..]);
            e.ConvertedType = ParseConverted(n);
            if (args.Length == 2)
            {
                e.Precision = int.Parse(args[0], CultureInfo.InvariantCulture);
                e.Scale = int.Parse(args[1], CultureInfo.InvariantCulture);
            }
            return;
        }
        var (name, a2) = Split(a);
        static TimeUnit Unit(string u) => Enum.Parse<TimeUnit>(u, ignoreCase: true);
        switch (name)
        {
            case "STRING": e.LogicalType = LogicalType.String; return;
            case "LIST": e.LogicalType = LogicalType.List; return;
            case "MAP": e.LogicalType = LogicalType.Map; return;
            case "ENUM": e.LogicalType = LogicalType.Enum; return;
            case "DATE": e.LogicalType = LogicalType.Date; return;
            case "JSON": e.LogicalType = LogicalType.Json; return;
            case "BSON": e.LogicalType = LogicalType.Bson; return;
            case "UUID": e.LogicalType = LogicalType.Uuid; return;
            case "FLOAT16": e.LogicalType = LogicalType.Float16; return;
            case "UNKNOWN": e.LogicalType = LogicalType.Unknown; return;
            case "VARIANT": e.LogicalType = LogicalType.Variant; return;
            case "GEOMETRY": e.LogicalType = LogicalType.Geometry; return;
            case "DECIMAL":
                var p = int.Parse(a2[0], CultureInfo.InvariantCulture);
                var s = int.Parse(a2[1], CultureInfo.InvariantCulture);
                e.LogicalType = LogicalType.ForDecimal(s, p);
                return;
            case "TIME": e.LogicalType = LogicalType.ForTime(bool.Parse(a2[1]), Unit(a2[0])); return;
            case "TIMESTAMP": e.LogicalType = LogicalType.ForTimestamp(bool.Parse(a2[1]), Unit(a2[0])); return;
            case "INT": e.LogicalType = LogicalType.ForInteger(int.Parse(a2[0], CultureInfo.InvariantCulture), bool.Parse(a2[1])); return;
            default: e.ConvertedType = ParseConverted(name); return;
        }
    }

    private static ConvertedType ParseConverted(string name) =>
        Enum.Parse<ConvertedType>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);

    private static void Expect(List<string> t, ref int pos, string token)
    {
        if (t[pos] != token) throw new FormatException($"expected '{token}' at {pos}, got '{t[pos]}'");
        pos++;
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
            {
                while (i < text.Length && text[i] != '\n') i++;
                continue;
            }
            if ("{}();=,".Contains(c, StringComparison.Ordinal)) { tokens.Add(c.ToString()); i++; continue; }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !"{}();=,".Contains(text[i], StringComparison.Ordinal)) i++;
            tokens.Add(text[start..i]);
        }
        return tokens;
    }

    /// <summary>A Spark type with nullability: fields and elements that cannot be null say "not null".</summary>
    public static string Render(DataType type) => type switch
    {
        StructType s => "struct<" + string.Join(",", s.Fields.Select(f => $"{f.Name}:{Render(f.Type)}{(f.Nullable ? "" : " not null")}")) + ">",
        ArrayType a => $"array<{Render(a.ElementType)}{(a.ContainsNull ? "" : " not null")}>",
        MapType m => $"map<{Render(m.KeyType)},{Render(m.ValueType)}{(m.ValueContainsNull ? "" : " not null")}>",
        _ => type.SimpleString,
    };
}
