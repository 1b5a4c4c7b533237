using System.Globalization;
using System.Text;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Statements;

/// <summary>A column as Spark's analyzer resolves it: the attribute's name (as the table spells it), its expression
/// id and its type.</summary>
internal sealed record SparkAttribute(string Name, long Id, DataType Type);

/// <summary>
/// A condition as the text Delta writes into operationParameters. <see cref="ToStringForm"/> is Catalyst's
/// Expression.toString of the analyzed condition, which DELETE / UPDATE / MERGE record (DeltaOperations'
/// predicatesToString: <c>(adjudication_status#17053 = PENDING)</c>): attributes as <c>name#id</c> (suffix <c>L</c>
/// for bigint), literals unquoted, binary operators parenthesised, <c>NOT x</c>, <c>isnull(x)</c>,
/// <c>x IN (a,b)</c>, functions as <c>name(args)</c>, and the implicit casts the analyzer adds between a column and a
/// literal of another type (<c>cast(5 as bigint)</c>). <see cref="SqlForm"/> is Catalyst's Expression.sql of the
/// filters a partial overwrite translates (the replaceWhere option WriteIntoDeltaBuilder.overwrite records:
/// <c>(region = 'EU')</c>, <c>(id &gt;= 3L)</c>). Forms the printer does not know fall back to the SQL text as
/// written. Stateless.
/// </summary>
internal static class SparkExpressionText
{
    /// <summary>Catalyst's toString. <paramref name="resolve"/> maps a column reference to its attribute (null: not
    /// a column of the inputs, printed as written).</summary>
    public static string ToStringForm(SqlExpression expression, Func<ColumnReference, SparkAttribute?> resolve)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(resolve);
        return new Printer(resolve, sqlForm: false).Print(expression);
    }

    /// <summary>Catalyst's .sql of a filter over the table's columns (names without ids).</summary>
    public static string SqlForm(SqlExpression expression, Func<ColumnReference, SparkAttribute?> resolve)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(resolve);
        return new Printer(resolve, sqlForm: true).Print(expression);
    }

    /// <summary>Catalyst's Literal.sql of a typed value (partition values of a static PARTITION clause).</summary>
    public static string SqlLiteral(object? value, DataType type) => value is null ? "NULL" : LiteralSql(Text(value), type);

    /// <summary>A column name as Catalyst's .sql shows it (backticks only when needed).</summary>
    public static string SqlName(string name) => QuoteIfNeeded(name);

    /// <summary>A resolver over one or more inputs (alias, schema, first id): qualified names match their input's
    /// alias, bare names the first input that has the column (case-insensitive, as Spark's resolver).</summary>
    public static Func<ColumnReference, SparkAttribute?> Resolver(params (string? Alias, StructType Schema, long FirstId)[] inputs) => column =>
    {
        var parts = column.NameParts;
        if (parts.Count is < 1 or > 2) return null;
        foreach (var (alias, schema, firstId) in inputs)
        {
            if (parts.Count == 2 && (alias is null || !string.Equals(parts[0].Value, alias, StringComparison.OrdinalIgnoreCase))) continue;
            var i = schema.IndexOf(parts[^1].Value);
            if (i >= 0) return new SparkAttribute(schema[i].Name, firstId + i, schema[i].Type);
        }
        return null;
    };

    private sealed class Printer(Func<ColumnReference, SparkAttribute?> resolve, bool sqlForm)
    {
        public string Print(SqlExpression e) => Text(e).Text;

        /// <summary>The text and, where known, the Spark type of the node.</summary>
        private (string Text, DataType? Type) Text(SqlExpression e)
        {
            switch (e)
            {
                case ColumnReference c when resolve(c) is { } a:
                    return (sqlForm ? QuoteIfNeeded(a.Name) : $"{a.Name}#{a.Id.ToString(CultureInfo.InvariantCulture)}{(a.Type is LongType ? "L" : "")}", a.Type);
                case ColumnReference c:
                    return (c.ToString(), null);
                case NullLiteral:
                    return (sqlForm ? "NULL" : "null", null);
                case BooleanLiteral b:
                    return (b.Value ? "true" : "false", DataType.Boolean);
                case IntegerLiteral i:
                {
                    var type = i.Type switch
                    {
                        IntegerLiteralType.TinyInt => DataType.Byte,
                        IntegerLiteralType.SmallInt => DataType.Short,
                        IntegerLiteralType.BigInt => DataType.Long,
                        _ => (DataType)DataType.Integer,
                    };
                    var text = i.Value.ToString(CultureInfo.InvariantCulture);
                    return (sqlForm ? LiteralSql(text, type) : text, type);
                }
                case DecimalLiteral d:
                    return (sqlForm ? d.Value + "BD" : d.Value, new DecimalType(d.Precision, d.Scale));
                case DoubleLiteral d:
                    return (sqlForm ? LiteralSql(DoubleText(d.Value), DataType.Double) : DoubleText(d.Value), DataType.Double);
                case StringLiteral s:
                    return (sqlForm ? LiteralSql(s.Value, DataType.String) : s.Value, DataType.String);
                case TypedLiteral { Type: TypedLiteralType.Date } t:
                    return (sqlForm ? $"DATE '{t.Value}'" : t.Value, DataType.Date);
                case UnaryExpression { Operator: UnaryOperator.Not } n:
                    return (sqlForm ? $"(NOT {Text(n.Operand).Text})" : $"NOT {Text(n.Operand).Text}", DataType.Boolean);
                case UnaryExpression { Operator: UnaryOperator.Negate, Operand: IntegerLiteral or DecimalLiteral or DoubleLiteral } n:
                {
                    var inner = Text(n.Operand);
                    return ("-" + inner.Text, inner.Type);
                }
                case UnaryExpression { Operator: UnaryOperator.Negate } n:
                {
                    var inner = Text(n.Operand);
                    return (sqlForm ? $"(- {inner.Text})" : "-" + inner.Text, inner.Type);
                }
                case BinaryExpression { Operator: BinaryOperator.NotEqual } ne:
                {
                    var eq = Binary(ne with { Operator = BinaryOperator.Equal });
                    return (sqlForm ? $"(NOT {eq})" : $"NOT {eq}", DataType.Boolean);
                }
                case BinaryExpression b:
                    return (Binary(b), IsComparison(b.Operator) ? DataType.Boolean : null);
                case IsNullExpression n:
                {
                    var inner = Text(n.Operand).Text;
                    return (sqlForm ? $"({inner} IS {(n.Negated ? "NOT " : "")}NULL)" : $"{(n.Negated ? "isnotnull" : "isnull")}({inner})", DataType.Boolean);
                }
                case IsDistinctFromExpression d:
                {
                    var eq = Binary(new BinaryExpression(BinaryOperator.NullSafeEqual, d.Left, d.Right));
                    return (d.Negated ? eq : sqlForm ? $"(NOT {eq})" : $"NOT {eq}", DataType.Boolean);
                }
                case BetweenExpression b:
                {
                    // Spark's parser turns BETWEEN into (v >= low) AND (v <= high).
                    var and = $"({Binary(new BinaryExpression(BinaryOperator.GreaterThanOrEqual, b.Value, b.Low))} AND {Binary(new BinaryExpression(BinaryOperator.LessThanOrEqual, b.Value, b.High))})";
                    return (b.Negated ? (sqlForm ? $"(NOT {and})" : $"NOT {and}") : and, DataType.Boolean);
                }
                case InListExpression i:
                {
                    var value = Text(i.Value);
                    var items = i.List.Select(x => Coerced(x, value.Type)).ToList();
                    var text = sqlForm ? $"({value.Text} IN ({string.Join(", ", items)}))" : $"{value.Text} IN ({string.Join(",", items)})";
                    return (i.Negated ? (sqlForm ? $"(NOT {text})" : $"NOT {text}") : text, DataType.Boolean);
                }
                case LikeExpression { Kind: LikeKind.Like } l:
                {
                    var text = $"{Text(l.Value).Text} LIKE {Text(l.Pattern).Text}" + (l.Escape is { } esc && esc != '\\' ? $" ESCAPE '{esc}'" : "");
                    return (l.Negated ? (sqlForm ? $"(NOT {text})" : $"NOT {text}") : text, DataType.Boolean);
                }
                case LikeExpression { Kind: LikeKind.RLike } l:
                {
                    var text = $"RLIKE({Text(l.Value).Text}, {Text(l.Pattern).Text})";
                    return (l.Negated ? $"NOT {text}" : text, DataType.Boolean);
                }
                case CastExpression c:
                {
                    var type = c.Type.ToDataType();
                    return ($"{(c.IsTry ? "try_cast" : "cast")}({Text(c.Operand).Text} as {type.SimpleString})", type);
                }
                case FunctionCall f when f.Over is null && f.Filter is null && !f.Distinct:
                    return ($"{f.Name.ToString().ToLowerInvariant()}({string.Join(", ", f.Arguments.Select(a => Text(a).Text))})", null);
                case CaseExpression c:
                {
                    var sb = new StringBuilder("CASE");
                    if (c.Operand is not null) sb.Append(' ').Append(Text(c.Operand).Text);
                    foreach (var w in c.WhenClauses) sb.Append(" WHEN ").Append(Text(w.Condition).Text).Append(" THEN ").Append(Text(w.Result).Text);
                    if (c.Else is not null) sb.Append(" ELSE ").Append(Text(c.Else).Text);
                    return (sb.Append(" END").ToString(), null);
                }
                default:
                    return (SqlPrinter.Print(e), null);
            }
        }

        private string Binary(BinaryExpression b)
        {
            var left = Text(b.Left);
            var right = Text(b.Right);
            var (l, r) = (left.Text, right.Text);
            if (IsComparison(b.Operator) || IsArithmetic(b.Operator))
            {
                // The analyzer's implicit casts between a column and a literal of another type (ImplicitTypeCasts).
                if (left.Type is { } lt && right.Type is { } rt && lt != rt && Wider(lt, rt) is { } wide)
                {
                    if (wide != lt) l = Cast(b.Left, left, wide);
                    if (wide != rt) r = Cast(b.Right, right, wide);
                }
            }
            // || is concat(…) in Catalyst's text; <> is handled above; shifts print as SQL.
            var op = b.Operator is BinaryOperator.Concat or BinaryOperator.ShiftLeft or BinaryOperator.ShiftRight or BinaryOperator.ShiftRightUnsigned
                or BinaryOperator.NotEqual ? null : b.Operator.Symbol();
            if (op is null)
                return b.Operator == BinaryOperator.Concat ? $"concat({l}, {r})" : SqlPrinter.Print(b);
            return $"({l} {op} {r})";
        }

        /// <summary>A literal in an IN list cast to the value's type (or re-typed in the SQL form).</summary>
        private string Coerced(SqlExpression item, DataType? target)
        {
            var t = Text(item);
            if (target is null || t.Type is null || t.Type == target || Wider(target, t.Type) != target) return t.Text;
            return Cast(item, t, target);
        }

        private string Cast(SqlExpression node, (string Text, DataType? Type) printed, DataType to)
        {
            // A literal written for a column of another type: the SQL form shows the folded literal of the column's
            // type (3L), the toString form the analyzer's cast(3 as bigint).
            if (sqlForm && Literal(node) is { } value) return LiteralSql(value, to);
            return $"cast({printed.Text} as {to.SimpleString})";
        }

        private static string? Literal(SqlExpression e) => e switch
        {
            IntegerLiteral i => i.Value.ToString(CultureInfo.InvariantCulture),
            StringLiteral s => s.Value,
            DecimalLiteral d => d.Value,
            DoubleLiteral d => DoubleText(d.Value),
            UnaryExpression { Operator: UnaryOperator.Negate, Operand: IntegerLiteral i } => "-" + i.Value.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
    }

    /// <summary>The type both sides are cast to, for the pairs where Spark's analyzer casts one side: numeric
    /// widening (int → bigint → double), and a string compared with a date / timestamp; null otherwise.</summary>
    private static DataType? Wider(DataType a, DataType b)
    {
        static int Rank(DataType t) => t switch
        {
            ByteType => 1,
            ShortType => 2,
            IntegerType => 3,
            LongType => 4,
            FloatType => 6,
            DoubleType => 7,
            _ => 0,
        };
        var (ra, rb) = (Rank(a), Rank(b));
        if (ra > 0 && rb > 0) return ra >= rb ? a : b;
        if (a is StringType && b is DateType or TimestampType) return b;
        if (b is StringType && a is DateType or TimestampType) return a;
        return null;
    }

    private static bool IsComparison(BinaryOperator op) => op is BinaryOperator.Equal or BinaryOperator.NullSafeEqual or BinaryOperator.LessThan
        or BinaryOperator.LessThanOrEqual or BinaryOperator.GreaterThan or BinaryOperator.GreaterThanOrEqual or BinaryOperator.NotEqual;

    private static bool IsArithmetic(BinaryOperator op) => op is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply
        or BinaryOperator.Divide or BinaryOperator.Modulo;

    /// <summary>Catalyst Literal.sql for a value already in its display text.</summary>
    private static string LiteralSql(string text, DataType type) => type switch
    {
        StringType => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'",
        LongType => text + "L",
        ShortType => text + "S",
        ByteType => text + "Y",
        DoubleType => (text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0") + "D",
        FloatType => $"CAST({text} AS FLOAT)",
        DecimalType => text + "BD",
        DateType => $"DATE '{text}'",
        TimestampType => $"TIMESTAMP '{text}'",
        TimestampNtzType => $"TIMESTAMP_NTZ '{text}'",
        _ => text,
    };

    /// <summary>The display text of a typed partition value.</summary>
    private static string Text(object value) => value switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        double d => DoubleText(d),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Java's Double.toString for the common cases (1.0, 2.5, 1.0E10).</summary>
    private static string DoubleText(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "Infinity" : "-Infinity";
        var abs = Math.Abs(d);
        if (abs != 0 && (abs >= 1e7 || abs < 1e-3))
        {
            var s = d.ToString("0.0################E0", CultureInfo.InvariantCulture);
            return s;
        }
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        return r.Contains('.', StringComparison.Ordinal) || r.Contains('E', StringComparison.Ordinal) ? r : r + ".0";
    }

    /// <summary>Spark's quoteIfNeeded: backticks unless the name is letters, digits and underscores (not all digits).</summary>
    private static string QuoteIfNeeded(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !name.All(char.IsAsciiDigit)
            ? name
            : "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
