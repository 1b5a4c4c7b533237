using DeltaSharp.Columnar;
using DeltaSharp.Compute;
using DeltaSharp.Sql.Execution.Vectors;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>Evaluates subquery expressions for the evaluator (implemented by the physical planner).</summary>
internal interface ISubqueryRunner
{
    /// <summary>The value of <paramref name="subquery"/> for the rows of <paramref name="input"/>.</summary>
    ColumnarValue Evaluate(BoundSubquery subquery, EvalInput input, ExpressionEvaluator evaluator);
}

/// <summary>
/// Runs bound expressions over batches, a vector at a time. Results are dense over the input's rows (or scalars).
/// AND / OR / CASE evaluate their later operands only on the rows that need them, as Spark's short-circuiting
/// does. Not thread-safe (one per operator instance).
/// </summary>
internal sealed class ExpressionEvaluator(EvaluationContext context, ISubqueryRunner? subqueries = null)
{
    public EvaluationContext Context { get; } = context;

    /// <summary>Evaluates over the live rows of <paramref name="batch"/>.</summary>
    public ColumnarValue Evaluate(BoundExpression expression, ColumnBatch batch) => Evaluate(expression, EvalInput.Of(batch));

    /// <summary>Evaluates and materialises the result as a vector of <paramref name="input"/>.Count rows.</summary>
    public ColumnVector EvaluateToVector(BoundExpression expression, EvalInput input) => ToVector(Evaluate(expression, input), input.Count);

    public static ColumnVector ToVector(ColumnarValue value, int count) =>
        value.IsScalar ? PhysicalValues.Repeat(value.Type, value.Scalar, count) : value.Vector!;

    public ColumnarValue Evaluate(BoundExpression expression, EvalInput input)
    {
        switch (expression)
        {
            case BoundColumnRef c:
                return ColumnarValue.Of(input.Column(c.Ordinal));
            case BoundLiteral l:
                return ColumnarValue.OfScalar(l.Type, l.Value);
            case BoundFunctionCall f:
            {
                var args = new ColumnarValue[f.Arguments.Count];
                for (var i = 0; i < args.Length; i++) args[i] = Evaluate(f.Arguments[i], input);
                if (input.Count == 0 && !AllScalar(args)) return ColumnarValue.Of(ColumnVector.Create(f.Type, 1));
                return f.Function.Evaluate(args, input.Count, Context);
            }
            case BoundCast c:
            {
                var v = Evaluate(c.Operand, input);
                return Kernels.Cast(v, c.Target, input.Count, Context, c.IsTry);
            }
            case BoundAnd a:
                return EvaluateJunction(a.Left, a.Right, input, isAnd: true);
            case BoundOr o:
                return EvaluateJunction(o.Left, o.Right, input, isAnd: false);
            case BoundNot n:
                return Not(Evaluate(n.Operand, input), input.Count);
            case BoundIsNull isNull:
                return IsNull(Evaluate(isNull.Operand, input), input.Count, isNull.Negated);
            case BoundCase c:
                return EvaluateCase(c, input);
            case BoundCoalesce c:
                return EvaluateCoalesce(c, input);
            case BoundLet let:
                // A new input keeps the cached dense columns of this one apart from the body's (same rows).
                return Evaluate(let.Body, input.WithLet(ToVector(Evaluate(let.Value, input), input.Count)));
            case BoundLetRef r:
                return ColumnarValue.Of(input.Let(r.Depth));
            case BoundInList inList:
                return InListEvaluator.Evaluate(this, inList, input);
            case BoundFieldAccess fa:
                return FieldOf(Evaluate(fa.Struct, input), fa, input.Count);
            case BoundSubquery s:
                return subqueries is null
                    ? throw new InvalidOperationException("Subquery evaluated without a subquery runner.")
                    : subqueries.Evaluate(s, input, this);
            default:
                throw new InvalidOperationException($"{expression.GetType().Name} cannot be evaluated here (planner error): {expression}");
        }
    }

    private static bool AllScalar(ColumnarValue[] args)
    {
        foreach (var a in args)
            if (!a.IsScalar) return false;
        return true;
    }

