using System.Globalization;
using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// Collects the actions of one commit on top of a read snapshot and commits them atomically as
/// _delta_log/&lt;version&gt;.json (put-if-absent). On a lost race the conflict checker decides whether to re-apply
/// on the newer snapshot or to fail with a named <see cref="DeltaConcurrentModificationException"/>.
/// What the transaction read (whole table, partition predicates, files, app ids) decides which concurrent commits
/// conflict; a transaction that removes files without saying what it read counts as having read the whole table.
/// A failed commit leaves the table as it was (data files already written stay as orphans for VACUUM).
/// Not thread-safe; use once.
/// </summary>
public sealed class Transaction
{
    private readonly List<AddFile> _adds = [];
    private readonly List<RemoveFile> _removes = [];
    private readonly List<AddCdcFile> _cdc = [];
    private readonly Dictionary<string, SetTransaction> _appTransactions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DomainMetadata> _domains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _parameters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _metrics = new(StringComparer.Ordinal);
    private readonly List<Expression> _readPredicates = [];
    private readonly Dictionary<string, AddFile> _readFiles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readAppIds = new(StringComparer.Ordinal);
    private readonly List<string> _unflushedDataFiles = []; // written by this transaction's writers, flushed at commit
    private bool _readWholeTable;
    private Metadata? _metadata;
    private StructType? _schema;
    private Protocol? _protocol;
    private IsolationLevel? _isolation;
    private string? _userMetadata;
    private bool _committed;
    private bool _metricsGiven;

    internal Transaction(Snapshot readSnapshot, string operation)
    {
        ArgumentNullException.ThrowIfNull(readSnapshot);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        ReadSnapshot = readSnapshot;
        Operation = operation;
    }

    public Snapshot ReadSnapshot { get; }

    public string Operation { get; }

    /// <summary>The metadata this commit leaves the table with (the new one after <see cref="UpdateMetadata"/>).</summary>
    public Metadata Metadata => _metadata ?? ReadSnapshot.Metadata;

    /// <summary>The protocol this commit leaves the table with.</summary>
    public Protocol Protocol => _protocol ?? ReadSnapshot.Protocol;

    /// <summary>The logical schema of <see cref="Metadata"/>.</summary>
    public StructType Schema => _schema ?? ReadSnapshot.Schema;

    private DeltaTableOptions Options => ReadSnapshot.Options;

    private long NowMillis => Options.Time.GetUtcNow().ToUnixTimeMilliseconds();

    // ---- actions ----

    /// <summary>Adds a data file (usually from <see cref="CreateDataFileWriter"/>).</summary>
    public Transaction Add(AddFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        EnsureOpen();
        _adds.Add(file);
        return this;
    }

