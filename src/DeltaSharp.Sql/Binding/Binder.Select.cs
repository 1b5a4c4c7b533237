using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Binding;

internal sealed partial class Binder
{
    /// <summary>A select-list entry after binding and star expansion.</summary>
    private sealed record SelectEntry(BoundExpression Expression, string Name, IReadOnlyList<string> Qualifier);

    /// <summary>An ORDER BY key: an output column, or an expression appended to the projection (hidden).</summary>
    private sealed record SortEntry(int OutputIndex, BoundExpression? Hidden, SortItem Item);

    /// <summary>
    /// A SELECT block: FROM → WHERE → GROUP BY / aggregates → HAVING → windows → SELECT list → DISTINCT → ORDER BY
    /// (which may use select aliases, ordinals or input columns; the last are carried as hidden columns and
    /// projected away after the sort).
    /// </summary>
    private BoundRelation BindSelect(SelectQuery q, NodeList<SortItem> orderBy, BindScope? outer)
    {
        var savedWindows = _namedWindows;
        _namedWindows = q.Windows.Count == 0
            ? null
            : q.Windows.GroupBy(w => w.Name.Value, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First().Spec, StringComparer.OrdinalIgnoreCase);
        try
        {
            return BindSelectCore(q, orderBy, outer);
        }
        finally
        {
            _namedWindows = savedWindows;
        }
    }

    private BoundRelation BindSelectCore(SelectQuery q, NodeList<SortItem> orderBy, BindScope? outer)
    {
        var from = q.From.Count == 0 ? new BoundRelation(LogicalValues.SingleRow, BindScope.Empty) : BindFrom(q.From, outer);
        var scope = from.Scope.WithOuter(outer);
        var plan = from.Plan;

        if (q.Where is not null)
        {
            var cond = RequireBoolean(BindExpr(q.Where, new ExprContext(scope, "WHERE")), q.Where, "WHERE");
            plan = new LogicalFilter(plan, cond);
        }

        // Select list (stars expanded; later items may use earlier aliases, as Spark's lateral column aliases).
        var items = new List<SelectEntry>();
        var aliases = new Dictionary<string, BoundExpression>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in q.Items)
        {
            if (item.Expression is StarExpression star)
            {
                if (TryExpandStructStar(star, scope, items)) continue;
                foreach (var c in ExpandStar(star, scope))
                    items.Add(new SelectEntry(Remember(new BoundColumnRef(c.Ordinal, c.Type, c.Nullable, c.Name), star), c.Name, c.Qualifier));
                continue;
            }
            var bound = BindExpr(item.Expression, new ExprContext(scope, "SELECT", AllowAggregates: true, AllowWindows: true, Aliases: aliases));
            var name = item.Alias?.Value ?? ColumnNamer.Name(item.Expression);
            IReadOnlyList<string> qualifier = [];
            if (item.Alias is null && item.Expression is ColumnReference cr
                && scope.Resolve(cr.NameParts.Select(p => p.Value).ToArray(), out var sc, out var path, out _) == BindScope.Match.Found && path.Count == 0)
                qualifier = sc!.Qualifier;
            items.Add(new SelectEntry(bound, name, qualifier));
            if (item.Alias is not null) aliases.TryAdd(item.Alias.Value, bound);
        }

