using System.Globalization;
using System.Text;

namespace DeltaSharp.Sql.Ast;

/// <summary>
/// Prints a syntax tree as Spark SQL that parses back to an equal tree (<c>Parse(Print(t)) == t</c> for every tree
/// the parser produces). Parentheses are added where precedence needs them; chains of AND / OR are printed with
/// explicit parentheses so that their (balanced) shape survives re-parsing. Names are backquoted when they are not
/// plain identifiers or are keywords.
/// </summary>
internal sealed partial class SqlPrinter
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
}
