using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>
/// UNION / INTERSECT / EXCEPT [ALL]. Both inputs have the same column count and types (the binder casts to the wider
/// types); the output takes the left's names and is nullable where either side is.
/// </summary>
public sealed record LogicalSetOperation(LogicalPlan Left, LogicalPlan Right, SetOperator Operator, bool All) : LogicalPlan
{
    public override StructType Schema
    {
        get
        {
            var l = Left.Schema;
            var r = Right.Schema;
            return new StructType(l.Fields.Select((f, i) => new StructField(f.Name, f.Type, f.Nullable || r[i].Nullable)));
        }
    }

    public override IReadOnlyList<LogicalPlan> Children => [Left, Right];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Left = children[0], Right = children[1] };
    public override IReadOnlyList<BoundExpression> Expressions => [];
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => this;
    public override string Describe() => $"{Operator}{(All ? " ALL" : "")}";
}
