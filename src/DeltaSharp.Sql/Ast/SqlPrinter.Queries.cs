namespace DeltaSharp.Sql.Ast;

// Queries and relations.
internal sealed partial class SqlPrinter
{
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
}
