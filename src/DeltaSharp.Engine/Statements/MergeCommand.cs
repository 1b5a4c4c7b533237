using System.Diagnostics;
using System.Text;
using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Parsing;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Statements;

/// <summary>
/// MERGE INTO target USING source ON … WHEN …: one join query (inner, left, right or full, by the clause kinds
/// present) of the target's rows with their file positions against the source, computing each clause's condition
/// and new values (cast to the target's types); the first clause of the row's kind whose condition holds decides
/// (update / delete mark the target row's position, update / insert write new rows). A target row matched by two
/// source rows that an update or delete acts on is DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE. One
/// commit by <see cref="Merge.Commit"/>.
/// </summary>
internal static class MergeCommand
{
    private const string SourceMarker = "__deltasharp_src";

    /// <param name="beforeCommit">Test hook: runs after the scan, before the commit.</param>
    public static OperationResult Run(MergeStatement stmt, ResolvedTable table, DeltaTableProvider tables, EvaluationContext context,
        Action<RowPositionSource>? beforeCommit = null)
    {
        var snapshot = DeltaTable.ForPath(table.Location, tables.TableOptions).Latest();
        var schema = snapshot.Schema;
        var talias = stmt.TargetAlias?.Name.Value ?? (stmt.Target is CatalogTableName c ? c.Name.Name : "target");
        var (sourceRelation, sourceAlias) = stmt.Source switch
        {
            AliasedRelation r => (r.Relation, r.Alias),
            TableRelation { Alias: { } a } t => (t with { Alias = null }, a),
            SubqueryRelation { Alias: { } a } q => (q with { Alias = null }, a),
            ValuesRelation { Alias: { } a } v => (v with { Alias = null }, a),
            TableRelation { Table: CatalogTableName n } t => ((Relation)t, new TableAlias(new Identifier(n.Name.Name), NodeList<Identifier>.Empty)),
            _ => throw new SqlAnalysisException("UNSUPPORTED_FEATURE.MERGE_SOURCE", "The MERGE source needs an alias (USING (…) AS s).", stmt.Source.Span),
        };
        var salias = sourceAlias.Name.Value;
        // The alias with its column names (USING (VALUES …) AS s(id, v)).
        var aliasText = Q(salias) + (sourceAlias.Columns.Count > 0 ? "(" + string.Join(", ", sourceAlias.Columns.Select(c => Q(c.Value))) + ")" : "");
        var sourceText = SqlPrinter.Print(sourceRelation);
        var sourceColumns = $"(SELECT *, true AS {Q(SourceMarker)} FROM {sourceText} AS {aliasText}) AS {Q(salias)}";

        var clauses = stmt.Clauses;
        var columns = new List<string>
        {
            $"{Q(talias)}.{Q(RowPositionSource.FileColumn)}",
            $"{Q(talias)}.{Q(RowPositionSource.PositionColumn)}",
            $"coalesce({Q(salias)}.{Q(SourceMarker)}, false)",
        };
        var fields = new List<StructField>
        {
            new(RowPositionSource.FileColumn, DataType.Integer), new(RowPositionSource.PositionColumn, DataType.Long), new("src", DataType.Boolean),
        };
        var valueStart = new int[clauses.Count];
        for (var k = 0; k < clauses.Count; k++)
        {
            columns.Add(clauses[k].Condition is { } cond ? $"coalesce(({SqlPrinter.Print(cond)}), false)" : "true");
            fields.Add(new StructField("c" + k, DataType.Boolean));
        }
        for (var k = 0; k < clauses.Count; k++)
        {
            var values = Values(clauses[k], schema, talias, salias);
            if (values is null) { valueStart[k] = -1; continue; }
            valueStart[k] = columns.Count;
            for (var i = 0; i < schema.Count; i++)
            {
                columns.Add(values[i]);
                fields.Add(new StructField($"v{k}_{i}", schema[i].Type));
            }
        }

        var hasNotMatched = clauses.Any(c => c.Kind == MergeClauseKind.NotMatchedByTarget);
        var hasBySource = clauses.Any(c => c.Kind == MergeClauseKind.NotMatchedBySource);
        var join = (hasNotMatched, hasBySource) switch
        {
            (true, true) => "FULL OUTER JOIN",
            (true, false) => "RIGHT OUTER JOIN",
            (false, true) => "LEFT OUTER JOIN",
            _ => "INNER JOIN",
        };
        var text = $"SELECT {string.Join(", ", columns)} FROM {RowPositionProvider.TargetName} AS {Q(talias)} {join} {sourceColumns} ON {SqlPrinter.Print(stmt.Condition)}";

        using var change = RowLevelChange.Start(snapshot, OperationNames.Merge);
        var materialize = Stopwatch.StartNew();
        var sourcePrepared = SqlExecutor.Prepare($"SELECT * FROM {sourceText} AS {aliasText}", tables, context);
        var sourceSchema = sourcePrepared.Schema;
        // Without NOT MATCHED BY SOURCE clauses only target rows that satisfy the ON condition matter, so its
        // target-only conjuncts, and the source's key range for t.k = s.k conjuncts (one aggregate over the source,
        // with its row count), prune the target's files.
        var keys = hasBySource ? [] : KeyPairs(stmt.Condition, schema, sourceSchema, talias, salias);
        var aggregates = "count(*)" + string.Concat(keys.Select(k => $", min({Q(salias)}.{Q(sourceSchema[k.Source].Name)}), max({Q(salias)}.{Q(sourceSchema[k.Source].Name)})"));
        var stats = SqlExecutor.Execute($"SELECT {aggregates} FROM {sourceText} AS {aliasText}", tables, context).ToRows()[0];
        var numSourceRows = Convert.ToInt64(stats[0], System.Globalization.CultureInfo.InvariantCulture);
        var materializeMs = materialize.ElapsedMilliseconds;

        var targetFilter = hasBySource ? null : TargetOnlyFilter(stmt.Condition, schema, talias, tables, context);
        for (var j = 0; j < keys.Count; j++)
        {
            if (stats[1 + 2 * j] is not { } min || stats[2 + 2 * j] is not { } max) continue;
            var field = schema[keys[j].Target];
            var column = new DeltaSharp.Expressions.ColumnRef(field.Name);
            DeltaSharp.Expressions.Expression range = new DeltaSharp.Expressions.And(
                new DeltaSharp.Expressions.Comparison(DeltaSharp.Expressions.ComparisonOperator.GreaterThanOrEqual, column, new DeltaSharp.Expressions.Literal(min, field.Type)),
                new DeltaSharp.Expressions.Comparison(DeltaSharp.Expressions.ComparisonOperator.LessThanOrEqual, column, new DeltaSharp.Expressions.Literal(max, field.Type)));
            targetFilter = targetFilter is null ? range : new DeltaSharp.Expressions.And(targetFilter, range);
        }
        var source = new RowPositionSource(snapshot, table.DisplayName, extraFilter: targetFilter);
        var query = SqlExecutor.PrepareInsertSource(Parser.ParseQuery(text), new StructType(fields), new RowPositionProvider(tables, source), context, text, table.DisplayName);

        var deleted = new SortedDictionary<int, List<long>>();
        var seen = new HashSet<(int, long)>();
        var matchedPairs = new HashSet<(int, long)>();
        var matchedClauses = clauses.Where(c => c.Kind == MergeClauseKind.Matched).ToList();
        var matchedOnly = matchedClauses.Count == clauses.Count;
        // Delta skips the check when the only matched clause is an unconditional DELETE (no ambiguity).
        var checkMultipleMatches = !(matchedClauses.Count == 1 && matchedClauses[0].Action is MergeDeleteAction && matchedClauses[0].Condition is null);
        long inserted = 0, matchedUpdated = 0, matchedDeleted = 0, bySourceUpdated = 0, bySourceDeleted = 0;
        var output = ColumnBatch.Create(schema, 1024);
        foreach (var b in query.Execute())
        {
            var batch = b.Selection is null ? b : VectorCopier.Compact(b);
            var fileVec = batch.Columns[0];
            var srcVec = (PrimitiveVector<bool>)batch.Columns[2];
            for (var r = 0; r < batch.RowCount; r++)
            {
                var hasTarget = !fileVec.IsNull(r);
                var hasSource = !srcVec.IsNull(r) && srcVec[r];
                var kind = hasTarget && hasSource ? MergeClauseKind.Matched : hasSource ? MergeClauseKind.NotMatchedByTarget : MergeClauseKind.NotMatchedBySource;
                var k = -1;
                for (var i = 0; i < clauses.Count && k < 0; i++)
                {
                    var cond = (PrimitiveVector<bool>)batch.Columns[3 + i];
                    if (clauses[i].Kind == kind && !cond.IsNull(r) && cond[r]) k = i;
                }
                if (hasTarget && hasSource && checkMultipleMatches && (k >= 0 || !matchedOnly))
                {
                    // Delta's multiple-match check: with only WHEN MATCHED clauses it counts the pairs a clause
                    // acts on, otherwise every matched pair.
                    var at = (((PrimitiveVector<int>)fileVec)[r], ((PrimitiveVector<long>)batch.Columns[1])[r]);
                    if (!matchedPairs.Add(at))
                        throw new DeltaException("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE",
                            "Cannot perform Merge as multiple source rows matched and attempted to modify the same target row in the Delta table in possibly conflicting ways. Preprocess the source so that each target row matches at most one source row.");
                }
                if (k < 0) continue;
                var action = clauses[k].Action;
                if (hasTarget)
                {
                    var file = ((PrimitiveVector<int>)fileVec)[r];
                    var pos = ((PrimitiveVector<long>)batch.Columns[1])[r];
                    // A target row deleted twice (the one unconditional DELETE clause, which Delta exempts from the
                    // multiple-match check) counts once.
                    if (!seen.Add((file, pos))) continue;
                    if (!deleted.TryGetValue(file, out var list)) deleted[file] = list = [];
                    list.Add(pos);
                }
                if (action is MergeDeleteAction)
                {
                    if (kind == MergeClauseKind.Matched) matchedDeleted++; else bySourceDeleted++;
                    continue;
                }
                for (var i = 0; i < schema.Count; i++) PhysicalValues.Append(output.Columns[i], PhysicalValues.Get(batch.Columns[valueStart[k] + i], r));
                output.RowCount++;
                if (kind == MergeClauseKind.Matched) matchedUpdated++;
                else if (kind == MergeClauseKind.NotMatchedBySource) bySourceUpdated++;
                else inserted++;
                if (output.RowCount >= 8192)
                {
                    change.WriteRows(output);
                    output = ColumnBatch.Create(schema, 1024);
                }
            }
        }
        if (output.RowCount > 0) change.WriteRows(output);
        change.MarkScanFinished();
        source.RecordOn(change);
        foreach (var (f, p) in deleted) change.DeleteRows(source.Files[f], p);

        var counts = new MergeRowCounts
        {
            NumSourceRows = numSourceRows,
            NumTargetRowsInserted = inserted,
            NumTargetRowsMatchedUpdated = matchedUpdated,
            NumTargetRowsMatchedDeleted = matchedDeleted,
            NumTargetRowsNotMatchedBySourceUpdated = bySourceUpdated,
            NumTargetRowsNotMatchedBySourceDeleted = bySourceDeleted,
            MaterializeSourceTimeMs = materializeMs,
        };
        // Catalyst's toString of the conditions: target attributes first (ids in column order), then the source's.
        var resolve = SparkExpressionText.Resolver((talias, schema, 0), (salias, sourceSchema, schema.Count));
        string Text(SqlExpression e) => SparkExpressionText.ToStringForm(e, resolve);
        beforeCommit?.Invoke(source);
        return Merge.Commit(change, Text(stmt.Condition),
            History(clauses, MergeClauseKind.Matched, Text), History(clauses, MergeClauseKind.NotMatchedByTarget, Text),
            History(clauses, MergeClauseKind.NotMatchedBySource, Text), counts);
    }

