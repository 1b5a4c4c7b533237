using DeltaSharp.Columnar;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// CREATE TABLE and CREATE TABLE AS SELECT: version 0 holding commitInfo, protocol, metaData and (AS SELECT) the
/// data files, published atomically with put-if-absent (a racing creator gets DELTA_TABLE_ALREADY_EXISTS and the
/// files written here are deleted). Protocol and metadata are what <see cref="DeltaTable.Create"/> chooses for a new
/// table. History: operationParameters partitionBy, clusterBy, description, isManaged, properties (the committed
/// configuration), statsOnLoad; metrics none for CREATE TABLE and numFiles / numOutputRows / numOutputBytes for
/// AS SELECT; isBlindAppend true, no readVersion. Stateless.
/// </summary>
public static class CreateTable
{
    /// <param name="root">The table folder (must not hold a table yet).</param>
    /// <param name="data">The AS SELECT rows (logical schema of <paramref name="definition"/>), or null for CREATE TABLE.</param>
    public static OperationResult Run(
        string root,
        TableDefinition definition,
        IEnumerable<ColumnBatch>? data,
        DeltaTableOptions? tableOptions = null,
        OperationOptions? options = null) =>
        CreateVersionZero(root, definition, data, OperationNames.ForCreate(data is not null), tableOptions, options);

    /// <summary>Writes version 0 under <paramref name="operation"/> (CREATE OR REPLACE on a missing table uses its
    /// own name).</summary>
    internal static OperationResult CreateVersionZero(
        string root,
        TableDefinition definition,
        IEnumerable<ColumnBatch>? data,
        string operation,
        DeltaTableOptions? tableOptions,
        OperationOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(definition);
        options ??= OperationOptions.Default;
        var table = DeltaTable.ForPath(root, tableOptions);
        var tableOpts = table.Options;
        var store = tableOpts.FileStore;
        if (table.Exists()) throw DeltaTable.AlreadyExists(table.Root);

        var now = tableOpts.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var (protocol, metadata) = DeltaTable.DefineNewTable(definition.Schema, definition.PartitionColumns, definition.Properties, tableOpts, now, definition.Description);
        var schema = Types.SchemaJson.ParseStruct(metadata.SchemaString);
        // Without rows there is nothing to check, so a table with CHECK constraints / invariants can be created anyway.
        WriteProtocolCheck.EnsureWritable(protocol, metadata, schema, table.Root, tableOpts.CheckConstraints is not null || data is null);

        IReadOnlyList<AddFile> added = [];
        if (data is not null)
        {
            var settings = DataWriteSettings.From(schema, metadata, protocol, TableProperties.From(metadata.Configuration));
            using var writer = new DataFileWriter(table.Root, settings, tableOpts, constraints: Constraints.WriteConstraints.For(schema, metadata, protocol, tableOpts, table.Root));
            foreach (var batch in data) writer.Write(batch);
            added = writer.Complete();
        }

        var parameters = OperationParameters.CreateOrReplace(metadata, definition.IsManaged);
        var metrics = data is null ? OperationMetrics.None() : OperationMetrics.Write([.. added]);
        var ict = TableProperties.From(metadata.Configuration).EnableInCommitTimestamps && WriteProtocolCheck.Supports(protocol, "inCommitTimestamp")
            ? now
            : (long?)null;
        var info = CommitInfoBuilder.Build(tableOpts, operation, CommitInfoBuilder.WithNullValues(parameters), metrics, options.UserMetadata,
            readVersion: null, IsolationLevel.WriteSerializable, isBlindAppend: true, now, ict, Guid.NewGuid().ToString());
        var actions = new List<DeltaAction>(3 + added.Count) { info, protocol, metadata };
        actions.AddRange(added);
        var commitPath = store.Combine(store.Combine(table.Root, LogFileNames.LogFolder), LogFileNames.Commit(0));
        bool published;
        try
        {
            published = store.PutIfAbsent(commitPath, ActionJsonWriter.SerializeCommit(actions));
        }
        catch
        {
            DeleteQuietly(table.Root, store, added);
            throw;
        }
        if (!published)
        {
            DeleteQuietly(table.Root, store, added);
            throw DeltaTable.AlreadyExists(table.Root);
        }
        var files = new FileChangeMetrics
        {
            NumAddedFiles = added.Count,
            NumAddedBytes = added.Sum(a => a.Size),
            NumWrittenRows = OperationMetrics.Rows(added),
        };
        return new OperationResult(operation, parameters, metrics, new CommitResult(0, 1)) { Files = files };
    }

    /// <summary>Deletes data files of a create that lost (they were never part of any version).</summary>
    private static void DeleteQuietly(string root, Storage.IFileStore store, IEnumerable<AddFile> files)
    {
        foreach (var f in files)
        {
            try { store.Delete(Scanning.TableFilePaths.Resolve(root, f.Path, store)); }
            catch (IOException) { /* an orphan, harmless */ }
        }
    }
}
