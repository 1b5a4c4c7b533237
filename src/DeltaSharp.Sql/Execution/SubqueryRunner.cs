using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Execution;

/// <summary>
/// Runs subquery expressions. An uncorrelated subquery runs once per statement (its result is cached). A correlated
/// one runs once per distinct combination of the outer values it reads, with those values substituted as literals
/// (results cached per combination). Scalar subqueries with more than one row are SCALAR_SUBQUERY_TOO_MANY_ROWS.
/// Thread-safe: exchange workers share one runner (a result may be computed twice in a race, never wrongly).
/// </summary>
internal sealed class SubqueryRunner(ExecutionContext context, Func<LogicalPlan, LogicalPlan> optimize) : ISubqueryRunner
{
    private readonly Dictionary<BoundSubquery, SubqueryResult> _uncorrelated = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BoundSubquery, Dictionary<string, SubqueryResult>> _correlated = new(ReferenceEqualityComparer.Instance);

    public ColumnarValue Evaluate(BoundSubquery subquery, EvalInput input, ExpressionEvaluator evaluator)
    {
        var value = subquery.Value is null ? (ColumnarValue?)null : evaluator.Evaluate(subquery.Value, input);
        if (!subquery.IsCorrelated)
        {
            SubqueryResult? result;
            lock (_uncorrelated) _uncorrelated.TryGetValue(subquery, out result);
            if (result is null)
            {
                result = Run(subquery, subquery.Plan);
                lock (_uncorrelated) _uncorrelated[subquery] = result;
            }
            if (value is null) return ColumnarValue.OfScalar(subquery.Type, result.ScalarAnswer(subquery));
            if (value.Value.IsScalar) return ColumnarValue.OfScalar(DataType.Boolean, result.InAnswer(subquery, value.Value.Scalar));
            return ColumnarValue.Of(result.InAnswers(subquery, value.Value.Vector!, input.Count));
        }
        var n = input.Count;
        var output = ColumnVector.Create(subquery.Type, n);
        var valueVector = value is null ? null : ExpressionEvaluator.ToVector(value.Value, n);
        Dictionary<string, SubqueryResult> cache;
        lock (_correlated) cache = _correlated.TryGetValue(subquery, out var c) ? c : _correlated[subquery] = [];
        var refs = subquery.OuterReferences.Select(r => r.Ordinal).Distinct().ToArray();
        for (var i = 0; i < n; i++)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            SubqueryResult? result;
            if (!subquery.IsCorrelated)
            {
                lock (_uncorrelated) result = _uncorrelated[subquery];
            }
            else
            {
                var outer = new Dictionary<int, object?>();
                foreach (var o in refs) outer[o] = PhysicalValues.Get(input.Column(o), i);
                var key = string.Join('\u0001', refs.Select(o => Key(outer[o])));
                lock (cache) cache.TryGetValue(key, out result);
                if (result is null)
                {
                    result = Run(subquery, PlanRewriter.BindOuterValues(subquery.Plan, outer));
                    lock (cache) cache[key] = result;
                }
            }
            object? answer = subquery.Kind switch
            {
                SubqueryKind.In => result.InAnswer(subquery, PhysicalValues.Get(valueVector!, i)),
                _ => result.ScalarAnswer(subquery),
            };
            PhysicalValues.Append(output, answer);
        }
        return ColumnarValue.Of(output);
    }

    private static string Key(object? v) => v switch
    {
        null => "\u0000",
        byte[] b => Convert.ToBase64String(b),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private SubqueryResult Run(BoundSubquery subquery, LogicalPlan plan)
    {
        var physical = PhysicalPlanner.Plan(optimize(plan));
        var result = new SubqueryResult();
        switch (subquery.Kind)
        {
            case SubqueryKind.Exists:
                foreach (var b in physical.Execute(context))
                    if (b.LiveRowCount > 0)
                    {
                        result.Exists = true;
                        break;
                    }
                return result;
            case SubqueryKind.Scalar:
                foreach (var b in physical.Execute(context))
                {
                    if (b.LiveRowCount == 0) continue;
                    if (result.Rows + b.LiveRowCount > 1)
                        throw new ComputeException("SCALAR_SUBQUERY_TOO_MANY_ROWS", "More than one row returned by a subquery used as an expression.");
                    result.Rows += b.LiveRowCount;
                    result.Scalar = PhysicalValues.Get(b.Columns[0], b.RowIndex(0));
                }
                return result;
            default:
            {
                var type = plan.Schema[0].Type;
                result.Set = new GroupHashTable([type]);
                var ids = new int[256];
                foreach (var b in physical.Execute(context))
                {
                    var col = VectorCopier.DenseColumn(b, 0);
                    var n = b.LiveRowCount;
                    if (ids.Length < n) ids = new int[n];
                    result.Set.FindOrInsert([col], n, ids);
                    result.Rows += n;
                    if (col.HasNulls && col.NullCount > 0) result.HasNull = true;
                }
                return result;
            }
        }
    }

    private sealed class SubqueryResult
    {
        public bool Exists;
        public long Rows;
        public object? Scalar;
        public GroupHashTable? Set;
        public bool HasNull;

        public object? ScalarAnswer(BoundSubquery s) => s.Kind switch
        {
            SubqueryKind.Exists => Exists != s.Negated,
            _ => Scalar,
        };

        /// <summary>IN for a whole vector of values (one hash probe per row).</summary>
        public ColumnVector InAnswers(BoundSubquery s, ColumnVector values, int count)
        {
            var output = new PrimitiveVector<bool>(DataType.Boolean, count) { Length = count };
            var found = new int[count];
            if (Rows > 0) Set!.Find([values], count, found);
            for (var i = 0; i < count; i++)
            {
                bool? answer;
                if (Rows == 0) answer = false;
                else if (values.IsNull(i)) answer = null;
                else if (found[i] >= 0) answer = true;
                else answer = HasNull ? null : false;
                if (answer is null) output.SetNull(i);
                else output[i] = answer.Value != s.Negated;
            }
            return output;
        }

        /// <summary>SQL IN: false on an empty result; null when the value is null or only a null could match.</summary>
        public object? InAnswer(BoundSubquery s, object? value)
        {
            bool? answer;
            if (Rows == 0) answer = false;
            else if (value is null) answer = null;
            else
            {
                var probe = ColumnVector.Create(s.Value!.Type, 1);
                PhysicalValues.Append(probe, value);
                var hash = Set!.HashRows([probe], 1)[0];
                var found = Set.Find(hash, [probe], 0) >= 0 && !probe.IsNull(0);
                // A stored null key is never a match for a non-null value.
                answer = found ? true : HasNull ? null : false;
            }
            return answer is null ? null : answer.Value != s.Negated;
        }
    }
}