    /// <summary>The ON condition's <c>t.k = s.k</c> conjuncts (either order) whose two columns have the same
    /// orderable type: (target column index, source column index).</summary>
    private static List<(int Target, int Source)> KeyPairs(SqlExpression condition, StructType schema, StructType sourceSchema, string talias, string salias)
    {
        var pairs = new List<(int, int)>();
        foreach (var conjunct in DmlCondition.Conjuncts(condition))
        {
            if (conjunct is not BinaryExpression { Operator: BinaryOperator.Equal, Left: ColumnReference l, Right: ColumnReference r }) continue;
            int Index(ColumnReference c, string alias, StructType s) =>
                c.NameParts.Count == 2 && string.Equals(c.NameParts[0].Value, alias, StringComparison.OrdinalIgnoreCase) ? s.IndexOf(c.NameParts[1].Value) : -1;
            var (t, src) = Index(l, talias, schema) is var lt and >= 0 ? (lt, Index(r, salias, sourceSchema)) : (Index(r, talias, schema), Index(l, salias, sourceSchema));
            if (t < 0 || src < 0 || schema[t].Type != sourceSchema[src].Type) continue;
            if (schema[t].Type is ByteType or ShortType or IntegerType or LongType or StringType or DateType) pairs.Add((t, src));
        }
        return pairs;
    }

