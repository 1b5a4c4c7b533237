using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;
using DeltaSharp.Values;
using Pred = DeltaSharp.Expressions;

namespace DeltaSharp.Sql.Planning.Optimizer;

/// <summary>
/// Translates bound predicates over a scan's columns into the shared predicate tree of DeltaSharp.Core (for
/// partition pruning, file skipping on stats and Parquet row-group skipping). Only exact translations: comparisons
/// of a column with a literal of its own type, IS [NOT] NULL, IN lists of literals, and AND / OR / NOT of those.
/// </summary>
internal static class ScanPredicateTranslator
{
    /// <summary>The translated predicate, or null when (part of) it has no exact translation.</summary>
    public static Pred.Expression? Translate(BoundExpression e, IReadOnlyList<string> columnNames)
    {
        switch (e)
        {
            case BoundAnd a:
            {
                var l = Translate(a.Left, columnNames);
                var r = Translate(a.Right, columnNames);
                return l is null || r is null ? null : new Pred.And(l, r);
            }
            case BoundOr o:
            {
                var l = Translate(o.Left, columnNames);
                var r = Translate(o.Right, columnNames);
                return l is null || r is null ? null : new Pred.Or(l, r);
            }
            case BoundNot n:
            {
                var inner = Translate(n.Operand, columnNames);
                return inner is null ? null : new Pred.Not(inner);
            }
            case BoundIsNull { Operand: BoundColumnRef c } isNull:
                return isNull.Negated ? new Pred.IsNotNull(Column(c, columnNames)) : new Pred.IsNull(Column(c, columnNames));
            case BoundInList { Value: BoundColumnRef c } inList when inList.List.All(i => i is BoundLiteral { Value: not null }):
            {
                if (!Translatable(c.Type)) return null;
                var items = inList.List.Select(i => Literal((BoundLiteral)i)).ToArray();
                if (items.Any(i => i is null)) return null;
                Pred.Expression p = new Pred.InList(Column(c, columnNames), items.Select(i => (Pred.Expression)i!).ToArray());
                return inList.Negated ? new Pred.Not(p) : p;
            }
            case BoundFunctionCall { IsComparison: true, Arguments.Count: 2 } f:
            {
                var op = f.Name switch
                {
                    "=" or "==" => Pred.ComparisonOperator.Equal,
                    "<" => Pred.ComparisonOperator.LessThan,
                    "<=" => Pred.ComparisonOperator.LessThanOrEqual,
                    ">" => Pred.ComparisonOperator.GreaterThan,
                    ">=" => Pred.ComparisonOperator.GreaterThanOrEqual,
                    "!=" or "<>" => Pred.ComparisonOperator.NotEqual,
                    _ => (Pred.ComparisonOperator?)null,
                };
                if (op is null) return null;
                if (Unwrap(f.Arguments[0], f.Arguments[1]) is var (c, l) && c is not null)
                    return Literal(l!) is { } lit ? new Pred.Comparison(op.Value, Column(c, columnNames), lit) : null;
                if (Unwrap(f.Arguments[1], f.Arguments[0]) is var (c2, l2) && c2 is not null)
                    return Literal(l2!) is { } lit2 ? new Pred.Comparison(Flip(op.Value), Column(c2, columnNames), lit2) : null;
                return null;
            }
            default:
                return null;
        }
    }

    private static bool Translatable(DataType t) => t.IsPrimitive && t is not (BinaryType or NullType);

    /// <summary>
    /// A column compared with a literal of its own type; also an integral column widened by an implicit cast
    /// (<c>CAST(int_col AS BIGINT) = 5L</c>) when the literal fits the column's type exactly.
    /// </summary>
    private static (BoundColumnRef? Column, BoundLiteral? Literal) Unwrap(BoundExpression column, BoundExpression literal)
    {
        if (literal is not BoundLiteral { Value: not null } l) return (null, null);
        if (column is BoundColumnRef c && l.Type == c.Type && Translatable(c.Type)) return (c, l);
        if (column is BoundCast { IsTry: false, Operand: BoundColumnRef inner } cast && IsIntegral(inner.Type) && IsIntegral(cast.Target))
        {
            var value = Convert.ToInt64(l.Value, System.Globalization.CultureInfo.InvariantCulture);
            object? narrowed = inner.Type switch
            {
                ByteType when value is >= sbyte.MinValue and <= sbyte.MaxValue => (sbyte)value,
                ShortType when value is >= short.MinValue and <= short.MaxValue => (short)value,
                IntegerType when value is >= int.MinValue and <= int.MaxValue => (int)value,
                LongType => value,
                _ => null,
            };
            if (narrowed is not null) return (inner, new BoundLiteral(narrowed, inner.Type));
        }
        return (null, null);
    }

    private static bool IsIntegral(DataType t) => t is ByteType or ShortType or IntegerType or LongType;

    private static Pred.ColumnRef Column(BoundColumnRef c, IReadOnlyList<string> names) => new(names[c.Ordinal]);

    private static Pred.ComparisonOperator Flip(Pred.ComparisonOperator op) => op switch
    {
        Pred.ComparisonOperator.LessThan => Pred.ComparisonOperator.GreaterThan,
        Pred.ComparisonOperator.LessThanOrEqual => Pred.ComparisonOperator.GreaterThanOrEqual,
        Pred.ComparisonOperator.GreaterThan => Pred.ComparisonOperator.LessThan,
        Pred.ComparisonOperator.GreaterThanOrEqual => Pred.ComparisonOperator.LessThanOrEqual,
        _ => op,
    };

    /// <summary>A Core literal in the ValueConverter boxing (DateOnly for dates, DateTime for timestamps); null when
    /// the value has no such boxing (out of DateTime's range).</summary>
    private static Pred.Literal? Literal(BoundLiteral l)
    {
        object? v = l.Value switch
        {
            int days when l.Type is DateType => ValueConverter.DateFromDays(days),
            long us when l.Type is TimestampType => ValueConverter.TimestampFromMicros(us, DateTimeKind.Utc),
            long us when l.Type is TimestampNtzType => ValueConverter.TimestampFromMicros(us, DateTimeKind.Unspecified),
            _ => l.Value,
        };
        return v is null ? null : new Pred.Literal(v, l.Type);
    }
}
