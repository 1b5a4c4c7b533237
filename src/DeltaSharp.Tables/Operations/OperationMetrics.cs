using System.Globalization;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// commitInfo.operationMetrics per operation with exactly Spark's key sets. The keys are those of
/// ../shared/spec/table-history-and-time-travel.md ("Operation metrics") completed with what Delta/Databricks
/// actually record (Delta's DeltaOperationMetrics sets; the UPDATE row of the demo notebook's history; the DELETE,
/// UPDATE, MERGE and CREATE TABLE AS SELECT commits of the conformance corpus), and the values follow Delta's
/// transforms: numDeletionVectorsAdded = added + updated, numDeletionVectorsRemoved = removed + updated; a DELETE
/// whose row count is unknown drops numDeletedRows, numCopiedRows and numAddedFiles; MERGE's numOutputRows =
/// inserted + updated + copied. Values are decimal strings. Stateless.
/// </summary>
public static class OperationMetrics
{
    /// <summary>WRITE, CREATE TABLE AS SELECT, REPLACE TABLE AS SELECT, CREATE OR REPLACE TABLE AS SELECT.</summary>
    public static readonly IReadOnlyList<string> WriteKeys = ["numFiles", "numOutputRows", "numOutputBytes"];

    /// <summary>WRITE with a replaceWhere / static-partition predicate (Delta's WRITE_REPLACE_WHERE).</summary>
    public static readonly IReadOnlyList<string> WriteReplaceWhereKeys =
        ["numFiles", "numOutputRows", "numOutputBytes", "numRemovedFiles", "numRemovedBytes", "numAddedChangeFiles", "numDeletedRows", "numCopiedRows"];

    public static readonly IReadOnlyList<string> DeleteKeys =
    [
        "numRemovedFiles", "numRemovedBytes", "numCopiedRows", "numDeletionVectorsAdded", "numDeletionVectorsRemoved",
        "numAddedChangeFiles", "executionTimeMs", "numDeletionVectorsUpdated", "numDeletedRows", "scanTimeMs",
        "numAddedFiles", "numAddedBytes", "rewriteTimeMs",
    ];

    public static readonly IReadOnlyList<string> UpdateKeys =
    [
        "numRemovedFiles", "numRemovedBytes", "numCopiedRows", "numDeletionVectorsAdded", "executionTimeMs",
        "numDeletionVectorsUpdated", "scanTimeMs", "numAddedFiles", "numUpdatedRows", "numDeletionVectorsRemoved",
        "numAddedChangeFiles", "numAddedBytes", "rewriteTimeMs",
    ];

    public static readonly IReadOnlyList<string> MergeKeys =
    [
        "numTargetRowsCopied", "numTargetRowsDeleted", "numTargetFilesAdded", "numTargetBytesAdded", "numTargetBytesRemoved",
        "numTargetDeletionVectorsAdded", "numTargetRowsMatchedUpdated", "executionTimeMs", "materializeSourceTimeMs",
        "numTargetRowsInserted", "numTargetRowsMatchedDeleted", "numTargetDeletionVectorsUpdated", "scanTimeMs",
        "numTargetRowsUpdated", "numOutputRows", "numTargetDeletionVectorsRemoved", "numTargetRowsNotMatchedBySourceUpdated",
        "numTargetChangeFilesAdded", "numSourceRows", "numTargetFilesRemoved", "numTargetRowsNotMatchedBySourceDeleted",
        "rewriteTimeMs",
    ];

    public static readonly IReadOnlyList<string> TruncateKeys = ["numRemovedFiles", "executionTimeMs"];

    /// <summary>The keys an operation records (CREATE TABLE / REPLACE TABLE without AS SELECT: none; a DELETE may
    /// drop three when its row count is unknown; a partial overwrite records <see cref="WriteReplaceWhereKeys"/>).</summary>
    public static IReadOnlyList<string> KeysOf(string operation) => operation switch
    {
        OperationNames.Write or OperationNames.CreateTableAsSelect or OperationNames.ReplaceTableAsSelect
            or OperationNames.CreateOrReplaceTableAsSelect => WriteKeys,
        OperationNames.Delete => DeleteKeys,
        OperationNames.Update => UpdateKeys,
        OperationNames.Merge => MergeKeys,
        OperationNames.Truncate => TruncateKeys,
        OperationNames.CreateTable or OperationNames.ReplaceTable or OperationNames.CreateOrReplaceTable => [],
        _ => throw new ArgumentException($"Unknown operation '{operation}'; expected one of the OperationNames constants.", nameof(operation)),
    };

