using DeltaSharp.Types;

namespace DeltaSharp.Expressions;

/// <summary>
/// The one expression tree shared by SQL, Delta data skipping and Parquet statistics pruning. Nodes are
/// immutable. This first cut holds what predicate push-down needs; the SQL engine extends it.
/// </summary>
public abstract record Expression
{
    /// <summary>The column references of the tree, left to right, repeats included (node kinds outside this tree
    /// contribute none).</summary>
    public IEnumerable<ColumnRef> ReferencedColumns() => this switch
    {
        ColumnRef c => [c],
        And a => a.Left.ReferencedColumns().Concat(a.Right.ReferencedColumns()),
        Or o => o.Left.ReferencedColumns().Concat(o.Right.ReferencedColumns()),
        Not n => n.Operand.ReferencedColumns(),
        Comparison c => c.Left.ReferencedColumns().Concat(c.Right.ReferencedColumns()),
        IsNull n => n.Operand.ReferencedColumns(),
        IsNotNull n => n.Operand.ReferencedColumns(),
        InList i => i.Value.ReferencedColumns().Concat(i.List.SelectMany(e => e.ReferencedColumns())),
        _ => [],
    };
}

/// <summary>A column by (possibly nested) name path, e.g. ["address", "zip"].</summary>
public sealed record ColumnRef(IReadOnlyList<string> Path) : Expression
{
    public ColumnRef(string name) : this([name]) { }
    public string Name => string.Join('.', Path);
    public bool Equals(ColumnRef? other) => other is not null && Path.SequenceEqual(other.Path);
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Name;
}

/// <summary>A constant. Value uses the boxing of <see cref="Values.ValueConverter"/> (int, long, string,
/// DecimalValue, DateOnly, DateTime …); null is SQL NULL.</summary>
public sealed record Literal(object? Value, DataType Type) : Expression
{
    public override string ToString() => Value is null ? "NULL" : Value is string s ? $"'{s}'" : Value.ToString() ?? "";
}

public enum ComparisonOperator
{
    Equal,
    NotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

public sealed record Comparison(ComparisonOperator Operator, Expression Left, Expression Right) : Expression;

public sealed record And(Expression Left, Expression Right) : Expression;

public sealed record Or(Expression Left, Expression Right) : Expression;

public sealed record Not(Expression Operand) : Expression;

public sealed record IsNull(Expression Operand) : Expression;

public sealed record IsNotNull(Expression Operand) : Expression;

public sealed record InList(Expression Value, IReadOnlyList<Expression> List) : Expression
{
    public bool Equals(InList? other) => other is not null && Value.Equals(other.Value) && List.SequenceEqual(other.List);
    public override int GetHashCode() => HashCode.Combine(Value, List.Count);
}
