using DeltaSharp.Parquet;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Interop.Tests.DuckDbWritten;

/// <summary>
/// DuckDB writes, we read: every file of <see cref="DuckDbWrittenMatrix"/> read with <see cref="ParquetFileReader"/>
/// must give DuckDB's rows in file order (after the documented type mapping in <see cref="DuckDbTypeMapping"/>),
/// the mapped Spark schema, and the same rows for column projections.
/// </summary>
[Collection(DuckDbWrittenCollection.Name)]
public sealed class DuckDbWritesWeReadTests(DuckDbWrittenFiles files)
{
    public static TheoryData<string> FileNames()
    {
        var data = new TheoryData<string>();
        foreach (var f in DuckDbWrittenMatrix.Files) data.Add(f.Name);
        return data;
    }

    public static TheoryData<string, string> ProjectionCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var (file, columns) in DuckDbWrittenMatrix.Projections) data.Add(file, string.Join(",", columns));
        return data;
    }

    [Theory]
    [MemberData(nameof(FileNames))]
    public void ReadBatches_AllColumns_EqualsDuckDbRowsInFileOrder(string file)
    {
        var describe = files.Describe(file);
        var expected = DuckDbTypeMapping.ExpectedRows(files.DuckDbRows(file), describe);
        Assert.Equal(describe.GetProperty("numRows").GetInt64(), expected.Count); // the expected side is complete

        using var reader = ParquetFileReader.Open(files.PathOf(file));
        var actual = RowJson.FromBatches(reader.ReadBatches());

        JsonRowComparer.AssertEqual(expected, actual, DuckDbTypeMapping.ExpectedSchema(describe), RowOrder.FileOrder);
    }

    [Theory]
    [MemberData(nameof(FileNames))]
    public void Open_Schema_IsSparkMappingOfDuckDbTypes(string file)
    {
        var describe = files.Describe(file);
        using var reader = ParquetFileReader.Open(files.PathOf(file));

        var difference = DuckDbTypeMapping.SchemaDifference(DuckDbTypeMapping.ExpectedSchema(describe), reader.Schema);
        Assert.True(difference is null, difference);
        Assert.Equal(describe.GetProperty("numRows").GetInt64(), reader.RowCount);
        Assert.Equal(describe.GetProperty("numRowGroups").GetInt32(), reader.RowGroupCount);
    }

    [Theory]
    [MemberData(nameof(ProjectionCases))]
    public void ReadBatches_ProjectedColumns_EqualsDuckDbProjection(string file, string columns)
    {
        var names = columns.Split(',');
        var index = IndexOfProjection(file, columns);
        var describe = files.Describe(file);
        var expected = DuckDbTypeMapping.ExpectedRows(files.DuckDbProjectionRows(index), describe, names);
        var expectedSchema = DuckDbTypeMapping.ExpectedSchema(describe, names);

        using var reader = ParquetFileReader.Open(files.PathOf(file));
        var batches = reader.ReadBatches(new ParquetReadOptions { Columns = names }).ToList();
        var actual = RowJson.FromBatches(batches);

        // The projected schema is the requested columns, in the requested order.
        foreach (var b in batches)
        {
            var difference = DuckDbTypeMapping.SchemaDifference(expectedSchema, b.Schema);
            Assert.True(difference is null, difference);
        }
        JsonRowComparer.AssertEqual(expected, actual, expectedSchema, RowOrder.FileOrder);
    }

    [Theory]
    [InlineData("rowgroups_zstd_v1", 333)]
    [InlineData("rowgroups_zstd_v2", 2048)]
    [InlineData("nested_zstd_v2", 97)]
    [InlineData("wide_strings_zstd_v1", 7)]
    public void ReadBatches_SmallBatchSize_BatchesAreBoundedAndRowsEqualDuckDb(string file, int batchSize)
    {
        var describe = files.Describe(file);
        var expected = DuckDbTypeMapping.ExpectedRows(files.DuckDbRows(file), describe);

        using var reader = ParquetFileReader.Open(files.PathOf(file));
        var batches = reader.ReadBatches(new ParquetReadOptions { BatchSize = batchSize }).ToList();

        Assert.All(batches, b => Assert.InRange(b.LiveRowCount, 0, batchSize));
        JsonRowComparer.AssertEqual(expected, RowJson.FromBatches(batches), DuckDbTypeMapping.ExpectedSchema(describe), RowOrder.FileOrder);
    }

    private static int IndexOfProjection(string file, string columns)
    {
        for (var i = 0; i < DuckDbWrittenMatrix.Projections.Count; i++)
            if (DuckDbWrittenMatrix.Projections[i].File == file && string.Join(",", DuckDbWrittenMatrix.Projections[i].Columns) == columns)
                return i;
        throw new ArgumentException($"No projection case {file} [{columns}].");
    }
}
