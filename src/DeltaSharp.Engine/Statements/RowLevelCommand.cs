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
/// DELETE FROM t [WHERE …] and UPDATE t SET … [WHERE …]: the condition (and the new values) run through the SQL
/// engine over <see cref="RowPositionSource"/>, whose scan prunes files with the pushed condition (partition values,
/// stats); the matching rows' positions go to a <see cref="RowLevelChange"/> (deletion vectors when the table has
/// them enabled, otherwise file rewrites), updated rows are written as new files, and <see cref="Delete.Commit"/> /
/// <see cref="Update.Commit"/> make the one commit with Delta's metrics. A DELETE whose condition reads only partition
/// columns removes whole files from their partition values without opening them (Delta's metadata-only delete).
/// The transaction records the scan's filter and candidate files, so concurrent appends to other partitions do not
/// conflict. History predicates are Catalyst's toString of the condition (<see cref="SparkExpressionText"/>).
/// </summary>
internal static class RowLevelCommand
{
    /// <param name="beforeCommit">Test hook: runs after the scan, before the commit (sees what was read).</param>
    public static OperationResult Delete(DeleteStatement stmt, ResolvedTable table, DeltaTableProvider tables, EvaluationContext context,
        Action<RowPositionSource>? beforeCommit = null)
    {
        var snapshot = DeltaTable.ForPath(table.Location, tables.TableOptions).Latest();
        using var change = RowLevelChange.Start(snapshot, OperationNames.Delete);
        var alias = stmt.Alias?.Name.Value ?? Last(stmt.Table);
        if (stmt.Where is null)
        {
            change.RecordScan(null, snapshot.ActiveFiles);
            change.RemoveFiles(snapshot.ActiveFiles);
            change.MarkScanFinished();
            beforeCommit?.Invoke(new RowPositionSource(snapshot, table.DisplayName));
            return Tables.Operations.Delete.Commit(change, []);
        }
        var metadataOnly = DmlCondition.OnlyPartitionColumns(stmt.Where, snapshot.Schema, snapshot.PartitionColumns, alias);
        var source = new RowPositionSource(snapshot, table.DisplayName, partitionValuesOnly: metadataOnly);
        var text = $"SELECT {Q(RowPositionSource.FileColumn)}, {Q(RowPositionSource.PositionColumn)} FROM {RowPositionProvider.TargetName} AS {Q(alias)} WHERE {SqlPrinter.Print(stmt.Where)}";
        var query = SqlExecutor.Prepare(Parser.ParseQuery(text), new RowPositionProvider(tables, source), context, text);
        var positions = Collect(query.Execute(), null);
        change.MarkScanFinished();
        source.RecordOn(change);
        if (metadataOnly) change.RemoveFiles(positions.Keys.Select(f => source.Files[f]));
        else Mark(change, source, positions);
        beforeCommit?.Invoke(source);
        return Tables.Operations.Delete.Commit(change, [PredicateText(stmt.Where, snapshot.Schema, alias)]);
    }

    public static OperationResult Update(UpdateStatement stmt, ResolvedTable table, DeltaTableProvider tables, EvaluationContext context,
        Action<RowPositionSource>? beforeCommit = null)
    {
        var snapshot = DeltaTable.ForPath(table.Location, tables.TableOptions).Latest();
        var schema = snapshot.Schema;
        var alias = stmt.Alias?.Name.Value ?? Last(stmt.Table);
        var values = new string?[schema.Count];
        foreach (var a in stmt.Assignments)
        {
            var parts = a.Column.Parts;
            if (parts.Count > 2 || (parts.Count == 2 && !string.Equals(parts[0].Value, alias, StringComparison.OrdinalIgnoreCase)))
                throw new SqlAnalysisException("UNSUPPORTED_FEATURE.NESTED_UPDATE", $"UPDATE of a nested field ({a.Column}) is not supported yet.", a.Span);
            var i = schema.IndexOf(a.Column.Name);
            if (i < 0)
                throw new SqlAnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                    $"A column with name `{a.Column.Name}` cannot be resolved. Did you mean one of the following? [{string.Join(", ", schema.Fields.Select(f => "`" + f.Name + "`"))}].", a.Span);
            if (values[i] is not null)
                throw new SqlAnalysisException("DUPLICATE_ASSIGNMENTS", $"The column `{schema[i].Name}` is assigned more than once in UPDATE.", a.Span);
            values[i] = SqlPrinter.Print(a.Value);
        }

        using var change = RowLevelChange.Start(snapshot, OperationNames.Update);
        var source = new RowPositionSource(snapshot, table.DisplayName);
        var select = new StringBuilder($"SELECT {Q(RowPositionSource.FileColumn)}, {Q(RowPositionSource.PositionColumn)}");
        for (var i = 0; i < schema.Count; i++) select.Append(", ").Append(values[i] ?? $"{Q(alias)}.{Q(schema[i].Name)}");
        select.Append($" FROM {RowPositionProvider.TargetName} AS {Q(alias)}");
        if (stmt.Where is not null) select.Append(" WHERE ").Append(SqlPrinter.Print(stmt.Where));
        var text = select.ToString();
        var target = new StructType([new StructField(RowPositionSource.FileColumn, DataType.Integer, false), new StructField(RowPositionSource.PositionColumn, DataType.Long, false), .. schema.Fields]);
        var query = SqlExecutor.PrepareInsertSource(Parser.ParseQuery(text), target, new RowPositionProvider(tables, source), context, text, table.DisplayName);
        long updated = 0;
        var positions = Collect(query.Execute(), batch =>
        {
            var rows = new ColumnBatch(schema, batch.Columns[2..], batch.RowCount);
            change.WriteRows(rows);
            updated += rows.RowCount;
        });
        change.MarkScanFinished();
        source.RecordOn(change);
        Mark(change, source, positions);
        beforeCommit?.Invoke(source);
        return Tables.Operations.Update.Commit(change, stmt.Where is null ? null : PredicateText(stmt.Where, schema, alias), updated);
    }

    /// <summary>Catalyst's toString of a condition over the target's columns (ids in column order).</summary>
    internal static string PredicateText(SqlExpression condition, StructType schema, string alias) =>
        SparkExpressionText.ToStringForm(condition, SparkExpressionText.Resolver((alias, schema, 0)));

    /// <summary>Row positions per file index; each dense batch is also handed to <paramref name="onBatch"/>.</summary>
    private static SortedDictionary<int, List<long>> Collect(IEnumerable<ColumnBatch> batches, Action<ColumnBatch>? onBatch)
    {
        var positions = new SortedDictionary<int, List<long>>();
        foreach (var b in batches)
        {
            var dense = b.Selection is null ? b : VectorCopier.Compact(b);
            if (dense.RowCount == 0) continue;
            var file = (PrimitiveVector<int>)dense.Columns[0];
            var pos = (PrimitiveVector<long>)dense.Columns[1];
            for (var r = 0; r < dense.RowCount; r++)
            {
                if (!positions.TryGetValue(file[r], out var list)) positions[file[r]] = list = [];
                list.Add(pos[r]);
            }
            onBatch?.Invoke(dense);
        }
        return positions;
    }

    private static void Mark(RowLevelChange change, RowPositionSource source, SortedDictionary<int, List<long>> positions)
    {
        foreach (var (f, p) in positions) change.DeleteRows(source.Files[f], p);
    }

    private static string Last(Sql.Ast.TableName table) => table switch
    {
        CatalogTableName c => c.Name.Name,
        _ => "t",
    };

    private static string Q(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
