using System.Text.Json;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Ast;

/// <summary>
/// A data type as written in SQL (<c>DECIMAL(10,2)</c>, <c>ARRAY&lt;STRUCT&lt;a: INT&gt;&gt;</c>, <c>VARCHAR(20)</c>).
/// <see cref="ToDataType"/> maps it to the engine's <see cref="DataType"/> the way Spark does.
/// </summary>
public abstract record DataTypeSyntax : SqlNode
{
    /// <summary>
    /// The engine type: CHAR/VARCHAR become string (Spark stores the declared length only as metadata), TIMESTAMP_LTZ
    /// is TIMESTAMP. Throws <see cref="SqlParseException"/> (UNSUPPORTED_DATATYPE) for types the engine has no
    /// representation for (intervals, VOID, VARIANT).
    /// </summary>
    public abstract DataType ToDataType();

    private protected SqlParseException Unsupported(string name) =>
        SqlParseException.At("UNSUPPORTED_DATATYPE", $"Unsupported data type \"{name}\".", Span);
}

/// <summary>The non-parameterised primitive types.</summary>
public enum PrimitiveTypeKind
{
    Boolean,
    /// <summary>TINYINT or BYTE.</summary>
    TinyInt,
    /// <summary>SMALLINT or SHORT.</summary>
    SmallInt,
    /// <summary>INT or INTEGER.</summary>
    Int,
    /// <summary>BIGINT or LONG.</summary>
    BigInt,
    /// <summary>FLOAT or REAL.</summary>
    Float,
    Double,
    Date,
    /// <summary>TIMESTAMP (with local time zone semantics).</summary>
    Timestamp,
    TimestampNtz,
    TimestampLtz,
    String,
    Binary,
    Void,
    Variant,
    /// <summary>The bare <c>INTERVAL</c> type (Spark's calendar interval).</summary>
    Interval,
}

/// <summary>A primitive type; synonyms collapse to one kind (<c>LONG</c> is <see cref="PrimitiveTypeKind.BigInt"/>).</summary>
public sealed record PrimitiveTypeSyntax(PrimitiveTypeKind Kind) : DataTypeSyntax
{
    public override DataType ToDataType() => Kind switch
    {
        PrimitiveTypeKind.Boolean => DataType.Boolean,
        PrimitiveTypeKind.TinyInt => DataType.Byte,
        PrimitiveTypeKind.SmallInt => DataType.Short,
        PrimitiveTypeKind.Int => DataType.Integer,
        PrimitiveTypeKind.BigInt => DataType.Long,
        PrimitiveTypeKind.Float => DataType.Float,
        PrimitiveTypeKind.Double => DataType.Double,
        PrimitiveTypeKind.Date => DataType.Date,
        PrimitiveTypeKind.Timestamp or PrimitiveTypeKind.TimestampLtz => DataType.Timestamp,
        PrimitiveTypeKind.TimestampNtz => DataType.TimestampNtz,
        PrimitiveTypeKind.String => DataType.String,
        PrimitiveTypeKind.Binary => DataType.Binary,
        _ => throw Unsupported(Kind.ToString().ToUpperInvariant()),
    };
}

/// <summary><c>DECIMAL(p, s)</c> (also DEC, NUMERIC); bare DECIMAL is (10, 0) and DECIMAL(p) is (p, 0). 1 ≤ p ≤ 38, 0 ≤ s ≤ p.</summary>
public sealed record DecimalTypeSyntax(int Precision, int Scale) : DataTypeSyntax
{
    public override DataType ToDataType() => new DecimalType(Precision, Scale);
}

/// <summary><c>CHAR(n)</c> / <c>CHARACTER(n)</c> (<see cref="Varying"/> false) or <c>VARCHAR(n)</c>.</summary>
public sealed record CharTypeSyntax(int Length, bool Varying) : DataTypeSyntax
{
    public override DataType ToDataType() => DataType.String;
}

/// <summary><c>ARRAY&lt;element&gt;</c>.</summary>
public sealed record ArrayTypeSyntax(DataTypeSyntax ElementType) : DataTypeSyntax
{
    public override DataType ToDataType() => new ArrayType(ElementType.ToDataType());
}

/// <summary><c>MAP&lt;key, value&gt;</c>.</summary>
public sealed record MapTypeSyntax(DataTypeSyntax KeyType, DataTypeSyntax ValueType) : DataTypeSyntax
{
    public override DataType ToDataType() => new MapType(KeyType.ToDataType(), ValueType.ToDataType());
}

/// <summary>One field of <c>STRUCT&lt;name[:] type [NOT NULL] [COMMENT '…'], …&gt;</c>.</summary>
public sealed record StructFieldSyntax(Identifier Name, DataTypeSyntax Type, bool NotNull = false, string? Comment = null) : SqlNode;

/// <summary><c>STRUCT&lt;…&gt;</c>; <c>STRUCT&lt;&gt;</c> is the empty struct.</summary>
public sealed record StructTypeSyntax(NodeList<StructFieldSyntax> Fields) : DataTypeSyntax
{
    public override DataType ToDataType()
    {
        var fields = new StructField[Fields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var f = Fields[i];
            var metadata = f.Comment is null
                ? null
                : new Dictionary<string, string> { ["comment"] = "\"" + JsonEncodedText.Encode(f.Comment).ToString() + "\"" };
            fields[i] = new StructField(f.Name.Value, f.Type.ToDataType(), !f.NotNull, metadata);
        }
        return new StructType(fields);
    }
}

/// <summary>An ANSI interval type: <c>INTERVAL YEAR [TO MONTH]</c>, <c>INTERVAL DAY [TO HOUR|MINUTE|SECOND]</c>, …</summary>
public sealed record IntervalTypeSyntax(IntervalUnit From, IntervalUnit? To) : DataTypeSyntax
{
    public override DataType ToDataType() => throw Unsupported(To is null ? $"INTERVAL {From.ToString().ToUpperInvariant()}" : $"INTERVAL {From.ToString().ToUpperInvariant()} TO {To.Value.ToString().ToUpperInvariant()}");
}
