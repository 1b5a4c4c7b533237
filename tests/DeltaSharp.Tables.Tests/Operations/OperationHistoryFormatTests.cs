using System.Text.Json;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Operations;
using DeltaSharp.TestSupport;

namespace DeltaSharp.Tables.Tests.Operations;

/// <summary>
/// The commitInfo maps against independent references: the metric names the spec lists per operation
/// (../shared/spec/table-history-and-time-travel.md, "Operation metrics", parsed here), the history rows of the demo
/// notebook, and the commits Databricks wrote in the conformance corpus (compacted-log-files-table: CREATE TABLE AS
/// SELECT, WRITE, DELETE, UPDATE, MERGE) — key sets and parameter key order must match exactly.
/// </summary>
public sealed class OperationHistoryFormatTests
{
    private static string SpecPath => Path.GetFullPath(Path.Combine(RepoPaths.ConformanceTablesDir, "..", "..", "spec", "table-history-and-time-travel.md"));

    /// <summary>Operation name → metric names, from the spec's "Operation metrics" tables.</summary>
    private static Dictionary<string, List<string>> SpecMetricTables()
    {
        var lines = File.ReadAllLines(SpecPath);
        var tables = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var start = Array.FindIndex(lines, l => l.Trim() == "Operation metrics");
        Assert.True(start >= 0, "the spec has no 'Operation metrics' section");
        for (var i = start; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "Metric name Description") continue;
            // The operation header is the last non-empty line before "The following metrics are available …".
            var intro = Array.FindLastIndex(lines, i, l => l.StartsWith("The following metrics are available", StringComparison.Ordinal));
            var header = Array.FindLastIndex(lines, intro - 1, l => l.Trim().Length > 0);
            var operations = lines[header].Split(", ", StringSplitOptions.TrimEntries);
            var metrics = new List<string>();
            for (var j = i + 1; j < lines.Length && lines[j].Trim().Length > 0; j++) metrics.Add(lines[j].Trim().Split(' ')[0]);
            foreach (var op in operations) tables[op] = metrics;
            if (operations.Contains("VACUUM")) break;
        }
        return tables;
    }

    [Theory]
    [InlineData("WRITE")]
    [InlineData("CREATE TABLE AS SELECT")]
    [InlineData("REPLACE TABLE AS SELECT")]
    [InlineData("DELETE")]
    [InlineData("TRUNCATE")]
    [InlineData("MERGE")]
    [InlineData("UPDATE")]
    public void MetricKeys_IncludeEveryMetricTheSpecListsForTheOperation(string operation)
    {
        var spec = SpecMetricTables();
        Assert.True(spec.TryGetValue(operation, out var listed), $"spec table for {operation} not found; have {string.Join(" | ", spec.Keys)}");
        Assert.NotEmpty(listed);
        var ours = OperationMetrics.KeysOf(operation);
        Assert.All(listed, key => Assert.Contains(key, ours));
    }

    [Fact]
    public void SpecTables_AreParsedAsWritten()
    {
        var spec = SpecMetricTables();
        Assert.Equal(["numRemovedFiles", "executionTimeMs"], spec["TRUNCATE"]);
        Assert.Equal(["numFiles", "numOutputBytes", "numOutputRows"], spec["COPY INTO"]);
    }

    [Fact]
    public void UpdateKeys_AreTheKeysOfTheDemoNotebooksUpdateRow()
    {
        // demo-notebook-time-travel-and-clones.md, DESCRIBE HISTORY, version 2 (UPDATE), operationMetrics keys as shown.
        string[] demo = ["numRemovedFiles", "numRemovedBytes", "numCopiedRows", "numDeletionVectorsAdded", "executionTimeMs",
            "numDeletionVectorsUpdated", "scanTimeMs", "numAddedFiles", "numUpdatedRows", "numDeletionVectorsRemoved",
            "numAddedChangeFiles", "numAddedBytes", "rewriteTimeMs"];
        Assert.Equal(demo.Order(), OperationMetrics.UpdateKeys.Order());
    }

    public static TheoryData<string> DatabricksOperations() => ["CREATE TABLE AS SELECT", "WRITE", "DELETE", "UPDATE", "MERGE"];

    [Theory]
    [MemberData(nameof(DatabricksOperations))]
    public void MetricKeysAndParameterKeys_MatchTheCommitsDatabricksWrote(string operation)
    {
        var log = Path.Combine(RepoPaths.ConformanceTablesDir, "compacted-log-files-table", "_delta_log");
        var infos = Directory.GetFiles(log, "*.json").Order()
            .SelectMany(File.ReadAllLines)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("commitInfo", out var c) && c.GetProperty("operation").GetString() == operation)
            .Select(e => e.GetProperty("commitInfo"))
            .ToList();
        Assert.NotEmpty(infos);
        var ours = OperationMetrics.KeysOf(operation);
        var ourParameters = operation switch
        {
            "CREATE TABLE AS SELECT" => OperationParameters.CreateOrReplace(new Metadata("id", "{}", [], new Dictionary<string, string>(), new FileFormat()), true),
            "WRITE" => OperationParameters.Write("Append"),
            "DELETE" => OperationParameters.Delete("(id = 1)"),
            "UPDATE" => OperationParameters.Update("(id = 1)"),
            _ => OperationParameters.Merge("(a = b)", [MergeClause.UpdateClause()], [MergeClause.InsertClause()], []),
        };
        foreach (var info in infos)
        {
            Assert.Equal(info.GetProperty("operationMetrics").EnumerateObject().Select(p => p.Name).Order(), ours.Order());
            Assert.Equal(info.GetProperty("operationParameters").EnumerateObject().Select(p => p.Name), ourParameters.Keys);
        }
    }

    [Fact]
    public void MergeParameters_EncodeClausesAsDatabricksDoes()
    {
        // compacted-log-files-table version 18: matchedPredicates "[{\"actionType\":\"update\"}]", notMatched insert.
        var p = OperationParameters.Merge("(id#5058 = id#5062)", [MergeClause.UpdateClause()], [MergeClause.InsertClause()], []);
        Assert.Equal("[\"(id#5058 = id#5062)\"]", p["predicate"]);
        Assert.Equal("[{\"actionType\":\"update\"}]", p["matchedPredicates"]);
        Assert.Equal("[{\"actionType\":\"insert\"}]", p["notMatchedPredicates"]);
        Assert.Equal("[]", p["notMatchedBySourcePredicates"]);
        Assert.Equal("[]", p["clusterBy"]);
        Assert.Equal("false", p["statsOnLoad"]);
    }

    [Fact]
    public void DeleteMetrics_WithUnknownRowCount_DropRowLevelKeysAsDeltaDoes()
    {
        var files = new FileChangeMetrics { NumRemovedFiles = 2, NumRemovedBytes = 100 };

        var unknown = OperationMetrics.Delete(files, null, 5);
        var known = OperationMetrics.Delete(files, 7, 5);

        Assert.Equal(OperationMetrics.DeleteKeys.Except(["numDeletedRows", "numCopiedRows", "numAddedFiles"]).Order(), unknown.Keys.Order());
        Assert.Equal(OperationMetrics.DeleteKeys.Order(), known.Keys.Order());
        Assert.Equal("7", known["numDeletedRows"]);
        Assert.Equal("100", known["numRemovedBytes"]);
    }

    [Fact]
    public void DeletionVectorMetrics_CountUpdatedVectorsAsAddedAndRemoved()
    {
        var files = new FileChangeMetrics { NumDeletionVectorsAdded = 2, NumDeletionVectorsRemoved = 3, NumDeletionVectorsUpdated = 5 };

        var update = OperationMetrics.Update(files, 1, 0);
        var merge = OperationMetrics.Merge(files, new MergeRowCounts(), 0);

        Assert.Equal(("7", "8", "5"), (update["numDeletionVectorsAdded"], update["numDeletionVectorsRemoved"], update["numDeletionVectorsUpdated"]));
        Assert.Equal(("7", "8", "5"), (merge["numTargetDeletionVectorsAdded"], merge["numTargetDeletionVectorsRemoved"], merge["numTargetDeletionVectorsUpdated"]));
    }

    [Fact]
    public void WriteReplaceWhereMetrics_FollowDeltasTransforms()
    {
        static AddFile File(long size, long rows) => new($"f{size}", new Dictionary<string, string?>(), size, 0, true, $"{{\"numRecords\":{rows}}}");

        var full = OperationMetrics.WriteReplaceWhere([File(10, 2)], [File(30, 5), File(40, 1)]);
        var nothingWritten = OperationMetrics.WriteReplaceWhere([], [File(30, 5)]);
        var unknownRemoved = OperationMetrics.WriteReplaceWhere([File(10, 2)], [new AddFile("x", new Dictionary<string, string?>(), 7, 0, true)]);

        Assert.Equal(OperationMetrics.WriteReplaceWhereKeys.Order(), full.Keys.Order());
        Assert.Equal(("1", "2", "10", "2", "70", "6", "0"),
            (full["numFiles"], full["numOutputRows"], full["numOutputBytes"], full["numRemovedFiles"], full["numRemovedBytes"], full["numDeletedRows"], full["numCopiedRows"]));
        Assert.Equal(OperationMetrics.WriteReplaceWhereKeys.Except(["numDeletedRows", "numOutputRows", "numCopiedRows"]).Order(), nothingWritten.Keys.Order());
        Assert.Equal(OperationMetrics.WriteReplaceWhereKeys.Except(["numDeletedRows", "numCopiedRows"]).Order(), unknownRemoved.Keys.Order());
    }

    [Fact]
    public void KeysOf_AnUnknownOperation_IsRefused() =>
        Assert.Throws<ArgumentException>(() => OperationMetrics.KeysOf("OPTIMIZE"));
}
