using System.Globalization;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Types;
using SparkDecimalType = DeltaSharp.Types.DecimalType;

namespace DeltaSharp.Parquet.Schema;

/// <summary>
/// Spark types to Parquet schema elements exactly as Spark 3.5 writes them (SparkToParquetSchemaConverter with
/// writeLegacyFormat=false, outputTimestampType=TIMESTAMP_MICROS, parquet-mr 1.13 annotations). Stateless and thread-safe.
/// </summary>
/// <remarks>
/// root <c>spark_schema</c>; repetition from nullability; byte/short → INT32 INT(8|16,true) + INT_8/INT_16;
/// decimal p ≤ 9 → INT32, p ≤ 18 → INT64, else FIXED_LEN_BYTE_ARRAY of the fewest bytes for p, with DECIMAL
/// logical + converted type and scale/precision; string → BYTE_ARRAY STRING + UTF8; date → INT32 DATE;
/// timestamp → INT64 TIMESTAMP(MICROS,true) + TIMESTAMP_MICROS; timestamp_ntz → INT64 TIMESTAMP(MICROS,false) +
/// TIMESTAMP_MICROS (LogicalTypes.md requires the legacy annotation on local timestamps too, and Spark 3.5 writes it);
/// array → 3-level LIST (<c>repeated group list { element }</c>); map → MAP (<c>repeated group key_value { required key; value }</c>).
/// Field ids come from <c>StructField.Metadata["parquet.field.id"]</c>.
/// </remarks>
public static class SparkToParquetSchemaConverter
{
    public const string RootName = "spark_schema";

    /// <summary>The schema elements (root first, depth-first) for <paramref name="schema"/>.</summary>
    /// <exception cref="ArgumentException">A struct has no fields (Parquet cannot store an empty group) or a field id is not an integer.</exception>
    public static List<SchemaElement> FromSparkSchema(StructType schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var elements = new List<SchemaElement>
        {
            new() { Name = RootName, NumChildren = schema.Count },
        };
        foreach (var field in schema.Fields) AddField(elements, field.Name, field.Type, field.Nullable, FieldIdOf(field), 1);
        return elements;
    }

    private static void AddField(List<SchemaElement> elements, string name, DataType type, bool nullable, int? fieldId, int depth)
    {
        if (depth > ParquetSchema.MaxNestingDepth)
            throw new ArgumentException($"The schema nests deeper than {ParquetSchema.MaxNestingDepth} levels.", nameof(type));
        var element = new SchemaElement
        {
            Name = name,
            RepetitionType = nullable ? FieldRepetitionType.Optional : FieldRepetitionType.Required,
            FieldId = fieldId,
        };
        elements.Add(element);
        switch (type)
        {
            case BooleanType:
                element.Type = PhysicalType.Boolean;
                break;
            case ByteType:
                SetInteger(element, 8, ConvertedType.Int8);
                break;
            case ShortType:
                SetInteger(element, 16, ConvertedType.Int16);
                break;
            case IntegerType:
                element.Type = PhysicalType.Int32;
                break;
            case LongType:
                element.Type = PhysicalType.Int64;
                break;
            case FloatType:
                element.Type = PhysicalType.Float;
                break;
            case DoubleType:
                element.Type = PhysicalType.Double;
                break;
            case StringType:
                element.Type = PhysicalType.ByteArray;
                element.LogicalType = LogicalType.String;
                element.ConvertedType = ConvertedType.Utf8;
                break;
            case BinaryType:
                element.Type = PhysicalType.ByteArray;
                break;
            case DateType:
                element.Type = PhysicalType.Int32;
                element.LogicalType = LogicalType.Date;
                element.ConvertedType = ConvertedType.Date;
                break;
            case TimestampType:
                element.Type = PhysicalType.Int64;
                element.LogicalType = LogicalType.ForTimestamp(true, TimeUnit.Micros);
                element.ConvertedType = ConvertedType.TimestampMicros;
                break;
            case TimestampNtzType:
                element.Type = PhysicalType.Int64;
                element.LogicalType = LogicalType.ForTimestamp(false, TimeUnit.Micros);
                element.ConvertedType = ConvertedType.TimestampMicros;
                break;
            case SparkDecimalType d:
                if (d.Precision <= 9)
                {
                    element.Type = PhysicalType.Int32;
                }
                else if (d.Precision <= SparkDecimalType.MaxLongDigits)
                {
                    element.Type = PhysicalType.Int64;
                }
                else
                {
                    element.Type = PhysicalType.FixedLenByteArray;
                    element.TypeLength = DecimalPrecision.MinBytesForPrecision(d.Precision);
                }
                element.LogicalType = LogicalType.ForDecimal(d.Scale, d.Precision);
                element.ConvertedType = ConvertedType.Decimal;
                element.Scale = d.Scale;
                element.Precision = d.Precision;
                break;
            case StructType s:
                if (s.Count == 0)
                    throw new ArgumentException($"Field '{name}' is an empty struct, which Parquet cannot store.", nameof(type));
                element.NumChildren = s.Count;
                foreach (var f in s.Fields) AddField(elements, f.Name, f.Type, f.Nullable, FieldIdOf(f), depth + 1);
                break;
            case ArrayType a:
                element.NumChildren = 1;
                element.LogicalType = LogicalType.List;
                element.ConvertedType = ConvertedType.List;
                elements.Add(new SchemaElement { Name = "list", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 1 });
                AddField(elements, "element", a.ElementType, a.ContainsNull, null, depth + 2);
                break;
            case MapType m:
                element.NumChildren = 1;
                element.LogicalType = LogicalType.Map;
                element.ConvertedType = ConvertedType.Map;
                elements.Add(new SchemaElement { Name = "key_value", RepetitionType = FieldRepetitionType.Repeated, NumChildren = 2 });
                AddField(elements, "key", m.KeyType, false, null, depth + 2);
                AddField(elements, "value", m.ValueType, m.ValueContainsNull, null, depth + 2);
                break;
            default:
                throw new ArgumentException($"Field '{name}' has type {type.SimpleString}, which has no Parquet mapping.", nameof(type));
        }
    }

    private static void SetInteger(SchemaElement element, int bitWidth, ConvertedType converted)
    {
        element.Type = PhysicalType.Int32;
        element.LogicalType = LogicalType.ForInteger(bitWidth, true);
        element.ConvertedType = converted;
    }

    private static int? FieldIdOf(StructField field)
    {
        if (!field.Metadata.TryGetValue(ParquetToSparkSchemaConverter.FieldIdMetadataKey, out var raw)) return null;
        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)) return id;
        throw new ArgumentException($"Field '{field.Name}' has metadata {ParquetToSparkSchemaConverter.FieldIdMetadataKey} = {raw}, which is not an integer.", nameof(field));
    }
}