    /// <summary>The ON condition's conjuncts that read only target columns, as a pruning predicate (null: none).</summary>
    private static DeltaSharp.Expressions.Expression? TargetOnlyFilter(SqlExpression condition, StructType schema, string talias, DeltaTableProvider tables, EvaluationContext context)
    {
        DeltaSharp.Expressions.Expression? filter = null;
        foreach (var conjunct in DmlCondition.Conjuncts(condition))
        {
            var columns = new List<ColumnReference>();
            if (!DmlCondition.Collect(conjunct, columns) || columns.Count == 0) continue;
            var targetOnly = columns.All(c => c.NameParts.Count == 2
                ? string.Equals(c.NameParts[0].Value, talias, StringComparison.OrdinalIgnoreCase) && schema.IndexOf(c.NameParts[1].Value) >= 0
                : false);
            if (!targetOnly) continue;
            RowExpression bound;
            try { bound = RowExpression.Bind(conjunct, [new RowInput(schema, talias)], tables, context); }
            catch (SqlAnalysisException) { continue; }
            if (bound.PruningPredicate is not { } p) continue;
            filter = filter is null ? p : new DeltaSharp.Expressions.And(filter, p);
        }
        return filter;
    }

    private static List<MergeClause> History(IEnumerable<MergeWhenClause> clauses, MergeClauseKind kind, Func<SqlExpression, string> text) =>
        clauses.Where(c => c.Kind == kind).Select(c => new MergeClause(
            c.Action switch { MergeDeleteAction => "delete", MergeInsertAction or MergeInsertAllAction => "insert", _ => "update" },
            c.Condition is null ? null : text(c.Condition))).ToList();

