using System.Text.Json;
using DeltaSharp.Columnar;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Tables.Tests.Writing;
using DeltaSharp.Types;
using DeltaSharp.Values;

namespace DeltaSharp.Tables.Tests.Operations;

/// <summary>
/// Steps 1–2 of ../shared/spec/demo-notebook-time-travel-and-clones.md at the Tables level (the engine's SQL is
/// replaced by the calls it makes): CREATE OR REPLACE TABLE, INSERT of five claims, UPDATE of the PENDING ones,
/// INSERT of three more. The history must match the notebook's DESCRIBE HISTORY rows (operation, parameters, metric
/// keys and the values that do not depend on file sizes or timing), and VERSION AS OF 1 must show the original rows.
/// </summary>
public sealed class DemoStoryTests : IDisposable
{
    private readonly OpsTable _t = new();

    public void Dispose() => _t.Dispose();

    private static readonly StructType Claims = new(
        new StructField("claim_id", DataType.String),
        new StructField("member_id", DataType.String),
        new StructField("provider_npi", DataType.String),
        new StructField("diagnosis_code", DataType.String),
        new StructField("claim_amount", new DecimalType(10, 2)),
        new StructField("service_date", DataType.Date),
        new StructField("adjudication_status", DataType.String),
        new StructField("last_updated", DataType.Timestamp));

    private static readonly DateTime Now1 = new(2025, 11, 5, 17, 28, 52, 219, DateTimeKind.Utc);
    private static readonly DateTime Now3 = new(2025, 11, 5, 17, 29, 0, 0, DateTimeKind.Utc);

    private static object?[] Claim(int n, string member, string npi, string code, long cents, int day, string status, DateTime at) =>
        [$"CLM-00{n}", member, npi, code, new DecimalValue(cents, 2), new DateOnly(2025, 1, day), status, at];

    private static readonly object?[][] First =
    [
        Claim(1, "MEM-78451", "1234567890", "E11.9", 125000, 15, "PENDING", Now1),
        Claim(2, "MEM-78452", "1234567891", "I10", 45075, 16, "APPROVED", Now1),
        Claim(3, "MEM-78453", "1234567892", "J44.0", 89025, 17, "PENDING", Now1),
        Claim(4, "MEM-78454", "1234567893", "M79.3", 32550, 18, "APPROVED", Now1),
        Claim(5, "MEM-78455", "1234567894", "F41.1", 67500, 19, "PENDING", Now1),
    ];

    private static readonly object?[][] Second =
    [
        Claim(6, "MEM-78456", "1234567895", "K21.9", 55000, 20, "PENDING", Now3),
        Claim(7, "MEM-78457", "1234567896", "N18.3", 187550, 21, "UNDER_REVIEW", Now3),
        Claim(8, "MEM-78458", "1234567897", "E78.5", 29000, 22, "APPROVED", Now3),
    ];

    private static object?[] Approved(object?[] row) => [.. row[..6], "APPROVED", row[7]];

