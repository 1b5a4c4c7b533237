using Xunit.Abstractions;

namespace DeltaSharp.Parquet.Tests.Corruption;

/// <summary>
/// Seeded corruption of real files (the conformance corpus and files our writer produced with every codec, both
/// page versions and nested columns): each corrupted file must read or fail with <see cref="ParquetFormatException"/>
/// naming the file, within a time bound and without absurd allocation. DELTASHARP_CORRUPTION_CASES sets the number
/// of cases (default 2,000), DELTASHARP_CORRUPTION_SEED the master seed; a failure prints its case, seed and mutation.
/// </summary>
public class CorruptionFuzzTests(ITestOutputHelper output)
{
    private static long Cases => CorruptionRunner.EnvInt("DELTASHARP_CORRUPTION_CASES", 2000);

    private static int MasterSeed => CorruptionRunner.EnvInt("DELTASHARP_CORRUPTION_SEED", 20_250_601);

    [Fact]
    public void ConformanceCorpus_IsFoundNextToTheRepository()
    {
        Assert.True(CorruptionCorpus.TablesDirectory is not null, "../shared/conformance/tables not found from the folder holding DeltaSharp.slnx");
        Assert.True(CorruptionCorpus.Corpus.Count >= 100, $"only {CorruptionCorpus.Corpus.Count} corpus files");
    }

    [Fact]
    public void SourceFiles_Unmodified_ReadCompletely()
    {
        using var files = new RoundTrip.TempFiles();
        var failures = new List<string>();
        foreach (var source in CorruptionCorpus.Written.Concat(CorruptionCorpus.Corpus))
        {
            var path = files.NewPath();
            File.WriteAllBytes(path, source.Bytes);
            try
            {
                CorruptionRunner.ReadAll(path, 8192);
            }
            catch (Exception e)
            {
                failures.Add($"{source.Name}: {e.GetType().Name}: {e.Message}");
            }
            File.Delete(path);
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void CorruptedFiles_ReadOrThrowFormatException_InBoundedTimeAndMemory()
    {
        var written = CorruptionCorpus.Written;
        var corpus = CorruptionCorpus.Corpus;
        Assert.NotEmpty(written);
        var summary = CorruptionRunner.Run(MasterSeed, Cases, (i, r) =>
        {
            // Half the cases on our own files (every codec, v1/v2, nested), half on the corpus.
            var source = corpus.Count == 0 || r.Next(2) == 0 ? written[r.Next(written.Count)] : corpus[r.Next(corpus.Count)];
            var mutant = Mutator.Mutate(source, r);
            if (r.Next(8) == 0)
            {
                // Stack a second mutation on the first (offsets then no longer match the layout, which is fine).
                // The layout of a corrupted file can be inconsistent enough to trip the mutator: then keep the first.
                if (TryMutate(new SourceFile(source.Name, mutant.Bytes), r) is { } second)
                    mutant = new Mutant(second.Bytes, mutant.Description + " + " + second.Description);
            }
            return (source.Name, mutant);
        });
        output.WriteLine(summary.Report());
        Assert.True(summary.FailureCount == 0, $"{summary.FailureCount} failing case(s) of {summary.Cases} (master seed {MasterSeed}):\n"
            + string.Join("\n", summary.Failures) + "\n" + summary.Report());
    }

    private static Mutant? TryMutate(SourceFile source, Random r)
    {
        try
        {
            return Mutator.Mutate(source, r);
        }
        catch (Exception e) when (e is ArgumentException or IndexOutOfRangeException or ParquetFormatException or OverflowException or NullReferenceException)
        {
            return null;
        }
    }
}
