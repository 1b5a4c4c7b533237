using DeltaSharp.TestSupport;

namespace DeltaSharp.Conformance.Tests.Support;

/// <summary>Theory data over the conformance corpus, computed from the folders present (a new table or expected
/// file needs no code change). Each case is (table name, version) or a table name, so test names read
/// <c>…(table: "simple_table", version: 4)</c>. When the corpus is missing, one case carries
/// <see cref="DeltaConformanceCorpus.Missing"/> and fails.</summary>
public static class CorpusCases
{
    /// <summary>Every (table, version) with an expected/&lt;version&gt;.json.</summary>
    public static TheoryData<string, long> ExpectedVersions()
    {
        var data = new TheoryData<string, long>();
        foreach (var (table, version) in DeltaConformanceCorpus.ExpectedVersions()) data.Add(table, version);
        return data;
    }

    /// <summary>Tables whose latest version is readable (meta.json expectReadFailure false).</summary>
    public static TheoryData<string> ReadableTables() => Tables(t => !t.ExpectReadFailure);

    /// <summary>Tables whose latest version must be refused.</summary>
    public static TheoryData<string> RefusedTables() => Tables(t => t.ExpectReadFailure);

    private static TheoryData<string> Tables(Func<DeltaCorpusTable, bool> keep)
    {
        var data = new TheoryData<string>();
        foreach (var name in DeltaConformanceCorpus.TableNames())
            if (name == DeltaConformanceCorpus.Missing || keep(DeltaConformanceCorpus.Table(name))) data.Add(name);
        if (data.Count == 0) data.Add(DeltaConformanceCorpus.Missing);
        return data;
    }
}
