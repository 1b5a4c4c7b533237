using DeltaSharp.Compute;
using System.Globalization;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Binding;

internal sealed partial class Binder
{
    private BoundRelation BindQuery(Query query, BindScope? outer)
    {
        EnsureStack(query);
        var pushed = query.With.Count > 0;
        if (pushed)
        {
            var ctes = new Dictionary<string, BoundRelation>(StringComparer.OrdinalIgnoreCase);
            _ctes.Push(ctes);
            foreach (var cte in query.With)
            {
                if (ctes.ContainsKey(cte.Name.Value))
                    throw Error("DUPLICATED_CTE_NAMES", $"CTE definition can't have duplicate names: `{cte.Name.Value}`.", cte);
                var bound = BindQuery(cte.Query, outer);
                if (cte.Columns.Count > 0) bound = RenameColumns(bound, cte.Columns, cte);
                ctes[cte.Name.Value] = bound with { Scope = bound.Scope.Requalify([cte.Name.Value]) };
            }
        }
        try
        {
            BoundRelation result;
            if (query.Body is SelectQuery select) result = BindSelect(select, query.OrderBy, outer);
            else
            {
                result = BindBody(query.Body, outer);
                if (query.OrderBy.Count > 0) result = BindOutputOrderBy(result, query.OrderBy, outer);
            }
            if (query.Limit is not null || query.Offset is not null)
            {
                var limit = query.Limit is null ? (long?)null : FoldLimit(query.Limit, "limit");
                var offset = query.Offset is null ? 0 : FoldLimit(query.Offset, "offset");
                result = result with { Plan = new LogicalLimit(result.Plan, limit, offset) };
            }
            return result;
        }
        finally
        {
            if (pushed) _ctes.Pop();
        }
    }

    private BoundRelation BindBody(QueryBody body, BindScope? outer)
    {
        switch (body)
        {
            case SelectQuery s: return BindSelect(s, NodeList<SortItem>.Empty, outer);
            case NestedQuery n: return BindQuery(n.Query, outer);
            case SetOperation op: return BindSetOperation(op, outer);
            case ValuesQuery v: return BindValues(v.Rows, null, v, outer);
            case TableQuery t: return BindRelation(new TableRelation(t.Table) { Span = t.Span }, outer);
            default: throw Error("UNSUPPORTED_FEATURE", $"Query form {body.GetType().Name} is not supported.", body);
        }
    }

    private BoundRelation BindSetOperation(SetOperation op, BindScope? outer)
    {
        var left = BindBody(op.Left, outer);
        var right = BindBody(op.Right, outer);
        var name = op.Operator.ToString().ToUpperInvariant();
        var ls = left.Plan.Schema;
        var rs = right.Plan.Schema;
        if (ls.Count != rs.Count)
            throw Error("NUM_COLUMNS_MISMATCH",
                $"{name} can only be performed on inputs with the same number of columns, but the first input has {ls.Count} columns and the second input has {rs.Count} columns.", op);
        var types = new DataType[ls.Count];
        for (var i = 0; i < types.Length; i++)
        {
            var w = Kernels.WiderType(ls[i].Type, rs[i].Type)
                ?? throw Error("INCOMPATIBLE_COLUMN_TYPE",
                    $"{name} can only be performed on tables with compatible column types. The {Ordinal(i + 1)} column of the second table is {SqlType(rs[i].Type)} type which is not compatible with {SqlType(ls[i].Type)} at the same column of the first table.", op);
            types[i] = w;
        }
        var lp = CastTo(left.Plan, types);
        var rp = CastTo(right.Plan, types);
        var plan = new LogicalSetOperation(lp, rp, op.Operator, op.All);
        var schema = plan.Schema;
        // Spark's Intersect / Except (ALL or not) and the Distinct over UNION compare whole rows; only UNION ALL does not.
        if (!(op.Operator == SetOperator.Union && op.All)) RejectMapColumns(schema, op);
        var scope = new BindScope(schema.Fields.Select((f, i) => new ScopeColumn(i, f.Name, f.Type, f.Nullable, [])).ToArray());
        return new BoundRelation(plan, scope);
    }

