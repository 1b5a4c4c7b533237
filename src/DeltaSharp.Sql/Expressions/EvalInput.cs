using DeltaSharp.Columnar;
using DeltaSharp.Sql.Execution.Vectors;

namespace DeltaSharp.Sql.Expressions;

/// <summary>
/// The rows an expression is evaluated over: <see cref="Count"/> rows of a batch, given by physical row indices
/// (<see cref="Rows"/>; null = rows 0..Count-1). Referenced columns are gathered into dense vectors once and cached,
/// so evaluation never sees a selection and never touches unselected rows (a filtered-out row cannot raise an
/// error). Not thread-safe.
/// </summary>
internal sealed class EvalInput
{
    private readonly ColumnVector?[] _dense;

    public EvalInput(ColumnBatch batch, int[]? rows, int count)
    {
        Batch = batch;
        Rows = rows;
        Count = count;
        _dense = new ColumnVector?[batch.Columns.Length];
    }

    /// <summary>The live rows of <paramref name="batch"/>.</summary>
    public static EvalInput Of(ColumnBatch batch) =>
        batch.Selection is { } s ? new EvalInput(batch, s.Indices, s.Count) : new EvalInput(batch, null, batch.RowCount);

    public ColumnBatch Batch { get; }
    public int[]? Rows { get; }
    public int Count { get; }

    /// <summary>Column <paramref name="ordinal"/> over these rows, dense (the batch's own vector when no gather is needed).</summary>
    public ColumnVector Column(int ordinal)
    {
        if (_dense[ordinal] is { } cached) return cached;
        var source = Batch.Columns[ordinal];
        var dense = Rows is null ? source : VectorCopier.Gather(source, Rows.AsSpan(0, Count));
        _dense[ordinal] = dense;
        return dense;
    }

    /// <summary>The rows at <paramref name="positions"/> (ascending indices into these rows).</summary>
    public EvalInput Subset(ReadOnlySpan<int> positions)
    {
        if (positions.Length == Count) return this; // ascending and distinct: all of them
        var rows = new int[positions.Length];
        if (Rows is null) positions.CopyTo(rows);
        else for (var i = 0; i < rows.Length; i++) rows[i] = Rows[positions[i]];
        return new EvalInput(Batch, rows, rows.Length);
    }
}
