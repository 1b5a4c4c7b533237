using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;
using DeltaSharp.Tables.Writing;
using DeltaSharp.Types;

namespace DeltaSharp.Tables;

public sealed partial class DeltaTable
{
    /// <summary>
    /// Creates a table at <paramref name="root"/>: version 0 with commitInfo, protocol and metaData, published
    /// atomically (two racing creators: exactly one wins, the other gets DELTA_TABLE_ALREADY_EXISTS). The protocol is
    /// what current Databricks creates (deletion vectors and in-commit timestamps on; see
    /// <see cref="DeltaTableOptions.LegacyProtocolForNewTables"/> for reader 1 / writer 2). With
    /// <c>delta.columnMapping.mode</c> = name or id, every field gets an id and a physical name.
    /// </summary>
    /// <param name="partitionColumns">Top-level primitive columns, matched case-insensitively.</param>
    /// <param name="properties">metaData.configuration (delta.* properties are validated).</param>
    public static DeltaTable Create(
        string root,
        StructType schema,
        IReadOnlyList<string>? partitionColumns = null,
        IReadOnlyDictionary<string, string>? properties = null,
        DeltaTableOptions? options = null,
        string operation = "CREATE TABLE")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        var table = ForPath(root, options);
        options = table.Options;
        var now = options.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var (protocol, metadata) = DefineNewTable(schema, partitionColumns, properties, options, now);
        var partitions = metadata.PartitionColumns;
        var config = metadata.Configuration;

        var store = options.FileStore;
        if (LogListing.Read(store, table.Root).HasVersions) throw AlreadyExists(table.Root);
        var ict = TableProperties.From(config).EnableInCommitTimestamps && WriteProtocolCheck.Supports(protocol, "inCommitTimestamp") ? now : (long?)null;
        var parameters = new Dictionary<string, string>
        {
            ["partitionBy"] = CommitInfoBuilder.JsonArray(partitions),
            ["clusterBy"] = "[]",
            ["isManaged"] = "false",
            ["properties"] = CommitInfoBuilder.JsonObject(properties ?? new Dictionary<string, string>()),
        };
        var info = CommitInfoBuilder.Build(options, operation, parameters, new Dictionary<string, string>(), null, null,
            IsolationLevel.WriteSerializable, true, now, ict, Guid.NewGuid().ToString());
        var bytes = ActionJsonWriter.SerializeCommit([info, protocol, metadata]);
        if (!store.PutIfAbsent(store.Combine(store.Combine(table.Root, LogFileNames.LogFolder), LogFileNames.Commit(0)), bytes))
            throw AlreadyExists(table.Root);
        return table;
    }

    /// <summary>The protocol and metadata (new id, createdTime <paramref name="nowMillis"/>) of a new table, as
    /// <see cref="Create"/> writes them: partition columns resolved against the schema, the new-table protocol,
    /// validated configuration, column-mapping ids when a mapping mode is set.</summary>
    internal static (Protocol Protocol, Metadata Metadata) DefineNewTable(
        StructType schema,
        IReadOnlyList<string>? partitionColumns,
        IReadOnlyDictionary<string, string>? properties,
        DeltaTableOptions options,
        long nowMillis,
        string? description = null)
    {
        var partitions = ResolvePartitionColumns(schema, partitionColumns ?? []);
        var (protocol, config) = NewTableProtocol.Choose(schema, KnownTableProperties.NormalizeForSet(properties ?? new Dictionary<string, string>()), options.LegacyProtocolForNewTables);
        TableConfigValidation.Validate(config);
        if (PhysicalSchema.IsMapped(TableProperties.From(config).ColumnMappingMode))
        {
            var (mapped, maxId) = ColumnMappingAssigner.Assign(schema, TableProperties.From(config).ColumnMappingMaxColumnId);
            schema = mapped;
            config["delta.columnMapping.maxColumnId"] = maxId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var metadata = new Metadata(Guid.NewGuid().ToString(), SchemaJson.Serialize(schema), partitions, config,
            new FileFormat("parquet", new Dictionary<string, string>()), Description: description, CreatedTime: nowMillis);
        return (protocol, metadata);
    }

    internal static DeltaException AlreadyExists(string root) =>
        new("DELTA_TABLE_ALREADY_EXISTS", $"Table {root} already exists (its _delta_log has commits). Open it with DeltaTable.ForPath, or choose an empty folder.");

    private static List<string> ResolvePartitionColumns(StructType schema, IReadOnlyList<string> requested)
    {
        if (schema.Count == 0)
            throw new DeltaException("DELTA_EMPTY_SCHEMA", "A table needs at least one column; the schema has none.");
        var duplicates = schema.Fields.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new DeltaException("DELTA_DUPLICATE_COLUMNS_FOUND",
                $"Found duplicate column(s) in the table schema: {string.Join(", ", duplicates)} (column names are compared case-insensitively). Rename them.");
        var result = new List<string>();
        foreach (var name in requested)
        {
            var i = schema.IndexOf(name);
            if (i < 0)
                throw new DeltaException("DELTA_PARTITION_COLUMN_NOT_FOUND",
                    $"Partition column '{name}' not found in schema [{string.Join(", ", schema.Fields.Select(f => f.Name))}].");
            var field = schema[i];
            if (!field.Type.IsPrimitive)
                throw new DeltaException("DELTA_INVALID_PARTITION_COLUMN_TYPE",
                    $"Cannot use column '{field.Name}' of type {field.Type.SimpleString} as a partition column; partition columns must have a primitive type.");
            if (result.Contains(field.Name, StringComparer.OrdinalIgnoreCase))
                throw new DeltaException("DELTA_DUPLICATE_COLUMNS_FOUND", $"Partition column '{field.Name}' is listed twice.");
            result.Add(field.Name);
        }
        if (result.Count == schema.Count)
            throw new DeltaException("DELTA_CANNOT_USE_ALL_COLUMNS_FOR_PARTITION",
                "Cannot use all columns for partition columns: data files would have no columns. Keep at least one column out of the partitioning.");
        return result;
    }
}
