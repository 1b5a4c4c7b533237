using DeltaSharp.Conformance.Tests.Support;
using DeltaSharp.TestSupport;
using Xunit.Abstractions;

namespace DeltaSharp.Conformance.Tests.Corpus;

/// <summary>
/// The acceptance test of the read path: every expected/&lt;version&gt;.json of every corpus table, read by version
/// with the deleted-file retention check off, compared as the corpus README says (schema, partition columns,
/// numRows, row multiset or column stats, active files) — or, for a version that must not be readable, the right
/// refusal. Differences from an unverified expected result are written to the test output as warnings.
/// </summary>
public sealed class ReadAtVersionTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(CorpusCases.ExpectedVersions), MemberType = typeof(CorpusCases))]
    public void AtVersion_ReadsWhatTheCorpusExpects(string table, long version)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        var meta = DeltaConformanceCorpus.Table(table);
        var expected = DeltaConformanceCorpus.Expected(table, version);
        Assert.Equal(version, expected.Version);

        if (expected.ExpectError)
        {
            var thrown = Record.Exception(() => EngineReader.Read(meta.Dir, version));
            var problem = ExpectedErrors.Check(expected, thrown, meta.Dir, meta.EarliestReconstructableVersion, meta.LatestVersion);
            if (problem is not null) Assert.Fail($"{table}@v{version}: {problem}");
            output.WriteLine($"{table}@v{version} refused as expected: {ExpectedErrors.Show(thrown!)}");
            return;
        }

        DeltaActualVersion actual;
        try
        {
            actual = EngineReader.Read(meta.Dir, version);
        }
        catch (Exception e) when (!expected.Verified && !ExpectedErrors.IsProgrammingError(e))
        {
            // An unverified expectation (e.g. a deletion vector in a non-standard encoding) may rightly be refused.
            output.WriteLine($"WARNING (expected result is unverified: {string.Join("; ", expected.VerificationReasons)}): " +
                             $"{table}@v{version} was refused: {ExpectedErrors.Show(e)}");
            return;
        }
        var differences = DeltaResultComparer.Compare(expected, actual);
        DeltaResultComparer.AssertNoDifferences(expected, differences, $"{table}@v{version}", output.WriteLine);
        output.WriteLine($"{table}@v{version}: {actual.Rows!.Count} rows, {actual.ActiveFiles?.Count} active files agree with the corpus" +
                         (expected.Verified ? "" : " (unverified expectation)"));
    }

    /// <summary>The snapshot alone (schema, partition columns, active files with DVs and partition values), so a
    /// log-replay bug shows apart from a scan bug.</summary>
    [Theory]
    [MemberData(nameof(CorpusCases.ExpectedVersions), MemberType = typeof(CorpusCases))]
    public void AtVersion_SnapshotMatchesTheCorpus(string table, long version)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        var meta = DeltaConformanceCorpus.Table(table);
        var expected = DeltaConformanceCorpus.Expected(table, version);
        if (expected.ExpectError)
        {
            output.WriteLine($"{table}@v{version} must be refused ({expected.ErrorKind}); AtVersion_ReadsWhatTheCorpusExpects checks that");
            return;
        }
        var actual = EngineReader.ReadSnapshot(meta.Dir, version);
        DeltaResultComparer.AssertNoDifferences(expected, DeltaResultComparer.Compare(expected, actual), $"{table}@v{version} (snapshot)", output.WriteLine);
    }

    /// <summary>Latest() is meta.json's latestVersion (e.g. simple_table ignores the uncommitted
    /// _delta_log/.tmp/…5.json) and, where the corpus has that version, the same snapshot.</summary>
    [Theory]
    [MemberData(nameof(CorpusCases.ReadableTables), MemberType = typeof(CorpusCases))]
    public void Latest_IsTheCorpusLatestVersion(string table)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        var meta = DeltaConformanceCorpus.Table(table);
        var latest = DeltaSharp.Tables.DeltaTable.ForPath(meta.Dir, EngineReader.ConformanceOptions).Latest();
        Assert.Equal(meta.LatestVersion, latest.Version);
        if (!File.Exists(meta.ExpectedFile(meta.LatestVersion))) return;
        var expected = DeltaConformanceCorpus.Expected(table, meta.LatestVersion);
        if (expected.ExpectError) return;
        var actual = EngineReader.FromSnapshot(latest, scan: false);
        DeltaResultComparer.AssertNoDifferences(expected, DeltaResultComparer.Compare(expected, actual), $"{table} Latest()", output.WriteLine);
    }

    [Theory]
    [MemberData(nameof(CorpusCases.RefusedTables), MemberType = typeof(CorpusCases))]
    public void Latest_OfATableThatMustBeRefused_Throws(string table)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        var meta = DeltaConformanceCorpus.Table(table);
        var thrown = Record.Exception(() =>
            EngineReader.FromSnapshot(DeltaSharp.Tables.DeltaTable.ForPath(meta.Dir, EngineReader.ConformanceOptions).Latest()));
        var kind = meta.FailureReason?.Split(':')[0];
        var expected = new DeltaExpectedVersion { Version = meta.LatestVersion, ExpectError = true, ErrorKind = kind, ErrorReason = meta.FailureReason };
        var problem = ExpectedErrors.Check(expected, thrown, meta.Dir, meta.EarliestReconstructableVersion, meta.LatestVersion);
        if (problem is not null) Assert.Fail($"{table} (latest): {problem}");
    }
}
