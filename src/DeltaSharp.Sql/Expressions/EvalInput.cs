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
    // Values of the enclosing BoundLets, innermost last, each dense over these rows.
    private readonly ColumnVector[] _lets;

    public EvalInput(ColumnBatch batch, int[]? rows, int count)
        : this(batch, rows, count, [])
    {
    }

    private EvalInput(ColumnBatch batch, int[]? rows, int count, ColumnVector[] lets)
    {
        Batch = batch;
        Rows = rows;
        Count = count;
        _dense = new ColumnVector?[batch.Columns.Length];
        _lets = lets;
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
        var lets = _lets.Length == 0 ? _lets : new ColumnVector[_lets.Length];
        for (var i = 0; i < lets.Length; i++) lets[i] = VectorCopier.Gather(_lets[i], positions);
        return new EvalInput(Batch, rows, rows.Length, lets);
    }

    /// <summary>These rows with one more let value (<paramref name="value"/>, dense over these rows) innermost.</summary>
    public EvalInput WithLet(ColumnVector value) => new(Batch, Rows, Count, [.. _lets, value]);

    /// <summary>The value of the <paramref name="depth"/>-th enclosing let (0 = innermost), dense over these rows.</summary>
    public ColumnVector Let(int depth) =>
        depth >= 0 && depth < _lets.Length ? _lets[_lets.Length - 1 - depth]
            : throw new InvalidOperationException($"let#{depth} evaluated outside its let (planner error).");
}
