using DeltaSharp.Types;

namespace DeltaSharp.Columnar;

/// <summary>
/// Selected row positions of a batch, ascending. A filter narrows a batch by writing a selection; it does
/// not copy rows.
/// </summary>
public sealed class SelectionVector
{
    public SelectionVector(int capacity) => Indices = new int[Math.Max(1, capacity)];

    public int[] Indices { get; private set; }
    public int Count { get; set; }

    public ReadOnlySpan<int> Span => Indices.AsSpan(0, Count);

    public void EnsureCapacity(int capacity)
    {
        if (capacity > Indices.Length)
        {
            var a = Indices;
            Array.Resize(ref a, capacity);
            Indices = a;
        }
    }
}

/// <summary>
/// A bounded set of rows as one vector per column of <see cref="Schema"/>. When <see cref="Selection"/> is set,
/// only the rows it lists are part of the batch. Not thread-safe.
/// </summary>
public sealed class ColumnBatch
{
    public ColumnBatch(StructType schema, ColumnVector[] columns, int rowCount, SelectionVector? selection = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length != schema.Count)
            throw new ArgumentException($"Batch has {columns.Length} columns but the schema has {schema.Count}.", nameof(columns));
        Schema = schema;
        Columns = columns;
        RowCount = rowCount;
        Selection = selection;
    }

    /// <summary>Creates empty vectors for every field of <paramref name="schema"/>.</summary>
    public static ColumnBatch Create(StructType schema, int capacity)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var cols = new ColumnVector[schema.Count];
        for (var i = 0; i < cols.Length; i++) cols[i] = ColumnVector.Create(schema[i].Type, capacity);
        return new ColumnBatch(schema, cols, 0);
    }

    public StructType Schema { get; }
    public ColumnVector[] Columns { get; }

    /// <summary>Physical rows in the vectors.</summary>
    public int RowCount { get; set; }

    public SelectionVector? Selection { get; set; }

    /// <summary>Rows that are part of the batch (selected rows, or all).</summary>
    public int LiveRowCount => Selection?.Count ?? RowCount;

    public ColumnVector this[int index] => Columns[index];

    /// <summary>The physical row index of the i-th live row.</summary>
    public int RowIndex(int i) => Selection is null ? i : Selection.Indices[i];
}
