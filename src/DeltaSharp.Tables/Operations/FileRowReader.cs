using DeltaSharp.Columnar;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.DeletionVectors;
using DeltaSharp.Tables.Scanning;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// Reads every row of one data file of a snapshot with its file position, through the scan machinery (logical
/// column names, partition columns filled in, column mapping, type adaptation): what DELETE / UPDATE / MERGE need to
/// find the positions of matching rows, and what a rewrite copies. Rows deleted by the file's deletion vector (and,
/// for a rewrite, by extra positions) are excluded through the batch's selection. No row group is skipped, so
/// positions are exact. Stateless.
/// </summary>
public static class FileRowReader
{
    /// <summary>The rows of <paramref name="file"/> (an active file of <paramref name="snapshot"/>) with the given
    /// top-level columns (logical names; all when null), in batches of at most <paramref name="batchSize"/> rows.</summary>
    public static IEnumerable<PositionedBatch> Read(Snapshot snapshot, AddFile file, IReadOnlyList<string>? columns = null, int batchSize = 8192)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var deleted = file.DeletionVector is { } dv ? DeletionVectorReader.Read(dv, snapshot.TableRoot, snapshot.Store) : null;
        return Read(snapshot, file, deleted, columns, batchSize);
    }

    /// <summary>The rows of <paramref name="file"/> minus the positions in <paramref name="deleted"/> (which must
    /// already include the file's own deletion vector).</summary>
    internal static IEnumerable<PositionedBatch> Read(Snapshot snapshot, AddFile file, RoaringBitmapArray? deleted, IReadOnlyList<string>? columns, int batchSize)
    {
        var plan = ScanPlan.Create(snapshot, columns, null, batchSize);
        // The DV is applied here rather than by the scan reader, so positions stay cumulative over all batches.
        var scanFile = new ScanFile(file with { DeletionVector = null }, TableFilePaths.Resolve(snapshot.TableRoot, file.Path, snapshot.Store), plan);
        if (deleted is { IsEmpty: true }) deleted = null;
        return Positioned(ScanFileReader.Read(scanFile, plan), deleted);
    }

    private static IEnumerable<PositionedBatch> Positioned(IEnumerable<ColumnBatch> batches, RoaringBitmapArray? deleted)
    {
        long position = 0;
        foreach (var batch in batches)
        {
            var rows = batch.RowCount;
            if (deleted is not null)
            {
                var selection = new SelectionVector(rows);
                selection.Count = deleted.SelectLive(position, rows, selection.Indices);
                if (selection.Count < rows) batch.Selection = selection;
            }
            yield return new PositionedBatch(batch, position);
            position += rows;
        }
    }
}
