using DeltaSharp.Columnar;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Interop.Tests.Support;

/// <summary>The row comparer must accept equal rows and reject every kind of difference the interop tests rely on.</summary>
public sealed class JsonRowComparerTests
{
    private static StructType Schema(string name, DataType type) => new(new StructField(name, type));

    private static string? Compare(string expected, string actual, DataType type, RowOrder order = RowOrder.FileOrder, RowCompareOptions? options = null) =>
        JsonRowComparer.Compare([$"{{\"v\":{expected}}}"], [$"{{\"v\":{actual}}}"], Schema("v", type), order, options);

    [Fact]
    public void Compare_IdenticalRows_ReturnsNull()
    {
        var rows = new[] { "{\"a\":1,\"b\":\"x\"}", "{\"a\":2,\"b\":null}" };
        var schema = new StructType(new StructField("a", DataType.Long), new StructField("b", DataType.String));
        Assert.Null(JsonRowComparer.Compare(rows, rows, schema, RowOrder.FileOrder));
        Assert.Null(JsonRowComparer.Compare(rows, rows, schema, RowOrder.Multiset));
    }

    [Fact]
    public void Compare_LongsDifferingOnlyBeyondDoublePrecision_Fails()
    {
        // Both parse to the same double; as Int64 they differ.
        var message = Compare("9223372036854775807", "9223372036854775806", DataType.Long);
        Assert.NotNull(message);
        Assert.Contains("9223372036854775807", message, StringComparison.Ordinal);
        Assert.Contains("9223372036854775806", message, StringComparison.Ordinal);
        Assert.Contains("column 'v'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_IntegerWrittenWithFraction_FailsForIntegralTypes()
    {
        Assert.NotNull(Compare("1", "1.0", DataType.Integer));
    }

    [Fact]
    public void Compare_FloatLiteralsOfTheSameFloat_AreEqualAsFloatButNotAsDouble()
    {
        // 0.1f widened to double prints as 0.10000000149011612.
        Assert.Null(Compare("0.1", "0.10000000149011612", DataType.Float));
        Assert.NotNull(Compare("0.1", "0.10000000149011612", DataType.Double));
    }

    [Fact]
    public void Compare_NaNAndInfinities_EqualThemselvesOnly()
    {
        Assert.Null(Compare("\"NaN\"", "\"NaN\"", DataType.Double));
        Assert.Null(Compare("\"-Infinity\"", "\"-Infinity\"", DataType.Float));
        Assert.NotNull(Compare("\"NaN\"", "\"Infinity\"", DataType.Double));
        Assert.NotNull(Compare("\"Infinity\"", "3.4028235e+38", DataType.Float));
    }

    [Fact]
    public void Compare_NegativeZeroVersusZero_Fails()
    {
        Assert.NotNull(Compare("-0.0", "0", DataType.Double));
        Assert.NotNull(Compare("-0.0", "0.0", DataType.Float));
        Assert.Null(Compare("-0.0", "-0", DataType.Double));
    }

    [Fact]
    public void Compare_ExponentAndPlainFormsOfOneDouble_AreEqual()
    {
        Assert.Null(Compare("1e+21", "1000000000000000000000", DataType.Double));
        Assert.Null(Compare("1E-05", "0.00001", DataType.Float));
    }

    [Fact]
    public void Compare_DecimalsWithDifferentScaleText_Fail()
    {
        Assert.NotNull(Compare("\"1.50\"", "\"1.5\"", new DecimalType(5, 2)));
        Assert.NotNull(Compare("\"1.50\"", "1.5", new DecimalType(5, 2)));
        Assert.Null(Compare("\"-0.01\"", "\"-0.01\"", new DecimalType(5, 2)));
    }

    [Fact]
    public void Compare_TimestampWithoutZone_FailsUnlessNormalisationIsExplicit()
    {
        var message = Compare("\"2020-01-01T00:00:00.000000Z\"", "\"2020-01-01T00:00:00.000000\"", DataType.Timestamp);
        Assert.NotNull(message);
        Assert.Contains("zone marker", message, StringComparison.Ordinal);
        Assert.Null(Compare("\"2020-01-01T00:00:00.000000Z\"", "\"2020-01-01T00:00:00.000000\"", DataType.Timestamp,
            options: new RowCompareOptions { AcceptZonelessTimestampsAsUtc = true }));
        // timestamp_ntz never accepts a Z.
        Assert.NotNull(Compare("\"2020-01-01T00:00:00.000000\"", "\"2020-01-01T00:00:00.000000Z\"", DataType.TimestampNtz,
            options: new RowCompareOptions { AcceptZonelessTimestampsAsUtc = true }));
    }

    [Fact]
    public void Compare_Timestamps_AreComparedAtMicrosecondPrecision()
    {
        Assert.Null(Compare("\"2020-01-01T00:00:00.123Z\"", "\"2020-01-01T00:00:00.123000Z\"", DataType.Timestamp));
        Assert.Null(Compare("\"2020-01-01T00:00:00.1234567Z\"", "\"2020-01-01T00:00:00.123456Z\"", DataType.Timestamp));
        Assert.NotNull(Compare("\"2020-01-01T00:00:00.123456Z\"", "\"2020-01-01T00:00:00.123457Z\"", DataType.Timestamp));
    }

    [Fact]
    public void Compare_MapEntriesInAnotherOrder_AreEqual_ButAValueDifferenceFails()
    {
        var type = new MapType(DataType.String, DataType.Integer);
        Assert.Null(Compare("[{\"key\":\"a\",\"value\":1},{\"key\":\"b\",\"value\":2}]", "[{\"key\":\"b\",\"value\":2},{\"key\":\"a\",\"value\":1}]", type));
        var message = Compare("[{\"key\":\"a\",\"value\":1}]", "[{\"key\":\"a\",\"value\":2}]", type);
        Assert.NotNull(message);
        Assert.Contains("key \"a\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ArraysInAnotherOrder_Fail()
    {
        Assert.NotNull(Compare("[1,2]", "[2,1]", new ArrayType(DataType.Integer)));
        Assert.NotNull(Compare("[1,2]", "[1,2,3]", new ArrayType(DataType.Integer)));
    }

    [Fact]
    public void Compare_NestedStructFieldDifference_NamesThePath()
    {
        var type = new StructType(new StructField("a", new StructType(new StructField("b", DataType.String))));
        var message = Compare("{\"a\":{\"b\":\"x\"}}", "{\"a\":{\"b\":\"y\"}}", type);
        Assert.NotNull(message);
        Assert.Contains("column 'v'.a.b", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_MissingOrExtraColumn_Fails()
    {
        var schema = new StructType(new StructField("a", DataType.Long), new StructField("b", DataType.Long));
        Assert.NotNull(JsonRowComparer.Compare(["{\"a\":1,\"b\":null}"], ["{\"a\":1}"], schema, RowOrder.FileOrder));
        Assert.NotNull(JsonRowComparer.Compare(["{\"a\":1}"], ["{\"a\":1,\"b\":null}"], schema, RowOrder.FileOrder));
        Assert.NotNull(JsonRowComparer.Compare(["{\"a\":1}"], ["{\"a\":1,\"b\":null}"], schema, RowOrder.Multiset));
    }

    [Fact]
    public void Compare_NullVersusValue_Fails()
    {
        Assert.NotNull(Compare("null", "0", DataType.Integer));
        Assert.NotNull(Compare("\"\"", "null", DataType.String));
    }

    [Fact]
    public void Compare_FileOrder_SwappedRowsFailWithTheRowIndex_MultisetAcceptsThem()
    {
        var schema = Schema("v", DataType.Integer);
        string[] expected = ["{\"v\":1}", "{\"v\":2}", "{\"v\":3}"];
        string[] actual = ["{\"v\":1}", "{\"v\":3}", "{\"v\":2}"];
        var message = JsonRowComparer.Compare(expected, actual, schema, RowOrder.FileOrder);
        Assert.NotNull(message);
        Assert.StartsWith("Row 1 (file order)", message, StringComparison.Ordinal);
        Assert.Null(JsonRowComparer.Compare(expected, actual, schema, RowOrder.Multiset));
    }

    [Fact]
    public void Compare_Multiset_CountsDuplicates()
    {
        var schema = Schema("v", DataType.Integer);
        var message = JsonRowComparer.Compare(["{\"v\":1}", "{\"v\":1}", "{\"v\":2}"], ["{\"v\":1}", "{\"v\":2}", "{\"v\":2}"], schema, RowOrder.Multiset);
        Assert.NotNull(message);
        Assert.Contains("1 expected row(s) not in actual", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_Multiset_ShowsTheNearestRowAndItsDifferingColumn()
    {
        var schema = new StructType(new StructField("id", DataType.Integer), new StructField("s", DataType.String));
        var message = JsonRowComparer.Compare(
            ["{\"id\":1,\"s\":\"a\"}", "{\"id\":2,\"s\":\"b\"}"],
            ["{\"id\":1,\"s\":\"a\"}", "{\"id\":2,\"s\":\"c\"}"], schema, RowOrder.Multiset);
        Assert.NotNull(message);
        Assert.Contains("column 's'", message, StringComparison.Ordinal);
        Assert.Contains("\"b\"", message, StringComparison.Ordinal);
        Assert.Contains("\"c\"", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_RowCountDifference_Fails()
    {
        var schema = Schema("v", DataType.Integer);
        var message = JsonRowComparer.Compare(["{\"v\":1}", "{\"v\":2}"], ["{\"v\":1}"], schema, RowOrder.FileOrder);
        Assert.NotNull(message);
        Assert.Contains("expected 2, actual 1", message, StringComparison.Ordinal);
    }

    [Fact]
    public void AssertEqual_OnDifference_Throws()
    {
        Assert.ThrowsAny<Exception>(() =>
            JsonRowComparer.AssertEqual(["{\"v\":1}"], ["{\"v\":2}"], Schema("v", DataType.Integer), RowOrder.FileOrder));
    }

    [Fact]
    public void RowJson_FromBatch_HonoursTheSelectionVector()
    {
        var schema = Schema("v", DataType.Integer);
        var batch = ColumnBatch.Create(schema, 4);
        var v = (PrimitiveVector<int>)batch.Columns[0];
        foreach (var x in new[] { 10, 11, 12, 13 }) v.Append(x);
        batch.RowCount = 4;
        var selection = new SelectionVector(4);
        selection.Indices[0] = 1;
        selection.Indices[1] = 3;
        selection.Count = 2;
        batch.Selection = selection;
        Assert.Equal(["{\"v\":11}", "{\"v\":13}"], RowJson.FromBatch(batch));
    }
}
