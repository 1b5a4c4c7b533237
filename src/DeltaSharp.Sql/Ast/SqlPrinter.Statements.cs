using System.Globalization;

namespace DeltaSharp.Sql.Ast;

// Statements.
internal sealed partial class SqlPrinter
{
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
