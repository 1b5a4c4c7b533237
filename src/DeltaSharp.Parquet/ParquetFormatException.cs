namespace DeltaSharp.Parquet;

/// <summary>
/// The one exception the Parquet codec raises for bad or unsupported input: a truncated file, a wrong
/// magic, a corrupt footer or page, an unsupported codec or encoding. The message names the file (when
/// known) and what is wrong.
/// </summary>
public sealed class ParquetFormatException : Exception
{
    public ParquetFormatException() { }

    public ParquetFormatException(string message) : base(message) { }

    public ParquetFormatException(string message, Exception innerException) : base(message, innerException) { }

    public ParquetFormatException(string? filePath, string problem, Exception? innerException = null)
        : base(filePath is null ? problem : $"{filePath}: {problem}", innerException)
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file being read or written, when known.</summary>
    public string? FilePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string? Problem { get; init; }
}
