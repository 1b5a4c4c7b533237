using DeltaSharp.Columnar;
using DeltaSharp.Parquet;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.DeletionVectors;
using DeltaSharp.Tables.Scanning;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// The file side of one DELETE / UPDATE / MERGE commit. The engine finds, per data file, the positions of the rows
/// that leave the table (<see cref="DeleteRows"/>, positions from <see cref="FileRowReader"/>) or whole files that do
/// (<see cref="RemoveFiles"/>), and writes the new rows (<see cref="WriteRows(ColumnBatch)"/>: updated and inserted
/// rows); <see cref="Apply"/> turns that into actions on <see cref="Transaction"/> and returns the file metrics.
/// With deletion vectors (delta.enableDeletionVectors = true and the protocol's deletionVectors feature; PROTOCOL.md
/// "Deletion Vectors") the rows are marked in each file's DV, merged with the DV it already has (remove of the old
/// entry, add of the same path with the new DV and wide-bounds stats); a file whose rows all become deleted is
/// removed outright. Without them each touched file is rewritten: its remaining rows (its own DV honoured) are
/// copied into new files with the new rows and the old file is removed. Files touched are recorded as read for the
/// conflict checker; the caller records the filter and the candidate files it scanned with <see cref="RecordScan"/>.
/// Times: scan = from construction to <see cref="MarkScanFinished"/> (or to the first write / Apply); rewrite = time
/// spent in WriteRows and Apply. Not thread-safe; use once; dispose to abandon (files already written stay as orphans).
/// </summary>
public sealed class RowLevelChange : IDisposable
{
    private readonly OperationClock _clock;
    private readonly Dictionary<string, AddFile> _active;
    private readonly Dictionary<string, (AddFile File, List<long> Positions)> _touched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AddFile> _wholeFiles = new(StringComparer.Ordinal);
    private DataFileWriter? _writer;
    private long? _scanEnd;
    private TimeSpan _rewrite;
    private long _writtenRows;
    private FileChangeMetrics? _result;
    private bool _disposed;

