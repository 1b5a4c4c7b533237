using System.Globalization;
using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Expressions;
using DeltaSharp.Sql;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Parsing;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Types;
using Literal = DeltaSharp.Expressions.Literal;

namespace DeltaSharp.Engine.Statements;

/// <summary>
/// INSERT INTO | OVERWRITE [TABLE] t [PARTITION (p = v, q, …)] [(cols) | BY NAME] VALUES | query, and
/// INSERT INTO t REPLACE WHERE cond query, as Spark's ResolveInsertInto and Delta's WriteIntoDelta run them:
/// <list type="bullet">
/// <item>the source's columns go to the table's columns by position (after the static partition columns are taken
/// out), by the column list (columns not listed are NULL), or BY NAME (case-insensitive); static partition values
/// fill their columns. Errors: INSERT_COLUMN_ARITY_MISMATCH, INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS /
/// CANNOT_FIND_DATA / AMBIGUOUS_COLUMN_NAME, NON_PARTITION_COLUMN, STATIC_PARTITION_COLUMN_IN_INSERT_COLUMN_LIST.</item>
/// <item>INSERT INTO appends (WRITE Append); INSERT OVERWRITE replaces the table, or with static partition values
/// only those partitions (WRITE Overwrite with predicate <c>(p = 'v')</c>, rows elsewhere fail with
/// DELTA_REPLACE_WHERE_MISMATCH); with spark.sql.sources.partitionOverwriteMode = dynamic and a partition column
/// without a static value, only the partitions present in the new rows (Spark's OverwritePartitionsDynamic).</item>
/// <item>REPLACE WHERE deletes the rows the condition selects — whole files when it reads only partition columns,
/// otherwise rows through deletion vectors or rewrites — and writes the new rows, each of which must satisfy it
/// (DELTA_REPLACE_WHERE_MISMATCH), in one WRITE (Overwrite) commit with the predicate.</item>
/// </list>
/// </summary>
internal static class InsertCommand
{
    /// <summary>Spark's session setting for INSERT OVERWRITE of partitioned tables (static | dynamic).</summary>
    public const string PartitionOverwriteModeKey = "spark.sql.sources.partitionOverwriteMode";

    private const string SourceAlias = "__deltasharp_src";

    public static QueryResult Run(InsertStatement insert, DeltaTableProvider tables, string? partitionOverwriteMode, EvaluationContext context, string sql,
        Action<OperationResult> onCommit, Func<Exception> notFound)
    {
        ArgumentNullException.ThrowIfNull(insert);
        var sink = (DeltaTableSink?)tables.FindSink(CreateTableCommand.Identifier(insert.Table)) ?? throw notFound();
        var snapshot = sink.Snapshot;
        var target = snapshot.Schema;
        var display = sink.Table.DisplayName;
        if (insert.ReplaceWhere is not null && insert.Partition.Count > 0)
            throw new SqlAnalysisException("UNSUPPORTED_FEATURE.INSERT_PARTITION_SPEC_WITH_REPLACE_WHERE",
                "INSERT INTO … REPLACE WHERE cannot be combined with a PARTITION clause; put the partition condition into the REPLACE WHERE predicate.", insert.Span, sql);

        var statics = PartitionSpec(insert, snapshot, sql);
        var watcher = new ReadWatcher(tables, sink.Table.Location);
        var source = statics.Count > 0 || insert.Columns.Count > 0 || insert.ByName
            ? Arrange(insert, target, statics, watcher, context, sql, display)
            : insert.Source;
        var prepared = SqlExecutor.PrepareInsertSource(source, target, watcher, context, sql, display);
        var options = watcher.ReadTarget ? new OperationOptions { Configure = txn => txn.ReadWholeTable() } : OperationOptions.Default;

        long rows;
        if (insert.ReplaceWhere is { } condition)
        {
            rows = ReplaceWhere(insert, condition, snapshot, display, prepared, tables, context, sql, options, onCommit);
        }
        else if (insert.Overwrite && string.Equals(partitionOverwriteMode, "dynamic", StringComparison.OrdinalIgnoreCase)
                 && snapshot.PartitionColumns.Count > statics.Count)
        {
            var result = Overwrite.RunDynamic(snapshot, Dense(prepared.Execute(), target), options);
            onCommit(result);
            rows = result.Files.NumWrittenRows;
        }
        else if (insert.Overwrite && statics.Count > 0)
        {
            var (predicate, text) = StaticPredicate(statics, target, context);
            var result = Overwrite.Run(snapshot, Dense(prepared.Execute(), target), predicate, text, options);
            onCommit(result);
            rows = result.Files.NumWrittenRows;
        }
        else
        {
            sink.ReadsTarget = watcher.ReadTarget;
            rows = sink.Write(prepared.Execute(), insert.Overwrite ? TableWriteMode.Overwrite : TableWriteMode.Append);
        }
        var schema = ResultRows.Columns(("num_affected_rows", DataType.Long), ("num_inserted_rows", DataType.Long));
        return ResultRows.From(schema, [[rows, rows]]);
    }

