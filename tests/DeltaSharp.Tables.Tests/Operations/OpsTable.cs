using System.Text.Json;
using DeltaSharp.Columnar;
using DeltaSharp.Storage;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Tables.Tests.Writing;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Operations;

/// <summary>
/// A temporary table folder for the operation tests: schema (id long, name string, part string), a stepping clock,
/// helpers to read commits, the oracle's rows and hand-built expected rows. Deleted on dispose.
/// </summary>
internal sealed class OpsTable : IDisposable
{
    public static readonly StructType Schema = new(
        new StructField("id", DataType.Long, nullable: false),
        new StructField("name", DataType.String),
        new StructField("part", DataType.String));

    public OpsTable()
    {
        Root = Directory.CreateTempSubdirectory("ds-ops-").FullName;
        Clock = new SteppingTime(DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_000_000));
        Options = DeltaTableOptions.Default with { Time = Clock, UserName = "tester", FileStore = LocalFileStore.Instance };
    }

    public string Root { get; }

    public SteppingTime Clock { get; }

    public DeltaTableOptions Options { get; set; }

    public Snapshot Latest() => DeltaTable.ForPath(Root, Options).Latest();

    /// <summary>Creates the table (CREATE TABLE through the operation; default protocol has deletion vectors).</summary>
    public void Create(IReadOnlyDictionary<string, string>? properties = null, IReadOnlyList<string>? partitions = null) =>
        CreateTable.Run(Root, new TableDefinition(Schema) { Properties = properties ?? new Dictionary<string, string>(), PartitionColumns = partitions ?? [] },
            null, Options);

    public static object?[] Row(long id, string? part = "p") => [id, "n" + id, part];

    public static ColumnBatch Batch(IEnumerable<object?[]> rows) => TestBatches.Build(Schema, [.. rows]);

    public static ColumnBatch Batch(params long[] ids) => Batch(ids.Select(i => Row(i)));

    /// <summary>One append of the given ids (one file per partition).</summary>
    public OperationResult Append(params long[] ids) => Tables.Operations.Append.Run(Latest(), [Batch(ids)]);

    public OperationResult Append(IEnumerable<object?[]> rows) => Tables.Operations.Append.Run(Latest(), [Batch(rows)]);

    /// <summary>The expected rows as JSON (conformance conventions).</summary>
    public static List<string> Rows(IEnumerable<object?[]> rows) => RowJson.FromBatch(Batch(rows));

    public static List<string> Rows(params long[] ids) => Rows(ids.Select(i => Row(i)));

    /// <summary>Expected rows as JSON for another schema.</summary>
    public static List<string> Rows(StructType schema, object?[][] rows) => RowJson.FromBatch(TestBatches.Build(schema, rows));

    /// <summary>Asserts the delta-replay oracle reads exactly <paramref name="expected"/> at <paramref name="version"/>.</summary>
    public void AssertOracleRows(long version, IReadOnlyList<string> expected, StructType? schema = null)
    {
        var oracle = DeltaReplay.Read(Root, version);
        Assert.False(oracle.ExpectError, $"oracle refused version {version}: {oracle.ErrorKind} {oracle.ErrorReason}");
        JsonRowComparer.AssertEqual(expected, oracle.Rows!, schema ?? Schema, RowOrder.Multiset);
    }

    /// <summary>The file positions of the live rows whose id satisfies <paramref name="match"/>, per file.</summary>
    public static Dictionary<AddFile, List<long>> Positions(Snapshot snapshot, Func<long, bool> match)
    {
        var result = new Dictionary<AddFile, List<long>>();
        foreach (var file in snapshot.ActiveFiles)
        {
            var positions = new List<long>();
            foreach (var pb in FileRowReader.Read(snapshot, file, ["id"]))
            {
                var ids = (PrimitiveVector<long>)pb.Batch.Columns[0];
                for (var i = 0; i < pb.Batch.LiveRowCount; i++)
                    if (match(ids[pb.Batch.RowIndex(i)])) positions.Add(pb.PositionOf(i));
            }
            if (positions.Count > 0) result[file] = positions;
        }
        return result;
    }

    public string CommitPath(long version) => Path.Combine(Root, "_delta_log", $"{version:D20}.json");

    /// <summary>The actions of a commit as parsed JSON objects ({"add":{...}} per line).</summary>
    public List<JsonElement> CommitLines(long version) =>
        File.ReadAllLines(CommitPath(version)).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    public JsonElement CommitInfo(long version) => CommitLines(version).Single(l => l.TryGetProperty("commitInfo", out _)).GetProperty("commitInfo");

    public List<JsonElement> Actions(long version, string kind) =>
        [.. CommitLines(version).Where(l => l.TryGetProperty(kind, out _)).Select(l => l.GetProperty(kind))];

    /// <summary>operationMetrics of a commit as read from the file.</summary>
    public Dictionary<string, string> Metrics(long version) =>
        CommitInfo(version).GetProperty("operationMetrics").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
