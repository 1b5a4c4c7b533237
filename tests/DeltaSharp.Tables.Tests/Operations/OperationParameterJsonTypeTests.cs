using System.Text;
using System.Text.Json;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Operations;
using DeltaSharp.Tables.Writing;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Tables.Tests.Operations;

/// <summary>commitInfo.operationParameters keep the JSON type of each Scala value in Delta's DeltaOperations
/// (written by JsonMapSerializer): booleans and numbers bare, strings quoted, None as null. Expected bytes are the
/// operationParameters objects of real Spark commits in the conformance corpus.</summary>
public sealed class OperationParameterJsonTypeTests
{
    /// <summary>The raw operationParameters object of the commitInfo in one conformance commit file.</summary>
    private static string SparkParameters(string table, long version)
    {
        var file = Path.Combine(RepoPaths.ConformanceTablesDir, table, "_delta_log", $"{version:D20}.json");
        foreach (var line in File.ReadLines(file))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.TryGetProperty("commitInfo", out var info)) return info.GetProperty("operationParameters").GetRawText();
        }
        throw new InvalidOperationException($"no commitInfo in {file}");
    }

    /// <summary>The operationParameters object as this engine writes it for <paramref name="operation"/>.</summary>
    private static string OurParameters(string operation, IReadOnlyDictionary<string, string?> parameters)
    {
        var info = new CommitInfo { Operation = operation, OperationParameters = CommitInfoBuilder.WithNullValues(parameters) };
        var line = Encoding.UTF8.GetString(ActionJsonWriter.SerializeCommit([info])).TrimEnd('\n');
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.GetProperty("commitInfo").GetProperty("operationParameters").GetRawText();
    }

    [Fact]
    public void RestoreVersionIsAJsonNumberAndAbsentTimestampIsNull() =>
        Assert.Equal(SparkParameters("basic-with-inserts-overwrite-restore", 3), OurParameters("RESTORE", Restore.Parameters(1, null)));

    [Fact]
    public void WriteStatsOnLoadIsAJsonBoolean() =>
        // compacted-log-files-table v1 (Databricks Runtime 16): {"mode":"Append","statsOnLoad":false,"partitionBy":"[]"}
        Assert.Equal(SparkParameters("compacted-log-files-table", 1), OurParameters("WRITE", OperationParameters.Write("Append")));

    [Fact]
    public void MergeParametersMatchSparksBytes() =>
        Assert.Equal(SparkParameters("compacted-log-files-table", 18), OurParameters("MERGE",
            OperationParameters.Merge("(id#5058 = id#5062)", [new MergeClause("update")], [new MergeClause("insert")], [])));

    [Fact]
    public void RestoreByTimestampWritesNullVersionAndTheTimestampString() =>
        Assert.Equal("""{"version":null,"timestamp":"2024-01-02 03:04:05.6"}""", OurParameters("RESTORE", Restore.Parameters(null, "2024-01-02 03:04:05.6")));

    [Theory]
    // DeltaOperations: UnsetTableProperties.ifExists: Boolean; DropConstraint.existed: the String "true"/"false";
    // CreateTable.isManaged: isManaged.toString; StreamingUpdate.epochId: epochId.toString.
    [InlineData("UNSET TBLPROPERTIES", "ifExists", "true", "true")]
    [InlineData("DROP CONSTRAINT", "existed", "true", "\"true\"")]
    [InlineData("CREATE TABLE", "isManaged", "false", "\"false\"")]
    [InlineData("STREAMING UPDATE", "epochId", "7", "\"7\"")]
    [InlineData("OPTIMIZE", "auto", "false", "false")]
    [InlineData("OPTIMIZE", "batchId", "0", "\"0\"")]
    [InlineData("VACUUM START", "defaultRetentionMillis", "604800000", "604800000")]
    [InlineData("RESTORE", "version", "not-a-number", "\"not-a-number\"")]
    public void EachParameterTakesItsScalaType(string operation, string key, string text, string expectedJson) =>
        Assert.Equal("{\"" + key + "\":" + expectedJson + "}", OurParameters(operation, new Dictionary<string, string?> { [key] = text }));
}
