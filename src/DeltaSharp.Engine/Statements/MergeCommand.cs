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

    public static OperationResult Run(MergeStatement stmt, ResolvedTable table, DeltaTableProvider tables, EvaluationContext context)
    {
        var snapshot = DeltaTable.ForPath(table.Location, tables.TableOptions).Latest();
        var schema = snapshot.Schema;
        var talias = stmt.TargetAlias?.Name.Value ?? (stmt.Target is CatalogTableName c ? c.Name.Name : "target");
        var salias = stmt.Source switch
        {
            TableRelation { Alias: { } a } => a.Name.Value,
            TableRelation { Table: CatalogTableName n } => n.Name.Name,
            SubqueryRelation { Alias: { } a } => a.Name.Value,
            _ => throw new SqlAnalysisException("UNSUPPORTED_FEATURE.MERGE_SOURCE", "The MERGE source needs an alias.", stmt.Source.Span),
        };
        var sourceText = SqlPrinter.Print(stmt.Source switch
        {
            TableRelation t => t with { Alias = null },
            SubqueryRelation s => s with { Alias = null },
            var other => other,
        });
        var sourceColumns = $"(SELECT *, true AS {Q(SourceMarker)} FROM {sourceText} AS {Q(salias)}) AS {Q(salias)}";

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

        var materialize = Stopwatch.StartNew();
        var numSourceRows = Convert.ToInt64(SqlExecutor.Execute($"SELECT count(*) FROM {sourceText} AS {Q(salias)}", tables, context).Scalar(), System.Globalization.CultureInfo.InvariantCulture);
        var materializeMs = materialize.ElapsedMilliseconds;

        using var change = RowLevelChange.Start(snapshot, OperationNames.Merge);
        change.Transaction.ReadWholeTable();
        var source = new RowPositionSource(snapshot, table.DisplayName);
        var query = SqlExecutor.PrepareInsertSource(Parser.ParseQuery(text), new StructType(fields), new RowPositionProvider(tables, source), context, text, table.DisplayName);

        var deleted = new List<long>[source.Files.Count];
        var seen = new HashSet<(int, long)>();
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
                if (k < 0) continue;
                var action = clauses[k].Action;
                if (hasTarget)
                {
                    var file = ((PrimitiveVector<int>)fileVec)[r];
                    var pos = ((PrimitiveVector<long>)batch.Columns[1])[r];
                    if (!seen.Add((file, pos)))
                        throw new DeltaException("DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE",
                            "Cannot perform Merge as multiple source rows matched and attempted to modify the same target row in the Delta table in possibly conflicting ways. Preprocess the source so that each target row matches at most one source row.");
                    (deleted[file] ??= []).Add(pos);
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
        for (var f = 0; f < deleted.Length; f++)
            if (deleted[f] is { Count: > 0 } p) change.DeleteRows(source.Files[f], p);

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
        return Merge.Commit(change, SqlPrinter.Print(stmt.Condition),
            History(clauses, MergeClauseKind.Matched), History(clauses, MergeClauseKind.NotMatchedByTarget), History(clauses, MergeClauseKind.NotMatchedBySource), counts);
    }

    private static List<MergeClause> History(IEnumerable<MergeWhenClause> clauses, MergeClauseKind kind) =>
        clauses.Where(c => c.Kind == kind).Select(c => new MergeClause(
            c.Action switch { MergeDeleteAction => "delete", MergeInsertAction or MergeInsertAllAction => "insert", _ => "update" },
            c.Condition is null ? null : SqlPrinter.Print(c.Condition))).ToList();

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
