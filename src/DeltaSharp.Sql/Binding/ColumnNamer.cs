using System.Globalization;
using System.Text;
using DeltaSharp.Sql.Ast;

namespace DeltaSharp.Sql.Binding;

/// <summary>
/// The name Spark gives an unaliased select item (its "pretty SQL"): a column keeps its own name (<c>t.a</c> → <c>a</c>,
/// a nested field its last part), literals print bare (<c>'x'</c> → <c>x</c>), operators are parenthesised
/// (<c>(a + 1)</c>), functions are lower case (<c>count(1)</c> for <c>COUNT(*)</c>), <c>&lt;&gt;</c> prints as
/// <c>(NOT (a = b))</c>.
/// </summary>
internal static class ColumnNamer
{
    public static string Name(SqlExpression e) => e switch
    {
        ColumnReference c => c.NameParts[^1].Value,
        FieldAccess f => f.Field.Value,
        _ => Pretty(e),
    };

    public static string Pretty(SqlExpression e)
    {
        switch (e)
        {
            case ColumnReference c: return string.Join('.', c.NameParts.Select(p => p.Value));
            case NullLiteral: return "NULL";
            case BooleanLiteral b: return b.Value ? "true" : "false";
            case IntegerLiteral i: return i.Value.ToString(CultureInfo.InvariantCulture);
            case DecimalLiteral d: return d.Value;
            case DoubleLiteral d: return FormatDouble(d.Value);
            case FloatLiteral f: return FormatDouble(f.Value);
            case StringLiteral s: return s.Value;
            case BinaryLiteral b: return "X'" + Convert.ToHexString(b.Value.AsSpan()) + "'";
            case TypedLiteral t:
                return t.Type switch
                {
                    TypedLiteralType.Date => $"DATE '{t.Value}'",
                    TypedLiteralType.TimestampNtz => $"TIMESTAMP_NTZ '{t.Value}'",
                    TypedLiteralType.Interval => $"INTERVAL '{t.Value}'",
                    _ => $"TIMESTAMP '{t.Value}'",
                };
            case IntervalLiteral iv:
                return "INTERVAL '" + string.Join(' ', iv.Fields.Select(f => f.Value + " " + f.Unit.ToString().ToUpperInvariant() + "S")) + "'";
            case NiladicFunction n: return n.Name + "()";
            case StarExpression s: return s.Qualifier.Count == 0 ? "*" : string.Join('.', s.Qualifier.Select(q => q.Value)) + ".*";
            case UnaryExpression u:
                return u.Operator switch
                {
                    UnaryOperator.Not => $"(NOT {Pretty(u.Operand)})",
                    UnaryOperator.Negate => u.Operand is IntegerLiteral or DecimalLiteral or DoubleLiteral ? "-" + Pretty(u.Operand) : $"(- {Pretty(u.Operand)})",
                    UnaryOperator.Plus => $"(+ {Pretty(u.Operand)})",
                    _ => $"~{Pretty(u.Operand)}",
                };
            case BinaryExpression b:
                return b.Operator switch
                {
                    BinaryOperator.NotEqual => $"(NOT ({Pretty(b.Left)} = {Pretty(b.Right)}))",
                    BinaryOperator.Concat => $"concat({Pretty(b.Left)}, {Pretty(b.Right)})",
                    _ => $"({Pretty(b.Left)} {Symbol(b.Operator)} {Pretty(b.Right)})",
                };
            case IsNullExpression n: return $"({Pretty(n.Operand)} IS {(n.Negated ? "NOT " : "")}NULL)";
            case IsBooleanExpression ib:
                return $"({Pretty(ib.Operand)} IS {(ib.Negated ? "NOT " : "")}{(ib.Value is null ? "UNKNOWN" : ib.Value.Value ? "TRUE" : "FALSE")})";
            case IsDistinctFromExpression d:
                return d.Negated ? $"({Pretty(d.Left)} <=> {Pretty(d.Right)})" : $"(NOT ({Pretty(d.Left)} <=> {Pretty(d.Right)}))";
            case BetweenExpression bt:
            {
                var inner = $"(({Pretty(bt.Value)} >= {Pretty(bt.Low)}) AND ({Pretty(bt.Value)} <= {Pretty(bt.High)}))";
                return bt.Negated ? $"(NOT {inner})" : inner;
            }
            case InListExpression il:
            {
                var inner = $"({Pretty(il.Value)} IN ({string.Join(", ", il.List.Select(Pretty))}))";
                return il.Negated ? $"(NOT {inner})" : inner;
            }
            case InSubqueryExpression isq:
                return isq.Negated ? $"(NOT ({Pretty(isq.Value)} IN (listquery())))" : $"({Pretty(isq.Value)} IN (listquery()))";
            case ExistsExpression: return "exists()";
            case SubqueryExpression: return "scalarsubquery()";
            case LikeExpression l:
            {
                var op = l.Kind switch { LikeKind.ILike => "ILIKE", LikeKind.RLike => "RLIKE", _ => "LIKE" };
                var inner = $"{Pretty(l.Value)} {op} {Pretty(l.Pattern)}";
                return l.Negated ? $"(NOT {inner})" : inner;
            }
            case CaseExpression c:
            {
                var sb = new StringBuilder("CASE");
                if (c.Operand is not null) sb.Append(' ').Append(Pretty(c.Operand));
                foreach (var w in c.WhenClauses) sb.Append(" WHEN ").Append(Pretty(w.Condition)).Append(" THEN ").Append(Pretty(w.Result));
                if (c.Else is not null) sb.Append(" ELSE ").Append(Pretty(c.Else));
                return sb.Append(" END").ToString();
            }
            case CastExpression c:
                return $"{(c.IsTry ? "TRY_CAST" : "CAST")}({Pretty(c.Operand)} AS {c.Type.ToDataType().SimpleString.ToUpperInvariant()})";
            case FunctionCall f: return PrettyCall(f);
            case ExtractExpression x: return $"extract({x.Field.Value}, {Pretty(x.Source)})";
            case TrimExpression t:
                return t.Characters is null
                    ? $"{(t.Side switch { TrimSide.Leading => "ltrim", TrimSide.Trailing => "rtrim", _ => "trim" })}({Pretty(t.Source)})"
                    : $"TRIM({t.Side.ToString().ToUpperInvariant()} {Pretty(t.Characters)} FROM {Pretty(t.Source)})";
            case FieldAccess fa: return $"{Pretty(fa.Base)}.{fa.Field.Value}";
            case SubscriptExpression s: return $"{Pretty(s.Base)}[{Pretty(s.Index)}]";
            case RowConstructor r: return $"named_struct({string.Join(", ", r.Items.Select((x, i) => $"col{i + 1}, {Pretty(x)}"))})";
            case AliasedExpression a: return Pretty(a.Expression);
            case NamedArgument n: return $"{n.Name.Value} => {Pretty(n.Value)}";
            default: return e.ToSql();
        }
    }