    private Dictionary<string, string?> Parameters(long version) =>
        _t.CommitInfo(version).GetProperty("operationParameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.ValueKind switch { JsonValueKind.Null => null, JsonValueKind.String => p.Value.GetString(), _ => p.Value.GetRawText() });

    [Fact]
    public void ClaimsStory_HistoryMatchesTheNotebook()
    {
        // Step 1: CREATE OR REPLACE TABLE member_claims_prod (…) USING DELTA (a managed table).
        CreateOrReplace.Run(_t.Root, new TableDefinition(Claims) { IsManaged = true }, null, orCreate: true, _t.Options);
        // INSERT INTO … VALUES (5 rows).
        Append.Run(_t.Latest(), [TestBatches.Build(Claims, First)]);
        // Step 2: UPDATE … SET adjudication_status = 'APPROVED' WHERE adjudication_status = 'PENDING'.
        var snapshot = _t.Latest();
        var change = RowLevelChange.Start(snapshot, OperationNames.Update);
        var updated = new List<object?[]>();
        foreach (var file in snapshot.ActiveFiles)
        {
            var positions = new List<long>();
            foreach (var pb in FileRowReader.Read(snapshot, file))
            {
                var status = (BinaryVector)pb.Batch.Columns[6];
                var ids = (BinaryVector)pb.Batch.Columns[0];
                for (var i = 0; i < pb.Batch.LiveRowCount; i++)
                {
                    var row = pb.Batch.RowIndex(i);
                    if (status.GetString(row) != "PENDING") continue;
                    positions.Add(pb.PositionOf(i));
                    updated.Add(Approved(First.Single(r => (string)r[0]! == ids.GetString(row))));
                }
            }
            change.DeleteRows(file, positions);
        }
        change.WriteRows(TestBatches.Build(Claims, [.. updated]));
        Update.Commit(change, "(adjudication_status#17053 = PENDING)");
        // INSERT INTO … VALUES (3 rows).
        Append.Run(_t.Latest(), [TestBatches.Build(Claims, Second)]);

        var history = DeltaTable.ForPath(_t.Root, _t.Options).History();
        Assert.Equal(["WRITE", "UPDATE", "WRITE", "CREATE OR REPLACE TABLE"], history.Select(h => h.CommitInfo.Operation));

        // Version 0: CREATE OR REPLACE TABLE, {partitionBy: [], clusterBy: [], description: None, isManaged: true, properties, statsOnLoad: false}, no metrics, blind append.
        var p0 = Parameters(0);
        Assert.Equal(["partitionBy", "clusterBy", "description", "isManaged", "properties", "statsOnLoad"], p0.Keys);
        Assert.Equal(("[]", "[]", null, "true", "false"), (p0["partitionBy"], p0["clusterBy"], p0["description"], p0["isManaged"], p0["statsOnLoad"]));
        Assert.Contains("\"description\":null", File.ReadAllText(_t.CommitPath(0)));
        Assert.Contains("\"delta.enableDeletionVectors\":\"true\"", p0["properties"]);
        Assert.Empty(_t.Metrics(0));
        Assert.True(_t.CommitInfo(0).GetProperty("isBlindAppend").GetBoolean());
        Assert.Equal("WriteSerializable", _t.CommitInfo(0).GetProperty("isolationLevel").GetString());

        // Versions 1 and 3: WRITE {mode: Append, statsOnLoad: false, partitionBy: []}, numFiles 1, numOutputRows 5 / 3.
        foreach (var (version, rows) in new[] { (1L, 5), (3L, 3) })
        {
            Assert.Equal(new Dictionary<string, string?> { ["mode"] = "Append", ["statsOnLoad"] = "false", ["partitionBy"] = "[]" }, Parameters(version));
            var m = _t.Metrics(version);
            Assert.Equal(("1", rows.ToString()), (m["numFiles"], m["numOutputRows"]));
            Assert.Equal(version - 1, _t.CommitInfo(version).GetProperty("readVersion").GetInt64());
            Assert.True(_t.CommitInfo(version).GetProperty("isBlindAppend").GetBoolean());
        }

        // Version 2: UPDATE with a deletion vector, exactly the notebook's counts.
        Assert.Equal("[\"(adjudication_status#17053 = PENDING)\"]", Parameters(2)["predicate"]);
        var update = _t.Metrics(2);
        Assert.Equal(OperationMetrics.UpdateKeys.Order(), update.Keys.Order());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["numRemovedFiles"] = "0", ["numRemovedBytes"] = "0", ["numCopiedRows"] = "0", ["numDeletionVectorsAdded"] = "1",
                ["numDeletionVectorsUpdated"] = "0", ["numAddedFiles"] = "1", ["numUpdatedRows"] = "3", ["numDeletionVectorsRemoved"] = "0",
                ["numAddedChangeFiles"] = "0",
            },
            update.Where(kv => !kv.Key.EndsWith("TimeMs", StringComparison.Ordinal) && kv.Key != "numAddedBytes").ToDictionary());
        Assert.False(_t.CommitInfo(2).GetProperty("isBlindAppend").GetBoolean());

        // VERSION AS OF 1: the original five rows; latest: eight rows, the PENDING ones of version 1 approved.
        _t.AssertOracleRows(1, OpsTable.Rows(Claims, First), Claims);
        _t.AssertOracleRows(3, OpsTable.Rows(Claims, [.. First.Select(r => (string)r[6]! == "PENDING" ? Approved(r) : r), .. Second]), Claims);
    }
}
