using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Sql.Binding;

internal sealed partial class Binder
{
    private BoundRelation BindFrom(NodeList<Relation> from, BindScope? outer)
    {
        var result = BindRelation(from[0], outer);
        for (var i = 1; i < from.Count; i++)
        {
            var right = BindRelation(from[i], outer);
            result = Combine(result, right, new LogicalJoin(result.Plan, right.Plan, JoinKind.Cross, null));
        }
        return result;
    }

    private static BoundRelation Combine(BoundRelation left, BoundRelation right, LogicalPlan join)
    {
        var width = left.Plan.Schema.Count;
        var columns = left.Scope.Columns.Concat(right.Scope.Columns.Select(c => c with { Ordinal = c.Ordinal + width })).ToArray();
        return new BoundRelation(join, new BindScope(columns));
    }

    private BoundRelation BindRelation(Relation relation, BindScope? outer)
    {
        EnsureStack(relation);
        switch (relation)
        {
            case TableRelation t: return BindTable(t);
            case SubqueryRelation s:
            {
                var bound = BindQuery(s.Query, outer);
                return ApplyAlias(bound, s.Alias, s);
            }
            case ValuesRelation v: return BindValues(v.Rows, v.Alias, v, outer);
            case JoinRelation j: return BindJoin(j, outer);
            case AliasedRelation a: return ApplyAlias(BindRelation(a.Relation, outer), a.Alias, a);
            case TableFunctionRelation f:
                throw Error("UNRESOLVED_ROUTINE", $"Cannot resolve routine `{f.Name}` on search path [`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`].", f);
            default:
                throw Error("UNSUPPORTED_FEATURE", $"Relation {relation.GetType().Name} is not supported.", relation);
        }
    }

    private BoundRelation ApplyAlias(BoundRelation bound, TableAlias? alias, SqlNode at)
    {
        if (alias is null) return bound with { Scope = bound.Scope.Requalify([]) };
        if (alias.Columns.Count > 0) bound = RenameColumns(bound, alias.Columns, alias);
        return bound with { Scope = bound.Scope.Requalify([alias.Name.Value]) };
    }

    private BoundRelation BindTable(TableRelation t)
    {
        if (t.Table is CatalogTableName { Name.Parts.Count: 1 } cn && t.TimeTravel is null)
        {
            foreach (var level in _ctes)
            {
                if (!level.TryGetValue(cn.Name.Name, out var cte)) continue;
                var requalified = cte with { Scope = cte.Scope.Requalify([t.Alias?.Name.Value ?? cn.Name.Name]) };
                return t.Alias is { Columns.Count: > 0 } ? ApplyAlias(requalified, t.Alias, t) : requalified;
            }
        }
        var identifier = t.Table switch
        {
            CatalogTableName c => TableIdentifier.Named(c.Name.Parts.Select(p => p.Value).ToArray()),
            PathTableName p => TableIdentifier.ForPath(p.Format, p.Path),
            _ => throw Error("UNSUPPORTED_FEATURE", "Unsupported table name.", t.Table),
        };
        var version = BindTimeTravel(t.TimeTravel);
        var source = _tables.FindTable(identifier, version)
            ?? throw Error("TABLE_OR_VIEW_NOT_FOUND",
                $"The table or view {TableSqlId(identifier)} cannot be found. Verify the spelling and correctness of the schema and catalog.\nIf you did not qualify the name with a schema, verify the current_schema() output, or qualify the name with the correct schema and catalog.\nTo tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
                t.Table);
        var schema = source.Schema;
        var plan = new LogicalScan(source, Enumerable.Range(0, schema.Count).ToArray());
        IReadOnlyList<string> qualifier = t.Alias is not null ? [t.Alias.Name.Value] : TableQualifier(identifier);
        var scope = new BindScope(schema.Fields.Select((f, i) => new ScopeColumn(i, f.Name, f.Type, f.Nullable, qualifier)).ToArray());
        var bound = new BoundRelation(plan, scope);
        return t.Alias is { Columns.Count: > 0 } ? ApplyAlias(bound, t.Alias, t) : bound;
    }

    private static string TableSqlId(TableIdentifier id) =>
        id.IsPath ? $"`{id.Format}`.`{id.Path}`" : NameSuggestions.SqlId(id.Parts);

    // Spark qualifies a session-catalog table as spark_catalog.<schema>.<table>, so t.a, default.t.a and
    // spark_catalog.default.t.a all resolve.
    private static IReadOnlyList<string> TableQualifier(TableIdentifier id)
    {
        if (id.IsPath) return [id.Format!, id.Path!];
        return id.Parts.Count switch
        {
            1 => ["spark_catalog", "default", id.Parts[0]],
            2 => ["spark_catalog", id.Parts[0], id.Parts[1]],
            _ => id.Parts,
        };
    }

    // ───────────────────────────── time travel ─────────────────────────────

