using DeltaSharp.Columnar;
using DeltaSharp.Types;

namespace DeltaSharp.Parquet;

/// <summary>
/// Writes one Parquet file from column batches. Call <see cref="Close"/> to write the footer and get the
/// statistics of what was written. Not thread-safe.
/// </summary>
public sealed partial class ParquetFileWriter : IDisposable
{
    public ParquetFileWriter(Stream output, StructType schema, ParquetWriteOptions? options = null, bool leaveOpen = false)
    {
        throw new NotImplementedException();
    }

    public static ParquetFileWriter Create(string path, StructType schema, ParquetWriteOptions? options = null) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), schema, options);

    /// <summary>Appends the live rows of <paramref name="batch"/> (its schema must equal the writer's).</summary>
    public void Write(ColumnBatch batch) => throw new NotImplementedException();

    /// <summary>Flushes the last row group, writes the footer and returns what was written.</summary>
    public ParquetWriteResult Close() => throw new NotImplementedException();

    public void Dispose() { }
}

/// <summary>What a finished file holds: row count, size and statistics per leaf column, so Delta can write
/// <c>stats</c> without re-reading the file.</summary>
public sealed record ParquetWriteResult(long RowCount, long FileSize, IReadOnlyList<ColumnStatistics> Columns);

/// <summary>Statistics of one leaf column over the whole file. Min/Max use the boxing of
/// <see cref="Values.ValueConverter"/> (int, long, string, DecimalValue, DateOnly, DateTime, byte[] …); null when
/// the column has only nulls or its type has no order.</summary>
public sealed record ColumnStatistics(IReadOnlyList<string> Path, DataType Type, long NullCount, long ValueCount, object? Min, object? Max);
