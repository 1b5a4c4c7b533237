using DeltaSharp.Parquet.Format;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Writing;

/// <summary>
/// What a data file writer needs to know about the table: the logical schema, partition columns, column mapping,
/// which columns get statistics (delta.dataSkippingNumIndexedCols / delta.dataSkippingStatsColumns), whether stats
/// carry <c>tightBounds</c> (deletion vectors supported), the Parquet codec, an optional file-size cap and how many
/// partition files may be open at once (the oldest is finished when a new partition needs one). Immutable.
/// </summary>
internal sealed record DataWriteSettings(
    StructType Schema,
    IReadOnlyList<string> PartitionColumns,
    bool ColumnMapping = false,
    int NumIndexedCols = 32,
    IReadOnlyList<string>? StatsColumns = null,
    bool WriteTightBounds = false,
    CompressionCodec Compression = CompressionCodec.Zstd,
    long? MaxRowsPerFile = null,
    int MaxOpenFiles = 64)
{
    public static DataWriteSettings From(Snapshot snapshot) =>
        From(snapshot.Schema, snapshot.Metadata, snapshot.Protocol, snapshot.Properties);

    public static DataWriteSettings From(StructType schema, Metadata metadata, Protocol protocol, TableProperties properties) => new(
        schema,
        metadata.PartitionColumns,
        PhysicalSchema.IsMapped(properties.ColumnMappingMode),
        properties.DataSkippingNumIndexedCols,
        properties.DataSkippingStatsColumns,
        protocol.HasReaderFeature("deletionVectors"),
        CodecFrom(metadata.Configuration));

    /// <summary>delta.parquet.compression.codec (PROTOCOL.md "Table Properties"); zstd when absent.</summary>
    public static CompressionCodec CodecFrom(IReadOnlyDictionary<string, string> configuration)
    {
        if (!configuration.TryGetValue("delta.parquet.compression.codec", out var name)) return CompressionCodec.Zstd;
        return name.Trim().ToLowerInvariant() switch
        {
            "zstd" => CompressionCodec.Zstd,
            "snappy" => CompressionCodec.Snappy,
            "gzip" => CompressionCodec.Gzip,
            "lz4" => CompressionCodec.Lz4,
            "lz4_raw" => CompressionCodec.Lz4Raw,
            "uncompressed" or "none" => CompressionCodec.Uncompressed,
            _ => throw new DeltaException("DELTA_UNSUPPORTED_COMPRESSION_CODEC",
                $"delta.parquet.compression.codec '{name}' is not supported; use zstd, snappy, gzip, lz4, lz4_raw or uncompressed."),
        };
    }

    /// <summary>The file-name infix Spark uses for a codec (<c>part-…-c000.zstd.parquet</c>).</summary>
    public string CodecExtension => Compression switch
    {
        CompressionCodec.Zstd => ".zstd",
        CompressionCodec.Snappy => ".snappy",
        CompressionCodec.Gzip => ".gz",
        CompressionCodec.Lz4 => ".lz4hadoop",
        CompressionCodec.Lz4Raw => ".lz4raw",
        _ => "",
    };
}