        // GROUP BY (ordinals and select aliases allowed, as Spark's groupByOrdinal / groupByAliases).
        var groups = new List<BoundExpression>();
        var isAggregate = q.GroupBy is not null;
        void AddGroup(BoundExpression e)
        {
            if (!groups.Contains(e)) groups.Add(e);
        }
        if (q.GroupBy is { } gb)
        {
            if (gb.All)
            {
                foreach (var it in items)
                    if (!ContainsAggregate(it.Expression) && !ContainsWindow(it.Expression)) AddGroup(Groupable(it.Expression, it.Name, gb));
            }
            var groupAliases = aliases.Where(a => !ContainsAggregate(a.Value) && !ContainsWindow(a.Value))
                .ToDictionary(a => a.Key, a => a.Value, StringComparer.OrdinalIgnoreCase);
            foreach (var g in gb.Expressions)
            {
                if (g is IntegerLiteral pos)
                {
                    if (pos.Value < 1 || pos.Value > items.Count)
                        throw Error("GROUP_BY_POS_OUT_OF_RANGE", $"GROUP BY position {pos.Value} is not in select list (valid range is [1, {items.Count}]).", pos);
                    var e = items[(int)pos.Value - 1].Expression;
                    if (ContainsAggregate(e))
                        throw Error("GROUP_BY_POS_AGGREGATE", $"GROUP BY {pos.Value} refers to an expression {e} that contains an aggregate function. Aggregate functions are not allowed in GROUP BY.", pos);
                    AddGroup(Groupable(e, items[(int)pos.Value - 1].Name, pos));
                    continue;
                }
                if (g is FunctionCall { Name.Parts.Count: 1 } fc && fc.Name.Name.ToLowerInvariant() is "rollup" or "cube" or "grouping sets")
                    throw Error("UNSUPPORTED_FEATURE.GROUPING_SETS", "ROLLUP, CUBE and GROUPING SETS are not supported yet.", g);
                AddGroup(Groupable(BindExpr(g, new ExprContext(scope, "GROUP BY", Aliases: groupAliases)), ColumnNamer.Pretty(g), g));
            }
        }

        BoundExpression? having = null;
        if (q.Having is not null)
        {
            having = RequireBoolean(BindExpr(q.Having, new ExprContext(scope, "HAVING", AllowAggregates: true, Aliases: aliases)), q.Having, "HAVING");
            isAggregate = true;
        }