    private static LogicalPlan CastTo(LogicalPlan plan, DataType[] types)
    {
        var schema = plan.Schema;
        var same = true;
        for (var i = 0; i < types.Length; i++) same &= schema[i].Type == types[i];
        if (same) return plan;
        var exprs = new BoundExpression[types.Length];
        for (var i = 0; i < types.Length; i++) exprs[i] = Coerce(new BoundColumnRef(i, schema[i].Type, schema[i].Nullable, schema[i].Name), types[i]);
        return new LogicalProject(plan, new NodeList<BoundExpression>(exprs), schema.Fields.Select(f => f.Name).ToArray());
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "first",
        2 => "second",
        3 => "third",
        _ => n.ToString(CultureInfo.InvariantCulture) + (n % 10 == 1 && n != 11 ? "st" : n % 10 == 2 && n != 12 ? "nd" : n % 10 == 3 && n != 13 ? "rd" : "th"),
    };

    /// <summary>VALUES rows: one column per position, typed by the wider type over all rows, named col1, col2, … .</summary>
    private BoundRelation BindValues(NodeList<NodeList<SqlExpression>> rows, TableAlias? alias, SqlNode at, BindScope? outer)
    {
        var width = rows[0].Count;
        var bound = new List<BoundExpression[]>(rows.Count);
        var ctx = new ExprContext(BindScope.Empty.WithOuter(outer), "VALUES");
        foreach (var row in rows)
        {
            if (row.Count != width)
                throw Error("INVALID_INLINE_TABLE.NUM_COLUMNS_MISMATCH",
                    $"Invalid inline table. Inline table expected {width} columns but found {row.Count} columns in row {bound.Count}.", row.Count > 0 ? row[0] : at);
            bound.Add(row.Select(e => BindExpr(e, ctx)).ToArray());
        }
        var types = new DataType[width];
        for (var c = 0; c < width; c++)
        {
            var col = bound.Select(r => r[c]).ToArray();
            types[c] = CommonType(col, out var offender)
                ?? throw Error("INVALID_INLINE_TABLE.INCOMPATIBLE_TYPES_IN_INLINE_TABLE",
                    $"Invalid inline table. Found incompatible types in the column `col{c + 1}` for inline table.", at);
        }
        var names = new string[width];
        for (var c = 0; c < width; c++) names[c] = "col" + (c + 1).ToString(CultureInfo.InvariantCulture);
        if (alias is not null && alias.Columns.Count > 0)
        {
            if (alias.Columns.Count != width)
                throw Error("ASSIGNMENT_ARITY_MISMATCH", $"The number of columns or variables assigned or aliased: {alias.Columns.Count} does not match the number of source tuples: {width}.", alias);
            for (var c = 0; c < width; c++) names[c] = alias.Columns[c].Value;
        }
        var nullable = new bool[width];
        var outRows = new List<NodeList<BoundExpression>>(bound.Count);
        foreach (var r in bound)
        {
            var cells = new BoundExpression[width];
            for (var c = 0; c < width; c++)
            {
                cells[c] = Coerce(r[c], types[c]);
                nullable[c] |= cells[c].Nullable;
            }
            outRows.Add(new NodeList<BoundExpression>(cells));
        }
        var schema = new StructType(names.Select((n, c) => new StructField(n, types[c], nullable[c])));
        var plan = new LogicalValues(schema, outRows);
        IReadOnlyList<string> qualifier = alias is null ? [] : [alias.Name.Value];
        return new BoundRelation(plan, new BindScope(schema.Fields.Select((f, i) => new ScopeColumn(i, f.Name, f.Type, f.Nullable, qualifier)).ToArray()));
    }

    /// <summary>ORDER BY over the output of a set operation / VALUES / nested query: names of the output only.</summary>
    private BoundRelation BindOutputOrderBy(BoundRelation input, NodeList<SortItem> orderBy, BindScope? outer)
    {
        var keys = new List<SortOrder>();
        var ctx = new ExprContext(input.Scope.WithOuter(outer), "ORDER BY");
        foreach (var item in orderBy)
        {
            BoundExpression e;
            if (item.Expression is IntegerLiteral pos) e = OutputOrdinal(input.Plan.Schema, pos, "ORDER BY");
            else e = BindExpr(item.Expression, ctx);
            keys.Add(MakeSortKey(e, item));
        }
        return input with { Plan = new LogicalSort(input.Plan, new NodeList<SortOrder>(keys)) };
    }

    private BoundColumnRef OutputOrdinal(StructType schema, IntegerLiteral pos, string clause)
    {
        if (pos.Value < 1 || pos.Value > schema.Count)
            throw Error(clause == "ORDER BY" ? "ORDER_BY_POS_OUT_OF_RANGE" : "GROUP_BY_POS_OUT_OF_RANGE",
                $"{clause} position {pos.Value} is not in select list (valid range is [1, {schema.Count}]).", pos);
        var i = (int)pos.Value - 1;
        return new BoundColumnRef(i, schema[i].Type, schema[i].Nullable, schema[i].Name);
    }

