using DeltaSharp.Conformance.Tests.Support;
using DeltaSharp.Tables;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Corpus;

/// <summary>Time travel to a version outside the table's history: DELTA_VERSION_NOT_FOUND after the latest, a
/// DeltaException before the earliest reconstructable one; a DELTA_VERSION_NOT_FOUND message names the available
/// range (Spark: "Available versions: [earliest, latest]").</summary>
public sealed class VersionNotFoundTests
{
    [Theory]
    [MemberData(nameof(CorpusCases.ReadableTables), MemberType = typeof(CorpusCases))]
    public void AtVersion_AfterLatest_ThrowsVersionNotFoundNamingTheAvailableRange(string table)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        var meta = DeltaConformanceCorpus.Table(table);
        var deltaTable = DeltaTable.ForPath(meta.Dir, EngineReader.ConformanceOptions);
        foreach (var version in new[] { meta.LatestVersion + 1, meta.LatestVersion + 1000 })
        {
            var thrown = Record.Exception(() => deltaTable.AtVersion(version));
            var e = Assert.IsAssignableFrom<DeltaException>(thrown);
            Assert.Equal(ExpectedErrors.VersionNotFound, e.ErrorClass);
            Assert.True(ExpectedErrors.NamesNumber(e.Message, version), $"The message should name the requested version {version}: {e.Message}");
            Assert.Null(ExpectedErrors.RangeProblem(e, meta.EarliestReconstructableVersion, meta.LatestVersion));
        }
    }

    [Theory]
    [MemberData(nameof(CorpusCases.ReadableTables), MemberType = typeof(CorpusCases))]
    public void AtVersion_BeforeEarliest_ThrowsDeltaException(string table)
    {
        DeltaConformanceCorpus.FailIfMissing(table);
        var meta = DeltaConformanceCorpus.Table(table);
        var deltaTable = DeltaTable.ForPath(meta.Dir, EngineReader.ConformanceOptions);
        var versions = new List<long> { -1 };
        if (meta.EarliestReconstructableVersion > 0) versions.Add(meta.EarliestReconstructableVersion - 1);
        foreach (var version in versions)
        {
            var thrown = Record.Exception(() => deltaTable.AtVersion(version));
            var e = Assert.IsAssignableFrom<DeltaException>(thrown);
            if (e.ErrorClass == ExpectedErrors.VersionNotFound)
                Assert.Null(ExpectedErrors.RangeProblem(e, meta.EarliestReconstructableVersion, meta.LatestVersion));
        }
    }
}