        // ORDER BY: ordinal, then the select output, then the input (hidden column).
        var sorts = new List<SortEntry>();
        var hidden = new List<BoundExpression>();
        if (orderBy.Count > 0)
        {
            var outputScope = new BindScope(items.Select((it, i) => new ScopeColumn(i, it.Name, it.Expression.Type, it.Expression.Nullable, it.Qualifier)).ToArray(), outer);
            foreach (var item in orderBy)
            {
                if (item.Expression is IntegerLiteral pos)
                {
                    if (pos.Value < 1 || pos.Value > items.Count)
                        throw Error("ORDER_BY_POS_OUT_OF_RANGE", $"ORDER BY position {pos.Value} is not in select list (valid range is [1, {items.Count}]).", pos);
                    sorts.Add(new SortEntry((int)pos.Value - 1, null, item));
                    continue;
                }
                var onOutput = TryBindOnOutput(item.Expression, outputScope);
                if (onOutput is BoundColumnRef outCol)
                {
                    sorts.Add(new SortEntry(outCol.Ordinal, null, item));
                    continue;
                }
                if (onOutput is not null)
                {
                    sorts.Add(new SortEntry(-1, onOutput, item));
                    continue;
                }
                var e = BindExpr(item.Expression, new ExprContext(scope, "ORDER BY", AllowAggregates: true, AllowWindows: true, Aliases: aliases));
                isAggregate |= ContainsAggregate(e);
                var index = items.FindIndex(it => it.Expression.Equals(e));
                if (index >= 0) sorts.Add(new SortEntry(index, null, item));
                else
                {
                    if (q.Distinct)
                        throw Error("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                            $"A column, variable, or function parameter with name {NameSuggestions.SqlId([ColumnNamer.Pretty(item.Expression)])} cannot be resolved. Did you mean one of the following? [{string.Join(", ", items.Select(i => NameSuggestions.SqlId([i.Name])))}].", item.Expression);
                    var existing = hidden.IndexOf(e);
                    if (existing < 0)
                    {
                        hidden.Add(e);
                        existing = hidden.Count - 1;
                    }
                    sorts.Add(new SortEntry(items.Count + existing, null, item));
                }
            }
        }

        foreach (var it in items) isAggregate |= ContainsAggregate(it.Expression);
        var selectExprs = items.Select(i => i.Expression).ToList();

        if (isAggregate)
        {
            var aggregates = new List<BoundAggregateCall>();
            var groupRefs = groups.Select((g, i) => new BoundColumnRef(i, g.Type, g.Nullable, g is BoundColumnRef c ? c.Name : $"_group{i}")).ToArray();
            BoundExpression Rewrite(BoundExpression e) => RewriteForAggregate(e, groups, groupRefs, aggregates);
            selectExprs = selectExprs.Select(Rewrite).ToList();
            hidden = hidden.Select(Rewrite).ToList();
            if (having is not null) having = Rewrite(having);
            plan = new LogicalAggregate(plan, new NodeList<BoundExpression>(groups), new NodeList<BoundAggregateCall>(aggregates));
            if (having is not null) plan = new LogicalFilter(plan, having);
        }

        // Window functions: computed over the (aggregated) input, then referenced by ordinal.
        var windows = new List<BoundWindowCall>();
        var inputWidth = plan.Schema.Count;
        BoundExpression RewriteWindows(BoundExpression e) => ExpressionRewriter.Transform(e, x =>
        {
            if (x is not BoundWindowCall w) return null;
            var k = windows.IndexOf(w);
            if (k < 0)
            {
                windows.Add(w);
                k = windows.Count - 1;
            }
            return new BoundColumnRef(inputWidth + k, w.Type, w.Nullable, w.Name);
        });
        selectExprs = selectExprs.Select(RewriteWindows).ToList();
        hidden = hidden.Select(RewriteWindows).ToList();
        if (windows.Count > 0) plan = new LogicalWindow(plan, new NodeList<BoundWindowCall>(windows));

        var names = items.Select(i => i.Name).Concat(hidden.Select((_, i) => $"_sort{i}")).ToArray();
        plan = new LogicalProject(plan, new NodeList<BoundExpression>([.. selectExprs, .. hidden]), names);
        if (q.Distinct)
        {
            RejectMapColumns(plan.Schema, q);
            plan = new LogicalDistinct(plan);
        }
        if (sorts.Count > 0)
        {
            var projected = plan.Schema;
            var keys = sorts.Select(s => MakeSortKey(
                s.Hidden ?? new BoundColumnRef(s.OutputIndex, projected[s.OutputIndex].Type, projected[s.OutputIndex].Nullable, projected[s.OutputIndex].Name),
                s.Item)).ToArray();
            plan = new LogicalSort(plan, new NodeList<SortOrder>(keys));
        }
        if (hidden.Count > 0)
        {
            var projected = plan.Schema;
            var refs = items.Select((it, i) => (BoundExpression)new BoundColumnRef(i, projected[i].Type, projected[i].Nullable, projected[i].Name)).ToArray();
            plan = new LogicalProject(plan, new NodeList<BoundExpression>(refs), items.Select(i => i.Name).ToArray());
        }
        var outSchema = plan.Schema;
        var outScope = new BindScope(items.Select((it, i) => new ScopeColumn(i, it.Name, outSchema[i].Type, outSchema[i].Nullable, it.Qualifier)).ToArray());
        return new BoundRelation(plan, outScope);
    }

    /// <summary>Binds an ORDER BY expression against the select output; null when it needs the input.</summary>
    private BoundExpression? TryBindOnOutput(SqlExpression e, BindScope outputScope)
    {
        try
        {
            return BindExpr(e, new ExprContext(outputScope, "ORDER BY"));
        }
        catch (SqlAnalysisException ex) when (ex.ErrorClass.StartsWith("UNRESOLVED_COLUMN", StringComparison.Ordinal)
            || ex.ErrorClass.StartsWith("UNSUPPORTED_EXPR_FOR_OPERATOR", StringComparison.Ordinal)
            || ex.ErrorClass.StartsWith("FIELD_NOT_FOUND", StringComparison.Ordinal))
        {
            return null;
        }
    }

