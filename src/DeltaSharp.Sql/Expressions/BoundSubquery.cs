using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>What a subquery expression computes.</summary>
public enum SubqueryKind
{
    /// <summary><c>(SELECT x …)</c>: the single value of the single row (null when no row; an error for more).</summary>
    Scalar,
    /// <summary><c>EXISTS (SELECT …)</c>.</summary>
    Exists,
    /// <summary><c>value IN (SELECT x …)</c>: SQL IN semantics with nulls.</summary>
    In,
}

/// <summary>
/// A subquery used as an expression. <see cref="Plan"/> may contain <see cref="BoundOuterRef"/>s (depth 1) to the
/// input of the node that holds this expression: then it is correlated and evaluated per outer row (or rewritten
/// into a join by the optimizer). <see cref="Value"/> is the left side of IN. Compared by reference.
/// </summary>
public sealed record BoundSubquery(SubqueryKind Kind, LogicalPlan Plan, BoundExpression? Value = null, bool Negated = false) : BoundExpression
{
    public override DataType Type => Kind == SubqueryKind.Scalar ? Plan.Schema[0].Type : DataType.Boolean;
    public override bool Nullable => Kind != SubqueryKind.Exists;
    public override IReadOnlyList<BoundExpression> Children => Value is null ? [] : [Value];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => Value is null ? this : this with { Value = children[0] };

    /// <summary>Subqueries are not folded or deduplicated.</summary>
    public bool IsCorrelated => OuterReferences.Count > 0;

    /// <summary>The outer references used inside the plan (depth 1 from here).</summary>
    public IReadOnlyList<BoundOuterRef> OuterReferences { get; init; } = [];

    public override string ToString() => Kind switch
    {
        SubqueryKind.Exists => $"{(Negated ? "NOT " : "")}exists(subquery)",
        SubqueryKind.In => $"({Value} {(Negated ? "NOT IN" : "IN")} (subquery))",
        _ => "scalar-subquery",
    };

    public bool Equals(BoundSubquery? other) => ReferenceEquals(this, other);
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
