using System.Text.Json;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Interop.Tests.DuckDbWritten;

/// <summary>
/// Checks of the expected side alone (DuckDB and duck.mjs), independent of our codec: the matrix really holds
/// the codecs and encodings it claims, every file has its rows, and the type mapping covers every column.
/// </summary>
[Collection(DuckDbWrittenCollection.Name)]
public sealed class DuckDbExpectedSideTests(DuckDbWrittenFiles files)
{
    [Fact]
    public void Fixture_EveryFile_HasAllRowsAndAMappableSchema()
    {
        foreach (var f in DuckDbWrittenMatrix.Files)
        {
            var describe = files.Describe(f.Name);
            Assert.Equal(describe.GetProperty("numRows").GetInt64(), files.DuckDbRows(f.Name).Count);
            var schema = DuckDbTypeMapping.ExpectedSchema(describe); // throws on an unmapped type
            Assert.Equal(describe.GetProperty("columns").GetArrayLength(), schema.Count);
        }
    }

    [Fact]
    public void Fixture_Files_CoverEveryCodecAndTheV2Encodings()
    {
        var codecs = new HashSet<string>(StringComparer.Ordinal);
        var v1Encodings = new HashSet<string>(StringComparer.Ordinal);
        var v2Encodings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in files.Coverage())
        {
            using var doc = JsonDocument.Parse(line);
            var row = doc.RootElement;
            var file = row.GetProperty("file").GetString()!;
            codecs.Add(row.GetProperty("compression").GetString()!);
            foreach (var e in row.GetProperty("encodings").GetString()!.Split(',', StringSplitOptions.TrimEntries))
                (file.EndsWith("_v2", StringComparison.Ordinal) ? v2Encodings : v1Encodings).Add(e);
        }
        Assert.Superset(new HashSet<string> { "UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW", "BROTLI" }, codecs);
        Assert.Superset(new HashSet<string> { "PLAIN", "PLAIN_DICTIONARY" }, v1Encodings);
        Assert.Superset(new HashSet<string> { "PLAIN", "RLE_DICTIONARY", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "BYTE_STREAM_SPLIT" }, v2Encodings);
    }

    [Fact]
    public void Fixture_ManyRowGroupsFile_HasManyRowGroups()
    {
        Assert.True(files.Describe("rowgroups_zstd_v1").GetProperty("numRowGroups").GetInt32() >= 8);
        Assert.True(files.Describe("scalars_zstd_v1").GetProperty("numRowGroups").GetInt32() >= 2);
    }

    [Fact]
    public void Mapping_UnsignedAndTimestampColumns_FollowTheDocumentedSparkTypes()
    {
        var schema = DuckDbTypeMapping.ExpectedSchema(files.Describe("scalars_zstd_v1"));
        DataType TypeOf(string name) => schema[schema.IndexOf(name)].Type;
        Assert.Equal(DataType.Short, TypeOf("u8"));
        Assert.Equal(DataType.Integer, TypeOf("u16"));
        Assert.Equal(DataType.Long, TypeOf("u32"));
        Assert.Equal(new DecimalType(20, 0), TypeOf("u64"));
        Assert.Equal(DataType.TimestampNtz, TypeOf("ts"));
        Assert.Equal(DataType.Timestamp, TypeOf("tstz"));
        Assert.Equal(DataType.TimestampNtz, TypeOf("tms"));
        Assert.Equal(DataType.TimestampNtz, TypeOf("tns"));
        Assert.Equal(DataType.String, TypeOf("uid"));
        Assert.Equal(DataType.String, TypeOf("en"));
        Assert.Equal(DataType.String, TypeOf("js"));
        Assert.Equal(DataType.Double, TypeOf("hi"));
        Assert.Equal(new DecimalType(38, 10), TypeOf("d38_10"));
    }

    [Fact]
    public void Mapping_UBigIntValues_BecomeDecimalStrings()
    {
        var describe = files.Describe("scalars_zstd_v1");
        var rows = DuckDbTypeMapping.ExpectedRows(files.DuckDbRows("scalars_zstd_v1"), describe, ["u64"]);
        using var row1 = JsonDocument.Parse(rows[1]);
        Assert.Equal("18446744073709551615", row1.RootElement.GetProperty("u64").GetString());
    }

    [Fact]
    public void DuckDbRows_SpecialValues_FollowTheCorpusConventions()
    {
        // Hand-written expectations (README "JSON value conventions"), not recorded output.
        var rows = files.DuckDbRows("scalars_zstd_v1");
        var schema = DuckDbTypeMapping.ExpectedSchema(files.Describe("scalars_zstd_v1"));
        string Field(int row, string column)
        {
            using var doc = JsonDocument.Parse(rows[row]);
            return doc.RootElement.GetProperty(column).GetRawText();
        }
        Assert.Equal("-9223372036854775808", Field(0, "i64"));
        Assert.Equal("9007199254740993", Field(3, "i64"));
        Assert.Equal("\"NaN\"", Field(0, "f32"));
        Assert.Equal("\"-Infinity\"", Field(2, "f64"));
        Assert.Equal("-0.0", Field(3, "f32"));
        Assert.Equal("3.4028235e+38", Field(4, "f32"));
        Assert.Equal("0.1", Field(8, "f32"));
        Assert.Equal("36.504", Field(10, "f32"));
        Assert.Equal("1.7976931348623157e+308", Field(4, "f64"));
        Assert.Equal("5e-324", Field(6, "f64"));
        Assert.Equal("\"-0.01\"", Field(3, "d4_2"));
        Assert.Equal("\"0.00\"", Field(2, "d4_2"));
        Assert.Equal("\"-9999999999999999999999999999.9999999999\"", Field(1, "d38_10"));
        Assert.Equal("\"0001-01-01\"", Field(0, "dt"));
        Assert.Equal("\"1582-10-04\"", Field(2, "dt"));
        Assert.Equal("\"9999-12-31T23:59:59.999999\"", Field(1, "ts"));
        Assert.Equal("\"1969-12-31T23:59:59.999999Z\"", Field(2, "tstz"));
        Assert.Equal("\"9999-12-31T23:59:59.999000\"", Field(1, "tms"));
        Assert.Equal("\"2262-04-11T00:00:00.123456\"", Field(1, "tns"));
        Assert.Equal("\"1970-01-01T00:00:00.000000\"", Field(2, "tns"));
        Assert.Equal("\"ffffffff-ffff-ffff-ffff-ffffffffffff\"", Field(1, "uid"));
        Assert.Equal("\"AP+Afw==\"", Field(1, "bl"));
        Assert.Equal("\"\"", Field(0, "bl"));
        Assert.Equal("18446744073709551615", Field(1, "u64"));
        Assert.Equal("\"blue\"", Field(1, "en"));
        Assert.Equal(DataType.Float, schema[schema.IndexOf("f32")].Type);
    }

    [Fact]
    public void DuckDbRows_NestedValues_FollowTheCorpusConventions()
    {
        var rows = files.DuckDbRows("nested_zstd_v1");
        string Field(int row, string column)
        {
            using var doc = JsonDocument.Parse(rows[row]);
            return doc.RootElement.GetProperty(column).GetRawText();
        }
        Assert.Equal("{\"a\":null,\"b\":null,\"c\":null}", Field(0, "st"));
        Assert.Equal("[]", Field(0, "li"));
        Assert.Equal("[null]", Field(1, "li"));
        Assert.Equal("[[1,2],[],null,[3]]", Field(3, "lili"));
        // Maps: entries sorted by the JSON text of the key.
        Assert.Equal("[{\"key\":\"\",\"value\":0},{\"key\":\"a\",\"value\":null},{\"key\":\"b\",\"value\":1},{\"key\":\"c\",\"value\":3}]", Field(1, "m"));
        Assert.Equal("[{\"key\":-1,\"value\":[null]},{\"key\":10,\"value\":[]},{\"key\":2,\"value\":[\"a\"]}]", Field(0, "mi"));
        Assert.Equal("[null,null,null]", Field(0, "arr3"));
    }

    [Fact]
    public void DuckDbRows_AreInFileOrder_NotSorted()
    {
        var dir = Path.Combine(files.Dir, "order");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "desc.parquet");
        DuckDb.Exec($"COPY (SELECT (9 - i)::INTEGER AS v FROM range(10) t(i)) TO {DuckDb.SqlString(file)} (FORMAT parquet)");
        Assert.Equal(
            ["{\"v\":9}", "{\"v\":8}", "{\"v\":7}", "{\"v\":6}", "{\"v\":5}", "{\"v\":4}", "{\"v\":3}", "{\"v\":2}", "{\"v\":1}", "{\"v\":0}"],
            DuckDb.Rows(file));
        Assert.Equal(["{\"v\":7}", "{\"v\":6}"], DuckDb.Rows(file, ["v"]).Skip(2).Take(2));
    }

    [Fact]
    public void DuckDb_BadSql_ThrowsWithDuckDbsMessage()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DuckDb.Query("SELECT * FROM no_such_table"));
        Assert.Contains("no_such_table", e.Message, StringComparison.Ordinal);
    }
}
