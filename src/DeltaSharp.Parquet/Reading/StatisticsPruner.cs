using System.Buffers.Binary;
using System.Globalization;
using DeltaSharp.Expressions;
using DeltaSharp.Parquet.Format;
using DeltaSharp.Parquet.Schema;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Parquet.Reading;

/// <summary>
/// Decides from a row group's column statistics (min, max, null count) whether any row may satisfy a
/// predicate. Answers false only when the statistics prove that no row can match; anything it does not
/// understand keeps the row group. Only statistics with a well-defined order are used (parquet.thrift
/// Statistics: min_value/max_value; the deprecated min/max only for signed numeric types).
/// </summary>
internal static class StatisticsPruner
{
    public static bool MayMatch(Expression predicate, ParquetFileReader reader, int rowGroup) =>
        Eval(predicate, reader, reader.Metadata.RowGroups[rowGroup]);

    private static bool Eval(Expression e, ParquetFileReader reader, RowGroup rg)
    {
        switch (e)
        {
            case And a: return Eval(a.Left, reader, rg) && Eval(a.Right, reader, rg);
            case Or o: return Eval(o.Left, reader, rg) || Eval(o.Right, reader, rg);
            case Not { Operand: Comparison c }:
                return Eval(c with { Operator = Negate(c.Operator) }, reader, rg);
            case Not { Operand: IsNull n }: return Eval(new IsNotNull(n.Operand), reader, rg);
            case Not { Operand: IsNotNull n }: return Eval(new IsNull(n.Operand), reader, rg);
            case Literal { Value: bool b }: return b;
            case Literal { Value: null }: return false;
            case Comparison c:
                if (c.Left is ColumnRef && c.Right is Literal) return EvalComparison(c.Operator, (ColumnRef)c.Left, (Literal)c.Right, reader, rg);
                if (c.Right is ColumnRef && c.Left is Literal) return EvalComparison(Flip(c.Operator), (ColumnRef)c.Right, (Literal)c.Left, reader, rg);
                return true;
            case InList { Value: ColumnRef col } inList:
                foreach (var item in inList.List)
                {
                    if (item is not Literal lit) return true;
                    if (EvalComparison(ComparisonOperator.Equal, col, lit, reader, rg)) return true;
                }
                return false;
            case IsNull { Operand: ColumnRef col }:
            {
                var s = Stats(col, reader, rg);
                return s is not { NullCount: { } nulls } || nulls > 0;
            }
            case IsNotNull { Operand: ColumnRef col }:
            {
                var s = Stats(col, reader, rg);
                return s is not { NullCount: { } nulls } || nulls < s.ValueCount;
            }
            default:
                return true;
        }
    }

    private static ComparisonOperator Negate(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ComparisonOperator.NotEqual,
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThanOrEqual,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThan,
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThanOrEqual,
        _ => ComparisonOperator.LessThan,
    };

    private static ComparisonOperator Flip(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
        ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
        _ => op,
    };

    private sealed record ChunkStats(DataType Type, long ValueCount, long? NullCount, object? Min, object? Max);

    private static bool EvalComparison(ComparisonOperator op, ColumnRef col, Literal lit, ParquetFileReader reader, RowGroup rg)
    {
        if (lit.Value is null) return false; // comparison with NULL is never true
        var s = Stats(col, reader, rg);
        if (s is null) return true;
        if (s.NullCount is { } nulls && nulls >= s.ValueCount && s.ValueCount > 0) return false; // only nulls
        if (s.Min is null || s.Max is null) return true;
        var v = Normalize(lit.Value, s.Type);
        if (v is null) return true;
        var cMin = Compare(s.Min, v);
        var cMax = Compare(s.Max, v);
        if (cMin is null || cMax is null) return true;
        return op switch
        {
            ComparisonOperator.Equal => cMin <= 0 && cMax >= 0,
            ComparisonOperator.NotEqual => !(cMin == 0 && cMax == 0),
            ComparisonOperator.LessThan => cMin < 0,
            ComparisonOperator.LessThanOrEqual => cMin <= 0,
            ComparisonOperator.GreaterThan => cMax > 0,
            ComparisonOperator.GreaterThanOrEqual => cMax >= 0,
            _ => true,
        };
    }

    private static ChunkStats? Stats(ColumnRef col, ParquetFileReader reader, RowGroup rg)
    {
        var leaf = FindLeaf(col, reader.ParquetSchema);
        if (leaf is null || leaf.MaxRepetitionLevel > 0) return null;
        var meta = rg.Columns[leaf.Index].MetaData;
        if (meta?.Statistics is not { } st) return null;
        var type = LeafType(leaf, reader);
        if (type is null) return null;
        object? min = null, max = null;
        var unsigned = LeafDecoders.IsUnsigned(leaf.Node);
        if (st.MinValue is not null && st.MaxValue is not null)
        {
            min = Decode(st.MinValue, leaf, type);
            max = Decode(st.MaxValue, leaf, type);
        }
        else if (st.Min is not null && st.Max is not null && !unsigned
                 && leaf.PhysicalType is PhysicalType.Int32 or PhysicalType.Int64 or PhysicalType.Float or PhysicalType.Double or PhysicalType.Boolean)
        {
            min = Decode(st.Min, leaf, type);
            max = Decode(st.Max, leaf, type);
        }
        if (unsigned && leaf.PhysicalType == PhysicalType.Int64) { min = null; max = null; }
        if (min is double dmin && double.IsNaN(dmin)) min = null;
        if (max is double dmax && double.IsNaN(dmax)) max = null;
        return new ChunkStats(type, meta.NumValues, st.NullCount, min, max);
    }

