using DeltaSharp.Conformance.Tests.Support;
using DeltaSharp.Tables;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.DeletionVectors;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;
using Xunit.Abstractions;

namespace DeltaSharp.Conformance.Tests.WeWrite;

/// <summary>
/// Tables written by DeltaSharp itself (DeltaTable.Create, Transaction, DataFileWriter, deletion vectors through
/// DeletionVectorOperations.MarkDeleted, post-commit checkpoints) and read back at every version by the independent
/// delta-replay oracle: its rows must be the hand-computed ones (so a writer that writes nothing cannot pass), and
/// DeltaSharp's reading must equal the oracle's (schema, rows, active files). The oracle cross-checks every
/// checkpoint against the JSON commits; a disagreement there fails the test (strict mode).
/// </summary>
public sealed class EngineWrittenTableOracleTests(ITestOutputHelper output) : IDisposable
{
    private static readonly StructType IdName = new(new StructField("id", DataType.Long), new StructField("name", DataType.String));
    private static readonly Dictionary<string, string> CheckpointEvery2 = new() { ["delta.checkpointInterval"] = "2" };
    private readonly TempDir _dir = new("deltasharp-wewrite");

    public void Dispose() => _dir.Dispose();

    private string Root => Path.Combine(_dir.Path, "table");

    private static DeltaTableOptions Options(bool legacy = false) => EngineReader.ConformanceOptions with { LegacyProtocolForNewTables = legacy };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AppendOverwriteDeleteWithCheckpoints_OracleAgreesAtEveryVersion(bool legacyProtocol)
    {
        var table = DeltaTable.Create(Root, IdName, properties: CheckpointEvery2, options: Options(legacyProtocol));
        var expected = new Dictionary<long, string[]> { [0] = [] };

        Append(table, [1L, "a"], [2L, null], [3L, "c"]);                                  // v1
        expected[1] = ["1:a", "2:", "3:c"];
        Append(table, [4L, "d"]);                                                          // v2 (checkpoint)
        expected[2] = ["1:a", "2:", "3:c", "4:d"];

        var s2 = table.Latest();
        var overwrite = s2.StartTransaction("WRITE").SetOperationParameter("mode", "Overwrite").ReadWholeTable();
        foreach (var f in s2.ActiveFiles) overwrite.Remove(f);
        overwrite.WriteData([RowBatches.Build(IdName, [10L, "x"], [11L, "y"], [12L, "z"])]);
        overwrite.Commit();                                                                // v3
        expected[3] = ["10:x", "11:y", "12:z"];

        if (legacyProtocol)
        {
            // Reader 1 / writer 2 has no deletion vectors: delete by rewriting.
            var s3 = table.Latest();
            var rewrite = s3.StartTransaction("DELETE").ReadWholeTable();
            foreach (var f in s3.ActiveFiles) rewrite.Remove(f);
            rewrite.WriteData([RowBatches.Build(IdName, [11L, "y"])]);
            rewrite.Commit();                                                              // v4 (checkpoint)
        }
        else
        {
            DeleteRows(table, 0, 2);                                                       // v4 (checkpoint): DV on rows 10, 12
        }
        expected[4] = ["11:y"];

        Append(table, [20L, "u"], [21L, "v"]);                                              // v5
        expected[5] = ["11:y", "20:u", "21:v"];
        if (!legacyProtocol)
        {
            DeleteRows(table, 1);                                                          // v6: DV on v5's file (row 21)
            expected[6] = ["11:y", "20:u"];
        }

        AssertCheckpointWritten(2);
        AssertCheckpointWritten(4);
        var oracle = OracleAgreement.AssertAtEveryVersion(Root, output.WriteLine, strict: true);
        Assert.Equal(expected.Keys.Order(), oracle.Keys.Order());
        foreach (var (version, rows) in expected) AssertIdNames(oracle, version, rows);
    }

    [Fact]
    public void DeletingMoreRowsOfAFileWithADeletionVector_OracleAgrees()
    {
        var table = DeltaTable.Create(Root, IdName, options: Options());
        Append(table, [1L, "a"], [2L, "b"], [3L, "c"], [4L, "d"]);                         // v1
        DeleteRows(table, 1);                                                              // v2
        DeleteRows(table, 3);                                                              // v3: merged with the existing DV
        var dv = Assert.Single(table.Latest().ActiveFiles).DeletionVector;
        Assert.Equal(2, dv!.Cardinality);
        var oracle = OracleAgreement.AssertAtEveryVersion(Root, output.WriteLine, strict: true);
        AssertIdNames(oracle, 2, ["1:a", "3:c", "4:d"]);
        AssertIdNames(oracle, 3, ["1:a", "3:c"]);
    }

