using DeltaSharp.Columnar;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// A batch of one data file's rows and the file position of its first physical row: the row at physical index
/// <c>i</c> of <see cref="Batch"/> is row <see cref="FirstRowPosition"/> + i of the Parquet file (the position
/// deletion vectors and <see cref="RowLevelChange.DeleteRows"/> use). Rows already deleted are excluded through the
/// batch's selection. Immutable reference to a batch the reader owns until the next one is produced.
/// </summary>
public sealed record PositionedBatch(ColumnBatch Batch, long FirstRowPosition)
{
    /// <summary>The file position of the <paramref name="liveIndex"/>-th live row of the batch.</summary>
    public long PositionOf(int liveIndex) => FirstRowPosition + Batch.RowIndex(liveIndex);
}
