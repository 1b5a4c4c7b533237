using DeltaSharp.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Decides whether a file may hold rows for which a predicate is TRUE (PROTOCOL.md "Per-file Statistics"): partition
/// columns are evaluated exactly on the file's partition values; data columns against min/max/nullCount. Answers false
/// only when that is proven; anything unknown (missing stats, NaN, unsupported expressions) keeps the file. With
/// tightBounds=false (files with deletion vectors) min/max are still valid bounds, and nullCount only says something
/// when it is 0 or numRecords. Timestamp stats are truncated to milliseconds, so bounds are widened by 1 ms. NOT is
/// pushed down (De Morgan; NOT x &lt; v ≡ x ≥ v since a NULL never satisfies either). Thread-safe.
/// </summary>
internal static class DataSkipping
{
    public static bool MayMatch(Expression predicate, ScanFile file, ScanPlan plan) => Eval(predicate, negated: false, file, plan);

    private static bool Eval(Expression e, bool negated, ScanFile file, ScanPlan plan)
    {
        switch (e)
        {
            case And a:
                return negated
                    ? Eval(a.Left, true, file, plan) || Eval(a.Right, true, file, plan)
                    : Eval(a.Left, false, file, plan) && Eval(a.Right, false, file, plan);
            case Or o:
                return negated
                    ? Eval(o.Left, true, file, plan) && Eval(o.Right, true, file, plan)
                    : Eval(o.Left, false, file, plan) || Eval(o.Right, false, file, plan);
            case Not n:
                return Eval(n.Operand, !negated, file, plan);
            case Literal { Value: null }:
                return false; // NULL (and NOT NULL) is never TRUE
            case Literal { Value: bool b }:
                return b != negated;
            case Comparison c:
                if (c.Left is ColumnRef lc && c.Right is Literal rl) return Compare(negated ? Negate(c.Operator) : c.Operator, lc, rl, file, plan);
                if (c.Right is ColumnRef rc && c.Left is Literal ll) return Compare(Flip(negated ? Negate(c.Operator) : c.Operator), rc, ll, file, plan);
                return true;
            case InList { Value: ColumnRef col } inList:
                foreach (var item in inList.List)
                {
                    if (item is not Literal lit) return true;
                    if (negated)
                    {
                        // NOT IN: every comparison must be able to be true at once; a NULL item makes it never TRUE.
                        if (lit.Value is null) return false;
                        if (!Compare(ComparisonOperator.NotEqual, col, lit, file, plan)) return false;
                    }
                    else if (Compare(ComparisonOperator.Equal, col, lit, file, plan))
                    {
                        return true;
                    }
                }
                return negated;
            case IsNull { Operand: ColumnRef col }:
                return NullCheck(col, wantNull: !negated, file, plan);
            case IsNotNull { Operand: ColumnRef col }:
                return NullCheck(col, wantNull: negated, file, plan);
            default:
                return true;
        }
    }

    private static bool Compare(ComparisonOperator op, ColumnRef column, Literal literal, ScanFile file, ScanPlan plan)
    {
        if (literal.Value is null) return false; // comparisons with NULL are never TRUE
        var resolved = plan.Resolve(column);
        if (resolved is null) return true;
        if (resolved.Partition is { } p)
        {
            var value = file.PartitionValue(p);
            if (value is null) return false;
            var cmp = ValueOrder.Compare(value, literal.Value, p.Type);
            return cmp is not { } c || Holds(op, c);
        }
        var stats = file.SkippingStats;
        if (stats is null) return true;
        if (stats.NullCounts.TryGetValue(resolved.LogicalPath, out var nulls) && nulls == stats.NumRecords) return false;
        var hasMin = stats.MinValues.TryGetValue(resolved.LogicalPath, out var min) && min is not null;
        var hasMax = stats.MaxValues.TryGetValue(resolved.LogicalPath, out var max) && max is not null;
        if (resolved.Type is TimestampType or TimestampNtzType)
        {
            if (hasMin) min = ((DateTime)min!).AddMilliseconds(-1);
            if (hasMax) max = ((DateTime)max!).AddMilliseconds(1);
        }
        int? cMin = hasMin ? ValueOrder.Compare(min!, literal.Value, resolved.Type) : null; // min ? v
        int? cMax = hasMax ? ValueOrder.Compare(max!, literal.Value, resolved.Type) : null; // max ? v
        return op switch
        {
            ComparisonOperator.Equal => cMin is not > 0 && cMax is not < 0,
            ComparisonOperator.NotEqual => !(cMin == 0 && cMax == 0 && !IsWidened(resolved.Type)),
            ComparisonOperator.LessThan => cMin is not >= 0,
            ComparisonOperator.LessThanOrEqual => cMin is not > 0,
            ComparisonOperator.GreaterThan => cMax is not <= 0,
            ComparisonOperator.GreaterThanOrEqual => cMax is not < 0,
            _ => true,
        };
    }

    private static bool IsWidened(DataType type) => type is TimestampType or TimestampNtzType;

    /// <summary>May some row have a NULL (<paramref name="wantNull"/>) / a non-NULL value in the column?</summary>
    private static bool NullCheck(ColumnRef column, bool wantNull, ScanFile file, ScanPlan plan)
    {
        var resolved = plan.Resolve(column);
        if (resolved is null) return true;
        if (resolved.Partition is { } p) return file.PartitionValue(p) is null == wantNull;
        var stats = file.SkippingStats;
        if (stats is null || !stats.NullCounts.TryGetValue(resolved.LogicalPath, out var nulls)) return true;
        // Valid for tight and wide bounds alike: 0 = no valid row is null; numRecords = every valid row is null.
        return wantNull ? nulls != 0 : nulls != stats.NumRecords;
    }

    private static bool Holds(ComparisonOperator op, int c) => op switch
    {
        ComparisonOperator.Equal => c == 0,
        ComparisonOperator.NotEqual => c != 0,
        ComparisonOperator.LessThan => c < 0,
        ComparisonOperator.LessThanOrEqual => c <= 0,
        ComparisonOperator.GreaterThan => c > 0,
        ComparisonOperator.GreaterThanOrEqual => c >= 0,
        _ => true,
    };

    internal static ComparisonOperator Negate(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => ComparisonOperator.NotEqual,
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThanOrEqual,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThan,
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThanOrEqual,
        _ => ComparisonOperator.LessThan,
    };

    internal static ComparisonOperator Flip(ComparisonOperator op) => op switch
    {
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
        ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
        _ => op,
    };
}
