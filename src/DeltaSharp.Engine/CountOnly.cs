using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Engine;

/// <summary>Batches without columns (a scan asked for row counts only), made from batches of one column: the
/// selection vector is kept so deleted rows stay out.</summary>
internal static class CountOnly
{
    private static readonly StructType Empty = new();

    public static IEnumerable<ColumnBatch> Rows(IEnumerable<ColumnBatch> batches)
    {
        foreach (var b in batches) yield return new ColumnBatch(Empty, [], b.RowCount, b.Selection);
    }
}
