using DeltaSharp.TestSupport;

namespace DeltaSharp.Parquet.Tests.Conformance;

/// <summary>
/// Every Parquet file of the conformance corpus — data files, change-data files, checkpoints (classic,
/// multi-part, v2) and sidecars, written by Spark, Databricks, delta-rs and the kernel test engine — must read
/// without error, give as many rows as its footer says, and (next class) give DuckDB's rows.
/// </summary>
public sealed class ConformanceParquetFileTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in ConformanceCorpus.ParquetFiles()) data.Add(f);
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ReadBatches_CorpusFile_ReadsEveryRowWithoutError(string file)
    {
        ConformanceCorpus.FailIfMissing(file);
        using var reader = ParquetFileReader.Open(ConformanceCorpus.FullPath(file));
        long rows = 0;
        foreach (var batch in reader.ReadBatches())
        {
            Assert.Equal(reader.Schema.Count, batch.Columns.Length);
            rows += batch.LiveRowCount;
        }
        Assert.Equal(reader.RowCount, rows);
    }
}

/// <summary>Every corpus Parquet file read by us equals DuckDB's reading of it, row by row in file order, after
/// the documented type mapping (<see cref="DuckDbTypeMapping"/>), with the mapped Spark schema.</summary>
[Collection(CorpusDuckDbCollection.Name)]
public sealed class ConformanceParquetFileVsDuckDbTests(CorpusDuckDbRows duck)
{
    [Theory]
    [MemberData(nameof(ConformanceParquetFileTests.Files), MemberType = typeof(ConformanceParquetFileTests))]
    public void ReadBatches_CorpusFile_EqualsDuckDbRowsInFileOrder(string file)
    {
        ConformanceCorpus.FailIfMissing(file);
        var (expected, schema) = duck.Expected(file);
        using var reader = ParquetFileReader.Open(ConformanceCorpus.FullPath(file));

        var difference = DuckDbTypeMapping.SchemaDifference(schema, reader.Schema);
        Assert.True(difference is null, difference);
        JsonRowComparer.AssertEqual(expected, RowJson.FromBatches(reader.ReadBatches()), schema, RowOrder.FileOrder);
    }
}