    /// <summary>WRITE / … AS SELECT: files written, their rows (stats numRecords) and bytes.</summary>
    public static IReadOnlyDictionary<string, string> Write(IReadOnlyCollection<AddFile> added)
    {
        ArgumentNullException.ThrowIfNull(added);
        return Map(
            ("numFiles", added.Count),
            ("numOutputRows", Rows(added)),
            ("numOutputBytes", added.Sum(a => a.Size)));
    }

    /// <summary>WRITE of a partial overwrite: the written files plus the removed ones (their live rows are the
    /// deleted rows; nothing is copied). Delta's transform drops numDeletedRows/numCopiedRows when the removed
    /// rows are unknown and numDeletedRows/numOutputRows/numCopiedRows when no row was written.</summary>
    public static IReadOnlyDictionary<string, string> WriteReplaceWhere(IReadOnlyCollection<AddFile> added, IReadOnlyCollection<AddFile> removed)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(removed);
        return WriteReplaceWhere(added.Count, Rows(added), added.Sum(a => a.Size), removed.Count, removed.Sum(r => r.Size), LiveRows(removed), 0);
    }

    /// <summary>WRITE of a replaceWhere from counts (an arbitrary replaceWhere deletes rows inside files too, so rows
    /// may be copied). Same transform as Delta: numDeletedRows 0 with files removed (row counts unknown) drops
    /// numDeletedRows / numCopiedRows; no row written drops numDeletedRows / numOutputRows / numCopiedRows.</summary>
    public static IReadOnlyDictionary<string, string> WriteReplaceWhere(long numFiles, long numOutputRows, long numOutputBytes,
        long numRemovedFiles, long numRemovedBytes, long? numDeletedRows, long numCopiedRows)
    {
        var map = Map(
            ("numFiles", numFiles),
            ("numOutputRows", numOutputRows),
            ("numOutputBytes", numOutputBytes),
            ("numRemovedFiles", numRemovedFiles),
            ("numRemovedBytes", numRemovedBytes),
            ("numAddedChangeFiles", 0),
            ("numDeletedRows", numDeletedRows ?? 0),
            ("numCopiedRows", numCopiedRows));
        if ((numDeletedRows ?? 0) == 0 && numRemovedFiles != 0)
        {
            map.Remove("numDeletedRows");
            map.Remove("numCopiedRows");
        }
        // Delta compares numFiles (a string) with the number 0, which always differs: only numOutputRows decides.
        if (numOutputRows == 0)
        {
            map.Remove("numDeletedRows");
            map.Remove("numOutputRows");
            map.Remove("numCopiedRows");
        }
        return map;
    }

    /// <summary>DELETE. <paramref name="numDeletedRows"/> null (unknown) or 0 with files removed drops
    /// numDeletedRows, numCopiedRows and numAddedFiles, as Delta does for metadata-only deletes without stats.</summary>
    public static IReadOnlyDictionary<string, string> Delete(FileChangeMetrics files, long? numDeletedRows, long executionTimeMs)
    {
        ArgumentNullException.ThrowIfNull(files);
        var map = Map(
            ("numRemovedFiles", files.NumRemovedFiles),
            ("numRemovedBytes", files.NumRemovedBytes),
            ("numCopiedRows", files.NumCopiedRows),
            ("numDeletionVectorsAdded", files.NumDeletionVectorsAdded + files.NumDeletionVectorsUpdated),
            ("numDeletionVectorsRemoved", files.NumDeletionVectorsRemoved + files.NumDeletionVectorsUpdated),
            ("numAddedChangeFiles", files.NumAddedChangeFiles),
            ("executionTimeMs", executionTimeMs),
            ("numDeletionVectorsUpdated", files.NumDeletionVectorsUpdated),
            ("numDeletedRows", numDeletedRows ?? 0),
            ("scanTimeMs", files.ScanTimeMs),
            ("numAddedFiles", files.NumAddedFiles),
            ("numAddedBytes", files.NumAddedBytes),
            ("rewriteTimeMs", files.RewriteTimeMs));
        if ((numDeletedRows ?? 0) == 0 && files.NumRemovedFiles != 0)
        {
            map.Remove("numDeletedRows");
            map.Remove("numCopiedRows");
            map.Remove("numAddedFiles");
        }
        return map;
    }

    /// <summary>UPDATE.</summary>
    public static IReadOnlyDictionary<string, string> Update(FileChangeMetrics files, long numUpdatedRows, long executionTimeMs)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Map(
            ("numRemovedFiles", files.NumRemovedFiles),
            ("numRemovedBytes", files.NumRemovedBytes),
            ("numCopiedRows", files.NumCopiedRows),
            ("numDeletionVectorsAdded", files.NumDeletionVectorsAdded + files.NumDeletionVectorsUpdated),
            ("executionTimeMs", executionTimeMs),
            ("numDeletionVectorsUpdated", files.NumDeletionVectorsUpdated),
            ("scanTimeMs", files.ScanTimeMs),
            ("numAddedFiles", files.NumAddedFiles),
            ("numUpdatedRows", numUpdatedRows),
            ("numDeletionVectorsRemoved", files.NumDeletionVectorsRemoved + files.NumDeletionVectorsUpdated),
            ("numAddedChangeFiles", files.NumAddedChangeFiles),
            ("numAddedBytes", files.NumAddedBytes),
            ("rewriteTimeMs", files.RewriteTimeMs));
    }

    /// <summary>MERGE: rows from <paramref name="rows"/>, copied rows / files / bytes / DVs / times from
    /// <paramref name="files"/>; numOutputRows = inserted + updated + copied.</summary>
    public static IReadOnlyDictionary<string, string> Merge(FileChangeMetrics files, MergeRowCounts rows, long executionTimeMs)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(rows);
        return Map(
            ("numTargetRowsCopied", files.NumCopiedRows),
            ("numTargetRowsDeleted", rows.NumTargetRowsDeleted),
            ("numTargetFilesAdded", files.NumAddedFiles),
            ("numTargetBytesAdded", files.NumAddedBytes),
            ("numTargetBytesRemoved", files.NumRemovedBytes),
            ("numTargetDeletionVectorsAdded", files.NumDeletionVectorsAdded + files.NumDeletionVectorsUpdated),
            ("numTargetRowsMatchedUpdated", rows.NumTargetRowsMatchedUpdated),
            ("executionTimeMs", executionTimeMs),
            ("materializeSourceTimeMs", rows.MaterializeSourceTimeMs),
            ("numTargetRowsInserted", rows.NumTargetRowsInserted),
            ("numTargetRowsMatchedDeleted", rows.NumTargetRowsMatchedDeleted),
            ("numTargetDeletionVectorsUpdated", files.NumDeletionVectorsUpdated),
            ("scanTimeMs", files.ScanTimeMs),
            ("numTargetRowsUpdated", rows.NumTargetRowsUpdated),
            ("numOutputRows", rows.NumTargetRowsInserted + rows.NumTargetRowsUpdated + files.NumCopiedRows),
            ("numTargetDeletionVectorsRemoved", files.NumDeletionVectorsRemoved + files.NumDeletionVectorsUpdated),
            ("numTargetRowsNotMatchedBySourceUpdated", rows.NumTargetRowsNotMatchedBySourceUpdated),
            ("numTargetChangeFilesAdded", files.NumAddedChangeFiles),
            ("numSourceRows", rows.NumSourceRows),
            ("numTargetFilesRemoved", files.NumRemovedFiles),
            ("numTargetRowsNotMatchedBySourceDeleted", rows.NumTargetRowsNotMatchedBySourceDeleted),
            ("rewriteTimeMs", files.RewriteTimeMs));
    }

    /// <summary>TRUNCATE.</summary>
    public static IReadOnlyDictionary<string, string> Truncate(long numRemovedFiles, long executionTimeMs) =>
        Map(("numRemovedFiles", numRemovedFiles), ("executionTimeMs", executionTimeMs));

    /// <summary>CREATE TABLE, REPLACE TABLE, CREATE OR REPLACE TABLE (without AS SELECT): no metrics.</summary>
    public static IReadOnlyDictionary<string, string> None() => new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="metrics"/> the transaction's exact metrics (an empty map records none).</summary>
    internal static void ApplyTo(Transaction transaction, IReadOnlyDictionary<string, string> metrics) =>
        transaction.WithOperationMetrics(metrics);

    /// <summary>Sum of stats.numRecords (physical rows written; new files carry no deletion vector).</summary>
    internal static long Rows(IEnumerable<AddFile> files) => files.Sum(a => CommitInfoBuilder.NumRecords(a.Stats) ?? 0);

    /// <summary>Live rows of whole files (numRecords minus DV cardinality); null when a file has no numRecords.</summary>
    internal static long? LiveRows(IEnumerable<AddFile> files)
    {
        long total = 0;
        foreach (var f in files)
        {
            if (CommitInfoBuilder.NumRecords(f.Stats) is not { } n) return null;
            total += n - (f.DeletionVector?.Cardinality ?? 0);
        }
        return total;
    }

    private static Dictionary<string, string> Map(params (string Key, long Value)[] entries)
    {
        var map = new Dictionary<string, string>(entries.Length, StringComparer.Ordinal);
        foreach (var (key, value) in entries) map[key] = value.ToString(CultureInfo.InvariantCulture);
        return map;
    }
}
