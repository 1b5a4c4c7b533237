using DeltaSharp.Sql.Ast;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// <c>CASE WHEN c1 THEN r1 … ELSE e END</c> (a simple CASE is bound to this searched form; IF, COALESCE, NVL, NULLIF
/// too). Results are evaluated only for the rows whose branch is taken, as in Spark, so <c>CASE WHEN b = 0 THEN NULL
/// ELSE a / b END</c> never divides by zero. Conditions and results are already of the right types.
/// </summary>
public sealed record BoundCase(NodeList<BoundExpression> Conditions, NodeList<BoundExpression> Results, BoundExpression? Else, DataType ResultType) : BoundExpression
{
    public override DataType Type => ResultType;

    public override bool Nullable
    {
        get
        {
            if (Else is null || Else.Nullable) return true;
            foreach (var r in Results)
                if (r.Nullable) return true;
            return false;
        }
    }

    public override IReadOnlyList<BoundExpression> Children
    {
        get
        {
            var list = new List<BoundExpression>(Conditions.Count * 2 + 1);
            for (var i = 0; i < Conditions.Count; i++)
            {
                list.Add(Conditions[i]);
                list.Add(Results[i]);
            }
            if (Else is not null) list.Add(Else);
            return list;
        }
    }

    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children)
    {
        var n = Conditions.Count;
        var conds = new BoundExpression[n];
        var results = new BoundExpression[n];
        for (var i = 0; i < n; i++)
        {
            conds[i] = children[2 * i];
            results[i] = children[2 * i + 1];
        }
        return this with
        {
            Conditions = new NodeList<BoundExpression>(conds),
            Results = new NodeList<BoundExpression>(results),
            Else = Else is null ? null : children[2 * n],
        };
    }

    public override string ToString()
    {
        var sb = new System.Text.StringBuilder("CASE");
        for (var i = 0; i < Conditions.Count; i++) sb.Append(" WHEN ").Append(Conditions[i]).Append(" THEN ").Append(Results[i]);
        if (Else is not null) sb.Append(" ELSE ").Append(Else);
        return sb.Append(" END").ToString();
    }
}

/// <summary><c>a AND b</c> with three-valued logic; <c>b</c> is evaluated only where <c>a</c> is not false.</summary>
public sealed record BoundAnd(BoundExpression Left, BoundExpression Right) : BoundExpression
{
    public override DataType Type => DataType.Boolean;
    public override bool Nullable => Left.Nullable || Right.Nullable;
    public override IReadOnlyList<BoundExpression> Children => [Left, Right];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => new BoundAnd(children[0], children[1]);
    public override string ToString() => $"({Left} AND {Right})";
}

/// <summary><c>a OR b</c> with three-valued logic; <c>b</c> is evaluated only where <c>a</c> is not true.</summary>
public sealed record BoundOr(BoundExpression Left, BoundExpression Right) : BoundExpression
{
    public override DataType Type => DataType.Boolean;
    public override bool Nullable => Left.Nullable || Right.Nullable;
    public override IReadOnlyList<BoundExpression> Children => [Left, Right];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => new BoundOr(children[0], children[1]);
    public override string ToString() => $"({Left} OR {Right})";
}

/// <summary><c>NOT a</c> (null stays null).</summary>
public sealed record BoundNot(BoundExpression Operand) : BoundExpression
{
    public override DataType Type => DataType.Boolean;
    public override bool Nullable => Operand.Nullable;
    public override IReadOnlyList<BoundExpression> Children => [Operand];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => new BoundNot(children[0]);
    public override string ToString() => $"(NOT {Operand})";
}

/// <summary><c>x IS [NOT] NULL</c>; never null itself.</summary>
public sealed record BoundIsNull(BoundExpression Operand, bool Negated = false) : BoundExpression
{
    public override DataType Type => DataType.Boolean;
    public override bool Nullable => false;
    public override IReadOnlyList<BoundExpression> Children => [Operand];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) => this with { Operand = children[0] };
    public override string ToString() => Negated ? $"({Operand} IS NOT NULL)" : $"({Operand} IS NULL)";
}

/// <summary>
/// <c>x [NOT] IN (a, b, …)</c> with SQL semantics: null when x is null, or when no item equals x and some item is
/// null. All items have the type of x. Equality is Spark's (NaN equals NaN).
/// </summary>
public sealed record BoundInList(BoundExpression Value, NodeList<BoundExpression> List, bool Negated = false) : BoundExpression
{
    public override DataType Type => DataType.Boolean;

    public override bool Nullable
    {
        get
        {
            if (Value.Nullable) return true;
            foreach (var i in List)
                if (i.Nullable) return true;
            return false;
        }
    }

    public override IReadOnlyList<BoundExpression> Children => [Value, .. List];
    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) =>
        this with { Value = children[0], List = new NodeList<BoundExpression>(children.Skip(1)) };
    public override string ToString() => $"({Value} {(Negated ? "NOT IN" : "IN")} ({string.Join(", ", List)}))";
}

/// <summary>
/// <c>coalesce(a, b, …)</c> (also NVL / IFNULL): the first non-null argument. Each argument is evaluated once, and only
/// on the rows where every earlier one was null, as Spark's lazy Coalesce does. (Binding it as a CASE would repeat each
/// argument in a condition and a result, so nested calls would grow the work exponentially.) Arguments are already of
/// <see cref="ResultType"/>.
/// </summary>
public sealed record BoundCoalesce(NodeList<BoundExpression> Arguments, DataType ResultType) : BoundExpression
{
    public override DataType Type => ResultType;

    public override bool Nullable
    {
        get
        {
            foreach (var a in Arguments)
                if (!a.Nullable) return false;
            return true;
        }
    }

    public override IReadOnlyList<BoundExpression> Children => Arguments;

    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children) =>
        this with { Arguments = new NodeList<BoundExpression>(children) };

    public override string ToString() => $"coalesce({string.Join(", ", Arguments)})";
}
