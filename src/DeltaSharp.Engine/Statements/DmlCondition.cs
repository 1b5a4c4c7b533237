using DeltaSharp.Sql.Ast;
using DeltaSharp.Types;

namespace DeltaSharp.Engine.Statements;

/// <summary>
/// Questions the DML commands ask of a condition's syntax tree: does it read only partition columns (Delta's
/// metadata-only DELETE and partition replaceWhere: DeltaTableUtils.isPredicatePartitionColumnsOnly), and its
/// top-level conjuncts. Conservative: a node it does not know (subqueries, lambdas, …) or a non-deterministic
/// function counts as reading data. Stateless.
/// </summary>
internal static class DmlCondition
{
    private static readonly HashSet<string> NonDeterministic = new(StringComparer.OrdinalIgnoreCase)
    {
        "rand", "randn", "random", "uuid", "shuffle", "monotonically_increasing_id", "spark_partition_id", "input_file_name",
    };

    /// <summary>True when every column <paramref name="condition"/> reads is a partition column of the table (bare or
    /// qualified by <paramref name="alias"/>) and it has no subquery or non-deterministic function.</summary>
    public static bool OnlyPartitionColumns(SqlExpression condition, StructType schema, IReadOnlyList<string> partitionColumns, string? alias)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (partitionColumns.Count == 0) return false;
        var columns = new List<ColumnReference>();
        if (!Collect(condition, columns)) return false;
        foreach (var c in columns)
        {
            var parts = c.NameParts;
            if (parts.Count > 2) return false;
            if (parts.Count == 2 && (alias is null || !string.Equals(parts[0].Value, alias, StringComparison.OrdinalIgnoreCase))) return false;
            var i = schema.IndexOf(parts[^1].Value);
            if (i < 0 || !partitionColumns.Contains(schema[i].Name, StringComparer.OrdinalIgnoreCase)) return false;
        }
        return true;
    }

    /// <summary>The AND-ed parts of <paramref name="condition"/>, left to right.</summary>
    public static IEnumerable<SqlExpression> Conjuncts(SqlExpression condition) => condition switch
    {
        BinaryExpression { Operator: BinaryOperator.And } a => Conjuncts(a.Left).Concat(Conjuncts(a.Right)),
        _ => [condition],
    };

    /// <summary>Adds the column references of <paramref name="e"/>; false for a node that may read more (or is not
    /// deterministic).</summary>
    public static bool Collect(SqlExpression e, List<ColumnReference> columns)
    {
        switch (e)
        {
            case ColumnReference c:
                columns.Add(c);
                return true;
            case NullLiteral or BooleanLiteral or IntegerLiteral or DecimalLiteral or DoubleLiteral or FloatLiteral or StringLiteral
                or BinaryLiteral or TypedLiteral or IntervalLiteral or UnitToUnitIntervalLiteral or NiladicFunction:
                return true;
            case UnaryExpression u: return Collect(u.Operand, columns);
            case BinaryExpression b: return Collect(b.Left, columns) && Collect(b.Right, columns);
            case IsNullExpression n: return Collect(n.Operand, columns);
            case IsBooleanExpression n: return Collect(n.Operand, columns);
            case IsDistinctFromExpression d: return Collect(d.Left, columns) && Collect(d.Right, columns);
            case BetweenExpression b: return Collect(b.Value, columns) && Collect(b.Low, columns) && Collect(b.High, columns);
            case InListExpression i: return Collect(i.Value, columns) && i.List.All(x => Collect(x, columns));
            case LikeExpression l: return Collect(l.Value, columns) && Collect(l.Pattern, columns);
            case CastExpression c: return Collect(c.Operand, columns);
            case CaseExpression c:
                return (c.Operand is null || Collect(c.Operand, columns))
                    && c.WhenClauses.All(w => Collect(w.Condition, columns) && Collect(w.Result, columns))
                    && (c.Else is null || Collect(c.Else, columns));
            case FunctionCall f when f.Over is null && f.Filter is null && !NonDeterministic.Contains(f.Name.Name):
                return f.Arguments.All(a => Collect(a, columns));
            default:
                return false;
        }
    }
}
