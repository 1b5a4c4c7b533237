using DeltaSharp.Parquet.Format;

namespace DeltaSharp.Parquet;

/// <summary>How to write a Parquet file. Immutable. Defaults follow what Spark/Databricks write (data page v1,
/// dictionary encoding with fallback to PLAIN) with ZSTD compression.</summary>
public sealed record ParquetWriteOptions
{
    public CompressionCodec Compression { get; init; } = CompressionCodec.Zstd;

    /// <summary>Codec level (zstd 1–22, gzip/brotli mapped to their ranges); null uses the codec's default.</summary>
    public int? CompressionLevel { get; init; }

    /// <summary>A row group is closed when it holds this many rows…</summary>
    public int MaxRowGroupRows { get; init; } = 1_048_576;

    /// <summary>…or when its encoded size reaches this many bytes (before compression).</summary>
    public long MaxRowGroupBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Target uncompressed size of a data page.</summary>
    public int PageSizeBytes { get; init; } = 1024 * 1024;

    /// <summary>Dictionary-encode columns; a column falls back to PLAIN when its dictionary passes <see cref="DictionaryPageSizeLimit"/>.</summary>
    public bool EnableDictionary { get; init; } = true;

    public int DictionaryPageSizeLimit { get; init; } = 1024 * 1024;

    /// <summary>1 = DataPage (what Spark writes), 2 = DataPageV2.</summary>
    public int DataPageVersion { get; init; } = 1;

    /// <summary>Per-column value encoding (by top-level column name or dotted leaf path) overriding dictionary/PLAIN:
    /// Plain, DeltaBinaryPacked, DeltaLengthByteArray, DeltaByteArray, ByteStreamSplit.</summary>
    public IReadOnlyDictionary<string, Encoding>? ColumnEncodings { get; init; }

    /// <summary>Extra key/value metadata for the footer.</summary>
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }

    /// <summary>Write min/max/null-count statistics into the footer.</summary>
    public bool WriteStatistics { get; init; } = true;

    public static ParquetWriteOptions Default { get; } = new();
}
