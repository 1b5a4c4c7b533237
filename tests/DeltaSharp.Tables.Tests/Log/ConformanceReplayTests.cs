using System.Text.Json;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Log;

/// <summary>Log replay against the conformance corpus: every expected/&lt;version&gt;.json's snapshot (active files with
/// their DV ids and partition values, schema, partition columns) must equal ours; expected errors must be raised
/// with the right class. Expected values were computed outside this project (shared/conformance/README.md).</summary>
public class ConformanceReplayTests
{
    private static readonly DeltaTableOptions NoRetentionCheck = new() { EnforceTimeTravelWithinDeletedFileRetention = false };

    public static TheoryData<string, long> ExpectedVersions()
    {
        var data = new TheoryData<string, long>();
        foreach (var table in Directory.GetDirectories(RepoPaths.ConformanceTablesDir).Order(StringComparer.Ordinal))
        {
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(table, "expected", "meta.json")));
            foreach (var v in meta.RootElement.GetProperty("expectedVersions").EnumerateArray())
                data.Add(Path.GetFileName(table), v.GetInt64());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExpectedVersions))]
    public void AtVersion_MatchesExpectedSnapshot(string table, long version)
    {
        var root = Path.Combine(RepoPaths.ConformanceTablesDir, table);
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "expected", $"{version}.json")));
        var e = expected.RootElement;
        var deltaTable = DeltaTable.ForPath(root, NoRetentionCheck);
        if (e.GetProperty("expectError").GetBoolean())
        {
            var kind = e.GetProperty("errorKind").GetString();
            switch (kind)
            {
                case "unsupported-protocol":
                    Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_READ", Assert.Throws<DeltaException>(() => deltaTable.AtVersion(version)).ErrorClass);
                    return;
                case "version-not-reconstructable":
                    Assert.Equal("DELTA_VERSION_NOT_FOUND", Assert.Throws<DeltaException>(() => deltaTable.AtVersion(version)).ErrorClass);
                    return;
                case "missing-data-file":
                    // The log is intact (the data files are gone): the snapshot itself must load; scanning fails elsewhere.
                    Assert.Equal(version, deltaTable.AtVersion(version).Version);
                    return;
                default:
                    Assert.Fail($"unknown errorKind {kind}");
                    return;
            }
        }

        var snapshot = deltaTable.AtVersion(version);
        Assert.Equal(version, snapshot.Version);

        var expectedFiles = e.GetProperty("activeFiles").EnumerateArray()
            .Select(f => (Path: f.GetProperty("path").GetString()!, Dv: DvId(f)))
            .ToHashSet();
        var actualFiles = snapshot.ActiveFiles.Select(a => (a.Path, Dv: a.DvUniqueId)).ToList();
        Assert.Equal(e.GetProperty("numActiveFiles").GetInt32(), actualFiles.Count);
        Assert.Equal(expectedFiles.Count, actualFiles.Count); // no duplicates on our side
        Assert.True(expectedFiles.SetEquals(actualFiles),
            $"missing: {string.Join(", ", expectedFiles.Except(actualFiles))}; unexpected: {string.Join(", ", actualFiles.Except(expectedFiles))}");

        foreach (var f in e.GetProperty("activeFiles").EnumerateArray())
        {
            var add = snapshot.ActiveFiles.Single(a => a.Path == f.GetProperty("path").GetString() && a.DvUniqueId == DvId(f));
            var pv = f.GetProperty("partitionValues");
            Assert.Equal(pv.EnumerateObject().Count(), add.PartitionValues.Count);
            foreach (var p in pv.EnumerateObject())
                Assert.Equal(p.Value.ValueKind == JsonValueKind.Null ? null : p.Value.GetString(), add.PartitionValues[p.Name]);
            if (f.GetProperty("deletionVector") is { ValueKind: JsonValueKind.Object } dv)
                Assert.Equal(dv.GetProperty("cardinality").GetInt64(), add.DeletionVector!.Cardinality);
        }

        Assert.Equal(e.GetProperty("partitionColumns").EnumerateArray().Select(c => c.GetString()), snapshot.PartitionColumns);
        var columns = e.GetProperty("columns").EnumerateArray().ToList();
        Assert.Equal(columns.Count, snapshot.Schema.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            Assert.Equal(columns[i].GetProperty("name").GetString(), snapshot.Schema[i].Name);
            Assert.Equal(SchemaJson.ParseType(columns[i].GetProperty("type").GetRawText()), snapshot.Schema[i].Type);
            Assert.Equal(columns[i].GetProperty("nullable").GetBoolean(), snapshot.Schema[i].Nullable);
        }
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void Latest_MatchesMetaJson(string table)
    {
        var root = Path.Combine(RepoPaths.ConformanceTablesDir, table);
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "expected", "meta.json")));
        var m = meta.RootElement;
        var deltaTable = DeltaTable.ForPath(root, NoRetentionCheck);
        Assert.True(deltaTable.Exists());
        if (m.GetProperty("expectReadFailure").GetBoolean() && m.GetProperty("readerFeatureAssessment").GetProperty("readable").GetBoolean() is false)
        {
            Assert.Equal("DELTA_UNSUPPORTED_FEATURES_FOR_READ", Assert.Throws<DeltaException>(deltaTable.Latest).ErrorClass);
            return;
        }
        var snapshot = deltaTable.Latest();
        Assert.Equal(m.GetProperty("latestVersion").GetInt64(), snapshot.Version);
        var protocol = m.GetProperty("protocol");
        Assert.Equal(protocol.GetProperty("minReaderVersion").GetInt32(), snapshot.Protocol.MinReaderVersion);
        Assert.Equal(protocol.GetProperty("minWriterVersion").GetInt32(), snapshot.Protocol.MinWriterVersion);
        var properties = m.GetProperty("tableProperties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(properties.OrderBy(p => p.Key), snapshot.Metadata.Configuration.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)).OrderBy(p => p.Key));
        var txns = m.GetProperty("setTransactions").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        Assert.Equal(txns.OrderBy(p => p.Key), snapshot.SetTransactions.Select(p => KeyValuePair.Create(p.Key, p.Value.Version)).OrderBy(p => p.Key));
        var domains = m.GetProperty("domainMetadata").EnumerateArray().Select(d => d.ValueKind == JsonValueKind.String ? d.GetString()! : d.GetProperty("domain").GetString()!).Order(StringComparer.Ordinal);
        Assert.Equal(domains, snapshot.Domains.Keys.Order(StringComparer.Ordinal));
        // The full schema with column-mapping metadata round-trips through our serializer.
        Assert.Equal(
            SchemaJson.Serialize(SchemaJson.ParseStruct(m.GetProperty("schema").GetRawText())),
            SchemaJson.Serialize(snapshot.Schema));
    }

    public static TheoryData<string> Tables()
    {
        var data = new TheoryData<string>();
        foreach (var table in Directory.GetDirectories(RepoPaths.ConformanceTablesDir).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(table));
        return data;
    }

    private static string? DvId(JsonElement file) =>
        file.GetProperty("deletionVector") is { ValueKind: JsonValueKind.Object } dv ? dv.GetProperty("uniqueId").GetString() : null;
}
