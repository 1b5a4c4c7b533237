using System.Globalization;

namespace DeltaSharp.Sql.Ast;

// Expressions and data types.
internal sealed partial class SqlPrinter
{
    // ───────────────────────────── expressions ─────────────────────────────

    // Binding strength of each expression when printed (higher binds tighter); see SqlParser.Expressions.
    private const int OrLevel = 1, AndLevel = 2, NotLevel = 3, PredicateLevel = 4, ComparisonLevel = 5, UnaryLevel = 12, PostfixLevel = 13, PrimaryLevel = 14;

    private static int BinaryLevel(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => OrLevel,
        BinaryOperator.And => AndLevel,
        BinaryOperator.Equal or BinaryOperator.NullSafeEqual or BinaryOperator.NotEqual or BinaryOperator.LessThan
            or BinaryOperator.LessThanOrEqual or BinaryOperator.GreaterThan or BinaryOperator.GreaterThanOrEqual => ComparisonLevel,
        BinaryOperator.BitwiseOr => 6,
        BinaryOperator.BitwiseXor => 7,
        BinaryOperator.BitwiseAnd => 8,
        BinaryOperator.ShiftLeft or BinaryOperator.ShiftRight or BinaryOperator.ShiftRightUnsigned => 9,
        BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Concat => 10,
        _ => 11,
    };

    private static int Level(SqlExpression e) => e switch
    {
        BinaryExpression b => BinaryLevel(b.Operator),
        UnaryExpression { Operator: UnaryOperator.Not } => NotLevel,
        UnaryExpression => UnaryLevel,
        IsNullExpression or IsBooleanExpression or IsDistinctFromExpression or BetweenExpression or InListExpression
            or InSubqueryExpression or LikeExpression or LikeQuantifiedExpression => PredicateLevel,
        SubscriptExpression or FieldAccess => PostfixLevel,
        LambdaExpression or AliasedExpression or NamedArgument => 0,
        _ => PrimaryLevel,
    };

    private static string BinaryText(BinaryOperator op) => op == BinaryOperator.IntegralDivide ? "DIV" : op.Symbol();

    /// <summary>Prints <paramref name="e"/>, in parentheses when it binds looser than <paramref name="minLevel"/>.</summary>
    private void Expr(SqlExpression e, int minLevel)
    {
        var parens = Level(e) < minLevel;
        if (parens) _sb.Append('(');
        ExprBody(e);
        if (parens) _sb.Append(')');
    }

    private void Exprs(IEnumerable<SqlExpression> items)
    {
        var first = true;
        foreach (var item in items)
        {
            if (!first) _sb.Append(", ");
            first = false;
            Expr(item, 0);
        }
    }

