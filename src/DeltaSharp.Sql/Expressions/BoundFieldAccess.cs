using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary><c>s.field</c> of a struct-valued expression: null when the struct is null.</summary>
public sealed record BoundFieldAccess(BoundExpression Struct, int FieldIndex) : BoundExpression
{
    private StructField Field => ((StructType)Struct.Type)[FieldIndex];
    public override DataType Type => Field.Type;
    public override bool Nullable => Struct.Nullable || Field.Nullable;
    public override IReadOnlyList<BoundExpression> Children => [Struct];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this with { Struct = children[0] };
    public override string ToString() => $"{Struct}.{Field.Name}";
}
