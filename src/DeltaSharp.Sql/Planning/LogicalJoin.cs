using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>
/// Joins two inputs. <see cref="Condition"/> (null: every pair) refers to left columns then right columns. Output:
/// left then right columns (the side that may be missing becomes nullable); semi and anti joins output the left
/// columns only.
/// </summary>
public sealed record LogicalJoin(LogicalPlan Left, LogicalPlan Right, JoinKind Kind, BoundExpression? Condition) : LogicalPlan
{
    public override StructType Schema
    {
        get
        {
            if (Kind is JoinKind.LeftSemi or JoinKind.LeftAnti) return Left.Schema;
            var leftNullable = Kind is JoinKind.RightOuter or JoinKind.FullOuter;
            var rightNullable = Kind is JoinKind.LeftOuter or JoinKind.FullOuter;
            var fields = new List<StructField>();
            foreach (var f in Left.Schema.Fields) fields.Add(leftNullable && !f.Nullable ? new StructField(f.Name, f.Type, true, f.Metadata) : f);
            foreach (var f in Right.Schema.Fields) fields.Add(rightNullable && !f.Nullable ? new StructField(f.Name, f.Type, true, f.Metadata) : f);
            return new StructType(fields);
        }
    }

    public override IReadOnlyList<LogicalPlan> Children => [Left, Right];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Left = children[0], Right = children[1] };
    public override IReadOnlyList<BoundExpression> Expressions => Condition is null ? [] : [Condition];
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => this with { Condition = expressions.Count == 0 ? null : expressions[0] };
    public override string Describe() => $"Join {Kind}{(Condition is null ? "" : ", " + Condition)}";
}