    [Fact]
    public void PartitionedTableWithEscapedAndNullPartitionValues_OracleAgreesAtEveryVersion()
    {
        var schema = new StructType(new StructField("id", DataType.Long), new StructField("p", DataType.String));
        var table = DeltaTable.Create(Root, schema, partitionColumns: ["p"], properties: CheckpointEvery2, options: Options());
        Append(table, schema, [1L, "a b"], [2L, "x/y%z"], [3L, null], [4L, "a b"]);        // v1
        Append(table, schema, [5L, ""], [6L, "ü=1"]);                                       // v2 (checkpoint)
        var s2 = table.Latest();
        var drop = s2.StartTransaction("DELETE").ReadWholeTable();
        foreach (var f in s2.ActiveFiles.Where(f => f.PartitionValues.GetValueOrDefault("p") == "a b")) drop.Remove(f);
        drop.Commit();                                                                     // v3

        AssertCheckpointWritten(2);
        var oracle = OracleAgreement.AssertAtEveryVersion(Root, output.WriteLine, strict: true);
        // Spark writes an empty partition string as null (PROTOCOL.md: an empty string partition value is null).
        OracleAgreement.AssertOracleRows(oracle, 3, schema,
            """{"id":2,"p":"x/y%z"}""", """{"id":3,"p":null}""", """{"id":5,"p":null}""", """{"id":6,"p":"ü=1"}""");
    }

    [Fact]
    public void ColumnMappingNameMode_WithDeletionVectorsAndPartitions_OracleAgreesAtEveryVersion()
    {
        var schema = new StructType(new StructField("Id Col", DataType.Long), new StructField("part", DataType.Integer), new StructField("txt", DataType.String));
        var properties = new Dictionary<string, string> { ["delta.columnMapping.mode"] = "name", ["delta.checkpointInterval"] = "2" };
        var table = DeltaTable.Create(Root, schema, partitionColumns: ["part"], properties: properties, options: Options());
        Append(table, schema, [1L, 1, "a"], [2L, 1, "b"], [3L, 2, null]);                   // v1
        var s1 = table.Latest();
        var file = s1.ActiveFiles.Single(f => f.PartitionValues.Values.Single() == "1");
        var (remove, add) = DeletionVectorOperations.MarkDeleted(s1, file, [0L], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        s1.StartTransaction("DELETE").ReadFiles([file]).Remove(remove).Add(add).Commit();   // v2 (checkpoint)

        AssertCheckpointWritten(2);
        var oracle = OracleAgreement.AssertAtEveryVersion(Root, output.WriteLine, strict: true);
        OracleAgreement.AssertOracleRows(oracle, 2, schema, """{"Id Col":2,"part":1,"txt":"b"}""", """{"Id Col":3,"part":2,"txt":null}""");
    }

    private static void Append(DeltaTable table, params object?[][] rows) => Append(table, IdName, rows);

    private static void Append(DeltaTable table, StructType schema, params object?[][] rows)
    {
        var txn = table.Latest().StartTransaction("WRITE").SetOperationParameter("mode", "Append");
        txn.WriteData([RowBatches.Build(schema, rows)]);
        txn.Commit();
    }

    /// <summary>Soft-deletes rows (positions in the file) of the one file the latest commit added.</summary>
    private static void DeleteRows(DeltaTable table, params long[] rowIndexes)
    {
        var snapshot = table.Latest();
        var before = table.AtVersion(snapshot.Version - 1).ActiveFiles.Select(f => (f.Path, f.DvUniqueId)).ToHashSet();
        var added = snapshot.ActiveFiles.Where(f => !before.Contains((f.Path, f.DvUniqueId))).ToList();
        if (added.Count != 1)
            Assert.Fail($"v{snapshot.Version} should have added exactly one file, but the snapshot has {added.Count} new (path, DV) pairs: " +
                        string.Join(", ", added.Select(f => $"{f.Path} (DV {f.DvUniqueId ?? "none"})")));
        var file = added[0];
        var (remove, add) = DeletionVectorOperations.MarkDeleted(snapshot, file, rowIndexes, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        snapshot.StartTransaction("DELETE").ReadFiles([file]).Remove(remove).Add(add).Commit();
    }

    /// <summary>The oracle's rows of <paramref name="version"/> are exactly these "id:name" pairs (empty name = null).</summary>
    private static void AssertIdNames(IReadOnlyDictionary<long, DeltaExpectedVersion> oracle, long version, string[] idNames)
    {
        var rows = idNames.Select(p =>
        {
            var parts = p.Split(':');
            return $$"""{"id":{{parts[0]}},"name":{{(parts[1].Length == 0 ? "null" : "\"" + parts[1] + "\"")}}}""";
        }).ToArray();
        OracleAgreement.AssertOracleRows(oracle, version, IdName, rows);
    }

    private void AssertCheckpointWritten(long version) =>
        Assert.True(File.Exists(Path.Combine(Root, "_delta_log", $"{version:D20}.checkpoint.parquet")),
            $"expected a classic checkpoint at version {version} (delta.checkpointInterval = 2)");
}
