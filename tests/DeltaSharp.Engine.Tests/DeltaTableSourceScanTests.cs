using DeltaSharp.Columnar;
using DeltaSharp.Tables;

namespace DeltaSharp.Engine.Tests;

/// <summary>The Delta source's parallel scan parts (one per data file) and count(*) answered from metadata
/// (numRecords minus deletion-vector cardinality): every live row exactly once, with deletion vectors and partitions.</summary>
public sealed class DeltaTableSourceScanTests : IDisposable
{
    private readonly TempWarehouse _warehouse = new();
    private readonly Session _session;
    private readonly string _table;

    public DeltaTableSourceScanTests()
    {
        _session = Session.Open(_warehouse.Path);
        _table = Path.Combine(_warehouse.Path, "scan-parts");
        // Ids 1..60 over three inserts and two partitions: 6 data files. Then rows with id % 4 = 0 are deleted through
        // deletion vectors (the default for new tables), leaving 45 rows.
        _session.Sql($"CREATE TABLE delta.`{_table}` (id INT, p STRING) USING DELTA PARTITIONED BY (p)");
        for (var insert = 0; insert < 3; insert++)
        {
            var values = string.Join(", ", Enumerable.Range(insert * 20 + 1, 20).Select(i => $"({i}, '{(i % 2 == 0 ? "even" : "odd")}')"));
            _session.Sql($"INSERT INTO delta.`{_table}` VALUES {values}");
        }
        _session.Sql($"DELETE FROM delta.`{_table}` WHERE id % 4 = 0");
    }

    public void Dispose()
    {
        _session.Dispose();
        _warehouse.Dispose();
    }

    private static readonly int[] LiveIds = [.. Enumerable.Range(1, 60).Where(i => i % 4 != 0)];

    private DeltaTableSource Source() => new(DeltaTable.ForPath(_table).Latest(), "t");

    private static List<int> Ids(IEnumerable<ColumnBatch> batches)
    {
        var ids = new List<int>();
        foreach (var b in batches)
        {
            var v = (PrimitiveVector<int>)b.Columns[0];
            for (var i = 0; i < b.LiveRowCount; i++) ids.Add(v[b.RowIndex(i)]);
        }
        return ids;
    }

    [Fact]
    public void ScanParts_AreOnePerDataFile_AndReturnEveryLiveRowExactlyOnce()
    {
        var source = Source();
        Assert.Contains(source.Snapshot.ActiveFiles, f => f.DeletionVector is not null);
        var parts = source.ScanParts(["id", "p"], null);
        Assert.Equal(6, parts.Count);
        var ids = Ids(parts.SelectMany(p => p()));
        Assert.Equal(LiveIds, ids.Order());
        Assert.Equal(Ids(source.Scan(["id"], null)), ids);
    }

    [Fact]
    public void ScanParts_WithAPartitionPredicate_KeepOnlyThatPartitionsFiles()
    {
        var predicate = new Expressions.Comparison(Expressions.ComparisonOperator.Equal, new Expressions.ColumnRef("p"), new Expressions.Literal("odd", Types.DataType.String));
        var parts = Source().ScanParts(["id"], predicate);
        Assert.Equal(3, parts.Count);
        Assert.Equal(LiveIds.Where(i => i % 2 == 1), Ids(parts.SelectMany(p => p())).Order());
    }

    [Fact]
    public void CountOnlyParts_FromMetadata_EqualTheRowsOfAColumnScan()
    {
        var source = Source();
        var counted = source.ScanParts([], null).SelectMany(p => p()).Sum(b => (long)b.LiveRowCount);
        Assert.Equal(LiveIds.Length, counted);
        Assert.Equal(source.Scan(["id"], null).Sum(b => (long)b.LiveRowCount), counted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void CountStar_WithDeletionVectorsAndPartitions_MatchesTheLiveRows(int threads)
    {
        using var session = Session.Open(_warehouse.Path, new SessionOptions { MaxDegreeOfParallelism = threads });
        Assert.Equal((long)LiveIds.Length, session.Sql($"SELECT count(*) FROM delta.`{_table}`").Scalar());
        Assert.Equal((long)LiveIds.Count(i => i % 2 == 0), session.Sql($"SELECT count(*) FROM delta.`{_table}` WHERE p = 'even'").Scalar());
        Assert.Equal((long)LiveIds.Sum(), session.Sql($"SELECT sum(id) FROM delta.`{_table}`").Scalar());
        Assert.Equal(LiveIds.Select(i => (object?)i), session.Sql($"SELECT id FROM delta.`{_table}` ORDER BY id").ToRows().Select(r => r[0]));
    }
}
