using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Binding;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Parsing;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql;

/// <summary>
/// The entry point of the SQL engine for queries: text or a parsed statement, an <see cref="ITableProvider"/> and an
/// <see cref="EvaluationContext"/> in; a <see cref="QueryResult"/> (or a <see cref="PreparedQuery"/>) out. Handles
/// queries and EXPLAIN; other statements (DDL, DML, SET, …) belong to the Engine, which can use
/// <see cref="PrepareInsertSource"/> for the rows of INSERT. Errors: <see cref="SqlParseException"/>,
/// <see cref="SqlAnalysisException"/> (with Spark error class and position), <see cref="ComputeException"/> at run
/// time, and whatever the table provider throws. Stateless and thread-safe.
/// </summary>
public static class SqlExecutor
{
    /// <summary>Parses and runs one query or EXPLAIN statement.</summary>
    public static QueryResult Execute(string sql, ITableProvider tables, EvaluationContext? context = null, CancellationToken cancellation = default, SqlExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return Execute(Parser.ParseStatement(sql), tables, context, sql, cancellation, options);
    }

    /// <summary>Runs a parsed query or EXPLAIN statement (<paramref name="sql"/> is its text, for error excerpts).</summary>
    public static QueryResult Execute(Statement statement, ITableProvider tables, EvaluationContext? context = null, string? sql = null, CancellationToken cancellation = default, SqlExecutionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(statement);
        switch (statement)
        {
            case QueryStatement q:
                return Prepare(q.Query, tables, context, sql).ExecuteToResult(options ?? SqlExecutionOptions.Default, cancellation);
            case ExplainStatement { Statement: QueryStatement inner } e:
            {
                var prepared = Prepare(inner.Query, tables, context, sql);
                var text = prepared.Explain(e.Mode is ExplainMode.Extended or ExplainMode.Formatted or ExplainMode.Logical or ExplainMode.Cost);
                var schema = new StructType(new StructField("plan", DataType.String, false));
                var batch = ColumnBatch.Create(schema, 1);
                ((BinaryVector)batch.Columns[0]).Append(text);
                batch.RowCount = 1;
                return new QueryResult(schema, [batch]);
            }
            default:
                throw new SqlAnalysisException("UNSUPPORTED_FEATURE.STATEMENT",
                    $"The SQL engine runs queries and EXPLAIN; {statement.GetType().Name.Replace("Statement", "", StringComparison.Ordinal)} statements are run by the Engine.",
                    statement.Span, sql);
        }
    }

    /// <summary>Parses, binds and optimizes a query.</summary>
    public static PreparedQuery Prepare(string sql, ITableProvider tables, EvaluationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return Prepare(Parser.ParseQuery(sql), tables, context, sql);
    }

    /// <summary>Binds and optimizes a parsed query.</summary>
    public static PreparedQuery Prepare(Query query, ITableProvider tables, EvaluationContext? context = null, string? sql = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(tables);
        context ??= new EvaluationContext();
        var bound = new Binder(tables, context, sql).Bind(query);
        var optimized = Planning.Optimizer.Optimizer.Optimize(bound.Plan, context);
        return new PreparedQuery(bound.Plan, optimized, context);
    }

    /// <summary>
    /// The rows an INSERT writes: <paramref name="source"/> with its columns cast by position to
    /// <paramref name="target"/> (Spark's INSERT_COLUMN_ARITY_MISMATCH when the counts differ, DATATYPE_MISMATCH when a
    /// column cannot be cast). The output schema is <paramref name="target"/>.
    /// </summary>
    public static PreparedQuery PrepareInsertSource(Query source, StructType target, ITableProvider tables, EvaluationContext? context = null, string? sql = null, string? tableName = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        context ??= new EvaluationContext();
        var bound = new Binder(tables, context, sql).Bind(source);
        var schema = bound.Plan.Schema;
        var name = tableName ?? "the target table";
        if (schema.Count != target.Count)
            throw new SqlAnalysisException(
                schema.Count > target.Count ? "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS" : "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
                $"Cannot write to {name}, the reason is {(schema.Count > target.Count ? "too many data columns" : "not enough data columns")}:\nTable columns: {string.Join(", ", target.Fields.Select(f => "`" + f.Name + "`"))}.\nData columns: {string.Join(", ", schema.Fields.Select(f => "`" + f.Name + "`"))}.",
                source.Span, sql);
        var exprs = new BoundExpression[target.Count];
        for (var i = 0; i < exprs.Length; i++)
        {
            var col = new BoundColumnRef(i, schema[i].Type, schema[i].Nullable, schema[i].Name);
            if (schema[i].Type != target[i].Type && !Kernels.CanCast(schema[i].Type, target[i].Type))
                throw new SqlAnalysisException("INCOMPATIBLE_DATA_FOR_TABLE.CANNOT_SAFELY_CAST",
                    $"Cannot write incompatible data for the table {name}: Cannot safely cast `{target[i].Name}` \"{schema[i].Type.SimpleString.ToUpperInvariant()}\" to \"{target[i].Type.SimpleString.ToUpperInvariant()}\".", source.Span, sql);
            exprs[i] = Binder.Coerce(col, target[i].Type);
        }
        LogicalPlan plan = new LogicalProject(bound.Plan, new NodeList<BoundExpression>(exprs), target.Fields.Select(f => f.Name).ToArray());
        var optimized = Planning.Optimizer.Optimizer.Optimize(plan, context);
        return new PreparedQuery(plan, optimized, context);
    }
}