    /// <summary>The PARTITION clause's static values by column index (columns named without a value are dynamic:
    /// their values come from the rows).</summary>
    private static Dictionary<int, SqlExpression> PartitionSpec(InsertStatement insert, Snapshot snapshot, string sql)
    {
        var target = snapshot.Schema;
        var statics = new Dictionary<int, SqlExpression>();
        var seen = new HashSet<int>();
        foreach (var pv in insert.Partition)
        {
            var i = target.IndexOf(pv.Column.Value);
            if (i < 0 || !snapshot.PartitionColumns.Contains(target[i].Name, StringComparer.OrdinalIgnoreCase))
                throw new SqlAnalysisException("NON_PARTITION_COLUMN",
                    $"PARTITION clause cannot contain the non-partition column: `{pv.Column.Value}`. The partition columns of the table are [{string.Join(", ", snapshot.PartitionColumns.Select(p => "`" + p + "`"))}].", pv.Span, sql);
            if (!seen.Add(i))
                throw new SqlAnalysisException("DUPLICATE_KEY", $"Found duplicate keys `{target[i].Name}` in the PARTITION clause.", pv.Span, sql);
            if (pv.Value is not null) statics[i] = pv.Value;
        }
        return statics;
    }

    /// <summary>The source rearranged to the table's column order: static partition values, the column list or the
    /// source's names (BY NAME), NULL for the columns not provided.</summary>
    private static Query Arrange(InsertStatement insert, StructType target, Dictionary<int, SqlExpression> statics, ITableProvider tables,
        EvaluationContext context, string sql, string display)
    {
        var sourceSchema = SqlExecutor.Prepare(insert.Source, tables, context, sql).Schema;
        var dataColumns = Enumerable.Range(0, target.Count).Where(i => !statics.ContainsKey(i)).ToList();
        // provided[i] = index of the source column that feeds table column i (-1: none).
        var provided = Enumerable.Repeat(-1, target.Count).ToArray();
        if (insert.ByName)
        {
            var extra = new List<string>();
            for (var j = 0; j < sourceSchema.Count; j++)
            {
                var i = target.IndexOf(sourceSchema[j].Name);
                if (i < 0 || statics.ContainsKey(i)) { extra.Add(sourceSchema[j].Name); continue; }
                if (provided[i] >= 0)
                    throw new SqlAnalysisException("INCOMPATIBLE_DATA_FOR_TABLE.AMBIGUOUS_COLUMN_NAME",
                        $"Cannot write incompatible data for the table {display}: Ambiguous column name in the input data `{sourceSchema[j].Name}`.", insert.Source.Span, sql);
                provided[i] = j;
            }
            if (extra.Count > 0)
                throw new SqlAnalysisException("INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS",
                    $"Cannot write incompatible data for the table {display}: Cannot write extra columns {string.Join(", ", extra.Select(e => "`" + e + "`"))}. The table has the columns {string.Join(", ", target.Fields.Select(f => "`" + f.Name + "`"))}.", insert.Source.Span, sql);
        }
        else if (insert.Columns.Count > 0)
        {
            for (var j = 0; j < insert.Columns.Count; j++)
            {
                var i = target.IndexOf(insert.Columns[j].Value);
                if (i < 0)
                    throw new SqlAnalysisException("UNRESOLVED_COLUMN.WITH_SUGGESTION",
                        $"A column with name `{insert.Columns[j].Value}` cannot be resolved. Did you mean one of the following? [{string.Join(", ", target.Fields.Select(f => "`" + f.Name + "`"))}].", insert.Columns[j].Span, sql);
                if (statics.ContainsKey(i))
                    throw new SqlAnalysisException("STATIC_PARTITION_COLUMN_IN_INSERT_COLUMN_LIST",
                        $"Static partition column `{target[i].Name}` is also specified in the column list.", insert.Columns[j].Span, sql);
                if (provided[i] >= 0)
                    throw new SqlAnalysisException("COLUMN_ALREADY_EXISTS", $"The column `{target[i].Name}` is listed twice in the INSERT column list.", insert.Columns[j].Span, sql);
                provided[i] = j;
            }
            Arity(sourceSchema, insert.Columns.Select(c => target[target.IndexOf(c.Value)].Name).ToList(), insert, sql, display);
        }
        else
        {
            Arity(sourceSchema, dataColumns.Select(i => target[i].Name).ToList(), insert, sql, display);
            for (var k = 0; k < dataColumns.Count; k++) provided[dataColumns[k]] = k;
        }

        var select = new List<string>(target.Count);
        for (var i = 0; i < target.Count; i++)
        {
            var type = target[i].Type.SimpleString;
            if (statics.TryGetValue(i, out var value)) select.Add($"CAST({SqlPrinter.Print(value)} AS {type}) AS {Q(target[i].Name)}");
            else if (provided[i] >= 0) select.Add($"{Q(SourceAlias)}.{Q("c" + provided[i].ToString(CultureInfo.InvariantCulture))} AS {Q(target[i].Name)}");
            else if (target[i].Nullable) select.Add($"CAST(NULL AS {type}) AS {Q(target[i].Name)}");
            else
                throw new SqlAnalysisException("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_FIND_DATA",
                    $"Cannot write incompatible data for the table {display}: Cannot find data for the output column `{target[i].Name}` (NOT NULL, so it cannot be filled with NULL).", insert.Source.Span, sql);
        }
        var aliases = string.Join(", ", Enumerable.Range(0, sourceSchema.Count).Select(j => Q("c" + j.ToString(CultureInfo.InvariantCulture))));
        var text = $"SELECT {string.Join(", ", select)} FROM ({SqlPrinter.Print(insert.Source)}) AS {Q(SourceAlias)}({aliases})";
        return Parser.ParseQuery(text);
    }

