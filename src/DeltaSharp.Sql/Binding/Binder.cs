using DeltaSharp.Compute;
using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Catalog;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Binding;

/// <summary>A bound relation: its plan and the names under which its output columns are visible.</summary>
internal sealed record BoundRelation(LogicalPlan Plan, BindScope Scope);

/// <summary>
/// Turns a parsed query into a bound logical plan: resolves tables through the <see cref="ITableProvider"/>, names
/// through scopes (aliases, <c>t.*</c>, CTEs, subqueries, correlated references; case-insensitive as Spark), types
/// with Spark's coercion, and reports problems as <see cref="SqlAnalysisException"/> with the position in the text.
/// Split by area into partial files (Query, Select, Relations, Expressions, Functions). One instance binds one
/// statement; not thread-safe.
/// </summary>
internal sealed partial class Binder
{
    private readonly ITableProvider _tables;
    private readonly EvaluationContext _context;
    private readonly string? _sql;
    private readonly Dictionary<BoundExpression, SourceSpan> _spans = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<Dictionary<string, BoundRelation>> _ctes = new();
    private readonly Stack<List<BoundOuterRef>> _correlation = new();

    public Binder(ITableProvider tables, EvaluationContext context, string? sql = null)
    {
        _tables = tables;
        _context = context;
        _sql = sql;
    }

    public EvaluationContext Context => _context;

    /// <summary>Binds a query at the top level (no enclosing scope).</summary>
    public BoundRelation Bind(Query query) => BindQuery(query, null);

    /// <summary>Binds a row expression over <paramref name="scope"/> (no aggregates or window functions; subqueries
    /// may be correlated with the scope's columns).</summary>
    public BoundExpression BindStandalone(SqlExpression expression, BindScope scope)
    {
        _correlation.Push([]);
        try
        {
            return BindExpr(expression, new ExprContext(scope, "expression"));
        }
        finally
        {
            _correlation.Pop();
        }
    }

    // ───────────────────────────── errors ─────────────────────────────

    /// <summary>Recursion guard of the binder's recursive entry points: a statement nested deeper than the thread's
    /// stack allows (the parser accepts up to 1000 levels, each of which costs the binder several frames) fails with
    /// NESTING_TOO_DEEP instead of overflowing the stack, which would end the process.</summary>
    private void EnsureStack(SqlNode at)
    {
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw Error("NESTING_TOO_DEEP",
                "The statement nests too deeply (parentheses, subqueries, CASE or chained operators) for the stack of this thread. Simplify it, split it into several statements, or run it on a thread with a larger stack.", at);
    }

    private SqlAnalysisException Error(string errorClass, string message, SqlNode? at) =>
        new(errorClass, message, at?.Span ?? default, _sql);

    private SqlAnalysisException Error(string errorClass, string message, SourceSpan span) => new(errorClass, message, span, _sql);

    private static string SqlType(DataType t) => ComputeErrors.QuotedType(t);

    private static string SqlExpr(SqlExpression e) => "\"" + ColumnNamer.Pretty(e) + "\"";

    private T Remember<T>(T bound, SqlNode node) where T : BoundExpression
    {
        if (node.Span.Line > 0) _spans[bound] = node.Span;
        return bound;
    }

    private SourceSpan SpanOf(BoundExpression e) => _spans.TryGetValue(e, out var s) ? s : default;

    // ───────────────────────────── types ─────────────────────────────

    /// <summary><paramref name="e"/> as <paramref name="target"/>: unchanged, a typed NULL, or an implicit cast.</summary>
    internal static BoundExpression Coerce(BoundExpression e, DataType target)
    {
        if (e is BoundLiteral { IsUntypedNull: true }) return BoundLiteral.NullOf(target);
        if (e.Type == target) return e;
        return new BoundCast(e, target);
    }

    /// <summary>The wider type of all expressions (NULLs adapt; void when all are NULL), or null when two have no
    /// common type.</summary>
    private static DataType? CommonType(IEnumerable<BoundExpression> expressions, out BoundExpression? offender)
    {
        DataType result = DataType.Null;
        offender = null;
        foreach (var e in expressions)
        {
            var w = Kernels.WiderType(result, e.Type);
            if (w is null)
            {
                offender = e;
                return null;
            }
            result = w;
        }
        return result;
    }

    private static bool IsUntypedNull(BoundExpression e) => e is BoundLiteral { IsUntypedNull: true };
}