    /// <summary><c>s.*</c> of a struct column: its fields, each as its own column (Spark's struct expansion).</summary>
    private bool TryExpandStructStar(StarExpression star, BindScope scope, List<SelectEntry> items)
    {
        if (star.Qualifier.Count == 0) return false;
        var parts = star.Qualifier.Select(q => q.Value).ToArray();
        if (scope.Star(parts) is not null) return false;
        if (scope.Resolve(parts, out var col, out var path, out _) != BindScope.Match.Found) return false;
        var bound = FieldPath(Remember(new BoundColumnRef(col!.Ordinal, col.Type, col.Nullable, col.Name), star), path, star);
        if (bound.Type is not StructType st) return false;
        for (var i = 0; i < st.Count; i++)
        {
            if (star.Except.Any(e => string.Equals(e.Name, st[i].Name, StringComparison.OrdinalIgnoreCase))) continue;
            items.Add(new SelectEntry(new BoundFieldAccess(bound, i), st[i].Name, []));
        }
        return true;
    }

    private IEnumerable<ScopeColumn> ExpandStar(StarExpression star, BindScope scope)
    {
        var qualifier = star.Qualifier.Select(q => q.Value).ToArray();
        var columns = scope.Star(qualifier);
        if (columns is null || (qualifier.Length == 0 && columns.Count == 0))
        {
            if (qualifier.Length == 0)
                throw Error("INVALID_USAGE_OF_STAR_OR_REGEX", "Invalid usage of '*' in a SELECT without FROM.", star);
            throw Error("CANNOT_RESOLVE_STAR_EXPAND",
                $"Cannot resolve {NameSuggestions.SqlId(qualifier)}.* given input columns {string.Join(", ", scope.Columns.Where(c => !c.Hidden).Select(c => "`" + c.Name + "`"))}. Please check that the specified table or struct exists and is accessible in the input columns.", star);
        }
        if (star.Except.Count == 0) return columns;
        var excluded = new List<ScopeColumn>();
        foreach (var ex in star.Except)
        {
            var match = columns.Where(c => string.Equals(c.Name, ex.Name, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (match.Length == 0)
                throw Error("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                    $"A column, variable, or function parameter with name {NameSuggestions.SqlId([ex.Name])} cannot be resolved. Did you mean one of the following? [{string.Join(", ", NameSuggestions.Order([ex.Name], columns))}].", ex);
            excluded.AddRange(match);
        }
        return columns.Where(c => !excluded.Contains(c));
    }

    private static bool ContainsAggregate(BoundExpression e) =>
        e is BoundAggregateCall || e.Children.Any(ContainsAggregate);

    private static bool ContainsWindow(BoundExpression e) =>
        e is BoundWindowCall || e.Children.Any(ContainsWindow);

    /// <summary>Rewrites an expression of an aggregate query over the aggregate's output: group expressions and
    /// aggregate calls become column references; any other input column is MISSING_AGGREGATION.</summary>
    private BoundExpression RewriteForAggregate(BoundExpression e, List<BoundExpression> groups, BoundColumnRef[] groupRefs, List<BoundAggregateCall> aggregates)
    {
        if (e is not BoundLiteral)
        {
            var g = groups.IndexOf(e);
            if (g >= 0) return groupRefs[g];
        }
        switch (e)
        {
            case BoundAggregateCall a:
            {
                var k = aggregates.IndexOf(a);
                if (k < 0)
                {
                    aggregates.Add(a);
                    k = aggregates.Count - 1;
                }
                return new BoundColumnRef(groups.Count + k, a.Type, a.Nullable, a.ToString());
            }
            case BoundColumnRef c:
                throw Error("MISSING_AGGREGATION",
                    $"The non-aggregating expression \"{c.Name}\" is based on columns which are not participating in the GROUP BY clause.\nAdd the columns or the expression to the GROUP BY, aggregate the expression, or use \"any_value({c.Name})\" if you do not care which of the values within a group is returned.",
                    SpanOf(c));
            case BoundSubquery { IsCorrelated: true } s:
                throw Error("UNSUPPORTED_FEATURE.CORRELATED_SUBQUERY_IN_AGGREGATE", "A correlated subquery in the select list of an aggregate query is not supported yet.", SpanOf(s));
        }
        if (e.Children.Count == 0) return e;
        var children = e.Children.Select(c => RewriteForAggregate(c, groups, groupRefs, aggregates)).ToArray();
        return e.WithChildren(children);
    }
}
