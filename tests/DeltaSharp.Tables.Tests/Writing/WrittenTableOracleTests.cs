using DeltaSharp.Columnar;
using DeltaSharp.Expressions;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Tests.Writing;

/// <summary>
/// Tables written by this engine (many types, awkward partition values, column mapping, a checkpoint, a delete)
/// read back by the independent delta-replay oracle (Node + DuckDB) version by version: the rows it finds must be
/// exactly the rows that were written.
/// </summary>
public sealed class WrittenTableOracleTests : IDisposable
{
    private readonly WriteTestTable _t = new();

    public void Dispose() => _t.Dispose();

    private static readonly StructType Schema = new(
        new StructField("id", DataType.Long, nullable: false),
        new StructField("region", DataType.String),
        new StructField("amount", new DecimalType(10, 2)),
        new StructField("day", DataType.Date),
        new StructField("ts", DataType.Timestamp),
        new StructField("local", DataType.TimestampNtz),
        new StructField("ok", DataType.Boolean),
        new StructField("score", DataType.Double),
        new StructField("tags", new ArrayType(DataType.String)),
        new StructField("attrs", new MapType(DataType.String, DataType.Integer)),
        new StructField("info", new StructType(new StructField("a", DataType.Integer), new StructField("b", DataType.String))));

    private static object?[] Row(long id, string? region, int i) =>
    [
        id,
        region,
        i % 5 == 0 ? null : new DecimalValue(id * 125 - 300, 2),
        new DateOnly(2024, 1, 1).AddDays(i),
        i % 4 == 0 ? null : new DateTime(2024, 1, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(i * 12_345_670L),
        new DateTime(2013, 7, 5, 17, 1, 0, DateTimeKind.Unspecified).AddSeconds(i),
        i % 3 == 0 ? null : i % 2 == 0,
        i * 1.5 - 2,
        i % 3 == 1 ? null : new List<object?> { "t" + i, null },
        i % 2 == 0 ? new List<KeyValuePair<object?, object?>> { new("k", i) } : null,
        i % 6 == 0 ? null : new object?[] { i, i % 2 == 0 ? null : "é" + i },
    ];

    private static readonly string?[] Regions = ["a b", "x/y=z%", null, "", "ünï:cödé"];

    private static ColumnBatch Batch(long firstId, int count) =>
        TestBatches.Build(Schema, Enumerable.Range(0, count).Select(i => Row(firstId + i, Regions[(int)((firstId + i) % Regions.Length)], (int)(firstId + i))).ToArray());

    /// <summary>The rows as the table holds them: an empty partition string is stored (and read) as null.</summary>
    private static List<string> Expected(IEnumerable<ColumnBatch> batches, Func<string, bool>? keep = null)
    {
        var rows = RowJson.FromBatches(batches).Select(r => r.Replace("\"region\":\"\"", "\"region\":null", StringComparison.Ordinal));
        return [.. rows.Where(r => keep?.Invoke(r) ?? true)];
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void OracleReadsEveryVersionAsWritten(bool columnMapping)
    {
        var properties = new Dictionary<string, string> { ["delta.checkpointInterval"] = "2" };
        if (columnMapping) properties["delta.columnMapping.mode"] = "name";
        _t.Create(["region"], properties, Schema);
        var first = Batch(0, 23);
        var second = Batch(23, 17);

        var txn = _t.Latest().StartTransaction("WRITE");
        txn.WriteData([first]);
        txn.Commit();
        txn = _t.Latest().StartTransaction("WRITE");
        txn.WriteData([second]);
        Assert.True(txn.Commit().CheckpointWritten);
        var snapshot = _t.Latest();
        var inAB = snapshot.ActiveFiles.Where(f => f.PartitionValues.Values.Single() == "a b").ToList();
        var delete = snapshot.StartTransaction("DELETE")
            .ReadPredicate(new Comparison(ComparisonOperator.Equal, new ColumnRef("region"), new Literal("a b", DataType.String)))
            .ReadFiles(inAB);
        foreach (var f in inAB) delete.Remove(f);
        delete.Commit();

        var expected = new Dictionary<long, List<string>>
        {
            [0] = [],
            [1] = Expected([first]),
            [2] = Expected([first, second]),
            [3] = Expected([first, second], r => !r.Contains("\"region\":\"a b\"", StringComparison.Ordinal)),
        };
        Assert.NotEqual(expected[2].Count, expected[3].Count);
        foreach (var (version, rows) in expected)
        {
            var oracle = DeltaReplay.Read(_t.Root, version);
            Assert.False(oracle.ExpectError, $"oracle refused version {version}: {oracle.ErrorKind} {oracle.ErrorReason}");
            JsonRowComparer.AssertEqual(rows, oracle.Rows!, Schema, RowOrder.Multiset);
        }
    }
}
