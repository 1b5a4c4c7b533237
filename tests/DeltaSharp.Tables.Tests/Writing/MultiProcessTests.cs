using System.Diagnostics;
using System.Globalization;
using DeltaSharp.Columnar;
using DeltaSharp.Tables.Actions;
using DeltaSharp.Tables.Writing;
using DeltaSharp.TestSupport;
using DeltaSharp.Types;

namespace DeltaSharp.Tables.Tests.Writing;

/// <summary>
/// Several operating-system processes (tests/DeltaSharp.Tables.StressWriter) writing one table: concurrent appends
/// produce gap-free versions holding every row, a delete racing an update of the same file loses with the named
/// conflict and changes nothing, and writers killed at random moments never leave a partial or unreadable version.
/// DELTASHARP_CRASH_RUNS sets the number of kills (default 20). About a minute in all; filter out with
/// <c>--filter "Category!=MultiProcess"</c> for a quick run.
/// </summary>
[Trait("Category", "MultiProcess")]
public sealed class MultiProcessTests : IDisposable
{
    private static readonly StructType Schema = new(new StructField("writer", DataType.Integer), new StructField("seq", DataType.Long));
    private readonly string _root = Directory.CreateTempSubdirectory("ds-multi-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { }
    }

    /// <summary>tests/DeltaSharp.Tables.StressWriter's build output for the configuration this test runs in.</summary>
    private static string WriterDll
    {
        get
        {
            var mine = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tfm = mine.Name;
            var config = mine.Parent!.Name;
            var dll = Path.Combine(RepoPaths.RepoRoot, "tests", "DeltaSharp.Tables.StressWriter", "bin", config, tfm, "DeltaSharp.Tables.StressWriter.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build tests/DeltaSharp.Tables.StressWriter first.");
            return dll;
        }
    }

    private static Process Start(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(WriterDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi)!;
    }

    private static (int Exit, string Out, string Err) Finish(Process p, TimeSpan timeout)
    {
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.Fail($"writer process timed out after {timeout}: {stderr.Result}");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static DeltaTableOptions NoRetentionLimit => DeltaTableOptions.Default with { EnforceTimeTravelWithinDeletedFileRetention = false };

    private static List<(int Writer, long Seq)> ReadRows(Snapshot snapshot)
    {
        var rows = new List<(int, long)>();
        foreach (var batch in snapshot.Scan().Build().ReadBatches())
        {
            var w = (PrimitiveVector<int>)batch.Columns[0];
            var s = (PrimitiveVector<long>)batch.Columns[1];
            for (var i = 0; i < batch.LiveRowCount; i++)
            {
                var r = batch.RowIndex(i);
                rows.Add((w[r], s[r]));
            }
        }
        return rows;
    }

    [Fact]
    public void FourProcesses_FiftyAppendsEach_ProduceVersionsOneToTwoHundredWithEveryRow()
    {
        DeltaTable.Create(_root, Schema);
        var writers = Enumerable.Range(0, 4).Select(w => Start("append", _root, w.ToString(CultureInfo.InvariantCulture), "50")).ToList();
        foreach (var p in writers)
        {
            var (exit, output, error) = Finish(p, TimeSpan.FromMinutes(5));
            Assert.True(exit == 0, $"writer failed: {output}{error}");
            Assert.StartsWith("DONE 50 commits", output, StringComparison.Ordinal);
        }

        var logDir = Path.Combine(_root, "_delta_log");
        var commits = Directory.GetFiles(logDir, "*.json").Select(f => long.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 201).Select(i => (long)i), commits);
        var table = DeltaTable.ForPath(_root, NoRetentionLimit);
        var latest = table.Latest();
        Assert.Equal(200, latest.Version);
        Assert.Equal(200, latest.ActiveFiles.Count);
        var expected = Enumerable.Range(0, 4).SelectMany(w => Enumerable.Range(0, 50).Select(s => (w, (long)s))).Order().ToList();
        Assert.Equal(expected, ReadRows(latest).Order().ToList());
        // Every commit added exactly one file and the in-commit timestamps strictly increase.
        long previous = 0;
        for (var v = 1; v <= 200; v++)
        {
            var actions = ActionJsonReader.ReadAll(File.ReadAllBytes(Path.Combine(logDir, $"{v:D20}.json")));
            Assert.Single(actions.OfType<AddFile>());
            var ict = actions.OfType<CommitInfo>().Single().InCommitTimestamp!.Value;
            Assert.True(ict > previous, $"inCommitTimestamp of version {v} ({ict}) is not after {previous}");
            previous = ict;
        }
        Assert.True(File.Exists(Path.Combine(logDir, "00000000000000000200.checkpoint.parquet")));
    }