    public Transaction Add(IEnumerable<AddFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var f in files) Add(f);
        return this;
    }

    public Transaction Remove(RemoveFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        EnsureOpen();
        _removes.Add(file);
        return this;
    }

    /// <summary>Removes an active file: a tombstone with the current time, the file's partition values, size,
    /// tags, deletion vector and row-tracking fields (extendedFileMetadata; no stats, as Spark writes it).</summary>
    public Transaction Remove(AddFile file, bool dataChange = true)
    {
        ArgumentNullException.ThrowIfNull(file);
        return Remove(new RemoveFile(file.Path, NowMillis, dataChange, true, file.PartitionValues, file.Size, null, file.Tags,
            file.DeletionVector, file.BaseRowId, file.DefaultRowCommitVersion));
    }

    /// <summary>Adds a change data file (PROTOCOL.md "Add CDC File").</summary>
    public Transaction AddChangeDataFile(AddCdcFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        EnsureOpen();
        _cdc.Add(file);
        return this;
    }

    /// <summary>Records an application's progress (txn action) atomically with this commit.</summary>
    public Transaction SetApplicationTransaction(string appId, long version)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        EnsureOpen();
        _appTransactions[appId] = new SetTransaction(appId, version, NowMillis);
        _readAppIds.Add(appId);
        return this;
    }

    /// <summary>The version the table recorded for <paramref name="appId"/> (null when none); the read is
    /// recorded, so a concurrent commit for the same app id conflicts.</summary>
    public long? ReadApplicationTransaction(string appId)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        _readAppIds.Add(appId);
        return ReadSnapshot.SetTransactions.TryGetValue(appId, out var t) ? t.Version : null;
    }

    /// <summary>Sets a user-controlled metadata domain (names starting with "delta." are reserved).</summary>
    public Transaction SetDomainMetadata(string domain, string configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        EnsureUserDomain(domain);
        return SetSystemDomainMetadata(domain, configuration);
    }

    /// <summary>Sets any domain, system-controlled ones included: for engine features that own a "delta." domain.</summary>
    internal Transaction SetSystemDomainMetadata(string domain, string configuration)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentNullException.ThrowIfNull(configuration);
        EnsureOpen();
        _domains[domain] = new DomainMetadata(domain, configuration, false);
        return this;
    }

    /// <summary>Removes a domain (a tombstone keeping the last configuration as its pre-image).</summary>
    public Transaction RemoveDomainMetadata(string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        EnsureOpen();
        EnsureUserDomain(domain);
        var previous = ReadSnapshot.Domains.TryGetValue(domain, out var d) ? d.Configuration : "";
        _domains[domain] = new DomainMetadata(domain, previous, true);
        return this;
    }

    /// <summary>Replaces the table metadata (schema, partitioning, configuration). Turning on column mapping
    /// ("name") gives every field an id and its current name as physical name (the data files use those names);
    /// fields added to a mapped table get new ids and "col-" physical names.</summary>
    public Transaction UpdateMetadata(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        EnsureOpen();
        var schema = SchemaJson.ParseStruct(metadata.SchemaString);
        TableConfigValidation.Validate(metadata.Configuration);
        (metadata, schema) = WithColumnMappingIds(metadata, schema);
        _metadata = metadata;
        _schema = schema;
        return this;
    }

    /// <summary>REPLACE TABLE: the table is logically dropped and created again under the same id, so the new
    /// metadata (already complete: column-mapping ids assigned as for a new table) replaces the old one without the
    /// checks that protect existing data files (the caller removes every file in this commit).</summary>
    internal Transaction ReplaceMetadata(Metadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        EnsureOpen();
        TableConfigValidation.Validate(metadata.Configuration);
        _metadata = metadata;
        _schema = SchemaJson.ParseStruct(metadata.SchemaString);
        return this;
    }

    private (Metadata, StructType) WithColumnMappingIds(Metadata metadata, StructType schema)
    {
        var properties = TableProperties.From(metadata.Configuration);
        var before = ReadSnapshot.Properties.ColumnMappingMode;
        var after = properties.ColumnMappingMode;
        if (!PhysicalSchema.IsMapped(after))
        {
            if (PhysicalSchema.IsMapped(before))
                throw new DeltaException("DELTA_UNSUPPORTED_COLUMN_MAPPING_MODE_CHANGE",
                    $"Changing column mapping mode from '{before}' to '{after}' is not supported: data files use physical names. Keep delta.columnMapping.mode = {before}.");
            return (metadata, schema);
        }
        var turningOn = !PhysicalSchema.IsMapped(before);
        if (turningOn && after == "id" && ReadSnapshot.ActiveFiles.Count > 0)
            throw new DeltaException("DELTA_UNSUPPORTED_COLUMN_MAPPING_MODE_CHANGE",
                "Changing column mapping mode from 'none' to 'id' is not supported for a table with data: its files carry no field ids. Use 'name' mode.");
        var (mapped, maxId) = ColumnMappingAssigner.Assign(schema, properties.ColumnMappingMaxColumnId, logicalNamesAsPhysical: turningOn);
        var config = new Dictionary<string, string>(metadata.Configuration, StringComparer.Ordinal)
        {
            ["delta.columnMapping.maxColumnId"] = maxId.ToString(CultureInfo.InvariantCulture),
        };
        return (metadata with { SchemaString = SchemaJson.Serialize(mapped), Configuration = config }, mapped);
    }

    public Transaction UpdateProtocol(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        EnsureOpen();
        _protocol = protocol;
        return this;
    }

    /// <summary>An operationParameters entry (history); values are plain strings (Spark writes e.g. mode "Append",
    /// partitionBy "[\"a\"]"). A null value is written as JSON null (Spark's <c>"description":null</c>).</summary>
    public Transaction SetOperationParameter(string name, string? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _parameters[name] = value;
        return this;
    }

    /// <summary>An operationMetrics entry (history). When no metric is set, Spark-style defaults are computed.</summary>
    public Transaction SetOperationMetric(string name, long value) =>
        SetOperationMetric(name, value.ToString(CultureInfo.InvariantCulture));

    public Transaction SetOperationMetric(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _metrics[name] = value;
        _metricsGiven = true;
        return this;
    }

    /// <summary>Replaces the operationMetrics with exactly <paramref name="metrics"/>; an empty map records none
    /// (Spark's CREATE / REPLACE TABLE write <c>{}</c>), instead of the defaults computed when nothing is set.</summary>
    public Transaction WithOperationMetrics(IReadOnlyDictionary<string, string> metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics.Clear();
        foreach (var (name, value) in metrics) SetOperationMetric(name, value);
        _metricsGiven = true;
        return this;
    }

    /// <summary>commitInfo.userMetadata.</summary>
    public Transaction WithUserMetadata(string? userMetadata)
    {
        _userMetadata = userMetadata;
        return this;
    }

    /// <summary>Overrides the isolation level (default: WriteSerializable; SnapshotIsolation for commits that
    /// change no data).</summary>
    public Transaction WithIsolationLevel(IsolationLevel level)
    {
        _isolation = level;
        return this;
    }

    // ---- reads (for conflict detection) ----

    /// <summary>The transaction depends on every file of the table.</summary>
    public Transaction ReadWholeTable()
    {
        _readWholeTable = true;
        return this;
    }

    /// <summary>The transaction read the files a predicate selects (only its partition-column parts narrow the
    /// conflict check; logical column names).</summary>
    public Transaction ReadPredicate(Expression predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        _readPredicates.Add(predicate);
        return this;
    }

    /// <summary>The transaction read these files (a concurrent removal of any of them conflicts).</summary>
    public Transaction ReadFiles(IEnumerable<AddFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var f in files) _readFiles[f.Path] = f;
        return this;
    }

    // ---- data ----

    /// <summary>A writer for data files of this table (schema, partitioning and properties as this commit leaves
    /// them). Add its <see cref="DataFileWriter.Complete"/> result with <see cref="Add(IEnumerable{AddFile})"/> to THIS
    /// transaction: its files are flushed to disk by <see cref="Commit"/>, together with the commit file (one round of
    /// fsyncs for the whole append).
    /// Every batch it writes is checked against the table's NOT NULL fields, CHECK constraints and invariants.</summary>
    public DataFileWriter CreateDataFileWriter(bool dataChange = true) =>
        new(ReadSnapshot.TableRoot, DataWriteSettings.From(Schema, Metadata, Protocol, TableProperties.From(Metadata.Configuration)), Options, dataChange,
            _unflushedDataFiles, Constraints.WriteConstraints.For(Schema, Metadata, Protocol, Options, ReadSnapshot.TableRoot));

    /// <summary>Writes <paramref name="batches"/> as new data files and adds them to this commit.</summary>
    public IReadOnlyList<AddFile> WriteData(IEnumerable<ColumnBatch> batches)
    {
        ArgumentNullException.ThrowIfNull(batches);
        EnsureOpen();
        using var writer = CreateDataFileWriter();
        foreach (var b in batches) writer.Write(b);
        var adds = writer.Complete();
        Add(adds);
        return adds;
    }

    // ---- commit ----

    /// <summary>Commits at <see cref="ReadSnapshot"/>.Version + 1, or later after conflict-free retries.</summary>
    public CommitResult Commit()
    {
        EnsureOpen();
        _committed = true;
        var table = ReadSnapshot.TableRoot;
        // A metadata change that starts using a feature (e.g. enables in-commit timestamps) brings its protocol change.
        if (_metadata is not null && ProtocolUpgrade.For(Protocol, _metadata, Schema) is { } upgraded) _protocol = upgraded;
        WriteProtocolCheck.EnsureWritable(Protocol, Metadata, Schema, table, Options.CheckConstraints is not null);
        Validate();

        var store = Options.FileStore;
        var logDir = store.Combine(table, LogFileNames.LogFolder);
        var pending = PendingCommit();
        var version = ReadSnapshot.Version + 1;
        var previousTimestamp = ReadSnapshot.TimestampMillis;
        var txnId = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            var actions = BuildActions(version, previousTimestamp, pending, txnId);
            var commitPath = store.Combine(logDir, LogFileNames.Commit(version));
            if (Publish(store, logDir, commitPath, ActionJsonWriter.SerializeCommit(actions)))
            {
                // Right after the read version, the new snapshot follows from the read one and these actions.
                var committedVersion = version;
                Func<Snapshot>? committed = version == ReadSnapshot.Version + 1
                    ? () => CommittedSnapshot.Build(ReadSnapshot, committedVersion, actions, new LogFile(commitPath, LogFileNames.Commit(committedVersion)))
                    : null;
                var hooks = PostCommitHooks.Run(table, Options, version, Metadata, committed);
                return new CommitResult(version, attempt) { CheckpointWritten = hooks.CheckpointWritten, PostCommitFailure = hooks.Failure };
            }
            if (attempt >= Math.Max(1, Options.MaxCommitAttempts))
                throw new DeltaException("DELTA_MAX_COMMIT_RETRIES_EXCEEDED",
                    $"This commit has failed as it has been tried {attempt} times but did not succeed; the last attempt was for version {version}. " +
                    "Concurrent writers keep committing to this table: retry later or raise DeltaTableOptions.MaxCommitAttempts.");
            // Lost the race: check every commit that won since we read, then try after the newest.
            while (store.TryGetEntry(store.Combine(logDir, LogFileNames.Commit(version))) is { } winnerFile)
            {
                var winner = new WinningCommit(version, ActionJsonReader.ReadAll(store.ReadAll(winnerFile.Path), ActionKinds.All, winnerFile.Name));
                ConflictChecker.Check(pending, winner);
                previousTimestamp = winner.CommitInfo?.InCommitTimestamp ?? Math.Max(previousTimestamp + 1, winnerFile.LastModified.ToUnixTimeMilliseconds());
                version++;
            }
        }
    }

    /// <summary>Put-if-absent of the commit file. With data files of this transaction not yet on disk, the commit is
    /// written to a temp file and flushed together with them (concurrently), then published with
    /// <see cref="DeltaSharp.Storage.IFileStore.PublishIfAbsent"/>: every referenced file is durable before the commit
    /// becomes visible, and the append waits for one round of fsyncs plus the folder sync of the publish.</summary>
    private bool Publish(DeltaSharp.Storage.IFileStore store, string logDir, string commitPath, byte[] content)
    {
        if (_unflushedDataFiles.Count == 0) return store.PutIfAbsent(commitPath, content);
        if (store.TryGetEntry(commitPath) is not null) return false;
        var temp = store.Combine(logDir, $".{Path.GetFileName(commitPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = store.CreateUnflushed(temp)) stream.Write(content);
            store.FlushToDisk([.. _unflushedDataFiles, temp]);
        }
        catch
        {
            try { store.Delete(temp); }
            catch (IOException) { /* left for log cleanup */ }
            throw;
        }
        _unflushedDataFiles.Clear(); // durable now; a retry after a lost race need not flush them again
        return store.PublishIfAbsent(temp, commitPath);
    }

    private void EnsureOpen()
    {
        if (_committed) throw new InvalidOperationException("This transaction has already been committed; start a new one from a fresh snapshot.");
    }

    private static void EnsureUserDomain(string domain)
    {
        if (domain.StartsWith("delta.", StringComparison.Ordinal))
            throw new DeltaException("DELTA_CANNOT_MODIFY_SYSTEM_DOMAIN",
                $"Domain '{domain}' is a system-controlled metadata domain (prefix 'delta.'); only Delta itself may change it. Use a domain name without that prefix.");
    }

    private void Validate()
    {
        // PROTOCOL.md "Delta Log Entries": at most one add and one remove per (path, dvId) in a commit.
        var seenAdds = new HashSet<(string, string?)>();
        foreach (var a in _adds)
            if (!seenAdds.Add((a.Path, a.DvUniqueId)))
                throw Duplicate("add", a.Path);
        var seenRemoves = new HashSet<(string, string?)>();
        foreach (var r in _removes)
            if (!seenRemoves.Add((r.Path, r.DvUniqueId)) || seenAdds.Contains((r.Path, r.DvUniqueId)))
                throw Duplicate("remove", r.Path);

        // PROTOCOL.md "Consistency Between Table Metadata and Data Files": every partition column has a value.
        var partitionKeys = PartitionKeys();
        foreach (var a in _adds)
            foreach (var key in partitionKeys)
                if (!a.PartitionValues.ContainsKey(key))
                    throw new DeltaException("DELTA_MISSING_PARTITION_COLUMN",
                        $"The add action for {a.Path} has no value for partition column '{key}'; every added file must carry all partition values ({string.Join(", ", partitionKeys)}).");

        // PROTOCOL.md "Append-only Tables".
        var props = TableProperties.From(Metadata.Configuration);
        if (props.AppendOnly && WriteProtocolCheck.Supports(Protocol, "appendOnly") && _removes.Any(r => r.DataChange))
            throw new DeltaException("DELTA_CANNOT_MODIFY_APPEND_ONLY",
                "This table is configured to only allow appends (delta.appendOnly = true); removing data is not allowed. " +
                "Set delta.appendOnly to false to allow updates and deletes.");

        // PROTOCOL.md "Domain Metadata": needs writer 7 with the domainMetadata feature.
        if (_domains.Count > 0 && !Protocol.HasWriterFeature("domainMetadata"))
            throw new DeltaException("DELTA_DOMAIN_METADATA_NOT_SUPPORTED",
                $"Detected domainMetadata action(s) for domains [{string.Join(", ", _domains.Keys)}], but the table does not support the domainMetadata writer feature. " +
                "Add 'domainMetadata' to the protocol's writerFeatures first.");

        if (_metadata is not null && _metadata.Id != ReadSnapshot.Metadata.Id)
            throw new DeltaException("DELTA_METADATA_MISMATCH",
                $"The new metadata has table id {_metadata.Id}, but the table's id is {ReadSnapshot.Metadata.Id}; keep the id when changing metadata.");
    }

    private List<string> PartitionKeys()
    {
        var mapped = PhysicalSchema.IsMapped(TableProperties.From(Metadata.Configuration).ColumnMappingMode);
        var keys = new List<string>();
        foreach (var column in Metadata.PartitionColumns)
        {
            var i = Schema.IndexOf(column);
            keys.Add(i >= 0 ? PhysicalSchema.NameOf(Schema[i], mapped) : column);
        }
        return keys;
    }

    private static DeltaException Duplicate(string kind, string path) =>
        new("DELTA_DUPLICATE_ACTIONS_FOUND",
            $"File operation '{kind}' for path {path} was specified several times in one commit; each file may be added or removed once per commit.");

    private TransactionReads Reads()
    {
        var whole = _readWholeTable;
        // A transaction that removes files but did not say what it read is treated as having read everything.
        if (!whole && _readPredicates.Count == 0 && _readFiles.Count == 0 && (_removes.Count > 0 || _cdc.Count > 0)) whole = true;
        return new TransactionReads(whole, [.. _readPredicates], new Dictionary<string, AddFile>(_readFiles, StringComparer.Ordinal),
            new HashSet<string>(_readAppIds, StringComparer.Ordinal));
    }

    private bool IsBlindAppend(TransactionReads reads) => _removes.Count == 0 && _cdc.Count == 0 && !reads.DependsOnFiles;

    private IsolationLevel ChooseIsolation()
    {
        if (_isolation is { } chosen) return chosen;
        // Spark downgrades commits that only rearrange data (all file actions dataChange=false) to SnapshotIsolation.
        var hasFileActions = _adds.Count + _removes.Count > 0;
        var onlyFiles = _metadata is null && _protocol is null && _domains.Count == 0 && _cdc.Count == 0;
        if (hasFileActions && onlyFiles && _adds.All(a => !a.DataChange) && _removes.All(r => !r.DataChange)) return IsolationLevel.SnapshotIsolation;
        return IsolationLevel.WriteSerializable;
    }

    private PendingCommit PendingCommit()
    {
        var reads = Reads();
        var actions = new List<DeltaAction>();
        if (_protocol is not null) actions.Add(_protocol);
        if (_metadata is not null) actions.Add(_metadata);
        actions.AddRange(_appTransactions.Values);
        actions.AddRange(_domains.Values);
        actions.AddRange(_removes);
        actions.AddRange(_adds);
        actions.AddRange(_cdc);
        var read = ReadSnapshot;
        return new PendingCommit(read.Version, read.Schema, read.Metadata, read.Protocol,
            PhysicalSchema.IsMapped(read.Properties.ColumnMappingMode), ChooseIsolation(), IsBlindAppend(reads), reads, actions);
    }

    private bool InCommitTimestampsOn(Metadata metadata, Protocol protocol) =>
        TableProperties.From(metadata.Configuration).EnableInCommitTimestamps && WriteProtocolCheck.Supports(protocol, "inCommitTimestamp");

    /// <summary>The actions of one attempt at <paramref name="version"/>: commitInfo first (required with in-commit
    /// timestamps, PROTOCOL.md "In-Commit Timestamps"), then protocol, metaData, txn, domains, removes, adds, cdc.</summary>
    private List<DeltaAction> BuildActions(long version, long previousTimestamp, PendingCommit pending, string txnId)
    {
        var now = NowMillis;
        long? ict = null;
        var metadata = _metadata;
        if (InCommitTimestampsOn(Metadata, Protocol))
        {
            // The larger of now and one millisecond after the previous commit's timestamp.
            ict = Math.Max(now, previousTimestamp + 1);
            var wasOn = InCommitTimestampsOn(ReadSnapshot.Metadata, ReadSnapshot.Protocol);
            if (!wasOn && metadata is not null)
            {
                // This commit turns them on for a table with earlier commits: record where (and when) they start.
                var config = new Dictionary<string, string>(metadata.Configuration, StringComparer.Ordinal)
                {
                    ["delta.inCommitTimestampEnablementVersion"] = version.ToString(CultureInfo.InvariantCulture),
                    ["delta.inCommitTimestampEnablementTimestamp"] = ict.Value.ToString(CultureInfo.InvariantCulture),
                };
                metadata = metadata with { Configuration = config };
            }
        }
        var metrics = _metricsGiven ? new Dictionary<string, string>(_metrics) : CommitInfoBuilder.DefaultMetrics(_adds, _removes);
        var info = CommitInfoBuilder.Build(Options, Operation, CommitInfoBuilder.WithNullValues(_parameters), metrics, _userMetadata,
            ReadSnapshot.Version, pending.Isolation, pending.IsBlindAppend, now, ict, txnId);

        var actions = new List<DeltaAction>(1 + pending.Actions.Count) { info };
        foreach (var a in pending.Actions) actions.Add(a is Metadata ? metadata! : a);
        return actions;
    }
}

/// <summary>The committed version and the number of attempts it took. A checkpoint (or log cleanup) that failed
/// after the commit does not fail it; its exception is in <see cref="PostCommitFailure"/>.</summary>
public sealed record CommitResult(long Version, int Attempts)
{
    /// <summary>True when this commit wrote a checkpoint (every delta.checkpointInterval versions).</summary>
    public bool CheckpointWritten { get; init; }

    /// <summary>The error of a post-commit step (checkpoint, log cleanup), if one failed.</summary>
    public Exception? PostCommitFailure { get; init; }
}
