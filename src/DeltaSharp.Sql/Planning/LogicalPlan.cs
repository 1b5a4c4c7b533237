using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>
/// A node of the bound logical plan. The set of node kinds is closed (one file each: LogicalScan, LogicalFilter,
/// LogicalProject, LogicalAggregate, LogicalJoin, LogicalSort, LogicalLimit, LogicalDistinct, LogicalSetOperation,
/// LogicalValues, LogicalWindow). Expressions of a node refer to its input by ordinal: the child's output for
/// single-input nodes, left output followed by right output for a join. Immutable.
/// </summary>
public abstract record LogicalPlan
{
    /// <summary>The output columns (names as the user sees them for the top node; types; nullability).</summary>
    public abstract StructType Schema { get; }

    public abstract IReadOnlyList<LogicalPlan> Children { get; }

    /// <summary>The same node over new children (same count; the expressions are kept as they are).</summary>
    public abstract LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children);

    /// <summary>The node's own expressions (for rewrites and column usage), in a fixed order.</summary>
    public abstract IReadOnlyList<BoundExpression> Expressions { get; }

    /// <summary>The node with its expressions replaced (same count and order as <see cref="Expressions"/>).</summary>
    public abstract LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions);

    /// <summary>One line for EXPLAIN: the node name and its arguments.</summary>
    public abstract string Describe();

    /// <summary>The plan as an indented tree (Spark-like <c>+- </c> layout).</summary>
    public string ToTreeString()
    {
        var sb = new System.Text.StringBuilder();
        Append(sb, this, "", true, true);
        return sb.ToString();
    }

    private static void Append(System.Text.StringBuilder sb, LogicalPlan node, string indent, bool last, bool root)
    {
        sb.Append(indent);
        if (!root) sb.Append("+- ");
        sb.Append(node.Describe()).Append('\n');
        var childIndent = root ? indent : indent + (last ? "   " : ":  ");
        for (var i = 0; i < node.Children.Count; i++) Append(sb, node.Children[i], childIndent, i == node.Children.Count - 1, false);
    }

    protected virtual bool PrintMembers(System.Text.StringBuilder builder) => false;

    /// <summary>Field list for <see cref="Describe"/>.</summary>
    protected static string Fields(StructType schema) => "[" + string.Join(", ", schema.Fields.Select(f => f.Name)) + "]";

    /// <summary>A schema from names and expressions.</summary>
    protected static StructType SchemaOf(IReadOnlyList<string> names, IReadOnlyList<BoundExpression> expressions)
    {
        var fields = new StructField[expressions.Count];
        for (var i = 0; i < fields.Length; i++) fields[i] = new StructField(names[i], expressions[i].Type, expressions[i].Nullable);
        return new StructType(fields);
    }
}

/// <summary>Join kinds of <see cref="LogicalJoin"/>.</summary>
public enum JoinKind
{
    Inner,
    Cross,
    LeftOuter,
    RightOuter,
    FullOuter,
    /// <summary>Left rows with a match (left columns only).</summary>
    LeftSemi,
    /// <summary>Left rows without a match (left columns only).</summary>
    LeftAnti,
}

/// <summary>A sort key: <c>expr ASC|DESC NULLS FIRST|LAST</c> (Spark: ASC puts nulls first, DESC puts them last).</summary>
public sealed record SortOrder(BoundExpression Expression, bool Descending, bool NullsFirst)
{
    public override string ToString() => $"{Expression} {(Descending ? "DESC" : "ASC")} NULLS {(NullsFirst ? "FIRST" : "LAST")}";
}
