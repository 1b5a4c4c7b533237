using DeltaSharp.Expressions;
using DeltaSharp.Types;
using DeltaSharp.Tables.Scanning;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Decides whether a file with given raw partition values could hold rows a read predicate selects — the
/// conflict checker's "does this concurrently added file match what we read" test. SQL three-valued logic over
/// partition columns; anything it cannot decide (data columns, unknown nodes, incomparable types) counts as
/// "could match", so uncertainty always leads to a conflict, never to a lost one. Immutable; thread-safe.
/// </summary>
internal sealed class PartitionPredicateEvaluator
{
    // The possible outcomes of a sub-expression, as a set: an undecidable one may be any of the three.
    [Flags]
    private enum Outcome
    {
        False = 1,
        True = 2,
        Null = 4,
        Any = False | True | Null,
    }

    private readonly Dictionary<string, (string Key, DataType Type)> _columns = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="schema">The logical table schema.</param>
    /// <param name="partitionColumns">Logical partition column names.</param>
    /// <param name="columnMapping">Whether partition values are keyed by physical names.</param>
    public PartitionPredicateEvaluator(StructType schema, IReadOnlyList<string> partitionColumns, bool columnMapping)
    {
        foreach (var name in partitionColumns)
        {
            var i = schema.IndexOf(name);
            if (i < 0) continue;
            _columns[schema[i].Name] = (PhysicalSchema.NameOf(schema[i], columnMapping), schema[i].Type);
        }
    }

    /// <summary>True unless the predicate is certainly false or null for a file with these partition values.</summary>
    public bool MayMatch(Expression predicate, IReadOnlyDictionary<string, string?>? partitionValues) =>
        partitionValues is null || (Eval(predicate, partitionValues) & Outcome.True) != 0;

    private Outcome Eval(Expression e, IReadOnlyDictionary<string, string?> pv)
    {
        switch (e)
        {
            case And a: return Combine(Eval(a.Left, pv), Eval(a.Right, pv), AndOf);
            case Or o: return Combine(Eval(o.Left, pv), Eval(o.Right, pv), OrOf);
            case Not n: return Map(Eval(n.Operand, pv), x => x switch { Outcome.True => Outcome.False, Outcome.False => Outcome.True, _ => Outcome.Null });
            case IsNull isNull: return Value(isNull.Operand, pv, out var v1, out _) ? (v1 is null ? Outcome.True : Outcome.False) : Outcome.False | Outcome.True;
            case IsNotNull notNull: return Value(notNull.Operand, pv, out var v2, out _) ? (v2 is null ? Outcome.False : Outcome.True) : Outcome.False | Outcome.True;
            case Comparison c:
            {
                if (!Value(c.Left, pv, out var l, out var lt) || !Value(c.Right, pv, out var r, out var rt)) return Outcome.Any;
                if (l is null || r is null) return Outcome.Null;
                if (Compare(l, lt, r, rt) is not { } cmp) return Outcome.Any;
                var result = c.Operator switch
                {
                    ComparisonOperator.Equal => cmp == 0,
                    ComparisonOperator.NotEqual => cmp != 0,
                    ComparisonOperator.LessThan => cmp < 0,
                    ComparisonOperator.LessThanOrEqual => cmp <= 0,
                    ComparisonOperator.GreaterThan => cmp > 0,
                    _ => cmp >= 0,
                };
                return result ? Outcome.True : Outcome.False;
            }
            case InList inList:
            {
                if (!Value(inList.Value, pv, out var x, out var xt)) return Outcome.Any;
                if (x is null) return Outcome.Null;
                var sawNull = false;
                var undecided = false;
                foreach (var item in inList.List)
                {
                    if (!Value(item, pv, out var y, out var yt)) { undecided = true; continue; }
                    if (y is null) { sawNull = true; continue; }
                    if (Compare(x, xt, y, yt) is not { } cmp) { undecided = true; continue; }
                    if (cmp == 0) return Outcome.True;
                }
                if (undecided) return Outcome.Any;
                return sawNull ? Outcome.Null : Outcome.False;
            }
            case Literal { Value: bool b }: return b ? Outcome.True : Outcome.False;
            case Literal { Value: null }: return Outcome.Null;
            default: return Outcome.Any;
        }
    }

    private static Outcome Map(Outcome set, Func<Outcome, Outcome> f)
    {
        Outcome result = 0;
        foreach (var o in new[] { Outcome.False, Outcome.True, Outcome.Null })
            if ((set & o) != 0) result |= f(o);
        return result;
    }

    private static Outcome Combine(Outcome left, Outcome right, Func<Outcome, Outcome, Outcome> f)
    {
        Outcome result = 0;
        foreach (var a in new[] { Outcome.False, Outcome.True, Outcome.Null })
        {
            if ((left & a) == 0) continue;
            foreach (var b in new[] { Outcome.False, Outcome.True, Outcome.Null })
                if ((right & b) != 0) result |= f(a, b);
        }
        return result;
    }

    private static Outcome AndOf(Outcome a, Outcome b) =>
        a == Outcome.False || b == Outcome.False ? Outcome.False
        : a == Outcome.True && b == Outcome.True ? Outcome.True
        : Outcome.Null;

    private static Outcome OrOf(Outcome a, Outcome b) =>
        a == Outcome.True || b == Outcome.True ? Outcome.True
        : a == Outcome.False && b == Outcome.False ? Outcome.False
        : Outcome.Null;

    /// <summary>The value of a literal or partition column, with its type; false when the expression is neither or
    /// the raw partition value cannot be read as the column's type (PROTOCOL.md "Partition Value Serialization", parsed
    /// by the scan's <see cref="PartitionValues"/>, so a file is judged on exactly the values a scan would see).</summary>
    private bool Value(Expression e, IReadOnlyDictionary<string, string?> pv, out object? value, out DataType? type)
    {
        value = null;
        type = null;
        switch (e)
        {
            case Literal lit:
                value = lit.Value;
                type = lit.Type;
                return true;
            case ColumnRef { Path.Count: 1 } col when _columns.TryGetValue(col.Path[0], out var column):
                type = column.Type;
                if (!pv.TryGetValue(column.Key, out var raw)) return false;
                return string.IsNullOrEmpty(raw) || PartitionValues.TryParse(raw, column.Type, out value);
            default:
                return false;
        }
    }

    /// <summary>Orders two non-null values in the scan's order (<see cref="ValueOrder"/>): a string literal against a
    /// typed value is read as that value's type. Null when they cannot be compared.</summary>
    private static int? Compare(object left, DataType? leftType, object right, DataType? rightType)
    {
        if (left is string && right is not string && rightType is not null)
            return -ValueOrder.Compare(right, left, rightType);
        return ValueOrder.Compare(left, right, leftType ?? rightType ?? DataType.String);
    }
}
