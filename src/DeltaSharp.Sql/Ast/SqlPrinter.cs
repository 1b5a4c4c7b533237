using System.Globalization;
using System.Text;

namespace DeltaSharp.Sql.Ast;

/// <summary>
/// Prints a syntax tree as Spark SQL that parses back to an equal tree (<c>Parse(Print(t)) == t</c> for every tree
/// the parser produces). Parentheses are added where precedence needs them; chains of AND / OR are printed with
/// explicit parentheses so that their (balanced) shape survives re-parsing. Names are backquoted when they are not
/// plain identifiers or are keywords.
/// </summary>
internal sealed class SqlPrinter
{
    private readonly StringBuilder _sb = new();

    public static string Print(SqlNode node)
    {
        var printer = new SqlPrinter();
        printer.Node(node);
        return printer._sb.ToString();
    }

    private SqlPrinter Append(string text)
    {
        _sb.Append(text);
        return this;
    }

    private void Node(SqlNode node)
    {
        switch (node)
        {
            case Statement s: Statement(s); break;
            case Query q: Query(q); break;
            case QueryBody b: Body(b, 0); break;
            case Relation r: Relation(r); break;
            case SqlExpression e: Expr(e, 0); break;
            case DataTypeSyntax t: Type(t); break;
            case Identifier i: Name(i); break;
            case QualifiedName n: Name(n); break;
            case TableName t: Table(t); break;
            case SortItem s: Sort(s); break;
            case WindowSpec w: Window(w); break;
            case TimeTravelSpec t: TimeTravel(t); break;
            case TableAlias a: Alias(a); break;
            case SelectItem i: SelectItem(i); break;
            case ColumnDefinition c: Column(c); break;
            case Assignment a: Assignment(a); break;
            case AlterTableAction a: AlterAction(a); break;
            case MergeWhenClause c: MergeClause(c); break;
            case CommonTableExpression c: Cte(c); break;
            case WhenClause w:
                _sb.Append("WHEN ");
                Expr(w.Condition, 0);
                _sb.Append(" THEN ");
                Expr(w.Result, 0);
                break;
            case FrameBound b: Bound(b); break;
            case GroupByClause g:
                _sb.Append("GROUP BY ");
                if (g.All) _sb.Append("ALL");
                else Exprs(g.Expressions);
                break;
            case NamedWindow w:
                Name(w.Name);
                _sb.Append(" AS ");
                Window(w.Spec);
                break;
            case TableProperty p:
                String(p.Key);
                if (p.Value is not null)
                {
                    _sb.Append(" = ");
                    String(p.Value);
                }
                break;
            case StructFieldSyntax f: StructField(f); break;
            case IntervalField f:
                String(f.Value);
                _sb.Append(' ').Append(f.Unit.ToString().ToUpperInvariant());
                break;
            case MergeAction a: MergeAction(a); break;
            default: _sb.Append("/* ").Append(node.GetType().Name).Append(" */"); break;
        }
    }

    // ───────────────────────────── names and literals ─────────────────────────────

    private void Name(Identifier identifier) => Ident(identifier.Value);

    private void Ident(string name)
    {
        if (SqlKeywords.NeedsQuoting(name)) _sb.Append('`').Append(name.Replace("`", "``", StringComparison.Ordinal)).Append('`');
        else _sb.Append(name);
    }

    private void Name(QualifiedName name) => Names(name.Parts, ".");

    private void Names(IEnumerable<Identifier> names, string separator)
    {
        var first = true;
        foreach (var name in names)
        {
            if (!first) _sb.Append(separator);
            first = false;
            Name(name);
        }
    }

    private void QualifiedNames(IEnumerable<QualifiedName> names)
    {
        var first = true;
        foreach (var name in names)
        {
            if (!first) _sb.Append(", ");
            first = false;
            Name(name);
        }
    }

    private void Table(TableName table)
    {
        switch (table)
        {
            case CatalogTableName c:
                // `delta`.`x` must not read back as the path table delta.`x`.
                if (c.Name.Parts.Count == 2 && SqlKeywords.FileFormats.Contains(c.Name.Parts[0].Value))
                {
                    _sb.Append('`').Append(c.Name.Parts[0].Value).Append("`.");
                    Name(c.Name.Parts[1]);
                }
                else
                {
                    Name(c.Name);
                }
                break;
            case PathTableName p:
                Ident(p.Format);
                _sb.Append(".`").Append(p.Path.Replace("`", "``", StringComparison.Ordinal)).Append('`');
                break;
        }
    }

