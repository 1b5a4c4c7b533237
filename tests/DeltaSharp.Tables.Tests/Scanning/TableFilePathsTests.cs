using DeltaSharp.Storage;
using DeltaSharp.Tables.Scanning;

namespace DeltaSharp.Tables.Tests.Scanning;

public sealed class TableFilePathsTests
{
    [Theory]
    [InlineData("part-0.parquet", "/t/part-0.parquet")]
    [InlineData("a%20b/c%3Ad.parquet", "/t/a b/c:d.parquet")]
    [InlineData("_2=bar+%252521/x.parquet", "/t/_2=bar+%2521/x.parquet")] // '+' is not a space in a URI path
    [InlineData("file:/other/table/x%20y.parquet", "/other/table/x y.parquet")]
    [InlineData("file:///other/table/x.parquet", "/other/table/x.parquet")]
    [InlineData("/abs/p%25.parquet", "/abs/p%.parquet")]
    public void Resolve_DecodesRelativeAndFileUriPaths(string logPath, string expected) =>
        Assert.Equal(expected, TableFilePaths.Resolve("/t", logPath, LocalFileStore.Instance));

    [Theory]
    [InlineData("s3://bucket/t/x.parquet")]
    [InlineData("abfss://c@a.dfs.core.windows.net/x.parquet")]
    public void Resolve_OtherSchemes_ThrowUnsupportedFileSystem(string logPath)
    {
        var e = Assert.Throws<DeltaException>(() => TableFilePaths.Resolve("/t", logPath, LocalFileStore.Instance));
        Assert.Equal("DELTA_UNSUPPORTED_FILE_SYSTEM", e.ErrorClass);
        Assert.Contains(logPath, e.Message, StringComparison.Ordinal);
    }
}