    private TableVersionSpec BindTimeTravel(TimeTravelSpec? spec)
    {
        if (spec is null) return TableVersionSpec.Latest;
        if (spec.Kind == TimeTravelKind.Version)
        {
            long version;
            switch (spec.Value)
            {
                case IntegerLiteral i: version = i.Value; break;
                case StringLiteral s when long.TryParse(s.Value.Trim(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var v): version = v; break;
                default:
                    throw Error("INVALID_TIME_TRAVEL_SPEC", "Cannot specify both version and timestamp when time travelling the table, or the version is not an integer literal.", spec.Value);
            }
            if (version < 0)
                throw Error("INVALID_TIME_TRAVEL_SPEC", $"The time travel version must be a non-negative integer, but got {version}.", spec.Value);
            return TableVersionSpec.AtVersion(version);
        }
        var text = "\"" + ColumnNamer.Pretty(spec.Value) + "\"";
        if (ContainsSubquery(spec.Value))
            throw Error("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.UNEVALUABLE", $"The time travel timestamp expression {text} is invalid. Must be evaluable: a subquery cannot be used for time travel; compute the timestamp first and write it as a literal.", spec.Value);
        var bound = BindExpr(spec.Value, new ExprContext(BindScope.Empty, "TIMESTAMP AS OF"));
        if (!ConstantEvaluator.IsConstant(bound))
            throw Error("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.UNEVALUABLE", $"The time travel timestamp expression {text} is invalid. Must be evaluable.", spec.Value);
        if (!bound.IsDeterministic)
            throw Error("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.NON_DETERMINISTIC", $"The time travel timestamp expression {text} is invalid. Must be deterministic.", spec.Value);
        if (bound.Type is not (StringType or DateType or TimestampType or TimestampNtzType or NullType))
            throw Error("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.INPUT", $"The time travel timestamp expression {text} is invalid. Cannot be casted to the \"TIMESTAMP\" type.", spec.Value);
        object? value;
        try
        {
            value = ConstantEvaluator.Evaluate(new BoundCast(Coerce(bound, bound.Type), DataType.Timestamp, IsTry: true), _context);
        }
        catch (ComputeException)
        {
            value = null;
        }
        if (value is not long micros)
            throw Error("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.INPUT", $"The time travel timestamp expression {text} is invalid. Cannot be casted to the \"TIMESTAMP\" type.", spec.Value);
        var instant = ValueConverter.TimestampFromMicros(micros, DateTimeKind.Utc)
            ?? throw Error("INVALID_TIME_TRAVEL_TIMESTAMP_EXPR.INPUT", $"The time travel timestamp expression {text} is out of range.", spec.Value);
        return TableVersionSpec.AtTimestamp(new DateTimeOffset(instant));
    }

    private static bool ContainsSubquery(SqlNode node) => node switch
    {
        SubqueryExpression or ExistsExpression or InSubqueryExpression => true,
        _ => SyntaxChildren(node).Any(ContainsSubquery),
    };

    /// <summary>Direct expression children of an AST expression (enough for the checks above).</summary>
    private static IEnumerable<SqlNode> SyntaxChildren(SqlNode node) => node switch
    {
        UnaryExpression u => [u.Operand],
        BinaryExpression b => [b.Left, b.Right],
        FunctionCall f => f.Arguments,
        CastExpression c => [c.Operand],
        CaseExpression c => c.WhenClauses.SelectMany(w => new SqlNode[] { w.Condition, w.Result }).Concat(c.Operand is null ? [] : [c.Operand]).Concat(c.Else is null ? [] : [c.Else]),
        IsNullExpression n => [n.Operand],
        BetweenExpression b => [b.Value, b.Low, b.High],
        InListExpression i => [i.Value, .. i.List],
        _ => [],
    };

    // ───────────────────────────── joins ─────────────────────────────

    private BoundRelation BindJoin(JoinRelation j, BindScope? outer)
    {
        var left = BindRelation(j.Left, outer);
        var right = BindRelation(j.Right, outer);
        var kind = j.Type switch
        {
            JoinType.Inner => JoinKind.Inner,
            JoinType.Cross => JoinKind.Cross,
            JoinType.LeftOuter => JoinKind.LeftOuter,
            JoinType.RightOuter => JoinKind.RightOuter,
            JoinType.FullOuter => JoinKind.FullOuter,
            JoinType.LeftSemi => JoinKind.LeftSemi,
            _ => JoinKind.LeftAnti,
        };
        var combined = Combine(left, right, new LogicalJoin(left.Plan, right.Plan, kind, null));
        IReadOnlyList<string> usingNames = j.UsingColumns.Select(u => u.Value).ToArray();
        if (j.Natural)
        {
            usingNames = left.Scope.Columns.Where(c => !c.Hidden)
                .Select(c => c.Name)
                .Where(n => right.Scope.Columns.Any(r => !r.Hidden && string.Equals(r.Name, n, StringComparison.OrdinalIgnoreCase)))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
        }
        if (j.Condition is null && usingNames.Count == 0)
        {
            if (kind == JoinKind.Inner) kind = JoinKind.Cross;
            return combined with { Plan = new LogicalJoin(left.Plan, right.Plan, kind, null), Scope = JoinScope(combined.Scope, left, kind) };
        }
        if (j.Condition is not null)
        {
            var cond = BindExpr(j.Condition, new ExprContext(combined.Scope.WithOuter(outer), "JOIN"));
            cond = RequireBoolean(cond, j.Condition, "JOIN condition");
            if (kind == JoinKind.Cross) kind = JoinKind.Inner;
            var plan = new LogicalJoin(left.Plan, right.Plan, kind, cond);
            return new BoundRelation(plan, JoinScope(combined.Scope, left, kind));
        }
        return BindUsingJoin(j, left, right, kind, usingNames);
    }

    private static BindScope JoinScope(BindScope combined, BoundRelation left, JoinKind kind) =>
        kind is JoinKind.LeftSemi or JoinKind.LeftAnti ? left.Scope : combined;

    private BoundRelation BindUsingJoin(JoinRelation j, BoundRelation left, BoundRelation right, JoinKind kind, IReadOnlyList<string> names)
    {
        var leftWidth = left.Plan.Schema.Count;
        var leftKeys = new List<ScopeColumn>();
        var rightKeys = new List<ScopeColumn>();
        BoundExpression? condition = null;
        var keyTypes = new List<DataType>();
        foreach (var name in names)
        {
            var l = left.Scope.Columns.Where(c => !c.Hidden && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToArray();
            var r = right.Scope.Columns.Where(c => !c.Hidden && string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (l.Length != 1 || r.Length != 1)
                throw Error("UNRESOLVED_USING_COLUMN_FOR_JOIN",
                    $"USING column `{name}` cannot be resolved on the {(l.Length != 1 ? "left" : "right")} side of the join. The {(l.Length != 1 ? "left" : "right")}-side columns: [{string.Join(", ", (l.Length != 1 ? left : right).Scope.Columns.Where(c => !c.Hidden).Select(c => "`" + c.Name + "`"))}].", j);
            var lc = l[0];
            var rc = r[0] with { Ordinal = r[0].Ordinal + leftWidth };
            leftKeys.Add(lc);
            rightKeys.Add(rc);
            var lref = new BoundColumnRef(lc.Ordinal, lc.Type, lc.Nullable, lc.Name);
            var rref = new BoundColumnRef(rc.Ordinal, rc.Type, rc.Nullable, rc.Name);
            var eq = ResolveScalar("=", [lref, rref], j, "=");
            condition = condition is null ? eq : new BoundAnd(condition, eq);
            keyTypes.Add(Kernels.WiderType(lc.Type, rc.Type) ?? lc.Type);
        }
        var join = new LogicalJoin(left.Plan, right.Plan, kind == JoinKind.Cross ? JoinKind.Inner : kind, condition);
        var joinSchema = join.Schema;
        var exprs = new List<BoundExpression>();
        var outNames = new List<string>();
        var scope = new List<ScopeColumn>();
        void Add(BoundExpression e, string name, IReadOnlyList<string> qualifier, bool hidden)
        {
            scope.Add(new ScopeColumn(exprs.Count, name, e.Type, e.Nullable, qualifier, hidden));
            exprs.Add(e);
            outNames.Add(name);
        }
        BoundColumnRef Ref(int ordinal) => new(ordinal, joinSchema[ordinal].Type, joinSchema[ordinal].Nullable, joinSchema[ordinal].Name);
        var semi = kind is JoinKind.LeftSemi or JoinKind.LeftAnti;
        for (var k = 0; k < names.Count; k++)
        {
            var lref = Ref(leftKeys[k].Ordinal);
            BoundExpression key = kind switch
            {
                JoinKind.RightOuter => Ref(rightKeys[k].Ordinal),
                JoinKind.FullOuter => CoalesceOf([Coerce(lref, keyTypes[k]), Coerce(Ref(rightKeys[k].Ordinal), keyTypes[k])], keyTypes[k]),
                _ => lref,
            };
            Add(key, leftKeys[k].Name, [], false);
        }
        foreach (var c in left.Scope.Columns)
            if (!leftKeys.Contains(c)) Add(Ref(c.Ordinal), c.Name, c.Qualifier, c.Hidden);
        if (!semi)
            foreach (var c in right.Scope.Columns)
                if (!rightKeys.Any(k => k.Ordinal == c.Ordinal + leftWidth)) Add(Ref(c.Ordinal + leftWidth), c.Name, c.Qualifier, c.Hidden);
        foreach (var c in leftKeys) Add(Ref(c.Ordinal), c.Name, c.Qualifier, true);
        if (!semi)
            foreach (var c in rightKeys) Add(Ref(c.Ordinal), c.Name, c.Qualifier, true);
        var plan = new LogicalProject(join, new NodeList<BoundExpression>(exprs), outNames);
        return new BoundRelation(plan, new BindScope(scope));
    }

    /// <summary><c>coalesce(a, b, …)</c>: lazy (Spark evaluates later arguments only when needed).</summary>
    private static BoundExpression CoalesceOf(IReadOnlyList<BoundExpression> args, DataType type) =>
        args.Count == 1 ? args[0] : new BoundCoalesce(new NodeList<BoundExpression>(args), type);
}
