using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Binding;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Execution;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning.Optimizer;
using DeltaSharp.Types;

namespace DeltaSharp.Sql;

/// <summary>
/// The columns an expression may read: one or more inputs laid out side by side in the batches it is evaluated on
/// (for MERGE: target columns then source columns). Each input is visible by its qualifier (<c>t.a</c>) and, where
/// unambiguous, by the bare column name.
/// </summary>
public sealed record RowInput(StructType Schema, IReadOnlyList<string> Qualifier)
{
    public RowInput(StructType schema, string? alias = null) : this(schema, alias is null ? [] : [alias]) { }
}

/// <summary>
/// An expression bound against table rows, for the statements the Engine runs itself: DELETE / UPDATE conditions,
/// SET values, MERGE conditions and actions, CHECK constraints. Evaluates over batches whose columns are the
/// inputs' columns side by side. Thread-safe for concurrent evaluations (each call has its own state).
/// </summary>
public sealed class RowExpression
{
    private readonly BoundExpression _bound;
    private readonly EvaluationContext _context;

    internal RowExpression(BoundExpression bound, EvaluationContext context, IReadOnlyList<string> columnNames, string text)
    {
        _bound = bound;
        _context = context;
        Text = text;
        PruningPredicate = bound.Type is BooleanType
            ? ExpressionRewriter.Conjuncts(bound).Select(c => ScanPredicateTranslator.Translate(c, columnNames)).Where(p => p is not null)
                .Aggregate((DeltaSharp.Expressions.Expression?)null, (acc, p) => acc is null ? p : new DeltaSharp.Expressions.And(acc, p!))
            : null;
    }

    /// <summary>The result type.</summary>
    public DataType Type => _bound.Type;

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>False for rand(), uuid(), … (evaluate once per row, never twice).</summary>
    public bool IsDeterministic => _bound.IsDeterministic;

    /// <summary>For a boolean expression: the exactly translatable conjuncts as a pruning predicate over the column
    /// names (for file skipping); null when none translate. Rows it keeps must still be checked with
    /// <see cref="SelectTrue"/>.</summary>
    public DeltaSharp.Expressions.Expression? PruningPredicate { get; }

    /// <summary>The value for each live row of <paramref name="batch"/> (a dense vector of LiveRowCount rows).</summary>
    public ColumnVector Evaluate(ColumnBatch batch, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var context = NewContext(cancellation);
        var evaluator = context.CreateEvaluator();
        return evaluator.EvaluateToVector(_bound, EvalInput.Of(batch));
    }

    /// <summary>For a boolean expression: the physical row indices of the live rows where it is true (not false, not
    /// NULL), ascending.</summary>
    public int[] SelectTrue(ColumnBatch batch, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_bound.Type is not BooleanType) throw new InvalidOperationException($"{Text} is not a boolean expression.");
        var context = NewContext(cancellation);
        var input = EvalInput.Of(batch);
        var positions = new int[input.Count];
        var n = context.CreateEvaluator().SelectTrue(_bound, input, positions);
        var rows = new int[n];
        for (var i = 0; i < n; i++) rows[i] = input.Rows is null ? positions[i] : input.Rows[positions[i]];
        return rows;
    }

    private Execution.ExecutionContext NewContext(CancellationToken cancellation)
    {
        var context = new Execution.ExecutionContext(_context, cancellation);
        context.Subqueries = new SubqueryRunner(context, p => Planning.Optimizer.Optimizer.Optimize(p, _context));
        return context;
    }

    /// <summary>
    /// Binds <paramref name="expression"/> over <paramref name="inputs"/> (names resolved as in a SELECT over them;
    /// subqueries may read other tables through <paramref name="tables"/>). With <paramref name="target"/> the value is
    /// cast to that type as an INSERT / UPDATE assignment does. Aggregates and window functions are refused.
    /// </summary>
    public static RowExpression Bind(SqlExpression expression, IReadOnlyList<RowInput> inputs, ITableProvider tables,
        EvaluationContext? context = null, DataType? target = null, string? sql = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(inputs);
        context ??= new EvaluationContext();
        var columns = new List<ScopeColumn>();
        var names = new List<string>();
        foreach (var input in inputs)
            foreach (var f in input.Schema.Fields)
            {
                columns.Add(new ScopeColumn(columns.Count, f.Name, f.Type, f.Nullable, input.Qualifier));
                names.Add(f.Name);
            }
        var binder = new Binder(tables, context, sql);
        var bound = binder.BindStandalone(expression, new BindScope(columns));
        if (target is not null && bound.Type != target)
        {
            if (!Kernels.CanCast(bound.Type, target))
                throw new SqlAnalysisException("DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION",
                    $"Cannot resolve {ColumnNamer.Pretty(expression)} due to data type mismatch: cannot cast \"{bound.Type.SimpleString.ToUpperInvariant()}\" to \"{target.SimpleString.ToUpperInvariant()}\".", expression.Span, sql);
            bound = Binder.Coerce(bound, target);
        }
        bound = ConstantFoldingRule.Fold(bound, context);
        return new RowExpression(bound, context, names, ColumnNamer.Pretty(expression));
    }

    /// <summary>Parses and binds <paramref name="sql"/> (an expression) over one table's columns.</summary>
    public static RowExpression Bind(string sql, StructType schema, ITableProvider tables, EvaluationContext? context = null, string? alias = null, DataType? target = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return Bind(Parsing.Parser.ParseExpression(sql), [new RowInput(schema, alias)], tables, context, target, sql);
    }
}