    /// <summary>Positions (indices into the input's rows) where <paramref name="predicate"/> is true, ascending.</summary>
    public int SelectTrue(BoundExpression predicate, EvalInput input, int[] positions)
    {
        var v = Evaluate(predicate, input);
        var n = 0;
        if (v.IsScalar)
        {
            if (v.Scalar is true)
                for (var i = 0; i < input.Count; i++) positions[n++] = i;
            return n;
        }
        var b = (PrimitiveVector<bool>)v.Vector!;
        var values = b.Values;
        if (!b.HasNulls)
        {
            for (var i = 0; i < input.Count; i++)
                if (values[i]) positions[n++] = i;
            return n;
        }
        for (var i = 0; i < input.Count; i++)
            if (values[i] && !b.IsNull(i)) positions[n++] = i;
        return n;
    }

    // ───────────────────────────── boolean logic ─────────────────────────────

    /// <summary>0 false, 1 true, 2 null.</summary>
    private static int State(ColumnarValue v, int i)
    {
        if (v.IsScalar) return v.Scalar is null ? 2 : (bool)v.Scalar ? 1 : 0;
        var b = (PrimitiveVector<bool>)v.Vector!;
        return b.IsNull(i) ? 2 : b[i] ? 1 : 0;
    }

    private ColumnarValue EvaluateJunction(BoundExpression leftExpr, BoundExpression rightExpr, EvalInput input, bool isAnd)
    {
        // The deciding value: false for AND, true for OR. Where the left side has it, the right side is not evaluated.
        var decide = isAnd ? 0 : 1;
        var left = Evaluate(leftExpr, input);
        var n = input.Count;
        if (left.IsScalar)
        {
            var ls = State(left, 0);
            if (ls == decide) return left;
            var right = Evaluate(rightExpr, input);
            if (ls != 2) return right; // TRUE AND r = r; FALSE OR r = r
            return CombineWithNull(right, n, decide);
        }
        var open = new int[n];
        var m = 0;
        for (var i = 0; i < n; i++)
            if (State(left, i) != decide) open[m++] = i;
        if (m == 0) return left;
        var sub = input.Subset(open.AsSpan(0, m));
        var r = Evaluate(rightExpr, sub);
        var result = new PrimitiveVector<bool>(DataType.Boolean, n) { Length = n };
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            var ls = State(left, i);
            int s;
            if (k < m && open[k] == i)
            {
                var rs = State(r, r.IsScalar ? 0 : k);
                k++;
                s = ls == 2 ? (rs == decide ? decide : 2) : rs;
            }
            else s = ls;
            if (s == 2) result.SetNull(i);
            else result[i] = s == 1;
        }
        return ColumnarValue.Of(result);
    }

    // NULL AND r: false where r is false, else null. NULL OR r: true where r is true, else null.
    private static ColumnarValue CombineWithNull(ColumnarValue right, int n, int decide)
    {
        if (right.IsScalar) return State(right, 0) == decide ? right : ColumnarValue.OfScalar(DataType.Boolean, null);
        var result = new PrimitiveVector<bool>(DataType.Boolean, n) { Length = n };
        for (var i = 0; i < n; i++)
        {
            if (State(right, i) == decide) result[i] = decide == 1;
            else result.SetNull(i);
        }
        return ColumnarValue.Of(result);
    }

    private static ColumnarValue Not(ColumnarValue v, int n)
    {
        if (v.IsScalar) return ColumnarValue.OfScalar(DataType.Boolean, v.Scalar is null ? null : !(bool)v.Scalar);
        var b = (PrimitiveVector<bool>)v.Vector!;
        var result = new PrimitiveVector<bool>(DataType.Boolean, n) { Length = n };
        for (var i = 0; i < n; i++) result[i] = !b[i];
        if (b.HasNulls)
            for (var i = 0; i < n; i++)
                if (b.IsNull(i)) result.SetNull(i);
        return ColumnarValue.Of(result);
    }

    private static ColumnarValue IsNull(ColumnarValue v, int n, bool negated)
    {
        if (v.IsScalar) return ColumnarValue.OfScalar(DataType.Boolean, (v.Scalar is null) != negated);
        var vec = v.Vector!;
        var result = new PrimitiveVector<bool>(DataType.Boolean, n) { Length = n };
        if (!vec.HasNulls)
        {
            result.Values.AsSpan(0, n).Fill(negated);
            return ColumnarValue.Of(result);
        }
        for (var i = 0; i < n; i++) result[i] = vec.IsNull(i) != negated;
        return ColumnarValue.Of(result);
    }

    private static ColumnarValue FieldOf(ColumnarValue value, BoundFieldAccess fa, int n)
    {
        if (value.IsScalar)
            return ColumnarValue.OfScalar(fa.Type, value.Scalar is IReadOnlyList<object?> fields ? fields[fa.FieldIndex] : null);
        var sv = (StructVector)value.Vector!;
        var child = sv.Children[fa.FieldIndex];
        if (!sv.HasNulls) return ColumnarValue.Of(child);
        var copy = VectorCopier.Slice(child, 0, n);
        for (var i = 0; i < n; i++)
            if (sv.IsNull(i)) copy.SetNull(i);
        return ColumnarValue.Of(copy);
    }

    // ───────────────────────────── CASE ─────────────────────────────

    private ColumnarValue EvaluateCase(BoundCase c, EvalInput input)
    {
        var n = input.Count;
        var branches = c.Conditions.Count;
        var remaining = new int[n];
        for (var i = 0; i < n; i++) remaining[i] = i;
        var remainingCount = n;
        var branchOf = new int[n];
        Array.Fill(branchOf, branches); // the ELSE branch
        var positions = new int[branches + 1][];
        var counts = new int[branches + 1];
        var scratch = new int[n];
        for (var b = 0; b < branches && remainingCount > 0; b++)
        {
            var sub = input.Subset(remaining.AsSpan(0, remainingCount));
            var matched = SelectTrue(c.Conditions[b], sub, scratch);
            if (matched == 0) continue;
            var taken = new int[matched];
            var keep = 0;
            var mi = 0;
            for (var i = 0; i < remainingCount; i++)
            {
                if (mi < matched && scratch[mi] == i)
                {
                    taken[mi++] = remaining[i];
                    branchOf[remaining[i]] = b;
                }
                else remaining[keep++] = remaining[i];
            }
            positions[b] = taken;
            counts[b] = matched;
            remainingCount = keep;
        }
        positions[branches] = remaining;
        counts[branches] = remainingCount;

        // Fast path: every row took the same branch.
        for (var b = 0; b <= branches; b++)
        {
            if (counts[b] != n) continue;
            var expr = b < branches ? c.Results[b] : c.Else;
            return expr is null ? ColumnarValue.OfScalar(c.Type, null) : Evaluate(expr, input);
        }

        var values = new ColumnVector?[branches + 1];
        for (var b = 0; b <= branches; b++)
        {
            if (counts[b] == 0) continue;
            var expr = b < branches ? c.Results[b] : c.Else;
            if (expr is null) values[b] = PhysicalValues.Repeat(c.Type, null, counts[b]);
            else values[b] = ToVector(Evaluate(expr, input.Subset(positions[b].AsSpan(0, counts[b]))), counts[b]);
        }
        return ColumnarValue.Of(VectorInterleaver.Interleave(c.Type, n, branchOf, values));
    }

    /// <summary>The first argument on every row, then each next one only on the rows still null; the last one takes
    /// the rows left (null or not).</summary>
    private ColumnarValue EvaluateCoalesce(BoundCoalesce c, EvalInput input)
    {
        var n = input.Count;
        var last = c.Arguments.Count - 1;
        var branchOf = new int[n];
        var values = new ColumnVector?[c.Arguments.Count];
        var rows = Enumerable.Range(0, n).ToArray();
        for (var a = 0; a <= last; a++)
        {
            var value = Evaluate(c.Arguments[a], a == 0 ? input : input.Subset(rows));
            if (a == 0 && (value.IsScalar ? value.Scalar is not null : !value.Vector!.HasNulls)) return value;
            var vector = ToVector(value, rows.Length);
            if (a == last)
            {
                foreach (var r in rows) branchOf[r] = a;
                values[a] = vector;
                break;
            }
            var taken = new List<int>(rows.Length);
            var still = new List<int>(rows.Length);
            for (var k = 0; k < rows.Length; k++)
            {
                if (vector.IsNull(k))
                {
                    still.Add(rows[k]);
                    continue;
                }
                branchOf[rows[k]] = a;
                taken.Add(k);
            }
            values[a] = taken.Count == rows.Length ? vector : VectorCopier.Gather(vector, taken.ToArray());
            rows = still.ToArray();
            if (rows.Length == 0) break;
        }
        return ColumnarValue.Of(VectorInterleaver.Interleave(c.Type, n, branchOf, values));
    }
}
