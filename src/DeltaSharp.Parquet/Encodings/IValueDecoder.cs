using DeltaSharp.Columnar;

namespace DeltaSharp.Parquet.Encodings;

/// <summary>
/// Decodes the values section of data pages holding fixed-width values. One instance is reused across pages
/// (<see cref="Reset"/> per page) and is resumable: the column reader reads a page in several batches and the
/// decoder keeps its position between calls. Not thread-safe.
/// </summary>
internal interface IValueDecoder<T> where T : unmanaged
{
    /// <summary>Starts a page. <paramref name="data"/> is the page's value section (after the levels);
    /// <paramref name="valueCount"/> is the number of (non-null) values it holds.</summary>
    void Reset(ReadOnlyMemory<byte> data, int valueCount);

    /// <summary>Decodes up to <c>destination.Length</c> values; returns how many, fewer only when the page's
    /// <c>valueCount</c> values are exhausted. Throws <see cref="ParquetFormatException"/> on corrupt or truncated data.</summary>
    int Read(Span<T> destination);

    /// <summary>Skips up to <paramref name="count"/> values; returns how many were skipped.</summary>
    int Skip(int count);
}

/// <summary>
/// Decodes BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values, appending them to a <see cref="BinaryVector"/>.
/// Reused across pages and resumable like <see cref="IValueDecoder{T}"/>. Not thread-safe.
/// </summary>
internal interface IByteArrayDecoder
{
    /// <summary>Starts a page (see <see cref="IValueDecoder{T}.Reset"/>).</summary>
    void Reset(ReadOnlyMemory<byte> data, int valueCount);

    /// <summary>Appends up to <paramref name="count"/> values to <paramref name="destination"/> (growing it and
    /// advancing its Length); returns how many, fewer only when the page is exhausted.</summary>
    int Read(BinaryVector destination, int count);

    /// <summary>Skips up to <paramref name="count"/> values; returns how many were skipped.</summary>
    int Skip(int count);
}
