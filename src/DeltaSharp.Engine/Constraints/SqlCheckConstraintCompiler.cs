using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Parsing;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Constraints;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Constraints;

/// <summary>
/// The SQL engine's evaluator of CHECK constraints and column invariants (the Tables room's
/// <see cref="ICheckConstraintCompiler"/>): the expression text is parsed and bound over the table's columns as
/// <c>SELECT row FROM batch WHERE NOT coalesce((expr), true)</c>, so a row violates the constraint only when the
/// expression is FALSE (NULL passes, PROTOCOL.md "Check Constraints"). A non-boolean expression is
/// DELTA_NON_BOOLEAN_CHECK_CONSTRAINT; one that does not bind keeps the binder's error class. Thread-safe (each
/// compiled check owns its source).
/// </summary>
internal sealed class SqlCheckConstraintCompiler(Func<EvaluationContext> context) : ICheckConstraintCompiler
{
    public ICompiledCheck Compile(StructType schema, string name, string expression)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(expression);
        SqlExpression parsed;
        try
        {
            parsed = Parser.ParseExpression(expression);
        }
        catch (SqlParseException e)
        {
            throw new DeltaException("DELTA_INVALID_CHECK_CONSTRAINT",
                $"CHECK constraint {name} ({expression}) is not a valid SQL expression: {e.Message}", e);
        }
        var printed = SqlPrinter.Print(parsed);
        var source = new CheckedBatchSource(schema);
        var provider = new CheckedBatchProvider(source);
        var ctx = context();
        var from = $" FROM {CheckedBatchSource.TableName}";
        try
        {
            var probe = SqlExecutor.Prepare(Parser.ParseQuery($"SELECT ({printed}){from}"), provider, ctx);
            if (probe.Schema[0].Type is not BooleanType)
                throw new DeltaException("DELTA_NON_BOOLEAN_CHECK_CONSTRAINT",
                    $"CHECK constraint '{name}' ({expression}) should be a boolean expression.");
            var violations = SqlExecutor.Prepare(
                Parser.ParseQuery($"SELECT {CheckedBatchSource.RowColumn}{from} WHERE NOT coalesce(({printed}), true)"), provider, ctx);
            return new SqlCompiledCheck(source, provider, ctx, violations, printed.StartsWith('(') ? printed : "(" + printed + ")");
        }
        catch (SqlAnalysisException e)
        {
            throw new SqlAnalysisException(e.ErrorClass, $"{e.Detail} (in CHECK constraint {name}: {expression})");
        }
    }
}

/// <summary>One bound CHECK expression over a swappable batch.</summary>
internal sealed class SqlCompiledCheck(CheckedBatchSource source, CheckedBatchProvider provider, EvaluationContext context, PreparedQuery violations, string sql)
    : ICompiledCheck
{
    public string Sql { get; } = sql;

    public IReadOnlyList<int> Violations(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        source.Current = batch;
        try
        {
            var rows = new List<int>();
            foreach (var b in violations.Execute())
            {
                var column = b.Columns[0];
                for (var i = 0; i < b.LiveRowCount; i++)
                    rows.Add(Convert.ToInt32(column.GetObject(b.RowIndex(i)), System.Globalization.CultureInfo.InvariantCulture));
            }
            rows.Sort();
            return rows;
        }
        finally
        {
            source.Current = null;
        }
    }

    public IReadOnlyList<KeyValuePair<string, string>> Values(ColumnBatch batch, int row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        // The columns the violation query read (the last scan), each printed as Spark's cast to string.
        source.Current = batch;
        try
        {
            _ = violations.Execute().Count();
            var columns = source.ReadColumns;
            if (columns.Count == 0) return [];
            var select = string.Join(", ", columns.Select(c => $"CAST({Quote(c)} AS STRING)"));
            var query = SqlExecutor.Prepare(
                Parser.ParseQuery($"SELECT {select} FROM {CheckedBatchSource.TableName} WHERE {CheckedBatchSource.RowColumn} = {row}"), provider, context);
            foreach (var b in query.Execute())
                if (b.LiveRowCount > 0)
                {
                    var r = b.RowIndex(0);
                    return [.. columns.Select((c, i) => new KeyValuePair<string, string>(c, b.Columns[i].GetObject(r) is { } v ? Text(v) : "null"))];
                }
            return [];
        }
        finally
        {
            source.Current = null;
        }
    }

    private static string Text(object value) => value switch
    {
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    private static string Quote(string name) => "`" + name.Replace("`", "``", StringComparison.Ordinal) + "`";
}
