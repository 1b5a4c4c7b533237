using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>Computes one output column per expression, named by <see cref="Names"/>.</summary>
public sealed record LogicalProject(LogicalPlan Input, NodeList<BoundExpression> Projections, IReadOnlyList<string> Names) : LogicalPlan
{
    public override StructType Schema => SchemaOf(Names, Projections);
    public override IReadOnlyList<LogicalPlan> Children => [Input];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this with { Input = children[0] };
    public override IReadOnlyList<BoundExpression> Expressions => Projections;
    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions) => this with { Projections = new NodeList<BoundExpression>(expressions) };

    public override string Describe() =>
        "Project [" + string.Join(", ", Projections.Select((p, i) => p is BoundColumnRef c && c.Name == Names[i] ? p.ToString() : $"{p} AS {Names[i]}")) + "]";

    /// <summary>True when the projection passes its input through unchanged.</summary>
    public bool IsIdentity
    {
        get
        {
            var input = Input.Schema;
            if (Projections.Count != input.Count) return false;
            for (var i = 0; i < Projections.Count; i++)
                if (Projections[i] is not BoundColumnRef c || c.Ordinal != i || Names[i] != input[i].Name) return false;
            return true;
        }
    }
}