    private static void Arity(StructType sourceSchema, IReadOnlyList<string> expected, InsertStatement insert, string sql, string display)
    {
        if (sourceSchema.Count == expected.Count) return;
        var tooMany = sourceSchema.Count > expected.Count;
        throw new SqlAnalysisException(
            tooMany ? "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS" : "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
            $"Cannot write to {display}, the reason is {(tooMany ? "too many data columns" : "not enough data columns")}:\nTable columns: {string.Join(", ", expected.Select(n => "`" + n + "`"))}.\nData columns: {string.Join(", ", sourceSchema.Fields.Select(f => "`" + f.Name + "`"))}.",
            insert.Source.Span, sql);
    }

    /// <summary>The static partition values as the overwrite's predicate and its history text (Spark's V2 filters
    /// turned back into SQL: <c>((a = 'x') AND (b = 1))</c>).</summary>
    private static (Expression Predicate, string Text) StaticPredicate(Dictionary<int, SqlExpression> statics, StructType target, EvaluationContext context)
    {
        Expression? predicate = null;
        string? text = null;
        foreach (var (i, value) in statics)
        {
            var field = target[i];
            var typed = SqlExecutor.Execute($"SELECT CAST({SqlPrinter.Print(value)} AS {field.Type.SimpleString})", new InMemoryTableProvider(), context).Scalar();
            Expression part = typed is null
                ? new IsNull(new ColumnRef(field.Name))
                : new Comparison(ComparisonOperator.Equal, new ColumnRef(field.Name), new Literal(typed, field.Type));
            var partText = typed is null ? $"({SparkExpressionText.SqlName(field.Name)} IS NULL)" : $"({SparkExpressionText.SqlName(field.Name)} = {SparkExpressionText.SqlLiteral(typed, field.Type)})";
            predicate = predicate is null ? part : new And(predicate, part);
            text = text is null ? partText : $"({text} AND {partText})";
        }
        return (predicate!, text!);
    }

