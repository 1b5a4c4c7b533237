using System.Globalization;
using DeltaSharp.Expressions;
using DeltaSharp.Types;
using DeltaSharp.Values;

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
            case IsNull isNull: return Value(isNull.Operand, pv, out var v1) ? (v1 is null ? Outcome.True : Outcome.False) : Outcome.False | Outcome.True;
            case IsNotNull notNull: return Value(notNull.Operand, pv, out var v2) ? (v2 is null ? Outcome.False : Outcome.True) : Outcome.False | Outcome.True;
            case Comparison c:
            {
                if (!Value(c.Left, pv, out var l) || !Value(c.Right, pv, out var r)) return Outcome.Any;
                if (l is null || r is null) return Outcome.Null;
                if (Compare(l, r) is not { } cmp) return Outcome.Any;
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
                if (!Value(inList.Value, pv, out var x)) return Outcome.Any;
                if (x is null) return Outcome.Null;
                var sawNull = false;
                var undecided = false;
                foreach (var item in inList.List)
                {
                    if (!Value(item, pv, out var y)) { undecided = true; continue; }
                    if (y is null) { sawNull = true; continue; }
                    if (Compare(x, y) is not { } cmp) { undecided = true; continue; }
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

    /// <summary>The value of a literal or partition column; false when the expression is neither.</summary>
    private bool Value(Expression e, IReadOnlyDictionary<string, string?> pv, out object? value)
    {
        value = null;
        switch (e)
        {
            case Literal lit:
                value = lit.Value;
                return true;
            case ColumnRef { Path.Count: 1 } col when _columns.TryGetValue(col.Path[0], out var column):
                if (!pv.TryGetValue(column.Key, out var raw)) return false;
                return TryParse(raw, column.Type, out value);
            default:
                return false;
        }
    }

    /// <summary>Parses a raw partition value (PROTOCOL.md "Partition Value Serialization"); empty means null.</summary>
    public static bool TryParse(string? raw, DataType type, out object? value)
    {
        value = null;
        if (string.IsNullOrEmpty(raw)) return true;
        var ci = CultureInfo.InvariantCulture;
        switch (type)
        {
            case StringType: value = raw; return true;
            case BooleanType when bool.TryParse(raw, out var b): value = b; return true;
            case ByteType or ShortType or IntegerType or LongType when long.TryParse(raw, NumberStyles.AllowLeadingSign, ci, out var l): value = l; return true;
            case FloatType or DoubleType when double.TryParse(raw, NumberStyles.Float, ci, out var d): value = d; return true;
            case DecimalType dt when DecimalValue.TryParse(raw, dt.Scale, out var dec): value = dec; return true;
            case DateType when DateOnly.TryParseExact(raw, "yyyy-MM-dd", ci, DateTimeStyles.None, out var date): value = date; return true;
            case TimestampType or TimestampNtzType when DateTime.TryParse(raw, ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t):
                value = t;
                return true;
            default: return false;
        }
    }

    /// <summary>Orders two values of compatible kinds; null when they cannot be compared.</summary>
    public static int? Compare(object a, object b)
    {
        if (IsNumber(a) && IsNumber(b))
        {
            if (a is float or double || b is float or double)
                return System.Convert.ToDouble(a, CultureInfo.InvariantCulture).CompareTo(System.Convert.ToDouble(b, CultureInfo.InvariantCulture));
            return ToDecimal(a).CompareTo(ToDecimal(b));
        }
        return (a, b) switch
        {
            (string x, string y) => Math.Sign(string.CompareOrdinal(x, y)),
            (bool x, bool y) => x.CompareTo(y),
            (DateOnly x, DateOnly y) => x.CompareTo(y),
            (DateTime x, DateTime y) => x.Ticks.CompareTo(y.Ticks),
            (DateOnly x, DateTime y) => x.ToDateTime(TimeOnly.MinValue).Ticks.CompareTo(y.Ticks),
            (DateTime x, DateOnly y) => x.Ticks.CompareTo(y.ToDateTime(TimeOnly.MinValue).Ticks),
            _ => null,
        };
    }

    private static bool IsNumber(object o) => o is sbyte or short or int or long or float or double or DecimalValue;

    private static DecimalValue ToDecimal(object o) => o switch
    {
        DecimalValue d => d,
        _ => new DecimalValue(System.Convert.ToInt64(o, CultureInfo.InvariantCulture), 0),
    };
}
