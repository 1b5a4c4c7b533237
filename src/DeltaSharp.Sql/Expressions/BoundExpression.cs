using DeltaSharp.Sql.Ast;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// A resolved, typed expression over the output columns of one plan node (the node's input). The set of node kinds
/// is closed: column reference, outer reference, literal, scalar function call, cast, CASE, AND / OR / NOT, IS [NOT]
/// NULL, IN list, aggregate call, window call and subquery. Immutable records with structural equality (so GROUP BY
/// expressions can be matched against the select list).
/// </summary>
public abstract record BoundExpression
{
    /// <summary>The result type.</summary>
    public abstract DataType Type { get; }

    /// <summary>False when the expression can never be null.</summary>
    public abstract bool Nullable { get; }

    /// <summary>The direct sub-expressions, in evaluation order.</summary>
    public abstract IReadOnlyList<BoundExpression> Children { get; }

    /// <summary>The same node with new children (same count and order as <see cref="Children"/>).</summary>
    public abstract BoundExpression WithChildren(IReadOnlyList<BoundExpression> children);

    /// <summary>True when evaluating twice on the same input gives the same result (no rand(), no uuid()).</summary>
    public virtual bool IsDeterministic
    {
        get
        {
            foreach (var c in Children)
                if (!c.IsDeterministic) return false;
            return true;
        }
    }

    /// <summary>The expression in SQL-like form, for EXPLAIN and messages.</summary>
    public abstract override string ToString();

    protected virtual bool PrintMembers(System.Text.StringBuilder builder) => false;
}

/// <summary>Column <see cref="Ordinal"/> of the input. <see cref="Name"/> is for display only (not compared).</summary>
public sealed record BoundColumnRef(int Ordinal, DataType ColumnType, bool IsNullable, string Name) : BoundExpression
{
    public override DataType Type => ColumnType;
    public override bool Nullable => IsNullable;
    public override IReadOnlyList<BoundExpression> Children => [];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this;
    public override string ToString() => $"{Name}#{Ordinal}";
    public bool Equals(BoundColumnRef? other) => other is not null && other.Ordinal == Ordinal && other.ColumnType == ColumnType;
    public override int GetHashCode() => HashCode.Combine(Ordinal, ColumnType);
}

/// <summary>
/// A constant. <see cref="Value"/> follows the convention of <see cref="Compute.ColumnarValue"/> scalars (date as int
/// days, timestamp as long microseconds, decimal as DecimalValue, string as string, day-time interval as long
/// microseconds, year-month interval as int months). A bare NULL has Spark's void type (<see cref="NullType"/>) until
/// coercion gives it the type its context needs.
/// </summary>
public sealed record BoundLiteral(object? Value, DataType LiteralType) : BoundExpression
{
    public override DataType Type => LiteralType;
    public override bool Nullable => Value is null;

    /// <summary>A bare NULL (void type).</summary>
    public bool IsUntypedNull => LiteralType is NullType;
    public override IReadOnlyList<BoundExpression> Children => [];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this;

    public override string ToString() => Value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "\\'", StringComparison.Ordinal) + "'",
        bool b => b ? "true" : "false",
        byte[] bytes => "X'" + Convert.ToHexString(bytes) + "'",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => Value.ToString() ?? "",
    };

    public bool Equals(BoundLiteral? other) =>
        other is not null && other.LiteralType == LiteralType
        && (Value is byte[] a && other.Value is byte[] b ? a.AsSpan().SequenceEqual(b) : Equals(Value, other.Value));

    public override int GetHashCode() => HashCode.Combine(LiteralType, Value is byte[] ? 0 : Value?.GetHashCode() ?? 0);

    public static BoundLiteral True { get; } = new(true, DataType.Boolean);
    public static BoundLiteral False { get; } = new(false, DataType.Boolean);
    public static BoundLiteral NullOf(DataType type) => new(null, type);
}

/// <summary>
/// A column of an enclosing query referenced from inside a correlated subquery: column <see cref="Ordinal"/> of the
/// input of the query <see cref="Depth"/> levels out (1 = the directly enclosing query).
/// </summary>
public sealed record BoundOuterRef(int Depth, int Ordinal, DataType ColumnType, bool IsNullable, string Name) : BoundExpression
{
    public override DataType Type => ColumnType;
    public override bool Nullable => IsNullable;
    public override IReadOnlyList<BoundExpression> Children => [];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this;
    public override string ToString() => $"outer({Name}#{Ordinal})";
    public bool Equals(BoundOuterRef? other) => other is not null && other.Depth == Depth && other.Ordinal == Ordinal && other.ColumnType == ColumnType;
    public override int GetHashCode() => HashCode.Combine(Depth, Ordinal, ColumnType);
}

/// <summary>A call of a resolved scalar function; arguments already have the function's parameter types.</summary>
public sealed record BoundFunctionCall(Compute.ScalarFunction Function, NodeList<BoundExpression> Arguments) : BoundExpression
{
    public override DataType Type => Function.ReturnType;

    public override bool Nullable
    {
        get
        {
            // Null-intolerant functions of non-null arguments may still give null (e.g. division by zero without ANSI),
            // so only comparisons are known non-null here.
            if (!Function.NullIntolerant || !IsComparison) return true;
            foreach (var a in Arguments)
                if (a.Nullable) return true;
            return false;
        }
    }

    public override IReadOnlyList<BoundExpression> Children => Arguments;
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this with { Arguments = new NodeList<BoundExpression>(children) };
    public override bool IsDeterministic => Function.Deterministic && base.IsDeterministic;

    /// <summary>The function's name, lower case.</summary>
    public string Name => Function.Name.ToLowerInvariant();

    public bool IsComparison => Name is "=" or "==" or "<" or "<=" or ">" or ">=" or "!=" or "<>" or "<=>";

    public override string ToString() =>
        Arguments.Count == 2 && !char.IsAsciiLetter(Function.Name[0])
            ? $"({Arguments[0]} {Function.Name} {Arguments[1]})"
            : Arguments.Count == 1 && Function.Name == "negative" ? $"(- {Arguments[0]})"
            : $"{Function.Name}({string.Join(", ", Arguments)})";

    public bool Equals(BoundFunctionCall? other) =>
        other is not null
        && string.Equals(other.Function.Name, Function.Name, StringComparison.OrdinalIgnoreCase)
        && other.Function.ReturnType == Function.ReturnType
        && other.Function.Deterministic && Function.Deterministic
        && other.Arguments.Equals(Arguments);

    public override int GetHashCode() => HashCode.Combine(Function.Name.ToLowerInvariant(), Arguments);
}

/// <summary><c>CAST(x AS type)</c> or <c>TRY_CAST</c> (null instead of an error).</summary>
public sealed record BoundCast(BoundExpression Operand, DataType Target, bool IsTry = false) : BoundExpression
{
    public override DataType Type => Target;
    public override bool Nullable => Operand.Nullable || IsTry || Operand.Type is StringType;
    public override IReadOnlyList<BoundExpression> Children => [Operand];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this with { Operand = children[0] };
    public override string ToString() => $"{(IsTry ? "try_cast" : "cast")}({Operand} as {Target.SimpleString})";
}