    private void String(string value)
    {
        _sb.Append('\'');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': _sb.Append("\\\\"); break;
                case '\'': _sb.Append("\\'"); break;
                case '\n': _sb.Append("\\n"); break;
                case '\r': _sb.Append("\\r"); break;
                case '\t': _sb.Append("\\t"); break;
                case '\0': _sb.Append("\\0"); break;
                case '\b': _sb.Append("\\b"); break;
                case '\u001A': _sb.Append("\\Z"); break;
                default:
                    if (char.IsControl(c) || char.IsSurrogate(c)) _sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else _sb.Append(c);
                    break;
            }
        }
        _sb.Append('\'');
    }

    private void Properties(NodeList<TableProperty> properties, bool keysOnly = false)
    {
        _sb.Append('(');
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            String(properties[i].Key);
            if (!keysOnly && properties[i].Value is { } value)
            {
                _sb.Append(" = ");
                String(value);
            }
        }
        _sb.Append(')');
    }

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

    private static string BinaryText(BinaryOperator op) => op switch
    {
        BinaryOperator.Or => "OR",
        BinaryOperator.And => "AND",
        BinaryOperator.Equal => "=",
        BinaryOperator.NullSafeEqual => "<=>",
        BinaryOperator.NotEqual => "<>",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessThanOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterThanOrEqual => ">=",
        BinaryOperator.BitwiseOr => "|",
        BinaryOperator.BitwiseXor => "^",
        BinaryOperator.BitwiseAnd => "&",
        BinaryOperator.ShiftLeft => "<<",
        BinaryOperator.ShiftRight => ">>",
        BinaryOperator.ShiftRightUnsigned => ">>>",
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Concat => "||",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        _ => "DIV",
    };

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

    // ───────────────────────────── queries ─────────────────────────────

    private void Query(Query q)
    {
        if (!q.With.IsEmpty)
        {
            _sb.Append("WITH ");
            for (var i = 0; i < q.With.Count; i++)
            {
                if (i > 0) _sb.Append(", ");
                Cte(q.With[i]);
            }
            _sb.Append(' ');
        }
        Body(q.Body, 0);
        if (!q.OrderBy.IsEmpty)
        {
            _sb.Append(" ORDER BY ");
            Sorts(q.OrderBy);
        }
        if (q.Limit is not null)
        {
            _sb.Append(" LIMIT ");
            Expr(q.Limit, 0);
        }
        if (q.Offset is not null)
        {
            _sb.Append(" OFFSET ");
            Expr(q.Offset, 0);
        }
    }

    private void Cte(CommonTableExpression c)
    {
        Name(c.Name);
        if (!c.Columns.IsEmpty)
        {
            _sb.Append('(');
            Names(c.Columns, ", ");
            _sb.Append(')');
        }
        _sb.Append(" AS (");
        Query(c.Query);
        _sb.Append(')');
    }

    private static int SetLevel(QueryBody body) => body switch
    {
        SetOperation { Operator: SetOperator.Intersect } => 2,
        SetOperation => 1,
        _ => 3,
    };

    private void Body(QueryBody body, int minLevel)
    {
        var parens = SetLevel(body) < minLevel;
        if (parens) _sb.Append('(');
        switch (body)
        {
            case SelectQuery s: Select(s); break;
            case SetOperation op:
                var level = SetLevel(op);
                Body(op.Left, level);
                _sb.Append(op.Operator switch { SetOperator.Union => " UNION ", SetOperator.Intersect => " INTERSECT ", _ => " EXCEPT " });
                if (op.All) _sb.Append("ALL ");
                Body(op.Right, level + 1);
                break;
            case NestedQuery n:
                _sb.Append('(');
                Query(n.Query);
                _sb.Append(')');
                break;
            case ValuesQuery v:
                _sb.Append("VALUES ");
                Rows(v.Rows);
                break;
            case TableQuery t:
                _sb.Append("TABLE ");
                Table(t.Table);
                break;
        }
        if (parens) _sb.Append(')');
    }

    private void Rows(NodeList<NodeList<SqlExpression>> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            _sb.Append('(');
            Exprs(rows[i]);
            _sb.Append(')');
        }
    }

    private void Select(SelectQuery s)
    {
        _sb.Append("SELECT ");
        if (s.Distinct) _sb.Append("DISTINCT ");
        for (var i = 0; i < s.Items.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            SelectItem(s.Items[i]);
        }
        if (!s.From.IsEmpty)
        {
            _sb.Append(" FROM ");
            for (var i = 0; i < s.From.Count; i++)
            {
                if (i > 0) _sb.Append(", ");
                Relation(s.From[i]);
            }
        }
        if (s.Where is not null)
        {
            _sb.Append(" WHERE ");
            Expr(s.Where, 0);
        }
        if (s.GroupBy is not null)
        {
            _sb.Append(" GROUP BY ");
            if (s.GroupBy.All) _sb.Append("ALL");
            else Exprs(s.GroupBy.Expressions);
        }
        if (s.Having is not null)
        {
            _sb.Append(" HAVING ");
            Expr(s.Having, 0);
        }
        if (!s.Windows.IsEmpty)
        {
            _sb.Append(" WINDOW ");
            for (var i = 0; i < s.Windows.Count; i++)
            {
                if (i > 0) _sb.Append(", ");
                Name(s.Windows[i].Name);
                _sb.Append(" AS ");
                Window(s.Windows[i].Spec);
            }
        }
    }

    private void SelectItem(SelectItem item)
    {
        Expr(item.Expression, 0);
        if (item.Alias is not null)
        {
            _sb.Append(" AS ");
            Name(item.Alias);
        }
    }

    private void Alias(TableAlias? alias)
    {
        if (alias is null) return;
        _sb.Append(" AS ");
        Name(alias.Name);
        if (!alias.Columns.IsEmpty)
        {
            _sb.Append('(');
            Names(alias.Columns, ", ");
            _sb.Append(')');
        }
    }

    private void TimeTravel(TimeTravelSpec spec)
    {
        _sb.Append(spec.Kind == TimeTravelKind.Version ? "VERSION AS OF " : "TIMESTAMP AS OF ");
        Expr(spec.Value, ComparisonLevel);
    }

    private void Relation(Relation relation)
    {
        switch (relation)
        {
            case TableRelation t:
                Table(t.Table);
                if (t.TimeTravel is not null)
                {
                    _sb.Append(' ');
                    TimeTravel(t.TimeTravel);
                }
                Alias(t.Alias);
                break;
            case SubqueryRelation s:
                _sb.Append('(');
                Query(s.Query);
                _sb.Append(')');
                Alias(s.Alias);
                break;
            case ValuesRelation v:
                // Parenthesised so that a following ", other_table" is not read as one more row.
                _sb.Append("(VALUES ");
                Rows(v.Rows);
                _sb.Append(')');
                Alias(v.Alias);
                break;
            case TableFunctionRelation f:
                Name(f.Name);
                _sb.Append('(');
                Exprs(f.Arguments);
                _sb.Append(')');
                Alias(f.Alias);
                break;
            case AliasedRelation a:
                _sb.Append('(');
                Relation(a.Relation);
                _sb.Append(')');
                Alias(a.Alias);
                break;
            case JoinRelation j:
                Relation(j.Left);
                _sb.Append(' ');
                if (j.Natural) _sb.Append("NATURAL ");
                _sb.Append(j.Type switch
                {
                    JoinType.Inner => "JOIN ",
                    JoinType.Cross => "CROSS JOIN ",
                    JoinType.LeftOuter => "LEFT OUTER JOIN ",
                    JoinType.RightOuter => "RIGHT OUTER JOIN ",
                    JoinType.FullOuter => "FULL OUTER JOIN ",
                    JoinType.LeftSemi => "LEFT SEMI JOIN ",
                    _ => "LEFT ANTI JOIN ",
                });
                if (j.Right is JoinRelation)
                {
                    _sb.Append('(');
                    Relation(j.Right);
                    _sb.Append(')');
                }
                else
                {
                    Relation(j.Right);
                }
                if (j.Condition is not null)
                {
                    _sb.Append(" ON ");
                    Expr(j.Condition, 0);
                }
                else if (!j.UsingColumns.IsEmpty)
                {
                    _sb.Append(" USING (");
                    Names(j.UsingColumns, ", ");
                    _sb.Append(')');
                }
                break;
        }
    }

    // ───────────────────────────── statements ─────────────────────────────

    private void Statement(Statement statement)
    {
        switch (statement)
        {
            case QueryStatement q: Query(q.Query); break;
            case InsertStatement i: Insert(i); break;
            case UpdateStatement u:
                _sb.Append("UPDATE ");
                Table(u.Table);
                Alias(u.Alias);
                _sb.Append(" SET ");
                Assignments(u.Assignments);
                Where(u.Where);
                break;
            case DeleteStatement d:
                _sb.Append("DELETE FROM ");
                Table(d.Table);
                Alias(d.Alias);
                Where(d.Where);
                break;
            case TruncateTableStatement t:
                _sb.Append("TRUNCATE TABLE ");
                Table(t.Table);
                break;
            case MergeStatement m: Merge(m); break;
            case CreateTableStatement c: CreateTable(c); break;
            case CloneTableStatement c: Clone(c); break;
            case CreateSchemaStatement c:
                _sb.Append("CREATE SCHEMA ");
                if (c.IfNotExists) _sb.Append("IF NOT EXISTS ");
                Name(c.Name);
                if (c.Comment is not null)
                {
                    _sb.Append(" COMMENT ");
                    String(c.Comment);
                }
                if (c.Location is not null)
                {
                    _sb.Append(" LOCATION ");
                    String(c.Location);
                }
                if (!c.Properties.IsEmpty)
                {
                    _sb.Append(" WITH DBPROPERTIES ");
                    Properties(c.Properties);
                }
                break;
            case DropSchemaStatement d:
                _sb.Append("DROP SCHEMA ");
                if (d.IfExists) _sb.Append("IF EXISTS ");
                Name(d.Name);
                if (d.Cascade) _sb.Append(" CASCADE");
                break;
            case AlterTableStatement a:
                _sb.Append("ALTER TABLE ");
                Table(a.Table);
                _sb.Append(' ');
                AlterAction(a.Action);
                break;
            case DropTableStatement d:
                _sb.Append("DROP TABLE ");
                if (d.IfExists) _sb.Append("IF EXISTS ");
                Table(d.Table);
                if (d.Purge) _sb.Append(" PURGE");
                break;
            case UndropTableStatement u:
                _sb.Append("UNDROP TABLE ");
                Table(u.Table);
                break;
            case RestoreTableStatement r:
                _sb.Append("RESTORE TABLE ");
                Table(r.Table);
                _sb.Append(" TO ");
                TimeTravel(r.Target);
                break;
            case VacuumStatement v:
                _sb.Append("VACUUM ");
                Table(v.Table);
                if (v.RetainHours is { } hours) _sb.Append(" RETAIN ").Append(hours.ToString(CultureInfo.InvariantCulture)).Append(" HOURS");
                if (v.DryRun) _sb.Append(" DRY RUN");
                break;
            case OptimizeStatement o:
                _sb.Append("OPTIMIZE ");
                Table(o.Table);
                Where(o.Where);
                if (!o.ZOrderBy.IsEmpty)
                {
                    _sb.Append(" ZORDER BY (");
                    QualifiedNames(o.ZOrderBy);
                    _sb.Append(')');
                }
                break;
            case DescribeHistoryStatement h:
                _sb.Append("DESCRIBE HISTORY ");
                Table(h.Table);
                if (h.Limit is { } limit) _sb.Append(" LIMIT ").Append(limit.ToString(CultureInfo.InvariantCulture));
                break;
            case DescribeDetailStatement d:
                _sb.Append("DESCRIBE DETAIL ");
                Table(d.Table);
                break;
            case DescribeTableStatement d:
                _sb.Append("DESCRIBE TABLE ");
                if (d.Extended) _sb.Append("EXTENDED ");
                Table(d.Table);
                if (d.Column is not null)
                {
                    _sb.Append(' ');
                    Name(d.Column);
                }
                break;
            case DescribeSchemaStatement d:
                _sb.Append("DESCRIBE SCHEMA ");
                if (d.Extended) _sb.Append("EXTENDED ");
                Name(d.Name);
                break;
            case ShowTablesStatement s:
                _sb.Append("SHOW TABLES");
                if (s.Schema is not null)
                {
                    _sb.Append(" IN ");
                    Name(s.Schema);
                }
                if (s.Pattern is not null)
                {
                    _sb.Append(" LIKE ");
                    String(s.Pattern);
                }
                break;
            case ShowSchemasStatement s:
                _sb.Append("SHOW SCHEMAS");
                if (s.Catalog is not null)
                {
                    _sb.Append(" IN ");
                    Name(s.Catalog);
                }
                if (s.Pattern is not null)
                {
                    _sb.Append(" LIKE ");
                    String(s.Pattern);
                }
                break;
            case ShowTablePropertiesStatement s:
                _sb.Append("SHOW TBLPROPERTIES ");
                Table(s.Table);
                if (s.Key is not null)
                {
                    _sb.Append(" (");
                    String(s.Key);
                    _sb.Append(')');
                }
                break;
            case ShowColumnsStatement s:
                _sb.Append("SHOW COLUMNS IN ");
                Table(s.Table);
                if (s.Schema is not null)
                {
                    _sb.Append(" IN ");
                    Name(s.Schema);
                }
                break;
            case ShowCreateTableStatement s:
                _sb.Append("SHOW CREATE TABLE ");
                Table(s.Table);
                break;
            case ExplainStatement e:
                _sb.Append("EXPLAIN ");
                if (e.Mode != ExplainMode.Simple) _sb.Append(e.Mode.ToString().ToUpperInvariant()).Append(' ');
                Statement(e.Statement);
                break;
            case SetStatement s:
                _sb.Append("SET");
                if (s.Verbose) _sb.Append(" -v");
                if (s.Key is not null)
                {
                    _sb.Append(' ');
                    ConfigKey(s.Key);
                    if (s.Value is not null) _sb.Append(" = ").Append(s.Value);
                }
                break;
            case ResetStatement r:
                _sb.Append("RESET");
                if (r.Key is not null)
                {
                    _sb.Append(' ');
                    ConfigKey(r.Key);
                }
                break;
            case UseStatement u:
                _sb.Append(u.Target switch { UseTarget.Catalog => "USE CATALOG ", UseTarget.Schema => "USE SCHEMA ", _ => "USE " });
                Name(u.Name);
                break;
            default:
                _sb.Append("/* ").Append(statement.GetType().Name).Append(" */");
                break;
        }
    }

    private void ConfigKey(string key)
    {
        var plain = key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '\\');
        if (plain) _sb.Append(key);
        else _sb.Append('`').Append(key.Replace("`", "``", StringComparison.Ordinal)).Append('`');
    }

    private void Where(SqlExpression? where)
    {
        if (where is null) return;
        _sb.Append(" WHERE ");
        Expr(where, 0);
    }

    private void Assignments(NodeList<Assignment> assignments)
    {
        for (var i = 0; i < assignments.Count; i++)
        {
            if (i > 0) _sb.Append(", ");
            Assignment(assignments[i]);
        }
    }

    private void Assignment(Assignment a)
    {
        Name(a.Column);
        _sb.Append(" = ");
        Expr(a.Value, 0);
    }

    private void Insert(InsertStatement i)
    {
        _sb.Append(i.Overwrite ? "INSERT OVERWRITE TABLE " : "INSERT INTO TABLE ");
        Table(i.Table);
        if (!i.Partition.IsEmpty)
        {
            _sb.Append(" PARTITION (");
            for (var p = 0; p < i.Partition.Count; p++)
            {
                if (p > 0) _sb.Append(", ");
                Name(i.Partition[p].Column);
                if (i.Partition[p].Value is { } value)
                {
                    _sb.Append(" = ");
                    Expr(value, ComparisonLevel);
                }
            }
            _sb.Append(')');
        }
        if (i.ReplaceWhere is not null)
        {
            _sb.Append(" REPLACE WHERE ");
            Expr(i.ReplaceWhere, 0);
        }
        if (i.ByName) _sb.Append(" BY NAME");
        if (!i.Columns.IsEmpty)
        {
            _sb.Append(" (");
            Names(i.Columns, ", ");
            _sb.Append(')');
        }
        _sb.Append(' ');
        Query(i.Source);
    }

    private void Merge(MergeStatement m)
    {
        _sb.Append("MERGE ");
        if (m.WithSchemaEvolution) _sb.Append("WITH SCHEMA EVOLUTION ");
        _sb.Append("INTO ");
        Table(m.Target);
        Alias(m.TargetAlias);
        _sb.Append(" USING ");
        Relation(m.Source);
        _sb.Append(" ON ");
        Expr(m.Condition, 0);
        foreach (var clause in m.Clauses)
        {
            _sb.Append(' ');
            MergeClause(clause);
        }
    }

    private void MergeClause(MergeWhenClause c)
    {
        _sb.Append(c.Kind switch
        {
            MergeClauseKind.Matched => "WHEN MATCHED",
            MergeClauseKind.NotMatchedByTarget => "WHEN NOT MATCHED",
            _ => "WHEN NOT MATCHED BY SOURCE",
        });
        if (c.Condition is not null)
        {
            _sb.Append(" AND ");
            Expr(c.Condition, 0);
        }
        _sb.Append(" THEN ");
        MergeAction(c.Action);
    }

    private void MergeAction(MergeAction action)
    {
        switch (action)
        {
            case MergeDeleteAction: _sb.Append("DELETE"); break;
            case MergeUpdateAllAction: _sb.Append("UPDATE SET *"); break;
            case MergeInsertAllAction: _sb.Append("INSERT *"); break;
            case MergeUpdateAction u:
                _sb.Append("UPDATE SET ");
                Assignments(u.Assignments);
                break;
            case MergeInsertAction i:
                _sb.Append("INSERT ");
                if (!i.Columns.IsEmpty)
                {
                    _sb.Append('(');
                    QualifiedNames(i.Columns);
                    _sb.Append(") ");
                }
                _sb.Append("VALUES (");
                Exprs(i.Values);
                _sb.Append(')');
                break;
        }
    }

    private static string CreatePrefix(CreateMode mode) => mode switch
    {
        CreateMode.CreateOrReplace => "CREATE OR REPLACE TABLE ",
        CreateMode.Replace => "REPLACE TABLE ",
        _ => "CREATE TABLE ",
    };

    private void CreateTable(CreateTableStatement c)
    {
        _sb.Append(c.External ? "CREATE EXTERNAL TABLE " : CreatePrefix(c.Mode));
        if (c.IfNotExists) _sb.Append("IF NOT EXISTS ");
        Table(c.Table);
        if (!c.Columns.IsEmpty)
        {
            _sb.Append(" (");
            for (var i = 0; i < c.Columns.Count; i++)
            {
                if (i > 0) _sb.Append(", ");
                Column(c.Columns[i]);
            }
            _sb.Append(')');
        }
        if (c.Provider is not null)
        {
            _sb.Append(" USING ");
            Names(c.Provider.Split('.').Select(p => new Identifier(p)), ".");
        }
        if (!c.PartitionBy.IsEmpty)
        {
            _sb.Append(" PARTITIONED BY (");
            Names(c.PartitionBy, ", ");
            _sb.Append(')');
        }
        if (!c.ClusterBy.IsEmpty)
        {
            _sb.Append(" CLUSTER BY (");
            QualifiedNames(c.ClusterBy);
            _sb.Append(')');
        }
        if (c.Comment is not null)
        {
            _sb.Append(" COMMENT ");
            String(c.Comment);
        }
        if (!c.Properties.IsEmpty)
        {
            _sb.Append(" TBLPROPERTIES ");
            Properties(c.Properties);
        }
        if (!c.Options.IsEmpty)
        {
            _sb.Append(" OPTIONS ");
            Properties(c.Options);
        }
        if (c.Location is not null)
        {
            _sb.Append(" LOCATION ");
            String(c.Location);
        }
        if (c.AsQuery is not null)
        {
            _sb.Append(" AS ");
            Query(c.AsQuery);
        }
    }

    private void Column(ColumnDefinition c)
    {
        Name(c.Name);
        _sb.Append(' ');
        Type(c.Type);
        if (c.NotNull) _sb.Append(" NOT NULL");
        if (c.Default is not null)
        {
            _sb.Append(" DEFAULT ");
            Expr(c.Default, 0);
        }
        if (c.GeneratedAs is not null)
        {
            _sb.Append(" GENERATED ALWAYS AS (");
            Expr(c.GeneratedAs, 0);
            _sb.Append(')');
        }
        if (c.Identity is { } identity)
        {
            _sb.Append(identity.Always ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            if (identity.Start is not null || identity.Increment is not null)
            {
                _sb.Append(" (");
                if (identity.Start is { } start) _sb.Append("START WITH ").Append(start.ToString(CultureInfo.InvariantCulture));
                if (identity.Start is not null && identity.Increment is not null) _sb.Append(' ');
                if (identity.Increment is { } step) _sb.Append("INCREMENT BY ").Append(step.ToString(CultureInfo.InvariantCulture));
                _sb.Append(')');
            }
        }
        if (c.Comment is not null)
        {
            _sb.Append(" COMMENT ");
            String(c.Comment);
        }
        if (c.Position is { } position)
        {
            if (position.IsFirst) _sb.Append(" FIRST");
            else
            {
                _sb.Append(" AFTER ");
                Name(position.After!);
            }
        }
    }

    private void Clone(CloneTableStatement c)
    {
        _sb.Append(CreatePrefix(c.Mode));
        if (c.IfNotExists) _sb.Append("IF NOT EXISTS ");
        Table(c.Target);
        _sb.Append(c.Shallow ? " SHALLOW CLONE " : " DEEP CLONE ");
        Table(c.Source);
        if (c.SourceTimeTravel is not null)
        {
            _sb.Append(' ');
            TimeTravel(c.SourceTimeTravel);
        }
        if (!c.Properties.IsEmpty)
        {
            _sb.Append(" TBLPROPERTIES ");
            Properties(c.Properties);
        }
        if (c.Location is not null)
        {
            _sb.Append(" LOCATION ");
            String(c.Location);
        }
    }

    private void AlterAction(AlterTableAction action)
    {
        switch (action)
        {
            case AddColumnsAction a:
                _sb.Append("ADD COLUMNS (");
                for (var i = 0; i < a.Columns.Count; i++)
                {
                    if (i > 0) _sb.Append(", ");
                    Column(a.Columns[i]);
                }
                _sb.Append(')');
                break;
            case DropColumnsAction d:
                _sb.Append("DROP COLUMNS ");
                if (d.IfExists) _sb.Append("IF EXISTS ");
                _sb.Append('(');
                QualifiedNames(d.Columns);
                _sb.Append(')');
                break;
            case RenameColumnAction r:
                _sb.Append("RENAME COLUMN ");
                Name(r.Column);
                _sb.Append(" TO ");
                Name(r.NewName);
                break;
            case AlterColumnAction a:
                _sb.Append("ALTER COLUMN ");
                Name(a.Column);
                switch (a.Kind)
                {
                    case AlterColumnKind.Type:
                        _sb.Append(" TYPE ");
                        Type(a.NewType!);
                        break;
                    case AlterColumnKind.Comment:
                        _sb.Append(" COMMENT ");
                        String(a.Comment ?? "");
                        break;
                    case AlterColumnKind.SetNotNull: _sb.Append(" SET NOT NULL"); break;
                    case AlterColumnKind.DropNotNull: _sb.Append(" DROP NOT NULL"); break;
                    case AlterColumnKind.DropDefault: _sb.Append(" DROP DEFAULT"); break;
                    case AlterColumnKind.SetDefault:
                        _sb.Append(" SET DEFAULT ");
                        Expr(a.Default!, 0);
                        break;
                    case AlterColumnKind.Position:
                        if (a.Position is null || a.Position.IsFirst) _sb.Append(" FIRST");
                        else
                        {
                            _sb.Append(" AFTER ");
                            Name(a.Position.After!);
                        }
                        break;
                }
                break;
            case SetTablePropertiesAction s:
                _sb.Append("SET TBLPROPERTIES ");
                Properties(s.Properties);
                break;
            case UnsetTablePropertiesAction u:
                _sb.Append("UNSET TBLPROPERTIES ");
                if (u.IfExists) _sb.Append("IF EXISTS ");
                _sb.Append('(');
                for (var i = 0; i < u.Keys.Count; i++)
                {
                    if (i > 0) _sb.Append(", ");
                    String(u.Keys[i]);
                }
                _sb.Append(')');
                break;
            case AddCheckConstraintAction c:
                _sb.Append("ADD CONSTRAINT ");
                Name(c.Name);
                _sb.Append(" CHECK (");
                Expr(c.Condition, 0);
                _sb.Append(')');
                break;
            case DropConstraintAction d:
                _sb.Append("DROP CONSTRAINT ");
                if (d.IfExists) _sb.Append("IF EXISTS ");
                Name(d.Name);
                break;
            case RenameTableAction r:
                _sb.Append("RENAME TO ");
                Table(r.NewName);
                break;
        }
    }
}