    private static ColumnDescriptor? FindLeaf(ColumnRef col, ParquetSchema schema)
    {
        foreach (var leaf in schema.Columns)
        {
            if (leaf.Path.Length != col.Path.Count) continue;
            var match = true;
            for (var i = 0; i < col.Path.Count && match; i++)
                match = string.Equals(leaf.Path[i], col.Path[i], StringComparison.OrdinalIgnoreCase);
            if (match) return leaf;
        }
        return null;
    }

    private static DataType? LeafType(ColumnDescriptor leaf, ParquetFileReader reader)
    {
        DataType t = reader.Schema;
        foreach (var name in leaf.Path)
        {
            if (t is not StructType st) return null;
            var i = st.IndexOf(name);
            if (i < 0) return null;
            t = st[i].Type;
        }
        return t.IsPrimitive ? t : null;
    }

    /// <summary>Decodes a PLAIN-encoded statistics value into the comparison domain: Int128 for integral,
    /// date and timestamp types, double for floating point, DecimalValue, byte[] for strings/binary, bool.</summary>
    private static object? Decode(byte[] bytes, ColumnDescriptor leaf, DataType type)
    {
        try
        {
            switch (leaf.PhysicalType)
            {
                case PhysicalType.Boolean:
                    return bytes.Length >= 1 ? bytes[0] != 0 : null;
                case PhysicalType.Int32:
                {
                    if (bytes.Length < 4) return null;
                    var v = BinaryPrimitives.ReadInt32LittleEndian(bytes);
                    if (type is DecimalType d) return new DecimalValue(v, d.Scale);
                    if (LeafDecoders.IsUnsigned(leaf.Node)) return (Int128)(uint)v;
                    return (Int128)v;
                }
                case PhysicalType.Int64:
                {
                    if (bytes.Length < 8) return null;
                    var v = BinaryPrimitives.ReadInt64LittleEndian(bytes);
                    if (type is DecimalType d) return new DecimalValue(v, d.Scale);
                    if (type is TimestampType or TimestampNtzType)
                    {
                        return LeafDecoders.TimestampUnit(leaf.Node) switch
                        {
                            LeafDecoders.TimeUnitKind.Millis => (Int128)v * 1000,
                            LeafDecoders.TimeUnitKind.Nanos => (Int128)Math.Floor(v / 1000.0),
                            _ => (Int128)v,
                        };
                    }
                    return (Int128)v;
                }
                case PhysicalType.Float:
                    return bytes.Length < 4 ? null : (double)BinaryPrimitives.ReadSingleLittleEndian(bytes);
                case PhysicalType.Double:
                    return bytes.Length < 8 ? null : BinaryPrimitives.ReadDoubleLittleEndian(bytes);
                case PhysicalType.ByteArray:
                case PhysicalType.FixedLenByteArray:
                    if (type is DecimalType dt) return new DecimalValue(ByteArrayLeafDecoder.BigEndianToInt128(bytes), dt.Scale);
                    if (type is StringType or BinaryType && leaf.Node.LogicalType?.Kind != LogicalTypeKind.Uuid) return bytes;
                    return null;
                default:
                    return null;
            }
        }
        catch (ParquetFormatException)
        {
            return null;
        }
    }

    /// <summary>Converts a literal into the comparison domain of a column of type <paramref name="type"/>.</summary>
    private static object? Normalize(object value, DataType type)
    {
        switch (type)
        {
            case ByteType or ShortType or IntegerType or LongType:
                return value switch
                {
                    sbyte v => (Int128)v, short v => (Int128)v, int v => (Int128)v, long v => (Int128)v,
                    DecimalValue d => d, double d => d, float f => (double)f,
                    _ => null,
                };
            case DateType:
                return value switch
                {
                    DateOnly d => (Int128)ValueConverter.DaysFromDate(d),
                    string s when DateOnly.TryParse(s, CultureInfo.InvariantCulture, out var d) => (Int128)ValueConverter.DaysFromDate(d),
                    _ => null,
                };
            case TimestampType or TimestampNtzType:
                return value switch
                {
                    DateTime t => (Int128)ValueConverter.MicrosFromTimestamp(t),
                    DateOnly d => (Int128)ValueConverter.MicrosFromTimestamp(d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
                    long micros => (Int128)micros,
                    _ => null,
                };
            case DecimalType:
                return value switch
                {
                    DecimalValue d => d,
                    int v => new DecimalValue(v, 0),
                    long v => new DecimalValue(v, 0),
                    _ => null,
                };
            case FloatType or DoubleType:
                return value switch
                {
                    double d => d, float f => (double)f, int v => (double)v, long v => (double)v,
                    _ => null,
                };
            case StringType:
                return value is string str ? System.Text.Encoding.UTF8.GetBytes(str) : null;
            case BinaryType:
                return value as byte[];
            case BooleanType:
                return value as bool?;
            default:
                return null;
        }
    }

    private static int? Compare(object a, object b) => (a, b) switch
    {
        (Int128 x, Int128 y) => x.CompareTo(y),
        (Int128 x, DecimalValue y) => new DecimalValue(x, 0).CompareTo(y),
        (Int128 x, double y) => double.IsNaN(y) ? null : ((double)x).CompareTo(y),
        (DecimalValue x, DecimalValue y) => x.CompareTo(y),
        (double x, double y) => double.IsNaN(y) ? null : x.CompareTo(y),
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        _ => null,
    };
}
