using DeltaSharp.TestSupport;

namespace DeltaSharp.Parquet.Tests.Conformance;

/// <summary>
/// For each qualifying expected version (see <see cref="ConformanceCorpus"/>), the union of the rows of its active
/// files, projected by name to the expected columns (columns an old file lacks are null), equals the corpus'
/// independently computed <c>rows</c> as a multiset. The harness variant does the same with DuckDB as the reader
/// and must pass today: it shows that a failure of the first test is our reader's.
/// </summary>
[Collection(CorpusDuckDbCollection.Name)]
public sealed class ConformanceExpectedRowsTests(CorpusDuckDbRows duck)
{
    public static TheoryData<string, long> Versions()
    {
        var data = new TheoryData<string, long>();
        foreach (var (table, version) in ConformanceCorpus.QualifyingVersions()) data.Add(table, version);
        return data;
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void ActiveFiles_ReadWithOurReader_UnionEqualsExpectedRows(string table, long version)
    {
        ConformanceCorpus.FailIfMissing(table);
        var expected = ConformanceCorpus.Load(table, version);
        var actual = new List<string>();
        foreach (var path in expected.ActiveFiles)
        {
            using var reader = ParquetFileReader.Open(path);
            var present = expected.Schema.Fields.Select(f => f.Name).Where(n => reader.Schema.IndexOf(n) >= 0).ToList();
            foreach (var row in RowJson.FromBatches(reader.ReadBatches(new ParquetReadOptions { Columns = present })))
                actual.Add(ConformanceCorpus.ProjectRow(row, expected.Schema));
        }
        JsonRowComparer.AssertEqual(expected.Rows, actual, expected.Schema, RowOrder.Multiset);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public void Harness_ActiveFilesReadByDuckDb_UnionEqualsExpectedRows(string table, long version)
    {
        ConformanceCorpus.FailIfMissing(table);
        var expected = ConformanceCorpus.Load(table, version);
        var actual = new List<string>();
        foreach (var path in expected.ActiveFiles)
        {
            var relative = Path.GetRelativePath(ConformanceCorpus.TablesDir, path).Replace('\\', '/');
            foreach (var row in duck.Expected(relative).Rows) actual.Add(ConformanceCorpus.ProjectRow(row, expected.Schema));
        }
        JsonRowComparer.AssertEqual(expected.Rows, actual, expected.Schema, RowOrder.Multiset);
    }
}