    [Fact]
    public void DeleteRacingUpdateOfTheSameFile_LoserGetsTheNamedConflictAndChangesNothing()
    {
        DeltaTable.Create(_root, Schema);
        var txn = DeltaTable.ForPath(_root).Latest().StartTransaction("WRITE");
        txn.WriteData([TestBatches.Build(Schema, [1, 1L])]);
        txn.Commit();

        var go = Path.Combine(_root, "go.signal");
        var delete = Start("conflict", _root, "delete", Path.Combine(_root, "delete.ready"), go);
        var update = Start("conflict", _root, "update", Path.Combine(_root, "update.ready"), go);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(File.Exists(Path.Combine(_root, "delete.ready")) && File.Exists(Path.Combine(_root, "update.ready"))))
        {
            Assert.True(DateTime.UtcNow < deadline, "writers never got ready");
            Thread.Sleep(5);
        }
        File.WriteAllText(go, "go");
        var outputs = new[] { Finish(delete, TimeSpan.FromMinutes(2)), Finish(update, TimeSpan.FromMinutes(2)) };

        Assert.All(outputs, o => Assert.True(o.Exit == 0, o.Out + o.Err));
        var (deleteOut, updateOut) = (outputs[0].Out.Trim(), outputs[1].Out.Trim());
        var updateWon = updateOut == "COMMITTED 2";
        // Spark's order of checks: the update's new file is an append the delete should have read
        // (ConcurrentAppend); the delete removed the file the update read (ConcurrentDeleteRead).
        if (updateWon) Assert.Equal("CONFLICT DELTA_CONCURRENT_APPEND 2", deleteOut);
        else Assert.Equal(("COMMITTED 2", "CONFLICT DELTA_CONCURRENT_DELETE_READ 2"), (deleteOut, updateOut));
        var latest = DeltaTable.ForPath(_root).Latest();
        Assert.Equal(2, latest.Version);
        Assert.False(File.Exists(Path.Combine(_root, "_delta_log", "00000000000000000003.json")));
        Assert.Equal(updateWon ? [(99, 0L)] : [], ReadRows(latest));
    }

    [Fact]
    public async Task WriterKilledAtRandomMoments_NeverLeavesAPartialOrUnreadableVersion()
    {
        var runs = int.TryParse(Environment.GetEnvironmentVariable("DELTASHARP_CRASH_RUNS"), out var n) && n > 0 ? n : 20;
        DeltaTable.Create(_root, Schema, properties: new Dictionary<string, string> { ["delta.checkpointInterval"] = "3" });
        var random = new Random(20240611);
        var latest = 0L;
        for (var run = 0; run < runs; run++)
        {
            using var writer = Start("crash", _root, run.ToString(CultureInfo.InvariantCulture));
            var stderr = writer.StandardError.ReadToEndAsync();
            // Wait for the first commit (past start-up and JIT), then kill somewhere in the commits after it:
            // inside a data file, a commit's put-if-absent, a checkpoint or _last_checkpoint.
            string? first;
            try { first = await writer.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1)); }
            catch (TimeoutException) { first = null; }
            if (first is null)
            {
                if (!writer.HasExited) writer.Kill(entireProcessTree: true);
                Assert.Fail("writer never committed: " + await stderr);
            }
            var drain = writer.StandardOutput.ReadToEndAsync();
            await Task.Delay(random.Next(400));
            if (!writer.HasExited) writer.Kill(entireProcessTree: true);
            await writer.WaitForExitAsync();
            await drain;
            if (writer.ExitCode == 1) Assert.Fail("writer failed on its own: " + await stderr);
            latest = VerifyIntegrity(latest);
        }
        Assert.True(latest > runs, $"only {latest} versions were committed in {runs} runs; the writer barely ran");
    }

    /// <summary>Every commit file is complete JSON, every version from the earliest rebuildable one loads, the
    /// latest version's files exist and hold exactly the rows their stats promise. Returns the latest version.</summary>
    private long VerifyIntegrity(long previousLatest)
    {
        var logDir = Path.Combine(_root, "_delta_log");
        foreach (var commit in Directory.GetFiles(logDir, "*.json"))
        {
            var bytes = File.ReadAllBytes(commit);
            Assert.True(bytes.Length > 0 && bytes[^1] == (byte)'\n', $"{commit} is not a complete commit");
            var actions = ActionJsonReader.ReadAll(bytes, ActionKinds.All, commit);
            Assert.IsType<CommitInfo>(actions[0]);
        }
        var table = DeltaTable.ForPath(_root, NoRetentionLimit);
        var latest = table.Latest();
        Assert.True(latest.Version >= previousLatest, $"latest version went back from {previousLatest} to {latest.Version}");
        for (var v = 0; v <= latest.Version; v++) Assert.Equal(v, table.AtVersion(v).Version);
        long expectedRows = 0;
        foreach (var add in latest.ActiveFiles)
        {
            Assert.True(File.Exists(Path.Combine(_root, Uri.UnescapeDataString(add.Path))), $"{add.Path} of version {latest.Version} is missing");
            expectedRows += CommitInfoBuilder.NumRecords(add.Stats)!.Value;
        }
        Assert.Equal(expectedRows, ReadRows(latest).Count);
        return latest.Version;
    }
}
