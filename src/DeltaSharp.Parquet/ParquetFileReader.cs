using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet;

/// <summary>
/// Reads one Parquet file: opens it, parses the footer, and decodes projected columns of the row groups
/// that may match a filter into <see cref="ColumnBatch"/>es, reading only the byte ranges it needs.
/// Safe to read from one thread at a time.
/// </summary>
public sealed partial class ParquetFileReader : IDisposable
{
    /// <summary>Opens <paramref name="path"/> and reads its footer. Bad input raises <see cref="ParquetFormatException"/>.</summary>
    public static ParquetFileReader Open(string path) => throw new NotImplementedException();

    /// <summary>The file's top-level columns as Spark types.</summary>
    public StructType Schema => throw new NotImplementedException();

    public long RowCount => throw new NotImplementedException();

    public int RowGroupCount => throw new NotImplementedException();

    /// <summary>Decodes the file in batches of at most <see cref="ParquetReadOptions.BatchSize"/> rows.
    /// Each batch is freshly allocated; its schema is the projected schema.</summary>
    public IEnumerable<ColumnBatch> ReadBatches(ParquetReadOptions? options = null) => throw new NotImplementedException();

    public void Dispose() { }
}
