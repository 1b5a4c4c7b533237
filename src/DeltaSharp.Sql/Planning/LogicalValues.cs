using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Expressions;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Planning;

/// <summary>
/// Literal rows: <c>VALUES (…), (…)</c>, and the single empty row under a SELECT without FROM. Each row's expressions
/// have no column references (they may call functions such as current_date()).
/// </summary>
public sealed record LogicalValues(StructType OutputSchema, IReadOnlyList<NodeList<BoundExpression>> Rows) : LogicalPlan
{
    public override StructType Schema => OutputSchema;
    public override IReadOnlyList<LogicalPlan> Children => [];
    public override LogicalPlan WithChildren(IReadOnlyList<LogicalPlan> children) => this;
    public override IReadOnlyList<BoundExpression> Expressions => Rows.SelectMany(r => r).ToArray();

    public override LogicalPlan WithExpressions(IReadOnlyList<BoundExpression> expressions)
    {
        var width = OutputSchema.Count;
        var rows = new List<NodeList<BoundExpression>>(Rows.Count);
        for (var r = 0; r < Rows.Count; r++) rows.Add(new NodeList<BoundExpression>(expressions.Skip(r * width).Take(width)));
        return this with { Rows = rows };
    }

    public override string Describe() => $"Values {Fields(OutputSchema)} ({Rows.Count} row{(Rows.Count == 1 ? "" : "s")})";

    /// <summary>One row of no columns (the input of <c>SELECT 1</c>).</summary>
    public static LogicalValues SingleRow { get; } = new(new StructType(), [NodeList<BoundExpression>.Empty]);

    /// <summary>No rows of the given schema.</summary>
    public static LogicalValues Empty(StructType schema) => new(schema, []);
}