    private void ExprBody(SqlExpression e)
    {
        switch (e)
        {
            case NullLiteral: _sb.Append("NULL"); break;
            case BooleanLiteral b: _sb.Append(b.Value ? "TRUE" : "FALSE"); break;
            case IntegerLiteral i:
                _sb.Append(i.Value.ToString(CultureInfo.InvariantCulture)).Append(i.Type switch
                {
                    IntegerLiteralType.TinyInt => "Y",
                    IntegerLiteralType.SmallInt => "S",
                    IntegerLiteralType.BigInt => "L",
                    _ => "",
                });
                break;
            case DecimalLiteral d: _sb.Append(d.Value).Append("BD"); break;
            case DoubleLiteral d: Floating(d.Value.ToString("R", CultureInfo.InvariantCulture), "D", double.IsFinite(d.Value)); break;
            case FloatLiteral f: Floating(f.Value.ToString("R", CultureInfo.InvariantCulture), "F", float.IsFinite(f.Value)); break;
            case StringLiteral s: String(s.Value); break;
            case BinaryLiteral b: _sb.Append("X'").Append(Convert.ToHexString(b.Value.AsSpan())).Append('\''); break;
            case TypedLiteral t:
                _sb.Append(t.Type switch
                {
                    TypedLiteralType.Date => "DATE ",
                    TypedLiteralType.Timestamp => "TIMESTAMP ",
                    TypedLiteralType.TimestampNtz => "TIMESTAMP_NTZ ",
                    TypedLiteralType.TimestampLtz => "TIMESTAMP_LTZ ",
                    _ => "INTERVAL ",
                });
                String(t.Value);
                break;
            case IntervalLiteral i:
                _sb.Append("INTERVAL");
                foreach (var field in i.Fields)
                {
                    _sb.Append(' ');
                    String(field.Value);
                    _sb.Append(' ').Append(field.Unit.ToString().ToUpperInvariant());
                }
                break;
            case UnitToUnitIntervalLiteral u:
                _sb.Append("INTERVAL ");
                String(u.Value);
                _sb.Append(' ').Append(u.From.ToString().ToUpperInvariant()).Append(" TO ").Append(u.To.ToString().ToUpperInvariant());
                break;
            case ColumnReference c: Names(c.NameParts, "."); break;
            case NiladicFunction n: _sb.Append(n.Name.ToUpperInvariant()); break;
            case StarExpression s:
                if (!s.Qualifier.IsEmpty)
                {
                    Names(s.Qualifier, ".");
                    _sb.Append('.');
                }
                _sb.Append('*');
                if (!s.Except.IsEmpty)
                {
                    _sb.Append(" EXCEPT (");
                    QualifiedNames(s.Except);
                    _sb.Append(')');
                }
                break;
            case UnaryExpression u: Unary(u); break;
            case BinaryExpression b: Binary(b); break;
            case IsNullExpression n:
                Expr(n.Operand, ComparisonLevel);
                _sb.Append(n.Negated ? " IS NOT NULL" : " IS NULL");
                break;
            case IsBooleanExpression b:
                Expr(b.Operand, ComparisonLevel);
                _sb.Append(b.Negated ? " IS NOT " : " IS ").Append(b.Value switch { true => "TRUE", false => "FALSE", null => "UNKNOWN" });
                break;
            case IsDistinctFromExpression d:
                Expr(d.Left, ComparisonLevel);
                _sb.Append(d.Negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
                Expr(d.Right, ComparisonLevel);
                break;
            case BetweenExpression b:
                Expr(b.Value, ComparisonLevel);
                _sb.Append(b.Negated ? " NOT BETWEEN " : " BETWEEN ");
                Expr(b.Low, ComparisonLevel);
                _sb.Append(" AND ");
                Expr(b.High, ComparisonLevel);
                break;
            case InListExpression i:
                Expr(i.Value, ComparisonLevel);
                _sb.Append(i.Negated ? " NOT IN (" : " IN (");
                Exprs(i.List);
                _sb.Append(')');
                break;
            case InSubqueryExpression i:
                Expr(i.Value, ComparisonLevel);
                _sb.Append(i.Negated ? " NOT IN (" : " IN (");
                Query(i.Query);
                _sb.Append(')');
                break;
            case LikeExpression l:
                Expr(l.Value, ComparisonLevel);
                _sb.Append(l.Negated ? " NOT " : " ").Append(l.Kind switch { LikeKind.Like => "LIKE ", LikeKind.ILike => "ILIKE ", _ => "RLIKE " });
                Expr(l.Pattern, ComparisonLevel);
                if (l.Escape is { } escape)
                {
                    _sb.Append(" ESCAPE ");
                    String(escape.ToString());
                }
                break;
            case LikeQuantifiedExpression l:
                Expr(l.Value, ComparisonLevel);
                _sb.Append(l.Negated ? " NOT " : " ").Append(l.Kind == LikeKind.ILike ? "ILIKE " : "LIKE ").Append(l.Quantifier == LikeQuantifier.All ? "ALL (" : "ANY (");
                Exprs(l.Patterns);
                _sb.Append(')');
                break;
            case ExistsExpression x:
                _sb.Append("EXISTS (");
                Query(x.Query);
                _sb.Append(')');
                break;
            case SubqueryExpression s:
                _sb.Append('(');
                Query(s.Query);
                _sb.Append(')');
                break;
            case CaseExpression c:
                _sb.Append("CASE");
                if (c.Operand is not null)
                {
                    _sb.Append(' ');
                    Expr(c.Operand, 0);
                }
                foreach (var when in c.WhenClauses)
                {
                    _sb.Append(" WHEN ");
                    Expr(when.Condition, 0);
                    _sb.Append(" THEN ");
                    Expr(when.Result, 0);
                }
                if (c.Else is not null)
                {
                    _sb.Append(" ELSE ");
                    Expr(c.Else, 0);
                }
                _sb.Append(" END");
                break;
            case CastExpression c:
                _sb.Append(c.IsTry ? "TRY_CAST(" : "CAST(");
                Expr(c.Operand, 0);
                _sb.Append(" AS ");
                Type(c.Type);
                _sb.Append(')');
                break;
            case FunctionCall f: Function(f); break;
            case NamedArgument n:
                Name(n.Name);
                _sb.Append(" => ");
                Expr(n.Value, 0);
                break;
            case AliasedExpression a:
                Expr(a.Expression, 1);
                _sb.Append(" AS ");
                Name(a.Alias);
                break;
            case TrimExpression t:
                _sb.Append("TRIM(").Append(t.Side switch { TrimSide.Both => "BOTH ", TrimSide.Leading => "LEADING ", _ => "TRAILING " });
                if (t.Characters is not null)
                {
                    Expr(t.Characters, 1);
                    _sb.Append(' ');
                }
                _sb.Append("FROM ");
                Expr(t.Source, ComparisonLevel);
                _sb.Append(')');
                break;
            case ExtractExpression x:
                _sb.Append("EXTRACT(");
                Name(x.Field);
                _sb.Append(" FROM ");
                Expr(x.Source, ComparisonLevel);
                _sb.Append(')');
                break;
            case LambdaExpression l:
                _sb.Append('(');
                Names(l.Parameters, ", ");
                _sb.Append(") -> ");
                Expr(l.Body, 0);
                break;
            case FieldAccess f:
                Expr(f.Base, PostfixLevel);
                _sb.Append('.');
                Name(f.Field);
                break;
            case SubscriptExpression s:
                Expr(s.Base, PostfixLevel);
                _sb.Append('[');
                Expr(s.Index, 0);
                _sb.Append(']');
                break;
            case RowConstructor r:
                _sb.Append('(');
                Exprs(r.Items);
                _sb.Append(')');
                break;
            default:
                _sb.Append("/* ").Append(e.GetType().Name).Append(" */");
                break;
        }
    }

    private void Floating(string text, string suffix, bool finite)
    {
        if (!finite)
        {
            _sb.Append("CAST(");
            String(text);
            _sb.Append(suffix == "D" ? " AS DOUBLE)" : " AS FLOAT)");
            return;
        }
        _sb.Append(text);
        if (!text.Contains('.', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal)) _sb.Append(".0");
        _sb.Append(suffix);
    }

    private void Unary(UnaryExpression u)
    {
        if (u.Operator == UnaryOperator.Not)
        {
            _sb.Append("NOT ");
            Expr(u.Operand, NotLevel);
            return;
        }
        _sb.Append(u.Operator switch { UnaryOperator.Negate => "-", UnaryOperator.Plus => "+", _ => "~" });
        // "-(5)" keeps a negation of a literal apart from the literal -5, and no "--" comment can appear.
        var operandIsSafe = u.Operand is ColumnReference or FunctionCall or CaseExpression or CastExpression or NiladicFunction
            or SubqueryExpression or StarExpression;
        if (operandIsSafe) ExprBody(u.Operand);
        else
        {
            _sb.Append('(');
            Expr(u.Operand, 0);
            _sb.Append(')');
        }
    }

    private void Binary(BinaryExpression b)
    {
        var level = BinaryLevel(b.Operator);
        var logical = b.Operator is BinaryOperator.And or BinaryOperator.Or;
        // AND/OR children that are AND/OR get parentheses: the parser rebalances unparenthesised chains.
        var leftMin = logical && b.Left is BinaryExpression { Operator: BinaryOperator.And or BinaryOperator.Or } ? PrimaryLevel : level;
        var rightMin = logical && b.Right is BinaryExpression { Operator: BinaryOperator.And or BinaryOperator.Or } ? PrimaryLevel : level + 1;
        Expr(b.Left, leftMin);
        _sb.Append(' ').Append(BinaryText(b.Operator)).Append(' ');
        Expr(b.Right, rightMin);
    }

    private void Function(FunctionCall f)
    {
        var first = true;
        foreach (var part in f.Name.Parts)
        {
            if (!first) _sb.Append('.');
            if (first && f.Name.Parts.Count == 1 && !SqlKeywords.FunctionNeedsQuoting(part.Value)) _sb.Append(part.Value);
            else Name(part);
            first = false;
        }
        _sb.Append('(');
        if (f.Distinct) _sb.Append("DISTINCT ");
        Exprs(f.Arguments);
        _sb.Append(')');
        if (!f.WithinGroup.IsEmpty)
        {
            _sb.Append(" WITHIN GROUP (ORDER BY ");
            Sorts(f.WithinGroup);
            _sb.Append(')');
        }
        if (f.Filter is not null)
        {
            _sb.Append(" FILTER (WHERE ");
            Expr(f.Filter, 0);
            _sb.Append(')');
        }
        if (f.Nulls is { } nulls) _sb.Append(nulls == NullTreatment.Ignore ? " IGNORE NULLS" : " RESPECT NULLS");
        if (f.Over is not null)
        {
            _sb.Append(" OVER ");
            Window(f.Over);
        }
    }

    private void Window(WindowSpec w)
    {
        if (w.Name is not null && w.PartitionBy.IsEmpty && w.OrderBy.IsEmpty && w.Frame is null)
        {
            Name(w.Name);
            return;
        }
        _sb.Append('(');
        var space = false;
        if (w.Name is not null)
        {
            Name(w.Name);
            space = true;
        }
        if (!w.PartitionBy.IsEmpty)
        {
            if (space) _sb.Append(' ');
            _sb.Append("PARTITION BY ");
            Exprs(w.PartitionBy);
            space = true;
        }
        if (!w.OrderBy.IsEmpty)
        {
            if (space) _sb.Append(' ');
            _sb.Append("ORDER BY ");
            Sorts(w.OrderBy);
            space = true;
        }
        if (w.Frame is { } frame)
        {
            if (space) _sb.Append(' ');
            _sb.Append(frame.Type == WindowFrameType.Rows ? "ROWS " : "RANGE ");
            if (frame.End is null) Bound(frame.Start);
            else
            {
                _sb.Append("BETWEEN ");
                Bound(frame.Start);
                _sb.Append(" AND ");
                Bound(frame.End);
            }
        }
        _sb.Append(')');
    }

    private void Bound(FrameBound bound)
    {
        switch (bound.Kind)
        {
            case FrameBoundKind.UnboundedPreceding: _sb.Append("UNBOUNDED PRECEDING"); break;
            case FrameBoundKind.UnboundedFollowing: _sb.Append("UNBOUNDED FOLLOWING"); break;
            case FrameBoundKind.CurrentRow: _sb.Append("CURRENT ROW"); break;
            default:
                Expr(bound.Offset!, 1);
                _sb.Append(bound.Kind == FrameBoundKind.Preceding ? " PRECEDING" : " FOLLOWING");
                break;
        }
    }

    private void Sort(SortItem s)
    {
        Expr(s.Expression, 0);
        if (s.Direction is { } direction) _sb.Append(direction == SortDirection.Ascending ? " ASC" : " DESC");
        if (s.Nulls is { } nulls) _sb.Append(nulls == NullOrdering.First ? " NULLS FIRST" : " NULLS LAST");
    }

    private void Sorts(NodeList<SortItem> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            Sort(items[i]);
        }
    }