    private static string PrettyCall(FunctionCall f)
    {
        var name = f.Name.Parts.Count == 1 ? f.Name.Name.ToLowerInvariant() : string.Join('.', f.Name.Parts.Select(p => p.Value));
        string args;
        if (f.Arguments.Count == 1 && f.Arguments[0] is StarExpression { Qualifier.Count: 0 } && name == "count") args = "1";
        else args = string.Join(", ", f.Arguments.Select(Pretty));
        if (name is "if") return $"(IF({args}))";
        var text = $"{name}({(f.Distinct ? "DISTINCT " : "")}{args})";
        if (f.Filter is not null) text += $" FILTER (WHERE {Pretty(f.Filter)})";
        if (f.Over is not null) text += " OVER (" + PrettyWindow(f.Over) + ")";
        return text;
    }

    private static string PrettyWindow(WindowSpec w)
    {
        if (w.Name is not null && w.PartitionBy.Count == 0 && w.OrderBy.Count == 0) return w.Name.Value;
        var parts = new List<string>();
        if (w.PartitionBy.Count > 0) parts.Add("PARTITION BY " + string.Join(", ", w.PartitionBy.Select(Pretty)));
        if (w.OrderBy.Count > 0)
            parts.Add("ORDER BY " + string.Join(", ", w.OrderBy.Select(o =>
            {
                var desc = o.Direction == SortDirection.Descending;
                var nullsFirst = o.Nulls is null ? !desc : o.Nulls == NullOrdering.First;
                return $"{Pretty(o.Expression)} {(desc ? "DESC" : "ASC")} NULLS {(nullsFirst ? "FIRST" : "LAST")}";
            })));
        var frame = w.Frame;
        if (frame is null)
            parts.Add(w.OrderBy.Count > 0 ? "RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW" : "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING");
        else
            parts.Add($"{frame.Type.ToString().ToUpperInvariant()} BETWEEN {Bound(frame.Start)} AND {(frame.End is null ? "CURRENT ROW" : Bound(frame.End))}");
        return string.Join(' ', parts);
    }

    private static string Bound(FrameBound b) => b.Kind switch
    {
        FrameBoundKind.UnboundedPreceding => "UNBOUNDED PRECEDING",
        FrameBoundKind.UnboundedFollowing => "UNBOUNDED FOLLOWING",
        FrameBoundKind.CurrentRow => "CURRENT ROW",
        FrameBoundKind.Preceding => $"{Pretty(b.Offset!)} PRECEDING",
        _ => $"{Pretty(b.Offset!)} FOLLOWING",
    };

    private static string Symbol(BinaryOperator op) => op.Symbol();

    private static string FormatDouble(double d)
    {
        var s = d.ToString("R", CultureInfo.InvariantCulture);
        return s.Contains('.', StringComparison.Ordinal) || s.Contains('E', StringComparison.Ordinal) ? s : s + ".0";
    }
}