    /// <param name="transaction">A transaction started for DELETE, UPDATE or MERGE on the snapshot the engine scans.</param>
    /// <param name="useDeletionVectors">Force the mode (null: deletion vectors exactly when
    /// <see cref="DeletionVectorsWritable"/>). Forcing them on a table that cannot hold them throws
    /// DELTA_ADDING_DELETION_VECTORS_DISALLOWED.</param>
    public RowLevelChange(Transaction transaction, bool? useDeletionVectors = null)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        Transaction = transaction;
        var snapshot = transaction.ReadSnapshot;
        _clock = new OperationClock(snapshot.Options.Time);
        var writable = DeletionVectorsWritable(snapshot);
        if (useDeletionVectors == true && !writable)
            throw new DeltaException("DELTA_ADDING_DELETION_VECTORS_DISALLOWED",
                $"The table {snapshot.TableRoot} cannot hold deletion vectors (delta.enableDeletionVectors = {snapshot.Properties.EnableDeletionVectors}, " +
                "protocol without the deletionVectors feature). Enable them with ALTER TABLE … SET TBLPROPERTIES ('delta.enableDeletionVectors' = true) or rewrite files instead.");
        UsesDeletionVectors = useDeletionVectors ?? writable;
        _active = new Dictionary<string, AddFile>(snapshot.ActiveFiles.Count, StringComparer.Ordinal);
        foreach (var f in snapshot.ActiveFiles) _active[f.Path] = f;
    }

    /// <summary>Starts <paramref name="operation"/> (e.g. <see cref="OperationNames.Delete"/>) on
    /// <paramref name="snapshot"/>; the execution time is measured from here.</summary>
    public static RowLevelChange Start(Snapshot snapshot, string operation, bool? useDeletionVectors = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new RowLevelChange(snapshot.StartTransaction(operation), useDeletionVectors);
    }

    /// <summary>The transaction the actions go to (record ReadPredicate / ReadFiles of the scan on it).</summary>
    public Transaction Transaction { get; }

    public Snapshot Snapshot => Transaction.ReadSnapshot;

    /// <summary>True when rows are marked in deletion vectors, false when touched files are rewritten.</summary>
    public bool UsesDeletionVectors { get; }

    /// <summary>Milliseconds since this change started (the engine's executionTimeMs at commit time).</summary>
    public long ElapsedMs => _clock.ElapsedMs();

    /// <summary>Whether DML on this snapshot writes deletion vectors: delta.enableDeletionVectors = true and the
    /// protocol has the deletionVectors reader and writer features (PROTOCOL.md "Deletion Vectors").</summary>
    public static bool DeletionVectorsWritable(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var p = snapshot.Protocol;
        return snapshot.Properties.EnableDeletionVectors && p.HasWriterFeature("deletionVectors") && p.HasReaderFeature("deletionVectors");
    }

    /// <summary>Records what the statement read, for the conflict checker: the filter used to choose candidate
    /// files (logical column names; its partition-column parts narrow the check; null = the whole table was read)
    /// and every candidate file scanned, touched or not. A concurrent commit that removes a scanned file, or adds a
    /// file the filter may select (other than a blind append under WriteSerializable), then fails this commit with
    /// a <see cref="DeltaConcurrentModificationException"/> instead of silently missing rows.</summary>
    public RowLevelChange RecordScan(Expressions.Expression? filter, IEnumerable<AddFile> scannedFiles)
    {
        ArgumentNullException.ThrowIfNull(scannedFiles);
        EnsureOpen();
        if (filter is null) Transaction.ReadWholeTable();
        else Transaction.ReadPredicate(filter);
        Transaction.ReadFiles(scannedFiles);
        return this;
    }

    /// <summary>Ends the scan phase now (scanTimeMs); otherwise it ends at the first write or at Apply.</summary>
    public RowLevelChange MarkScanFinished()
    {
        _scanEnd ??= _clock.Now();
        return this;
    }

    /// <summary>Rows at <paramref name="rowPositions"/> (0-based positions in the Parquet file, as
    /// <see cref="PositionedBatch"/> gives them) of <paramref name="file"/> leave the table. Several calls for one
    /// file add up; positions the file's DV already deletes are ignored.</summary>
    public RowLevelChange DeleteRows(AddFile file, IEnumerable<long> rowPositions)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(rowPositions);
        EnsureOpen();
        var active = ActiveFile(file);
        if (!_touched.TryGetValue(active.Path, out var entry))
        {
            entry = (active, []);
            _touched[active.Path] = entry;
        }
        foreach (var p in rowPositions)
        {
            if (p < 0)
                throw new DeltaException("DELTA_DELETION_VECTOR_INVALID_ROW_INDEX",
                    $"Row position {p} is negative; positions in file {file.Path} start at 0.");
            entry.Positions.Add(p);
        }
        return this;
    }

    /// <summary>Whole files leave the table (DELETE without a data predicate, or one that selects whole partitions).</summary>
    public RowLevelChange RemoveFiles(IEnumerable<AddFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        EnsureOpen();
        foreach (var f in files)
        {
            var active = ActiveFile(f);
            _wholeFiles[active.Path] = active;
        }
        return this;
    }

    /// <summary>Writes new rows (updated or inserted; the table's logical schema, partition columns included).</summary>
    public RowLevelChange WriteRows(ColumnBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        EnsureOpen();
        MarkScanFinished();
        var start = _clock.Now();
        Writer().Write(batch);
        _writtenRows += batch.LiveRowCount;
        _rewrite += Snapshot.Options.Time.GetElapsedTime(start);
        return this;
    }

    public RowLevelChange WriteRows(IEnumerable<ColumnBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var b in batches) WriteRows(b);
        return this;
    }

    /// <summary>Writes deletion vectors / rewritten files, closes the new files and adds every action to
    /// <see cref="Transaction"/>. Commits nothing. Throws DELTA_DELETION_VECTOR_INVALID_ROW_INDEX for a position
    /// outside the file.</summary>
    public FileChangeMetrics Apply()
    {
        EnsureOpen();
        MarkScanFinished();
        var start = _clock.Now();
        var txn = Transaction;
        long removedFiles = 0, removedBytes = 0, dvAdded = 0, dvRemoved = 0, dvUpdated = 0, copied = 0, touchedFiles = 0;
        long? removedRows = 0;
        txn.ReadFiles(_wholeFiles.Values.Concat(_touched.Values.Select(t => t.File)));

        foreach (var file in _wholeFiles.Values)
        {
            txn.Remove(file);
            removedFiles++;
            removedBytes += file.Size;
            touchedFiles++;
            if (file.DeletionVector is not null) dvRemoved++;
            removedRows = removedRows is { } r && OperationMetrics.LiveRows([file]) is { } live ? r + live : null;
        }

        foreach (var (file, positions) in _touched.Values)
        {
            if (_wholeFiles.ContainsKey(file.Path) || positions.Count == 0) continue;
            var existing = file.DeletionVector is { } dv ? DeletionVectorReader.Read(dv, Snapshot.TableRoot, Snapshot.Store) : RoaringBitmapArray.Empty;
            var marked = RoaringBitmapArray.Create(positions);
            var knownRows = StatsParser.ReadNumRecords(file.Stats);
            if (knownRows is { } n) CheckPositions(file, marked, n);
            var merged = existing.Union(marked);
            var newlyDeleted = merged.Cardinality - existing.Cardinality;
            if (newlyDeleted == 0) continue; // Delta skips files the change leaves as they are
            touchedFiles++;
            removedRows += newlyDeleted;
            if (UsesDeletionVectors)
            {
                var numRecords = knownRows ?? CountRows(file);
                if (knownRows is null) CheckPositions(file, marked, numRecords);
                if (merged.Cardinality >= numRecords)
                {
                    // Every row is now deleted: remove the file instead of giving it a DV.
                    txn.Remove(file);
                    removedFiles++;
                    removedBytes += file.Size;
                    if (file.DeletionVector is not null) dvRemoved++;
                    continue;
                }
                var descriptor = DeletionVectorWriter.Write(merged, Snapshot.TableRoot, Snapshot.Store);
                txn.Remove(file);
                txn.Add(file with
                {
                    DataChange = true,
                    DeletionVector = descriptor,
                    Stats = DeletionVectorOperations.WideBoundsStats(file.Stats, numRecords),
                });
                if (file.DeletionVector is null) dvAdded++;
                else dvUpdated++;
            }
            else
            {
                copied += Rewrite(file, merged, marked, knownRows);
                txn.Remove(file);
                removedFiles++;
                removedBytes += file.Size;
                if (file.DeletionVector is not null) dvRemoved++;
            }
        }

        IReadOnlyList<AddFile> added = [];
        if (_writer is not null)
        {
            added = _writer.Complete();
            txn.Add(added);
        }
        _rewrite += Snapshot.Options.Time.GetElapsedTime(start);
        _result = new FileChangeMetrics
        {
            NumAddedFiles = added.Count,
            NumAddedBytes = added.Sum(a => a.Size),
            NumRemovedFiles = removedFiles,
            NumRemovedBytes = removedBytes,
            NumDeletionVectorsAdded = dvAdded,
            NumDeletionVectorsRemoved = dvRemoved,
            NumDeletionVectorsUpdated = dvUpdated,
            NumCopiedRows = copied,
            NumRemovedRows = removedRows,
            NumWrittenRows = _writtenRows,
            NumTouchedFiles = touchedFiles,
            ScanTimeMs = _clock.MillisUntil(_scanEnd!.Value),
            RewriteTimeMs = (long)_rewrite.TotalMilliseconds,
        };
        return _result;
    }

    /// <summary>The metrics of <see cref="Apply"/> (applying first when it has not run yet).</summary>
    internal FileChangeMetrics Applied() => _result ?? Apply();

    /// <summary>Abandons the change: files of new rows not yet complete are deleted.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (_result is null) _writer?.Dispose();
    }

    /// <summary>Copies the live rows of <paramref name="file"/> (minus <paramref name="deleted"/>) into the writer;
    /// returns how many.</summary>
    private long Rewrite(AddFile file, RoaringBitmapArray deleted, RoaringBitmapArray marked, long? knownRows)
    {
        var writer = Writer();
        long copied = 0, rows = 0;
        foreach (var positioned in FileRowReader.Read(Snapshot, file, deleted, null, 8192))
        {
            rows = positioned.FirstRowPosition + positioned.Batch.RowCount;
            if (positioned.Batch.LiveRowCount == 0) continue;
            writer.Write(positioned.Batch);
            copied += positioned.Batch.LiveRowCount;
        }
        if (knownRows is null) CheckPositions(file, marked, rows);
        return copied;
    }

    private static void CheckPositions(AddFile file, RoaringBitmapArray marked, long numRecords)
    {
        if (!marked.IsEmpty && marked.Max >= numRecords)
            throw new DeltaException("DELTA_DELETION_VECTOR_INVALID_ROW_INDEX",
                $"Row position {marked.Max} is outside file {file.Path}, which has {numRecords} rows (valid: 0..{numRecords - 1}).");
    }

    private long CountRows(AddFile file)
    {
        var path = TableFilePaths.Resolve(Snapshot.TableRoot, file.Path, Snapshot.Store);
        using var reader = ParquetFileReader.Open(Snapshot.Store.LocalPath(path));
        return reader.RowCount;
    }

    private DataFileWriter Writer() => _writer ??= Transaction.CreateDataFileWriter();

    private AddFile ActiveFile(AddFile file)
    {
        if (_active.TryGetValue(file.Path, out var active) && active.DvUniqueId == file.DvUniqueId) return active;
        throw new ArgumentException(
            $"File {file.Path} is not an active file of version {Snapshot.Version} (or carries another deletion vector); pass the AddFile from this snapshot's scan.",
            nameof(file));
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_result is not null) throw new InvalidOperationException("This change has already been applied; start a new one for the next statement.");
    }
}
