using DeltaSharp.Columnar;
using DeltaSharp.Tables.Writing;

namespace DeltaSharp.Tables.Operations;

/// <summary>
/// CREATE OR REPLACE TABLE, REPLACE TABLE and their AS SELECT forms. On a missing table CREATE OR REPLACE writes
/// version 0 like <see cref="CreateTable"/> (under its own operation name); REPLACE of a missing table fails with
/// DELTA_CANNOT_REPLACE_MISSING_TABLE. On an existing table one commit replaces the metadata (new schema,
/// partitioning, properties and description under the same table id, as Delta keeps it), never downgrades the
/// protocol (the new table's protocol merged into the old), removes every active file and (AS SELECT) adds the new
/// data; history keeps the earlier versions. Parameters as for CREATE TABLE; metrics none, or numFiles /
/// numOutputRows / numOutputBytes for AS SELECT. Stateless.
/// </summary>
public static class CreateOrReplace
{
    /// <param name="orCreate">CREATE OR REPLACE (true) or REPLACE (false).</param>
    /// <param name="data">The AS SELECT rows, or null.</param>
    public static OperationResult Run(
        string root,
        TableDefinition definition,
        IEnumerable<ColumnBatch>? data,
        bool orCreate = true,
        DeltaTableOptions? tableOptions = null,
        OperationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(definition);
        options ??= OperationOptions.Default;
        var operation = OperationNames.ForReplace(orCreate, data is not null);
        var table = DeltaTable.ForPath(root, tableOptions);
        if (!table.Exists())
        {
            if (!orCreate)
                throw new DeltaException("DELTA_CANNOT_REPLACE_MISSING_TABLE",
                    $"Table {table.Root} cannot be replaced as it does not exist. Use CREATE OR REPLACE TABLE to create the table.");
            try
            {
                return CreateTable.CreateVersionZero(root, definition, data, operation, tableOptions, options);
            }
            catch (DeltaException e) when (e.ErrorClass == "DELTA_TABLE_ALREADY_EXISTS")
            {
                // Another writer created the table meanwhile: replace it instead.
            }
        }
        return Replace(table.Latest(), definition, data, operation, options);
    }

    private static OperationResult Replace(Snapshot snapshot, TableDefinition definition, IEnumerable<ColumnBatch>? data, string operation, OperationOptions options)
    {
        var now = snapshot.Options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var (newProtocol, newMetadata) = DeltaTable.DefineNewTable(definition.Schema, definition.PartitionColumns, definition.Properties,
            snapshot.Options, now, definition.Description);
        var metadata = newMetadata with { Id = snapshot.Metadata.Id };
        var protocol = ProtocolMerge.Merge(snapshot.Protocol, newProtocol);

        var txn = snapshot.StartTransaction(operation);
        options.Configure?.Invoke(txn);
        txn.ReplaceMetadata(metadata);
        if (!ProtocolMerge.SameAs(protocol, snapshot.Protocol)) txn.UpdateProtocol(protocol);
        txn.ReadWholeTable();
        var removed = snapshot.ActiveFiles;
        foreach (var f in removed) txn.Remove(f);
        var added = data is null ? [] : txn.WriteData(data);

        var parameters = OperationParameters.CreateOrReplace(metadata, definition.IsManaged);
        var metrics = data is null ? OperationMetrics.None() : OperationMetrics.Write([.. added]);
        OperationParameters.ApplyTo(txn, parameters);
        OperationMetrics.ApplyTo(txn, metrics);
        txn.WithUserMetadata(options.UserMetadata);
        var files = Overwrite.FilesReplaced(removed, added);
        return new OperationResult(operation, parameters, metrics, txn.Commit()) { Files = files };
    }
}
