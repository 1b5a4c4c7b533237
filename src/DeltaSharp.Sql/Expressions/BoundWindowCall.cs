using DeltaSharp.Sql.Ast;
using DeltaSharp.Sql.Execution.Aggregates;
using DeltaSharp.Sql.Planning;
using DeltaSharp.Types;

namespace DeltaSharp.Sql.Expressions;

/// <summary>The window functions that are not aggregates.</summary>
public enum WindowFunctionKind
{
    RowNumber,
    Rank,
    DenseRank,
    PercentRank,
    CumeDist,
    Ntile,
    Lag,
    Lead,
    NthValue,
    /// <summary>An aggregate function over the frame (sum, count, first_value, …).</summary>
    Aggregate,
}

/// <summary>Frame units.</summary>
public enum FrameUnit
{
    Rows,
    Range,
}

/// <summary>
/// One end of a frame: <see cref="Offset"/> rows (or, for RANGE, order-key units) before (negative) or after
/// (positive) the current row, or unbounded.
/// </summary>
public sealed record FrameBoundary(bool Unbounded, long Offset)
{
    public static FrameBoundary UnboundedPreceding { get; } = new(true, -1);
    public static FrameBoundary UnboundedFollowing { get; } = new(true, 1);
    public static FrameBoundary CurrentRow { get; } = new(false, 0);

    public override string ToString() =>
        Unbounded ? (Offset < 0 ? "UNBOUNDED PRECEDING" : "UNBOUNDED FOLLOWING")
        : Offset == 0 ? "CURRENT ROW"
        : Offset < 0 ? $"{-Offset} PRECEDING" : $"{Offset} FOLLOWING";
}

/// <summary>A window frame <c>ROWS|RANGE BETWEEN start AND end</c>.</summary>
public sealed record WindowFrame(FrameUnit Unit, FrameBoundary Start, FrameBoundary End)
{
    /// <summary>Spark's default with ORDER BY: RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW.</summary>
    public static WindowFrame DefaultOrdered { get; } = new(FrameUnit.Range, FrameBoundary.UnboundedPreceding, FrameBoundary.CurrentRow);

    /// <summary>Spark's default without ORDER BY: the whole partition.</summary>
    public static WindowFrame WholePartition { get; } = new(FrameUnit.Rows, FrameBoundary.UnboundedPreceding, FrameBoundary.UnboundedFollowing);

    public override string ToString() => $"{Unit.ToString().ToUpperInvariant()} BETWEEN {Start} AND {End}";
}

/// <summary>
/// A window function call: <c>f(args) OVER (PARTITION BY … ORDER BY … frame)</c>. For <see cref="WindowFunctionKind.Aggregate"/>
/// <see cref="Aggregate"/> is set. For lag / lead, <see cref="Offset"/> is the row offset and the arguments are the
/// value and the default. It only appears in a <see cref="LogicalWindow"/>.
/// </summary>
public sealed record BoundWindowCall(
    WindowFunctionKind Kind,
    string Name,
    DataType ResultType,
    NodeList<BoundExpression> Arguments,
    NodeList<BoundExpression> PartitionBy,
    NodeList<SortOrder> OrderBy,
    WindowFrame Frame,
    AggregateFunction? Aggregate = null,
    long Offset = 1,
    bool IgnoreNulls = false) : BoundExpression
{
    public override DataType Type => ResultType;
    public override bool Nullable => Kind is not (WindowFunctionKind.RowNumber or WindowFunctionKind.Rank or WindowFunctionKind.DenseRank
        or WindowFunctionKind.PercentRank or WindowFunctionKind.CumeDist or WindowFunctionKind.Ntile) && (Aggregate?.NullOnEmpty ?? true);

    public override IReadOnlyList<BoundExpression> Children => [.. Arguments, .. PartitionBy, .. OrderBy.Select(o => o.Expression)];

    public override BoundExpression WithChildren(IReadOnlyList<BoundExpression> children)
    {
        var a = Arguments.Count;
        var p = PartitionBy.Count;
        return this with
        {
            Arguments = new NodeList<BoundExpression>(children.Take(a)),
            PartitionBy = new NodeList<BoundExpression>(children.Skip(a).Take(p)),
            OrderBy = new NodeList<SortOrder>(OrderBy.Select((o, i) => o with { Expression = children[a + p + i] })),
        };
    }

    public override string ToString() =>
        $"{Name}({string.Join(", ", Arguments)}) OVER (PARTITION BY [{string.Join(", ", PartitionBy)}] ORDER BY [{string.Join(", ", OrderBy)}] {Frame})";
}
