namespace DeltaSharp.Parquet.Tests.Corruption;

/// <summary>The corruption harness must be able to fail: each rule it enforces is checked with a fake reader.</summary>
public class CorruptionRunnerTests
{
    private static (string, Mutant) OneCase(long i, Random r) => ("fake", new Mutant([1, 2, 3], $"fake mutation {i}"));

    [Fact]
    public void Run_WhenAReadHangs_ReportsTheCaseAsAFailure()
    {
        var summary = CorruptionRunner.Run(1, 3, OneCase, read: (_, _) => Thread.Sleep(3000), timeout: TimeSpan.FromMilliseconds(200));
        var failure = Assert.Single(summary.Failures);
        Assert.Contains("did not finish within", failure.Problem, StringComparison.Ordinal);
        Assert.Contains("fake mutation 0", failure.Mutation, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenAReadThrowsAnotherException_ReportsItWithSeedAndMutation()
    {
        var summary = CorruptionRunner.Run(1, 2, OneCase, read: (_, _) => throw new IndexOutOfRangeException("boom"));
        Assert.Equal(2, summary.FailureCount);
        Assert.Contains("IndexOutOfRangeException: boom", summary.Failures[0].Problem, StringComparison.Ordinal);
        Assert.Equal(CorruptionRunner.CaseSeed(1, 0), summary.Failures[0].Seed);
    }

    [Fact]
    public void Run_WhenTheMessageDoesNotNameTheFile_Fails()
    {
        var summary = CorruptionRunner.Run(1, 1, OneCase, read: (_, _) => throw new ParquetFormatException("no file here"));
        Assert.Contains("does not name the file", Assert.Single(summary.Failures).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenTheSafetyNetWrappedARuntimeException_Fails()
    {
        var summary = CorruptionRunner.Run(1, 1, OneCase,
            read: (path, _) => throw new ParquetFormatException(path, "corrupt data", new NullReferenceException()));
        Assert.Contains("no check caught this input: NullReferenceException", Assert.Single(summary.Failures).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenAReadAllocatesTooMuch_Fails()
    {
        var summary = CorruptionRunner.Run(1, 1, OneCase, read: (_, _) => GC.KeepAlive(new byte[8 << 20]), maxAllocatedBytes: 1 << 20);
        Assert.Contains("allocated 8 MB", Assert.Single(summary.Failures).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenReadsSucceedOrThrowFormatExceptionsNamingTheFile_Passes()
    {
        var summary = CorruptionRunner.Run(1, 10, OneCase, read: (path, _) =>
        {
            if (path.Length % 2 == 0) throw new ParquetFormatException(path, "bad");
        });
        Assert.Equal(0, summary.FailureCount);
        Assert.Equal(10, summary.Cases);
    }

    [Fact]
    public void CaseSeed_IsTheSameInEveryProcess()
    {
        // HashCode is randomized per process; the case seeds must not be, or a printed seed would not replay.
        Assert.Equal(CorruptionRunner.CaseSeed(20_250_601, 0), CorruptionRunner.CaseSeed(20_250_601, 0));
        Assert.NotEqual(CorruptionRunner.CaseSeed(20_250_601, 0), CorruptionRunner.CaseSeed(20_250_601, 1));
        Assert.Equal(340_815_906, CorruptionRunner.CaseSeed(1, 2)); // SplitMix64 finalizer of (1 << 32 ^ 2), low 31 bits (computed independently)
    }
}
