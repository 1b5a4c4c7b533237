using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// Evaluates <see cref="Value"/> once per row and makes it available to <see cref="Body"/> as a
/// <see cref="BoundLetRef"/>. The binder uses it where Spark's expression mentions one operand several times (simple
/// CASE, NULLIF, BETWEEN): repeating the operand would evaluate it once per mention, so nesting such expressions
/// would grow the work exponentially. Refs are numbered from the innermost enclosing let (0 = this one), so two
/// bindings of the same SQL are equal records.
/// </summary>
public sealed record BoundLet(BoundExpression Value, BoundExpression Body) : BoundExpression
{
    public override DataType Type => Body.Type;
    public override bool Nullable => Body.Nullable;
    public override IReadOnlyList<BoundExpression> Children => [Value, Body];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => new BoundLet(children[0], children[1]);
    public override string ToString() => $"let({Value} in {Body})";
}

/// <summary>The value of the <see cref="Depth"/>-th enclosing <see cref="BoundLet"/> (0 = innermost), of
/// <see cref="ValueType"/>.</summary>
public sealed record BoundLetRef(int Depth, DataType ValueType, bool ValueNullable) : BoundExpression
{
    public override DataType Type => ValueType;
    public override bool Nullable => ValueNullable;
    public override IReadOnlyList<BoundExpression> Children => [];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this;
    public override string ToString() => $"let#{Depth}";
}
