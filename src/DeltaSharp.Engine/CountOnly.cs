using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Engine;

/// <summary>Batches without columns (a scan asked for row counts only): made from batches of one column (the
/// selection vector is kept so deleted rows stay out), or from a row count known from metadata.</summary>
internal static class CountOnly
{
    /// <summary>Rows per batch made from a known count (operators above may build vectors of this length, e.g. a
    /// literal in the select list).</summary>
    private const int BatchRows = 65536;

    private static readonly StructType Empty = new();

    public static IEnumerable<ColumnBatch> Rows(IEnumerable<ColumnBatch> batches)
    {
        foreach (var b in batches) yield return new ColumnBatch(Empty, [], b.RowCount, b.Selection);
    }

    /// <summary><paramref name="rows"/> rows without columns, in batches of at most <see cref="BatchRows"/>.</summary>
    public static IEnumerable<ColumnBatch> Rows(long rows)
    {
        for (long left = rows; left > 0; left -= BatchRows)
            yield return new ColumnBatch(Empty, [], (int)Math.Min(BatchRows, left), null);
    }
}
