using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Harness;

/// <summary>The corpus enumeration must see every expected file and parse each one: a file it skipped would be a
/// silently untested version.</summary>
public sealed class CorpusEnumerationTests
{
    [Fact]
    public void ExpectedVersions_MatchEachTablesMetaJson()
    {
        Assert.True(DeltaConformanceCorpus.Exists, $"The conformance corpus was not found at {DeltaConformanceCorpus.TablesDir}.");
        var byTable = DeltaConformanceCorpus.ExpectedVersions().GroupBy(x => x.Table).ToDictionary(g => g.Key, g => g.Select(x => x.Version).ToList());
        var tables = DeltaConformanceCorpus.TableNames();
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            var meta = DeltaConformanceCorpus.Table(table);
            Assert.Equal(meta.ExpectedVersions.Order().ToList(), byTable.GetValueOrDefault(table) ?? []);
            Assert.True(Directory.Exists(meta.LogDir), $"{table} has no _delta_log");
        }
    }

    [Fact]
    public void EveryExpectedFile_ParsesAndDescribesItsVersion()
    {
        foreach (var (table, version) in DeltaConformanceCorpus.ExpectedVersions())
        {
            var e = DeltaConformanceCorpus.Expected(table, version);
            Assert.Equal(version, e.Version);
            if (e.ExpectError)
            {
                Assert.False(string.IsNullOrEmpty(e.ErrorKind), $"{table}@v{version}: an error expectation without errorKind");
                continue;
            }
            Assert.NotNull(e.Columns);
            Assert.NotNull(e.NumRows);
            Assert.True(e.Rows is not null || e.ColumnStats is not null, $"{table}@v{version}: neither rows nor columnStats");
            if (e.Rows is not null) Assert.Equal(e.NumRows, e.Rows.Count);
            Assert.Equal(e.NumActiveFiles, e.ActiveFiles?.Count);
        }
    }

    [Fact]
    public void Meta_CommitTimestamps_AreReadWithTheirSource()
    {
        var meta = DeltaConformanceCorpus.Table("cdc_ict_table");
        Assert.All(meta.CommitTimestamps, c => Assert.True(c.IsInCommitTimestamp));
        var v1 = meta.CommitTimestamps.Single(c => c.Version == 1);
        Assert.Equal(1683874206883, v1.TimestampMillis);
        Assert.Equal(1783874206883, v1.CommitInfoTimestamp);
        var vacuumed = DeltaConformanceCorpus.Table("checkpoint-cdf-table");
        Assert.Equal(3, vacuumed.EarliestReconstructableVersion);
        Assert.Equal([0L, 1, 2], vacuumed.VersionsNotReconstructable);
    }
}