    private static long ReplaceWhere(InsertStatement insert, SqlExpression condition, Snapshot snapshot, string display, PreparedQuery prepared,
        DeltaTableProvider tables, EvaluationContext context, string sql, OperationOptions options, Action<OperationResult> onCommit)
    {
        var target = snapshot.Schema;
        var alias = insert.Table is CatalogTableName c ? c.Name.Name : "t";
        var check = RowExpression.Bind(condition, [new RowInput(target, alias)], tables, context, sql: sql);
        if (check.Type is not BooleanType)
            throw new SqlAnalysisException("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                $"The REPLACE WHERE condition must be a BOOLEAN expression, not {check.Type.SimpleString.ToUpperInvariant()}: {check.Text}.", condition.Span, sql);
        var predicateText = SparkExpressionText.SqlForm(condition, SparkExpressionText.Resolver((alias, target, 0)));

        using var change = RowLevelChange.Start(snapshot, OperationNames.Write);
        var metadataOnly = DmlCondition.OnlyPartitionColumns(condition, target, snapshot.PartitionColumns, alias);
        var source = new RowPositionSource(snapshot, display, partitionValuesOnly: metadataOnly);
        var text = $"SELECT {Q(RowPositionSource.FileColumn)}, {Q(RowPositionSource.PositionColumn)} FROM {RowPositionProvider.TargetName} AS {Q(alias)} WHERE {SqlPrinter.Print(condition)}";
        var query = SqlExecutor.Prepare(Parser.ParseQuery(text), new RowPositionProvider(tables, source), context, text);
        var positions = new SortedDictionary<int, List<long>>();
        foreach (var b in query.Execute())
        {
            var dense = b.Selection is null ? b : VectorCopier.Compact(b);
            var file = (PrimitiveVector<int>)dense.Columns[0];
            var pos = (PrimitiveVector<long>)dense.Columns[1];
            for (var r = 0; r < dense.RowCount; r++)
            {
                if (!positions.TryGetValue(file[r], out var list)) positions[file[r]] = list = [];
                list.Add(pos[r]);
            }
        }
        change.MarkScanFinished();
        source.RecordOn(change);
        options.Configure?.Invoke(change.Transaction);
        if (metadataOnly) change.RemoveFiles(positions.Keys.Select(f => source.Files[f]));
        else foreach (var (f, p) in positions) change.DeleteRows(source.Files[f], p);

        long rows = 0;
        foreach (var batch in Dense(prepared.Execute(), target))
        {
            // Delta adds the predicate as a constraint on the written rows (DELTA_REPLACE_WHERE_MISMATCH).
            if (check.SelectTrue(batch).Length != batch.RowCount)
                throw new DeltaException("DELTA_REPLACE_WHERE_MISMATCH",
                    $"Written data does not conform to partial table overwrite condition or constraint '{predicateText}'. Write only rows the REPLACE WHERE condition selects.");
            change.WriteRows(batch);
            rows += batch.RowCount;
        }
        var result = Overwrite.CommitReplaceWhere(change, predicateText, options);
        onCommit(result);
        return rows;
    }

    /// <summary>Batches without selection vectors, in the table's schema (the SQL engine's names may differ in case).</summary>
    private static IEnumerable<ColumnBatch> Dense(IEnumerable<ColumnBatch> batches, StructType schema)
    {
        foreach (var b in batches)
        {
            var compact = b.Selection is null ? b : VectorCopier.Compact(b);
            if (compact.RowCount == 0) continue;
            yield return new ColumnBatch(schema, compact.Columns, compact.RowCount);
        }
    }

    private static string Q(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