    // ───────────────────────────── data types ─────────────────────────────

    private void Type(DataTypeSyntax type)
    {
        switch (type)
        {
            case PrimitiveTypeSyntax p:
                _sb.Append(p.Kind switch
                {
                    PrimitiveTypeKind.TimestampNtz => "TIMESTAMP_NTZ",
                    PrimitiveTypeKind.TimestampLtz => "TIMESTAMP_LTZ",
                    var kind => kind.ToString().ToUpperInvariant(),
                });
                break;
            case DecimalTypeSyntax d: _sb.Append(CultureInfo.InvariantCulture, $"DECIMAL({d.Precision},{d.Scale})"); break;
            case CharTypeSyntax c: _sb.Append(c.Varying ? "VARCHAR(" : "CHAR(").Append(c.Length).Append(')'); break;
            case ArrayTypeSyntax a:
                _sb.Append("ARRAY<");
                Type(a.ElementType);
                _sb.Append('>');
                break;
            case MapTypeSyntax m:
                _sb.Append("MAP<");
                Type(m.KeyType);
                _sb.Append(", ");
                Type(m.ValueType);
                _sb.Append('>');
                break;
            case StructTypeSyntax s:
                _sb.Append("STRUCT<");
                for (var i = 0; i < s.Fields.Count; i++)
                {
                    if (i > 0) _sb.Append(", ");
                    StructField(s.Fields[i]);
                }
                _sb.Append('>');
                break;
            case IntervalTypeSyntax i:
                _sb.Append("INTERVAL ").Append(i.From.ToString().ToUpperInvariant());
                if (i.To is { } to) _sb.Append(" TO ").Append(to.ToString().ToUpperInvariant());
                break;
        }
    }

    private void StructField(StructFieldSyntax field)
    {
        Name(field.Name);
        _sb.Append(": ");
        Type(field.Type);
        if (field.NotNull) _sb.Append(" NOT NULL");
        if (field.Comment is not null)
        {
            _sb.Append(" COMMENT ");
            String(field.Comment);
        }
    }
}
