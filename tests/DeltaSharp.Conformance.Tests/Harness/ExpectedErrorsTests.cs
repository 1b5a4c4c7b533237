using DeltaSharp.Conformance.Tests.Support;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Harness;

public sealed class ExpectedErrorsTests
{
    private static DeltaExpectedVersion Error(string kind, string reason) =>
        new() { Version = 0, ExpectError = true, ErrorKind = kind, ErrorReason = reason };

    [Fact]
    public void Check_ReadSucceeded_IsAProblem() =>
        Assert.Contains("but it succeeded", ExpectedErrors.Check(Error("missing-data-file", "x"), null, "/t", 0, 1), StringComparison.Ordinal);

    [Fact]
    public void Check_ProgrammingErrors_AreNotRefusals()
    {
        foreach (var e in new Exception[] { new NotImplementedException("H-log"), new NullReferenceException(), new IndexOutOfRangeException() })
            Assert.Contains("bug or an unimplemented path", ExpectedErrors.Check(Error("version-not-reconstructable", "gone"), e, "/t", 0, 1), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_UnsupportedProtocol_NeedsTheErrorClass()
    {
        var expected = Error("unsupported-protocol", "minReaderVersion 99");
        Assert.Null(ExpectedErrors.Check(expected, new DeltaException("DELTA_UNSUPPORTED_FEATURES_FOR_READ", "reader 99"), "/t", 0, 0));
        Assert.NotNull(ExpectedErrors.Check(expected, new DeltaException("DELTA_INVALID_PROTOCOL", "reader 99"), "/t", 0, 0));
        Assert.NotNull(ExpectedErrors.Check(expected, new InvalidOperationException("reader 99"), "/t", 0, 0));
    }

    [Fact]
    public void Check_MissingDataFile_NeedsTheFileNamed()
    {
        var expected = Error("missing-data-file", "data file referenced by the snapshot is missing: dir/part-00000-abc.snappy.parquet");
        Assert.Null(ExpectedErrors.Check(expected, new FileNotFoundException("Could not find /t/dir/part-00000-abc.snappy.parquet"), "/t", 0, 5));
        Assert.NotNull(ExpectedErrors.Check(expected, new FileNotFoundException("a data file is missing"), "/t", 0, 5));
    }

    [Fact]
    public void Check_MissingDataFile_AnotherAbsentFileNamedIsEnough_APresentOneIsNot()
    {
        using var dir = new TempDir();
        File.WriteAllText(Path.Combine(dir.Path, "present.parquet"), "x");
        var expected = Error("missing-data-file", "data file referenced by the snapshot is missing: first.parquet");
        Assert.Null(ExpectedErrors.Check(expected, new DeltaException("DELTA_FILE_NOT_FOUND_DETAILED", $"Data file {dir.Path}/second.parquet cannot be found."), dir.Path, 0, 5));
        Assert.NotNull(ExpectedErrors.Check(expected, new IOException($"Could not read {dir.Path}/present.parquet"), dir.Path, 0, 5));
    }

    [Fact]
    public void Check_VersionNotReconstructable_NeedsADeltaExceptionAndARangeForVersionNotFound()
    {
        var expected = Error("version-not-reconstructable", "commits cleaned up");
        Assert.Null(ExpectedErrors.Check(expected, new DeltaException("DELTA_VERSION_NOT_FOUND", "Cannot time travel to version 0. Available versions: [3, 5]."), "/t", 3, 5));
        Assert.Contains("does not name the earliest available version 3",
            ExpectedErrors.Check(expected, new DeltaException("DELTA_VERSION_NOT_FOUND", "Cannot time travel to version 0; latest is 5."), "/t", 3, 5), StringComparison.Ordinal);
        Assert.NotNull(ExpectedErrors.Check(expected, new IOException("no such file"), "/t", 3, 5));
    }

    [Fact]
    public void NamesNumber_MatchesWholeNumbersOnly()
    {
        Assert.True(ExpectedErrors.NamesNumber("Available versions: [3, 15].", 15));
        Assert.False(ExpectedErrors.NamesNumber("Available versions: [3, 15].", 5));
        Assert.False(ExpectedErrors.NamesNumber("version 1.5", 5));
    }
}
