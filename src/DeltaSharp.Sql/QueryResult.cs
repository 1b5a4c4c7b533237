using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Sql;

/// <summary>
/// The rows of a query: its <see cref="Schema"/> (names as Spark shows them, types, nullability) and dense batches
/// (no selection vectors). Immutable once built.
/// </summary>
public sealed class QueryResult
{
    public QueryResult(StructType schema, IReadOnlyList<ColumnBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        Schema = schema;
        Batches = batches;
        long rows = 0;
        foreach (var b in batches) rows += b.LiveRowCount;
        RowCount = rows;
    }

    public StructType Schema { get; }

    public IReadOnlyList<ColumnBatch> Batches { get; }

    public long RowCount { get; }

    /// <summary>The rows with values boxed as <see cref="Values.ValueConverter"/> does (int, long, string,
    /// DecimalValue, DateOnly, DateTime (UTC) …; arrays as List&lt;object?&gt;, structs as object?[]); null is SQL NULL.</summary>
    public IReadOnlyList<object?[]> ToRows()
    {
        var rows = new List<object?[]>((int)Math.Min(RowCount, int.MaxValue));
        foreach (var b in Batches)
            for (var i = 0; i < b.LiveRowCount; i++)
            {
                var r = b.RowIndex(i);
                var row = new object?[b.Columns.Length];
                for (var c = 0; c < row.Length; c++) row[c] = b.Columns[c].GetObject(r);
                rows.Add(row);
            }
        return rows;
    }

    /// <summary>The single value of a one-row, one-column result (e.g. <c>SELECT count(*) …</c>).</summary>
    public object? Scalar()
    {
        if (Schema.Count != 1 || RowCount != 1)
            throw new InvalidOperationException($"The result has {Schema.Count} column(s) and {RowCount} row(s), not exactly one value.");
        return ToRows()[0][0];
    }
}