    /// <summary>Spark's CheckAnalysis (mapColumnInSetOperation): DISTINCT, INTERSECT, EXCEPT and UNION DISTINCT
    /// compare rows, and a map (also one nested in an array or struct) has no equality.</summary>
    private void RejectMapColumns(StructType schema, SqlNode at)
    {
        foreach (var f in schema.Fields)
            if (!TypeCoercion.IsOrderable(f.Type))
                throw Error("UNSUPPORTED_FEATURE.SET_OPERATION_ON_MAP_TYPE",
                    $"The feature is not supported: Cannot have MAP type columns in DataFrame which calls set operations (INTERSECT, EXCEPT, etc.), but the type of column {NameSuggestions.SqlId([f.Name])} is {SqlType(f.Type)}.", at);
    }

    /// <summary>Spark's checkValidGroupingExprs: a grouping expression must have an orderable type (no map).</summary>
    private BoundExpression Groupable(BoundExpression e, string text, SqlNode at) =>
        TypeCoercion.IsOrderable(e.Type) ? e
            : throw Error("GROUP_EXPRESSION_TYPE_IS_NOT_ORDERABLE",
                $"The expression \"{text}\" cannot be used as a grouping expression because its data type {SqlType(e.Type)} is not an orderable data type.", at);

    private SortOrder MakeSortKey(BoundExpression e, SortItem item)
    {
        // Maps (and structs / arrays holding them) have no order: Spark's SortOrder type check.
        if (!TypeCoercion.IsOrderable(e.Type))
            throw Error("DATATYPE_MISMATCH.INVALID_ORDERING_TYPE",
                $"Cannot resolve \"{ColumnNamer.Pretty(item.Expression)} {(item.Direction == SortDirection.Descending ? "DESC" : "ASC")}\" due to data type mismatch: The `sortorder` does not support ordering on type {SqlType(e.Type)}.", item);
        var desc = item.Direction == SortDirection.Descending;
        var nullsFirst = item.Nulls is null ? !desc : item.Nulls == NullOrdering.First;
        return new SortOrder(e, desc, nullsFirst);
    }

    private long FoldLimit(SqlExpression e, string what)
    {
        var bound = BindExpr(e, new ExprContext(BindScope.Empty, what.ToUpperInvariant()));
        var name = what.ToUpperInvariant();
        if (!ConstantEvaluator.IsConstant(bound))
            throw Error("INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE", $"The {what} like expression {SqlExpr(e)} is invalid. The {what} expression must evaluate to a constant value.", e);
        if (bound.Type is not (IntegerType or LongType or ShortType or ByteType))
            throw Error("INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE", $"The {what} like expression {SqlExpr(e)} is invalid. The {what} expression must be integer type, but got {SqlType(bound.Type)}.", e);
        var value = ConstantEvaluator.Evaluate(bound, _context);
        if (value is null)
            throw Error("INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL", $"The {what} like expression {SqlExpr(e)} is invalid. The evaluated {what} expression must not be null.", e);
        var n = Convert.ToInt64(value, CultureInfo.InvariantCulture);
        if (n < 0)
            throw Error("INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE", $"The {what} like expression {SqlExpr(e)} is invalid. The {what} expression must be equal to or greater than 0, but got {n}.", e);
        _ = name;
        return n;
    }

    private BoundRelation RenameColumns(BoundRelation relation, NodeList<Identifier> names, SqlNode at)
    {
        var schema = relation.Plan.Schema;
        if (names.Count != schema.Count)
            throw Error("ASSIGNMENT_ARITY_MISMATCH", $"The number of columns or variables assigned or aliased: {names.Count} does not match the number of source tuples: {schema.Count}.", at);
        var exprs = new BoundExpression[schema.Count];
        var visible = relation.Scope.Columns.Where(c => !c.Hidden).ToArray();
        for (var i = 0; i < exprs.Length; i++) exprs[i] = new BoundColumnRef(i, schema[i].Type, schema[i].Nullable, schema[i].Name);
        var plan = new LogicalProject(relation.Plan, new NodeList<BoundExpression>(exprs), names.Select(n => n.Value).ToArray());
        var scope = new BindScope(names.Select((n, i) => new ScopeColumn(i, n.Value, schema[i].Type, schema[i].Nullable, visible.Length > i ? visible[i].Qualifier : [])).ToArray());
        return new BoundRelation(plan, scope);
    }
}
