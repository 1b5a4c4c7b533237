using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// The Parquet schema of a classic V1 checkpoint as Spark writes it (PROTOCOL.md "Checkpoint Schema"; field order
/// from a Delta 3.0 checkpoint): top-level struct columns txn, add, remove, metaData, protocol, domainMetadata, one
/// non-null per row. <c>add.stats</c> is the JSON string; remove rows carry no stats or tags.
/// </summary>
internal static class CheckpointSchema
{
    public const int Txn = 0, Add = 1, Remove = 2, MetaData = 3, Protocol = 4, DomainMetadata = 5;

    private static StructField F(string name, DataType type) => new(name, type);

    private static readonly MapType StringMap = new(DataType.String, DataType.String, valueContainsNull: true);

    private static readonly StructType DeletionVector = new(
        F("storageType", DataType.String),
        F("pathOrInlineDv", DataType.String),
        F("offset", DataType.Integer),
        F("sizeInBytes", DataType.Integer),
        F("cardinality", DataType.Long),
        F("maxRowIndex", DataType.Long));

    public static StructType Schema { get; } = new(
        F("txn", new StructType(
            F("appId", DataType.String),
            F("version", DataType.Long),
            F("lastUpdated", DataType.Long))),
        F("add", new StructType(
            F("path", DataType.String),
            F("partitionValues", StringMap),
            F("size", DataType.Long),
            F("modificationTime", DataType.Long),
            F("dataChange", DataType.Boolean),
            F("tags", StringMap),
            F("deletionVector", DeletionVector),
            F("baseRowId", DataType.Long),
            F("defaultRowCommitVersion", DataType.Long),
            F("stats", DataType.String),
            F("clusteringProvider", DataType.String))),
        F("remove", new StructType(
            F("path", DataType.String),
            F("deletionTimestamp", DataType.Long),
            F("dataChange", DataType.Boolean),
            F("extendedFileMetadata", DataType.Boolean),
            F("partitionValues", StringMap),
            F("size", DataType.Long),
            F("deletionVector", DeletionVector),
            F("baseRowId", DataType.Long),
            F("defaultRowCommitVersion", DataType.Long))),
        F("metaData", new StructType(
            F("id", DataType.String),
            F("name", DataType.String),
            F("description", DataType.String),
            F("format", new StructType(
                F("provider", DataType.String),
                F("options", StringMap))),
            F("schemaString", DataType.String),
            F("partitionColumns", new ArrayType(DataType.String)),
            F("configuration", StringMap),
            F("createdTime", DataType.Long))),
        F("protocol", new StructType(
            F("minReaderVersion", DataType.Integer),
            F("minWriterVersion", DataType.Integer),
            F("readerFeatures", new ArrayType(DataType.String)),
            F("writerFeatures", new ArrayType(DataType.String)))),
        F("domainMetadata", new StructType(
            F("domain", DataType.String),
            F("configuration", DataType.String),
            F("removed", DataType.Boolean))));
}
