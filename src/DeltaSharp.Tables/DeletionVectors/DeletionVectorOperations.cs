using System.Buffers;
using System.Text.Json;
using DeltaSharp.Parquet;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Scanning;

namespace DeltaSharp.Tables.DeletionVectors;

/// <summary>
/// Soft-deletes rows of a data file with a deletion vector (PROTOCOL.md "Deletion Vectors"): the new DV is the union
/// of the file's current DV and the new row indexes, written as a new DV file; the file is re-added with it.
/// Thread-safe.
/// </summary>
public static class DeletionVectorOperations
{
    /// <summary>
    /// Marks <paramref name="rowIndexes"/> (0-based positions in the Parquet file) of <paramref name="file"/> deleted.
    /// Returns the remove of the current logical file (carrying its old DV) and the add of the new one (same path, the
    /// merged DV, dataChange=true, stats kept but tightBounds=false since PROTOCOL.md "Per-file Statistics" only
    /// promises wide bounds once rows are deleted). Writes the DV file; commits nothing. When the merged DV covers
    /// every row the caller may drop the file instead (remove only). Throws DeltaException
    /// DELTA_DELETION_VECTOR_INVALID_ROW_INDEX for an index outside [0, numRecords).
    /// </summary>
    public static (RemoveFile Remove, AddFile Add) MarkDeleted(Snapshot snapshot, AddFile file, IReadOnlyCollection<long> rowIndexes, long nowMillis)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(rowIndexes);
        var store = snapshot.Store;
        var numRecords = StatsParser.ReadNumRecords(file.Stats)
            ?? CountRows(TableFilePaths.Resolve(snapshot.TableRoot, file.Path, store), store);
        foreach (var row in rowIndexes)
        {
            if (row < 0 || row >= numRecords)
                throw new DeltaException("DELTA_DELETION_VECTOR_INVALID_ROW_INDEX",
                    $"Row index {row} is outside file {file.Path}, which has {numRecords} rows (valid: 0..{numRecords - 1}).");
        }
        var existing = file.DeletionVector is { } old
            ? DeletionVectorReader.Read(old, snapshot.TableRoot, store)
            : RoaringBitmapArray.Empty;
        var merged = existing.Union(RoaringBitmapArray.Create(rowIndexes));
        var descriptor = DeletionVectorWriter.Write(merged, snapshot.TableRoot, store);
        var remove = new RemoveFile(
            file.Path,
            nowMillis,
            DataChange: true,
            ExtendedFileMetadata: true,
            PartitionValues: file.PartitionValues,
            Size: file.Size,
            Stats: file.Stats,
            Tags: file.Tags,
            DeletionVector: file.DeletionVector,
            BaseRowId: file.BaseRowId,
            DefaultRowCommitVersion: file.DefaultRowCommitVersion);
        var add = file with
        {
            DataChange = true,
            DeletionVector = descriptor,
            Stats = WideBoundsStats(file.Stats, numRecords),
        };
        return (remove, add);
    }

    private static long CountRows(string path, Storage.IFileStore store)
    {
        using var reader = ParquetFileReader.Open(store.LocalPath(path));
        return reader.RowCount;
    }

    /// <summary>The stats with tightBounds=false (all other fields as they were); {"numRecords":n} when absent.</summary>
    internal static string WideBoundsStats(string? stats, long numRecords)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (string.IsNullOrEmpty(stats))
            {
                writer.WriteNumber("numRecords", numRecords);
            }
            else
            {
                using var doc = JsonDocument.Parse(stats);
                var hasColumnStats = false;
                foreach (var p in doc.RootElement.EnumerateObject())
                {
                    if (p.NameEquals("tightBounds")) continue;
                    hasColumnStats |= p.NameEquals("minValues") || p.NameEquals("maxValues") || p.NameEquals("nullCount");
                    p.WriteTo(writer);
                }
                if (hasColumnStats) writer.WriteBoolean("tightBounds", false);
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
