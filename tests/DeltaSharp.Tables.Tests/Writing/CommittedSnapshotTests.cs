using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Log;
using DeltaSharp.Tables.Writing;
using FsCheck;
using FsCheck.Fluent;

namespace DeltaSharp.Tables.Tests.Writing;

/// <summary>The snapshot a commit leaves the table in, built in memory for the post-commit checkpoint, must equal
/// the one a log replay rebuilds from the files.</summary>
public class CommittedSnapshotTests
{
    /// <summary>One step: 0 = append new files, 1 = remove some active files, 2 = txn, 3 = set a domain, 4 = remove it,
    /// 5 = remove one file and re-add it with a deletion vector.</summary>
    private static void Apply(Transaction txn, Snapshot read, int step, int seed)
    {
        var active = read.ActiveFiles.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        switch (step)
        {
            case 0:
                for (var i = 0; i <= seed % 3; i++)
                    txn.Add(new AddFile($"f-{read.Version}-{i}.parquet", new Dictionary<string, string?>(), 10 + i, 1, true, "{\"numRecords\":1}"));
                break;
            case 1 when active.Count > 0:
                txn.ReadWholeTable();
                foreach (var f in active.Where((_, i) => (i + seed) % 2 == 0)) txn.Remove(f);
                break;
            case 2:
                txn.SetApplicationTransaction($"app-{seed % 2}", read.Version);
                break;
            case 3:
                txn.SetDomainMetadata($"dom-{seed % 2}", $"{{\"v\":{read.Version}}}");
                break;
            case 4 when read.Domains.Count > 0:
                txn.RemoveDomainMetadata(read.Domains.Keys.Order(StringComparer.Ordinal).First());
                break;
            case 5 when active.Count > 0:
                var file = active[seed % active.Count];
                txn.ReadWholeTable().Remove(file).Add(file with
                {
                    // A new descriptor per version (offset), so the re-added file is a new logical file.
                    DeletionVector = new DeletionVectorDescriptor("u", "ab^-aqEH.-t@S}K{vb[*k^", 1 + (int)read.Version, 40, 1),
                });
                break;
            default:
                txn.SetOperationParameter("noop", "true");
                break;
        }
    }

    [Fact]
    public void Build_AfterRandomCommits_EqualsTheReplayedSnapshot()
    {
        var property = Prop.ForAll(Gen.ListOf(Gen.Choose(0, 5)).Select(l => l.Take(8).ToArray()).ToArbitrary(), steps =>
        {
            using var table = new WriteTestTable();
            table.Create(properties: new Dictionary<string, string> { ["delta.enableDeletionVectors"] = "true" });
            var created = table.Latest();
            created.StartTransaction("SET TBLPROPERTIES")
                .UpdateProtocol(created.Protocol with { WriterFeatures = [.. created.Protocol.WriterFeatures ?? [], "domainMetadata"] })
                .Commit();
            var read = table.Latest();
            for (var i = 0; i < steps.Length; i++)
            {
                var txn = read.StartTransaction("TEST");
                Apply(txn, read, steps[i], i);
                var version = txn.Commit().Version;
                var commitPath = table.CommitPath(version);
                var written = ActionJsonReader.ReadAll(File.ReadAllBytes(commitPath));
                var built = CommittedSnapshot.Build(read, version, written, new LogFile(commitPath, Path.GetFileName(commitPath)));
                var replayed = table.Table.AtVersion(version);
                AssertSameState(replayed, built);
                read = replayed;
            }
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
    }

    private static void AssertSameState(Snapshot expected, Snapshot actual)
    {
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.Protocol.ToString(), actual.Protocol.ToString());
        Assert.Equal(expected.Metadata.Id, actual.Metadata.Id);
        Assert.Equal(expected.Metadata.SchemaString, actual.Metadata.SchemaString);
        Assert.Equal(expected.Metadata.Configuration.OrderBy(kv => kv.Key), actual.Metadata.Configuration.OrderBy(kv => kv.Key));
        static string Key(AddFile f) => $"{f.Path}|{f.DvUniqueId}|{f.Size}";
        Assert.Equal(expected.ActiveFiles.Select(Key).Order(StringComparer.Ordinal), actual.ActiveFiles.Select(Key).Order(StringComparer.Ordinal));
        Assert.Equal(expected.SetTransactions.Select(kv => $"{kv.Key}={kv.Value.Version}").Order(), actual.SetTransactions.Select(kv => $"{kv.Key}={kv.Value.Version}").Order());
        Assert.Equal(expected.Domains.Select(kv => $"{kv.Key}={kv.Value.Configuration}").Order(), actual.Domains.Select(kv => $"{kv.Key}={kv.Value.Configuration}").Order());
        Assert.Equal(expected.Segment!.Commits.Select(c => c.Name), actual.Segment!.Commits.Select(c => c.Name));
        Assert.Equal(expected.Segment.Checkpoint?.Version, actual.Segment.Checkpoint?.Version);
    }
}