    /// <summary>The new row of an update / insert clause as SQL text per target column; null for DELETE.</summary>
    private static string[]? Values(MergeWhenClause clause, StructType schema, string talias, string salias)
    {
        var values = new string[schema.Count];
        switch (clause.Action)
        {
            case MergeDeleteAction:
                return null;
            case MergeUpdateAllAction or MergeInsertAllAction:
                for (var i = 0; i < schema.Count; i++) values[i] = $"{Q(salias)}.{Q(schema[i].Name)}";
                return values;
            case MergeUpdateAction u:
                for (var i = 0; i < schema.Count; i++) values[i] = $"{Q(talias)}.{Q(schema[i].Name)}";
                foreach (var a in u.Assignments) values[Column(schema, a.Column, a.Span)] = SqlPrinter.Print(a.Value);
                return values;
            case MergeInsertAction ins:
            {
                for (var i = 0; i < schema.Count; i++) values[i] = "NULL";
                for (var j = 0; j < ins.Columns.Count; j++) values[Column(schema, ins.Columns[j], ins.Columns[j].Span)] = SqlPrinter.Print(ins.Values[j]);
                return values;
            }
            default:
                throw new SqlAnalysisException("UNSUPPORTED_FEATURE.MERGE_ACTION", $"MERGE action {clause.Action.GetType().Name} is not supported.", clause.Span);
        }
    }

    private static int Column(StructType schema, QualifiedName name, SourceSpan span)
    {
        var i = schema.IndexOf(name.Name);
        return i >= 0 ? i : throw new SqlAnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION",
            $"A column with name `{name}` cannot be resolved. Did you mean one of the following? [{string.Join(", ", schema.Fields.Select(f => "`" + f.Name + "`"))}].", span);
    }

    private static string Q(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
