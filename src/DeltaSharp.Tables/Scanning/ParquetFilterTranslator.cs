using DeltaSharp.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Rewrites a predicate over logical names into one over a data file's own column names for Parquet row-group
/// skipping. Parts that cannot be expressed on the file (partition columns, columns missing from the file, columns
/// inside arrays/maps, column-to-column comparisons) are dropped where that only weakens the predicate: a dropped
/// AND side is TRUE, an OR with a dropped side is dropped, and NOT keeps only exactly translated operands. Returns null
/// when nothing is left. Thread-safe.
/// </summary>
internal static class ParquetFilterTranslator
{
    public static Expression? Translate(Expression predicate, ScanPlan plan, StructType fileSchema) =>
        Rewrite(predicate, plan, fileSchema).Expression;

    private readonly record struct Result(Expression? Expression, bool Exact)
    {
        public static Result Dropped => new(null, false);
    }

    private static Result Rewrite(Expression e, ScanPlan plan, StructType file)
    {
        switch (e)
        {
            case And a:
            {
                var l = Rewrite(a.Left, plan, file);
                var r = Rewrite(a.Right, plan, file);
                if (l.Expression is null) return r with { Exact = false };
                if (r.Expression is null) return l with { Exact = false };
                return new Result(new And(l.Expression, r.Expression), l.Exact && r.Exact);
            }
            case Or o:
            {
                var l = Rewrite(o.Left, plan, file);
                var r = Rewrite(o.Right, plan, file);
                if (l.Expression is null || r.Expression is null) return Result.Dropped;
                return new Result(new Or(l.Expression, r.Expression), l.Exact && r.Exact);
            }
            case Not n:
            {
                var inner = Rewrite(n.Operand, plan, file);
                return inner.Exact && inner.Expression is not null ? new Result(new Not(inner.Expression), true) : Result.Dropped;
            }
            case Literal { Value: bool or null } lit:
                return new Result(lit, true);
            case Comparison { Left: ColumnRef c, Right: Literal } cmp:
                return Column(c, plan, file) is { } fc ? new Result(cmp with { Left = fc }, true) : Result.Dropped;
            case Comparison { Left: Literal, Right: ColumnRef c } cmp:
                return Column(c, plan, file) is { } fc2 ? new Result(cmp with { Right = fc2 }, true) : Result.Dropped;
            case InList { Value: ColumnRef c } inList when inList.List.All(x => x is Literal):
                return Column(c, plan, file) is { } fc3 ? new Result(new InList(fc3, inList.List), true) : Result.Dropped;
            case IsNull { Operand: ColumnRef c }:
                return Column(c, plan, file) is { } fc4 ? new Result(new IsNull(fc4), true) : Result.Dropped;
            case IsNotNull { Operand: ColumnRef c }:
                return Column(c, plan, file) is { } fc5 ? new Result(new IsNotNull(fc5), true) : Result.Dropped;
            default:
                return Result.Dropped;
        }
    }

    /// <summary>The file's path for a logical data column of primitive type reached through structs only.</summary>
    private static ColumnRef? Column(ColumnRef column, ScanPlan plan, StructType file)
    {
        var resolved = plan.Resolve(column);
        if (resolved is null || resolved.Partition is not null || !resolved.Type.IsPrimitive) return null;
        var path = new string[resolved.Fields.Count];
        DataType current = file;
        for (var i = 0; i < path.Length; i++)
        {
            if (current is not StructType st) return null;
            var idx = FileFieldMatcher.Match(resolved.Fields[i], st, plan.Mode);
            if (idx < 0) return null;
            path[i] = st[idx].Name;
            current = st[idx].Type;
        }
        return current.IsPrimitive ? new ColumnRef(path) : null;
    }
}
