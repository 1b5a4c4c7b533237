using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.Tables.DeletionVectors;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Scanning;

/// <summary>
/// Reads one file of a scan: opens the Parquet file, reads the projected physical columns (matched per column
/// mapping mode; missing ones become nulls), adapts them to logical names and types, adds partition columns as
/// constants and applies the deletion vector as the batch's selection (the data is not copied). Row groups are skipped
/// with the predicate translated to the file's columns; DV row indexes stay file positions by counting the rows of the
/// row groups that are read. Not thread-safe per enumeration.
/// </summary>
internal static class ScanFileReader
{
    private abstract record OutputColumn;

    private sealed record PartitionOutput(object? Value) : OutputColumn;

    private sealed record MissingOutput : OutputColumn;

    private sealed record DataOutput(int ReadIndex, VectorAdapter? Adapter) : OutputColumn;

    public static IEnumerable<ColumnBatch> Read(ScanFile file, ScanPlan plan)
    {
        var snapshot = plan.Snapshot;
        var deleted = file.Add.DeletionVector is { } dv
            ? DeletionVectorReader.Read(dv, snapshot.TableRoot, snapshot.Store)
            : null;
        if (deleted is { IsEmpty: true }) deleted = null;
        using var reader = Open(file, snapshot);
        var fileSchema = reader.Schema;
        var output = plan.OutputSchema;
        var columns = new OutputColumn[output.Count];
        var readNames = new List<string>();
        for (var c = 0; c < output.Count; c++)
        {
            if (plan.OutputPartitions[c] is { } p)
            {
                columns[c] = new PartitionOutput(file.PartitionValues.GetValueOrDefault(p.LogicalName));
                continue;
            }
            var fi = FileFieldMatcher.Match(output[c], fileSchema, plan.Mode);
            if (fi < 0)
            {
                columns[c] = new MissingOutput();
                continue;
            }
            var adapter = VectorAdapter.Create(fileSchema[fi].Type, output[c].Type, plan.Mode, output[c].Name);
            columns[c] = new DataOutput(readNames.Count, adapter);
            readNames.Add(fileSchema[fi].Name);
        }
        var options = new ParquetReadOptions
        {
            BatchSize = plan.BatchSize,
            Columns = readNames,
            Filter = plan.Predicate is { } predicate ? ParquetFilterTranslator.Translate(predicate, plan, fileSchema) : null,
        };
        // File position of each batch's first row: the row groups read are a subset of all, in order.
        var rowGroups = reader.SelectRowGroups(options);
        var groupStarts = new long[reader.RowGroupCount + 1];
        for (var g = 0; g < reader.RowGroupCount; g++) groupStarts[g + 1] = groupStarts[g] + reader.Metadata.RowGroups[g].NumRows;
        var groupCursor = 0;
        long rowInGroup = 0;
        foreach (var batch in reader.ReadBatches(options))
        {
            var rows = batch.RowCount;
            while (groupCursor < rowGroups.Count && rowInGroup >= RowsOf(reader, rowGroups[groupCursor]))
            {
                groupCursor++;
                rowInGroup = 0;
            }
            var firstRow = groupCursor < rowGroups.Count ? groupStarts[rowGroups[groupCursor]] + rowInGroup : 0;
            rowInGroup += rows;
            SelectionVector? selection = null;
            if (deleted is not null)
            {
                selection = new SelectionVector(rows);
                selection.Count = deleted.SelectLive(firstRow, rows, selection.Indices);
                if (selection.Count == 0) continue;
                if (selection.Count == rows) selection = null;
            }
            var vectors = new ColumnVector[columns.Length];
            for (var c = 0; c < columns.Length; c++)
            {
                vectors[c] = columns[c] switch
                {
                    PartitionOutput p => ConstantVectors.Of(output[c].Type, p.Value, rows),
                    DataOutput d => d.Adapter is null ? batch.Columns[d.ReadIndex] : d.Adapter.Adapt(batch.Columns[d.ReadIndex]),
                    _ => ConstantVectors.Null(output[c].Type, rows),
                };
            }
            yield return new ColumnBatch(output, vectors, rows, selection);
        }
    }

    /// <summary>Live rows of a file from metadata: numRecords (or the footer's row count) minus the DV cardinality.</summary>
    public static long CountLive(ScanFile file, Snapshot snapshot)
    {
        long rows;
        if (StatsParser.ReadNumRecords(file.Add.Stats) is { } n) rows = n;
        else
        {
            using var reader = Open(file, snapshot);
            rows = reader.RowCount;
        }
        return rows - (file.Add.DeletionVector?.Cardinality ?? 0);
    }

    private static long RowsOf(ParquetFileReader reader, int rowGroup) => reader.Metadata.RowGroups[rowGroup].NumRows;

    private static ParquetFileReader Open(ScanFile file, Snapshot snapshot)
    {
        try
        {
            return ParquetFileReader.Open(snapshot.Store.LocalPath(file.FullPath));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DeltaException("DELTA_FILE_NOT_FOUND_DETAILED",
                $"Data file {file.FullPath} referenced in the transaction log (path '{file.Add.Path}') cannot be found. It was deleted outside of Delta (e.g. manually or by VACUUM with a short retention); restore it, or time travel to a version that does not reference it.", e);
        }
    }
}
